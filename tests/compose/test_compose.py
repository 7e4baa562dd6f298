"""Composing the pack tree from a plan: what a reader would find, section by section, before
any writer lays it out. Properties hold for every case below, derived from the plan and the
bank rather than listed."""

from datetime import date

import pytest

from clinic_prep.choose.selection import select
from clinic_prep.compose.assemble import compose
from clinic_prep.compose.pack import (
    ChecksTable,
    Pack,
    QuestionGroup,
    RecordForm,
    RecordTable,
    WriteIn,
    words,
)
from clinic_prep.compose.sheets import sheets_for
from clinic_prep.content.model import Bank
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY

PROFILES = {
    "baby, parent": {"situations": ["newly-diagnosed"], "age": "4m", "involves": ["heart"]},
    "teen, self": {"situations": ["transition"], "age": 16, "reader": "self"},
    "sister, relative": {"situations": ["siblings"], "age": 30, "reader": "relative"},
    "adult at the heart clinic, dated checks": {
        "clinics": ["heart"],
        "age": 40,
        "reader": "self",
        "involves": ["heart"],
        "last_checks": {"echo": "2022-01"},
        "first_name": "Ana",
        "visit_date": "2026-12-01",
    },
}


def _pack(bank: Bank, fields: dict[str, object]) -> tuple[Profile, Pack]:
    profile = Profile.model_validate(fields)
    return profile, compose(select(profile, bank, TODAY), profile, bank)


@pytest.mark.parametrize("name", PROFILES)
def test_every_chosen_question_is_in_the_pack_once_in_plan_order(bank: Bank, name: str) -> None:
    profile = Profile.model_validate(PROFILES[name])
    plan = select(profile, bank, TODAY)
    pack = compose(plan, profile, bank)
    shown = [q.id for group in pack.groups for q in group.questions if q.id]
    assert shown == [q.id for q in plan.questions]
    numbers = [q.number for group in pack.groups for q in group.questions]
    assert numbers == list(range(1, len(numbers) + 1))
    # The three to ask first lead the pack, under their own heading.
    first = pack.groups[0]
    assert [q.id for q in first.questions] == [q.id for q in plan.top]


@pytest.mark.parametrize("name", PROFILES)
def test_the_record_sheets_are_the_readers_and_nothing_else(bank: Bank, name: str) -> None:
    profile, pack = _pack(bank, PROFILES[name])
    sheets = [section for section in pack.sections if section.record_sheet]
    assert [section.id for section in sheets] == [s.id for s in sheets_for(bank, profile.reader)]
    for section in sheets:
        assert any(
            isinstance(block, RecordTable | RecordForm | WriteIn) for block in section.blocks
        )


def test_a_relative_gets_no_surveillance_sheets_and_no_child_words(bank: Bank) -> None:
    _, pack = _pack(bank, PROFILES["sister, relative"])
    said = " ".join(text for block in pack.blocks() for text in words(block))
    assert "my child" not in said.lower()
    sheet_ids = {section.id for section in pack.sections if section.record_sheet}
    assert not sheet_ids & {"test-results", "medications", "genetic-result", "care-team"}
    assert "carrier-test" in sheet_ids


def test_every_space_to_write_in_has_its_own_name_and_field(bank: Bank) -> None:
    for fields in PROFILES.values():
        _, pack = _pack(bank, fields)
        write_ins = [block for block in pack.blocks() if isinstance(block, WriteIn)]
        assert write_ins
        assert len({w.field for w in write_ins}) == len(write_ins)
        assert len({w.description for w in write_ins}) == len(write_ins)
        labels = [
            label
            for group in pack.groups
            for q in group.questions
            for label in (q.asked_label, q.answer_label)
        ]
        assert len(set(labels)) == len(labels)


def test_the_header_names_the_person_and_the_date_the_checks_are_listed(bank: Bank) -> None:
    _, pack = _pack(bank, PROFILES["adult at the heart clinic, dated checks"])
    assert pack.header == "Ana · Visit on 1 December 2026"
    assert pack.checks and any("heart scan" in line.lower() for line in pack.checks)
    listed = [b for b in pack.blocks() if isinstance(b, ChecksTable)]
    assert len(listed) == 1


def test_a_handout_leaves_the_name_to_be_written_in(bank: Bank) -> None:
    profile = Profile.model_validate({"situations": ["awaiting-result"], "clinics": ["genetics"]})
    pack = compose(select(profile, bank, date(2026, 11, 23)), profile, bank, handout=True)
    cover = pack.sections[0]
    said = [text for block in cover.blocks for text in words(block)]
    assert not any("Ana" in text for text in said)
    assert pack.header == "Clinic visit"


@pytest.mark.parametrize("name", PROFILES)
def test_the_parts_asked_for_are_the_parts_made(bank: Bank, name: str) -> None:
    """The questions only: the start page, the questions and where to go next (no record
    sheets, and no "what we know" again), with a cover that does not promise them. The sheets
    only: every record sheet of the whole pack, and nothing else."""
    profile, whole = _pack(bank, PROFILES[name])
    _, questions = _pack(bank, {**PROFILES[name], "sections": "questions"})
    _, sheets = _pack(bank, {**PROFILES[name], "sections": "sheets"})
    assert whole.sheet_count == len(sheets_for(bank, profile.reader)) > 0
    kept = [s.id for s in whole.sections if not s.record_sheet and s.id != "what-we-know"]
    assert [s.id for s in questions.sections] == kept
    assert questions.groups == whole.groups and questions.sheet_count == 0
    assert [s for s in sheets.sections] == [s for s in whole.sections if s.record_sheet]
    assert not sheets.groups
    cover = " ".join(w for block in questions.sections[0].blocks for w in words(block))
    assert "keep this pack with your other records" in cover and "record sheets to" not in cover
    whole_cover = " ".join(w for block in whole.sections[0].blocks for w in words(block))
    assert f"{whole.sheet_count} record sheets to fill in" in whole_cover
    assert (questions.contents(), sheets.contents()) == (
        f"{whole.question_count} questions",
        f"{whole.sheet_count} record sheets",
    )
    assert questions.title.startswith("Questions for") and sheets.title.startswith("Record")


@pytest.mark.parametrize(("age", "adult"), [(30, True), (12, False)])
def test_an_adults_pack_is_headed_in_adult_words(bank: Bank, age: int, adult: bool) -> None:
    """Feelings and spine questions at the psychology and lung clinics: a 30-year-old's pack
    does not file them under "school" or "puberty"; a 12-year-old's keeps those headings."""
    fields = {
        "clinics": ["psychology", "lungs"],
        "age": age,
        "reader": "self",
        "involves": ["spine-bones", "development-learning"],
        "all_questions": True,
    }
    _, pack = _pack(bank, fields)
    titles = {topic.title: topic for topic in bank.topics}
    heads = {b.title for s in pack.sections for b in s.blocks if isinstance(b, QuestionGroup)}
    for topic in titles.values():
        if topic.title_adult:
            assert (topic.title_adult in heads) is adult, topic.id
            assert (topic.title in heads) is not adult, topic.id

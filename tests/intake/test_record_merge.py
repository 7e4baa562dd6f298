"""Merging a typed-in pack into the family's record, over random records and random typed
fields: nothing typed is lost, nothing is doubled, and merging the same pack twice changes
nothing the second time."""

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_prep.api import default_bank, plan_for
from clinic_prep.compose.assemble import compose
from clinic_prep.core.last_done import LastDone
from clinic_prep.core.pack_mark import PackMark
from clinic_prep.core.text import typed_text
from clinic_prep.intake.filled_pack import TICKED, FilledPack
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.record import (
    Allergy,
    Appointment,
    CareTeamMember,
    FamilyRecord,
    Medicine,
    Result,
)
from clinic_prep.intake.record_merge import merge_pack, table_specs
from clinic_prep.intake.typed_dates import dated_text
from tests.conftest import TODAY

BANK = default_bank()
CHECK_NAMES = {check.name: check.id for check in BANK.checks}
COLUMNS = {table: len(spec.columns) for table, spec in table_specs(BANK.sheets).items()}
COLUMNS["test-results"] = 4  # the check, and three visits: as many as fit in standard print
PROFILE = Profile.model_validate(
    {"clinics": ["heart"], "age": 12, "fillable": True, "visit_date": "2026-12-10"}
)
RECORD_ID = "0123456789abcdef0123456789abcdef"

word = st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=8)
phrase = st.lists(word, min_size=1, max_size=3).map(" ".join)
maybe = st.none() | phrase
when = st.dates(date(2000, 1, 1), date(2026, 11, 1)).map(
    lambda day: LastDone(day.year, day.month, day.day)
)
results = st.one_of(
    st.builds(Result, check=st.sampled_from(sorted(CHECK_NAMES.values())), date=when, result=maybe),
    st.builds(Result, test=phrase, date=when, result=maybe),
)
records = st.builds(
    FamilyRecord,
    record_id=st.just(RECORD_ID),
    care_team=st.lists(st.builds(CareTeamMember, role=phrase, name=maybe, phone=maybe), max_size=3),
    medicines=st.lists(
        st.builds(Medicine, name=phrase, dose_and_when=maybe, stopped=maybe), max_size=3
    ),
    allergies=st.lists(st.builds(Allergy, what=phrase, reaction=maybe), max_size=2),
    results=st.lists(results, max_size=4),
    appointments=st.lists(st.builds(Appointment, date=when, clinic=maybe), max_size=3),
    carry_forward=st.lists(phrase, max_size=2, unique=True),
)


def _mark(record: FamilyRecord) -> PackMark:
    pack = compose(plan_for(PROFILE, TODAY, BANK), PROFILE, BANK, record=record)
    assert pack.mark is not None
    return pack.mark


def _typed(data: st.DataObject, mark: PackMark) -> dict[str, str]:
    """Random text in random fields of the pack: record-sheet cells (results as a date and a
    word, or text with no date), the notes, the questions to carry, answers and ticks."""
    values: dict[str, str] = {}
    for table, keys in mark.rows.items():
        rows = data.draw(st.lists(st.integers(1, len(keys) + 3), max_size=3, unique=True))
        for row in rows:
            column = data.draw(st.integers(1, COLUMNS[table]))
            if table == "test-results" and column > 1:
                dated = st.builds(lambda day, what: f"{day.for_file()} {what}", when, word)
                values[f"{table}-r{row}-{column}"] = data.draw(dated | phrase)
            else:
                values[f"{table}-r{row}-{column}"] = data.draw(phrase)
    if data.draw(st.booleans()):
        values["notes"] = data.draw(phrase)
    if data.draw(st.booleans()):
        values["next-time"] = "\n".join(data.draw(st.lists(phrase, min_size=1, max_size=3)))
    for number in data.draw(st.lists(st.sampled_from(sorted(mark.questions)), max_size=3)):
        values[f"q{number}-answer"] = data.draw(phrase)
    for number in data.draw(st.lists(st.sampled_from(sorted(mark.questions)), max_size=3)):
        values[f"q{number}-asked"] = TICKED
    return values


def _everything_said(record: FamilyRecord, conflicts: list[str]) -> set[str]:
    words: set[str] = set()
    for value in [*record.model_dump(mode="json").values(), *conflicts]:
        words.update(str(value).replace("'", " ").replace(",", " ").split())
    return words


def _doubles(items: list[Any]) -> int:
    return len(items) - len({repr(item) for item in items})


@given(records, st.data())
def test_nothing_typed_is_lost_nothing_doubled_and_a_second_merge_changes_nothing(
    record: FamilyRecord, data: st.DataObject
) -> None:
    mark = _mark(record)
    # As read from a PDF: normalised as typed_text leaves it.
    typed = {name: typed_text(text, keep_lines=True) for name, text in _typed(data, mark).items()}
    filled = FilledPack(mark, typed, {})
    merged = merge_pack(record, filled, BANK.sheets, CHECK_NAMES)

    said = _everything_said(merged.record, merged.conflicts)
    for name, text in filled.values.items():
        if text == TICKED:
            continue
        dated = dated_text(text)
        words = [dated[0].for_file(), *(dated[1] or "").split()] if dated else text.split()
        assert all(word in said for word in words), (name, text)

    for key in ("care_team", "medicines", "allergies", "results", "appointments", "notes"):
        before, after = getattr(record, key), getattr(merged.record, key)
        assert len(after) >= len(before)
        assert _doubles(after) <= _doubles(before), key
        for old, new in zip(before, after, strict=False):  # an entry is only ever filled in
            if not isinstance(old, str):
                kept = old.model_dump(exclude_none=True)
                assert new.model_dump(exclude_none=True).items() >= kept.items()

    again = merge_pack(merged.record, filled, BANK.sheets, CHECK_NAMES)
    assert again.record == merged.record
    assert again.changes == [] and again.unplaced == []


def test_a_carried_question_goes_once_it_is_asked() -> None:
    record = FamilyRecord(record_id=RECORD_ID, carry_forward=["Is the sleep study due?"])
    mark = _mark(record)
    carried = next(number for number, q in mark.questions.items() if q.carried)
    untouched = merge_pack(record, FilledPack(mark, {}, {}), BANK.sheets, CHECK_NAMES)
    assert untouched.record.carry_forward == ["Is the sleep study due?"]
    asked = FilledPack(mark, {f"q{carried}-asked": TICKED}, {})
    merged = merge_pack(record, asked, BANK.sheets, CHECK_NAMES)
    assert merged.record.carry_forward == []
    assert [answer.question for answer in merged.record.answers] == ["Is the sleep study due?"]


def test_another_result_for_the_same_check_and_day_is_a_conflict_not_an_overwrite() -> None:
    held = Result(check="echo", date=LastDone(2026, 3, 2), result="normal")
    record = FamilyRecord(record_id=RECORD_ID, results=[held])
    mark = _mark(record)
    row = mark.rows["test-results"].index("check:echo") + 1
    typed = FilledPack(mark, {f"test-results-r{row}-3": "2026-03-02 thickened"}, {})
    merged = merge_pack(record, typed, BANK.sheets, CHECK_NAMES)
    assert merged.record.results == [held]
    assert merged.conflicts and "thickened" in merged.conflicts[0]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-03 normal", ("2026-11-03", "normal")),
        ("2026-11: 4.1%", ("2026-11", "4.1%")),
        ("3 November 2026: 4.1%", ("2026-11-03", "4.1%")),
        ("Nov 2026 ok", ("2026-11", "ok")),
        ("2026-11-03", ("2026-11-03", None)),
        ("03/11/2026 normal", None),  # 3 November or 11 March: not guessed
        ("2026-13-01 normal", None),
        ("last spring", None),
    ],
)
def test_a_date_and_result_in_one_cell(typed: str, expected: tuple[str, str | None] | None) -> None:
    found = dated_text(typed)
    assert (found[0].for_file(), found[1]) == expected if found else expected is None

"""The shipped question bank, and the content check that guards it."""

import re
from pathlib import Path

import pytest

from clinic_prep.content.bank import check_content, load_bank
from clinic_prep.content.model import Bank
from clinic_prep.content.premises import DEFAULT_READERS
from clinic_prep.core.errors import ContentError
from clinic_prep.core.vocabulary import Clinic, Reader, Situation

SEED_ADVICE = {
    # The seed page's own advice, by question id.
    "gen-explain-simpler": "explain the result again in simpler words",
    "gen-counselling": "talk with a genetic counsellor",
    "gen-relatives-talk": "relatives talk to their own doctors",
    "gen-result-says": "What does the test result say",
    "gen-changes-follow-up": "change my child's check-ups",
}


def test_shipped_bank_is_sound() -> None:
    from clinic_prep.core.resources import content_dir

    assert check_content(content_dir()) == []


def test_bank_has_at_least_150_questions(bank: Bank) -> None:
    assert len(bank.questions) >= 150


@pytest.mark.parametrize("situation", [s for s in Situation if s is not Situation.ROUTINE_VISIT])
def test_every_situation_has_questions(bank: Bank, situation: Situation) -> None:
    assert sum(situation in q.question.when.situations for q in bank.questions) >= 5


@pytest.mark.parametrize("clinic", list(Clinic))
def test_every_clinic_has_questions(bank: Bank, clinic: Clinic) -> None:
    assert sum(clinic in q.question.when.clinics for q in bank.questions) >= 2


@pytest.mark.parametrize(("question_id", "words"), SEED_ADVICE.items())
def test_seed_advice_is_in_the_bank(bank: Bank, question_id: str, words: str) -> None:
    texts = {q.question.id: q.question.text for q in bank.questions}
    assert words in texts[question_id]


def test_every_question_cites_a_known_source_and_has_an_updated_date(bank: Bank) -> None:
    for item in bank.questions:
        assert item.question.sources, item.question.id
        assert all(source in bank.sources for source in item.question.sources)
        assert item.question.updated is not None


def test_parent_wording_always_has_a_self_wording(bank: Bank) -> None:
    """A question that says "my child" must read right for an adult reading about themselves."""
    parental = re.compile(r"\b(my child|my baby|our family)\b", re.IGNORECASE)
    for item in bank.questions:
        question = item.question
        if parental.search(question.text) and Reader.SELF in (
            question.when.readers or DEFAULT_READERS
        ):
            assert question.text_self, f"{question.id} needs text_self"
            assert not parental.search(question.text_self), question.id


def test_what_we_know_says_the_cause_is_genetic_and_nobodys_fault(bank: Bank) -> None:
    cause = next(block for block in bank.knowledge if not block.situations)
    text = " ".join(cause.paragraphs)
    for words in ("ALMS1", "autosomal recessive", "Nothing a parent did", "vaccines"):
        assert words in text


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    """The line of the last occurrence of ``needle`` (a duplicate is the later one)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    matches = [number for number, line in enumerate(lines, start=1) if needle in line]
    assert matches, needle
    return matches[-1]


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "  - id: gen-how-long\n",
            "  - id: gen-which-test\n",
            "id: gen-which-test",
            "duplicate question id",
        ),
        (
            "sources: [consensus-2020]\n",
            "sources: [made-up-source]\n",
            "made-up-source",
            "unknown source id",
        ),
        (
            "    when: {situations: [suspected, awaiting-result]}\n"
            "    priority: 1\n    sources: [consensus-2020]\n",
            "    when: {situaton: [suspected]}\n    priority: 1\n    sources: [consensus-2020]\n",
            "situaton",
            "Extra inputs are not permitted",
        ),
        (
            "    updated: 2026-11-23\n  - id: gen-how-told",
            "  - id: gen-how-told",
            "id: gen-how-long",
            "updated: Field required",
        ),
        ("    priority: 1\n", "    priority: urgent\n", "priority: urgent", "priority"),
        (
            "How long will it take to get the result?",
            "How long will it take? And who calls?",
            "And who calls",
            "exactly one question",
        ),
    ],
)
def test_content_check_names_file_and_line(
    content_copy: Path, old: str, new: str, needle: str, message: str
) -> None:
    path = content_copy / "questions" / "01-genetics.yaml"
    _break(path, old, new)
    problems = check_content(content_copy)
    assert problems, "the broken copy passed the check"
    found = [p for p in problems if message in p.message]
    assert found, [str(p) for p in problems]
    assert found[0].path.name == "01-genetics.yaml"
    assert found[0].line == _line_of(path, needle)


def test_broken_yaml_reports_its_line(content_copy: Path) -> None:
    path = content_copy / "questions" / "05-eyes.yaml"
    _break(path, "  - id: eye-cataract\n", "  - id: [eye-cataract\n")
    problems = check_content(content_copy)
    assert len(problems) == 1
    assert "not valid YAML" in problems[0].message
    assert abs(problems[0].line - _line_of(path, "[eye-cataract")) <= 2


def test_load_bank_refuses_broken_content(content_copy: Path) -> None:
    _break(content_copy / "sources.yaml", "  - id: omim\n", "  - id: genereviews\n")
    with pytest.raises(ContentError, match=r"sources.yaml:\d+: duplicate source id"):
        load_bank(content_copy)


def test_a_phrase_that_loses_its_blank_is_named_by_file_and_line(content_copy: Path) -> None:
    """The pack's words are content: a phrase whose name in braces is misspelt would print
    a gap in every pack, so the check names the phrase, the file and the line."""
    path = content_copy / "words.yaml"
    _break(path, '  why: "Why ask: {why}"', '  why: "Why ask: {reason}"')
    problems = check_content(content_copy)
    found = [p for p in problems if "needs {why} in braces" in p.message]
    assert found and found[0].path.name == "words.yaml", [str(p) for p in problems]
    assert "why" in found[0].message and found[0].line == _line_of(path, "{reason}")


def test_the_pack_takes_its_words_from_the_content(content_copy: Path) -> None:
    """Headings changed in words.yaml are the headings every format prints, the PDF's table
    columns and the review form's too (their widths follow what a column holds, not its
    name)."""
    from clinic_prep import api
    from clinic_prep.choose.selection import select
    from clinic_prep.compose.assemble import compose
    from clinic_prep.core.vocabulary import OutputFormat
    from clinic_prep.intake.profile import Profile
    from clinic_prep.write.renderers import render
    from tests.conftest import TODAY, pdf_text

    words = content_copy / "words.yaml"
    _break(words, "  start_with_these: Start with these", "  start_with_these: Ask these first")
    _break(words, "  how_often: How often", "  how_often: Usual gap")
    _break(words, "review_column: Your review (circle one)", "review_column: Your mark")
    bank = load_bank(content_copy)
    profile = Profile.model_validate({"situations": ["annual-review"], "age": 30})
    pack = compose(select(profile, bank, TODAY), profile, bank)
    text = pdf_text(render(OutputFormat.PDF, pack).data)
    assert "Ask these first" in text and "Start with these" not in text
    assert "Check Usual gap" in text and "How often" not in text
    review = pdf_text(api.make_review(bank, OutputFormat.PDF)[0].data)
    assert "Your mark" in review and "circle one" not in review

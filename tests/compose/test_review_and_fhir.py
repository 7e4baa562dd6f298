"""The clinician's review sheet of the whole bank, and the FHIR Questionnaire export."""

import io
import json
from pathlib import Path

import pypdf
import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.api import default_bank
from clinic_prep.compose.in_words import conditions_in_words
from clinic_prep.compose.review import review_sheet
from clinic_prep.content.schema import When
from tests.conftest import ROOT, pdf_text

runner = CliRunner()


@pytest.fixture(scope="module")
def review_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("review") / "review.pdf"
    result = runner.invoke(cli.app, ["content", "report", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    # In the order the cells are drawn, each cell's lines together, spaces made single.
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_review_sheet_lists_every_question_in_full(review_text: str) -> None:
    bank = default_bank()
    for item in bank.questions:
        question = item.question
        assert question.id in review_text
        assert " ".join(question.text.split()) in review_text, question.id
        if question.text_self:
            assert question.text_self in review_text, question.id
    assert "GeneReviews (2019)" in review_text  # by name in each question's row
    assert review_text.count("Paisey RB, Steeds R, Barrett T") == 1  # in full, once at the end
    # A box to mark for every question and every visit rule, and none besides.
    marked = len(bank.questions) + len(review_sheet(bank).rules)
    assert review_text.count("OK / Change / Remove") == marked
    # Each row's id line: its priority, reading grade and when its wording last changed.
    first = bank.questions[0].question
    assert f"{first.id} · priority {first.priority} · grade" in review_text
    assert "reading grade is the US school grade" in review_text
    # A wording is labelled for whom it is: a relative's own question is not a parent's.
    relative = next(i.question for i in bank.questions if i.question.when.readers == ["relative"])
    assert f"Relative: {relative.text}" in review_text
    assert f"Parent: {relative.text}" not in review_text
    assert "Last reviewed" not in review_text


def test_review_sheet_has_a_sign_off_box_per_topic(review_text: str) -> None:
    for topic in default_bank().topics:
        assert f"Sign-off: {topic.title}" in review_text
    assert review_text.count("Reviewed by") >= len(default_bank().topics)


def test_conditions_read_as_words() -> None:
    when = When.model_validate(
        {
            "situations": ["newly-diagnosed"],
            "clinics": ["eyes"],
            "involves_all": ["vision", "hearing"],
            "not_involves": ["diabetes"],
            "age": {"min": 2, "max": 12},
            "sex": "female",
            "readers": ["parent"],
            "diagnosis": "confirmed",
            "results": ["uncertain"],
        }
    )
    assert conditions_in_words(when) == (
        "For: Newly diagnosed or Eye clinic. Affects: Sight and Hearing. "
        "Not when it affects: Diabetes. Ages 2 to 12. Sex: female. "
        "Read by a parent or carer. Diagnosis: confirmed. "
        "Genetic result: A gene change of uncertain meaning (VUS)."
    )
    assert conditions_in_words(When()) == "Every visit."
    sheet = review_sheet(default_bank())
    for entry in (e for topic in sheet.topics for e in topic.entries):
        assert entry.conditions.endswith("."), entry.id


def test_review_sheet_html(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    overlay = ROOT / "samples" / "clinic" / "local-questions"
    result = runner.invoke(
        cli.app,
        ["content", "report", "--format", "html", "-o", str(out), "--content-dir", str(overlay)],
    )
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "northfield-results-clinic (local: Northfield Clinical Genetics)" in page
    assert "gen-research-registry" not in page  # retired by the clinic


def test_fhir_questionnaire_is_valid_and_mirrors_the_plan() -> None:
    args = ["generate", "-s", "siblings", "-c", "genetics", "--ask", "Can I bring my sister?"]
    plan = json.loads(runner.invoke(cli.app, [*args, "-f", "json"]).stdout)
    result = runner.invoke(cli.app, [*args, "-f", "fhir"])
    assert result.exit_code == 0
    resource = json.loads(result.stdout)
    parsed = Questionnaire.model_validate(resource)  # FHIR R4 (4.x) structure
    assert parsed.status == "active"
    groups = resource["item"]
    assert all(group["type"] == "group" for group in groups)
    assert [g["text"] for g in groups][:2] == ["Start with these", "Your own questions"]
    questions = [item for group in groups for item in group["item"]]
    assert all(item["type"] == "text" for item in questions)
    link_ids = [item["linkId"] for item in questions]
    assert set(link_ids) == {q["id"] for q in plan["questions"]} | {"own-4"}
    assert "Can I bring my sister?" in [item["text"] for item in questions]


@pytest.mark.slow  # the whole bank laid out for review
def test_review_pdf_cites_each_source_once_with_no_near_empty_pages() -> None:
    """The forms name their sources; the list at the end gives each in full, once."""
    from clinic_prep.api import default_bank, make_review
    from clinic_prep.compose.review import review_sheet
    from clinic_prep.core.vocabulary import OutputFormat
    from tests.layout_check import check_layout

    sheet = review_sheet(default_bank())
    data = make_review(default_bank(), OutputFormat.PDF)[0].data
    report = check_layout(data)
    assert report.near_empty_pages == [] and report.stranded_headings == []
    text = pdf_text(data)
    lists = [sheet.rules_citations, *(topic.citations for topic in sheet.topics)]
    citations = {c for cited in lists for c in cited}
    # Counted by the citation's words before its address (a long address may wrap mid-way).
    times_cited = {c: text.count(" ".join(c.split(" http")[0].split())) for c in citations}
    assert times_cited == dict.fromkeys(citations, 1)


def test_the_review_is_a_pack_that_every_writer_prints(tmp_path: Path) -> None:
    """The review is blocks of the pack tree: the HTML gives each question and rule its own
    choice of OK, change or remove and a comment box (as the paper form has), the text and
    JSON carry the same rows, and FHIR (a questionnaire for families) is refused."""
    bank = default_bank()
    items = len(bank.questions) + len(review_sheet(bank).rules)
    made = {}
    for fmt in ("html", "txt", "json"):
        out = tmp_path / f"review.{fmt}"
        result = runner.invoke(cli.app, ["content", "report", "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.stderr
        made[fmt] = out.read_text(encoding="utf-8")
    html = made["html"]
    assert html.count('type="radio"') == 3 * items
    assert html.count("<legend>Your review of ") == items
    assert "<legend>Your review of gen-baby-heart-scan</legend>" in html
    assert html.count('<label for="sign-off-') == 4 * (len(bank.topics) + 1)
    # What is typed or chosen vanishes with the tab, as a family's answers do: the page says
    # so and offers the same button to keep it as a file.
    assert 'id="save-answers"' in html and 'field.type === "radio"' in html
    assert made["txt"].count("Your review (circle one): OK / Change / Remove. Comment:") == items
    kinds = [block["type"] for section in json.loads(made["json"])["pack"]["sections"]
             for block in section["blocks"]]  # fmt: skip
    assert kinds.count("ReviewForm") == kinds.count("SignOff") == len(bank.topics) + 1
    refused = runner.invoke(cli.app, ["content", "report", "-f", "fhir", "-o", str(tmp_path / "x")])
    assert refused.exit_code == 2 and "--format" in refused.stderr
    assert not (tmp_path / "x").exists()

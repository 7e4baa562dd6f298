"""The start page, read back from the PDF as a family would find it: on page 1, what the pack
holds and in what order, three steps (before, at and after the visit), where the questions
stand, the box for the three most important questions, and who to call."""

import io
from pathlib import Path

import pypdf
import pytest

from clinic_prep import api
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.clinic_info import RunSettings, load_clinic_info
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY

CLINIC_FILE = Path(__file__).parents[2] / "samples" / "clinic" / "clinic.yaml"

VISIT = {
    "situations": ["newly-diagnosed"],
    "clinics": ["heart"],
    "age": 3,
    "first_name": "Sam",
    "visit_date": "2026-12-10",
}


def _pages(fields: dict[str, object], clinic: bool = False) -> list[str]:
    settings = RunSettings(clinic=load_clinic_info(CLINIC_FILE)[0]) if clinic else RunSettings()
    result = api.build(Profile.model_validate(fields), OutputFormat.PDF, TODAY, settings)
    reader = pypdf.PdfReader(io.BytesIO(result.data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("fillable", [False, True])
def test_page_one_holds_the_whole_start(paper: str, fillable: bool) -> None:
    pages = _pages({**VISIT, "paper": paper, "fillable": fillable})
    first = pages[0]
    for words in (
        "Getting ready for Sam's clinic visit",
        "This pack holds, in this order: What we know; Questions for the visit",
        "record sheets to fill in; Where to go next.",
        "Before the visit:",
        "At the visit: ask them first",
        "After the visit: fill in the record sheets",
        "have not yet been checked by a clinician",
        "My three most important questions",
        "If worried, call",
    ):
        assert words in first, words
    # The wording's date is with the sources, not in every footer.
    assert not any("Wording updated" in page for page in pages[:-2])
    assert any("Wording updated" in page for page in pages[-2:])


def test_the_guide_follows_the_pack() -> None:
    """The guide names the parts in the order they come, and only the parts there are."""
    pages = _pages({**VISIT, "sections": "questions"})
    first = " ".join(pages[0].split())
    assert "This pack holds, in this order: Questions for the visit" in first
    assert "What we know" not in " ".join(pages)  # the questions alone: not again
    assert "record sheets to fill in" not in first
    assert "keep this pack with your record sheets" in first
    whole = _pages(VISIT)
    order = [
        next(n for n, page in enumerate(whole) if title in page)
        for title in ("What we know", "Questions for the visit", "Where to go next")
    ]
    assert order == sorted(order)


def test_with_a_clinic_page_one_says_who_to_call_and_the_rest_comes_later() -> None:
    pages = _pages(VISIT, clinic=True)
    first = pages[0]
    assert "Who to call" in first and "0121 555 0101" in first
    assert "If worried, call" not in first  # the clinic's numbers stand in for the line
    assert "NF1 2AB" not in first  # the address waits with the places to go next
    assert any("Your clinic" in page and "NF1 2AB" in page for page in pages[-3:])

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
        "In this pack, in order: What we know; Questions for the visit",
        "record sheets to fill in; Where to go next.",
        "Before the visit:",
        "At the visit: ask them first",
        "After the visit: fill in the record sheets",
        "have not yet been checked by a clinician",
        "My three most important questions",
        "Who to call",
    ):
        assert words in first, words
    # The wording's date is with the sources, not in every footer.
    assert not any("Wording updated" in page for page in pages[:-2])
    assert any("Wording updated" in page for page in pages[-2:])


def test_the_guide_follows_the_pack() -> None:
    """The guide names the parts in the order they come, and only the parts there are."""
    pages = _pages({**VISIT, "sections": "questions"})
    first = " ".join(pages[0].split())
    assert "In this pack, in order: Questions for the visit" in first
    assert "What we know" not in " ".join(pages)  # the questions alone: not again
    assert "record sheets to fill in" not in first
    assert "keep this pack with your other records" in first
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
    assert first.count("Who to call") == 1  # the clinic's box stands in for the line
    assert "NF1 2AB" not in first  # the address waits with the places to go next
    assert any("Your clinic" in page and "NF1 2AB" in page for page in pages[-3:])


def _first_pages(case: str, paper: str, large: bool) -> tuple[str, str, bool]:
    """Pages 1 and 2 of a sample pack in the given paper and print size, and whether its
    start page also holds a box of its own: a clinic's, or more than one line on how the
    person communicates (a single need, as large print brings, is a line of the details)."""
    from tests.cases import pack_cases

    _, profile, settings = next(found for found in pack_cases() if found[0] == case)
    fields = profile.model_dump(mode="json", exclude_none=True)
    needs = [need for need in fields.get("communication_needs", []) if need != "large-print"]
    fields.update(paper=paper, large_print=large, communication_needs=needs)
    chosen = Profile.model_validate(fields)  # large print brings its need, as from the CLI
    result = api.build(chosen, OutputFormat.PDF, TODAY, settings)
    first, second = (
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(io.BytesIO(result.data)).pages[:2]
    )
    boxed = settings.clinic is not None or bool(
        chosen.communication_notes or len(chosen.communication_needs) > 1
    )
    return first, second, boxed


def _start_page_holds_the_box(case: str, paper: str, large: bool) -> None:
    first, second, boxed = _first_pages(case, paper, large)
    for words in ("Getting ready for", "In this pack, in order", "Before the visit", "Who to call"):
        assert words in first, words
    box = "My three most important questions"
    if large and boxed:
        # 18 point with a clinic's box or a note on communicating is more than a page holds:
        # the start page runs on in its own order, and the box ends it, whole, on page 2,
        # before the next part begins.
        assert box not in first and box in second
        after = second.split(box)[1]
        assert "have not yet been checked by a clinician" in first + second.split(box)[0]
        assert not any(
            title in second.split(box)[0] for title in ("What we know", "Questions for the")
        )
        assert after.strip()
    else:
        assert "have not yet been checked by a clinician" in first
        assert box in first


@pytest.mark.parametrize(
    ("case", "paper", "large"),
    [
        ("newly-diagnosed-infant", "letter", True),
        ("teen-transition-self", "letter", True),
        ("handout-awaiting-result", "letter", False),
        ("large-print-fillable", "a4", True),
    ],
)
def test_the_box_is_on_page_one_in_every_print_size(case: str, paper: str, large: bool) -> None:
    """Large print fits its start page on page 1 by giving the box one line a question,
    setting the page closer and saying a single communication need among the details; a
    handout's clinic box fits beside it in standard print."""
    _start_page_holds_the_box(case, paper, large)


@pytest.mark.slow
def test_the_box_is_on_page_one_for_every_sample_paper_and_size() -> None:
    from tests.cases import pack_cases

    for case, _, _ in pack_cases():
        for paper in ("a4", "letter"):
            for large in (False, True):
                _start_page_holds_the_box(case, paper, large)

"""Pages a print designer would sign off, checked on the PDF itself (tests/layout_check.py):
every sample and handout, on A4 and Letter, in standard and large print, plain and fillable,
and a few generated profiles. No stranded headings, no split questions, no page less than a
third used but the last, no table carried over without its title, no paragraph line left
alone; large print at most 1.5 times the pages of standard, with every character 18 pt or more.
"""

import itertools
from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from clinic_prep import api
from clinic_prep.core.vocabulary import Clinic, OutputFormat, Situation
from clinic_prep.intake.profile import Profile
from tests.cases import pack_cases
from tests.conftest import TODAY
from tests.layout_check import LayoutReport, check_layout

# Every sample variant rendered and measured: the slow lane (README, "Tests").
pytestmark = pytest.mark.slow

VARIANTS = list(itertools.product(["a4", "letter"], [False, True], [False, True]))
# Large print takes at most 1.5 times the standard pack's pages (issue 10), with no fewer answer
# lines: benchmarks/pages.py shows every sample's pages and where large print grows.
LARGE_PRINT_MOST = 1.5


def _pdf(profile: Profile, settings: api.RunSettings, paper: str, large: bool, fill: bool) -> bytes:
    chosen = profile.model_copy(update={"paper": paper, "large_print": large, "fillable": fill})
    return api.build(chosen, OutputFormat.PDF, TODAY, settings).data


def _assert_well_made(report: LayoutReport, where: str) -> None:
    assert report.stranded_headings == [], where
    assert report.split_questions == [], where
    assert report.near_empty_pages == [], where
    assert report.untitled_continuations == [], where
    assert report.lonely_lines == [], where


@pytest.mark.parametrize(("name", "profile", "settings"), pack_cases(), ids=lambda v: str(v)[:24])
def test_every_variant_is_well_made(name: str, profile: Profile, settings: api.RunSettings) -> None:
    pages = {}
    for paper, large, fill in VARIANTS:
        where = f"{name}, {paper}, {'large' if large else 'standard'}, fillable={fill}"
        report = check_layout(_pdf(profile, settings, paper, large, fill))
        _assert_well_made(report, where)
        if large:
            assert report.smallest_character >= 17.99, where
        pages[paper, large, fill] = report.pages
    for paper, _large, fill in VARIANTS:
        standard, large = pages[paper, False, fill], pages[paper, True, fill]
        assert large <= standard * LARGE_PRINT_MOST, (name, paper, large, standard)


@settings(max_examples=4, deadline=None)  # each example renders and reads a whole pack
@given(
    situations=st.lists(
        st.sampled_from([s for s in Situation if s is not Situation.ROUTINE_VISIT]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    clinics=st.lists(st.sampled_from(list(Clinic)), max_size=3, unique=True),
    age=st.integers(min_value=0, max_value=60),
    large=st.booleans(),
    paper=st.sampled_from(["a4", "letter"]),
)
def test_generated_profiles_are_well_made(
    situations: list[Situation], clinics: list[Clinic], age: int, large: bool, paper: str
) -> None:
    profile = Profile.model_validate(
        {"situations": situations, "clinics": clinics, "age": age, "all_questions": age % 3 == 0}
    )
    _assert_well_made(check_layout(_pdf(profile, api.RunSettings(), paper, large, False)), "")


# -- the checker itself finds what it is meant to find ----------------------------------------


def _badly_made() -> bytes:
    """Page 1: a question with its answer lines, one without, and a heading at the foot; page 2
    nearly empty, opening with ruled lines; page 3 the last."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica", 13)
    for n in range(26):
        canvas.drawString(60, 780 - n * 20, "Plain body text on a full page of words.")
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(60, 250, "6. Does this question keep its lines?")
    for y in (230, 205, 180):
        canvas.line(60, y, 520, y)
    canvas.drawString(60, 160, "7. Will this question lose its lines?")
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawString(60, 100, "A heading at the foot")
    canvas.showPage()
    canvas.line(60, 770, 520, 770)
    canvas.line(60, 745, 520, 745)
    canvas.setFont("Helvetica", 13)
    canvas.drawString(60, 720, "Hardly anything here.")
    canvas.showPage()
    canvas.setFont("Helvetica", 13)
    canvas.drawString(60, 780, "The last page may be short.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_checker_finds_each_kind_of_fault() -> None:
    report = check_layout(_badly_made())
    assert report.stranded_headings == ["page 1: A heading at the foot"]
    assert report.split_questions == ["page 1: 7. Will this question lose its lines?"]
    assert report.near_empty_pages == [2]
    assert report.untitled_continuations == [2]
    assert report.pages == 3


def _page_two_opening_with(first_line: str) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica", 13)
    for y in range(740, 100, -20):
        canvas.drawString(60, y, "A full page of text, line after line, down to its foot.")
    canvas.showPage()
    canvas.setFont("Helvetica", 13)
    canvas.drawString(60, 740, first_line)
    canvas.drawString(60, 690, "The next paragraph starts well below it.")
    for y in range(670, 300, -20):
        canvas.drawString(60, y, "More text, so that the page is used.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_checker_tells_a_paragraphs_last_line_from_a_list_item() -> None:
    alone = check_layout(_page_two_opening_with("the end of a sentence carried over."))
    assert alone.lonely_lines == ["page 2: the end of a sentence carried over."]
    item = check_layout(_page_two_opening_with("- Weight and height: every 3 months."))
    assert item.lonely_lines == []

"""Record sheets made for a pen, read back from the PDF: cells a date and a result can be
written in by hand, in standard and large print, on A4 and Letter."""

import io
import itertools

import pdfplumber
import pytest
from pdfplumber.page import Page
from pdfplumber.table import Table

from clinic_prep import api
from clinic_prep.content.bank import load_bank
from clinic_prep.core.resources import content_dir
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY

MM = 72 / 25.4
TOLERANCE = 0.3 * MM  # drawing rounds a little
PRINTS = [(large, paper) for large in (False, True) for paper in ("a4", "letter")]


def _pdf(large_print: bool, paper: str, sections: str) -> bytes:
    # An adult at a yearly review keeps every regular check, so the test-results sheet is at
    # its longest.
    profile = Profile.model_validate(
        {
            "situations": ["annual-review"],
            "age": 30,
            "reader": "self",
            "large_print": large_print,
            "paper": paper,
            "sections": sections,
        }
    )
    return api.build(profile, OutputFormat.PDF, TODAY).data


def _sheet_tables(data: bytes) -> dict[str, list[Table]]:
    """Each record sheet's tables, by the sheet's title (the first line under the header)."""
    found: dict[str, list[Table]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            title = [*page.extract_text().splitlines(), "", ""][1].removesuffix(" (continued)")
            found.setdefault(title, []).extend(page.find_tables())
    return found


@pytest.fixture(scope="module", params=PRINTS, ids=lambda p: f"{p[1]}-{'large' if p[0] else 'std'}")
def tables(request: pytest.FixtureRequest) -> dict[str, list[Table]]:
    large, paper = request.param
    return _sheet_tables(_pdf(large, paper, "sheets"))


def _heights(table: Table) -> list[float]:
    return [row.bbox[3] - row.bbox[1] for row in table.rows[1:]]  # below the column headings


def _widths(table: Table) -> list[float]:
    return [cell[2] - cell[0] for cell in table.rows[0].cells if cell is not None]


def test_every_row_is_at_least_12_mm_high(tables: dict[str, list[Table]]) -> None:
    rows = [height for found in tables.values() for table in found for height in _heights(table)]
    assert len(rows) > 60
    assert min(rows) >= 12 * MM - TOLERANCE


def test_a_result_has_at_least_35_mm_to_be_written_in(tables: dict[str, list[Table]]) -> None:
    results = tables["Test results over time"]
    assert len(results) >= 2  # every check of an adult does not fit one page with such rows
    for table in results:
        visits = _widths(table)[1:]
        assert len(visits) >= 2
        assert min(visits) >= 35 * MM - TOLERANCE


def test_medicines_have_allergies_above_and_a_stopped_column(
    tables: dict[str, list[Table]],
) -> None:
    allergies, medicines = tables["Medicines and allergies"][:2]
    assert [cell for cell in allergies.extract()[0]] == ["Allergic to", "What happens"]
    assert len(allergies.rows) == 1 + 3
    assert "Stopped or changed" in " ".join(
        (cell or "").replace("\n", " ") for cell in medicines.extract()[0]
    )


def test_an_appointment_has_room_for_what_was_decided(tables: dict[str, list[Table]]) -> None:
    (appointments,) = tables["Appointments"]
    assert min(_heights(appointments)) >= 20 * MM - TOLERANCE


def _answer_lines(page: Page) -> list[dict[str, float]]:
    """The ruled answer lines: long horizontal lines inside the page's frame, not a table's
    (the checks that may be due)."""
    top, bottom = 25 * MM, page.height - 25 * MM
    tables = [table.bbox for table in page.find_tables()]
    return [
        line
        for line in page.lines
        if line["top"] == line["bottom"]
        and top < line["top"] < bottom
        and line["width"] > 300
        and not any(t[1] - 1 <= line["top"] <= t[3] + 1 for t in tables)
    ]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_large_print_answer_lines_are_bold_and_far_apart(paper: str) -> None:
    with pdfplumber.open(io.BytesIO(_pdf(True, paper, "questions"))) as pdf:
        pages = [p for p in pdf.pages if "Why ask:" in (p.extract_text() or "")]
        lines = [line for page in pages for line in _answer_lines(page)]
        boxes = [r for page in pages for r in page.rects if abs(r["width"] - r["height"]) < 0.1]
    assert lines and boxes
    assert min(line["linewidth"] for line in lines) >= 1.5
    by_page: dict[int, list[float]] = {}
    for line in lines:
        by_page.setdefault(line["page_number"], []).append(line["top"])
    gaps = [b - a for tops in by_page.values() for a, b in itertools.pairwise(sorted(tops))]
    assert min(gaps) >= 12 * MM - TOLERANCE
    assert all(8 * MM - TOLERANCE <= box["width"] <= 9 * MM for box in boxes)


def test_record_sheets_are_not_headed_by_this_visits_date() -> None:
    """The records kept from visit to visit are headed by whose they are, not by this visit's
    date; the pages about this visit (the questions, today's notes) keep its date."""
    profile = Profile.model_validate(
        {
            "situations": ["annual-review"],
            "age": 30,
            "first_name": "Ana",
            "visit_date": "2026-12-10",
        }
    )
    result = api.build(profile, OutputFormat.PDF, TODAY)
    kept = {section.title for section in result.pack.sections if section.kept_record}
    with pdfplumber.open(io.BytesIO(result.data)) as pdf:
        lines = [(page.extract_text() or "").splitlines() for page in pdf.pages]
    pages = [(page[0], page[1].removesuffix(" (continued)") in kept) for page in lines]
    assert kept >= {"My care team", "Test results over time"}
    assert {header for header, is_kept in pages if is_kept} == {
        "Ana · Records to keep from visit to visit"
    }
    assert {header for header, is_kept in pages if not is_kept} == {
        "Ana · Visit on 10 December 2026"
    }


def test_no_column_heading_breaks_a_word(tables: dict[str, list[Table]]) -> None:
    """A heading wraps between words, never inside one ("Starte / d" in a narrow column)."""
    sheets = load_bank(content_dir()).sheets
    names = {name for sheet in sheets for name in sheet.columns}
    names |= {name for sheet in sheets if sheet.lead_table for name in sheet.lead_table.columns}
    headings = [
        " ".join((cell or "").split())
        for found in tables.values()
        for table in found
        for cell in table.extract()[0]
    ]
    assert headings and set(headings) <= names, set(headings) - names

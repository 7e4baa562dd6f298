"""A review form and its sign-off, as PDF: set small and close, for a clinician at a desk."""

from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Table

from clinic_prep.compose.review_blocks import ReviewForm, SignOff
from clinic_prep.write.pdf.flowables import RuledLines
from clinic_prep.write.pdf.page import INK, data_table_style, table_style
from clinic_prep.write.pdf.scripts import markup
from clinic_prep.write.pdf.table_tags import SplittingTable, TableTags
from clinic_prep.write.pdf.tagging import Element, Tag, TaggedParagraph

# The form is read by a clinician at a desk, not a family: its table is set small and close,
# so a page holds several questions and the whole bank a few dozen pages.
FORM_TYPE = 8.0
# Each column's share of a landscape page's width, by what the form holds (its headings are
# content's to word): the item, two columns of its words, its sources, and the review.
COLUMN_SHARES = {
    "questions": (0.33, 0.22, 0.19, 0.11, 0.15),
    "rules": (0.14, 0.31, 0.28, 0.11, 0.16),
}
# A sign-off's columns: who reviewed and a line, their role and a line, the date and a line.
SIGN_OFF_SHARES = (1.6 / 9, 2.6 / 9, 0.6 / 9, 2.0 / 9, 0.6 / 9, 1.6 / 9)
COMMENT_ROOM = 2  # blank lines below the choices, for a comment written by hand

Para = Callable[..., Flowable]


def desk_styles(styles: dict[str, ParagraphStyle]) -> dict[str, ParagraphStyle]:
    """The pack's styles with the form's cells, and the sources, set for a desk."""
    cell = ParagraphStyle(
        "review-cell", parent=styles["cell"], fontSize=FORM_TYPE, leading=FORM_TYPE * 1.15
    )
    head = ParagraphStyle(
        "review-head", parent=styles["cellhead"], fontSize=FORM_TYPE + 0.5, leading=FORM_TYPE * 1.3
    )
    cell.spaceAfter = head.spaceAfter = 1.5
    # A part's heading is not kept with its whole form (which would send the form to a new
    # page whenever it is longer than the room left): a page break before it does that job.
    heading = ParagraphStyle("h1", parent=styles["h1"], keepWithNext=0)
    # The sources at the end, set as the form is (a little larger, being running text).
    size = FORM_TYPE + 1
    source = ParagraphStyle("review-source", parent=styles["source"], fontSize=size)
    source.leading = size * 1.3
    reference = ParagraphStyle("review-reference", parent=styles["reference"], fontSize=size)
    reference.leading, reference.spaceAfter = size * 1.3, 3
    desk = {"cell": cell, "cellhead": head, "source": source, "reference": reference}
    return {**styles, **desk, "h1": heading}


def review_form(
    block: ReviewForm, styles: dict[str, ParagraphStyle], para: Para, width: float
) -> SplittingTable:
    """A row for each question or rule, to mark up: a data table split over pages where it
    must (a long row runs on rather than leave half a page empty), its column headings
    repeated and its title carried over."""

    def cell(lines: tuple[str, ...], style: str) -> Flowable:
        # One paragraph a cell, its lines kept apart, so that a row can run on over a page.
        text = "<br/>".join(markup(line, bold=style == "cellhead") for line in lines)
        return TaggedParagraph(text, styles[style], Tag(()))

    mark = (" / ".join(block.choices), *[""] * COMMENT_ROOM)
    header = [cell((name,), "cellhead") for name in block.columns]
    body = [
        [*(cell(lines, "cell") for lines in item.cells), cell(mark, "cell")] for item in block.items
    ]
    shares = COLUMN_SHARES[block.kind]
    table = SplittingTable(
        [header, *body],
        colWidths=[width * share / sum(shares) for share in shares],
        repeatRows=1,
        splitInRow=1,
        renderCB=TableTags(
            Element("Table"), header_row=True, repeated_header=False, row_headers=True
        ),
    )
    table.continued = lambda: para(f"{block.title} (continued)", "h3", None)
    table.setStyle(
        data_table_style(
            "TOP",
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table


def sign_off(block: SignOff, para: Para, width: float) -> KeepTogether:
    """Who reviewed a part, in two rows: the first labels side by side (name, role, date),
    the last (the changes needed) across the form (a topic's specialist signs its own)."""
    *first, last = block.labels  # four, as the content's schema has them
    row = [cell for label in first for cell in (para(label, "label", ()), RuledLines(1, 20))]
    table = Table(
        [row, [para(last, "label", ()), RuledLines(1, 20), *[""] * (len(row) - 2)]],
        colWidths=[width * share for share in SIGN_OFF_SHARES],
    )
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, INK),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("SPAN", (1, 1), (-1, 1)),
            ]
        )
    )
    return KeepTogether([para(block.title, "h3", ("H3",)), table])

"""The cover's details (name, age, visit date, clinics, situation, who to call) as a table of
labels and values, each label heading its value's cell."""

from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from clinic_prep.compose.pack import DetailList
from clinic_prep.write.pdf.flowables import RuledLines
from clinic_prep.write.pdf.page import Typography, table_style
from clinic_prep.write.pdf.sheet_writer import IN_CELL
from clinic_prep.write.pdf.table_tags import TableTags
from clinic_prep.write.pdf.tagging import Element

# The shares of the width the first value column may take, in a row of two label-value pairs.
VALUE_SHARES = tuple(share / 20 for share in range(6, 15))
# Room after a label in a row of label-value pairs, before its value.
LABEL_ROOM = 12


def details_table(
    block: DetailList,
    para: Callable[..., Flowable],
    field: Callable[[str, str], tuple[str, str] | None],
    type_: Typography,
    label_style: ParagraphStyle,
    width: float,
    close: bool,
) -> Table:
    """Labels and values as a table whose labels head their cells; an empty value is a line
    to write on. Four details or more go two pairs a row, so the start page keeps room for
    everything it holds; ``close`` sets the rows closer, for a start page that must fit."""
    cells = []
    for detail in block.details:
        value: Flowable = (
            para(detail.value, "body", IN_CELL)
            if detail.value
            else RuledLines(
                1,
                type_.body * 1.6,
                0,
                field(f"cover-{detail.label.lower().replace(' ', '-')}", detail.label),
                type_.small,
                weight=type_.rule_weight,
            )
        )
        cells.append([para(detail.label, "label", IN_CELL), value])
    pairs = len(cells) >= 4 and block.side_by_side
    written = all(detail.value for detail in block.details)
    if pairs:
        rows = _paired(cells)
        labels = [detail.label for detail in block.details]
        widths = _pair_widths(rows, labels, label_style, width)
    else:
        rows, widths = cells, [width * 0.28, width * 0.72]
    tags = TableTags(
        Element("Table"), header_row=False, repeated_header=False, row_headers=True, pairs=pairs
    )
    table = Table(rows, colWidths=widths, renderCB=tags)
    table.setStyle(
        table_style(
            [
                # A label sits level with the line to write on, or with the first line of a
                # value that runs over several.
                ("VALIGN", (0, 0), (-1, -1), "TOP" if written else "BOTTOM"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 if close else 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (1, 0), (1, -1), 10),
            ]
        )
    )
    return table


def _paired(cells: list[list[Any]]) -> list[list[Any]]:
    """Label-value cells two pairs a row, the last row filled out with empty cells."""
    return [
        [*cells[n], *(cells[n + 1] if n + 1 < len(cells) else ["", ""])]
        for n in range(0, len(cells), 2)
    ]


def _pair_widths(
    rows: list[list[Any]], labels: list[str], style: ParagraphStyle, width: float
) -> list[float]:
    """Widths for two label-value pairs a row: each label column as wide as its longest
    label, up to a quarter of the width; the values share the rest in the split that makes
    the table shortest (a list of three clinics on one side, a long situation on the other,
    at 18 point), the even split where several tie."""
    left, right = (
        min(
            max(stringWidth(text, style.fontName, style.fontSize) for text in column) + LABEL_ROOM,
            width / 4,
        )
        for column in (labels[0::2], labels[1::2])
    )
    values = width - left - right

    def height(share: float) -> float:
        widths = [left, values * share, right, values * (1 - share)]
        return float(Table(rows, colWidths=widths).wrap(width, 10_000)[1])

    best = min(VALUE_SHARES, key=lambda share: (round(height(share)), abs(share - 0.5)))
    return [left, values * best, right, values * (1 - best)]

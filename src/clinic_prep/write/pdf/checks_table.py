"""The checks that may be due, as a data table after the questions."""

from collections.abc import Callable

from reportlab.platypus import Flowable

from clinic_prep.compose.pack import ChecksTable
from clinic_prep.write.pdf.page import data_table_style
from clinic_prep.write.pdf.sheet_writer import IN_CELL
from clinic_prep.write.pdf.table_tags import SplittingTable, TableTags
from clinic_prep.write.pdf.tagging import Element

# Each column's share of the width, by what it holds (its heading is content's to word); the
# shares of the columns a table has are scaled to fill it.
CHECK_COLUMN_SHARES = {"check": 0.26, "how_often": 0.34, "last_done": 0.18, "ask": 0.26}


def checks_table(block: ChecksTable, para: Callable[..., Flowable], width: float) -> Flowable:
    """The checks as a data table, split over pages where it must, its column headings
    repeated on each part."""
    cell = [[para(text, "cell", IN_CELL) for text in row.cells] for row in block.rows]
    header = [para(column, "cellhead", IN_CELL) for column in block.columns]
    table = SplittingTable(
        [header, *cell],
        colWidths=_widths(block.rows[0].kinds, width),
        repeatRows=1,
        # A row names its check only where there are rows to tell apart and more than one
        # other cell: one row, or a check with only how often it is done, is read by its
        # column headings alone (a first column all of headers reads as a shredded table).
        renderCB=TableTags(
            Element("Table"),
            header_row=True,
            repeated_header=False,
            row_headers=len(block.rows) > 1 and len(block.columns) > 2,
        ),
    )
    table.continued = lambda: para(f"{block.title} (continued)", "h2", None)
    table.setStyle(data_table_style("TOP", ("BOTTOMPADDING", (0, 0), (-1, -1), 6)))
    return table


def _widths(kinds: tuple[str, ...], width: float) -> list[float]:
    shares = [CHECK_COLUMN_SHARES[kind] for kind in kinds]
    return [width * share / sum(shares) for share in shares]

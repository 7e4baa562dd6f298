"""The checks that may be due, as a data table after the questions."""

from collections.abc import Callable

from reportlab.platypus import Flowable

from clinic_prep.compose.pack import ChecksTable
from clinic_prep.write.pdf.page import data_table_style
from clinic_prep.write.pdf.sheet_writer import IN_CELL
from clinic_prep.write.pdf.table_tags import SplittingTable, TableTags
from clinic_prep.write.pdf.tagging import Element

# The columns' shares of the width: the check, how often, (when last done,) what to ask.
CHECK_COLUMN_SHARES = {4: (0.26, 0.30, 0.18, 0.26), 3: (0.30, 0.40, 0.30)}


def checks_table(block: ChecksTable, para: Callable[..., Flowable], width: float) -> Flowable:
    """The checks as a data table, split over pages where it must, its column headings
    repeated on each part."""
    cell = [[para(text, "cell", IN_CELL) for text in row.cells] for row in block.rows]
    header = [para(column, "cellhead", IN_CELL) for column in block.columns]
    table = SplittingTable(
        [header, *cell],
        colWidths=[width * share for share in CHECK_COLUMN_SHARES[len(block.columns)]],
        repeatRows=1,
        # A row names its check only where there are rows to tell apart: one row is read
        # by its column headings alone.
        renderCB=TableTags(
            Element("Table"),
            header_row=True,
            repeated_header=False,
            row_headers=len(block.rows) > 1,
        ),
    )
    table.continued = lambda: para(f"{block.title} (continued)", "h2", None)
    table.setStyle(data_table_style("TOP", ("BOTTOMPADDING", (0, 0), (-1, -1), 6)))
    return table

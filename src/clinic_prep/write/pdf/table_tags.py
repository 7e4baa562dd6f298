"""Tags for a table drawn on the page: each cell a TD or TH in its row, so a screen reader
reads a record sheet row by row."""

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Paragraph, Table

from clinic_prep.write.pdf.tagging import Element, Structure


def _holds_text(cell: Any) -> bool:
    """Whether a table cell's value holds a paragraph (reportlab may wrap it in a tuple)."""
    values = cell if isinstance(cell, list | tuple) else (cell,)
    return any(isinstance(value, Paragraph) for value in values)


class TableTags:
    """Tags a reportlab Table as a data table while it draws (its render callback): rows as
    TR, cells as TH or TD. One Table element may span several drawn tables (a record sheet
    continued over pages): the header row is tagged once, and repeated ones are artifacts."""

    def __init__(
        self,
        element: Element,
        header_row: bool,
        repeated_header: bool,
        row_headers: bool,
        pairs: bool = False,
    ) -> None:
        """``pairs``: each row holds label and value pairs side by side, so every other
        column's cells head what follows them (a cover's "Name: Amara   Age: 4 months")."""
        self.element = element
        self.header_row, self.repeated_header = header_row, repeated_header
        self.row_headers = row_headers
        self.pairs = pairs
        self._row = 0

    def continued(self, first: bool) -> "TableTags":
        """The tags for one part of this table split over pages: a later part's header row,
        repeated, is an artifact."""
        return TableTags(
            self.element,
            self.header_row,
            self.repeated_header or not first,
            self.row_headers,
            self.pairs,
        )

    def __call__(self, table: Any, event: str, *args: Any) -> None:
        canvas = table.canv
        structure: Structure | None = getattr(canvas, "structure", None)
        if structure is None:
            return
        match event:
            case "startTable":
                structure.enter(self.element)
            case "endTable":
                structure.close()
            case "startRow":
                self._row = args[0]
                if self._row == 0 and self.repeated_header:
                    canvas.suppress_tags(True)
                else:
                    structure.open("TR")
            case "endRow":
                if self._row == 0 and self.repeated_header:
                    canvas.suppress_tags(False)
                else:
                    structure.close()
            case "startCell":
                if self._row == 0 and self.repeated_header:
                    return
                row, column = args[0], args[1]
                if row == 0 and self.header_row:
                    structure.open("TH", scope="Column")
                elif (
                    (column == 0 or (self.pairs and column % 2 == 0))
                    and self.row_headers
                    and _holds_text(args[2])
                ):
                    structure.open("TH", scope="Row")
                else:
                    structure.open("TD")
            case "endCell":
                if not (self._row == 0 and self.repeated_header):
                    structure.close()


class SplittingTable(Table):  # type: ignore[misc]
    """A data table reportlab may split over pages, its header row repeated on each: the
    parts share one Table element, only the first part's header row is read, and each later
    part is titled (``continued`` makes the title, drawn as an artifact)."""

    continued: Callable[[], Flowable] | None = None

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts: list[Any] = super().split(avail_width, avail_height)
        tags = getattr(self, "_renderCB", None)
        if isinstance(tags, TableTags):
            for index, part in enumerate(parts):
                part._renderCB = tags.continued(first=index == 0)
        for part in parts:
            part.continued = self.continued
        if len(parts) > 1 and self.continued is not None:
            parts = [parts[0], PageBreak(), self.continued(), *parts[1:]]
        return parts

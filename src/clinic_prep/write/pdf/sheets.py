"""Record sheets that fill their pages: a table gains blank rows, a form's spaces grow, a notes
page gains lines, until the page is full. A sheet too long for one page carries on over the
next, under its title with "(continued)", and fills that page too.

Each sheet is one flowable that asks to be split wherever it lands; splitting it with the room
left on the page gives the part that fits exactly, and the rest for the next page.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from clinic_prep.compose.pack import RecordTable
from clinic_prep.write.pdf.flowables import CellField, RuledLines
from clinic_prep.write.pdf.keeping import stacked_height
from clinic_prep.write.pdf.page import Typography, data_table_style
from clinic_prep.write.pdf.table_tags import TableTags
from clinic_prep.write.pdf.tagging import Element

SLACK = 2.0  # points kept free, so rounding never pushes a part onto the next page


@dataclass(frozen=True)
class SheetPart:
    """What a sheet puts above its content on a page: the title (with "(continued)" after the
    first page), and on the first page its bookmark and introduction."""

    first: Callable[[], list[Flowable]]
    continued: Callable[[], list[Flowable]]


class FillingSheet(Flowable):  # type: ignore[misc]
    """Base class: ``fill`` returns what fits in the room given, and what is left (or None)."""

    def __init__(self, head: SheetPart, is_first: bool = True) -> None:
        super().__init__()
        self.head, self.is_first = head, is_first

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Always ask to be split: only splitting learns how much room is left to fill.
        return avail_width, avail_height + 1

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        head = self.head.first() if self.is_first else self.head.continued()
        room = avail_height - stacked_height(head, avail_width) - SLACK
        part = self.fill(avail_width, room)
        if part is None:
            return []  # too little room here: start on the next page
        content, rest = part
        return [*head, *content, *([rest] if rest is not None else [])]

    def fill(
        self, width: float, room: float
    ) -> tuple[list[Flowable], "FillingSheet | None"] | None:
        raise NotImplementedError

    def draw(self) -> None:  # never drawn whole: always split first
        raise AssertionError("a filling sheet is always split")


@dataclass(frozen=True)
class TableRows:
    cells: tuple[tuple[Any, ...], ...]  # labelled rows still to print (Paragraph or "")
    labels: tuple[str, ...]  # how each row is named in a field's tooltip
    blank_minimum: int
    first_number: int  # the number of the next row, for field names


class FillingTable(FillingSheet):
    def __init__(
        self,
        head: SheetPart,
        rows: TableRows,
        *,
        header: list[Paragraph],
        widths: list[float],
        type_: Typography,
        field: str | None,
        spoken: Callable[[str, int], str],  # a cell's name for a screen reader
        element: Element,
        frame_height: float,
        is_first: bool = True,
        row_lines: int = 1,
    ) -> None:
        super().__init__(head, is_first)
        self.rows, self.header, self.widths, self.type = rows, header, widths, type_
        self.field, self.spoken = field, spoken
        self.element = element  # one Table element, however many pages the sheet takes
        self.frame_height = frame_height  # a whole page's room, for the pages after this one
        self.row_lines = row_lines  # lines of handwriting each row has room for

    @property
    def min_row(self) -> float:
        """A row roomy enough for handwriting: a date and a result, or more lines where the
        sheet asks for them (what an appointment decided)."""
        return self.type.cell_height + (self.row_lines - 1) * self.type.answer_gap

    def _height(self, row: tuple[Any, ...], least: float) -> float:
        heights = [
            cell.wrap(width - 10, 1000)[1] + 8
            for cell, width in zip(row, self.widths, strict=True)
            if isinstance(cell, Flowable)
        ]
        return float(max([least, *heights]))

    def _fitting(self, room: float, least: float) -> list[float]:
        """Heights of the rows still to print that fit in ``room``, in order, with rows at
        least ``least``."""
        heights: list[float] = []
        for row in self.rows.cells:
            height = self._height(row, least)
            if sum(heights) + height > room:
                break
            heights.append(height)
        return heights

    def _header_height(self) -> float:
        columns = zip(self.header, self.widths, strict=True)
        return float(max(cell.wrap(width - 10, 1000)[1] for cell, width in columns) + 6)

    def whole(self, width: float) -> Flowable:
        """The table with its rows and ``blank_minimum`` empty rows, not filling the page."""
        rows = self._fitting(10_000, self.min_row)
        room = self._header_height() + sum(rows) + self.rows.blank_minimum * self.min_row
        part = self.fill(width, room + 0.5)
        assert part is not None and part[1] is None, "a lead table is printed whole"
        return part[0][0]

    def fill(self, width: float, room: float) -> tuple[list[Flowable], FillingSheet | None] | None:
        header_height = self._header_height()
        room -= header_height
        row_height = self.min_row
        heights = self._fitting(room, row_height)
        placed = self.rows.cells[: len(heights)]
        left = self.rows.cells[len(placed) :]
        if left and not placed:
            return None
        blanks = int((room - sum(heights)) // row_height) if not left else 0
        if not left and not placed and blanks < 1:
            return None
        all_heights = [*heights, *[row_height] * blanks]
        body = self._body(placed, blanks, all_heights)
        tags = TableTags(
            self.element, header_row=True, repeated_header=not self.is_first, row_headers=True
        )
        table = Table(
            [self.header, *body],
            colWidths=self.widths,
            rowHeights=[header_height, *all_heights],
            renderCB=tags,
        )
        table.setStyle(data_table_style("MIDDLE"))
        rest = self._rest(len(placed)) if left else None
        return [table], rest

    def _body(
        self, placed: tuple[tuple[Any, ...], ...], blanks: int, heights: list[float]
    ) -> list[list[Any]]:
        """The rows given (pre-filled or labelled), then blank rows, each numbered on."""
        number = self.rows.first_number
        body: list[list[Any]] = []
        labels = [*self.rows.labels[: len(placed)], *(None for _ in range(blanks))]
        blank = ("",) * len(self.widths)
        for row, label, height in zip([*placed, *[blank] * blanks], labels, heights, strict=True):
            name = label or f"Row {number}"
            body.append(
                [self._cell(cell, number, column, name, height) for column, cell in enumerate(row)]
            )
            number += 1
        return body

    def _rest(self, placed: int) -> "FillingTable":
        """The table's rows that did not fit, to go on the next page."""
        rows = replace(
            self.rows,
            cells=self.rows.cells[placed:],
            labels=self.rows.labels[placed:],
            first_number=self.rows.first_number + placed,
        )
        return FillingTable(
            self.head,
            rows,
            header=self.header,
            widths=self.widths,
            type_=self.type,
            field=self.field,
            spoken=self.spoken,
            element=self.element,
            frame_height=self.frame_height,
            is_first=False,
            row_lines=self.row_lines,
        )

    def _cell(self, cell: Any, number: int, column: int, label: str, height: float) -> Any:
        if isinstance(cell, Flowable) or self.field is None:
            return cell
        return CellField(
            f"{self.field}-r{number}-{column + 1}",
            self.spoken(label, column),
            height - 6,
        )


def visit_columns(table: RecordTable, least: float) -> tuple[tuple[str, ...], list[float]]:
    """The columns to print, and their shares of the width. Columns at the end under one
    heading ("Date and result", one per visit) are as many as fit at least ``least`` of the
    width each, so a result can be written by hand; they share what the columns before them
    leave. Only empty visit columns are left out: none holding a written-in cell."""
    columns, shares = table.columns, table.widths
    first = len(columns) - 1
    while first > 0 and columns[first - 1] == columns[-1]:
        first -= 1
    if len(columns) - first < 2:
        return columns, list(shares)
    fixed = sum(shares[:first])
    written = max((i + 1 for row in table.rows for i, cell in enumerate(row) if cell), default=0)
    count = max(1, written - first, min(len(columns) - first, int((1 - fixed) / least + 1e-9)))
    return columns[: first + count], [*shares[:first], *[(1 - fixed) / count] * count]


class FillingForm(FillingSheet):
    """Labelled spaces to write in (or one unlabelled space): each gets at least ``lines``
    ruled lines, and the lines left over on the page are shared among them."""

    def __init__(
        self,
        head: SheetPart,
        items: list[tuple[Paragraph | None, str, str]],  # (label, field name, tooltip)
        *,
        lines: int,
        type_: Typography,
        fillable: bool,
        is_first: bool = True,
    ) -> None:
        super().__init__(head, is_first)
        self.items, self.lines, self.type, self.fillable = items, lines, type_, fillable

    def _fitting(self, width: float, room: float, lines: int) -> tuple[int, float]:
        """How many items fit in ``room`` with ``lines`` lines each, and the height they use."""
        gap, space = self.type.answer_gap, self.type.body * 0.5
        count, used = 0, 0.0
        for label, _name, _tooltip in self.items:
            height = label.wrap(width, 1000)[1] if label is not None else 0
            need = height + lines * gap + space
            if used + need > room + space:
                break
            count, used = count + 1, used + need
        return count, used

    def fill(self, width: float, room: float) -> tuple[list[Flowable], FillingSheet | None] | None:
        gap = self.type.answer_gap
        lines = self.lines
        count, used = self._fitting(width, room, lines)
        if count < len(self.items):
            # One line each, if that keeps the rest of the sheet on this page: the lines
            # left over are shared out below.
            fewer, fewer_used = self._fitting(width, room, 1)
            if fewer == len(self.items):
                count, used, lines = fewer, fewer_used, 1
        placed = self.items[:count]
        if not placed:
            # One space alone (a notes page) takes what room there is, if it is worth having.
            if len(self.items) == 1 and self.items[0][0] is None and room >= gap * 4:
                placed, used, lines = list(self.items), 0.0, 0
            else:
                return None
        spare = int((room - used + self.type.body * 0.5) // gap)
        content: list[Flowable] = []
        for index, (label, name, tooltip) in enumerate(placed):
            extra = 1 if index >= len(placed) - spare % len(placed) else 0  # to the last items
            count = lines + spare // len(placed) + extra
            if label is not None:
                content.append(label)
            field = (name, tooltip) if self.fillable else None
            content.append(
                RuledLines(count, gap, 0, field, self.type.small, weight=self.type.rule_weight)
            )
            if index < len(placed) - 1:
                content.append(Spacer(1, self.type.body * 0.5))
        left = self.items[len(placed) :]
        rest = (
            FillingForm(
                self.head,
                left,
                lines=self.lines,
                type_=self.type,
                fillable=self.fillable,
                is_first=False,
            )
            if left
            else None
        )
        return content, rest

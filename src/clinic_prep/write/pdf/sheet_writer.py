"""Record sheets in print: a sheet's title and introduction, what it prints whole above its
main table (the allergies above the medicines), and the table, form or lines that fill its
pages (sheets.py)."""

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable, Spacer

from clinic_prep.compose.pack import (
    Block,
    Heading,
    Pack,
    RecordForm,
    RecordTable,
    Section,
    Style,
    WriteIn,
)
from clinic_prep.compose.pack import Paragraph as TextParagraph
from clinic_prep.write.pdf.flowables import Bookmark, RunningHeader
from clinic_prep.write.pdf.page import Typography
from clinic_prep.write.pdf.sheets import (
    FillingForm,
    FillingTable,
    SheetPart,
    TableRows,
    visit_columns,
)
from clinic_prep.write.pdf.tagging import Element

PARAGRAPH_STYLES = {Style.BODY: "body", Style.SMALL: "small", Style.STRONG: "label"}
IN_CELL = ()  # text straight into the open element: a table cell


class SheetWriter:
    """Writes the record sheets of one pack, with the pack writer's paragraphs and bookmarks
    (so bookmark keys stay numbered in reading order)."""

    def __init__(
        self,
        pack: Pack,
        typography: Typography,
        width: float,
        height: float,
        para: Callable[..., Flowable],
        bookmark: Callable[[str, int], Bookmark],
    ) -> None:
        self.pack, self.type, self.width, self.height = pack, typography, width, height
        self.para, self.bookmark = para, bookmark

    def record_sheet(self, section: Section) -> Flowable:
        lead = [b for b in section.blocks if isinstance(b, TextParagraph)]
        body = [b for b in section.blocks if not isinstance(b, TextParagraph)]
        marker = self.bookmark(section.title, 0)

        *above, main = body

        def first() -> list[Flowable]:
            intro = [self.para(b.text, PARAGRAPH_STYLES[b.style]) for b in lead]
            title = self.para(section.title, "h1", ("H2",))
            # Lines to write on are about this visit; tables and forms are kept for later ones.
            header = RunningHeader(
                self.pack.sheet_header if section.kept_record else self.pack.header
            )
            return [header, marker, title, *intro, *self.sheet_lead(above), Spacer(1, 4)]

        # A title repeated over a sheet's next page is not read again: it is an artifact.
        match main:
            case RecordTable() as table:
                head = SheetPart(first, lambda: [self.para(table.continued, "h1", None)])
                return self.filling_table(table, head)
            case RecordForm() as form:
                head = SheetPart(first, lambda: [self.para(form.continued, "h1", None)])
                items = [
                    (self.para(item, "label"), f"{form.field}-{n}", f"{section.title}: {item}")
                    for n, item in enumerate(form.items, start=1)
                ]
                return FillingForm(
                    head, items, lines=form.lines, type_=self.type, fillable=self.pack.fillable
                )
            case WriteIn() as space:
                head = SheetPart(first, lambda: [self.para(section.title, "h1", None)])
                return FillingForm(
                    head,
                    [(None, space.field, space.description)],
                    lines=space.lines,
                    type_=self.type,
                    fillable=self.pack.fillable,
                )
        raise ValueError(f"record sheet {section.id!r} needs one table, form or writing space")

    def sheet_lead(self, blocks: Sequence[Block]) -> list[Flowable]:
        """What a sheet prints whole above its main table: headings, and short tables of
        their own rows (the allergies above the medicines)."""
        flowables: list[Flowable] = []
        for block in blocks:
            match block:
                case Heading(text=text):
                    flowables.append(self.para(text, "h3", ("H3",)))
                case RecordTable(fills_page=False) as table:
                    unused = SheetPart(list, list)
                    lead = self.filling_table(table, unused)
                    flowables.append(lead.whole(self.width))
                case _:
                    raise ValueError(f"a record sheet cannot print {type(block).__name__} first")
        return flowables

    def filling_table(self, table: RecordTable, head: SheetPart) -> FillingTable:
        columns, shares = visit_columns(table, self.type.result_width / self.width)
        widths = [self.width * share for share in shares]
        cells: list[tuple[Any, ...]] = [
            tuple(self.para(cell, "cell", IN_CELL) if cell else "" for cell in row[: len(columns)])
            for row in table.rows
        ]
        labels = [table.row_label(row, n) for n, row in enumerate(table.rows, start=1)]
        return FillingTable(
            head,
            TableRows(tuple(cells), tuple(labels), table.blank_rows, 1),
            header=[self.para(column, "cellhead", IN_CELL) for column in columns],
            widths=widths,
            type_=self.type,
            field=table.field if self.pack.fillable else None,
            spoken=table.cell_name,
            element=Element("Table"),
            frame_height=self.height,
            row_lines=table.row_lines,
        )

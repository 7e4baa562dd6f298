"""Lay out a Pack as a printable PDF: cover, what we know, questions, record sheets, where next.

Same Pack in, same bytes out (reportlab's invariant mode; see page.layout).
"""

from typing import Any

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from clinic_prep.content_schema import Sheet, SheetKind
from clinic_prep.pack import Pack, PackQuestion
from clinic_prep.pdf.page import (
    INK,
    TINT,
    Bookmark,
    CellField,
    Checkbox,
    RuledLines,
    Typography,
    layout,
    table_style,
)
from clinic_prep.pdf.scripts import BOLD, markup

# -- the story --------------------------------------------------------------------------------


class _PdfBuilder:
    def __init__(self, pack: Pack, typography: Typography, width: float) -> None:
        self.pack = pack
        self.type = typography
        self.styles = typography.styles()
        self.width = width
        self.story: list[Flowable] = []
        self._bookmarks = 0

    def add(self, *flowables: Flowable) -> None:
        self.story.extend(flowables)

    def para(self, text: str, style: str) -> Paragraph:
        chosen = self.styles[style]
        return Paragraph(markup(text, bold=chosen.fontName == BOLD), chosen)

    def field(self, name: str, tooltip: str) -> tuple[str, str] | None:
        return (name, tooltip) if self.pack.fillable else None

    def heading(self, text: str, style: str = "h1", bookmark_level: int | None = 0) -> None:
        if bookmark_level is not None:
            # Keys are numbered, not derived from object ids, so output stays byte-identical.
            self._bookmarks += 1
            self.add(Bookmark(f"section-{self._bookmarks}", text, bookmark_level))
        self.add(self.para(text, style))

    def write_lines(self, count: int, name: str, tooltip: str, indent: float = 0) -> RuledLines:
        return RuledLines(
            count, self.type.answer_gap, indent, self.field(name, tooltip), self.type.small
        )

    def boxed(self, content: list[Flowable]) -> None:
        box = Table([[content]], colWidths=[self.width])
        box.setStyle(
            table_style(
                [
                    ("BOX", (0, 0), (-1, -1), 1.5, INK),
                    ("BACKGROUND", (0, 0), (-1, -1), TINT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 14),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 14),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                ]
            )
        )
        self.add(box, Spacer(1, self.type.body))

    # -- sections -----------------------------------------------------------------------------

    def cover(self) -> None:
        pack = self.pack
        self.heading(pack.cover_heading)
        if pack.communication:
            box: list[Flowable] = [self.para(pack.communication.title, "h2")]
            box += [self.para(f"- {item}", "body") for item in pack.communication.items]
            if pack.communication.note:
                box.append(self.para(pack.communication.note, "body"))
            self.boxed(box)
        if pack.clinic:
            clinic: list[Flowable] = [self.para("Your clinic", "h2")]
            clinic.append(self.para(pack.clinic[0], "label"))
            clinic += [self.para(line, "body") for line in pack.clinic[1:]]
            self.boxed(clinic)
        rows = []
        for detail in pack.cover_details:
            value: Flowable = (
                self.para(detail.value, "body")
                if detail.value
                else RuledLines(
                    1,
                    self.type.body * 1.6,
                    0,
                    self.field(f"cover-{detail.label.lower().replace(' ', '-')}", detail.label),
                    self.type.small,
                )
            )
            rows.append([self.para(detail.label, "label"), value])
        table = Table(rows, colWidths=[self.width * 0.28, self.width * 0.72])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        self.add(table, Spacer(1, self.type.body))
        for paragraph in pack.cover_intro:
            self.add(self.para(paragraph, "body"))
        self.add(Spacer(1, self.type.body * 0.5))
        top: list[Flowable] = [self.para(pack.top_heading, "h2"), self.para(pack.top_hint, "small")]
        for n in (1, 2, 3):
            top += [
                self.para(f"{n}.", "label"),
                self.write_lines(2, f"top-{n}", f"My most important question number {n}"),
            ]
        self.boxed(top)

    def knowledge(self) -> None:
        if not self.pack.knowledge:
            return
        self.add(PageBreak())
        self.heading("What we know")
        for box in self.pack.knowledge:
            content: list[Flowable] = [self.para(box.title, "h3")]
            content += [self.para(paragraph, "body") for paragraph in box.paragraphs]
            content.append(self.para("Sources: " + "; ".join(box.sources), "small"))
            self.boxed(content)

    def questions(self) -> None:
        self.add(PageBreak())
        self.heading("Questions for the visit")
        for paragraph in self.pack.questions_intro:
            self.add(self.para(paragraph, "body"))
        question_height = self.type.body * 3 + self.type.answer_gap * self.type.answer_lines
        for group in self.pack.groups:
            self.add(CondPageBreak(self.type.h2 * 2 + question_height))
            self.heading(group.title, "h2", bookmark_level=1)
            for question in group.questions:
                self.add(self.question(question))
        if self.pack.left_out_note:
            self.add(Spacer(1, self.type.body), self.para(self.pack.left_out_note, "small"))

    def question(self, question: PackQuestion) -> KeepTogether:
        size = self.type.checkbox
        label = f"{question.number}. {question.text}"
        text: list[Flowable] = [self.para(label, "question")]
        if question.why:
            text.append(self.para(question.why, "why"))
        if question.note:
            text.append(self.para(f"({question.note})", "why"))
        gutter = size + 10
        box = Checkbox(size, self.field(f"q{question.number}-asked", f"Asked: {label}"))
        row = Table([[box, text]], colWidths=[gutter, self.width - gutter])
        row.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (0, 0), 3),
                ]
            )
        )
        lines = self.write_lines(
            self.type.answer_lines,
            f"q{question.number}-answer",
            f"Answer to question {label}",
            indent=gutter,
        )
        return KeepTogether([row, lines, Spacer(1, self.type.body * 1.1)])

    def sheets(self) -> None:
        for sheet in self.pack.sheets:
            self.add(PageBreak())
            self.heading(sheet.title)
            self.add(self.para(sheet.intro, "body"), Spacer(1, 4))
            if sheet.kind is SheetKind.TABLE:
                self.add(self.sheet_table(sheet))
            elif sheet.kind is SheetKind.FORM:
                for number, field in enumerate(sheet.fields, start=1):
                    self.add(
                        KeepTogether(
                            [
                                self.para(field, "label"),
                                self.write_lines(
                                    2, f"{sheet.id}-{number}", f"{sheet.title}: {field}"
                                ),
                                Spacer(1, self.type.body * 0.8),
                            ]
                        )
                    )
            else:
                self.add(self.write_lines(sheet.lines, sheet.id, sheet.title))

    def sheet_table(self, sheet: Sheet) -> Table:
        widths = [
            self.width * w
            for w in (sheet.column_widths or [1 / len(sheet.columns)] * len(sheet.columns))
        ]
        min_height = max(self.type.answer_gap * 1.35, self.type.small * 2.6)
        header = [self.para(column, "cellhead") for column in sheet.columns]
        labels = [*sheet.rows, *[""] * sheet.blank_rows]
        body: list[list[Any]] = []
        heights: list[float] = []
        for values in self.pack.prefilled.get(sheet.id, ()):
            filled = [self.para(value, "cell") for value in values]
            body.append(list(filled))
            heights.append(
                max(
                    min_height,
                    *(
                        cell.wrap(width - 10, 1000)[1] + 12
                        for cell, width in zip(filled, widths, strict=True)
                    ),
                )
            )
        for row_number, label in enumerate(labels, start=1):
            first = self.para(label, "cell") if label else None
            height = min_height
            if first is not None:
                height = max(height, first.wrap(widths[0] - 10, 1000)[1] + 12)
            cells: list[Any] = []
            for column in sheet.columns:
                if column == sheet.columns[0] and first is not None:
                    cells.append(first)
                elif self.pack.fillable:
                    where = label or f"row {row_number}"
                    cells.append(
                        CellField(
                            f"{sheet.id}-r{row_number}-{len(cells) + 1}",
                            f"{sheet.title}, {where}, {column}",
                            height - 6,
                            self.type.small,
                        )
                    )
                else:
                    cells.append("")
            body.append(cells)
            heights.append(height)
        table = Table([header, *body], colWidths=widths, rowHeights=[None, *heights], repeatRows=1)
        table.setStyle(
            table_style(
                [
                    ("GRID", (0, 0), (-1, -1), 0.75, INK),
                    ("BACKGROUND", (0, 0), (-1, 0), TINT),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        return table

    def where_next(self) -> None:
        self.add(PageBreak())
        self.heading("Where to go next")
        for resource in self.pack.resources:
            self.add(
                KeepTogether(
                    [
                        self.para(resource.name, "h3"),
                        self.para(resource.description, "body"),
                        self.para(resource.url, "small"),
                        Spacer(1, 6),
                    ]
                )
            )
        self.heading("Where these questions come from", "h2", bookmark_level=1)
        self.add(
            self.para(
                "Every question and box in this pack is based on these published sources. "
                "The questions prompt a conversation; they are not medical advice.",
                "small",
            )
        )
        for reference in self.pack.references:
            self.add(self.para(reference, "small"))

    def build(self) -> list[Flowable]:
        self.cover()
        self.knowledge()
        self.questions()
        self.sheets()
        self.where_next()
        return self.story


def render_pdf(pack: Pack) -> bytes:
    """The pack as PDF bytes. Same Pack in, same bytes out."""
    return render_pdf_counted(pack)[0]


def render_pdf_counted(pack: Pack) -> tuple[bytes, int]:
    """The pack as PDF bytes, and its number of pages (so callers need not parse it)."""
    typography = Typography.large_print() if pack.large_print else Typography()
    return layout(
        lambda width: _PdfBuilder(pack, typography, width).build(),
        paper=pack.paper,
        typography=typography,
        title=pack.title,
        subject=pack.subject,
        header=pack.header,
        footer_note=pack.review_note,
    )

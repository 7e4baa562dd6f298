"""Lay out a Pack as a printable PDF with reportlab platypus.

Design rules (see DESIGN.md, "Accessibility is a core feature"): a hyperlegible typeface,
12 pt or more everywhere, black text on white, left-aligned, bold (never italics) for emphasis,
generous space, and nothing that relies on colour. Output is byte-identical for the same Pack
(reportlab's invariant mode fixes dates and document ids).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from clinic_prep.content_schema import Sheet, SheetKind
from clinic_prep.fonts import body_font_files
from clinic_prep.pack import Pack, PackQuestion
from clinic_prep.vocabulary import Paper

REGULAR = "AtkinsonHyperlegible"
BOLD = "AtkinsonHyperlegible-Bold"
INK = colors.black
# A pale tint behind boxes: black text on it stays far above 7:1 contrast.
TINT = colors.Color(0.93, 0.95, 0.98)
PAGE_SIZES = {Paper.A4: A4, Paper.LETTER: LETTER}


@functools.cache
def _register_fonts() -> None:
    files = body_font_files()
    pdfmetrics.registerFont(TTFont(REGULAR, str(files.regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(files.bold)))
    # No italic faces on purpose: italics are hard to read with low vision.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


@dataclass(frozen=True)
class Typography:
    """Sizes in points. Every size is 12 pt or more (RNIB Clear Print minimum)."""

    body: float = 13
    small: float = 12
    h1: float = 24
    h2: float = 18
    h3: float = 15
    answer_gap: float = 24  # distance between ruled answer lines
    answer_lines: int = 3
    checkbox: float = 14

    def styles(self) -> dict[str, ParagraphStyle]:
        def style(name: str, size: float, font: str = REGULAR, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(
                name,
                fontName=font,
                fontSize=size,
                leading=round(size * 1.45, 1),
                textColor=INK,
                alignment=TA_LEFT,
                **extra,
            )

        return {
            "h1": style("h1", self.h1, BOLD, spaceAfter=self.h1 * 0.6),
            "h2": style("h2", self.h2, BOLD, spaceBefore=self.h2 * 0.9, spaceAfter=self.h2 * 0.45),
            "h3": style("h3", self.h3, BOLD, spaceAfter=4),
            "body": style("body", self.body, spaceAfter=self.body * 0.6),
            "question": style("question", self.body, BOLD),
            "why": style("why", self.small, spaceBefore=2),
            "small": style("small", self.small, spaceAfter=4),
            "label": style("label", self.body, BOLD),
            "cell": style("cell", self.small),
            "cellhead": style("cellhead", self.small, BOLD),
        }


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style whose empty cells use our font too (reportlab's default is Helvetica,
    which would add a non-embedded font to the file)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12), *commands])


def _text(value: str) -> str:
    """User and content text is never markup: escape it before it reaches a Paragraph."""
    return escape(value)


class RuledLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write on."""

    def __init__(self, count: int, gap: float, indent: float = 0) -> None:
        super().__init__()
        self.count, self.gap, self.indent = count, gap, indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.gap

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.75)
        for index in range(1, self.count + 1):
            y = self.count * self.gap - index * self.gap + 2
            canvas.line(self.indent, y, self.width, y)


class Checkbox(Flowable):  # type: ignore[misc]
    """An empty square to tick."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(1.5)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class Bookmark(Flowable):  # type: ignore[misc]
    """An invisible marker that adds an outline entry (bookmark) where it lands."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


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
        return Paragraph(_text(text), self.styles[style])

    def heading(self, text: str, style: str = "h1", bookmark_level: int | None = 0) -> None:
        items: list[Flowable] = []
        if bookmark_level is not None:
            # Keys are numbered, not derived from object ids, so output stays byte-identical.
            self._bookmarks += 1
            items.append(Bookmark(f"section-{self._bookmarks}", text, bookmark_level))
        items.append(self.para(text, style))
        self.add(*items)

    # -- sections ---------------------------------------------------------------------------

    def cover(self) -> None:
        pack = self.pack
        self.heading(pack.cover_heading)
        rows = []
        for detail in pack.cover_details:
            value: Flowable = (
                self.para(detail.value, "body")
                if detail.value
                else RuledLines(1, self.type.body * 1.6)
            )
            rows.append([self.para(detail.label, "label"), value])
        table = Table(rows, colWidths=[self.width * 0.28, self.width * 0.72])
        table.setStyle(
            _table_style(
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
        self.boxed(
            [
                self.para(pack.top_heading, "h2"),
                self.para(pack.top_hint, "small"),
                *[
                    item
                    for n in (1, 2, 3)
                    for item in (
                        self.para(f"{n}.", "label"),
                        RuledLines(2, self.type.answer_gap),
                    )
                ],
            ]
        )

    def boxed(self, content: list[Flowable]) -> None:
        box = Table([[content]], colWidths=[self.width])
        box.setStyle(
            _table_style(
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
        for group in self.pack.groups:
            self.add(CondPageBreak(self.type.h2 * 2 + self._question_height()))
            self.heading(group.title, "h2", bookmark_level=1)
            for question in group.questions:
                self.add(self.question(question))
        if self.pack.left_out_note:
            self.add(Spacer(1, self.type.body), self.para(self.pack.left_out_note, "small"))

    def _question_height(self) -> float:
        return self.type.body * 3 + self.type.answer_gap * self.type.answer_lines

    def question(self, question: PackQuestion) -> KeepTogether:
        box = self.type.checkbox
        text: list[Flowable] = [self.para(f"{question.number}. {question.text}", "question")]
        if question.why:
            text.append(self.para(question.why, "why"))
        gutter = box + 10
        row = Table([[Checkbox(box), text]], colWidths=[gutter, self.width - gutter])
        row.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (0, 0), 3),
                ]
            )
        )
        lines = RuledLines(self.type.answer_lines, self.type.answer_gap, indent=gutter)
        return KeepTogether([row, lines, Spacer(1, self.type.body * 1.1)])

    def sheets(self) -> None:
        for sheet in self.pack.sheets:
            self.add(PageBreak())
            self.heading(sheet.title)
            self.add(self.para(sheet.intro, "body"), Spacer(1, 4))
            if sheet.kind is SheetKind.TABLE:
                self.add(self.sheet_table(sheet))
            elif sheet.kind is SheetKind.FORM:
                for field in sheet.fields:
                    self.add(
                        KeepTogether(
                            [
                                self.para(field, "label"),
                                RuledLines(2, self.type.answer_gap),
                                Spacer(1, self.type.body * 0.8),
                            ]
                        )
                    )
            else:
                self.add(RuledLines(sheet.lines, self.type.answer_gap))

    def sheet_table(self, sheet: Sheet) -> Table:
        widths = sheet.column_widths or [1 / len(sheet.columns)] * len(sheet.columns)
        header = [self.para(column, "cellhead") for column in sheet.columns]
        body = [
            [self.para(label, "cell")] + [""] * (len(sheet.columns) - 1) for label in sheet.rows
        ]
        body += [[""] * len(sheet.columns) for _ in range(sheet.blank_rows)]
        row_height = max(self.type.answer_gap * 1.35, self.type.small * 2.6)
        table = Table(
            [header, *body],
            colWidths=[self.width * w for w in widths],
            rowHeights=[None] + [row_height] * len(body),
            repeatRows=1,
        )
        table.setStyle(
            _table_style(
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


def _numbered_canvas(pack: Pack, typography: Typography, margin: float) -> Callable[..., Canvas]:
    """A canvas that knows the page count, so every footer can say "Page X of Y"."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            size = typography.small
            self.setFillColor(INK)
            self.setStrokeColor(INK)
            self.setFont(REGULAR, size)
            self.drawString(margin, height - margin * 0.62, pack.header)
            self.setLineWidth(0.75)
            self.line(margin, height - margin * 0.75, width - margin, height - margin * 0.75)
            self.line(margin, margin * 0.82, width - margin, margin * 0.82)
            self.setFont(BOLD, size)
            self.drawString(margin, margin * 0.45, f"Page {number} of {total}")
            self.setFont(REGULAR, size)
            self.drawRightString(width - margin, margin * 0.45, pack.review_note)

    return NumberedCanvas


def render_pdf(pack: Pack, typography: Typography | None = None) -> bytes:
    """The pack as PDF bytes. Same Pack in, same bytes out."""
    _register_fonts()
    typography = typography or Typography()
    page_width, page_height = PAGE_SIZES[pack.paper]
    margin = 20 * mm
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_width, page_height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=pack.title,
        subject=pack.subject,
        author="clinic-prep",
        creator="clinic-prep",
        producer="clinic-prep",
        keywords="Alström syndrome, clinic visit, questions",
        lang="en",
        displayDocTitle=True,
        invariant=1,
        initialFontName=REGULAR,
    )
    frame = Frame(
        margin,
        margin,
        page_width - 2 * margin,
        page_height - 2 * margin,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = _PdfBuilder(pack, typography, frame._width).build()
    doc.build(story, canvasmaker=_numbered_canvas(pack, typography, margin))
    return buffer.getvalue()

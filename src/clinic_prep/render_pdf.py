"""Lay out a Pack as a printable PDF with reportlab platypus.

Design rules (see DESIGN.md, "Accessibility is a core feature"): a hyperlegible typeface,
12 pt or more everywhere (18 pt and more in large print), black text on white, left-aligned,
bold (never italics) for emphasis, generous space, and nothing that relies on colour. Text in
scripts the main typeface lacks switches, run by run, to a fallback typeface. Output is
byte-identical for the same Pack (reportlab's invariant mode fixes dates and document ids).
"""

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
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
from clinic_prep.errors import InputError
from clinic_prep.fonts import body_font_files, fallback_font_files
from clinic_prep.pack import Pack, PackQuestion
from clinic_prep.vocabulary import Paper

REGULAR = "AtkinsonHyperlegible"
BOLD = "AtkinsonHyperlegible-Bold"
FALLBACK = "FiraSans"
FALLBACK_BOLD = "FiraSans-Bold"
INK = colors.black
WHITE = colors.white
# A pale tint behind boxes: black text on it stays far above 7:1 contrast.
TINT = colors.Color(0.93, 0.95, 0.98)
PAGE_SIZES = {Paper.A4: A4, Paper.LETTER: LETTER}


# -- fonts and scripts ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Coverage:
    main: frozenset[int]
    fallback: frozenset[int]


@functools.cache
def _fonts() -> _Coverage:
    """Register the typefaces once per process and learn which characters each can draw."""
    body, fallback = body_font_files(), fallback_font_files()
    faces = {
        REGULAR: body.regular,
        BOLD: body.bold,
        FALLBACK: fallback.regular,
        FALLBACK_BOLD: fallback.bold,
    }
    for name, path in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # No italic faces on purpose: italics are hard to read with low vision.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    pdfmetrics.registerFontFamily(
        FALLBACK, normal=FALLBACK, bold=FALLBACK_BOLD, italic=FALLBACK, boldItalic=FALLBACK_BOLD
    )

    def cmap(name: str) -> frozenset[int]:
        return frozenset(pdfmetrics.getFont(name).face.charToGlyph)

    main = cmap(REGULAR) & cmap(BOLD)
    return _Coverage(main=main, fallback=cmap(FALLBACK) & cmap(FALLBACK_BOLD))


def _runs(text: str) -> list[tuple[bool, str]]:
    """Split text into (uses_fallback, run) pieces; spaces stay with the run they are in."""
    coverage = _fonts()
    runs: list[tuple[bool, str]] = []
    # Any kind of space (no-break, ideographic...) prints as a plain space, never as a box.
    text = "".join(" " if char.isspace() else char for char in text)
    for char in text:
        code = ord(char)
        if code in coverage.main or char.isspace():
            fallback = runs[-1][0] if (char.isspace() and runs) else False
        elif code in coverage.fallback:
            fallback = True
        else:
            raise InputError(f"character {unprintable_label(char)} cannot be printed")
        if runs and runs[-1][0] == fallback:
            runs[-1] = (fallback, runs[-1][1] + char)
        else:
            runs.append((fallback, char))
    return runs


def unprintable_label(char: str) -> str:
    return f"U+{ord(char):04X}"


def unprintable_characters(text: str) -> list[str]:
    """Characters in ``text`` that no shipped typeface can draw (they would print as boxes)."""
    coverage = _fonts()
    return [
        char
        for char in dict.fromkeys(text)
        if not char.isspace()
        and ord(char) not in coverage.main
        and ord(char) not in coverage.fallback
    ]


def _markup(text: str, bold: bool) -> str:
    """Paragraph markup for plain text: escaped, so user text is never markup, and with runs
    the main typeface lacks set in the fallback typeface."""
    face = FALLBACK_BOLD if bold else FALLBACK
    return "".join(
        f'<font face="{face}">{escape(run)}</font>' if fallback else escape(run)
        for fallback, run in _runs(text)
    )


def _draw_runs(canvas: Canvas, x: float, y: float, text: str, bold: bool, size: float) -> float:
    """Draw text on the canvas with font fallback; returns the width drawn."""
    start = x
    for fallback, run in _runs(text):
        font = (FALLBACK_BOLD if bold else FALLBACK) if fallback else (BOLD if bold else REGULAR)
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, font, size)
    return x - start


def _runs_width(text: str, bold: bool, size: float) -> float:
    return float(
        sum(
            pdfmetrics.stringWidth(
                run,
                (FALLBACK_BOLD if bold else FALLBACK) if fb else (BOLD if bold else REGULAR),
                size,
            )
            for fb, run in _runs(text)
        )
    )


# -- typography -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Typography:
    """Sizes in points. Standard print never goes below 12 pt (RNIB Clear Print minimum)."""

    body: float = 13
    small: float = 12
    h1: float = 24
    h2: float = 18
    h3: float = 15
    answer_gap: float = 24  # distance between ruled answer lines
    answer_lines: int = 3
    checkbox: float = 14

    @classmethod
    def large_print(cls) -> "Typography":
        """Large print: body 18 pt, headings 22 pt and up, answer lines 1.5 x body apart."""
        return cls(
            body=18, small=18, h1=30, h2=24, h3=22, answer_gap=30, answer_lines=3, checkbox=18
        )

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


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style whose empty cells use our font too (reportlab's default is Helvetica,
    which would add a non-embedded font to the file)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12), *commands])


# -- flowables --------------------------------------------------------------------------------


class RuledLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write on; in a fillable pack, one text field over them for typing."""

    def __init__(
        self,
        count: int,
        gap: float,
        indent: float = 0,
        field: tuple[str, str] | None = None,
        font_size: float = 12,
    ) -> None:
        super().__init__()
        self.count, self.gap, self.indent = count, gap, indent
        self.field, self.font_size = field, font_size

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
        if self.field:
            name, tooltip = self.field
            canvas.acroForm.textfieldRelative(
                name=name,
                tooltip=tooltip,
                x=self.indent,
                y=3,
                width=self.width - self.indent,
                height=self.count * self.gap - 4,
                fieldFlags="multiline" if self.count > 1 else "",
                borderWidth=0,
                fillColor=WHITE,
                textColor=INK,
                fontSize=self.font_size,
                forceBorder=False,
            )


class Checkbox(Flowable):  # type: ignore[misc]
    """An empty square to tick; in a fillable pack, a real checkbox field."""

    def __init__(self, size: float, field: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.size, self.field = size, field

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(1.5)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        if self.field:
            name, tooltip = self.field
            self.canv.acroForm.checkboxRelative(
                name=name,
                tooltip=tooltip,
                x=0,
                y=0,
                size=self.size,
                buttonStyle="check",
                borderWidth=1.5,
                borderColor=INK,
                fillColor=WHITE,
                textColor=INK,
                forceBorder=True,
            )


class CellField(Flowable):  # type: ignore[misc]
    """A text field filling one table cell of a record sheet."""

    def __init__(self, name: str, tooltip: str, height: float, font_size: float) -> None:
        super().__init__()
        self.name, self.tooltip, self.height, self.font_size = name, tooltip, height, font_size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        self.canv.acroForm.textfieldRelative(
            name=self.name,
            tooltip=self.tooltip,
            x=0,
            y=0,
            width=self.width,
            height=self.height,
            borderWidth=0,
            fillColor=WHITE,
            textColor=INK,
            fontSize=self.font_size,
            forceBorder=False,
        )


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
        return Paragraph(_markup(text, bold=chosen.fontName == BOLD), chosen)

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


@contextlib.contextmanager
def _invariant_dates() -> Iterator[None]:
    """reportlab dates (and fingerprints) a file from SOURCE_DATE_EPOCH when it is set, even in
    invariant mode. A pack's bytes must not depend on the day it is made, so hide the variable
    while a pack is built (renders run one at a time in each process)."""
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def numbered_canvas(
    header_text: str, footer_note: str, typography: Typography, margin: float
) -> Callable[..., Canvas]:
    """A canvas that knows the page count, so every footer can say "Page X of Y"."""
    size = typography.small

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
            self.setFillColor(INK)
            self.setStrokeColor(INK)
            header = header_text
            while _runs_width(header, False, size) > width - 2 * margin and len(header) > 1:
                header = header[:-2] + "…"
            _draw_runs(self, margin, height - margin * 0.62, header, False, size)
            self.setLineWidth(0.75)
            self.line(margin, height - margin * 0.75, width - margin, height - margin * 0.75)
            self.line(margin, margin * 0.82, width - margin, margin * 0.82)
            _draw_runs(self, margin, margin * 0.45, f"Page {number} of {total}", True, size)
            note_width = _runs_width(footer_note, False, size)
            _draw_runs(self, width - margin - note_width, margin * 0.45, footer_note, False, size)

    return NumberedCanvas


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


def text_paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped, with font fallback) for other documents."""
    _fonts()
    return Paragraph(_markup(text, bold=style.fontName == BOLD), style)


def layout(
    build_story: Callable[[float], list[Flowable]],
    *,
    paper: Paper,
    typography: Typography,
    title: str,
    subject: str,
    header: str,
    footer_note: str,
) -> tuple[bytes, int]:
    """Lay out a story on numbered, headed pages; returns the PDF and its page count.
    Every document we print (packs, review sheets) shares these pages and this metadata."""
    _fonts()
    page_width, page_height = PAGE_SIZES[paper]
    margin = 20 * mm
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_width, page_height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        subject=subject,
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
    story = build_story(frame._width)
    with _invariant_dates():
        doc.build(story, canvasmaker=numbered_canvas(header, footer_note, typography, margin))
    return buffer.getvalue(), doc.page

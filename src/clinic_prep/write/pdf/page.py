"""What every printed page shares: typography, colours, pages with a header and "Page X of Y",
reproducible metadata, and the flowables used to write on (ruled lines, checkboxes, fields).

Design rules (DESIGN.md, "Accessibility is a core feature"): 12 pt or more everywhere (18 pt and
more in large print), black text, left-aligned, bold (never italics) for emphasis, generous
space, nothing that relies on colour.
"""

import contextlib
import functools
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFName, PDFObjectReference
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    TableStyle,
)

from clinic_prep.core.vocabulary import Paper
from clinic_prep.write.pdf.document_info import DocumentInfo, InfoWith
from clinic_prep.write.pdf.scripts import (
    BOLD,
    REGULAR,
    draw_runs,
    markup,
    register_fonts,
    runs_width,
)
from clinic_prep.write.pdf.structure import page_keys, write_structure
from clinic_prep.write.pdf.tagging import Structure, Tag, TaggedParagraph, TaggingCanvas

INK = colors.black
BULLET = "- "  # printed before a list item: a mark for the eye, so not read out (an artifact)
WHITE = colors.white
# A pale tint behind boxes: black text on it stays far above 7:1 contrast.
TINT = colors.Color(0.93, 0.95, 0.98)
PAGE_SIZES = {Paper.A4: A4, Paper.LETTER: LETTER}
# Top and bottom margins: they hold the running header and the page number, which must stay
# clear of the edge that home printers cannot reach.
MARGIN = 20 * mm


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
    rule_weight: float = 0.75  # the thickness of those lines
    # A record sheet's cells, for a date and a result written by hand: rows at least this
    # high, and as many visit columns as fit at least this wide.
    cell_height: float = 12 * mm
    result_width: float = 35 * mm
    answer_lines: int = 3
    checkbox: float = 14
    question_padding: float = 3  # above and below a question's words (none in large print)
    side_margin: float = MARGIN
    leading: float = 1.45  # line spacing, as a multiple of the type size
    heading_leading: float = 1.45  # the same for headings (h1, h2, h3)
    cell_leading: float = 1.45  # the same for a record sheet's labels and column headings

    @classmethod
    def large_print(cls) -> "Typography":
        """Large print: body 18 pt, headings 22 pt and up, answer lines 1.5 x body apart.
        Side margins of 15 mm rather than 20: at 18 pt a 20 mm margin leaves about 60
        characters a line on A4, and 15 mm about 64 (66 on Letter), still inside the 60-70
        of RNIB Clear Print. The holes of an ISO two-hole punch (6 mm across, centred 12 mm
        in) end at about 15 mm: a pack to be punched is best printed with the standard
        margins. The wider measure means fewer lines, and fewer pages to handle.
        Headings, 22 pt and up and mostly one line, are set 1.2 apart (as print sets
        display type), and a record sheet's short labels and column headings 1.25, so a
        sheet keeps a few blank rows to write in; body text keeps its 1.45."""
        return cls(
            body=18,
            small=18,
            h1=30,
            h2=24,
            h3=22,
            answer_gap=34,
            rule_weight=1.5,
            cell_height=14 * mm,
            result_width=45 * mm,
            answer_lines=2,
            checkbox=23,
            question_padding=0,
            side_margin=15 * mm,
            heading_leading=1.2,
            cell_leading=1.25,
        )

    def styles(self, close: bool = False) -> dict[str, ParagraphStyle]:
        """The paragraph styles; ``close`` sets them closer, for a start page that must fit."""
        apart = 0.25 if close else 0.6
        list_leading = round(self.small * self.cell_leading, 1)

        def style(name: str, size: float, font: str = REGULAR, **extra: Any) -> ParagraphStyle:
            factor = self.heading_leading if name[:1] == "h" else self.leading
            extra.setdefault("leading", round(size * factor, 1))
            return ParagraphStyle(
                name,
                fontName=font,
                fontSize=size,
                textColor=INK,
                alignment=TA_LEFT,
                allowWidows=0,
                allowOrphans=0,
                **extra,
            )

        # A heading stays with what follows it; a paragraph never leaves one line alone.
        return {
            "h1": style("h1", self.h1, BOLD, spaceAfter=self.h1 * apart, keepWithNext=1),
            "h2": style(
                "h2",
                self.h2,
                BOLD,
                spaceBefore=self.h2 * 0.9,
                spaceAfter=self.h2 * 0.45,
                keepWithNext=1,
            ),
            "h3": style("h3", self.h3, BOLD, spaceAfter=4, keepWithNext=1),
            "body": style("body", self.body, spaceAfter=self.body * apart),
            # A list item: its first line starts after the printed marker (see BULLET).
            "bullet": style(
                "bullet",
                self.body,
                spaceAfter=self.body * apart,
                firstLineIndent=runs_width(BULLET, False, self.body),
            ),
            "question": style("question", self.body, BOLD),
            "why": style("why", self.small, spaceBefore=2),
            "small": style("small", self.small, spaceAfter=4),
            # A source's text, kept close to its web address on the line below. A list of
            # sources is scanned for a name rather than read through: set as close as a
            # record sheet's labels, with space between the sources.
            "source": style("source", self.small, leading=list_leading),
            "reference": style("reference", self.small, spaceAfter=4, leading=list_leading),
            "label": style("label", self.body, BOLD),
            "cell": style("cell", self.small, leading=round(self.small * self.cell_leading, 1)),
            "cellhead": style(
                "cellhead", self.small, BOLD, leading=round(self.small * self.cell_leading, 1)
            ),
        }


def data_table_style(valign: str, *more: tuple[Any, ...]) -> TableStyle:
    """A data table's look: ruled cells, its heading row on the tint."""
    return table_style(
        [
            ("GRID", (0, 0), (-1, -1), 0.75, INK),
            ("BACKGROUND", (0, 0), (-1, 0), TINT),
            ("VALIGN", (0, 0), (-1, -1), valign),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            *more,
        ]
    )


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style whose empty cells use our font too (reportlab's default is Helvetica,
    which would add a non-embedded font to the file)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 12), *commands])


# -- flowables --------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class PageDress:
    """What every page of one document carries besides its story: the header, the footer
    note, the type and margins, the document's own description, and its structure tree."""

    header_text: str
    footer_note: str
    typography: Typography
    margin: float
    document: DocumentInfo
    structure: Structure | None


def numbered_canvas(
    header_text: str,
    footer_note: str,
    typography: Typography,
    margin: float,
    document: DocumentInfo,
    structure: Structure | None,
) -> Callable[..., Canvas]:
    """A canvas that knows the page count, so every footer can say "Page X of Y", and that
    tags what it draws when given a ``structure`` (see tagging.py)."""
    dress = PageDress(header_text, footer_note, typography, margin, document, structure)
    return functools.partial(NumberedCanvas, dress=dress)


class NumberedCanvas(TaggingCanvas, Canvas):  # type: ignore[misc]
    """Keeps each page until the document is saved, then draws every header and footer."""

    def __init__(self, *args: Any, dress: PageDress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._dress = dress
        self._pages: list[dict[str, Any]] = []
        self._page_key = 0
        self.start_tagging(dress.structure)
        # The outline (a bookmark for each part) shows when the file opens: the quickest
        # way round a long pack, with a screen magnifier too.
        self.showOutline()

    def page_index(self) -> int:
        return len(self._pages)

    def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> Any:
        # The pages are written out only when the file is saved, so the document still
        # counts this as page 1: point the destination at the page being drawn.
        destination = super().bookmarkPage(key, *args, **kwargs)
        destination.setPage(PDFObjectReference(f"Page{self.page_index() + 1}"))
        return destination

    def showPage(self) -> None:
        self.close_artifact()
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self._untagged_from = 0

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        super()._addAnnotation(annotation, name, addtopage)
        name = name or "NUMBER" + repr(self._annotationCount)
        page_ref = PDFObjectReference(f"Page{self.page_index() + 1}")
        self.tag_annotation(annotation, self._doc.annotationName(name), page_ref)

    def _setAnnotations(self, page: Any) -> None:
        super()._setAnnotations(page)
        if self.structure is not None:
            # reportlab's page object writes only the keys it lists.
            page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = self._page_key
            page.Tabs = PDFName("S")  # fields are visited in the order they are read

    def save(self) -> None:
        total = len(self._pages)
        keys = page_keys(self.structure, total) if self.structure else [0] * total
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._code.append("/Artifact <</Type /Pagination>> BDC")
            self._decorate(number, total)
            self._code.append("EMC")
            self._page_key = keys[number - 1]
            super().showPage()
        document = self._dress.document
        if document.own_entries:
            self._doc.info = InfoWith(self._doc.info, document.own_entries)
        if self.structure is not None:
            write_structure(
                self._doc, self.structure, total, document.title, document.subject, document.lang
            )
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        dress = self._dress
        size, margin = dress.typography.small, dress.margin
        width, height = self._pagesize
        self.setFillColor(INK)
        self.setStrokeColor(INK)
        header = getattr(self, "running_header", None) or dress.header_text
        while runs_width(header, False, size) > width - 2 * margin and len(header) > 1:
            header = header[:-2] + "…"
        draw_runs(self, margin, height - MARGIN * 0.62, header, False, size)
        self.setLineWidth(0.75)
        self.line(margin, height - MARGIN * 0.75, width - margin, height - MARGIN * 0.75)
        self.line(margin, MARGIN * 0.82, width - margin, MARGIN * 0.82)
        draw_runs(self, margin, MARGIN * 0.45, f"Page {number} of {total}", True, size)
        note_width = runs_width(dress.footer_note, False, size)
        draw_runs(self, width - margin - note_width, MARGIN * 0.45, dress.footer_note, False, size)


HEADING_ROLES = {"h1": "H1", "h2": "H2", "h3": "H3"}


def text_paragraph(text: str, style: ParagraphStyle) -> TaggedParagraph:
    """A paragraph of plain text (escaped, with font fallback) for other documents, tagged
    as a heading when its style is one, and otherwise as a paragraph."""
    register_fonts()
    tag = Tag((HEADING_ROLES.get(style.name, "P"),))
    return TaggedParagraph(markup(text, bold=style.fontName == BOLD), style, tag)


def layout(
    build_story: Callable[[float, float], list[Flowable]],
    *,
    paper: Paper,
    typography: Typography,
    title: str,
    subject: str,
    header: str,
    footer_note: str,
    tagged: bool = True,
    own_entries: Mapping[str, str] | None = None,
    landscape: bool = False,
) -> tuple[bytes, int]:
    """Lay out a story on numbered, headed pages; returns the PDF and its page count.
    Every document we print (packs, review sheets) shares these pages and this metadata.
    ``tagged``: a tagged PDF (PDF/UA-1) whose structure the story's flowables build;
    ``own_entries``: more entries for the document information (a fillable pack's mark)."""
    register_fonts()
    info = DocumentInfo(title, subject, own_entries=dict(own_entries or {}))
    margin = typography.side_margin
    buffer = BytesIO()
    doc = _document(buffer, paper, margin, info, landscape)
    story = build_story(doc.frame_width, doc.frame_height)
    with _invariant_dates():
        canvas = numbered_canvas(
            header,
            footer_note,
            typography,
            margin,
            info,
            Structure() if tagged else None,
        )
        doc.build(story, canvasmaker=canvas)
    return buffer.getvalue(), doc.page


class _Document(BaseDocTemplate):  # type: ignore[misc]
    """One page template with one body frame; its size is known before the story is made."""

    frame_width: float
    frame_height: float


def _document(
    buffer: BytesIO, paper: Paper, margin: float, info: DocumentInfo, landscape: bool
) -> _Document:
    """The document with its metadata (no dates: invariant) and its one frame; a wide table
    (the clinician's review form) turns the page."""
    page_width, page_height = sorted(PAGE_SIZES[paper], reverse=landscape)
    doc = _Document(
        buffer,
        pagesize=(page_width, page_height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=info.title,
        subject=info.subject,
        author="clinic-prep",
        creator="clinic-prep",
        producer="clinic-prep",
        keywords="Alström syndrome, clinic visit, questions",
        lang=info.lang,
        displayDocTitle=True,
        invariant=1,
        initialFontName=REGULAR,
    )
    frame = Frame(
        margin,
        MARGIN,
        page_width - 2 * margin,
        page_height - 2 * MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.frame_width, doc.frame_height = frame._width, frame._height
    return doc

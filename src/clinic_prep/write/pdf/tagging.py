"""Tagged PDF (PDF/UA-1): the structure a screen reader navigates, built while the pages draw.

reportlab lays out the pages but has no tagging of its own. This module adds it in three parts:

- ``Structure`` is the tree of structure elements (Document, H1, P, L, Table, Form...) and
  what each one holds: marked-content sequences (MCIDs) on the pages, annotations (form fields,
  links) and other elements. It is built in reading order as the pack is drawn: flowables open
  and close containers (``Mark``), and each piece of text marks itself (``Tag``).
- ``TaggingCanvas`` writes the marked content into the page streams. Everything drawn outside
  a tagged sequence (rules, boxes, answer lines, tints, running headers and footers) is wrapped
  as an artifact, so no content is ever left neither tagged nor artifact.
- ``write_structure`` turns the tree into PDF objects when the file is saved: the
  StructTreeRoot with its ParentTree, /StructParents on pages and /StructParent on annotations,
  /MarkInfo, /Tabs /S, and XMP metadata declaring PDF/UA-1.

Reading order is the order elements are attached, which is the pack's order: the PDF's tab
order follows it (/Tabs /S), and tests compare it with the text rendering.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFObjectReference,
    PDFString,
)
from reportlab.platypus import Flowable, Paragraph
from reportlab.rl_config import _FUZZ

from clinic_prep.write.pdf.scripts import draw_runs

# Elements that hold text: a form field that comes before one of these on the page is read
# after it (see Structure.read_later).
PRINT_FLAG = 4  # an annotation's /F bit: printed, as it is shown
TEXT_ROLES = frozenset({"P", "H1", "H2", "H3", "H4", "Lbl", "LBody", "Link", "TH", "TD"})


@dataclass(frozen=True)
class MarkedContent:
    """One marked-content sequence: ``mcid`` on page ``page`` (0-based)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class AnnotationKid:
    """An annotation (form field or link) that belongs to an element."""

    page: int
    name: str  # reportlab's internal name for the annotation object


@dataclass(eq=False)
class Element:
    """A structure element: its role (a standard PDF structure type) and what it holds."""

    role: str
    parent: "Element | None" = None
    kids: list["Element | MarkedContent | AnnotationKid"] = field(default_factory=list)
    scope: str | None = None  # a table header cell's scope: "Column" or "Row"
    alt: str | None = None  # what a reader says of an element whose text is elsewhere


class Structure:
    """The structure tree of one document, built in reading order while it is drawn."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self._open: list[Element] = [self.root]
        self._later: list[Element] = []  # fields waiting for the text they follow on paper
        self.page_mcids: dict[int, list[Element]] = {}  # the ParentTree for each page
        self.annotations: list[Element] = []  # the ParentTree for each annotation, by key

    @property
    def current(self) -> Element:
        return self._open[-1]

    def _attach(self, element: Element, is_text: bool) -> None:
        if not is_text:
            self._flush_later()
        element.parent = self.current
        self.current.kids.append(element)

    def _flush_later(self) -> None:
        waiting, self._later = self._later, []
        for element in waiting:
            element.parent = self.current
            self.current.kids.append(element)

    def open(self, role: str, scope: str | None = None) -> Element:
        element = Element(role, scope=scope)
        self._attach(element, is_text=role in TEXT_ROLES)
        self._open.append(element)
        return element

    def enter(self, element: Element) -> None:
        """Open an element made earlier (a table continued on the next page)."""
        if element.parent is None:
            self._attach(element, is_text=False)
        self._open.append(element)

    def close(self) -> None:
        self._flush_later()
        if len(self._open) == 1:
            raise AssertionError("closing the document element")
        self._open.pop()

    def element_for(self, tag: "Tag") -> Element:
        """The element a tagged piece of text goes in, made on its first use (the two halves
        of a paragraph split over a page share it)."""
        if tag.element is None:
            element = self.current
            for role in tag.roles:
                child = Element(role)
                element_is_open = element is self.current
                if element_is_open:
                    self._attach(child, is_text=role in TEXT_ROLES)
                else:
                    child.parent = element
                    element.kids.append(child)
                element = child
            tag.element = element
        return tag.element

    def add_content(self, element: Element, page: int) -> int:
        mcids = self.page_mcids.setdefault(page, [])
        mcids.append(element)
        element.kids.append(MarkedContent(page, len(mcids) - 1))
        return len(mcids) - 1

    def add_annotation(
        self, page: int, name: str, address: str | None, marking: Element | None, later: bool
    ) -> int:
        """Place an annotation in the tree and return its /StructParent key. A link belongs to
        the Link element being drawn (or a new one inside the text it is in); a form field is a
        Form element of its own, read after the text that follows it when ``later``. Links
        have an ``address``; fields have none."""
        kid = AnnotationKid(page, name)
        if address is not None:
            if marking is not None and marking.role == "Link":
                owner = marking
            else:
                # A link inside a longer text: its element holds no text of its own, so it
                # is described by its address.
                holder = marking or self.current
                owner = Element("Link", parent=holder, alt=address)
                holder.kids.append(owner)
        else:
            owner = Element("Form")
            if later:
                self._later.append(owner)
            else:
                self._attach(owner, is_text=False)
        owner.kids.append(kid)
        self.annotations.append(owner)
        return len(self.annotations) - 1


@dataclass(eq=False)
class Tag:
    """How a piece of text is tagged: the elements to make around it, outermost first
    (``("LI", "LBody")``), or none to put it straight into the open element (a table cell)."""

    roles: tuple[str, ...]
    element: Element | None = None


# -- the canvas side ------------------------------------------------------------------------


class TaggingCanvas:
    """Canvas methods that write marked content. Mixed into the canvas that lays out a page
    (page.numbered_canvas), which sets ``structure`` (None: an untagged document)."""

    structure: Structure | None
    _code: list[str]
    _untagged_from: int
    _marking: Element | None
    _suppressed: bool
    _read_fields_later: bool

    def page_index(self) -> int:
        raise NotImplementedError

    def start_tagging(self, structure: Structure | None) -> None:
        self.structure = structure
        self._untagged_from = 0
        self._marking = None
        self._suppressed = False
        self._read_fields_later = False

    def begin_marked(self, tag: Tag | None) -> bool:
        """Start a tagged sequence for ``tag``; False when the text stays an artifact."""
        if self.structure is None or tag is None or self._suppressed:
            return False
        if self._marking is not None:
            raise AssertionError("tagged content cannot nest")
        element = self.structure.element_for(tag)
        self.close_artifact()
        mcid = self.structure.add_content(element, self.page_index())
        self._code.append(f"/{element.role} <</MCID {mcid}>> BDC")
        self._marking = element
        return True

    def end_marked(self) -> None:
        self._code.append("EMC")
        self._marking = None
        self._untagged_from = len(self._code)

    def close_artifact(self) -> None:
        """Wrap whatever was drawn since the last tagged sequence as an artifact."""
        if self.structure is None:
            return
        if any(code.strip() for code in self._code[self._untagged_from :]):
            self._code.insert(self._untagged_from, "/Artifact BMC")
            self._code.append("EMC")
        self._untagged_from = len(self._code)

    def suppress_tags(self, suppressed: bool) -> None:
        """While suppressed, text draws as an artifact (a table's repeated header row)."""
        self._suppressed = suppressed

    def read_fields_later(self, later: bool) -> None:
        """While set, form fields are read after the text that follows them (a tick box to
        the left of its question is read after the question)."""
        self._read_fields_later = later

    def tag_annotation(self, annotation: Any, name: str, page_ref: PDFObjectReference) -> None:
        if self.structure is None:
            return
        subtype = str(annotation["Subtype"]) if "Subtype" in annotation else ""
        is_link = subtype.endswith("Link")
        # What a screen reader says of a link: the address as printed ("mailto:" is not).
        address = str(annotation["A"]["URI"].s).removeprefix("mailto:") if is_link else None
        key = self.structure.add_annotation(
            self.page_index(), name, address, self._marking, self._read_fields_later
        )
        annotation["StructParent"] = key
        if is_link:
            # Printed, as it is seen.
            annotation["Contents"] = PDFString(address)
            annotation["F"] = PRINT_FLAG
        if "P" in annotation:
            # reportlab names the page being made when the field is created; this canvas
            # draws every page before it makes any, so name the right page here.
            annotation["P"] = page_ref


def marked(canvas: Any, tag: Tag | None, draw: Callable[[], object]) -> None:
    """Draw, inside a tagged sequence for ``tag`` when the canvas is tagging."""
    began = isinstance(canvas, TaggingCanvas) and canvas.begin_marked(tag)
    draw()
    if began:
        canvas.end_marked()


# -- flowables ------------------------------------------------------------------------------


class Mark(Flowable):  # type: ignore[misc]
    """An invisible flowable that opens (``role``) or closes (no role) a structure element
    where it falls in the story: platypus draws a story in order, so the tree follows it."""

    _ZEROSIZE = True  # placed even on a full page: it takes no room

    def __init__(self, role: str | None = None) -> None:
        super().__init__()
        self.role = role

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        structure = getattr(self.canv, "structure", None)
        if structure is None:
            return
        if self.role is None:
            structure.close()
        else:
            structure.open(self.role)


def wrapped(role: str, flowables: list[Flowable]) -> list[Flowable]:
    """The flowables inside one element of ``role``."""
    return [Mark(role), *flowables, Mark()]


# -- writing the tree into the file ---------------------------------------------------------


class TaggedParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that marks its text with ``tag`` (None: an artifact, such as a title
    repeated over a continued table). Both halves of a split paragraph share the tag."""

    def __init__(
        self, text: Any, style: Any, tag: Tag | None = None, marker: str = "", **kwargs: Any
    ) -> None:
        super().__init__(text, style, **kwargs)
        self.tag, self.marker = tag, marker

    continues = False  # the first part of a split paragraph: its last line is not the last
    _wrapped: tuple[float, tuple[Any, ...]] | None = None  # the last width, and what it gave

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Keeping a question with its answer lines, and filling a record sheet, measure the
        # same paragraph at the same width several times before it is placed; breaking it into
        # lines is the costliest part of laying out a pack. For a given paragraph (its text
        # and style never change once made) the lines depend on the width alone. A width too
        # small for any text sets nothing to remember.
        if avail_width < _FUZZ:
            fits_nowhere: tuple[float, float] = super().wrap(avail_width, avail_height)
            return fits_nowhere
        if self._wrapped is not None and self._wrapped[0] == avail_width:
            self.width, self.height, self.blPara, self._wrapWidths = self._wrapped[1]
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped = (avail_width, (self.width, self.height, self.blPara, self._wrapWidths))
        return size

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        # Splitting may change the lines in place (reportlab gives each line's last word a
        # space): measured again, this paragraph breaks its lines afresh.
        self._wrapped = None
        for index, part in enumerate(parts):
            part.tag = self.tag
            part.marker = self.marker if index == 0 else ""
        if len(parts) == 2:
            parts[0].continues = True
        return parts

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        _space_at_line_ends(self)
        marked(canvas, self.tag, lambda: Paragraph.drawOn(self, canvas, x, y, _sW))
        if self.marker:
            # Drawn outside the tagged text, so it is an artifact: the list says it is a list.
            style = self.style
            baseline = y + self.height - getattr(self.blPara, "ascent", style.fontSize)
            draw_runs(canvas, x, baseline, self.marker.strip(), False, style.fontSize)


def _space_at_line_ends(paragraph: "TaggedParagraph") -> None:
    """Give every wrapped line its word space back. reportlab drops the space where it
    breaks a line, so the text a screen reader, a braille display or a copy gets runs the
    last word of a line into the first of the next ("nearestemergency"). A space at the end
    of a left-aligned line takes no visible room."""
    broken = getattr(paragraph, "blPara", None)
    lines = getattr(broken, "lines", None)
    # Once for each breaking into lines: the same lines are kept (and drawn again, as a
    # repeated header row is) while the width stays, and a new width breaks them afresh.
    if not lines or getattr(paragraph, "_spaced_lines", None) is broken:
        return
    paragraph._spaced_lines = broken
    wrapped_lines = lines if paragraph.continues else lines[:-1]
    for index, line in enumerate(wrapped_lines):
        if isinstance(line, tuple):  # a simple paragraph: (extra space, words)
            extra, words = line
            lines[index] = (extra, [*words, ""])
        elif line.words and hasattr(line.words[-1], "text"):
            # A line of fragments (fonts, links): a plain space after the last, in its font.
            # Not part of a link or an underline: those end with the word.
            space = line.words[-1].clone(text=" ", link=[], us_lines=[])
            line.words.append(space)

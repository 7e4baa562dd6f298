"""The pieces a page is made of beyond text: ruled answer lines, tick boxes, form cells, gaps
and bookmarks."""

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Spacer,
)

from clinic_prep.write.pdf.page import INK, WHITE
from clinic_prep.write.pdf.scripts import (
    draw_runs,
    runs_width,
)
from clinic_prep.write.pdf.tagging import Tag, TaggingCanvas, marked

# A form field's font size that asks the viewer to fit the text to the field.
AUTO_SIZE = 0


def _text_field(
    canvas: Canvas,
    name: str,
    tooltip: str,
    x: float,
    y: float,
    width: float,
    height: float,
    font_size: float,
    multiline: bool = False,
) -> None:
    """A form field that prints like the plain pack: transparent and borderless over the
    ruled lines or table cell drawn beneath it, black text, labelled by its tooltip (what a
    screen reader announces). Typed text uses a PDF standard font: reportlab's form fields
    cannot name an embedded font, so the viewer sets typed text in its own sans-serif."""
    canvas.acroForm.textfieldRelative(
        name=name,
        tooltip=tooltip,
        x=x,
        y=y,
        width=width,
        height=height,
        fieldFlags="multiline" if multiline else "",
        borderWidth=0,
        fillColor=None,
        borderColor=None,
        textColor=INK,
        fontSize=font_size,
        forceBorder=False,
    )


BOX_INSET = 3  # points between a box to type in and the field inside it


class RuledLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write on; in a fillable pack, one text field over them for typing.
    A short ``number`` ("1.") is printed in bold beside the first line, as on a paper form."""

    def __init__(
        self,
        count: int,
        gap: float,
        indent: float = 0,
        field: tuple[str, str] | None = None,
        font_size: float = 12,
        number: str = "",
        weight: float = 0.75,
    ) -> None:
        super().__init__()
        self.number, self.weight = number, weight
        if number:
            indent += runs_width(number, True, font_size) + font_size * 0.6
        self.count, self.gap, self.indent = count, gap, indent
        self.field, self.font_size = field, font_size
        self.number_tag = Tag(("P",)) if number else None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.count * self.gap

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(self.weight)
        if self.field and self.count > 1:
            # Typed lines follow the viewer's own spacing, which ruled lines cannot match
            # (they would strike through every other typed line): a space to type several
            # lines in is a box, as the record sheets' cells are. Printed blank, it is a box
            # to write in.
            height = self.count * self.gap - 2 - BOX_INSET  # boxes one above another part
            canvas.rect(self.indent, 2, self.width - self.indent, height, stroke=1, fill=0)
        else:
            for index in range(1, self.count + 1):
                y = self.count * self.gap - index * self.gap + 2
                canvas.line(self.indent, y, self.width, y)
        if self.number:
            marked(
                canvas,
                self.number_tag,
                lambda: draw_runs(
                    canvas, 0, (self.count - 1) * self.gap + 6, self.number, True, self.font_size
                ),
            )
        if self.field:
            name, tooltip = self.field
            inset = BOX_INSET if self.count > 1 else 0  # typed text clear of the box's edge
            _text_field(
                canvas,
                name,
                tooltip,
                self.indent + inset,
                3,
                self.width - self.indent - 2 * inset,
                self.count * self.gap - 4 - inset,
                # One line (a name, a date): the viewer shrinks long text to fit, never cuts it.
                self.font_size if self.count > 1 else AUTO_SIZE,
                multiline=self.count > 1,
            )


class Checkbox(Flowable):  # type: ignore[misc]
    """An empty square to tick; in a fillable pack, a real checkbox field. It sits to the
    left of the text it belongs to, but is read after that text (``read_after_text``)."""

    def __init__(
        self, size: float, field: tuple[str, str] | None = None, read_after_text: bool = True
    ) -> None:
        super().__init__()
        self.size, self.field, self.read_after_text = size, field, read_after_text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(1.5)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        if self.field:
            name, tooltip = self.field
            tagging = isinstance(self.canv, TaggingCanvas)
            if tagging:
                self.canv.read_fields_later(self.read_after_text)
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
            if tagging:
                self.canv.read_fields_later(False)


class CellField(Flowable):  # type: ignore[misc]
    """A text field filling one table cell of a record sheet. Typed text wraps, and the
    viewer shrinks it to fit the cell: a dose is never cut short ("0.5 mg/kg three times a
    day" printed as "0.5 mg/kg three times")."""

    def __init__(self, name: str, tooltip: str, height: float) -> None:
        super().__init__()
        self.name, self.tooltip, self.height = name, tooltip, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        _text_field(
            self.canv,
            self.name,
            self.tooltip,
            0,
            0,
            self.width,
            self.height,
            AUTO_SIZE,
            multiline=True,
        )


class Gap(Spacer):  # type: ignore[misc]
    """The space after an item, before the next: at the foot of a page it takes only the room
    left, at the top of a page none, and an item kept together on one page does not count it
    (see pack_pdf._KeptTogether). A plain Spacer would push a question that fits onto the
    next page for the sake of the empty space below it, or open a page with a blank gap."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        frame = getattr(self, "_frame", None)
        if frame is not None and frame._atTop:
            return avail_width, 0
        return avail_width, min(self.height, max(avail_height, 0))


class Bookmark(Flowable):  # type: ignore[misc]
    """An invisible marker that adds an outline entry (bookmark) where it lands."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.keepWithNext = 1  # on the page of the heading it marks

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        # At the heading itself, with the reader's zoom kept: not just the top of its page.
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class RunningHeader(Flowable):  # type: ignore[misc]
    """An invisible marker: the page it lands on, and the pages after it, are headed by
    ``text`` (the record sheets, kept from visit to visit, are not headed by this visit's
    date)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.keepWithNext = 1  # on the page of the heading it goes with

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        # The canvas keeps each page's state until the document is saved, and draws the
        # headers then (page.py): the value in force when the page ends heads it.
        self.canv.running_header = self.text

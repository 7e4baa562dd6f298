"""What must stay together on a page: a heading with what follows it, a boxed block, a
list's items."""

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Table,
)

from clinic_prep.write.pdf.flowables import Bookmark, Gap
from clinic_prep.write.pdf.page import INK
from clinic_prep.write.pdf.tagging import Mark

Unit = list[Flowable]  # flowables that stay together on one page


class HeadingUnit(list[Flowable]):
    """A heading (and its bookmark): it joins the unit after it, never ends a page."""


class KeptTogether(KeepTogether):  # type: ignore[misc]
    """reportlab's KeepTogether measures its content without the first visible item's space
    above it (its heading's), which the frame then adds: count it, or the end spills over."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        visible = [f for f in self._content if not isinstance(f, Bookmark | Mark)]
        self._H += visible[0].getSpaceBefore() if visible else 0
        # The space after the last item may fall below the foot of the page.
        for flowable in reversed(visible):
            if not isinstance(flowable, Gap):
                break
            self._H -= flowable.height
        return size


def stacked_height(flowables: list[Flowable], width: float) -> float:
    """The height a frame gives these flowables, spacing included."""
    total = 0.0
    for index, flowable in enumerate(flowables):
        total += flowable.wrap(width, 10_000)[1] + flowable.getSpaceAfter()
        if index:
            total += flowable.getSpaceBefore()
    return total


def laid_height(story: list[Flowable], width: float) -> float:
    """The height a frame gives this story, a kept group counted by what it keeps."""
    laid = [inner for f in story for inner in (f._content if isinstance(f, KeptTogether) else [f])]
    return stacked_height(laid, width)


def kept_together(units: list[Unit]) -> list[Flowable]:
    """The units as a story: each unit of several flowables kept on one page, each heading
    joined to what follows it. (Keeping is never nested: reportlab cannot keep a kept group.)"""
    story: list[Flowable] = []
    pending: list[Flowable] = []
    for unit in units:
        if isinstance(unit, HeadingUnit):
            pending += unit
            continue
        content = [*pending, *unit]
        pending = []
        story.append(content[0] if len(content) == 1 else KeptTogether(content))
    return story + pending


class BoxedBlock(Table):  # type: ignore[misc]
    """A boxed aside: a one-cell table on a tint, its border drawn as one rectangle rather
    than a table's four ruled lines, so tools that look for drawn tables do not take the box
    for a table."""

    def draw(self) -> None:
        super().draw()
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(1.5)
        self.canv.rect(0, 0, self._width, self._height, stroke=1, fill=0)


def listed(units: list[Unit]) -> list[Unit]:
    """Units that are the items of one list (L): the list opens before the first and closes
    after the last."""
    if units:
        units[0] = [Mark("L"), *units[0]]
        units[-1] = [*units[-1], Mark()]
    return units

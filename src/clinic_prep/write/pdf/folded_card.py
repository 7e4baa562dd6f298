"""A wallet card: four panels of a credit card's size (85.6 x 54 mm) in two rows, to cut out
along the solid line and fold along the dashed ones. The panels keep their size in every
print: a wallet does not grow. Their type is as large as lets each panel's words fit, from
8 point down to 6.5; past that a panel keeps the lines that fit and says so."""

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from clinic_prep.compose.pack import BulletList, Callout, FoldedCard, Paragraph
from clinic_prep.write.pdf.page import BULLET, INK, table_style
from clinic_prep.write.pdf.scripts import BOLD, REGULAR, markup
from clinic_prep.write.pdf.tagging import Tag, TaggedParagraph, wrapped

PANEL_WIDTH = 85.6 * mm
PANEL_HEIGHT = 54 * mm
PADDING = 2.5 * mm
SIZES = (8.0, 7.5, 7.0, 6.5)  # points: the largest that fits is used


def _style(name: str, size: float, bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=round(size * 1.2, 1),
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=size * 0.3,
    )


def _panel(panel: Callout, size: float, more: str | None) -> list[Flowable]:
    """A panel's title and lines at ``size`` points, as one section for a screen reader."""
    title, body = _style("card-title", size + 1, bold=True), _style("card-body", size)
    content: list[Flowable] = [TaggedParagraph(markup(panel.title, bold=True), title, Tag(("H3",)))]
    for block in panel.blocks:
        if isinstance(block, Paragraph):
            content.append(TaggedParagraph(markup(block.text, bold=False), body, Tag(("P",))))
        elif isinstance(block, BulletList):
            items = [
                TaggedParagraph(markup(item, bold=False), body, Tag(("LI", "LBody")), BULLET)
                for item in block.items
            ]
            content += wrapped("L", items)
    if more:
        content.append(TaggedParagraph(markup(more, bold=False), body, Tag(("P",))))
    return content


def _height(content: list[Flowable]) -> float:
    width = PANEL_WIDTH - 2 * PADDING
    heights = [flowable.wrap(width, 10_000)[1] + flowable.getSpaceAfter() for flowable in content]
    return float(sum(heights))


def _fitting(panel: Callout, more: str) -> list[Flowable]:
    """The panel at the largest size that fits; else its first lines, and ``more``."""
    room = PANEL_HEIGHT - 2 * PADDING
    for size in SIZES:
        content = _panel(panel, size, None)
        if _height(content) <= room:
            return content
    size = SIZES[-1]
    content = _panel(panel, size, more)
    while len(content) > 2 and _height(content) > room:
        # The last line before the note that there is more (not a list's closing mark).
        last = max(i for i, item in enumerate(content[:-1]) if isinstance(item, TaggedParagraph))
        del content[last]
    return content


def folded_card(card: FoldedCard) -> Flowable:
    """The panels two to a row, each a section in reading order (front first). The size is
    the wallet's in every print."""
    cells = [wrapped("Sect", _fitting(panel, card.more)) for panel in card.panels]
    rows = [cells[index : index + 2] for index in range(0, len(cells), 2)]
    if len(rows[-1]) < 2:
        rows[-1].append([])
    table = Table(rows, colWidths=[PANEL_WIDTH] * 2, rowHeights=[PANEL_HEIGHT] * len(rows))
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 1, INK),  # the line to cut along
                ("INNERGRID", (0, 0), (-1, -1), 0.5, INK, None, (3, 3)),  # to fold along
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING),
            ]
        )
    )
    table.hAlign = "LEFT"
    return table

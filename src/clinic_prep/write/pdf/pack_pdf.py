"""Lay out a Pack as a printable PDF: a walker over the pack's blocks.

Print rules: a section starts on a new page unless the page before has at least 40% of its
height free;
a heading stays with what follows it; a question, its why-line and its answer lines stay
together; boxes are never split; record sheets fill their pages. Same Pack in, same bytes out
(reportlab's invariant mode; see page.layout).
"""

from dataclasses import replace
from typing import assert_never

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Spacer,
    Table,
)

from clinic_prep.compose.pack import (
    Block,
    BulletList,
    Callout,
    ChecksTable,
    DetailList,
    FoldedCard,
    Heading,
    Pack,
    Question,
    QuestionGroup,
    RecordForm,
    RecordTable,
    ReferenceList,
    Resource,
    ResourceList,
    Section,
    WriteIn,
)
from clinic_prep.compose.pack import Paragraph as TextParagraph
from clinic_prep.compose.review_blocks import ReviewForm, SignOff
from clinic_prep.core.pack_mark import INFO_KEY
from clinic_prep.core.text import TRAILING_PUNCTUATION, WEB_ADDRESS
from clinic_prep.write.pdf.checks_table import checks_table
from clinic_prep.write.pdf.details_table import details_table
from clinic_prep.write.pdf.flowables import Bookmark, Checkbox, Gap, RuledLines, RunningHeader
from clinic_prep.write.pdf.folded_card import folded_card
from clinic_prep.write.pdf.keeping import (
    BoxedBlock,
    HeadingUnit,
    KeptTogether,
    Unit,
    kept_together,
    laid_height,
    listed,
    stacked_height,
)
from clinic_prep.write.pdf.page import BULLET, TINT, Typography, layout, table_style
from clinic_prep.write.pdf.review_form import desk_styles, review_form, sign_off
from clinic_prep.write.pdf.scripts import BOLD, markup
from clinic_prep.write.pdf.sheet_writer import PARAGRAPH_STYLES, SheetWriter
from clinic_prep.write.pdf.tagging import Mark, Tag, TaggedParagraph, wrapped

# A new section starts on a new page unless at least this share of the page is free (a half
# left large-print packs with many half-empty pages between sections).
SECTION_BREAK_SHARE = 2 / 5
# How the start page is fitted onto page 1, tried in turn: (lines to write each of the most
# important questions on, paragraphs set closer).
START_PAGE_FITS = ((2, False), (1, False), (1, True))
# A form for a desk (the review) starts a part where this share of the page is free: its
# heading and first rows fit there.
DESK_BREAK_SHARE = 1 / 4
# A write-in label this short ("1.") is printed beside its first line rather than above it.
NUMBER_LABEL = 3

ITEM = ("LI", "LBody")  # a list item's text
LINK = ("P", "Link")  # a web address on a line of its own


class _PdfWriter:
    def __init__(self, pack: Pack, typography: Typography, width: float, height: float) -> None:
        self.pack = pack
        self.type = typography
        self.close = False  # the start page set closer, to fit on page 1
        self.styles = self.styles_for(close=False)
        self.width, self.height = width, height
        self._bookmarks = 0
        self.sheets = SheetWriter(pack, typography, width, height, self.para, self.bookmark)

    def styles_for(self, close: bool) -> dict[str, ParagraphStyle]:
        """The paragraph styles (set closer for a start page that must fit); a form for a
        desk (the review) sets its cells and sources small."""
        styles = self.type.styles(close=close)
        return desk_styles(styles) if self.pack.landscape else styles

    # -- small pieces -------------------------------------------------------------------------

    def para(self, text: str, style: str, roles: tuple[str, ...] | None = ("P",)) -> Flowable:
        """A paragraph, tagged inside the elements ``roles`` (outermost first); ``()`` puts
        it straight into the open element, None makes it an artifact."""
        chosen = self.styles[style]
        tag = Tag(roles) if roles is not None else None
        return TaggedParagraph(markup(text, bold=chosen.fontName == BOLD), chosen, tag)

    def bullet(self, item: str) -> Flowable:
        """A list item: the marker is printed before it, and the list structure says what
        it is to a screen reader, which reads the words alone."""
        chosen = self.styles["bullet"]
        text = markup(item, bold=False)
        return TaggedParagraph(text, chosen, Tag(ITEM), marker=BULLET)

    def field(self, name: str, tooltip: str) -> tuple[str, str] | None:
        return (name, tooltip) if self.pack.fillable else None

    def bookmark(self, text: str, level: int) -> Bookmark:
        # Keys are numbered, not derived from object ids, so output stays byte-identical.
        self._bookmarks += 1
        return Bookmark(f"section-{self._bookmarks}", text, level)

    def heading(self, text: str, style: str, level: int) -> "HeadingUnit":
        """A heading at ``level`` (1: the pack's title; 2: a section; 3: inside one): the
        level is what a screen reader announces, the style what the page shows."""
        bookmark = self.bookmark(text, 0 if style == "h1" else 1)
        return HeadingUnit([bookmark, self.para(text, style, (f"H{level}",))])

    def write_lines(self, write_in: WriteIn, indent: float = 0, number: str = "") -> RuledLines:
        return RuledLines(
            write_in.lines,
            self.type.answer_gap,
            indent,
            self.field(write_in.field, write_in.description),
            self.type.small,
            number,
            self.type.rule_weight,
        )

    def boxed(self, content: list[Flowable]) -> list[Unit]:
        """The content (a title, then what it holds) as one section on a tint in a ruled box,
        kept on one page. Content taller than a page (a clinic's six phone lines and long note,
        in large print) is set without the box, the title with the first line, so that it
        runs on over the page rather than fail to print."""
        content = wrapped("Sect", content)
        box = BoxedBlock([[content]], colWidths=[self.width])
        box.setStyle(
            table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), TINT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 14),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 14),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                ]
            )
        )
        if box.wrap(self.width, self.height)[1] > self.height:
            opening, *rest, closing = content  # the section's marks
            first, *others = [[flowable] for flowable in rest]
            units = [[opening, *first, *(others[0] if others else [])], *others[1:]]
            units[-1] += [closing, Gap(1, self.after_box)]
            return units
        return [[box, Gap(1, self.after_box)]]

    @property
    def after_box(self) -> float:
        """The space below a box, or below the cover's details."""
        return self.type.body * (0.5 if self.close else 1)

    # -- the walk -----------------------------------------------------------------------------

    def document(self) -> list[Flowable]:
        story: list[Flowable] = []
        for index, section in enumerate(self.pack.sections):
            if index and (section.kept_record or section.own_page):
                story.append(PageBreak())  # a table or form to fill in has pages of its own
            elif index:
                share = DESK_BREAK_SHARE if self.pack.landscape else SECTION_BREAK_SHARE
                story.append(CondPageBreak(self.height * share))
            story += self.section(section, cover=index == 0)
        return story

    def section(self, section: Section, cover: bool) -> list[Flowable]:
        """The cover's title is the pack's (H1); every other section is a Sect under an H2,
        as in the HTML rendering."""
        if section.record_sheet:
            return wrapped("Sect", [self.sheets.record_sheet(section)])
        if cover:
            return self.start_page(section)
        return wrapped("Sect", self.section_story(section, level=2))

    def start_page(self, section: Section) -> list[Flowable]:
        """The start page, on page 1 whole, with the box for the most important questions
        last: as designed where it fits; else with one line to write on for each question;
        else with its paragraphs set closer too (large print, with a clinic's box or a note
        on how the person communicates). Where even that is too long, the box starts page 2."""
        counted = self._bookmarks
        for lines, close in START_PAGE_FITS:
            self._bookmarks = counted  # each try numbers its bookmarks afresh
            last = section.blocks[-1]
            if isinstance(last, Callout):
                last = _with_write_in_lines(last, lines)
            fitted = replace(section, blocks=(*section.blocks[:-1], last))
            self.close, self.styles = close, self.styles_for(close)
            story = self.section_story(fitted, level=1)
            self.close, self.styles = False, self.styles_for(close=False)
            if laid_height(story, self.width) <= self.height:
                break
        return story

    def section_story(self, section: Section, level: int) -> list[Flowable]:
        """The section's title and blocks as a story (level 1: the start page, whose title
        is the pack's H1)."""
        cover = level == 1
        title = self.heading(section.title, "h1", level)
        units: list[Unit] = [HeadingUnit([RunningHeader(self.pack.header), *title])]
        for block in section.blocks:
            found = self.block(block, level + 1, box_title="h2" if cover else "h3")
            if isinstance(block, BulletList):
                # A list item stays whole on one page: read in two halves, with a page turn
                # between, it is easy to lose (and to misread as two items). The last item
                # never turns the page alone, cut off from the list it ends.
                if len(found) > 1:
                    found = [*found[:-2], [*found[-2], *found[-1]]]
                # The first item is kept by the story with a heading before it: a kept group
                # inside a kept group would turn the page for nothing.
                found = [found[0], *([KeptTogether(unit)] for unit in found[1:])]
            if isinstance(block, ChecksTable | ReviewForm):
                # The heading and introduction go to the next page unless the table's first
                # rows fit below them: a table is never parted from its title.
                start = max(n for n, unit in enumerate(units) if isinstance(unit, HeadingUnit))
                above = [flowable for unit in units[start:] for flowable in unit]
                table = found[0][0]
                table.wrap(self.width, self.height)
                need = stacked_height(above, self.width) + sum(table._rowHeights[:3])
                units.insert(start, [CondPageBreak(need)])
                if isinstance(block, ReviewForm):
                    # A form may be pages long: kept with its heading, it would always start
                    # a page of its own. The break above keeps them together enough.
                    units[start + 1] = list(units[start + 1])
            units += found
        return kept_together(units)

    def block(self, block: Block, level: int, box_title: str = "h3") -> list[Unit]:
        """The block as units: each unit stays on one page, and a heading joins the next.
        ``level`` is the level of a heading in it."""
        match block:
            case TextParagraph(text=text, style=style):
                return [[self.para(text, PARAGRAPH_STYLES[style])]]
            case Heading(text=text):
                return [self.heading(text, "h2", level)]
            case BulletList(items=items):
                return listed([[self.bullet(item)] for item in items])
            case ChecksTable():
                return [[checks_table(block, self.para, self.width)]]
            case DetailList():
                return [self.details(block)]
            case WriteIn() if block.label and len(block.label) <= NUMBER_LABEL:
                return [[self.write_lines(block, number=block.label)]]
            case WriteIn():
                return [[self.para(block.label, "label"), self.write_lines(block)]]
            case Callout():
                return self.callout(block, level, box_title)
            case FoldedCard():
                return [[folded_card(block)]]
            case QuestionGroup(title=title, questions=questions):
                return [
                    self.heading(title, "h2", level),
                    *listed([self.question(question) for question in questions]),
                ]
            case ResourceList(items=items):
                return listed([self.resource(item) for item in items])
            case ReferenceList(items=items):
                return listed([self.reference(item) for item in items])
            case ReviewForm():
                return [[review_form(block, self.styles, self.para, self.width)]]
            case SignOff():
                return [[sign_off(block, self.para, self.width)]]
            case RecordTable() | RecordForm():
                raise ValueError("record tables and forms belong in a record sheet section")
            case _:
                assert_never(block)

    def callout(self, callout: Callout, level: int, box_title: str) -> list[Unit]:
        if self.pack.large_print and box_title == "h3":
            # Large print sets an aside in a section as a headed passage, not a box: a box
            # is kept whole, and at 18 point it leaves much of a page empty before it.
            units: list[Unit] = [self.heading(callout.title, "h3", level)]
            for item in callout.blocks:
                units += self.block(item, level + 1)
            if len(units) > 2:  # the sources line never starts a page alone
                units[-2:] = [[*units[-2], *units[-1]]]
            return [*units[:-1], [*units[-1], Gap(1, self.type.body * 0.6)]]
        content = [self.para(callout.title, box_title, (f"H{level}",))]
        for item in callout.blocks:
            content += [flowable for unit in self.block(item, level + 1) for flowable in unit]
        return self.boxed(content)

    def resource(self, item: Resource) -> Unit:
        """A place to go next: its name in bold leads the line that says what it offers (a
        heading of its own for each made the list half as long again), and its web address
        is on a line of its own."""
        name = f'<font face="{BOLD}">{markup(item.name, bold=True)}</font>'
        said = name + markup(Resource.JOIN + item.description, bold=False)
        text = TaggedParagraph(said, self.styles["body"], Tag(("P",)))
        return wrapped(
            "LI",
            [Mark("LBody"), text, self.para(item.url, "small", LINK), Mark(), Spacer(1, 6)],
        )

    def reference(self, item: str) -> Unit:
        """A source in the list: its web address, when it ends with one, goes on a line of
        its own, so that the link's element holds the address's own text."""
        address = WEB_ADDRESS.search(item)
        if address is None or item[address.end() :].strip(TRAILING_PUNCTUATION + " "):
            return [self.para(item, "reference", ITEM)]
        text = item[: address.start()].rstrip()
        return wrapped(
            "LI",
            [
                Mark("LBody"),
                self.para(text, "source"),
                self.para(address.group().rstrip(TRAILING_PUNCTUATION), "reference", LINK),
                Mark(),
            ],
        )

    def details(self, block: DetailList) -> list[Flowable]:
        table = details_table(
            block, self.para, self.field, self.type, self.styles["label"], self.width, self.close
        )
        return [table, Gap(1, self.after_box)]

    def question(self, question: Question) -> Unit:
        """A list item: the question, its why-line and note, then its tick box and answer
        space (the tick box is printed to the left, but read after the question)."""
        size = self.type.checkbox
        text: list[Flowable] = [self.para(f"{question.number}. {question.text}", "question")]
        text += [self.para(line, "why") for line in (question.why, question.note) if line]
        gutter = size + 10
        box = Checkbox(size, self.field(f"q{question.number}-asked", question.asked_label))
        row = Table([[box, text]], colWidths=[gutter, self.width - gutter])
        row.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    # Large print sets no padding round the words (the ruled lines below
                    # give the space): three questions then fit a Letter page, not two.
                    ("TOPPADDING", (1, 0), (1, 0), self.type.question_padding),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), self.type.question_padding),
                    ("TOPPADDING", (0, 0), (0, 0), 3),
                ]
            )
        )
        lines = RuledLines(
            self.type.answer_lines,
            self.type.answer_gap,
            gutter,
            self.field(f"q{question.number}-answer", question.answer_label),
            self.type.small,
            weight=self.type.rule_weight,
        )
        return [*wrapped("LI", wrapped("LBody", [row, lines])), Gap(1, self.type.body * 0.8)]


def _with_write_in_lines(box: Callout, lines: int) -> Callout:
    return replace(
        box,
        blocks=tuple(
            replace(item, lines=min(item.lines, lines)) if isinstance(item, WriteIn) else item
            for item in box.blocks
        ),
    )


def render_pdf(pack: Pack, tagged: bool = True) -> bytes:
    """The pack as PDF bytes. Same Pack in, same bytes out. Always tagged for screen readers
    (PDF/UA-1), but for measuring what the tagging costs (``tagged=False``)."""
    return render_pdf_counted(pack, tagged)[0]


def render_pdf_counted(pack: Pack, tagged: bool = True) -> tuple[bytes, int]:
    """The pack as PDF bytes, and its number of pages (so callers need not parse it)."""
    typography = Typography.large_print() if pack.large_print else Typography()
    return layout(
        lambda width, height: _PdfWriter(pack, typography, width, height).document(),
        paper=pack.paper,
        typography=typography,
        title=pack.title,
        subject=pack.subject,
        header=pack.header,
        footer_note=pack.footer,
        tagged=tagged,
        landscape=pack.landscape,
        own_entries={INFO_KEY: pack.mark.to_text()} if pack.mark else {},
    )

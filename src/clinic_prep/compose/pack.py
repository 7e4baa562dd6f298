"""The pack as a tree of typed blocks: every word a reader sees, in reading order.

A pack is a list of sections; each section holds blocks (a paragraph, a boxed callout, a group
of questions, a record table...). ``compose`` builds it; each renderer (PDF, HTML, text, JSON)
walks the same blocks, so the formats cannot drift apart. A new kind of content is one block
class here and one case in each renderer (mypy reports a renderer that misses it); a new
section is a change to ``compose`` and content only.

Nothing here is markup. Every string is shown to the reader exactly as it stands, so user
text such as ``A&E <3`` can never act as formatting. Phone numbers hold no-break spaces so
that no renderer breaks them across lines.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from clinic_prep.compose.review_blocks import ReviewForm, SignOff
from clinic_prep.core.pack_mark import PackMark
from clinic_prep.core.vocabulary import Paper


class Style(StrEnum):
    """How a paragraph is set: the renderer decides what that looks like."""

    BODY = "body"
    SMALL = "small"  # sources, notes, the caution
    STRONG = "strong"  # a label or a name, set in bold


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Style = Style.BODY
    # The same words for a screen (HTML, plain text), where print's ("tick", "the lines
    # below") do not fit; None where one wording serves both.
    screen: str | None = None


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (a section's own title is its top heading)."""

    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class CheckRow:
    check: str
    how_often: str
    last_done: str | None  # the date in words, or "No date"; None: the table has no such column
    # What to ask about it at this visit; None: the same for every row, so said once above
    # the table rather than in a column.
    ask: str | None

    @property
    def cells(self) -> tuple[str, ...]:
        optional = (self.last_done, self.ask)
        return self.check, self.how_often, *(cell for cell in optional if cell is not None)

    @property
    def kinds(self) -> tuple[str, ...]:
        """What each of ``cells`` holds, whatever the columns are called."""
        optional = (("last_done", self.last_done), ("ask", self.ask))
        return "check", "how_often", *(kind for kind, cell in optional if cell is not None)


@dataclass(frozen=True)
class ChecksTable:
    """The checks that may be due, a row each: the check, how often it is done, when it was
    last done (where any date was given) and what to ask. A block of its own kind so that
    programs (the JSON, a test) find it by what it is, not by a name."""

    title: str  # the heading above it, repeated over its rest on a following page
    columns: tuple[str, ...]  # one for each of a row's cells
    rows: tuple[CheckRow, ...]

    @property
    def items(self) -> tuple[str, ...]:
        """Each row as one line of text, for formats without tables (a FHIR item)."""
        return tuple(
            ". ".join(
                f"{column}: {cell.rstrip('.')}" if index else cell
                for index, (column, cell) in enumerate(zip(self.columns, row.cells, strict=True))
            )
            + "."
            for row in self.rows
        )


@dataclass(frozen=True)
class Detail:
    label: str
    value: str  # empty: left for the reader to fill in


@dataclass(frozen=True)
class DetailList:
    """Label and value pairs (the cover's name, age, visit date...)."""

    details: tuple[Detail, ...]
    blank: str  # said where a value is empty and there is no line to write on
    side_by_side: bool = True  # two pairs to a row where there are four or more (print)


@dataclass(frozen=True)
class WriteIn:
    """A labelled space to write in: ruled lines on paper, a text box on screen."""

    label: str  # printed beside the lines, e.g. "1."
    description: str  # the field's name for screen readers, e.g. "My most important question 1"
    lines: int
    field: str  # a stable field name, for fillable PDFs and HTML forms


CalloutContent = Paragraph | BulletList | WriteIn


@dataclass(frozen=True)
class Callout:
    """A boxed aside: kept whole on one page in print, a labelled region on screen."""

    title: str
    blocks: tuple[CalloutContent, ...]


@dataclass(frozen=True)
class FoldedCard:
    """Panels printed at a fixed size, to cut out and fold into a wallet card (its front
    first); a screen shows them one after another."""

    panels: tuple[Callout, ...]
    more: str  # said on a panel whose lines do not all fit


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    why: str | None  # the whole line as shown, "Why ask: ..."
    note: str | None  # small print: the ages it is for, or the clinic that added it
    id: str | None  # None for the family's own questions
    asked_label: str  # the tick box's name for screen readers
    answer_label: str  # the answer space's name


@dataclass(frozen=True)
class QuestionGroup:
    title: str
    questions: tuple[Question, ...]
    carried: bool = False  # the family's questions carried from the last visit


@dataclass(frozen=True)
class RecordTable:
    """A table to fill in. ``rows`` are the printed rows (a label, or a clinic's details),
    each one cell per column, empty cells to write in; print adds blank rows to fill the page."""

    columns: tuple[str, ...]
    widths: tuple[float, ...]  # shares of the text width, summing to 1
    rows: tuple[tuple[str, ...], ...]
    blank_rows: int  # at least this many empty rows after ``rows``
    field: str
    continued: str  # the title over the rest of the table on a following page
    row_lines: int = 1  # lines of handwriting each row has room for on paper
    fills_page: bool = True  # False: exactly ``blank_rows`` empty rows, above a main table
    title: str = ""  # what the table is called when a cell is named
    row_keys: tuple[str, ...] = ()  # what each of ``rows`` holds (see compose.record_rows)

    @staticmethod
    def row_label(row: tuple[str, ...], number: int) -> str:
        """A row's name: its label, or its number where it has none (a blank row)."""
        return (row[0] if row else "") or f"Row {number}"

    def cell_name(self, row_label: str, column: int) -> str:
        """What a screen reader says for a cell to fill in, in every format: the table,
        the row, the column, and which visit where columns share a heading ("Test results
        over time, Eye check, Date and result, visit 2")."""
        name = self.columns[column]
        same = [index for index, other in enumerate(self.columns) if other == name]
        visit = f", visit {same.index(column) + 1}" if len(same) > 1 else ""
        return f"{self.title}, {row_label}, {name}{visit}"


@dataclass(frozen=True)
class RecordForm:
    """One labelled space per item; print grows the spaces to fill the page."""

    items: tuple[str, ...]
    lines: int  # at least this many lines each
    field: str
    continued: str


@dataclass(frozen=True)
class Resource:
    name: str
    description: str
    url: str
    # How the name runs into what the place offers, in every format ("Orphanet. Information").
    JOIN: ClassVar[str] = ". "


@dataclass(frozen=True)
class ResourceList:
    items: tuple[Resource, ...]


@dataclass(frozen=True)
class ReferenceList:
    items: tuple[str, ...]


Block = (
    Paragraph
    | Heading
    | BulletList
    | ChecksTable
    | DetailList
    | WriteIn
    | Callout
    | FoldedCard
    | QuestionGroup
    | RecordTable
    | RecordForm
    | ResourceList
    | ReferenceList
    | ReviewForm
    | SignOff
)


@dataclass(frozen=True)
class Section:
    """A titled part of the pack. A record sheet fills its page in print; the others flow,
    each starting on a new page unless the page before is less than a third used."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    record_sheet: bool = False
    own_page: bool = False  # starts a page in print (a card to cut out)

    @property
    def kept_record(self) -> bool:
        """A record sheet kept from visit to visit (a table or a form), on pages of its own;
        not the lines to write on about this visit (notes, questions to carry)."""
        return self.record_sheet and not isinstance(self.blocks[-1], WriteIn)


@dataclass(frozen=True)
class Pack:
    """The whole pack: what is printed on every page, and the sections in reading order."""

    title: str
    subject: str
    header: str  # heads every page but the record sheets'
    sheet_header: str  # heads the record sheets, kept from visit to visit: no visit date
    footer: str  # at the foot of every page, beside "Page X of Y"
    updated: date  # when the wording last changed
    paper: Paper
    large_print: bool
    fillable: bool
    sections: tuple[Section, ...] = field(default_factory=tuple)
    landscape: bool = False  # a form for a desk, printed across the page (the review)
    mark: PackMark | None = None  # a fillable pack's account of its fields, for reading back
    # Why it holds what it holds (compose.choices): printed at the top of the JSON, not in
    # the pack's own blocks.
    choices: dict[str, Any] = field(default_factory=dict, metadata={"in_json": False})

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    @property
    def groups(self) -> tuple[QuestionGroup, ...]:
        return tuple(block for block in self.blocks() if isinstance(block, QuestionGroup))

    @property
    def checks_table(self) -> ChecksTable | None:
        """The checks that may be due, when the pack has them."""
        return next((b for b in self.blocks() if isinstance(b, ChecksTable)), None)

    @property
    def checks(self) -> tuple[str, ...]:
        """The lines of the checks table, when the pack has one."""
        return self.checks_table.items if self.checks_table else ()

    @property
    def question_count(self) -> int:
        """The questions for this visit, not counting those carried from the last one."""
        return sum(len(group.questions) for group in self.groups if not group.carried)

    @property
    def carried_count(self) -> int:
        return sum(len(group.questions) for group in self.groups if group.carried)

    @property
    def sheet_count(self) -> int:
        return sum(1 for section in self.sections if section.record_sheet)

    @property
    def typed_in(self) -> bool:
        """Whether the pack has spaces to type in on screen: questions, record sheets, or a
        review's choices and comments."""
        review = any(isinstance(block, ReviewForm | SignOff) for block in self.blocks())
        return bool(self.question_count or self.sheet_count or review)

    def contents(self) -> str:
        """What the pack holds, for the line that says a pack was written: "15 questions, 7
        record sheets"."""
        parts = [f"{self.question_count} questions"] if self.groups else []
        if self.carried_count:
            parts.append(f"{self.carried_count} from last time")
        if self.sheet_count:
            parts.append(f"{self.sheet_count} record sheets")
        return ", ".join(parts)


def words(block: Block) -> Iterator[str]:
    """Every string of ``block`` that every rendering shows as text. Not the names of spaces to
    write in: paper shows those as a numeral or not at all, a screen names them in full."""
    match block:
        case Paragraph(screen=str()):
            pass  # said one way on paper and another on a screen: in no rendering both
        case Paragraph(text=text) | Heading(text=text):
            yield text
        case ChecksTable(columns=columns, rows=rows):
            yield from columns
            for row in rows:
                yield from row.cells
        case BulletList(items=items) | ResourceList(items=items) | ReferenceList(items=items):
            for item in items:
                if isinstance(item, Resource):
                    yield from (item.name, item.description, item.url)
                else:
                    yield item
        case DetailList(details=details):
            for detail in details:
                yield detail.label
                if detail.value:
                    yield detail.value
        case Callout(title=title, blocks=blocks):
            yield title
            for inner in blocks:
                yield from words(inner)
        case FoldedCard(panels=panels):
            for panel in panels:
                yield from words(panel)
        case QuestionGroup(title=title, questions=questions):
            yield title
            for question in questions:
                yield question.text
                yield from (line for line in (question.why, question.note) if line)
        case RecordTable(columns=columns, rows=rows):
            yield from columns
            yield from (cell for row in rows for cell in row if cell)
        case RecordForm(items=items):
            yield from items

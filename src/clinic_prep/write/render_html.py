"""One self-contained, semantic HTML page of a Pack, for screen readers and braille displays.

A walker over the pack's blocks: headings in order, real checkboxes and labelled answer boxes,
record sheets as data tables with header cells, no layout tables, nothing in colour alone, and
readable with CSS off. The page around the blocks (styles, header, footer) is a template.
"""

from html import escape
from typing import assert_never

from markupsafe import Markup

from clinic_prep.compose.pack import (
    Block,
    BulletList,
    Callout,
    ChecksTable,
    DetailList,
    FoldedCard,
    Heading,
    Pack,
    Paragraph,
    QuestionGroup,
    RecordForm,
    RecordTable,
    ReferenceList,
    Resource,
    ResourceList,
    Section,
    WriteIn,
)
from clinic_prep.compose.review_blocks import ReviewForm, ReviewItem, SignOff
from clinic_prep.compose.templating import render
from clinic_prep.core.text import TRAILING_PUNCTUATION, WEB_ADDRESS

HTML_TEMPLATE = "pack.html.j2"


def _linked(text: str) -> str:
    """``text`` escaped, each web address in it a link (its own words as the link text)."""
    out, position = [], 0
    for found in WEB_ADDRESS.finditer(text):
        address = found.group().rstrip(TRAILING_PUNCTUATION)
        end = found.start() + len(address)
        out += [escape(text[position : found.start()]), f'<a href="{escape(address)}">']
        out += [escape(address), "</a>"]
        position = end
    return "".join([*out, escape(text[position:])])


def _text_box(field: str, label: str, rows: int) -> str:
    return (
        f'<p><label for="{field}">{escape(label)}</label>\n'
        f'<textarea id="{field}" name="{field}" rows="{rows}"></textarea></p>'
    )


class _HtmlWriter:
    def __init__(self) -> None:
        self._boxes = 0

    def section(self, section: Section, level: int) -> str:
        heading = f'<h{level} id="{section.id}">{escape(section.title)}</h{level}>'
        inner = "\n".join(self.block(block, level + 1) for block in section.blocks)
        if level == 1:
            return f"{heading}\n{inner}"
        return f'<section aria-labelledby="{section.id}">\n{heading}\n{inner}\n</section>'

    def block(self, block: Block, level: int) -> str:
        match block:
            case Paragraph(text=text, screen=screen):
                return f"<p>{escape(screen or text)}</p>"
            case Heading(text=text):
                return f"<h{level}>{escape(text)}</h{level}>"
            case BulletList(items=items):
                return "<ul>\n" + "".join(f"<li>{escape(i)}</li>\n" for i in items) + "</ul>"
            case ChecksTable():
                return self.checks_table(block)
            case DetailList(details=details, blank=blank):
                rows = "".join(
                    f"<dt>{escape(d.label)}</dt>\n<dd>{escape(d.value or blank)}</dd>\n"
                    for d in details
                )
                return f"<dl>\n{rows}</dl>"
            case WriteIn(description=description, lines=lines, field=field):
                return _text_box(field, description, max(2, min(lines, 8)))
            case Callout(title=title, blocks=inner):
                self._boxes += 1
                box = f"box-{self._boxes}"
                content = "\n".join(self.block(item, level + 1) for item in inner)
                return (
                    f'<section class="box" aria-labelledby="{box}">\n'
                    f'<h{level} id="{box}">{escape(title)}</h{level}>\n{content}\n</section>'
                )
            case FoldedCard(panels=panels):
                return "\n".join(self.block(panel, level) for panel in panels)
            case QuestionGroup():
                return _question_group(block, level)
            case RecordTable():
                return self.table(block)
            case RecordForm(items=items, field=field):
                return "\n".join(
                    _text_box(f"{field}-{n}", item, block.lines)
                    for n, item in enumerate(items, start=1)
                )
            case ResourceList(items=items):
                links = "".join(
                    f'<li><a href="{escape(r.url)}">{escape(r.name)}</a>{Resource.JOIN}'
                    f"{escape(r.description)} ({escape(r.url)})</li>\n"
                    for r in items
                )
                return f"<ul>\n{links}</ul>"
            case ReferenceList(items=items):
                return "<ul>\n" + "".join(f"<li>{_linked(i)}</li>\n" for i in items) + "</ul>"
            case ReviewForm():
                return "\n".join(_review_item(block, item, level) for item in block.items)
            case SignOff(title=title, labels=labels, field=field):
                boxes = [
                    _text_box(f"{field}-{n}", label, 3 if n == len(labels) else 1)
                    for n, label in enumerate(labels, start=1)
                ]
                return f"<h{level}>{escape(title)}</h{level}>\n" + "\n".join(boxes)
            case _:
                assert_never(block)

    def checks_table(self, table: ChecksTable) -> str:
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
        body = "".join(
            f'<tr><th scope="row">{escape(row.check)}</th>'
            + "".join(f"<td>{escape(cell)}</td>" for cell in row.cells[1:])
            + "</tr>\n"
            for row in table.rows
        )
        return f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"

    def table(self, table: RecordTable) -> str:
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
        rows = [*table.rows, *[("",) * len(table.columns)] * table.blank_rows]
        body = []
        for number, row in enumerate(rows, start=1):
            label = table.row_label(row, number)
            cells = []
            for column, cell in enumerate(row, start=1):
                if cell and column == 1:
                    cells.append(f'<th scope="row">{escape(cell)}</th>')
                elif cell:
                    cells.append(f"<td>{escape(cell)}</td>")
                else:
                    field = f"{table.field}-r{number}-{column}"
                    aria = escape(table.cell_name(label, column - 1))
                    cells.append(f'<td><input type="text" name="{field}" aria-label="{aria}"></td>')
            body.append("<tr>" + "".join(cells) + "</tr>\n")
        return (
            f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{''.join(body)}</tbody>\n"
            "</table>"
        )


def render_html(pack: Pack) -> str:
    """The whole pack as one HTML document (UTF-8, no external files)."""
    writer = _HtmlWriter()
    sections = [
        writer.section(section, 1 if index == 0 else 2)
        for index, section in enumerate(pack.sections)
    ]
    if pack.typed_in:
        sections.insert(1, render("keep_answers.html.j2"))
    body = "\n".join(sections)
    return render(HTML_TEMPLATE, pack=pack, body=Markup(body))


def _review_item(form: ReviewForm, item: ReviewItem, level: int) -> str:
    """One question or rule to review: its words under their column names, then the
    reviewer's choice (one of three buttons) and a box for a comment."""
    words = "".join(
        f"<dt>{escape(column)}</dt><dd>{'<br>'.join(escape(line) for line in cell)}</dd>\n"
        for column, cell in zip(form.columns[:-1], item.cells, strict=True)
    )
    buttons = "".join(
        f'<label><input type="radio" name="{item.id}-review" value="{escape(choice)}"> '
        f"{escape(choice)}</label>\n"
        for choice in form.choices
    )
    return (
        f"<article>\n<h{level}>{escape(item.id)}</h{level}>\n<dl>\n{words}</dl>\n"
        f"<fieldset>\n<legend>{escape(item.choice_label)}</legend>\n{buttons}</fieldset>\n"
        + _text_box(f"{item.id}-comment", item.comment_label, 2)
        + "\n</article>"
    )


def _question_group(group: QuestionGroup, level: int) -> str:
    """Numbered questions, each with a box to tick once asked and a box for the answer."""
    entries = []
    for q in group.questions:
        asked, answer = f"q{q.number}-asked", f"q{q.number}-answer"
        parts = [
            f'<p><input type="checkbox" id="{asked}" name="{asked}">\n'
            f'<label for="{asked}">{escape(q.text)}</label></p>',
            *(f"<p>{escape(line)}</p>" for line in (q.why, q.note) if line),
            _text_box(answer, q.answer_label, 3),
        ]
        entries.append("<li>\n" + "\n".join(parts) + "\n</li>\n")
    start = group.questions[0].number
    return (
        f"<h{level}>{escape(group.title)}</h{level}>\n"
        f'<ol start="{start}">\n' + "".join(entries) + "</ol>"
    )

"""Plain linear text of a Pack, for screen readers, braille displays and text-to-speech.

A walker over the pack's blocks. Headings are words on their own line with blank lines around
them, marked "Section:", "Record sheet:" or "Part:" so a listener knows where they are; no
decorative characters; lines of 80 characters or fewer.
"""

from typing import assert_never

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
    WriteIn,
)
from clinic_prep.compose.review_blocks import ReviewForm, SignOff
from clinic_prep.compose.templating import wrap


def _block(block: Block) -> list[str]:
    """The block as paragraphs of text; each is wrapped and followed by a blank line."""
    match block:
        case Paragraph(text=text, screen=screen):
            return [screen or text]
        case Heading(text=text):
            return [f"Part: {text}"]
        case BulletList(items=items):
            return ["\n".join(wrap(item) for item in items)]
        case ChecksTable(columns=columns, rows=rows):
            out = [f"Columns: {', '.join(columns)}"]
            out += [f"{row.check}: {'; '.join(row.cells[1:])}" for row in rows]
            return ["\n".join(wrap(line) for line in out)]
        case DetailList(details=details, blank=blank):
            return ["\n".join(wrap(f"{d.label}: {d.value or blank}") for d in details)]
        case WriteIn(label=label, description=description):
            return [f"{label or description}"]
        case Callout(title=title, blocks=inner):
            return [f"Part: {title}", *(text for item in inner for text in _block(item))]
        case FoldedCard(panels=panels):
            return [text for panel in panels for text in _block(panel)]
        case QuestionGroup(title=title, questions=questions):
            out = [f"Part: {title}"]
            for question in questions:
                lines = [f"Question {question.number}. {question.text}"]
                lines += [line for line in (question.why, question.note) if line]
                lines.append(f"{question.answer_label}:")
                out.append("\n".join(wrap(line) for line in lines))
            return out
        case RecordTable(columns=columns, rows=rows):
            out = [f"Columns: {', '.join(columns)}"]
            for label, *cells in rows:
                filled = ", ".join(cell for cell in cells if cell)
                out.append(f"{label}: {filled}" if filled else f"{label}:")
            return ["\n".join(wrap(line) for line in out)]
        case RecordForm(items=items):
            return ["\n".join(wrap(f"{item}:") for item in items)]
        case ResourceList(items=items):
            return [f"{wrap(r.name + Resource.JOIN + r.description)}\n{r.url}" for r in items]
        case ReferenceList(items=items):
            return list(items)
        case ReviewForm(columns=columns, items=items, choices=choices):
            out = []
            for item in items:
                lines = [
                    f"{column}: {' '.join(cell)}"
                    for column, cell in zip(columns[:-1], item.cells, strict=True)
                ]
                lines.append(f"{columns[-1]}: {' / '.join(choices)}. Comment:")
                out.append("\n".join(wrap(line) for line in lines))
            return out
        case SignOff(title=title, labels=labels):
            return [f"Part: {title}", "\n".join(f"{label}:" for label in labels)]
        case _:
            assert_never(block)


def render_text(pack: Pack) -> str:
    """The whole pack as plain text with lines of at most 80 characters."""
    paragraphs: list[str] = []
    for index, section in enumerate(pack.sections):
        kind = "Record sheet" if section.record_sheet else "Section"
        paragraphs.append(section.title if index == 0 else f"{kind}: {section.title}")
        for block in section.blocks:
            paragraphs += _block(block)
    paragraphs.append(pack.footer)
    return (
        "".join(
            (paragraph if "\n" in paragraph else wrap(paragraph)) + "\n\n"
            for paragraph in paragraphs
        ).rstrip("\n")
        + "\n"
    )

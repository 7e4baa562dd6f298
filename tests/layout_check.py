"""A print designer's checks, run on a finished PDF: what a reader holding the pages would see.

The checker knows nothing about how the PDF was made. It reads the text and the ruled lines of
each page (pdfplumber) and reports:

- stranded headings: a heading with nothing after it on its page;
- split questions: a numbered question whose answer lines do not all follow it on its page;
- near-empty pages: less than a third of the writing area used (the last page may be short);
- untitled continuations: a page that opens with a table or ruled lines and no heading above;
- lonely lines: a page that opens with a paragraph's last line, alone;
- the smallest character, for the large-print rule.

Headings are recognised as bold lines clearly larger than the body text; questions as bold lines
of body size that start with a number and a full stop ("3. What...").
"""

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pdfplumber

MARGIN = 56.69  # the 20 mm page margin every document uses
QUESTION_START = re.compile(r"^\d+\. \S")
NEAR_EMPTY = 1 / 3


@dataclass(frozen=True)
class TextLine:
    top: float
    bottom: float
    x0: float
    text: str
    size: float
    bold: bool


@dataclass(frozen=True)
class Rule:
    top: float
    x0: float
    x1: float


@dataclass
class PageView:
    number: int
    lines: list[TextLine]
    rules: list[Rule]  # horizontal lines in the writing area
    used: float  # share of the writing area's height in use, from the top


@dataclass
class LayoutReport:
    pages: int
    stranded_headings: list[str] = field(default_factory=list)
    split_questions: list[str] = field(default_factory=list)
    near_empty_pages: list[int] = field(default_factory=list)
    untitled_continuations: list[int] = field(default_factory=list)
    lonely_lines: list[str] = field(default_factory=list)  # a paragraph's last line alone
    smallest_character: float = 0.0

    @property
    def problems(self) -> int:
        return (
            len(self.stranded_headings)
            + len(self.split_questions)
            + len(self.near_empty_pages)
            + len(self.untitled_continuations)
            + len(self.lonely_lines)
        )


def _text_lines(chars: list[dict[str, Any]]) -> list[TextLine]:
    rows: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        rows.setdefault(round(char["top"]), []).append(char)
    lines = []
    for _top, row in sorted(rows.items()):
        row.sort(key=lambda c: c["x0"])
        visible = [c for c in row if not c["text"].isspace()]
        if not visible:
            continue
        # Cells of one table row share a line: split it where the gap is wide.
        groups: list[list[dict[str, Any]]] = [[row[0]]]
        for char in row[1:]:
            if char["x0"] - groups[-1][-1]["x1"] > char["size"] * 1.5:
                groups.append([char])
            else:
                groups[-1].append(char)
        for group in groups:
            text = "".join(c["text"] for c in group).strip()
            if not text:
                continue
            lines.append(
                TextLine(
                    top=min(c["top"] for c in group),
                    bottom=max(c["bottom"] for c in group),
                    x0=group[0]["x0"],
                    text=text,
                    size=max(c["size"] for c in group),
                    bold=all("Bold" in c["fontname"] for c in group if not c["text"].isspace()),
                )
            )
    lines.sort(key=lambda line: (round(line.top), line.x0))
    return lines


def read_pages(data: bytes) -> list[PageView]:
    views = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            height = float(page.height)
            top, bottom = MARGIN - 4, height - MARGIN + 4

            def inside(obj: dict[str, Any], top: float = top, bottom: float = bottom) -> bool:
                return bool(obj["top"] >= top and obj["bottom"] <= bottom)

            chars = [c for c in page.chars if inside(c)]
            graphics = [g for g in (*page.lines, *page.rects) if inside(g)]
            rules = [
                Rule(float(g["top"]), float(g["x0"]), float(g["x1"]))
                for g in graphics
                if abs(g["top"] - g["bottom"]) < 2 and g["x1"] - g["x0"] > 40
            ]
            lowest = max([MARGIN, *(o["bottom"] for o in (*chars, *graphics))])
            used = (lowest - MARGIN) / (height - 2 * MARGIN)
            views.append(
                PageView(number, _text_lines(chars), sorted(rules, key=lambda r: r.top), used)
            )
    return views


def check_layout(data: bytes) -> LayoutReport:
    pages = read_pages(data)
    report = LayoutReport(pages=len(pages))
    sizes = Counter(round(line.size) for page in pages for line in page.lines)
    body = sizes.most_common(1)[0][0] if sizes else 12
    report.smallest_character = min(
        (line.size for page in pages for line in page.lines), default=0.0
    )

    def is_heading(line: TextLine) -> bool:
        return line.bold and line.size >= body + 2

    def is_question(line: TextLine) -> bool:
        return line.bold and not is_heading(line) and bool(QUESTION_START.match(line.text))

    answer_lines = Counter[int]()
    questions: list[tuple[PageView, TextLine, int]] = []
    for page in pages:
        if page.lines:
            last = page.lines[-1]
            after = [r for r in page.rules if r.top > last.bottom + 1]
            if is_heading(last) and not after:
                report.stranded_headings.append(f"page {page.number}: {last.text}")
        if page.number < len(pages) and page.used < NEAR_EMPTY:
            report.near_empty_pages.append(page.number)
        first = page.lines[0] if page.lines else None
        wide = [r for r in page.rules if r.x1 - r.x0 > 200]
        if (
            page.number > 1
            and wide
            and (first is None or (wide[0].top < first.top - 1 and not is_heading(first)))
        ):
            report.untitled_continuations.append(page.number)
        # A list item's first line (its dash) begins something; it cannot end a paragraph.
        opens_item = first is not None and first.text.startswith(("-", "\u2022"))
        if (
            page.number > 1
            and first is not None
            and not first.bold
            and not opens_item
            and len(page.lines) > 1
        ):
            gap = page.lines[1].top - first.top
            if gap > first.size * 1.8:
                report.lonely_lines.append(f"page {page.number}: {first.text[:40]}")
        starts = [line for line in page.lines if is_question(line) or is_heading(line)]
        for index, line in enumerate(starts):
            if not is_question(line):
                continue
            end = starts[index + 1].top if index + 1 < len(starts) else float("inf")
            below = [r for r in page.rules if line.bottom < r.top < end and r.x0 >= line.x0 - 2]
            answer_lines[len(below)] += 1
            questions.append((page, line, len(below)))
    if answer_lines:
        expected = answer_lines.most_common(1)[0][0]
        report.split_questions = [
            f"page {page.number}: {line.text[:40]}"
            for page, line, count in questions
            if count < expected
        ]
    return report

"""The content review sheet as PDF, on the same pages as the packs."""

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table

from clinic_prep.compose.review import ReviewEntry, ReviewSheet
from clinic_prep.compose.review_rules import ReviewRule
from clinic_prep.core.vocabulary import Paper
from clinic_prep.write.pdf.flowables import Bookmark, RuledLines
from clinic_prep.write.pdf.page import (
    INK,
    Typography,
    data_table_style,
    layout,
    table_style,
    text_paragraph,
)
from clinic_prep.write.pdf.scripts import markup
from clinic_prep.write.pdf.table_tags import SplittingTable, TableTags
from clinic_prep.write.pdf.tagging import Element, Tag, TaggedParagraph

# The form's columns and their shares of a landscape page's width.
ENTRY_COLUMNS = (
    ("Question", 0.33),
    ("Why it is asked", 0.22),
    ("When it is chosen", 0.19),
    ("Sources", 0.11),
    ("Your review (circle one)", 0.15),
)
RULE_COLUMNS = (
    ("Rule", 0.14),
    ("What it does", 0.31),
    ("Why", 0.28),
    ("Sources", 0.11),
    ("Your review (circle one)", 0.16),
)
# What a reviewer marks in each row, and the room left below it for a comment.
REVIEW_MARK = "OK / Change / Remove"
COMMENT_ROOM = 2  # lines


def _entry_cells(entry: ReviewEntry) -> list[str | list[str]]:
    """A question's row. Its id line also carries its priority, reading grade and the date
    its wording last changed (the summary says how to read them): short facts that would
    otherwise lengthen "When it is chosen", the column that sets most rows' height."""
    local = f" (local: {entry.local})" if entry.local else ""
    question = [
        f"{entry.id}{local} · priority {entry.priority} · grade {entry.grade:.1f} · "
        f"{entry.updated}",
        f"{' or '.join(reader.value.capitalize() for reader in entry.text_readers)}: {entry.text}",
    ]
    if entry.text_self:
        question.append(f"Self: {entry.text_self}")
    return [question, entry.why or "", entry.conditions, "; ".join(entry.sources), REVIEW_MARK]


def _rule_cells(rule: ReviewRule) -> list[str | list[str]]:
    return [f"{rule.kind} ({rule.id})", rule.what, rule.why, "; ".join(rule.sources), REVIEW_MARK]


def _form(
    title: str,
    columns: tuple[tuple[str, float], ...],
    rows: list[list[str | list[str]]],
    width: float,
    styles: dict[str, ParagraphStyle],
) -> Flowable:
    """One row for each question or rule, to mark up: a data table split over pages where it
    must, its column headings repeated and its title carried over."""

    def cell(value: str | list[str], style: str) -> Flowable:
        """One paragraph a cell, its parts on lines of their own, so that a row taller than
        the room left on a page can run on over the page."""
        lines = [value] if isinstance(value, str) else value
        if value == REVIEW_MARK:  # room to write the comment by hand
            lines = [value, *[""] * COMMENT_ROOM]
        text = "<br/>".join(markup(line, bold=False) for line in lines)
        return TaggedParagraph(text, styles[style], Tag(("P",)))

    header = [cell(name, "cellhead") for name, _share in columns]
    body = [[cell(value, "cell") for value in row] for row in rows]
    tags = TableTags(Element("Table"), header_row=True, repeated_header=False, row_headers=True)
    table = SplittingTable(
        [header, *body],
        colWidths=[width * share for _name, share in columns],
        repeatRows=1,
        splitInRow=1,  # a long row runs on over the page rather than leave half of it empty
        renderCB=tags,
    )
    table.continued = lambda: text_paragraph(f"{title} (continued)", styles["h3"])
    table.setStyle(
        data_table_style(
            "TOP",
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table


def _sign_off(title: str, width: float, styles: dict[str, ParagraphStyle]) -> KeepTogether:
    """Who reviewed a topic, in two rows: name, role and date on one, the changes needed on
    the other (a topic's specialist signs its own)."""

    def label(text: str) -> Flowable:
        return text_paragraph(text, styles["label"])

    share = width / 9
    table = Table(
        [
            [label("Reviewed by"), RuledLines(1, 20), label("Role"), RuledLines(1, 20),
             label("Date"), RuledLines(1, 20)],
            [label("Changes needed"), RuledLines(1, 20), "", "", "", ""],
        ],
        colWidths=[share * 1.6, share * 2.6, share * 0.6, share * 2.0, share * 0.6, share * 1.6],
    )  # fmt: skip
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, INK),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("SPAN", (1, 1), (-1, 1)),
            ]
        )
    )
    return KeepTogether([text_paragraph(f"Sign-off: {title}", styles["h3"]), table])


def _sources(
    title: str, citations: tuple[str, ...], styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    paragraphs = [text_paragraph(c, styles["form-source"]) for c in citations]
    return [
        KeepTogether([text_paragraph(f"Sources for {title}", styles["h3"]), *paragraphs[:1]]),
        *paragraphs[1:],
    ]


RULES_TITLE = "Visit rules"


# The form is read by a clinician at a desk, not a family: its table is set small and close,
# so a page holds several questions and the whole bank a few dozen pages.
FORM_TYPE = 8.0


def _form_styles(styles: dict[str, ParagraphStyle]) -> dict[str, ParagraphStyle]:
    cell = ParagraphStyle(
        "review-cell", parent=styles["cell"], fontSize=FORM_TYPE, leading=FORM_TYPE * 1.15
    )
    head = ParagraphStyle(
        "review-head", parent=styles["cellhead"], fontSize=FORM_TYPE + 0.5, leading=FORM_TYPE * 1.3
    )
    cell.spaceAfter = head.spaceAfter = 1.5
    # The sources at the end, set as the form is (a little larger, being running text).
    source = ParagraphStyle(
        "review-source",
        parent=styles["small"],
        fontSize=FORM_TYPE + 1,
        leading=(FORM_TYPE + 1) * 1.3,
        spaceAfter=3,
    )
    # A form's heading is not kept with the whole form (which would send it to a new page
    # whenever the form is longer than the room left): a page break before it does that job.
    heading = ParagraphStyle("h2", parent=styles["h2"], keepWithNext=0)  # still an H2
    return {**styles, "cell": cell, "cellhead": head, "form-h2": heading, "form-source": source}


def render_review_pdf(sheet: ReviewSheet, paper: Paper = Paper.A4) -> bytes:
    typography = Typography()
    styles = _form_styles(typography.styles())

    def story(width: float, height: float) -> list[Flowable]:
        items: list[Flowable] = [
            Bookmark("review-0", sheet.title, 0),
            text_paragraph(sheet.title, styles["h1"]),
            text_paragraph(sheet.summary, styles["body"]),
        ]
        if sheet.rules:
            rules = [_rule_cells(rule) for rule in sheet.rules]
            items += [
                Bookmark("review-rules", RULES_TITLE, 0),
                text_paragraph(RULES_TITLE, styles["form-h2"]),
                _form(RULES_TITLE, RULE_COLUMNS, rules, width, styles),
                _sign_off(RULES_TITLE.lower(), width, styles),
            ]
        for number, topic in enumerate(sheet.topics, start=1):
            # A topic starts a new page only when this one has room for little of it.
            items.append(CondPageBreak(height / 4))
            items += [
                Bookmark(f"review-{number}", topic.title, 0),
                text_paragraph(topic.title, styles["form-h2"]),
            ]
            entries = [_entry_cells(entry) for entry in topic.entries]
            items.append(_form(topic.title, ENTRY_COLUMNS, entries, width, styles))
            items.append(_sign_off(topic.title, width, styles))
        # Every source once, at the end: the forms name them in their Sources column.
        cited = (*sheet.rules_citations, *(c for topic in sheet.topics for c in topic.citations))
        items += [
            CondPageBreak(height / 4),
            *_sources("the rules and questions", tuple(dict.fromkeys(cited)), styles),
        ]
        return items

    data, _pages = layout(
        story,
        paper=paper,
        typography=typography,
        title=sheet.title,
        subject="clinic-prep question bank, for clinical review",
        header=sheet.title,
        footer_note=sheet.summary.split(".")[0],
        landscape=True,
    )
    return data

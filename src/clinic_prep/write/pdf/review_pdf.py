"""The content review sheet as PDF, on the same pages as the packs."""

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from clinic_prep.compose.review import ReviewEntry, ReviewRule, ReviewSheet
from clinic_prep.core.vocabulary import Paper
from clinic_prep.write.pdf.flowables import Bookmark, RuledLines
from clinic_prep.write.pdf.page import INK, Typography, layout, table_style, text_paragraph

PRIORITY_WORDS = {1: "1 (ask first)", 2: "2 (important)", 3: "3 (if there is time)"}


def _entry(entry: ReviewEntry, styles: dict[str, ParagraphStyle]) -> KeepTogether:
    def para(text: str, style: str) -> Flowable:
        return text_paragraph(text, styles[style])

    parts: list[Flowable] = [
        para(entry.id + (f" (local: {entry.local})" if entry.local else ""), "h3")
    ]
    parts.append(para(f"For a parent: {entry.text}", "body"))
    if entry.text_self:
        parts.append(para(f"For the person themselves: {entry.text_self}", "body"))
    if entry.why:
        parts.append(para(f"Why: {entry.why}", "small"))
    parts.append(para(f"When it is chosen: {entry.conditions}", "small"))
    parts.append(
        para(
            f"Priority: {PRIORITY_WORDS[entry.priority]}. Reading grade: "
            f"{entry.grade:.1f}. Wording last updated: {entry.updated}.",
            "small",
        )
    )
    parts.append(para("Sources: " + "; ".join(entry.sources), "small"))
    parts.append(Spacer(1, 10))
    return KeepTogether(parts)


def _rule(rule: ReviewRule, styles: dict[str, ParagraphStyle]) -> KeepTogether:
    return KeepTogether(
        [
            text_paragraph(f"{rule.kind} ({rule.id})", styles["h3"]),
            text_paragraph(f"What it does: {rule.what}", styles["body"]),
            text_paragraph(f"Why: {rule.why}", styles["small"]),
            text_paragraph("Sources: " + "; ".join(rule.sources), styles["small"]),
            Spacer(1, 10),
        ]
    )


def _sign_off(title: str, width: float, styles: dict[str, ParagraphStyle]) -> KeepTogether:
    table = Table(
        [
            [text_paragraph(label, styles["label"]), RuledLines(1, 24)]
            for label in ("Reviewed by", "Role", "Date", "Changes needed")
        ],
        colWidths=[width * 0.3, width * 0.7],
    )
    table.setStyle(
        table_style([("BOX", (0, 0), (-1, -1), 1.5, INK), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    )
    return KeepTogether([text_paragraph(f"Sign-off: {title}", styles["h3"]), table])


def _sources(
    title: str, citations: tuple[str, ...], styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    paragraphs = [text_paragraph(c, styles["small"]) for c in citations]
    return [
        KeepTogether([text_paragraph(f"Sources for {title}", styles["h3"]), *paragraphs[:1]]),
        *paragraphs[1:],
    ]


RULES_TITLE = "Visit rules"


def render_review_pdf(sheet: ReviewSheet, paper: Paper = Paper.A4) -> bytes:
    typography = Typography()
    styles = typography.styles()

    def story(width: float, height: float) -> list[Flowable]:
        items: list[Flowable] = [
            Bookmark("review-0", sheet.title, 0),
            text_paragraph(sheet.title, styles["h1"]),
            text_paragraph(sheet.summary, styles["body"]),
        ]
        if sheet.rules:
            items += [
                Bookmark("review-rules", RULES_TITLE, 0),
                text_paragraph(RULES_TITLE, styles["h2"]),
                *(_rule(rule, styles) for rule in sheet.rules),
                *_sources(RULES_TITLE.lower(), sheet.rules_citations, styles),
                _sign_off(RULES_TITLE.lower(), width, styles),
            ]
        for number, topic in enumerate(sheet.topics, start=1):
            # A topic starts a new page only when this one is more than half used.
            items.append(CondPageBreak(height / 2))
            items += [
                Bookmark(f"review-{number}", topic.title, 0),
                text_paragraph(topic.title, styles["h2"]),
            ]
            items += [_entry(entry, styles) for entry in topic.entries]
            items += _sources(topic.title, topic.citations, styles)
            items.append(_sign_off(topic.title, width, styles))
        return items

    data, _pages = layout(
        story,
        paper=paper,
        typography=typography,
        title=sheet.title,
        subject="clinic-prep question bank, for clinical review",
        header=sheet.title,
        footer_note=sheet.summary.split(".")[0],
    )
    return data

"""The content review sheet as PDF, on the same pages as the packs."""

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from clinic_prep.pdf.page import (
    INK,
    Bookmark,
    RuledLines,
    Typography,
    layout,
    table_style,
    text_paragraph,
)
from clinic_prep.review import ReviewEntry, ReviewSheet
from clinic_prep.vocabulary import Paper

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


def render_review_pdf(sheet: ReviewSheet, paper: Paper = Paper.A4) -> bytes:
    typography = Typography()
    styles = typography.styles()

    def story(width: float, height: float) -> list[Flowable]:
        items: list[Flowable] = [
            Bookmark("review-0", sheet.title, 0),
            text_paragraph(sheet.title, styles["h1"]),
            text_paragraph(sheet.summary, styles["body"]),
        ]
        for number, topic in enumerate(sheet.topics, start=1):
            # A topic starts a new page only when this one is more than half used.
            items.append(CondPageBreak(height / 2))
            items += [
                Bookmark(f"review-{number}", topic.title, 0),
                text_paragraph(topic.title, styles["h2"]),
            ]
            items += [_entry(entry, styles) for entry in topic.entries]
            sign_off = Table(
                [
                    [text_paragraph(label, styles["label"]), RuledLines(1, 24)]
                    for label in ("Reviewed by", "Role", "Date", "Changes needed")
                ],
                colWidths=[width * 0.3, width * 0.7],
            )
            sign_off.setStyle(
                table_style(
                    [("BOX", (0, 0), (-1, -1), 1.5, INK), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
                )
            )
            citations = [text_paragraph(c, styles["small"]) for c in topic.citations]
            items.append(
                KeepTogether(
                    [text_paragraph(f"Sources for {topic.title}", styles["h3"]), *citations[:1]]
                )
            )
            items += citations[1:]
            items.append(
                KeepTogether(
                    [
                        text_paragraph(f"Sign-off: {topic.title}", styles["h3"]),
                        sign_off,
                    ]
                )
            )
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

"""The review sheet as a pack: a title and how to read it, the visit rules and each topic's
questions as forms to mark up, each with a sign-off, and every source once at the end. The
same writers print it as print a family's pack (landscape, for a desk, in the PDF)."""

from datetime import date

from clinic_prep.compose.pack import Pack, Paragraph, ReferenceList, Section
from clinic_prep.compose.review import ReviewEntry, ReviewSheet
from clinic_prep.compose.review_blocks import ReviewForm, ReviewItem, SignOff
from clinic_prep.compose.review_rules import ReviewRule
from clinic_prep.core.vocabulary import Paper

QUESTION_COLUMNS = ("Question", "Why it is asked", "When it is chosen", "Sources")
RULE_COLUMNS = ("Rule", "What it does", "Why", "Sources")
REVIEW_COLUMN = "Your review (circle one)"
CHOICES = ("OK", "Change", "Remove")
SIGN_OFF_LABELS = ("Reviewed by", "Role", "Date", "Changes needed")
RULES_TITLE = "Visit rules"
SOURCES_TITLE = "Sources for the rules and questions"


def _question(entry: ReviewEntry) -> ReviewItem:
    """A question's row. Its first line also carries its priority, reading grade and the date
    its wording last changed (the summary says how to read them): short facts that would
    otherwise lengthen "When it is chosen", the column that sets most rows' height."""
    local = f" (local: {entry.local})" if entry.local else ""
    readers = " or ".join(reader.value.capitalize() for reader in entry.text_readers)
    question = (
        f"{entry.id}{local} · priority {entry.priority} · grade {entry.grade:.1f} · "
        f"{entry.updated}",
        f"{readers}: {entry.text}",
        *([f"Self: {entry.text_self}"] if entry.text_self else []),
    )
    cells = (question, (entry.why or "",), (entry.conditions,), ("; ".join(entry.sources),))
    return ReviewItem(entry.id, cells)


def _rule(rule: ReviewRule) -> ReviewItem:
    cells = ((f"{rule.kind} ({rule.id})",), (rule.what,), (rule.why,), ("; ".join(rule.sources),))
    return ReviewItem(rule.id, cells)


def _part(
    part_id: str, title: str, columns: tuple[str, ...], items: tuple[ReviewItem, ...]
) -> Section:
    form = ReviewForm(title, (*columns, REVIEW_COLUMN), items, CHOICES)
    sign_off = SignOff(f"Sign-off: {title}", SIGN_OFF_LABELS, f"sign-off-{part_id}")
    return Section(part_id, title, (form, sign_off))


def review_pack(sheet: ReviewSheet, paper: Paper, updated: date) -> Pack:
    """The review sheet as a pack, for ``render``."""
    parts = [Section("review", sheet.title, (Paragraph(sheet.summary),))]
    if sheet.rules:
        parts.append(_part("rules", RULES_TITLE, RULE_COLUMNS, tuple(map(_rule, sheet.rules))))
    for number, topic in enumerate(sheet.topics, start=1):
        items = tuple(_question(entry) for entry in topic.entries)
        parts.append(_part(f"topic-{number}", topic.title, QUESTION_COLUMNS, items))
    # Every source once, at the end: the forms name them in their Sources column.
    cited = (*sheet.rules_citations, *(c for topic in sheet.topics for c in topic.citations))
    parts.append(Section("sources", SOURCES_TITLE, (ReferenceList(tuple(dict.fromkeys(cited))),)))
    return Pack(
        title=sheet.title,
        subject="clinic-prep question bank, for clinical review",
        header=sheet.title,
        sheet_header=sheet.title,
        footer=sheet.summary.split(".")[0],
        updated=updated,
        paper=paper,
        large_print=False,
        fillable=False,
        sections=tuple(parts),
        landscape=True,
    )

"""The review sheet as a pack: a title and how to read it, the visit rules and each topic's
questions as forms to mark up, each with a sign-off, and every source once at the end. The
same writers print it as print a family's pack (landscape, for a desk, in the PDF); its
words are content (the ``review`` part of words.yaml)."""

from datetime import date

from clinic_prep.compose.pack import Pack, Paragraph, ReferenceList, Section
from clinic_prep.compose.review import ReviewEntry, ReviewSheet
from clinic_prep.compose.review_blocks import ReviewForm, ReviewItem, SignOff
from clinic_prep.compose.review_rules import ReviewRule
from clinic_prep.content.words_schema import ReviewWords
from clinic_prep.core.vocabulary import Paper


def _item(item_id: str, cells: tuple[tuple[str, ...], ...], words: ReviewWords) -> ReviewItem:
    return ReviewItem(
        item_id,
        cells,
        words.your_review_of.format(id=item_id),
        words.comment_on.format(id=item_id),
    )


def _question(entry: ReviewEntry, words: ReviewWords) -> ReviewItem:
    """A question's row. Its first line also carries its priority, reading grade and the date
    its wording last changed (the summary says how to read them): short facts that would
    otherwise lengthen "When it is chosen", the column that sets most rows' height."""
    local = f" (local: {entry.local})" if entry.local else ""
    names = words.readers
    readers = " or ".join(getattr(names, reader.value) for reader in entry.text_readers)
    question = (
        f"{entry.id}{local} · priority {entry.priority} · grade {entry.grade:.1f} · "
        f"{entry.updated}",
        f"{readers}: {entry.text}",
        *([f"{names.self}: {entry.text_self}"] if entry.text_self else []),
    )
    cells = (question, (entry.why or "",), (entry.conditions,), ("; ".join(entry.sources),))
    return _item(entry.id, cells, words)


def _rule(rule: ReviewRule, words: ReviewWords) -> ReviewItem:
    cells = ((f"{rule.kind} ({rule.id})",), (rule.what,), (rule.why,), ("; ".join(rule.sources),))
    return _item(rule.id, cells, words)


def _part(
    part_id: str,
    title: str,
    kind: str,
    items: tuple[ReviewItem, ...],
    words: ReviewWords,
    intro: str | None = None,
) -> Section:
    columns = words.question_columns if kind == "questions" else words.rule_columns
    form = ReviewForm(title, kind, (*columns, words.review_column), items, words.choices)
    sign_off = SignOff(
        words.sign_off.format(title=title), words.sign_off_labels, f"sign-off-{part_id}"
    )
    return Section(part_id, title, (*([Paragraph(intro)] if intro else []), form, sign_off))


def review_pack(sheet: ReviewSheet, words: ReviewWords, paper: Paper, updated: date) -> Pack:
    """The review sheet as a pack, for ``render``."""
    parts = [Section("review", sheet.title, (Paragraph(sheet.summary),))]
    if sheet.rules:
        rules = tuple(_rule(rule, words) for rule in sheet.rules)
        parts.append(_part("rules", words.rules, "rules", rules, words))
    for number, topic in enumerate(sheet.topics, start=1):
        items = tuple(_question(entry, words) for entry in topic.entries)
        # A heading of its own for an adult's pack is content to sign off too.
        adult = (
            words.titled_for_adults.format(adult=topic.adult_title) if topic.adult_title else None
        )
        parts.append(_part(f"topic-{number}", topic.title, "questions", items, words, adult))
    # Every source once, at the end: the forms name them in their Sources column.
    cited = (*sheet.rules_citations, *(c for topic in sheet.topics for c in topic.citations))
    parts.append(Section("sources", words.sources, (ReferenceList(tuple(dict.fromkeys(cited))),)))
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

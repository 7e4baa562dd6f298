"""The content review sheet: every visit rule and question in the bank, for a clinician to
check.

Plain data, which ``review_pack`` makes into a pack: each question's id, its wordings and
whom they are for, why, its conditions in words, its sources by name (cited in full once per
topic), its reading level and when its wording last changed, grouped by topic.
"""

from dataclasses import dataclass

from clinic_prep.choose.content_quality import grade_level
from clinic_prep.compose.in_words import conditions_in_words
from clinic_prep.compose.review_rules import ReviewRule, rule_models, rules_in_words
from clinic_prep.compose.templating import paragraphs
from clinic_prep.content.model import Bank
from clinic_prep.content.premises import readers_seeing
from clinic_prep.core.vocabulary import Reader


@dataclass(frozen=True)
class ReviewEntry:
    id: str
    text: str
    text_readers: tuple[Reader, ...]  # who reads ``text``: a relative-only question has no parent
    text_self: str | None
    why: str | None
    conditions: str
    priority: int
    sources: tuple[str, ...]
    grade: float
    updated: str
    local: str | None


@dataclass(frozen=True)
class ReviewTopic:
    title: str
    entries: tuple[ReviewEntry, ...]
    citations: tuple[str, ...]  # each source the topic's questions use, in full, once
    adult_title: str | None = None  # the topic's heading in an adult's pack


@dataclass(frozen=True)
class ReviewSheet:
    title: str
    summary: str
    topics: tuple[ReviewTopic, ...]
    rules: tuple[ReviewRule, ...] = ()
    rules_citations: tuple[str, ...] = ()


def review_sheet(bank: Bank) -> ReviewSheet:
    topics = []
    for topic in bank.topics:
        entries = []
        for item in bank.questions:
            if item.topic != topic:
                continue
            question = item.question
            wordings = [question.text, *([question.text_self] if question.text_self else [])]
            entries.append(
                ReviewEntry(
                    id=question.id,
                    text=question.text,
                    text_readers=tuple(
                        reader
                        for reader in Reader
                        if reader in readers_seeing(question.when, "text", bool(question.text_self))
                    ),
                    text_self=question.text_self,
                    why=question.why,
                    conditions=conditions_in_words(question.when),
                    priority=question.priority,
                    sources=tuple(bank.sources[s].name for s in question.sources),
                    grade=max(grade_level(w) for w in wordings),
                    updated=question.updated.isoformat(),
                    local=item.local,
                )
            )
        if entries:
            used = dict.fromkeys(
                s for item in bank.questions if item.topic == topic for s in item.question.sources
            )
            citations = tuple(bank.sources[s].reference for s in bank.sources if s in used)
            topics.append(ReviewTopic(topic.title, tuple(entries), citations, topic.title_adult))
    count = sum(len(topic.entries) for topic in topics)
    rules = rules_in_words(bank)
    used_by_rules = {s for rule in rule_models(bank) for s in rule.sources}
    return ReviewSheet(
        title=bank.words.review.title,
        summary=" ".join(
            paragraphs(
                "review_summary.txt.j2", questions=count, topics=len(topics), rules=len(rules)
            )
        ),
        topics=tuple(topics),
        rules=rules,
        rules_citations=tuple(
            bank.sources[s].reference for s in bank.sources if s in used_by_rules
        ),
    )

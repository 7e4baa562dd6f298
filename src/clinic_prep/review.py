"""The content review sheet: every question in the bank, laid out for a clinician to check.

Plain data (renderers lay it out): each question's id, both wordings, why, its conditions in
words, its sources by name (cited in full once per topic), its reading level and review
date, grouped by topic.
"""

from dataclasses import dataclass

from clinic_prep.bank import Bank
from clinic_prep.content_quality import grade_level
from clinic_prep.content_schema import When
from clinic_prep.vocabulary import BODY_SYSTEM_LABELS, CLINIC_LABELS, SITUATION_LABELS, Reader


@dataclass(frozen=True)
class ReviewEntry:
    id: str
    text: str
    text_self: str | None
    why: str | None
    conditions: str
    priority: int
    sources: tuple[str, ...]
    grade: float
    reviewed: str
    local: str | None


@dataclass(frozen=True)
class ReviewTopic:
    title: str
    entries: tuple[ReviewEntry, ...]
    citations: tuple[str, ...]  # each source the topic's questions use, in full, once


@dataclass(frozen=True)
class ReviewSheet:
    title: str
    summary: str
    topics: tuple[ReviewTopic, ...]


def _either(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def conditions_in_words(when: When) -> str:
    """``{situations: [siblings], age: {max: 5}}`` -> "Situation: Brothers and sisters. Ages up
    to 5." Conditions all apply together; a list means any of its values."""
    parts = []
    if when.situations:
        parts.append("Situation: " + _either([SITUATION_LABELS[s] for s in when.situations]))
    if when.clinics:
        parts.append("Clinic: " + _either([CLINIC_LABELS[c] for c in when.clinics]))
    if when.involves:
        parts.append("Affects: " + _either([BODY_SYSTEM_LABELS[b] for b in when.involves]))
    if when.age is not None:
        low, high = when.age.min, when.age.max
        ages = (
            f"up to {high}"
            if low == 0
            else (f"{low} and over" if high >= 120 else f"{low} to {high}")
        )
        parts.append(f"Ages {ages}")
    if when.reader is not None:
        parts.append(
            "Read by " + ("a parent" if when.reader is Reader.PARENT else "the person themselves")
        )
    return ". ".join(parts) + "." if parts else "Every visit."


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
                    text_self=question.text_self,
                    why=question.why,
                    conditions=conditions_in_words(question.when),
                    priority=question.priority,
                    sources=tuple(bank.sources[s].name for s in question.sources),
                    grade=max(grade_level(w) for w in wordings),
                    reviewed=question.reviewed.isoformat(),
                    local=item.local,
                )
            )
        if entries:
            used = dict.fromkeys(
                s for item in bank.questions if item.topic == topic for s in item.question.sources
            )
            citations = tuple(
                f"{bank.sources[s].citation} {bank.sources[s].url}"
                for s in bank.sources
                if s in used
            )
            topics.append(ReviewTopic(topic.title, tuple(entries), citations))
    count = sum(len(topic.entries) for topic in topics)
    return ReviewSheet(
        title="Question bank review",
        summary=(
            f"{count} questions in {len(topics)} topics. Check each question's wording, "
            "conditions and sources, then sign off each topic."
        ),
        topics=tuple(topics),
    )

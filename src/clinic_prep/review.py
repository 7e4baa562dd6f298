"""The content review sheet: every question in the bank, laid out for a clinician to check.

Plain data (renderers lay it out): each question's id, both wordings, why, its conditions in
words, its sources by name (cited in full once per topic), its reading level and when
its wording last changed, grouped by topic.
"""

from dataclasses import dataclass

from clinic_prep.bank import Bank
from clinic_prep.content_quality import grade_level
from clinic_prep.content_schema import When
from clinic_prep.vocabulary import (
    BODY_SYSTEM_LABELS,
    CLINIC_LABELS,
    GENETIC_RESULT_LABELS,
    READER_LABELS,
    SEX_LABELS,
    SITUATION_LABELS,
)


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
    updated: str
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


def _both(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def conditions_in_words(when: When) -> str:
    """``{situations: [siblings], age: {max: 5}}`` -> "For: Brothers and sisters. Ages up
    to 5." The visit must have one of the situations or clinics; every other part must hold."""
    purposes = [SITUATION_LABELS[s] for s in when.situations]
    purposes += [CLINIC_LABELS[c] for c in when.clinics]
    parts = []
    if purposes:
        parts.append("For: " + _either(purposes))
    if when.involves:
        parts.append("Affects: " + _either([BODY_SYSTEM_LABELS[b] for b in when.involves]))
    if when.involves_all:
        parts.append("Affects: " + _both([BODY_SYSTEM_LABELS[b] for b in when.involves_all]))
    if when.not_involves:
        parts.append(
            "Not when it affects: " + _either([BODY_SYSTEM_LABELS[b] for b in when.not_involves])
        )
    if when.age is not None:
        low, high = when.age.min, when.age.max
        ages = (
            f"up to {high}"
            if low == 0
            else (f"{low} and over" if high >= 120 else f"{low} to {high}")
        )
        parts.append(f"Ages {ages}")
    if when.sex is not None:
        parts.append(f"Sex: {SEX_LABELS[when.sex].lower()}")
    if when.readers:
        parts.append("Read by " + _either([READER_LABELS[r].lower() for r in when.readers]))
    if when.diagnosis is not None:
        parts.append(f"Diagnosis: {when.diagnosis.value.replace('-', ' ')}")
    if when.results:
        parts.append("Genetic result: " + _either([GENETIC_RESULT_LABELS[r] for r in when.results]))
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
                    updated=question.updated.isoformat(),
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

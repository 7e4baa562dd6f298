"""Checks a clinician cares about before trusting the bank: plain words, fresh reviews, no
near-duplicates, and enough questions for every situation and clinic.

Reading level is the Flesch-Kincaid US grade from ``textstat`` (pinned to 0.7.8, the last
release that works offline). It is a rough guide for short questions, so the ceiling is
configurable; the median across the bank is reported too.
"""

import statistics
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

from clinic_prep.bank import Bank, BankQuestion, Problem
from clinic_prep.vocabulary import Clinic, Situation

DEFAULT_MAX_GRADE = 8.0
DEFAULT_MAX_REVIEW_AGE_YEARS = 2
MIN_PER_SITUATION = 8
MIN_PER_CLINIC = 5
NEAR_DUPLICATE = 0.85


def grade_level(text: str) -> float:
    """US school grade needed to read ``text`` (Flesch-Kincaid)."""
    import textstat  # loaded only for content checks and reports

    return float(textstat.flesch_kincaid_grade(text))


@dataclass(frozen=True)
class Coverage:
    """How many questions each situation and clinic has, and situations x topics."""

    topics: tuple[str, ...]
    by_situation: dict[Situation, int]
    by_clinic: dict[Clinic, int]
    table: dict[tuple[Situation, str], int]


@dataclass(frozen=True)
class QualityReport:
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    grades: dict[str, float]  # question id -> the higher grade of its two wordings
    coverage: Coverage

    @property
    def median_grade(self) -> float:
        return statistics.median(self.grades.values())

    @property
    def max_grade(self) -> float:
        return max(self.grades.values())


def _coverage(bank: Bank) -> Coverage:
    topics = tuple(topic.title for topic in bank.topics)
    table = {
        (situation, topic): sum(
            situation in item.question.when.situations and item.topic.title == topic
            for item in bank.questions
        )
        for situation in Situation
        for topic in topics
    }
    return Coverage(
        topics=topics,
        by_situation={
            s: sum(s in q.question.when.situations for q in bank.questions) for s in Situation
        },
        by_clinic={c: sum(c in q.question.when.clinics for q in bank.questions) for c in Clinic},
        table=table,
    )


def _words(item: BankQuestion) -> str:
    return " ".join(
        "".join(ch for ch in item.question.text.lower() if ch.isalnum() or ch == " ").split()
    )


def assess(
    bank: Bank,
    today: date,
    *,
    max_grade: float = DEFAULT_MAX_GRADE,
    max_review_age_years: int = DEFAULT_MAX_REVIEW_AGE_YEARS,
    where: Path = Path("content"),
) -> QualityReport:
    """Reading level, review age, near-duplicates and coverage, as errors and warnings."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    grades: dict[str, float] = {}
    oldest = date(today.year - max_review_age_years, today.month, min(today.day, 28))
    for item in bank.questions:
        question = item.question
        for label, wording in (("text", question.text), ("text_self", question.text_self)):
            if wording is None:
                continue
            grade = grade_level(wording)
            grades[question.id] = max(grade, grades.get(question.id, grade))
            if grade > max_grade:
                errors.append(
                    Problem(
                        item.path,
                        item.line,
                        f"{question.id} {label}: reading grade {grade:.1f} is above "
                        f"the ceiling of {max_grade:g}; use shorter words",
                    )
                )
        if question.updated < oldest:
            warnings.append(
                Problem(
                    item.path,
                    item.line,
                    f"{question.id}: wording last updated {question.updated}, more than "
                    f"{max_review_age_years} years ago",
                )
            )

    normalised = [(_words(item), item) for item in bank.questions]
    for index, (words, item) in enumerate(normalised):
        for other_words, other in normalised[:index]:
            matcher = SequenceMatcher(None, words, other_words)
            # The quick upper bounds rule out almost every pair before the full comparison.
            if (
                matcher.real_quick_ratio() >= NEAR_DUPLICATE
                and matcher.quick_ratio() >= NEAR_DUPLICATE
                and matcher.ratio() >= NEAR_DUPLICATE
            ):
                warnings.append(
                    Problem(
                        item.path,
                        item.line,
                        f"{item.question.id} nearly repeats {other.question.id} "
                        f"({other.path}:{other.line})",
                    )
                )

    coverage = _coverage(bank)
    counted: list[tuple[str, dict[str, int], int]] = [
        ("situation", {s.value: n for s, n in coverage.by_situation.items()}, MIN_PER_SITUATION),
        ("clinic", {c.value: n for c, n in coverage.by_clinic.items()}, MIN_PER_CLINIC),
    ]
    for kind, counts, least in counted:
        for value, count in counts.items():
            if count < least:
                errors.append(
                    Problem(
                        where,
                        1,
                        f"{kind} {value} has {count} questions; at least {least} are needed",
                    )
                )
    return QualityReport(tuple(errors), tuple(warnings), grades, coverage)


def coverage_table(coverage: Coverage) -> list[list[str]]:
    """Topics down, situations across, a header row first and a total row last. A question
    for several situations counts once in each."""
    rows = [["topic", *(situation.value for situation in Situation)]]
    for topic in coverage.topics:
        rows.append([topic, *(str(coverage.table[(s, topic)] or "-") for s in Situation)])
    rows.append(["total", *(str(coverage.by_situation[s]) for s in Situation)])
    return rows

"""Checks a clinician cares about before trusting the bank: plain words, recently updated
wording, no near-duplicates (by spelling or by meaning) outside a group, groups that group
something, and enough questions for every situation, and for a regular visit to every clinic
at every age.

Reading level is the Flesch-Kincaid US grade from ``textstat`` (pinned to 0.7.8, the last
release that works offline). It is a rough guide for short questions, so the ceiling is
configurable; the median across the bank is reported too.
"""

import statistics
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

from clinic_prep.choose.key_terms import key_terms
from clinic_prep.choose.selection import select
from clinic_prep.content.model import Bank, BankQuestion, Problem
from clinic_prep.core.vocabulary import Clinic, Reader, Situation
from clinic_prep.intake.profile import Profile

DEFAULT_MAX_GRADE = 8.0
DEFAULT_MAX_REVIEW_AGE_YEARS = 2
MIN_PER_SITUATION = 8
MIN_PER_CLINIC = 5
NEAR_DUPLICATE = 0.85
# Two questions whose key words overlap this much probably ask the same thing.
SAME_MEANING = 0.3
SAME_MEANING_MIN_SHARED = 3
# A regular visit to any clinic, with no body system ticked, must find this many questions that
# serve the clinic at each age, so that most of its list is about that clinic.
MIN_ROUTINE_PER_CLINIC = 10
ROUTINE_AGES: dict[str, tuple[str, Reader]] = {
    "baby (6 months)": ("6m", Reader.PARENT),
    "child (8)": ("8", Reader.PARENT),
    "teen (15)": ("15", Reader.PARENT),
    "adult (30)": ("30", Reader.SELF),
}
# Ages where every clinic must reach the minimum (a baby is not seen by every clinic).
ROUTINE_AGES_REQUIRED = ("child (8)", "teen (15)", "adult (30)")


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
    # A regular visit to each clinic: questions that serve it, at each age in ROUTINE_AGES.
    routine: dict[Clinic, dict[str, int]]


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


def routine_coverage(bank: Bank, today: date) -> dict[Clinic, dict[str, int]]:
    """For a regular visit to each clinic, with no body system ticked: how many questions that
    serve the clinic fit, at each age (after premises and groups, before the length budget)."""
    table: dict[Clinic, dict[str, int]] = {}
    for clinic in Clinic:
        table[clinic] = {}
        for label, (age, reader) in ROUTINE_AGES.items():
            profile = Profile.model_validate(
                {"clinics": [clinic], "age": age, "reader": reader, "all_questions": True}
            )
            plan = select(profile, bank, today)
            table[clinic][label] = sum(clinic in q.serves for q in plan.questions)
    return table


def _coverage(bank: Bank, today: date) -> Coverage:
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
        routine=routine_coverage(bank, today),
    )


def typical_visits() -> list[Profile]:
    """One visit per situation and per clinic, at each age in ROUTINE_AGES: the lists a
    near-duplicate would waste a place in."""
    visits: list[dict[str, list[str]]] = [
        *({"situations": [s.value]} for s in Situation if s is not Situation.ROUTINE_VISIT),
        *({"clinics": [c.value]} for c in Clinic),
    ]
    return [
        Profile.model_validate({**visit, "age": age, "reader": reader})
        for visit in visits
        for age, reader in ROUTINE_AGES.values()
    ]


def _same_meaning(bank: Bank, today: date) -> list[Problem]:
    """Pairs of questions outside a shared group whose key words mostly overlap, and that a
    typical visit's list holds together (a wasted place)."""
    together: set[frozenset[str]] = set()
    for profile in typical_visits():
        ids = [q.id for q in select(profile, bank, today).questions]
        together.update(frozenset((a, b)) for i, a in enumerate(ids) for b in ids[:i])
    found: list[Problem] = []
    terms = [(key_terms(item.question.text), item) for item in bank.questions]
    for index, (mine, item) in enumerate(terms):
        for theirs, other in terms[:index]:
            shared = mine & theirs
            group = item.question.group
            if group is not None and group == other.question.group:
                continue
            if (
                other.question.id in item.question.differs_from
                or item.question.id in other.question.differs_from
            ):
                continue
            if frozenset((item.question.id, other.question.id)) not in together:
                continue  # not chosen together, so not a wasted place
            if (
                len(shared) >= SAME_MEANING_MIN_SHARED
                and len(shared) / len(mine | theirs) >= SAME_MEANING
            ):
                found.append(
                    Problem(
                        item.path,
                        item.line,
                        f"{item.question.id} may ask the same as {other.question.id} "
                        f"(shared words: {', '.join(sorted(shared))}); group them or merge them",
                    )
                )
    return found


def _lonely_groups(bank: Bank) -> list[Problem]:
    """A group of one groups nothing: usually a typo in the group's name."""
    members: dict[str, list[BankQuestion]] = {}
    for item in bank.questions:
        if item.question.group is not None:
            members.setdefault(item.question.group, []).append(item)
    return [
        Problem(items[0].path, items[0].line, f"group {group!r} has only one question")
        for group, items in members.items()
        if len(items) == 1
    ]


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
    errors, warnings, grades = _wording_problems(bank, today, max_grade, max_review_age_years)
    warnings += _near_duplicates(bank)
    warnings += _same_meaning(bank, today)
    errors += _lonely_groups(bank)
    coverage = _coverage(bank, today)
    errors += _thin_coverage(coverage, where)
    return QualityReport(tuple(errors), tuple(warnings), grades, coverage)


def _wording_problems(
    bank: Bank, today: date, max_grade: float, max_review_age_years: int
) -> tuple[list[Problem], list[Problem], dict[str, float]]:
    """Wordings above the reading ceiling (errors), wordings not reviewed for a long time
    (warnings), and each question's highest reading grade."""
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
    return errors, warnings, grades


def _near_duplicates(bank: Bank) -> list[Problem]:
    """Questions spelt nearly the same as an earlier one."""
    warnings: list[Problem] = []
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
    return warnings


def _thin_coverage(coverage: Coverage, where: Path) -> list[Problem]:
    """Situations, clinics and regular visits with too few questions serving them."""
    # A regular visit is served through its clinic, so it has no questions of its own to count.
    counted: list[tuple[str, dict[str, int], int]] = [
        (
            "situation",
            {
                s.value: n
                for s, n in coverage.by_situation.items()
                if s is not Situation.ROUTINE_VISIT
            },
            MIN_PER_SITUATION,
        ),
        ("clinic", {c.value: n for c, n in coverage.by_clinic.items()}, MIN_PER_CLINIC),
        *(
            (
                f"a regular visit to the {clinic.value} clinic, {label}, has",
                {"": counts[label]},
                MIN_ROUTINE_PER_CLINIC,
            )
            for clinic, counts in coverage.routine.items()
            for label in ROUTINE_AGES_REQUIRED
        ),
    ]
    errors: list[Problem] = []
    for kind, counts, least in counted:
        for value, count in counts.items():
            if count < least:
                errors.append(
                    Problem(
                        where,
                        1,
                        f"{kind} {value} has {count} questions; at least {least} are needed"
                        if value
                        else f"{kind} {count} questions serving it; at least {least} are needed",
                    )
                )
    return errors


def coverage_table(coverage: Coverage) -> list[list[str]]:
    """Topics down, situations across, a header row first and a total row last. A question
    for several situations counts once in each."""
    situations = [s for s in Situation if s is not Situation.ROUTINE_VISIT]
    rows = [["topic", *(situation.value for situation in situations)]]
    for topic in coverage.topics:
        rows.append([topic, *(str(coverage.table[(s, topic)] or "-") for s in situations)])
    rows.append(["total", *(str(coverage.by_situation[s]) for s in situations)])
    return rows


def routine_table(coverage: Coverage) -> list[list[str]]:
    """Clinics down, ages across: questions serving a regular visit to each clinic."""
    rows = [["regular visit to", *ROUTINE_AGES]]
    for clinic, counts in coverage.routine.items():
        rows.append([clinic.value, *(str(counts[label]) for label in ROUTINE_AGES)])
    return rows

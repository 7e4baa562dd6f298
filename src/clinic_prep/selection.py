"""Choose the questions for one visit: a pure, deterministic function of profile and bank.

Every chosen question carries the reasons it was chosen (which conditions matched), so a
family or a clinician can ask "why is this here?" and get an answer (``clinic-prep explain``).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from clinic_prep.bank import Bank, BankQuestion, Topic
from clinic_prep.content_schema import When
from clinic_prep.profile import Profile
from clinic_prep.vocabulary import Reader

TOP_COUNT = 3
FOR_EVERY_VISIT = "for every visit"


@dataclass(frozen=True)
class PlannedQuestion:
    """A question as this reader will see it, with why it was chosen."""

    id: str
    text: str
    why: str | None
    topic: Topic
    priority: int
    sources: tuple[str, ...]
    reasons: tuple[str, ...]
    top: bool = False


@dataclass(frozen=True)
class Plan:
    """The ordered questions for one visit. ``questions`` is in reading order: top ones first."""

    questions: tuple[PlannedQuestion, ...]
    matched: int  # how many questions fitted before the length budget was applied
    age: int | None

    @property
    def top(self) -> tuple[PlannedQuestion, ...]:
        return tuple(q for q in self.questions if q.top)

    @property
    def left_out(self) -> int:
        return self.matched - len(self.questions)


def match(when: When, profile: Profile, age: int | None) -> tuple[str, ...] | None:
    """The reasons ``when`` fits this profile, or None when any condition fails."""
    reasons: list[str] = []
    for label, wanted, have in (
        ("situation", when.situations, profile.situations),
        ("clinic", when.clinics, profile.clinics),
        ("involves", when.involves, profile.involves),
    ):
        if wanted:
            hits = [value for value in have if value in wanted]
            if not hits:
                return None
            reasons += [f"{label}: {value}" for value in hits]
    if when.age is not None:
        if age is None:
            # No age given (e.g. a generic handout): keep the question and say so.
            reasons.append(f"age {when.age.min}-{when.age.max} (no age given)")
        elif when.age.min <= age <= when.age.max:
            reasons.append(f"age {age} is within {when.age.min}-{when.age.max}")
        else:
            return None
    if when.reader is not None:
        if when.reader is not profile.reader:
            return None
        reasons.append(f"reader: {when.reader}")
    return tuple(reasons) or (FOR_EVERY_VISIT,)


def _wording(item: BankQuestion, reader: Reader) -> str:
    question = item.question
    if reader is Reader.SELF and question.text_self:
        return question.text_self
    return question.text


def _specificity(reasons: tuple[str, ...]) -> int:
    return 0 if reasons == (FOR_EVERY_VISIT,) else len(reasons)


def _rank(candidates: list[tuple[BankQuestion, tuple[str, ...]]]) -> list[int]:
    """Order candidate indexes: by priority, then round-robin across topics.

    Round-robin within each priority keeps a pack for two clinics from being filled by one
    topic; within a topic, questions that matched more conditions come first.
    """
    by_priority: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    most_specific_first = sorted(
        range(len(candidates)),
        key=lambda i: (-_specificity(candidates[i][1]), candidates[i][0].topic.order, i),
    )
    for index in most_specific_first:
        item = candidates[index][0]
        by_priority[item.question.priority][item.topic.id].append(index)
    ranked: list[int] = []
    for priority in sorted(by_priority):
        queues = list(by_priority[priority].values())
        while queues:
            for queue in queues:
                ranked.append(queue.pop(0))
            queues = [queue for queue in queues if queue]
    return ranked


def select(profile: Profile, bank: Bank, reference_date: date) -> Plan:
    """Choose and order the questions for ``profile``.

    ``reference_date`` is the day ages are worked out on when the profile has no visit date;
    passing it in keeps this function pure.
    """
    age = profile.age_on(profile.visit_date or reference_date)
    candidates: list[tuple[BankQuestion, tuple[str, ...]]] = []
    seen: set[str] = set()
    for item in bank.questions:
        reasons = match(item.question.when, profile, age)
        if reasons is not None and item.question.id not in seen:
            seen.add(item.question.id)
            candidates.append((item, reasons))

    ranked = _rank(candidates)
    budget = len(ranked) if profile.all_questions else profile.max_questions
    chosen = ranked[:budget]
    top = set(chosen[:TOP_COUNT])

    # Reading order: the top questions first, then the rest grouped by topic.
    rank_of = {index: rank for rank, index in enumerate(chosen)}
    rest = sorted(
        (index for index in chosen if index not in top),
        key=lambda index: (candidates[index][0].topic.order, rank_of[index]),
    )
    reading_order = [*chosen[:TOP_COUNT], *rest]
    planned = tuple(
        PlannedQuestion(
            id=candidates[index][0].question.id,
            text=_wording(candidates[index][0], profile.reader),
            why=candidates[index][0].question.why,
            topic=candidates[index][0].topic,
            priority=candidates[index][0].question.priority,
            sources=tuple(candidates[index][0].question.sources),
            reasons=candidates[index][1],
            top=index in top,
        )
        for index in reading_order
    )
    return Plan(questions=planned, matched=len(candidates), age=age)

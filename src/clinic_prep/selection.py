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
    local: str | None = None  # "Added by <clinic>" or "Worded by <clinic>"
    ages: str | None = None  # "For ages 0 to 5", when no age is known (e.g. a handout)


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


@dataclass(frozen=True)
class Match:
    """Why a question fits: readable reasons, plus what ranking needs to know."""

    reasons: tuple[str, ...]
    purpose_rank: int | None  # position of the first situation or clinic it serves
    served: int  # how many of the user's situations and clinics it serves
    involves_hits: int


def match(when: When, profile: Profile, age: int | None) -> Match | None:
    """How ``when`` fits this profile, or None when any condition fails."""
    reasons: list[str] = []
    purposes = [*profile.situations, *profile.clinics]
    served: list[int] = []
    involves_hits = 0
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
            if label == "involves":
                involves_hits = len(hits)
            else:
                served += [purposes.index(value) for value in hits]
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
    return Match(
        reasons=tuple(reasons) or (FOR_EVERY_VISIT,),
        purpose_rank=min(served) if served else None,
        served=len(served),
        involves_hits=involves_hits,
    )


def _wording(item: BankQuestion, reader: Reader) -> str:
    question = item.question
    if reader is Reader.SELF and question.text_self:
        return question.text_self
    return question.text


def _local_note(item: BankQuestion) -> str | None:
    if item.local is None:
        return None
    return f"{'Worded' if item.reworded else 'Added'} by {item.local}"


def _age_band(item: BankQuestion, age: int | None) -> str | None:
    """Say which ages a question is for when the reader's age is unknown."""
    band = item.question.when.age
    if band is None or age is not None:
        return None
    if band.min == 0:
        return f"For ages up to {band.max}"
    if band.max >= 120:
        return f"For ages {band.min} and over"
    return f"For ages {band.min} to {band.max}"


def _rank(candidates: list[tuple[BankQuestion, Match]]) -> list[int]:
    """Order candidate indexes, most useful for this visit first.

    1. Priority (1 = ask first).
    2. Relevance: questions that serve a situation or clinic the user named come before those
       that only match a body system, which come before general ones.
    3. Within that, round-robin across topics, so that a visit to two clinics is not filled by
       one topic. Topics take turns in the order the user named their situations and clinics
       (the first one named is taken as the main reason for the visit).
    """

    def relevance(found: Match) -> int:
        if found.purpose_rank is not None:
            return 0
        return 1 if found.involves_hits else 2

    def within_topic(index: int) -> tuple[int, int, int]:
        found = candidates[index][1]
        purpose = found.purpose_rank if found.purpose_rank is not None else len(candidates)
        return (purpose, -(found.served + found.involves_hits), index)

    groups: dict[tuple[int, int], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index in sorted(range(len(candidates)), key=within_topic):
        item, found = candidates[index]
        groups[(item.question.priority, relevance(found))][item.topic.id].append(index)

    ranked: list[int] = []
    for key in sorted(groups):
        queues = sorted(
            groups[key].values(),
            key=lambda queue: (within_topic(queue[0])[0], candidates[queue[0]][0].topic.order),
        )
        while queues:
            ranked += [queue.pop(0) for queue in queues]
            queues = [queue for queue in queues if queue]
    return ranked


def select(profile: Profile, bank: Bank, reference_date: date) -> Plan:
    """Choose and order the questions for ``profile``.

    ``reference_date`` is the day ages are worked out on when the profile has no visit date;
    passing it in keeps this function pure.
    """
    age = profile.age_on(profile.visit_date or reference_date)
    candidates: list[tuple[BankQuestion, Match]] = []
    seen: set[str] = set()
    for item in bank.questions:
        found = match(item.question.when, profile, age)
        if found is not None and item.question.id not in seen:
            seen.add(item.question.id)
            candidates.append((item, found))

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
            reasons=candidates[index][1].reasons,
            top=index in top,
            local=_local_note(candidates[index][0]),
            ages=_age_band(candidates[index][0], age),
        )
        for index in reading_order
    )
    return Plan(questions=planned, matched=len(candidates), age=age)

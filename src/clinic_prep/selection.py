"""Choose the questions for one visit: a pure, deterministic function of profile and bank.

Purpose first: a question that serves what the visit is *for* (a named clinic, or a situation
such as "newly diagnosed") outranks one chosen only because a body system is involved, which
outranks a general one; priority orders questions of the same relevance. Several purposes take
turns, so each gets a fair share. A question is never chosen when the profile contradicts or
does not establish what its wording takes for granted (its premises), and of questions that ask
the same thing (a group) only the best placed one is chosen.

Every chosen question carries the reasons it was chosen and why it won its place, so a family
or a clinician can ask "why is this here?" and get an answer (``clinic-prep explain``).
"""

import difflib
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from clinic_prep.age import Age
from clinic_prep.bank import Bank, BankQuestion, Topic
from clinic_prep.checks import CheckStatus, DueCheck, due_checks
from clinic_prep.content_schema import When
from clinic_prep.errors import InputError
from clinic_prep.premises import readers_of
from clinic_prep.profile import Profile
from clinic_prep.profile_fields import DEFAULT_MAX_QUESTIONS
from clinic_prep.vocabulary import (
    CLINIC_BODY_SYSTEMS,
    CLINIC_LABELS,
    SITUATION_LABELS,
    WHOLE_PERSON_SITUATIONS,
    Clinic,
    Reader,
    Situation,
)

TOP_COUNT = 3
FOR_EVERY_VISIT = "for every visit"
# The default list is cut short rather than padded when few questions serve the visit, so that
# at least this share of it serves the visit's purpose (a short visit gets a focused list).
PURPOSE_SHARE = 2 / 3
SHORTEST_DEFAULT_LIST = 6

Purpose = Situation | Clinic


class Relevance(IntEnum):
    """How a question earned its place; lower comes first."""

    PURPOSE = 0  # serves a named clinic or situation
    BODY_SYSTEM = 1  # chosen only because a body system is involved
    GENERAL = 2  # for every visit, or chosen only by age or reader


RELEVANCE_WORDS = {
    Relevance.PURPOSE: "serves",
    Relevance.BODY_SYSTEM: "chosen for a body system involved",
    Relevance.GENERAL: "a general question",
}


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
    placed: str = ""  # why it won its place: "2nd: serves Eye clinic, priority 1"
    serves: tuple[Purpose, ...] = ()  # the visit's purposes it serves


@dataclass(frozen=True)
class Plan:
    """The ordered questions for one visit. ``questions`` is in reading order: top ones first."""

    questions: tuple[PlannedQuestion, ...]
    matched: int  # how many questions fitted before the length budget was applied
    age: Age | None
    checks: tuple[DueCheck, ...] = ()  # the repeated checks that apply to this visit

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
    serves: tuple[Purpose, ...]  # the visit's purposes it serves, in the visit's order
    direct: bool  # named by the question itself, not through the clinic's body systems
    involves_hits: int
    specificity: int  # how many of its premises this profile meets: the more, the better it fits

    @property
    def relevance(self) -> Relevance:
        if self.serves:
            return Relevance.PURPOSE
        return Relevance.BODY_SYSTEM if self.involves_hits else Relevance.GENERAL


def visit_purposes(profile: Profile) -> tuple[Purpose, ...]:
    """What the visit is for, main purpose first: the first situation named, the clinics, then
    any other situations. "A regular visit" is not a purpose of its own: its purpose is the
    clinic, so questions for any regular visit fit but do not compete with the clinic's."""
    situations = [s for s in profile.situations if s is not Situation.ROUTINE_VISIT]
    return (*situations[:1], *profile.clinics, *situations[1:])


def purpose_label(purpose: Purpose) -> str:
    if isinstance(purpose, Clinic):
        return CLINIC_LABELS[purpose]
    return SITUATION_LABELS[purpose]


def premises_hold(when: When, profile: Profile, age: Age | None) -> bool:
    """Whether the profile establishes everything the question's wording takes for granted.

    An unknown age is the one gap allowed: the question is kept and labelled with its ages
    (a handout is printed before anyone's age is known)."""
    involved = set(profile.involves)
    if when.involves and not involved.intersection(when.involves):
        return False
    if not involved.issuperset(when.involves_all) or involved.intersection(when.not_involves):
        return False
    if when.age is not None and age is not None and not when.age.min <= age.years <= when.age.max:
        return False
    if when.sex is not None and profile.sex is not when.sex:
        return False
    if profile.reader not in readers_of(when):
        return False
    if when.diagnosis is not None and profile.diagnosis is not when.diagnosis:
        return False
    return not when.results or profile.genetic_result in when.results


def match(when: When, profile: Profile, age: Age | None) -> Match | None:
    """How ``when`` fits this profile, or None when it does not serve the visit or a premise
    does not hold."""
    if not premises_hold(when, profile, age):
        return None
    purposes = visit_purposes(profile)
    named = [*when.situations, *when.clinics]
    hits = tuple(value for value in profile.involves if value in when.involves + when.involves_all)
    reasons: list[str] = []
    if named:
        if not any(value in named for value in (*profile.situations, *profile.clinics)):
            return None
        serves = tuple(p for p in purposes if p in named)
        reasons += [
            f"{'clinic' if isinstance(p, Clinic) else 'situation'}: {p}"
            for p in (*serves, *(s for s in profile.situations if s not in purposes))
            if p in named
        ]
    else:
        # A body-system question serves a visit to the clinic that looks after that system.
        serves = tuple(
            p for p in profile.clinics if hits and CLINIC_BODY_SYSTEMS[p].intersection(hits)
        )
        reasons += [f"clinic: {p} (looks after {', '.join(hits)})" for p in serves]
    reasons += [f"involves: {value}" for value in hits]
    if when.age is not None:
        band = f"{when.age.min}-{when.age.max}"
        reasons.append(
            f"age {band} (no age given)" if age is None else f"age {age.years} is within {band}"
        )
    if when.sex is not None:
        reasons.append(f"sex: {when.sex}")
    if when.readers:
        reasons.append(f"reader: {profile.reader}")
    if when.diagnosis is not None:
        reasons.append(f"diagnosis: {when.diagnosis}")
    if when.results:
        reasons.append(f"genetic result: {profile.genetic_result}")
    return Match(
        reasons=tuple(reasons) or (FOR_EVERY_VISIT,),
        serves=serves,
        direct=bool(named),
        involves_hits=len(hits),
        specificity=len(hits)
        + sum(
            bool(premise)
            for premise in (when.age, when.sex, when.readers, when.diagnosis, when.results)
        ),
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


def _age_band(item: BankQuestion, age: Age | None) -> str | None:
    """Say which ages a question is for when the reader's age is unknown."""
    band = item.question.when.age
    if band is None or age is not None:
        return None
    if band.min == 0:
        return f"For ages up to {band.max}"
    if band.max >= 120:
        return f"For ages {band.min} and over"
    return f"For ages {band.min} to {band.max}"


Candidate = tuple[BankQuestion, Match]


def _take_turns(queues: list[list[int]]) -> list[int]:
    """Interleave queues, one from each in turn, skipping indexes already taken."""
    taken: list[int] = []
    seen: set[int] = set()
    queues = [list(queue) for queue in queues]
    while any(queues):
        for queue in queues:
            while queue and queue[0] in seen:
                queue.pop(0)
            if queue:
                seen.add(queue[0])
                taken.append(queue.pop(0))
    return taken


def _rank(candidates: list[Candidate], purposes: tuple[Purpose, ...]) -> list[int]:
    """Order candidate indexes, most useful for this visit first.

    1. Relevance: questions serving the visit's purposes, then body-system questions, then
       general ones.
    2. Questions serving a purpose: the purposes take turns (main purpose first), each in
       order of priority, then questions the bank ties to that purpose directly before ones
       that serve it through a body system, then the more specific (the more of its premises
       this profile meets: a question for a baby with a weak heart before one for anyone at
       the heart clinic).
    3. The rest: by priority, then topics take turns so that one topic does not fill the list.
    """

    def within(index: int) -> tuple[int, int, int, int]:
        item, found = candidates[index]
        return (item.question.priority, 0 if found.direct else 1, -found.specificity, index)

    by_purpose: dict[Purpose, list[int]] = {purpose: [] for purpose in purposes}
    others: dict[tuple[Relevance, int], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for index in sorted(range(len(candidates)), key=within):
        item, found = candidates[index]
        for purpose in found.serves:
            by_purpose[purpose].append(index)
        if not found.serves:
            others[(found.relevance, item.question.priority)][item.topic.id].append(index)

    ranked = _take_turns(list(by_purpose.values()))
    for key in sorted(others):
        queues = sorted(others[key].values(), key=lambda queue: candidates[queue[0]][0].topic.order)
        ranked += _take_turns(queues)
    return ranked


def _one_of_each_group(ranked: list[int], candidates: list[Candidate]) -> list[int]:
    """Keep the best placed question of each group of questions that ask the same thing."""
    kept: list[int] = []
    groups_taken: set[str] = set()
    for index in ranked:
        group = candidates[index][0].question.group
        if group is not None:
            if group in groups_taken:
                continue
            groups_taken.add(group)
        kept.append(index)
    return kept


def _budget(profile: Profile, ranked: list[int], candidates: list[Candidate]) -> int:
    """How many questions to print: all of them, the number asked for, or by default 15 cut
    short so that most of the list serves the visit rather than filling it with extras."""
    if profile.all_questions:
        return len(ranked)
    if profile.max_questions is not None:
        return profile.max_questions
    serving = sum(1 for index in ranked if candidates[index][1].serves)
    focused = max(SHORTEST_DEFAULT_LIST, math.floor(serving / PURPOSE_SHARE))
    return min(DEFAULT_MAX_QUESTIONS, focused)


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _placed(rank: int, item: BankQuestion, found: Match) -> str:
    """Why a question won its place, in words, for ``explain``."""
    if found.serves:
        what = f"serves {', '.join(purpose_label(p) for p in found.serves)}"
    else:
        what = RELEVANCE_WORDS[found.relevance]
    return f"{_ordinal(rank + 1)}: {what}, priority {item.question.priority}"


def _known_checks(profile: Profile, bank: Bank) -> None:
    known = [check.id for check in bank.checks]
    for check_id in profile.last_checks:
        if check_id not in known:
            close = difflib.get_close_matches(check_id, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
            raise InputError(f"--last-check or last_checks: unknown check {check_id!r}{hint}")


def _check_questions(due: tuple[DueCheck, ...], bank: Bank) -> tuple[PlannedQuestion, ...]:
    """A check that may be due brings its own question, with the date it was last done."""
    topics = {topic.id: topic for topic in bank.topics}
    return tuple(
        PlannedQuestion(
            id=f"check-{item.check.id}",
            text=item.check.question,
            why=f"The last one was {item.last_done.when_in_words()}. "
            f"How often: {item.check.how_often[0].lower()}{item.check.how_often[1:]}.",
            topic=topics[item.check.topic],
            priority=1,
            sources=tuple(item.check.sources),
            reasons=(f"check may be due: last done {item.last_done.for_file()}",),
            placed="added: this check may be due",
        )
        for item in due
        if item.status is CheckStatus.MAY_BE_DUE and item.last_done is not None
    )


def select(profile: Profile, bank: Bank, reference_date: date) -> Plan:
    """Choose and order the questions for ``profile``.

    ``reference_date`` is the day ages are worked out on when the profile has no visit date;
    passing it in keeps this function pure.
    """
    visit_day = profile.visit_date or reference_date
    age = profile.age_on(visit_day)
    _known_checks(profile, bank)
    due = due_checks(
        bank.checks, profile.clinics, profile.situations, age, profile.last_checks, visit_day
    )
    # Questions chosen only for a body system fill places only where the whole person is looked at.
    whole_person = bool(WHOLE_PERSON_SITUATIONS.intersection(profile.situations))
    candidates: list[Candidate] = []
    seen: set[str] = set()
    for item in bank.questions:
        found = match(item.question.when, profile, age)
        if found is not None and found.relevance is Relevance.BODY_SYSTEM and not whole_person:
            continue
        if found is not None and item.question.id not in seen:
            seen.add(item.question.id)
            candidates.append((item, found))

    ranked = _one_of_each_group(_rank(candidates, visit_purposes(profile)), candidates)
    chosen = ranked[: _budget(profile, ranked, candidates)]
    rank_of = {index: rank for rank, index in enumerate(chosen)}

    # The three to ask first come from the visit's purpose, most important first.
    serving = [index for index in chosen if candidates[index][1].serves]
    by_importance = sorted(
        serving, key=lambda index: (candidates[index][0].question.priority, rank_of[index])
    )
    first = by_importance[:TOP_COUNT]
    first += [index for index in chosen if index not in first][: TOP_COUNT - len(first)]

    # Reading order: the top questions first, then the rest grouped by topic (with the
    # questions of checks that may be due first in their topic).
    rest = sorted(
        (index for index in chosen if index not in first),
        key=lambda index: (candidates[index][0].topic.order, rank_of[index]),
    )
    planned = tuple(
        PlannedQuestion(
            id=item.question.id,
            text=_wording(item, profile.reader),
            why=item.question.why,
            topic=item.topic,
            priority=item.question.priority,
            sources=tuple(item.question.sources),
            reasons=found.reasons,
            top=index in first,
            local=_local_note(item),
            ages=_age_band(item, age),
            placed=_placed(rank_of[index], item, found),
            serves=found.serves,
        )
        for index in [*first, *rest]
        for item, found in [candidates[index]]
    )
    from_checks = _check_questions(due, bank)
    top, others = planned[: len(first)], planned[len(first) :]
    merged = sorted([*from_checks, *others], key=lambda q: q.topic.order)  # stable: checks lead
    return Plan(
        questions=(*top, *merged),
        matched=len(ranked) + len(from_checks),
        age=age,
        checks=due,
    )

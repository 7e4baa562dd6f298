"""Choose the questions for one visit: a pure, deterministic function of profile and bank.

Purpose first: a question that serves what the visit is *for* (a named clinic, or a situation
such as "newly diagnosed") outranks one chosen only because a body system is involved, which
outranks a general one; priority orders questions of the same relevance. Several purposes take
turns, so each gets a fair share. A question is never chosen when the profile contradicts or
does not establish what its wording takes for granted (its premises), and of questions that ask
the same thing (a group) only the best placed one is chosen.

Beyond the purpose, the visit rules of ``content/rules.yaml`` reserve places before the list
is filled: questions raised into the first three (a baby's heart; an overdue check of a
high-stakes system), must-have questions where they apply (vaccines, support organisations...),
a question of its own for each declared body system at a visit that looks at the whole person,
and one place for a declared system that bears on a single clinic's work. Every place counts
within the length limit, and the list holds one question per check.

Every chosen question carries the reasons it was chosen and why it won its place (naming the
rule, if one placed it), so a family or a clinician can ask "why is this here?" and get an
answer (``clinic-prep explain``).
"""

import difflib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from pathlib import Path

from clinic_prep.choose.checks import ASKED_ABOUT, CheckStatus, DueCheck
from clinic_prep.choose.visit_rules import (
    RuleNote,
    checks_for_visit,
    first_rules,
    is_first_visit,
    is_whole_person,
    must_haves,
    systems_covered,
)
from clinic_prep.content.bank import Bank, BankQuestion, Topic
from clinic_prep.content.premises import readers_of
from clinic_prep.content.schema import Question, RulesFile, When
from clinic_prep.core.age import Age
from clinic_prep.core.errors import InputError
from clinic_prep.core.vocabulary import (
    CLINIC_BODY_SYSTEMS,
    CLINIC_LABELS,
    SITUATION_LABELS,
    BodySystem,
    Clinic,
    Reader,
    Situation,
)
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_fields import DEFAULT_MAX_QUESTIONS

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
    rule: RuleNote | None = None  # the visit rule that placed it, if one did
    checks: tuple[str, ...] = ()  # the checks it asks about


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


@dataclass(frozen=True)
class Known:
    """What the profile establishes, worked out once per visit: its fields as sets, checks
    given as recently done, and whether there is an earlier visit to compare with."""

    involved: frozenset[BodySystem]
    needs: frozenset[str]
    purposes: tuple[Purpose, ...]
    visit: frozenset[Purpose]  # every situation and clinic the visit names
    recent_checks: frozenset[str]
    first_visit: bool

    @classmethod
    def of(cls, profile: Profile, age: Age | None, due: tuple[DueCheck, ...]) -> "Known":
        return cls(
            involved=frozenset(profile.involves),
            needs=frozenset(profile.communication_needs),
            purposes=visit_purposes(profile),
            visit=frozenset((*profile.situations, *profile.clinics)),
            recent_checks=frozenset(item.check.id for item in due if item.recently_done()),
            first_visit=is_first_visit(profile, age),
        )


def premises_hold(when: When, profile: Profile, age: Age | None, known: Known) -> bool:
    """Whether the profile establishes everything the question's wording takes for granted.

    An unknown age is the one gap allowed: the question is kept and labelled with its ages
    (a handout is printed before anyone's age is known)."""
    involved = known.involved
    if when.involves and involved.isdisjoint(when.involves):
        return False
    if not involved.issuperset(when.involves_all) or not involved.isdisjoint(when.not_involves):
        return False
    if when.age is not None and age is not None and not when.age.min <= age.years <= when.age.max:
        return False
    if when.sex is not None and profile.sex is not when.sex:
        return False
    if profile.reader not in readers_of(when):
        return False
    if when.diagnosis is not None and profile.diagnosis is not when.diagnosis:
        return False
    if when.results and profile.genetic_result not in when.results:
        return False
    if profile.genetic_result in when.not_results:
        return False
    if when.not_needs and not known.needs.isdisjoint(when.not_needs):
        return False
    if when.follow_up and known.first_visit:
        return False
    if when.unless_recent and not known.recent_checks.isdisjoint(when.unless_recent):
        return False
    return not when.siblings or Situation.SIBLINGS in profile.situations


def match(when: When, profile: Profile, age: Age | None, known: Known) -> Match | None:
    """How ``when`` fits this profile, or None when it does not serve the visit or a premise
    does not hold."""
    named = [*when.situations, *when.clinics]
    # The visit's purpose first: most questions serve another visit, and it is the cheaper test.
    if named and known.visit.isdisjoint(named):
        return None
    if not premises_hold(when, profile, age, known):
        return None
    purposes = known.purposes
    hits = tuple(value for value in profile.involves if value in when.involves + when.involves_all)
    reasons: list[str] = []
    if named:
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


@dataclass(frozen=True)
class Candidate:
    """A question that may take a place, and how it fits the visit."""

    item: BankQuestion
    found: Match
    dated: bool = False  # a check's own question, brought by the family's date


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


def _rank(
    candidates: list[Candidate],
    purposes: tuple[Purpose, ...],
    clinic_topics: dict[Clinic, list[str]],
) -> list[int]:
    """Order candidate indexes, most useful for this visit first.

    1. Relevance: questions serving the visit's purposes, then body-system questions, then
       general ones.
    2. Questions serving a purpose: the purposes take turns (main purpose first) within each
       priority, then a clinic's own topics first (content/rules.yaml), then questions the
       bank ties to that purpose directly before ones
       that serve it through a body system, then the more specific (the more of its premises
       this profile meets: a question for a baby with a weak heart before one for anyone at
       the heart clinic).
    3. The rest: by priority, then topics take turns so that one topic does not fill the list.
    """

    def within(index: int) -> tuple[int, int, int, int, int]:
        item, found = candidates[index].item, candidates[index].found
        own = any(
            isinstance(p, Clinic) and item.topic.id in clinic_topics.get(p, ())
            for p in found.serves
        )
        return (
            item.question.priority,
            0 if own else 1,
            0 if found.direct else 1,
            -found.specificity,
            index,
        )

    by_purpose: dict[Purpose, list[int]] = {purpose: [] for purpose in purposes}
    others: dict[tuple[Relevance, int], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for index in sorted(range(len(candidates)), key=within):
        item, found = candidates[index].item, candidates[index].found
        for purpose in found.serves:
            by_purpose[purpose].append(index)
        if not found.serves:
            others[(found.relevance, item.question.priority)][item.topic.id].append(index)

    # Purposes take turns within each priority, so that one purpose's questions to ask later
    # never come before another's questions to ask first.
    ranked: list[int] = []
    for priority in sorted({candidates[i].item.question.priority for i in range(len(candidates))}):
        ranked += _take_turns(
            [
                [i for i in queue if candidates[i].item.question.priority == priority]
                for queue in by_purpose.values()
            ]
        )
    for key in sorted(others):
        queues = sorted(
            others[key].values(), key=lambda queue: candidates[queue[0]].item.topic.order
        )
        ranked += _take_turns(queues)
    return ranked


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _placed(rank: int, item: BankQuestion, found: Match, rule: RuleNote | None) -> str:
    """Why a question won its place, in words, for ``explain``."""
    if rule is not None:
        sources = ", ".join(rule.sources)
        return (
            f"rule {rule.id} ({rule.kind}; sources: {sources}), priority {item.question.priority}"
        )
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


CHECKS_PATH = Path("content") / "checks.yaml"
DATED = 10  # more than any question's premises can give


def _check_question(item: DueCheck, topic: Topic, serves: tuple[Purpose, ...]) -> Candidate:
    """A check that may be due, or is overdue, brings its own question, with the date it was
    last done; an overdue one says plainly that the gap is long."""
    check, last = item.check, item.last_done
    assert last is not None
    how_often = f"How often: {item.how_often[0].lower()}{item.how_often[1:]}."
    name = check.name[0].lower() + check.name[1:]
    if item.status is CheckStatus.OVERDUE:
        text = f"The last {name} was a long time ago: should it be done soon?"
        why = f"The last one was {last.when_in_words()}, far longer ago than usual. {how_often}"
        reason = f"check overdue: last done {last.for_file()}"
    else:
        text = check.question
        why = f"The last one was {last.when_in_words()}. {how_often}"
        reason = f"check may be due: last done {last.for_file()}"
    question = Question(
        id=f"check-{check.id}",
        text=text,
        why=why,
        priority=1,
        checks=[check.id],
        sources=list(check.sources),
        updated=check.updated,
    )
    # The family's own date makes it the question that fits this check best: it is placed
    # before a bank question about the same check (a list holds one question per check).
    found = Match(reasons=(reason,), serves=serves, direct=True, involves_hits=0, specificity=DATED)
    return Candidate(BankQuestion(question, topic, CHECKS_PATH, 0), found, dated=True)


def _check_candidates(due: tuple[DueCheck, ...], bank: Bank, profile: Profile) -> list[Candidate]:
    topics = {topic.id: topic for topic in bank.topics}
    purposes = visit_purposes(profile)
    out = []
    for item in due:
        if item.status not in ASKED_ABOUT or item.last_done is None:
            continue
        serves = tuple(p for p in profile.clinics if p in item.check.clinics) or purposes[:1]
        out.append(_check_question(item, topics[item.check.topic], serves))
    return out


@dataclass
class _Picker:
    """Takes places in order, keeping one question per group and one per check."""

    candidates: list[Candidate]
    taken: list[int] = field(default_factory=list)
    notes: dict[int, RuleNote] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)
    checks: set[str] = field(default_factory=set)

    def clashes(self, index: int) -> bool:
        question = self.candidates[index].item.question
        return (
            index in self.taken
            or (question.group is not None and question.group in self.groups)
            or bool(self.checks.intersection(question.checks))
        )

    def take(self, index: int, note: RuleNote | None = None) -> bool:
        if self.clashes(index):
            return False
        question = self.candidates[index].item.question
        self.taken.append(index)
        if question.group is not None:
            self.groups.add(question.group)
        self.checks.update(question.checks)
        if note is not None:
            self.notes[index] = note
        return True

    def keeping(self, indexes: list[int]) -> "_Picker":
        """A picker that took only these places, in this order, with their notes."""
        kept = _Picker(self.candidates)
        for index in indexes:
            kept.take(index, self.notes.get(index))
        return kept

    def first_of(self, ids: list[str], ranked: list[int]) -> list[int]:
        """Candidate indexes with these ids, in the order of ``ids``."""
        where = {self.candidates[index].item.question.id: index for index in ranked}
        return [where[question_id] for question_id in ids if question_id in where]


def _candidates(
    profile: Profile, bank: Bank, rules: RulesFile, age: Age | None, known: Known
) -> list[Candidate]:
    """Every question that may take a place: those that fit the visit, and those a rule asks
    for (their premises still hold)."""
    whole_person = is_whole_person(rules, profile)
    asked = {
        question_id for rule in must_haves(rules, profile, age) for question_id in rule.questions
    }
    asked |= {
        question_id for rule in first_rules(rules, profile, age) for question_id in rule.questions
    }
    interacting = _interacting_systems(rules, profile)
    candidates: list[Candidate] = []
    seen: set[str] = set()
    for item in bank.questions:
        question = item.question
        if question.id in seen:
            continue
        found = match(question.when, profile, age, known)
        if found is not None and found.relevance is Relevance.BODY_SYSTEM and not whole_person:
            hits = set(question.when.involves) | set(question.when.involves_all)
            if not hits & interacting:
                found = None
        # A whole-person visit may take a question of any declared system's own; a single
        # clinic, one of a declared system that bears on its work.
        coverable = set(profile.involves) if whole_person else interacting
        brought = found is None and (
            question.id in asked or _covers_a_system(item, rules, coverable)
        )
        if brought and premises_hold(question.when, profile, age, known):
            found = Match((), (), False, 0, 0)
        if found is not None:
            seen.add(question.id)
            candidates.append(Candidate(item, found))
    return candidates


def _interacting_systems(rules: RulesFile, profile: Profile) -> set[BodySystem]:
    """Declared systems that another clinic looks after but that bear on the work of a clinic
    named for this visit (content/rules.yaml: the other sense, medicines...)."""
    own = {system for clinic in profile.clinics for system in CLINIC_BODY_SYSTEMS[clinic]}
    return {
        system
        for rule in rules.interactions
        if set(rule.clinics).intersection(profile.clinics)
        for system in rule.systems
        if system in profile.involves and system not in own
    }


def _covers_a_system(item: BankQuestion, rules: RulesFile, systems: set[BodySystem]) -> bool:
    """A question of one of ``systems``' own that a visit may take although no purpose names
    it: one for the clinics that look after the system, not about a check done at that
    clinic, and for no other situation."""
    when = item.question.when
    if not systems or when.situations or item.question.checks or not when.clinics:
        return False
    return any(
        system in CLINIC_BODY_SYSTEMS[clinic]
        and systems_covered(system, rules, [*when.involves, *when.involves_all], item.topic.id)
        for system in sorted(systems)
        for clinic in when.clinics
    )


def _budget(profile: Profile, eligible: int, serving: int, reserved: int) -> int:
    """How many questions to print: all of them, the number asked for, or by default 15 cut
    short so that most of the list serves the visit rather than filling it with extras; the
    places the visit rules reserve outside the visit's purpose come on top, up to 15."""
    if profile.all_questions:
        return eligible
    if profile.max_questions is not None:
        return profile.max_questions
    focused = max(SHORTEST_DEFAULT_LIST, math.floor(serving / PURPOSE_SHARE))
    return min(DEFAULT_MAX_QUESTIONS, focused + reserved)


def _reserve(
    picker: _Picker,
    ranked: list[int],
    profile: Profile,
    rules: RulesFile,
    age: Age | None,
    due: tuple[DueCheck, ...],
) -> list[int]:
    """Take the places the visit rules reserve, most urgent first (the first three, a place
    for a declared system that bears on a single clinic's work, then must-haves); returns the
    ones raised into the first three. A question for each declared system at a whole-person
    visit is made sure of after the list is filled (``_cover_declared``)."""
    candidates = picker.candidates
    raised: list[int] = []
    for first in first_rules(rules, profile, age):
        note = RuleNote(first.id, "first three", tuple(first.sources))
        kept = RuleNote(first.id, ON_THE_LIST, tuple(first.sources))
        placed = 0
        for index in picker.first_of(first.questions, ranked):
            if placed < first.places and picker.take(index, note):
                raised.append(index)
                placed += 1
            elif first.places <= placed < first.places + first.also_listed:
                placed += picker.take(index, kept)
    # Overdue checks of a high-stakes system, in the schedule's order (the heart scan first).
    overdue = RuleNote("overdue", "first three", tuple(rules.overdue.sources))
    high_stakes = set(rules.overdue.high_stakes)
    urgent: dict[BodySystem, str] = {}
    for item in due:
        if item.status is CheckStatus.OVERDUE:
            for system in high_stakes.intersection(item.check.systems):
                urgent.setdefault(system, f"check-{item.check.id}")
    for index in picker.first_of(list(dict.fromkeys(urgent.values())), ranked):
        if picker.take(index, overdue):
            raised.append(index)
    # A declared system another clinic looks after, bearing on this clinic's work.
    for interaction in rules.interactions:
        if set(interaction.clinics).intersection(profile.clinics):
            note = RuleNote(interaction.id, "bears on this clinic", tuple(interaction.sources))
            for system in sorted(_interacting_systems(rules, profile) & set(interaction.systems)):
                _cover(picker, ranked, rules, system, note, 1)
    for rule in must_haves(rules, profile, age):
        note = RuleNote(rule.id, "must have", tuple(rule.sources))
        listed = picker.first_of(rule.questions, ranked)
        # One that serves the visit's purpose first (the hospital's own medicines question in
        # hospital), then the rule's order.
        for index in sorted(listed, key=lambda index: not candidates[index].found.serves):
            taken = index in picker.taken or picker.take(index, note)
            if taken and not rule.all_that_apply:
                break
    return raised


def _own_questions(
    picker: _Picker, ranked: list[int], rules: RulesFile, system: BodySystem
) -> list[int]:
    """The candidates of ``system``'s own, the most important first; of equal priority, one
    naming the system before one naming none, then the one that fits the person more closely,
    then the best placed."""

    def own(index: int) -> bool:
        item = picker.candidates[index].item
        when = item.question.when
        return systems_covered(system, rules, [*when.involves, *when.involves_all], item.topic.id)

    def closeness(index: int) -> tuple[int, int, int]:
        candidate = picker.candidates[index]
        when = candidate.item.question.when
        named = {*when.involves, *when.involves_all}
        return (
            candidate.item.question.priority,
            0 if system in named else 1,
            -candidate.found.specificity,
        )

    return sorted((index for index in ranked if own(index)), key=closeness)


def _cover(
    picker: _Picker,
    ranked: list[int],
    rules: RulesFile,
    system: BodySystem,
    note: RuleNote,
    places: int,
) -> int:
    """Give ``system`` up to ``places`` questions of its own; returns how many were added."""
    own = _own_questions(picker, ranked, rules, system)
    have = sum(1 for index in picker.taken if index in own)
    added = 0
    for index in own:
        if have >= places:
            break
        if picker.take(index, note):
            have += 1
            added += 1
    return added


COVERAGE = RuleNote("coverage", "", ())
# A first rule's question kept on the list beyond the first three: it may still lead where it
# serves the visit's purpose (the heart scan at a baby's diagnosis).
ON_THE_LIST = "on the list"


def _cover_declared(
    picker: _Picker,
    ranked: list[int],
    profile: Profile,
    rules: RulesFile,
    budget: int,
    raised: list[int],
) -> tuple[_Picker, int]:
    """Make sure each declared system has a question of its own, once the list is filled.

    A short default list grows to make room (up to 15); otherwise the added question takes the
    place of the last-ranked question no rule placed, keeping the visit's own questions to
    lead and every other declared system's question."""
    natural = {index: rank for rank, index in enumerate(ranked)}
    covering: dict[BodySystem, set[int]] = {}
    for system in profile.involves:
        note = RuleNote("coverage", f"{system} declared", tuple(rules.coverage.sources))
        covering[system] = set(_own_questions(picker, ranked, rules, system))
        added = _cover(picker, ranked, rules, system, note, rules.coverage.places)
        if not added or len(picker.taken) <= budget:
            continue
        if profile.max_questions is None and budget < DEFAULT_MAX_QUESTIONS:
            budget += 1
            continue
        free = [index for index in picker.taken if index not in picker.notes]
        # Questions that are the only one of a declared system's own.
        needed = [
            index
            for index in picker.taken
            if any(set(picker.taken) & own == {index} for own in covering.values())
        ]
        victims = [index for index in free if index not in needed]
        if len(victims) <= TOP_COUNT:
            # The visit's own questions keep three places: the last must-have gives way.
            victims = [
                index
                for index in picker.taken
                if index not in raised
                and index not in needed
                and picker.notes.get(index, COVERAGE).kind == "must have"
            ][-1:]
        if not victims:
            continue
        victim = max(victims, key=lambda index: natural[index])
        picker = picker.keeping([index for index in picker.taken if index != victim])
    return picker, budget


def select(profile: Profile, bank: Bank, reference_date: date) -> Plan:
    """Choose and order the questions for ``profile``.

    ``reference_date`` is the day ages are worked out on when the profile has no visit date;
    passing it in keeps this function pure.
    """
    assert bank.rules is not None, "a loaded bank always has its visit rules"
    rules = bank.rules
    visit_day = profile.visit_date or reference_date
    age = profile.age_on(visit_day)
    _known_checks(profile, bank)
    due = checks_for_visit(bank.checks, rules, profile, age, visit_day)
    known = Known.of(profile, age, due)

    candidates = _check_candidates(due, bank, profile)
    candidates += _candidates(profile, bank, rules, age, known)
    ranked = _rank(candidates, visit_purposes(profile), rules.clinic_topics.topics)

    # Everything that could take a place without clashing, for "N more questions fit".
    counting = _Picker(candidates)
    for index in ranked:
        counting.take(index)
    eligible = len(counting.taken)
    serving = sum(1 for index in counting.taken if candidates[index].found.serves)

    picker = _Picker(candidates)
    raised = _reserve(picker, ranked, profile, rules, age, due)
    beyond_purpose = sum(1 for index in picker.taken if not candidates[index].found.serves)
    budget = _budget(profile, eligible, serving, beyond_purpose)
    # The rules never take every place: the visit's own purpose keeps at least three.
    room = max(len(raised), budget - TOP_COUNT)
    if len(picker.taken) > room:
        picker = picker.keeping(picker.taken[:room])
    for index in ranked:
        if len(picker.taken) >= budget:
            break
        picker.take(index)
    if is_whole_person(rules, profile):
        picker, budget = _cover_declared(picker, ranked, profile, rules, budget, raised)
    chosen = picker.taken[:budget]
    natural = {index: rank for rank, index in enumerate(ranked)}
    rank_of = {index: natural[index] for index in chosen}

    # The three to ask first: what the rules raise, then the visit's purpose, most important
    # first.
    first = [index for index in raised if index in rank_of][:TOP_COUNT]

    # A question a rule placed has its place; the visit's own questions lead it, and a
    # must-have only where it fits this person in particular (a result, an age, a system).
    # A check that may be due is on the list, not among the first three.
    def may_lead(index: int) -> bool:
        found, note = candidates[index].found, picker.notes.get(index)
        if not found.serves or index in first:
            return False
        if candidates[index].dated:  # a check that may be due; an overdue one is raised
            return False
        if note is None or note.kind == ON_THE_LIST:
            return True
        return note.kind == "must have" and found.specificity > 0

    def importance(index: int) -> tuple[int, int]:
        return candidates[index].item.question.priority, rank_of[index]

    by_importance = sorted((index for index in chosen if may_lead(index)), key=importance)
    first += by_importance[: TOP_COUNT - len(first)]
    first += [index for index in chosen if index not in first][: TOP_COUNT - len(first)]

    # Reading order: the top questions first, then the rest grouped by topic.
    rest = sorted(
        (index for index in chosen if index not in first),
        key=lambda index: (candidates[index].item.topic.order, rank_of[index]),
    )
    planned = tuple(
        PlannedQuestion(
            id=item.question.id,
            text=_wording(item, profile.reader),
            why=item.question.why,
            topic=item.topic,
            priority=item.question.priority,
            sources=tuple(item.question.sources),
            reasons=(
                *candidate.found.reasons,
                *((f"rule: {note.id} ({note.kind})",) if note else ()),
            )
            or (FOR_EVERY_VISIT,),
            top=index in first,
            local=_local_note(item),
            ages=_age_band(item, age),
            placed=_placed(rank_of[index], item, candidate.found, note),
            serves=candidate.found.serves,
            rule=note,
            checks=tuple(item.question.checks),
        )
        for index in [*first, *rest]
        for candidate in [candidates[index]]
        for item in [candidate.item]
        for note in [picker.notes.get(index)]
    )
    return Plan(questions=planned, matched=eligible, age=age, checks=due)

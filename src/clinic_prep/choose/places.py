"""The places on a visit's list: every candidate (the bank's questions that fit, those a
visit rule asks for, and a question for each check that may be due), a picker that keeps one
question per group and per check, and the places the visit rules of ``content/rules.yaml``
reserve: the first three, a declared system bearing on a single clinic, must-haves, and a
question of its own for each declared system at a whole-person visit."""

from dataclasses import dataclass, field
from pathlib import Path

from clinic_prep.choose.checks import ASKED_ABOUT, CheckStatus, DueCheck
from clinic_prep.choose.fit import (
    Known,
    Match,
    Purpose,
    Relevance,
    match,
    premises_hold,
    visit_purposes,
)
from clinic_prep.choose.visit_rules import (
    RuleNote,
    first_rules,
    is_stay,
    is_whole_person,
    must_haves,
    systems_covered,
)
from clinic_prep.content.model import Bank, BankQuestion, Topic
from clinic_prep.content.rules_schema import RulesFile
from clinic_prep.content.schema import Question
from clinic_prep.core.age import Age
from clinic_prep.core.vocabulary import (
    CLINIC_BODY_SYSTEMS,
    BodySystem,
)
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_fields import DEFAULT_MAX_QUESTIONS

TOP_COUNT = 3


@dataclass(frozen=True)
class Candidate:
    """A question that may take a place, and how it fits the visit."""

    item: BankQuestion
    found: Match
    dated: bool = False  # a check's own question, brought by the family's date
    # Brought for a declared system that bears on a single clinic: it takes the one place the
    # rule gives it, and never fills the list beyond that.
    rule_only: bool = False


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


def check_candidates(due: tuple[DueCheck, ...], bank: Bank, profile: Profile) -> list[Candidate]:
    """A question for the checks the family's dates show may be due or overdue: one per body
    system, an overdue check before one that may be due, then the first in the schedule (the
    heart scan, not the heart scan and the heart tracing done the same day): the checks list
    shows the rest, and the list keeps its places for the visit."""
    topics = {topic.id: topic for topic in bank.topics}
    purposes = visit_purposes(profile)
    out = []
    asked: set[BodySystem] = set()
    dated = [item for item in due if item.status in ASKED_ABOUT and item.last_done is not None]
    for item in sorted(dated, key=lambda item: item.status is not CheckStatus.OVERDUE):
        systems = set(item.check.systems)
        if systems and systems <= asked:
            continue
        asked |= systems
        serves = tuple(p for p in profile.clinics if p in item.check.clinics) or purposes[:1]
        out.append(_check_question(item, topics[item.check.topic], serves))
    return out


@dataclass
class Picker:
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

    def keeping(self, indexes: list[int]) -> "Picker":
        """A picker that took only these places, in this order, with their notes."""
        kept = Picker(self.candidates)
        for index in indexes:
            kept.take(index, self.notes.get(index))
        return kept

    def first_of(self, ids: list[str], ranked: list[int]) -> list[int]:
        """Candidate indexes with these ids, in the order of ``ids``."""
        where = {self.candidates[index].item.question.id: index for index in ranked}
        return [where[question_id] for question_id in ids if question_id in where]


def candidates_for(
    profile: Profile, bank: Bank, rules: RulesFile, age: Age | None, known: Known
) -> list[Candidate]:
    """Every question that may take a place: those that fit the visit, and those a rule asks
    for (their premises still hold)."""
    whole_person = is_whole_person(rules, profile)
    # A question for every visit (chosen only by age or reader) waits for a routine visit.
    routine_waits = is_stay(rules, profile)
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
        if found is not None and routine_waits and found.relevance is Relevance.GENERAL:
            found = None  # a rule may still bring it (a baby's heart signs)
        if found is not None and found.relevance is Relevance.BODY_SYSTEM and not whole_person:
            hits = set(question.when.involves) | set(question.when.involves_all)
            if not hits & interacting:
                found = None
        # A whole-person visit may take a question of any declared system's own; a single
        # clinic, one of a declared system that bears on its work.
        coverable = set(profile.involves) if whole_person else interacting
        covering = found is None and _covers_a_system(item, rules, coverable)
        brought = found is None and (question.id in asked or covering)
        if brought and premises_hold(question.when, profile, age, known):
            found = Match((), (), False, 0, 0)
        if found is not None:
            seen.add(question.id)
            rule_only = covering and not whole_person and question.id not in asked
            # In a stay, a question a rule may bring is there for the rule to place, not to
            # fill the list as one for every visit.
            rule_only = rule_only or (brought and routine_waits)
            candidates.append(Candidate(item, found, rule_only=rule_only))
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
        and systems_covered(system, rules, when, item.topic.id)
        for system in sorted(systems)
        for clinic in when.clinics
    )


def reserve(
    picker: Picker,
    ranked: list[int],
    profile: Profile,
    rules: RulesFile,
    age: Age | None,
    due: tuple[DueCheck, ...],
) -> list[int]:
    """Take the places the visit rules reserve, most urgent first (the first three, a place
    for a declared system that bears on a single clinic's work, then must-haves); returns the
    ones raised into the first three. A question for each declared system at a whole-person
    visit is made sure of after the list is filled (``cover_declared``)."""
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
                _cover(picker, ranked, rules, system, note, 1, serving_first=True)
    for rule in must_haves(rules, profile, age):
        declared = bool(rule.at.involves or rule.at.involves_all)
        note = RuleNote(rule.id, "must have", tuple(rule.sources), for_declared=declared)
        listed = picker.first_of(rule.questions, ranked)
        # One that serves the visit's purpose first (the hospital's own medicines question in
        # hospital), then the rule's order.
        for index in sorted(listed, key=lambda index: not candidates[index].found.serves):
            taken = index in picker.taken or picker.take(index, note)
            if taken and not rule.all_that_apply:
                break
    return raised


def _own_questions(
    picker: Picker,
    ranked: list[int],
    rules: RulesFile,
    system: BodySystem,
    serving_first: bool = False,
) -> list[int]:
    """The candidates of ``system``'s own, the most important first; of equal priority, one
    naming the system before one naming none, then the one that fits the person more closely,
    then the best placed. With ``serving_first``, one that also serves the visit's purpose
    leads (the spine's effect on breathing, at the lung clinic)."""

    def own(index: int) -> bool:
        item = picker.candidates[index].item
        when = item.question.when
        return systems_covered(system, rules, when, item.topic.id)

    def closeness(index: int) -> tuple[int, int, int, int]:
        candidate = picker.candidates[index]
        when = candidate.item.question.when
        named = {*when.involves, *when.involves_all}
        return (
            0 if serving_first and candidate.found.serves else 1,
            candidate.item.question.priority,
            0 if system in named else 1,
            -candidate.found.specificity,
        )

    return sorted((index for index in ranked if own(index)), key=closeness)


def _cover(
    picker: Picker,
    ranked: list[int],
    rules: RulesFile,
    system: BodySystem,
    note: RuleNote,
    places: int,
    serving_first: bool = False,
) -> int:
    """Give ``system`` up to ``places`` questions of its own; returns how many were added."""
    own = _own_questions(picker, ranked, rules, system, serving_first)
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


def longest_default(profile: Profile, rules: RulesFile) -> int:
    """The longest a default list grows at a whole-person visit: one place more for each
    declared system beyond three, up to ``coverage.grows_by`` more."""
    beyond = max(0, len(profile.involves) - 3)
    return DEFAULT_MAX_QUESTIONS + min(rules.coverage.grows_by, beyond)


def cover_declared(
    picker: Picker,
    ranked: list[int],
    profile: Profile,
    rules: RulesFile,
    budget: int,
    raised: list[int],
) -> tuple[Picker, int]:
    """Make sure each declared system has a question of its own, once the list is filled.

    A short default list grows to make room (up to 15, or a little more with many systems
    declared: ``longest_default``); otherwise the added question takes the
    place of the last-ranked question no rule placed, keeping the visit's own questions to
    lead and every other declared system's question."""
    natural = {index: rank for rank, index in enumerate(ranked)}
    covering: dict[BodySystem, set[int]] = {}
    for system in profile.involves:
        note = RuleNote(
            "coverage", f"{system} declared", tuple(rules.coverage.sources), for_declared=True
        )
        covering[system] = set(_own_questions(picker, ranked, rules, system))
        added = _cover(picker, ranked, rules, system, note, rules.coverage.places)
        if not added or len(picker.taken) <= budget:
            continue
        if profile.max_questions is None and budget < longest_default(profile, rules):
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

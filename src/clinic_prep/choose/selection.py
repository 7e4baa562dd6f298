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

import math
from dataclasses import dataclass
from datetime import date

from clinic_prep.choose.checks import DueCheck
from clinic_prep.choose.fit import (
    FOR_EVERY_VISIT,
    RELEVANCE_WORDS,
    Known,
    Match,
    Purpose,
    purpose_label,
    visit_purposes,
)
from clinic_prep.choose.places import (
    ON_THE_LIST,
    TOP_COUNT,
    Candidate,
    Picker,
    candidates_for,
    check_candidates,
    cover_declared,
    reserve,
)
from clinic_prep.choose.ranking import rank, stay_purposes, waits_in_stay
from clinic_prep.choose.visit_rules import (
    RuleNote,
    checks_for_visit,
    fires,
    is_whole_person,
)
from clinic_prep.content.model import Bank, BankQuestion, Topic
from clinic_prep.content.rules_schema import RulesFile
from clinic_prep.core.age import Age
from clinic_prep.core.vocabulary import (
    Clinic,
    Reader,
)
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_fields import DEFAULT_MAX_QUESTIONS

# The default list is cut short rather than padded when few questions serve the visit, so that
# at least this share of it serves the visit's purpose (a short visit gets a focused list).
PURPOSE_SHARE = 2 / 3


SHORTEST_DEFAULT_LIST = 6


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


def select(profile: Profile, bank: Bank, reference_date: date) -> Plan:
    """Choose and order the questions for ``profile``.

    ``reference_date`` is the day ages are worked out on when the profile has no visit date;
    passing it in keeps this function pure.
    """
    assert bank.rules is not None, "a loaded bank always has its visit rules"
    rules = bank.rules
    visit_day = profile.visit_date or reference_date
    age = profile.age_on(visit_day)
    due = checks_for_visit(bank.checks, rules, profile, age, visit_day)
    known = Known.of(profile, age, due)

    candidates = check_candidates(due, bank, profile)
    candidates += candidates_for(profile, bank, rules, age, known)
    stay = stay_purposes(rules, profile)
    ranked = rank(candidates, visit_purposes(profile), rules.clinic_topics.topics, stay)

    # Everything that could take a place without clashing, for "N more questions fit".
    counting = Picker(candidates)
    for index in ranked:
        if not candidates[index].rule_only:
            counting.take(index)
    eligible = len(counting.taken)
    serving = sum(1 for index in counting.taken if candidates[index].found.serves)

    picker, chosen, raised, possible = _fill(
        candidates, ranked, profile, rules, age, due, eligible, serving
    )
    natural = {index: rank for rank, index in enumerate(ranked)}
    rank_of = {index: natural[index] for index in chosen}
    leads_at = rules.coverage.leads_at
    coverage_leads = leads_at is not None and fires(leads_at, rules, profile, age)
    first = _first_three(
        picker, chosen, raised, rank_of, coverage_leads, stay, _leading_clinics(rules, profile)
    )
    # Reading order: the top questions first, then the rest grouped by topic.
    rest = sorted(
        (index for index in chosen if index not in first),
        key=lambda index: (candidates[index].item.topic.order, rank_of[index]),
    )
    planned = tuple(
        _planned(picker, index, index in first, rank_of[index], profile.reader, age)
        for index in [*first, *rest]
    )
    return Plan(questions=planned, matched=max(possible, len(planned)), age=age, checks=due)


def _fill(
    candidates: list[Candidate],
    ranked: list[int],
    profile: Profile,
    rules: RulesFile,
    age: Age | None,
    due: tuple[DueCheck, ...],
    eligible: int,
    serving: int,
) -> tuple[Picker, list[int], list[int], int]:
    """The places the rules reserve, then the visit's own questions up to the budget, then a
    question for each declared system at a whole-person visit: the picker, the chosen
    candidates, those the rules raised into the first three, and how many questions the
    list would hold with every one that fits (what ``--all`` prints)."""
    picker = Picker(candidates)
    raised = reserve(picker, ranked, profile, rules, age, due)
    # Every question that fits, beside the rules' own: the rules' places come on top of the
    # visit's questions, so "every question" counts both.
    everything = picker.keeping(picker.taken)
    for index in ranked:
        if not candidates[index].rule_only:
            everything.take(index)
    possible = len(everything.taken)
    beyond_purpose = sum(1 for index in picker.taken if not candidates[index].found.serves)
    budget = _budget(
        profile, possible if profile.all_questions else eligible, serving, beyond_purpose
    )
    # The rules never take every place: the visit's own purpose keeps at least three.
    room = max(len(raised), budget - TOP_COUNT)
    if len(picker.taken) > room:
        picker = picker.keeping(picker.taken[:room])
    for index in ranked:
        if len(picker.taken) >= budget:
            break
        if not candidates[index].rule_only:
            picker.take(index)
    if is_whole_person(rules, profile):
        picker, budget = cover_declared(picker, ranked, profile, rules, budget, raised)
    return picker, picker.taken[:budget], raised, possible


def _leading_clinics(rules: RulesFile, profile: Profile) -> frozenset[Clinic]:
    """The clinics whose own questions lead the first three (``clinic_leads``: a new diagnosis
    at the heart clinic asks the heart clinic's questions before who links up care; a yearly
    review at the eye clinic alone, the eye clinic's before the review's round-up)."""
    leads = rules.clinic_leads
    if leads is None:
        return frozenset()
    alone = len(profile.clinics) == 1 and not set(leads.alone_at).isdisjoint(profile.situations)
    if alone or not set(leads.situations).isdisjoint(profile.situations):
        return frozenset(leads.clinics).intersection(profile.clinics)
    return frozenset()


def _first_three(
    picker: Picker,
    chosen: list[int],
    raised: list[int],
    rank_of: dict[int, int],
    coverage_leads: bool,
    stay: frozenset[Purpose],
    leading: frozenset[Clinic] = frozenset(),
) -> list[int]:
    """The three to ask first: what the rules raise, then the visit's purpose, most important
    first. A question a rule placed has its place; the visit's own questions lead it, and a
    must-have only where it fits this person in particular (a result, an age, a system). At a
    visit whose purpose is every system (``coverage_leads``), a declared system's own question
    may lead too, after the visit's own questions of the same priority. A check that may be
    due is on the list, not among the first three. In a hospital stay (``stay``) the stay's
    own questions come before those only for the clinic in charge; a ``leading`` clinic's
    questions come before the situation's alone."""
    candidates = picker.candidates
    first = [index for index in raised if index in rank_of][:TOP_COUNT]

    def may_lead(index: int) -> bool:
        found, note = candidates[index].found, picker.notes.get(index)
        if index in first:
            return False
        if coverage_leads and note is not None and note.for_declared:
            return True
        if not found.serves:
            return False
        if candidates[index].dated:  # a check that may be due; an overdue one is raised
            return False
        if note is None or note.kind == ON_THE_LIST:
            return True
        # What is known about the person (a declared system, a genetic result) makes a
        # must-have theirs in particular; an age or a reader only says the wording fits.
        known = found.involves_hits or candidates[index].item.question.when.results
        return note.kind == "must have" and bool(known)

    def importance(index: int) -> tuple[bool, bool, int, int]:
        serves = candidates[index].found.serves
        # In a stay, a question only for the clinic in charge waits for the stay's own.
        waits = bool(stay) and all(waits_in_stay(p, stay) for p in serves)
        follows = bool(leading) and leading.isdisjoint(serves)
        return waits, follows, candidates[index].item.question.priority, rank_of[index]

    by_importance = sorted((index for index in chosen if may_lead(index)), key=importance)
    first += by_importance[: TOP_COUNT - len(first)]
    first += [index for index in chosen if index not in first][: TOP_COUNT - len(first)]
    return first


def _planned(
    picker: Picker, index: int, top: bool, rank: int, reader: Reader, age: Age | None
) -> PlannedQuestion:
    """One chosen question as the plan holds it: its wording for the reader, and why it is
    there."""
    candidate = picker.candidates[index]
    item, note = candidate.item, picker.notes.get(index)
    return PlannedQuestion(
        id=item.question.id,
        text=_wording(item, reader),
        why=item.question.why,
        topic=item.topic,
        priority=item.question.priority,
        sources=tuple(item.question.sources),
        reasons=(
            *candidate.found.reasons,
            *((f"rule: {note.id} ({note.kind})",) if note else ()),
        )
        or (FOR_EVERY_VISIT,),
        top=top,
        local=_local_note(item),
        ages=_age_band(item, age),
        placed=_placed(rank, item, candidate.found, note),
        serves=candidate.found.serves,
        rule=note,
        checks=tuple(item.question.checks),
    )

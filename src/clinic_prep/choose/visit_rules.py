"""The visit rules of ``content/rules.yaml`` read against one profile: pure functions.

What a visit looks at (the whole person, or one clinic's purpose), which must-have questions and
first-three rules fire, and which checks the visit lists. Selection asks these questions; the
answers live in content, where a clinician can read and sign them off.
"""

from dataclasses import dataclass
from datetime import date

from clinic_prep.choose.checks import DueCheck, Visit, due_checks, is_baby
from clinic_prep.content.rules_schema import FirstRule, MustHaveRule, RulesFile, Trigger
from clinic_prep.content.schema import Check, When
from clinic_prep.core.age import Age
from clinic_prep.core.vocabulary import FIRST_VISIT_SITUATIONS, BodySystem, Reader
from clinic_prep.intake.profile import Profile


@dataclass(frozen=True)
class RuleNote:
    """The rule that placed a question, as ``explain`` shows it."""

    id: str
    kind: str  # "first three", "must have", "coverage: heart", ...
    sources: tuple[str, ...]
    # Placed for a body system the family declared (coverage, or a must-have such as chest
    # infections when the lungs are involved): at a visit whose purpose is every system, it
    # may be among the first three.
    for_declared: bool = False


def is_whole_person(rules: RulesFile, profile: Profile) -> bool:
    """The visit looks at the whole person (a yearly review, the specialist clinic...)."""
    rule = rules.whole_person
    return bool(
        set(rule.situations).intersection(profile.situations)
        or set(rule.clinics).intersection(profile.clinics)
    )


def is_stay(rules: RulesFile, profile: Profile) -> bool:
    """A hospital stay or the emergency department (``stay_leads``): the visit is for the
    stay, and routine questions wait for the clinic."""
    rule = rules.stay_leads
    return bool(
        set(rule.situations).intersection(profile.situations)
        or set(rule.clinics).intersection(profile.clinics)
    )


def fires(trigger: Trigger, rules: RulesFile, profile: Profile, age: Age | None) -> bool:
    """Whether a rule's ``at`` holds for this visit."""
    involved = set(profile.involves)
    somewhere = (
        (trigger.whole_person and is_whole_person(rules, profile))
        or bool(set(trigger.situations).intersection(profile.situations))
        or bool(set(trigger.clinics).intersection(profile.clinics))
        or bool(involved.intersection(trigger.involves))
    )
    if not (trigger.whole_person or trigger.situations or trigger.clinics or trigger.involves):
        somewhere = True  # a trigger of age or systems alone fires at any visit
    if not somewhere or not involved.issuperset(trigger.involves_all):
        return False
    if trigger.with_clinics and set(trigger.with_clinics).isdisjoint(profile.clinics):
        return False
    if not set(trigger.not_situations).isdisjoint(profile.situations):
        return False
    if trigger.clinics_only and not set(profile.clinics) <= set(trigger.clinics_only):
        return False
    if trigger.age is not None and not (
        age is not None and trigger.age.min <= age.years <= trigger.age.max
    ):
        return False
    return not trigger.readers or profile.reader in trigger.readers


def must_haves(rules: RulesFile, profile: Profile, age: Age | None) -> list[MustHaveRule]:
    return [rule for rule in rules.must_have if fires(rule.at, rules, profile, age)]


def first_rules(rules: RulesFile, profile: Profile, age: Age | None) -> list[FirstRule]:
    return [rule for rule in rules.first if fires(rule.at, rules, profile, age)]


def is_first_visit(profile: Profile, age: Age | None) -> bool:
    """No earlier visit to compare with: tests under way, a new diagnosis, or a baby."""
    return bool(FIRST_VISIT_SITUATIONS.intersection(profile.situations)) or is_baby(age)


def checks_for_visit(
    schedule: tuple[Check, ...],
    rules: RulesFile,
    profile: Profile,
    age: Age | None,
    visit_day: date,
) -> tuple[DueCheck, ...]:
    """The checks this visit lists, each with its status on the visit day."""
    visit = Visit(
        clinics=frozenset(profile.clinics),
        situations=frozenset(profile.situations),
        involves=frozenset(profile.involves),
        age=age,
        whole_person=is_whole_person(rules, profile),
        baseline=bool(set(rules.baseline.situations).intersection(profile.situations)),
        required=frozenset(
            check for rule in first_rules(rules, profile, age) for check in rule.checks
        ),
        for_the_person=profile.reader is not Reader.RELATIVE,
        high_stakes=frozenset(rules.overdue.high_stakes),
    )
    return due_checks(schedule, visit, profile.last_checks, visit_day, rules.overdue.times_interval)


def systems_covered(system: BodySystem, rules: RulesFile, when: When, topic: str) -> bool:
    """A question is one of ``system``'s own: it is in one of the system's topics and names
    no other system instead (a bladder question is in the kidneys' topic, but it is not about
    the kidneys, whether it asks for bladder problems or about them), or, for a system with no
    topic of its own (the spine), its ``when`` names it."""
    named = [*when.involves, *when.involves_all, *when.not_involves]
    topics = rules.coverage.topics.get(system, [])
    if not topics:
        return system in named
    return topic in topics and (not named or system in named)

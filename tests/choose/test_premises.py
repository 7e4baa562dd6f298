"""No chosen question takes for granted what the profile contradicts or does not establish.

Over 3,000 profiles sampled across the whole space (every situation, clinic, body system,
age from birth to old age, sex, reader and genetic result; half with every question, so that
nearly the whole bank is reached), every question chosen is checked two ways, by code written
here rather than the selection's own (the 10,000-profile sweep of ``test_visit_rules`` checks
the same of every default pack it draws):
- against what its *words* assume (``content/premises.yaml``: "my baby" needs a baby,
  "periods" a girl or woman, "start learning braille" a young child...);
- against the premises its ``when`` declares (body systems, age, sex, reader, diagnosis,
  genetic result).
Questions of one group are never chosen together.
"""

import random
import re
from collections.abc import Callable
from datetime import date

import pytest

from clinic_prep.choose.fit import Known, premises_hold
from clinic_prep.choose.selection import PlannedQuestion, select
from clinic_prep.choose.visit_rules import fires
from clinic_prep.content.model import Bank
from clinic_prep.content.schema import Check, When
from clinic_prep.core.age import Age
from clinic_prep.core.vocabulary import (
    BodySystem,
    Clinic,
    CommunicationNeed,
    GeneticResult,
    Reader,
    Sex,
    Situation,
)
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY

SAMPLES = 3_000
SEED = 20261125
NOT_YET_KNOWN = {Situation.SUSPECTED, Situation.AWAITING_RESULT}
AFTER_A_DIAGNOSIS = set(Situation) - NOT_YET_KNOWN - {Situation.RESULT_RECEIVED}


def diagnosis_of(profile: Profile) -> str | None:
    """What a clinician would say the profile establishes, worked out from the raw fields."""
    if profile.genetic_result is not None:
        return "confirmed" if profile.genetic_result is GeneticResult.CONFIRMED else "not-confirmed"
    if NOT_YET_KNOWN & set(profile.situations):
        return "not-confirmed"
    if AFTER_A_DIAGNOSIS & set(profile.situations):
        return "confirmed"
    return None


FIRST_VISITS = {Situation.SUSPECTED, Situation.AWAITING_RESULT, Situation.NEWLY_DIAGNOSED}


def recent_checks(profile: Profile, checks: tuple[Check, ...]) -> set[str]:
    """Checks the profile gives as done within their longest usual interval (or with no
    interval known): not surely due, so no result from this visit can be assumed."""
    visit = profile.visit_date or TODAY
    recent = set()
    for check in checks:
        done = profile.last_checks.get(check.id)
        if done is None:
            continue
        months = (visit.year - done.year) * 12 + visit.month - done.month
        if check.every_months is None or months < check.every_months.max:
            recent.add(check.id)
    return recent


def broken(
    needed: When,
    profile: Profile,
    age: Age | None,
    question: PlannedQuestion,
    words: bool = False,
    bank_checks: tuple[Check, ...] | None = None,
) -> list[str]:
    """The parts of ``needed`` this profile contradicts or does not establish. ``words``: the
    premise of a phrase (it names readers only where it needs them)."""
    involved = set(profile.involves)
    problems = []
    if needed.involves and not involved & set(needed.involves):
        problems.append(f"needs one of {needed.involves}")
    if not set(needed.involves_all) <= involved:
        problems.append(f"needs all of {needed.involves_all}")
    if involved & set(needed.not_involves):
        problems.append(f"needs none of {needed.not_involves}")
    if needed.age is not None:
        if age is None:
            if question.ages is None:
                problems.append("an age-bound question with no age and no age label")
        elif not needed.age.min <= age.years <= needed.age.max:
            problems.append(f"age {age.years} outside {needed.age.min}-{needed.age.max}")
    if needed.sex is not None and profile.sex is not needed.sex:
        problems.append(f"needs sex {needed.sex}, profile has {profile.sex}")
    readers = needed.readers or ([] if words else [Reader.PARENT, Reader.SELF])
    if readers and profile.reader not in readers:
        problems.append(f"reader {profile.reader} not in {readers}")
    if profile.genetic_result in needed.not_results:
        problems.append(f"needs a result other than {needed.not_results}")
    if set(profile.clinics) & set(needed.not_clinics):
        problems.append(f"needs a visit with none of {needed.not_clinics}")
    if set(profile.situations) & set(needed.not_situations):
        problems.append(f"needs a visit named for none of {needed.not_situations}")
    if set(profile.communication_needs) & set(needed.not_needs):
        problems.append(f"needs none of {needed.not_needs}")
    first = bool(FIRST_VISITS & set(profile.situations)) or (age is not None and age.years < 1)
    if needed.follow_up and first:
        problems.append("compares with an earlier visit, but this is the first")
    if needed.siblings and Situation.SIBLINGS not in profile.situations:
        problems.append("assumes brothers or sisters the profile does not declare")
    for check in needed.unless_recent:
        done = profile.last_checks.get(check)
        if done is not None and check in recent_checks(profile, bank_checks or ()):
            problems.append(f"asks about today's {check}, done {done.for_file()}")
    if needed.diagnosis is not None and diagnosis_of(profile) != needed.diagnosis.value:
        problems.append(f"needs diagnosis {needed.diagnosis}, profile has {diagnosis_of(profile)}")
    if needed.results and profile.genetic_result not in needed.results:
        problems.append(f"needs result {needed.results}, profile has {profile.genetic_result}")
    return problems


def _some(rng: random.Random, values: list[object], most: int) -> list[object]:
    return rng.sample(values, rng.randint(0, most))


def sample_profile(rng: random.Random) -> Profile:
    situations = _some(rng, [s for s in Situation if s is not Situation.ROUTINE_VISIT], 3)
    clinics = _some(rng, list(Clinic), 3)
    if not situations and not clinics:
        clinics = [rng.choice(list(Clinic))]
    fields: dict[str, object] = {
        "situations": situations,
        "clinics": clinics,
        "involves": _some(rng, list(BodySystem), 5),
        "reader": rng.choice(list(Reader)),
        "sex": rng.choice([None, *Sex]),
        "all_questions": rng.random() < 0.5,
    }
    age_kind = rng.random()
    if age_kind < 0.15:
        fields["age"] = f"{rng.randint(0, 23)}m"
    elif age_kind < 0.9:
        fields["age"] = rng.randint(0, 80)
    fields["communication_needs"] = _some(rng, list(CommunicationNeed), 2)
    fields["last_checks"] = {
        check: f"{2026 - rng.randint(0, 6)}-{rng.randint(1, 10):02d}"
        for check in _some(rng, ["echo", "ecg", "hearing-test", "eye-exam"], 2)
    }
    if Situation.AWAITING_RESULT not in situations and rng.random() < 0.4:
        fields["genetic_result"] = rng.choice(list(GeneticResult))
    return Profile.model_validate(fields)


@pytest.fixture(scope="module")
def sampled(bank: Bank) -> list[tuple[Profile, list[PlannedQuestion]]]:
    rng = random.Random(SEED)
    plans = []
    for _ in range(SAMPLES):
        profile = sample_profile(rng)
        plans.append((profile, list(select(profile, bank, TODAY).questions)))
    return plans


def test_the_sample_covers_the_whole_space(
    sampled: list[tuple[Profile, list[PlannedQuestion]]], bank: Bank
) -> None:
    profiles = [profile for profile, _ in sampled]
    assert len(profiles) >= SAMPLES
    assert {r for p in profiles for r in p.situations} == set(Situation)
    assert {c for p in profiles for c in p.clinics} == set(Clinic)
    assert {p.reader for p in profiles} == set(Reader)
    assert {p.genetic_result for p in profiles} == {None, *GeneticResult}
    assert any(p.age is not None and p.age.months < 12 for p in profiles)
    chosen = {q.id for _, plan in sampled for q in plan}
    # Nearly every question in the bank is reached, so the checks below mean something.
    assert len(chosen) >= 0.9 * len(bank.questions)


Needs = Callable[[PlannedQuestion], list[tuple[str, When]]]
# What each wording takes for granted, matched once per bank and wording: the same wordings
# recur across thousands of sampled plans (here and in test_visit_rules).
_WORD_PREMISES: dict[tuple[int, str, str], list[tuple[str, When]]] = {}


def word_premises(bank: Bank, text: str, why: str) -> list[tuple[str, When]]:
    """The premises (premises.yaml) whose words appear in a wording or its why-line."""
    key = (id(bank), text, why)
    if key not in _WORD_PREMISES:
        _WORD_PREMISES[key] = [
            (premise.why, premise.requires)
            for premise in bank.premises
            if re.search(premise.words, text, re.IGNORECASE)
            or re.search(premise.words, why, re.IGNORECASE)
        ]
    return _WORD_PREMISES[key]


def _assert_premises_hold(
    sampled: list[tuple[Profile, list[PlannedQuestion]]],
    needs: Needs,
    checks: tuple[Check, ...],
    words: bool = False,
) -> None:
    """Every chosen question's needs (a label and a premise each) hold for its profile."""
    failures = []
    for profile, plan in sampled:
        age = profile.age_on(TODAY)
        for question in plan:
            for label, needed in needs(question):
                if problems := broken(needed, profile, age, question, words, checks):
                    failures.append(f"{question.id} ({label}): {problems}")
    assert not failures, f"{len(failures)} broken premises, e.g. {sorted(set(failures))[:5]}"


def test_words_never_assume_what_the_profile_does_not_establish(
    sampled: list[tuple[Profile, list[PlannedQuestion]]], bank: Bank
) -> None:
    _assert_premises_hold(
        sampled,
        lambda question: word_premises(bank, question.text, question.why or ""),
        bank.checks,
        words=True,
    )


def test_declared_premises_hold_for_every_chosen_question(
    sampled: list[tuple[Profile, list[PlannedQuestion]]], bank: Bank
) -> None:
    when_of = {item.question.id: item.question.when for item in bank.questions}
    _assert_premises_hold(
        sampled,
        lambda question: [("its when", when_of[question.id])] if question.id in when_of else [],
        bank.checks,
    )


def test_one_question_of_each_group(
    sampled: list[tuple[Profile, list[PlannedQuestion]]], bank: Bank
) -> None:
    group_of = {item.question.id: item.question.group for item in bank.questions}
    assert any(group_of.values()), "the bank has no groups of near-duplicates"
    for _, plan in sampled:
        groups = [group_of[q.id] for q in plan if group_of.get(q.id)]
        assert len(groups) == len(set(groups)), groups


def test_a_regular_visit_to_one_clinic_is_mostly_about_that_clinic(bank: Bank) -> None:
    """At least two thirds of the default list serves the clinic, at every age, for parent
    and self readers, whatever body systems are ticked (beyond what the visit rules add)."""
    rng = random.Random(SEED)
    for clinic in Clinic:
        for age in ("3m", 4, 9, 15, 30, 55):
            for reader in (Reader.PARENT, Reader.SELF):
                profile = Profile.model_validate(
                    {
                        "clinics": [clinic],
                        "age": age,
                        "reader": reader,
                        "involves": rng.sample(list(BodySystem), rng.randint(0, 4)),
                        "visit_date": date(2026, 12, 1),
                    }
                )
                plan = select(profile, bank, TODAY).questions
                # What the visit rules add (content/rules.yaml) comes on top of the share.
                own = [q for q in plan if q.rule is None]
                serving = [q for q in own if clinic in q.serves]
                assert len(serving) * 3 >= 2 * len(own), (clinic, age, reader, len(own))
                # The first three serve the clinic, but for what a visit rule raises ahead
                # of any purpose (a baby's heart, an overdue heart check), and, where every
                # system is the visit's purpose (the specialist clinic), a declared system's.
                assert bank.rules is not None and bank.rules.coverage.leads_at is not None
                every_system = fires(
                    bank.rules.coverage.leads_at, bank.rules, profile, profile.age_on(TODAY)
                )
                raised = [
                    q
                    for q in plan
                    if q.top
                    and q.rule
                    and (q.rule.kind == "first three" or (every_system and q.rule.for_declared))
                ]
                assert all(clinic in q.serves for q in plan if q.top and q not in raised), (
                    clinic,
                    age,
                )


def test_several_clinics_each_get_a_fair_share(bank: Bank) -> None:
    profile = Profile.model_validate(
        {"clinics": ["eyes", "hearing", "heart"], "age": 12, "involves": ["vision", "hearing"]}
    )
    plan = select(profile, bank, TODAY).questions
    shares = {clinic: sum(clinic in q.serves for q in plan) for clinic in profile.clinics}
    assert min(shares.values()) >= 4, shares


@pytest.mark.parametrize(
    ("clinics", "holds"), [(["heart"], False), (["hearing"], True), ([], True)]
)
def test_a_question_is_kept_from_a_visit_with_the_clinics_it_is_not_for(
    clinics: list[str], holds: bool
) -> None:
    """ "If there is an operation..." is for a hospital stay, but not one under the heart team,
    which is for an illness."""
    when = When(situations=[Situation.HOSPITAL_STAY], not_clinics=[Clinic.HEART])
    profile = Profile.model_validate(
        {"situations": ["hospital-stay"], "clinics": clinics, "age": 6}
    )
    age = profile.age_on(TODAY)
    assert premises_hold(when, profile, age, Known.of(profile, age, ())) is holds


@pytest.mark.parametrize(
    ("situations", "holds"),
    [(["newly-diagnosed"], True), ([], True), (["result-received"], False)],
)
def test_a_question_is_kept_from_a_visit_named_for_something_else(
    situations: list[str], holds: bool
) -> None:
    """ "Who will link up care" is for a new diagnosis or a regular visit to the family doctor,
    not for a family doctor's visit about a test result."""
    when = When(
        situations=[Situation.NEWLY_DIAGNOSED],
        clinics=[Clinic.PRIMARY_CARE],
        not_situations=[Situation.RESULT_RECEIVED],
    )
    profile = Profile.model_validate({"situations": situations, "clinics": ["primary-care"]})
    age = profile.age_on(TODAY)
    assert premises_hold(when, profile, age, Known.of(profile, age, ())) is holds


def test_content_check_asks_for_every_part_of_a_premise_words_carry() -> None:
    """Each premise part a phrase can require is one the check asks the question's when for:
    a part it forgot would let "can we be referred to a specialist clinic" reach a visit to
    that clinic."""
    from clinic_prep.content.premises import unmet

    parts = {
        "age": {"min": 0, "max": 2},
        "sex": "female",
        "diagnosis": "confirmed",
        "not_needs": ["braille"],
        "not_clinics": ["multidisciplinary"],
        "involves": ["heart"],
        "follow_up": True,
    }
    for key, value in parts.items():
        needed = When.model_validate({key: value})
        assert unmet(When(), needed), key
        assert not unmet(needed, needed), key

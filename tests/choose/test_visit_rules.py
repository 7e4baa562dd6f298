"""Properties of every pack, over 10,000 profiles drawn from the whole space (hypothesis).

Each property is checked by code written here, from the profile's own fields and the content's
data, not by asking the selection's helpers: a declared system gets a question of its own at a
visit that looks at the whole person; nothing in the list takes for granted what the profile
contradicts, by its ``when`` or by its words (premises.yaml); no two questions of one group;
no word in the wrong voice reaches the reader; the length limit holds with the checks'
questions counted; one question per check; a baby's heart comes first; an overdue heart scan
is listed and among the first three.
"""

import os
import random
import re
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_prep import api
from clinic_prep.choose.places import longest_default
from clinic_prep.choose.selection import Plan, PlannedQuestion, select
from clinic_prep.compose.assemble import compose
from clinic_prep.content.model import Bank, BankQuestion
from clinic_prep.content.rules_schema import RulesFile
from clinic_prep.content.schema import Question
from clinic_prep.core.age import parse_age
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
from clinic_prep.intake.profile_fields import DEFAULT_MAX_QUESTIONS
from clinic_prep.write.render_text import render_text
from tests.conftest import TODAY

from .test_premises import broken, word_premises

PROFILES = int(os.environ.get("CLINIC_PREP_PROFILES", "10000"))
HEART_SCAN = "echo"
# Words a parent uses of their child: never in a pack read by the person or a relative.
CHILD_WORDS = re.compile(r"\b(my|your|our) (child|baby)\b|\bmy child's\b", re.IGNORECASE)


def profile_from(seed: int) -> Profile:
    """One profile from the whole space, drawn from ``seed``.

    Hypothesis draws the seed and a plain ``random.Random`` the fields: drawing each field
    through hypothesis costs about 5 ms a profile, ten times the selection itself, and 10,000
    profiles must run in CI (half in each lane). A failure prints the profile in full."""
    rng = random.Random(seed)

    def some(values: list[Any], most: int) -> list[Any]:
        return rng.sample(values, rng.randint(0, most))

    situations = some([s for s in Situation if s is not Situation.ROUTINE_VISIT], 3)
    clinics = some(list(Clinic), 3) or ([] if situations else [rng.choice(list(Clinic))])
    fields: dict[str, Any] = {
        "situations": situations,
        "clinics": clinics,
        "involves": some(list(BodySystem), 6),
        "reader": rng.choice(list(Reader)),
        "sex": rng.choice([None, *Sex]),
        "communication_needs": some(list(CommunicationNeed), 3),
    }
    age_kind = rng.random()
    if age_kind < 0.2:
        fields["age"] = f"{rng.randint(0, 23)}m"
    elif age_kind < 0.9:
        fields["age"] = rng.randint(0, 80)
    if Situation.AWAITING_RESULT not in situations:
        fields["genetic_result"] = rng.choice([None, *GeneticResult])
    checks = ["echo", "ecg", "eye-exam", "hearing-test", "heart-rhythm-24h", "kidney-tests"]
    fields["last_checks"] = {
        check: (TODAY - timedelta(days=rng.randint(1, 8 * 365))).isoformat()
        for check in some(checks, 3)
    }
    length = rng.choice(["default", "default", "all", "some"])
    if length == "all":
        fields["all_questions"] = True
    elif length == "some":
        fields["max_questions"] = rng.randint(3, 25)
    return Profile.model_validate(fields)


def profiles() -> st.SearchStrategy[Profile]:
    return st.integers(0, 2**64).map(profile_from)


def _whole_person(profile: Profile, bank: Bank) -> bool:
    assert bank.rules is not None
    rule = bank.rules.whole_person
    return bool(set(rule.situations) & set(profile.situations)) or bool(
        set(rule.clinics) & set(profile.clinics)
    )


def _months_between(earlier: date, later: date) -> int:
    return (
        (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    )


def _problems(profile: Profile, plan: Plan, bank: Bank, text: str) -> list[str]:
    """Everything wrong with one pack, by the properties the module docstring lists."""
    problems: list[str] = []
    when_of = _questions(bank)
    age = profile.age_on(TODAY)
    questions = plan.questions
    top = [q for q in questions if q.top]

    # The length limit, with every question counted (a whole-person visit's default list
    # grows a little with many systems declared).
    assert bank.rules is not None
    default = longest_default(profile, bank.rules) if _whole_person(profile, bank) else None
    limit = (
        None if profile.all_questions else profile.max_questions or default or DEFAULT_MAX_QUESTIONS
    )
    if limit is not None and len(questions) > limit:
        problems.append(f"{len(questions)} questions, limit {limit}")

    # One question per check.
    asked: list[str] = []
    for question in questions:
        if question.id.startswith("check-"):
            asked.append(question.id.removeprefix("check-"))
        else:
            asked += when_of[question.id].checks
    if len(asked) != len(set(asked)):
        problems.append(f"two questions about one check: {sorted(asked)}")

    # Premises: what each question's when, and what its words (premises.yaml), take for
    # granted holds; and never two questions of one group of near-duplicates.
    for question in questions:
        if question.id in when_of and (
            why := broken(when_of[question.id].when, profile, age, question)
        ):
            problems.append(f"{question.id}: {why}")
        for label, needed in word_premises(bank, question.text, question.why or ""):
            if why := broken(needed, profile, age, question, True, bank.checks):
                problems.append(f"{question.id} words ({label}): {why}")
    groups = [when_of[q.id].group for q in questions if q.id in when_of and when_of[q.id].group]
    if len(groups) != len(set(groups)):
        problems.append(f"two questions of one group: {sorted(groups)}")

    # A declared system gets a question of its own where the whole person is looked at, when
    # the list is not cut short by the reader and some question of its own could be chosen.
    if _whole_person(profile, bank) and (limit is None or profile.max_questions is None):
        for system in profile.involves:
            if any(_own(system, q.id, q.topic.id, bank) for q in questions):
                continue
            # Only a failure if some question of the system's own could have been chosen.
            possible = [
                item.question.id
                for item in _own_items(system, bank)
                if not broken(item.question.when, profile, age, _as_planned(item.question.id))
                and _for_this_visit(item.question.when, profile)
            ]
            if possible:
                problems.append(
                    f"{system} declared, no question of its own (could: {possible[:3]})"
                )

    # Voice: a parent's words never reach the person or a relative; the person's own
    # wording never reaches a parent.
    if profile.reader is not Reader.PARENT and (found := CHILD_WORDS.search(text)):
        problems.append(f"{profile.reader} pack says {found.group(0)!r}")
    if profile.reader is Reader.PARENT:
        own_words = {
            item.question.text_self
            for item in bank.questions
            if item.question.text_self and item.question.text_self != item.question.text
        }
        if leaked := own_words & {q.text for q in questions}:
            problems.append(f"a parent gets the person's own wording: {sorted(leaked)[:1]}")

    # A baby's heart comes first, and the heart scan is in the checks.
    if age is not None and age.years < 1 and profile.reader is Reader.PARENT:
        if not any(q.topic.id == "heart" for q in top) and limit != 0:
            problems.append(f"a baby's first three have no heart question: {[q.id for q in top]}")
        if HEART_SCAN not in {due.check.id for due in plan.checks}:
            problems.append("a baby's checks have no heart scan")

    # In a hospital stay the stay's own questions come first: a question only for the clinic
    # in charge (hearing aids at a stay for ear tubes) never leads while one of the stay's
    # own waits further down the list. Questions a rule placed, and checks that may be due,
    # keep their own places.
    assert bank.rules is not None
    stay = {*bank.rules.stay_leads.situations, *bank.rules.stay_leads.clinics}
    if stay & {*profile.situations, *profile.clinics}:
        waiting = [
            q.id
            for q in questions
            if not q.top and stay & set(q.serves) and q.rule is None and not q.checks
        ]
        ahead = [
            q.id
            for q in top
            if q.serves
            and q.rule is None
            and all(isinstance(p, Clinic) and p not in stay for p in q.serves)
        ]
        if waiting and ahead:
            problems.append(f"in hospital, {ahead} lead while {waiting[:2]} wait")
        # A question for every visit (chosen by age or reader alone) waits for a routine one.
        # (Every question a rule may bring is listed with --all, without the rule's note.)
        general = not profile.all_questions and [
            q.id
            for q in questions
            if not q.serves
            and q.rule is None
            and not q.checks
            and not any(reason.startswith("involves:") for reason in q.reasons)
        ]
        if general:
            problems.append(f"in hospital, questions for every visit: {general}")

    # An overdue heart scan is listed and among the first three, whatever the clinic.
    done = profile.last_checks.get(HEART_SCAN)
    overdue = (
        done is not None
        and profile.reader is not Reader.RELATIVE
        and age is not None
        and age.years >= 1
        and _months_between(done.earliest(), profile.visit_date or TODAY) >= 24
    )
    if overdue and HEART_SCAN not in {due.check.id for due in plan.checks}:
        problems.append("an overdue heart scan is not in the checks list")
    if overdue and f"check-{HEART_SCAN}" not in {q.id for q in top}:
        problems.append(f"overdue heart scan not in the first three: {[q.id for q in top]}")
    return problems


# Worked out once per bank (a Bank holds lists, so it cannot be a cache key itself).
_BY_BANK: dict[int, tuple[dict[str, Question], dict[str, frozenset[BodySystem]]]] = {}


def _index(bank: Bank) -> tuple[dict[str, Question], dict[str, frozenset[BodySystem]]]:
    if id(bank) not in _BY_BANK:
        questions = {item.question.id: item.question for item in bank.questions}
        involves = {
            question_id: frozenset(
                (*question.when.involves, *question.when.involves_all, *question.when.not_involves)
            )
            for question_id, question in questions.items()
        }
        _BY_BANK[id(bank)] = (questions, involves)
    return _BY_BANK[id(bank)]


def _questions(bank: Bank) -> dict[str, Question]:
    return _index(bank)[0]


def _involves(bank: Bank) -> dict[str, frozenset[BodySystem]]:
    """Each question's body systems, as its ``when`` names them (a question that asks whether
    the spine is curved names the spine, though it is for people without a known curve)."""
    return _index(bank)[1]


_OWN_ITEMS: dict[tuple[int, BodySystem], list[BankQuestion]] = {}


def _own_items(system: BodySystem, bank: Bank) -> list[BankQuestion]:
    """The bank's questions of the system's own, worked out once per bank and system."""
    key = (id(bank), system)
    if key not in _OWN_ITEMS:
        _OWN_ITEMS[key] = [
            item for item in bank.questions if _own(system, item.question.id, item.topic.id, bank)
        ]
    return _OWN_ITEMS[key]


def _own(system: BodySystem, question_id: str, topic: str, bank: Bank) -> bool:
    """A question of the system's own: in one of its topics (rules.yaml), or naming it where
    the system has no topic."""
    assert bank.rules is not None
    topics = bank.rules.coverage.topics.get(system, [])
    named = _involves(bank).get(question_id, frozenset())
    if topics:
        return topic in topics and (not named or system in named)
    return system in named


def _as_planned(question_id: str) -> PlannedQuestion:
    """A stand-in for ``broken``, which reads only a question's age label."""
    return PlannedQuestion(
        id=question_id,
        text="",
        why=None,
        topic=None,
        priority=1,
        sources=(),
        reasons=(),  # type: ignore[arg-type]
        ages="(no age given)",
    )


def _for_this_visit(when: object, profile: Profile) -> bool:
    """A question that serves no other visit: its situations, if any, include one of this
    visit's."""
    situations = getattr(when, "situations", [])
    clinics = getattr(when, "clinics", [])
    if situations and not set(situations) & set(profile.situations):
        return bool(clinics and set(clinics) & set(profile.clinics))
    return True


def _keeps_the_visit_rules(profile: Profile, bank: Bank) -> None:
    plan = select(profile, bank, TODAY)
    text = render_text(compose(plan, profile, bank)) if profile.reader is not Reader.PARENT else ""
    assert not (problems := _problems(profile, plan, bank, text)), problems


# The sampled profiles in two parts, each test drawing its own (hypothesis seeds each test
# by its name): two fifths in the default lane, the rest in the slow lane. CI runs both, so
# every change is checked against all of them; a developer's run stays quick.
DEFAULT_LANE_SHARE = 2 / 5


@settings(max_examples=int(PROFILES * DEFAULT_LANE_SHARE), deadline=None)
@given(profile=profiles())
def test_every_pack_keeps_the_visit_rules(profile: Profile, bank: Bank) -> None:
    _keeps_the_visit_rules(profile, bank)


@pytest.mark.slow
@settings(max_examples=PROFILES - int(PROFILES * DEFAULT_LANE_SHARE), deadline=None)
@given(profile=profiles())
def test_every_pack_keeps_the_visit_rules_on_more_profiles(profile: Profile, bank: Bank) -> None:
    _keeps_the_visit_rules(profile, bank)


def test_the_properties_can_fail(bank: Bank) -> None:
    """Each property catches what it is for: a pack made wrong on purpose is refused."""
    profile = Profile.model_validate(
        {"situations": ["newly-diagnosed"], "age": "3m", "involves": ["heart", "hearing"]}
    )
    plan = select(profile, bank, TODAY)
    assert not _problems(profile, plan, bank, "")
    shuffled = Plan(
        questions=tuple(PlannedQuestion(**{**q.__dict__, "top": False}) for q in plan.questions),
        matched=plan.matched,
        age=plan.age,
        checks=(),
    )
    found = " ".join(_problems(profile, shuffled, bank, ""))
    assert "no heart question" in found and "no heart scan" in found
    no_hearing = Plan(
        questions=tuple(q for q in plan.questions if q.topic.id != "hearing"),
        matched=plan.matched,
        age=plan.age,
        checks=plan.checks,
    )
    assert "hearing declared" in " ".join(_problems(profile, no_hearing, bank, ""))
    me = profile.model_copy(update={"reader": Reader.SELF})
    assert "says 'your child'" in " ".join(_problems(me, plan, bank, "ask your child"))
    # A baby's wording in an adult's pack; two questions of one group of near-duplicates.
    adult = profile.model_copy(update={"age": parse_age(40), "situations": []})
    assert "words (the person is a baby)" in " ".join(_problems(adult, plan, bank, ""))
    grouped: dict[str, list[str]] = {}
    for item in bank.questions:
        if item.question.group:
            grouped.setdefault(item.question.group, []).append(item.question.id)
    pair = next(ids[:2] for ids in grouped.values() if len(ids) > 1)
    twins = Plan(
        questions=tuple(
            PlannedQuestion(**{**plan.questions[0].__dict__, "id": question_id})
            for question_id in pair
        ),
        matched=plan.matched,
        age=plan.age,
        checks=plan.checks,
    )
    assert "two questions of one group" in " ".join(_problems(profile, twins, bank, ""))
    # The clinic's everyday question ahead of the stay's own, in a stay for ear tubes.
    ears = Profile.model_validate(
        {"situations": ["hospital-stay"], "clinics": ["hearing"], "age": 6, "involves": ["hearing"]}
    )
    stay_plan = select(ears, bank, TODAY)
    assert not _problems(ears, stay_plan, bank, "")
    clinic_first = sorted(stay_plan.questions, key=lambda q: "hospital-stay" in q.serves)
    swapped = Plan(
        questions=tuple(
            PlannedQuestion(**{**q.__dict__, "top": n < 3}) for n, q in enumerate(clinic_first)
        ),
        matched=stay_plan.matched,
        age=stay_plan.age,
        checks=stay_plan.checks,
    )
    assert "in hospital" in " ".join(_problems(ears, swapped, bank, ""))


def test_a_pack_built_through_the_api_keeps_them_too(bank: Bank) -> None:
    profile = Profile.model_validate(
        {
            "clinics": ["heart"],
            "age": 30,
            "reader": "self",
            "involves": ["heart", "kidney"],
            "last_checks": {"echo": "2022-11-01"},
        }
    )
    result = api.build(profile, api.OutputFormat.TXT, TODAY)
    text = result.data.decode()
    assert not _problems(profile, result.plan, bank, text)
    assert result.plan.questions[0].id == "check-echo"


def test_every_shipped_rule_names_real_questions_and_cites_sources(bank: Bank) -> None:
    assert bank.rules is not None
    known = {item.question.id for item in bank.questions}
    rules = [*bank.rules.must_have, *bank.rules.first]
    for rule in rules:
        assert set(rule.questions) <= known, (rule.id, set(rule.questions) - known)
        assert rule.sources and set(rule.sources) <= set(bank.sources), rule.id
    for key in RulesFile.model_fields:
        other = getattr(bank.rules, key)
        if not isinstance(other, list):
            assert other.sources and set(other.sources) <= set(bank.sources), key
    topics = {topic.id for topic in bank.topics}
    named = [*bank.rules.coverage.topics.values(), *bank.rules.clinic_topics.topics.values()]
    assert {topic for ids in named for topic in ids} <= topics


def test_the_review_sheet_prints_every_rule_for_sign_off(bank: Bank) -> None:
    from clinic_prep.compose.review import review_sheet

    assert bank.rules is not None
    sheet = review_sheet(bank)
    printed = {rule.id for rule in sheet.rules}
    named = {r.id for r in (*bank.rules.interactions, *bank.rules.must_have, *bank.rules.first)}
    assert named <= printed
    # Every rule of the file's own, by its key (stay_leads prints as stay-leads).
    single = {
        key.replace("_", "-")
        for key in RulesFile.model_fields
        if not isinstance(getattr(bank.rules, key), list)
    }
    assert single <= printed, single - printed
    assert all(rule.sources and rule.why for rule in sheet.rules)
    assert any("Current management of Alström syndrome" in c for c in sheet.rules_citations)
    assert not any(c.endswith("None") for topic in sheet.topics for c in topic.citations)


def test_explain_names_the_rule_and_its_sources() -> None:
    from typer.testing import CliRunner

    from clinic_prep import cli

    result = CliRunner().invoke(
        cli.app,
        ["explain", "-s", "newly-diagnosed", "--age", "3m", "--clinic", "genetics"],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0, result.output
    [first_row] = [line for line in result.output.splitlines() if "1 (top)" in line]
    assert "heart-baby-signs" in first_row
    assert "rule baby-heart (first three; sources: bond-2005" in first_row


def test_many_declared_systems_grow_the_default_list_a_little(bank: Bank) -> None:
    """Six systems declared at a yearly review: the list grows past 15 (one place for each
    system beyond three, up to the rule's limit) rather than dropping the visit's own
    questions; three systems, or a length the reader chose, keep their length."""
    assert bank.rules is not None
    systems = ["vision", "hearing", "heart", "diabetes", "liver", "kidney"]
    many = Profile.model_validate(
        {"situations": ["annual-review"], "age": 30, "reader": "self", "involves": systems}
    )
    grown = len(select(many, bank, TODAY).questions)
    assert DEFAULT_MAX_QUESTIONS < grown <= DEFAULT_MAX_QUESTIONS + bank.rules.coverage.grows_by
    few = many.model_copy(update={"involves": systems[:3]})
    assert len(select(few, bank, TODAY).questions) <= DEFAULT_MAX_QUESTIONS
    chosen = many.model_copy(update={"max_questions": 15})
    assert len(select(chosen, bank, TODAY).questions) == 15


def test_school_or_work_support_reaches_new_diagnoses_and_yearly_reviews(bank: Bank) -> None:
    """Support at school or work is a theme of the facts for a new diagnosis and for each
    yearly review; the move to adult care asks about college and work in its own words, so
    the rule does not fire there (``not_situations``)."""
    from clinic_prep.choose.visit_rules import fires
    from clinic_prep.compose.in_words import where_in_words

    assert bank.rules is not None
    rule = next(r for r in bank.rules.must_have if r.id == "school-or-work-support")
    review = Profile.model_validate({"situations": ["annual-review"], "age": 10})
    moving = Profile.model_validate({"situations": ["annual-review", "transition"], "age": 16})
    assert fires(rule.at, bank.rules, review, parse_age(10))
    assert not fires(rule.at, bank.rules, moving, parse_age(16))
    assert "dev-school-plan" in [q.id for q in select(review, bank, date(2026, 11, 23)).questions]
    assert "not when moving to adult care" in where_in_words(rule.at)


@settings(max_examples=300, deadline=None)
@given(profile=profiles())
def test_every_question_holds_every_default_question(profile: Profile, bank: Bank) -> None:
    """ "N more questions fit this visit" is what ``--all`` adds: the list of every question
    holds the default list, and is as long as the default list says. (The rules' places come
    on top of the visit's own questions, so a count of the visit's alone fell short, and
    printed "-2 more questions".)"""
    default = select(profile.model_copy(update={"all_questions": False}), bank, TODAY)
    every = select(profile.model_copy(update={"all_questions": True}), bank, TODAY)
    # A declared system's own question may be another in the longer list: coverage looks
    # for one once the list is filled.
    kept = {q.id for q in default.questions if not q.placed.startswith("rule coverage")}
    assert kept <= {q.id for q in every.questions}
    assert len(every.questions) == default.matched >= len(default.questions)


def test_a_yearly_review_at_one_specialists_clinic_is_led_by_that_clinic(bank: Bank) -> None:
    """At the eye clinic alone, a yearly review's first three are the eye clinic's own, not
    the review's round-up ("which checks are due this year"); across two clinics the review's
    own questions may lead."""
    alone = Profile.model_validate(
        {
            "situations": ["annual-review"],
            "clinics": ["eyes"],
            "age": 45,
            "reader": "self",
            "involves": ["vision", "hearing"],
            "communication_needs": ["braille"],
        }
    )
    top = select(alone, bank, TODAY).top
    assert {q.topic.id for q in top} == {"eyes"}, [q.id for q in top]

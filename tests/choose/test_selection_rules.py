"""The selection's rules on a small made-up bank (tests/data/fixture-bank): each question
there shows one rule, so these tests say what the selection does, and an edit to the shipped
content never breaks them. test_selection.py and the judgement sets check the shipped bank."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clinic_prep.choose.selection import Plan, select
from clinic_prep.content.bank import load_bank
from clinic_prep.content.model import Bank
from clinic_prep.intake.profile import Profile

FIXTURE = Path(__file__).parents[1] / "data" / "fixture-bank"
DAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def fixture_bank() -> Bank:
    return load_bank(FIXTURE.resolve())


def plan(bank: Bank, **fields: Any) -> Plan:
    return select(Profile.model_validate({"visit_date": DAY, **fields}), bank, DAY)


def ids(chosen: Plan) -> list[str]:
    return [q.id for q in chosen.questions]


def test_the_visits_purpose_leads_most_important_first(fixture_bank: Bank) -> None:
    chosen = plan(fixture_bank, clinics=["heart"], age=30)
    assert chosen.top[0].id == "fx-heart-how"  # priority 1, serves the heart clinic
    assert all(q.serves for q in chosen.top)
    assert "fx-eye-sight" not in ids(chosen)  # serves another clinic


def test_a_premise_the_profile_does_not_establish_keeps_a_question_out(
    fixture_bank: Bank,
) -> None:
    assert "fx-heart-meds" not in ids(plan(fixture_bank, clinics=["heart"], age=30))
    assert "fx-heart-meds" in ids(plan(fixture_bank, clinics=["heart"], age=30, involves=["heart"]))
    assert "fx-heart-adult" not in ids(plan(fixture_bank, clinics=["heart"], age=12))
    assert "fx-heart-adult" in ids(plan(fixture_bank, clinics=["heart"], age=30))


def test_one_question_of_a_group(fixture_bank: Bank) -> None:
    chosen = set(ids(plan(fixture_bank, clinics=["heart"], age=30, all_questions=True)))
    assert len(chosen & {"fx-heart-signs-a", "fx-heart-signs-b"}) == 1


def test_a_babys_heart_comes_first_and_its_scan_is_listed(fixture_bank: Bank) -> None:
    chosen = plan(fixture_bank, clinics=["eyes"], age="5m")
    assert chosen.top[0].id == "fx-heart-baby"
    assert chosen.top[0].rule is not None and chosen.top[0].rule.id == "baby-heart"
    assert "echo" in {due.check.id for due in chosen.checks}
    # The clinic's own purpose keeps the rest of the first three.
    assert [q.id for q in chosen.top[1:]] == ["fx-eye-sight", "fx-eye-light"]


def test_a_must_have_reaches_the_visit_it_applies_to(fixture_bank: Bank) -> None:
    assert "fx-vaccines" in ids(plan(fixture_bank, situations=["annual-review"], age=30))
    assert "fx-vaccines" not in ids(plan(fixture_bank, clinics=["heart"], age=30))


def test_a_must_have_with_a_clinic_reaches_a_stay_under_that_team_only(fixture_bank: Bank) -> None:
    def placed_by(chosen: Plan) -> str | None:
        found = [q for q in chosen.questions if q.id == "fx-eye-operation"]
        return found[0].rule.id if found and found[0].rule else None

    under_eyes = plan(fixture_bank, situations=["hospital-stay"], clinics=["eyes"], age=30)
    assert placed_by(under_eyes) == "eye-operation"
    assert placed_by(plan(fixture_bank, clinics=["eyes"], age=30)) is None  # the clinic's own
    assert "fx-eye-operation" not in ids(
        plan(fixture_bank, situations=["hospital-stay"], clinics=["heart"], age=30)
    )


def test_in_a_stay_the_stays_own_questions_lead_the_clinic_in_charge(fixture_bank: Bank) -> None:
    """A priority-2 question of the stay is asked before a priority-1 question of the heart
    team in charge; at the heart clinic alone that question leads."""
    stay = plan(fixture_bank, situations=["hospital-stay"], clinics=["heart"], age=30)
    assert [q.id for q in stay.top[:2]] == ["fx-hosp-oxygen", "fx-hosp-medicines"]
    # Within each priority the stay's questions rank before the team's.
    ranked = _in_rank_order(fixture_bank, situations=["hospital-stay"], clinics=["heart"], age=30)
    assert ranked.index("fx-hosp-oxygen") < ranked.index("fx-heart-how")
    assert plan(fixture_bank, clinics=["heart"], age=30).top[0].id == "fx-heart-how"
    # The emergency department's own questions are the stay's own too.
    emergency = plan(fixture_bank, situations=["hospital-stay"], clinics=["emergency"], age=30)
    assert emergency.top[0].id == "fx-hosp-oxygen"


def test_each_declared_system_gets_a_question_at_a_whole_person_visit(fixture_bank: Bank) -> None:
    declared = plan(fixture_bank, situations=["annual-review"], age=30, involves=["vision"])
    assert any(q.topic.id == "eyes" for q in declared.questions)
    # The eye questions serve only the eye clinic: without sight declared, none comes.
    undeclared = plan(fixture_bank, situations=["annual-review"], age=30)
    assert not any(q.topic.id == "eyes" for q in undeclared.questions)


def test_a_declared_system_bearing_on_a_single_clinic_takes_one_place(fixture_bank: Bank) -> None:
    chosen = plan(fixture_bank, clinics=["eyes"], age=30, involves=["heart", "vision"])
    heart = [q for q in chosen.questions if q.topic.id == "heart"]
    assert len(heart) == 1 and heart[0].rule is not None
    assert heart[0].rule.id == "the-other-sense" and not heart[0].top


def test_an_overdue_heart_check_is_listed_anywhere_and_asked_first(fixture_bank: Bank) -> None:
    chosen = plan(fixture_bank, clinics=["eyes"], age=30, last_checks={"echo": "2020-01"})
    assert "echo" in {due.check.id for due in chosen.checks}
    assert chosen.top[0].id == "check-echo"
    # A check that is not overdue stays with its own clinic.
    recent = plan(fixture_bank, clinics=["eyes"], age=30, last_checks={"echo": "2026-06"})
    assert "echo" not in {due.check.id for due in recent.checks}


def test_one_question_per_check(fixture_bank: Bank) -> None:
    chosen = plan(fixture_bank, clinics=["heart"], age=30, last_checks={"echo": "2025-06"})
    asked = [q.id for q in chosen.questions if "echo" in q.checks or q.id == "check-echo"]
    assert len(asked) == 1


def test_the_length_asked_for_holds_and_all_means_all(fixture_bank: Bank) -> None:
    assert len(plan(fixture_bank, clinics=["heart"], age=30, max_questions=2).questions) == 2
    everything = plan(fixture_bank, clinics=["heart"], age=30, all_questions=True)
    assert len(everything.questions) == everything.matched


def test_a_rules_place_says_which_rule_and_its_sources(fixture_bank: Bank) -> None:
    chosen = plan(fixture_bank, situations=["annual-review"], age=30)
    [vaccines] = [q for q in chosen.questions if q.id == "fx-vaccines"]
    assert vaccines.placed.startswith("rule vaccines (must have; sources: fixture)")


def test_the_same_visit_gives_the_same_plan(fixture_bank: Bank) -> None:
    fields = {"situations": ["annual-review"], "clinics": ["heart"], "age": 30}
    assert plan(fixture_bank, **fields) == plan(fixture_bank, **fields)


def _in_rank_order(bank: Bank, **fields: Any) -> list[str]:
    """Every question that fits, in the order the selection ranked them ("3rd: serves...")."""
    chosen = plan(bank, all_questions=True, **fields).questions
    ranked = [q for q in chosen if q.placed[:1].isdigit()]
    return [q.id for q in sorted(ranked, key=lambda q: int(q.placed.split(":")[0][:-2]))]


def test_a_question_serving_two_of_the_visits_clinics_counts_one_priority_higher(
    fixture_bank: Bank,
) -> None:
    """At the eye and heart clinics on one day, a priority-3 question serving both ranks with
    the priority-2 ones, ahead of the rest of priority 3; at one clinic it stays at 3."""
    both = _in_rank_order(fixture_bank, clinics=["eyes", "heart"], age=30, involves=["vision"])
    assert both.index("fx-eye-heart-joint") < both.index("fx-eye-own")
    one = _in_rank_order(fixture_bank, clinics=["eyes"], age=30, involves=["vision"])
    assert one.index("fx-eye-heart-joint") > one.index("fx-eye-own")

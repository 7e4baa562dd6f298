"""Choosing questions: table-driven cases per situation, plus the rules every plan keeps."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from clinic_prep.choose.selection import select
from clinic_prep.content.model import Bank
from clinic_prep.core.vocabulary import Clinic, Situation
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "selection_cases.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_selection_case(case: dict[str, Any], bank: Bank) -> None:
    fields = dict(case["profile"])
    if "max_questions" in case:
        fields["max_questions"] = case["max_questions"]
    plan = select(Profile.model_validate(fields), bank, TODAY)
    chosen = {q.id for q in plan.questions}
    topics = {q.topic.id for q in plan.questions}
    assert set(case.get("include", [])) <= chosen, set(case.get("include", [])) - chosen
    assert not set(case.get("exclude", [])) & chosen
    assert not set(case.get("exclude_topics", [])) & topics


VISITS = [
    *({"situations": [s]} for s in Situation if s is not Situation.ROUTINE_VISIT),
    *({"clinics": [c]} for c in Clinic),
]


@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: "-".join(*visit.values()))
def test_plan_rules_hold_for_every_visit(visit: dict[str, list[str]], bank: Bank) -> None:
    plan = select(Profile.model_validate(visit), bank, TODAY)
    ids = [q.id for q in plan.questions]
    assert len(ids) == len(set(ids)), "a question appears twice"
    assert 8 <= len(ids) <= 15
    assert [q.top for q in plan.questions[:3]] == [True, True, True]
    assert not any(q.top for q in plan.questions[3:])
    assert all(q.reasons for q in plan.questions)
    # The three to ask first serve the visit, and nothing left below them is more important.
    assert all(q.serves for q in plan.top)
    worst_top = max(q.priority for q in plan.top)
    assert all(q.priority >= worst_top for q in plan.questions[3:] if q.serves)


def test_selection_is_deterministic(bank: Bank, make_profile: Callable[..., Profile]) -> None:
    profile = make_profile(
        situations=["annual-review", "transition"], clinics=["eyes", "heart"], age=15
    )
    first = select(profile, bank, TODAY)
    assert all(select(profile, bank, TODAY) == first for _ in range(3))


def test_budget_and_all(bank: Bank, make_profile: Callable[..., Profile]) -> None:
    fields = {"situations": ["newly-diagnosed"], "clinics": ["eyes", "heart", "genetics"]}
    capped = select(make_profile(**fields, max_questions=5), bank, TODAY)
    everything = select(make_profile(**fields, all_questions=True), bank, TODAY)
    assert len(capped.questions) == 5
    assert capped.left_out == everything.matched - 5
    assert len(everything.questions) == everything.matched > 15
    assert {q.id for q in capped.questions} <= {q.id for q in everything.questions}


def test_reasons_name_the_matching_conditions(
    bank: Bank, make_profile: Callable[..., Profile]
) -> None:
    plan = select(make_profile(situations=["siblings"], age=6), bank, TODAY)
    reasons = {q.id: q.reasons for q in plan.questions}
    assert "situation: siblings" in reasons["sib-check-younger"]


def test_reader_self_gets_first_person_wording(
    bank: Bank, make_profile: Callable[..., Profile]
) -> None:
    parent = select(make_profile(situations=["transition"], age=16), bank, TODAY)
    adult = select(make_profile(situations=["transition"], age=16, reader="self"), bank, TODAY)
    parent_text = {q.id: q.text for q in parent.questions}
    adult_text = {q.id: q.text for q in adult.questions}
    assert "my child" in parent_text["trans-when"]
    assert adult_text["trans-when"] == "When will I move to adult services?"


def test_age_outside_range_excludes_question(
    bank: Bank, make_profile: Callable[..., Profile]
) -> None:
    fields = {"clinics": ["eyes"], "involves": ["vision"], "all_questions": True}
    child = {q.id for q in select(make_profile(**fields, age=3), bank, TODAY).questions}
    adult = {q.id for q in select(make_profile(**fields, age=30), bank, TODAY).questions}
    assert "eye-braille-early" in child and "eye-braille-early" not in adult


def test_first_named_situation_leads(bank: Bank, make_profile: Callable[..., Profile]) -> None:
    plan = select(make_profile(situations=["transition", "annual-review"], age=16), bank, TODAY)
    assert plan.questions[0].topic.id == "transition"

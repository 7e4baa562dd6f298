"""A specialist's judgement of whole visits, held as data (``data/judgement.yaml``).

Each visit was written from the fact sheet as a genetic counsellor or specialist nurse would
judge it: which questions the three to ask first may come from, which must be on the list,
which must never be (their premise does not hold, or they waste one of 15 places), and which
topics do not belong. A new visit in the file is a new test.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml

from clinic_prep.bank import Bank
from clinic_prep.profile import Profile
from clinic_prep.selection import select

from .conftest import TODAY

VISITS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "judgement.yaml").read_text(encoding="utf-8")
)
KEYS = {"visit", "why", "profile", "top_from", "top_includes", "must", "must_not", "not_topics"}


def test_the_judgement_set_is_broad() -> None:
    assert len(VISITS) >= 25
    for visit in VISITS:
        assert set(visit) <= KEYS, visit["visit"]
        assert visit.get("top_from") or visit.get("top_includes"), visit["visit"]


@pytest.mark.parametrize("visit", VISITS, ids=[visit["visit"] for visit in VISITS])
def test_a_specialist_would_choose_these(visit: dict[str, Any], bank: Bank) -> None:
    known = {item.question.id for item in bank.questions}
    named = {
        *visit.get("top_from", []),
        *visit.get("top_includes", []),
        *visit.get("must", []),
        *visit.get("must_not", []),
    }
    assert named <= known, f"unknown ids in the judgement set: {sorted(named - known)}"

    plan = select(Profile.model_validate(visit["profile"]), bank, TODAY)
    chosen = [q.id for q in plan.questions]
    top = [q.id for q in plan.top]
    assert len(top) == 3
    if allowed := visit.get("top_from"):
        assert set(top) <= set(allowed), f"top three {top} not all from {allowed}"
    assert set(visit.get("top_includes", [])) <= set(top), f"top three {top}"
    assert not (missing := set(visit.get("must", [])) - set(chosen)), f"missing {missing}"
    assert not (wrong := set(visit.get("must_not", [])) & set(chosen)), f"chosen {wrong}"
    topics = {q.topic.id for q in plan.questions}
    assert not (off := set(visit.get("not_topics", [])) & topics), f"off-topic {off}"

"""A specialist's judgement of whole visits, held as data (``data/judgement*.yaml``).

Each visit was written from the fact sheet as a genetic counsellor or specialist nurse would
judge it: which questions the three to ask first may come from, which must be on the list,
which must never be (their premise does not hold, or they waste one of 15 places), which topics
must and must not be there, and which checks must and must not be listed. The visits in
``judgement-blind*.yaml`` were written blind: from the sources, before their plans were
looked at, by someone who had not read the selection code. The first blind set was used to
find what to fix; the second and third were written afterwards, to measure. A new visit in a
file is a new test.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml

from clinic_prep.choose.selection import select
from clinic_prep.content.model import Bank
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY

DATA = Path(__file__).parents[1] / "data"
SETS = (
    "judgement.yaml",
    "judgement-blind.yaml",
    "judgement-blind-2.yaml",
    "judgement-blind-3.yaml",
    "judgement-blind-4.yaml",
    "judgement-blind-5.yaml",
    "judgement-blind-6.yaml",
    "judgement-blind-7.yaml",
    "judgement-blind-8.yaml",
    "judgement-blind-9.yaml",
    "judgement-blind-10.yaml",
)
VISITS: list[dict[str, Any]] = [
    visit for name in SETS for visit in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
]
# How many visits of each set a specialist would sign off today: a floor that only rises. The
# visits that still fail are the work list (see the failures this test prints).
SIGNED_OFF_AT_LEAST = {
    "judgement.yaml": 29,
    # Then, for every set: the themes the sources give each situation as must-haves (first
    # tests and a specialist referral at diagnosis, the handover summary and self-care skills
    # at transition, the chance for future children at genetics); "what did the scan show"
    # only where the scan is not given as recently done; wordings that take kidney disease
    # for granted need it declared (blind 39 -> 40, 2: 8 -> 9, 3: 11 -> 12, 4: 7 -> 9).
    # Then: "who links up care" only for the family doctor at diagnosis; the specialist
    # clinic's round-up leads there and its plan goes to local teams (a must-have); safe
    # painkillers wherever kidney disease is reviewed; at a yearly review or the specialist
    # clinic a declared system's own question may lead; a bladder question is not the
    # kidneys' own (blind 40 -> 44, 2: 9 -> 10, 4: 9 -> 10, 5: 9 -> 10).
    # Then: questions about an operation are not for a stay under a medical team (not_clinics);
    # sibling questions in the third person reach a relative reading for themselves; a check's
    # own question stands for the bank's question on that check (blind 44 -> 45, 4: 10 -> 12,
    # 5: 10 -> 11).
    # Then, for every set: first tests at diagnosis are among the three to ask first (a
    # first rule, not only a must-have), and a must-have leads only where what is known
    # about the person (a declared system, a genetic result) makes it theirs (45 -> 46).
    "judgement-blind.yaml": 46,
    # Written blind after the rules were tuned, to measure them. Each was then looked at for
    # general changes: set 2, that coverage takes a system's most important question; set 3,
    # that a check that may be due does not lead, and "checks due this year" is not asked at
    # a first visit (9 -> 10). Then, for both: a declared system that bears on a single
    # clinic brings a question of its own (the heart at the lung clinic), one baby-heart
    # question leads at another clinic, one overdue check per system leads, and hearing-loss
    # wordings need the loss declared (7 -> 8, 10 -> 11).
    # Later: the heart, where it is affected, keeps a question at every single clinic (an
    # interaction); "could the eye wobbling be part of the condition" only before a diagnosis;
    # an overdue check's own question may lead where the judge allows a question on that
    # check (10 -> 12).
    "judgement-blind-2.yaml": 12,
    "judgement-blind-3.yaml": 12,
    # Written blind after those changes: 6 of 16 when first measured. Then: an overdue heart
    # check is listed and asked first at any clinic (7), and "my partner" questions for a
    # relative wait until 16.
    # Then, for every set: in a hospital stay the stay's own questions come before the
    # everyday questions of the clinic in charge; sugar while fasting for an operation, ear
    # surgery care under the hearing team, and a sick-day plan for diabetes in hospital are
    # must-haves; sedation for tests is not for a stay under a medical team (4: 12 -> 14,
    # 5: 11 -> 12, 6: 8 -> 9); the eye-wobbling question only before a diagnosis (6: 10);
    # "at what age can a brother or sister choose carrier testing" only while they are
    # children (6: 11). Support at school or work, a theme of the facts for a new diagnosis
    # and each yearly review, is a must-have there and at the specialist clinic (4: 15).
    # Then, for every set: at a new diagnosis at a specialist's clinic for one part of the
    # body, that clinic's own questions lead (after the first tests) over who links up care
    # (4: 15 -> 16, 8: 10 -> 11).
    "judgement-blind-4.yaml": 16,
    # Written blind after the situation themes became must-haves: 9 of 16 when first measured.
    # Then: a whole-person visit's default list grows by a place for each declared system
    # beyond three, up to two (the handover summary kept at a crowded transition) (13).
    # Then, for every set: the mood check-in, a general question, belongs to whole-person
    # visits, not to every regular visit to a single clinic (13 -> 14).
    "judgement-blind-5.yaml": 14,
    # Written blind after all of the above: 4 of 16 when first measured. Then: a cochlear
    # implant is talked about from 8 and not for someone who has one; "my baby ... in the first
    # year" needs a baby under 1; a question serving two of the visit's clinics counts one
    # priority higher; the spine's effect on breathing at the lung clinic (an interaction that
    # prefers the clinic's own question) (4 -> 8).
    # Then, for every set: "could this be a chest infection" at the emergency department only
    # where the lungs are known to be affected, and in hospital or the emergency department
    # no question for every visit fills the list (11 -> 12).
    # Then, for every set: flu and pneumonia vaccines at a new diagnosis or transition only
    # where no specialist clinic frames the visit (12 -> 13).
    "judgement-blind-6.yaml": 13,
    # Written blind after all of the above: 9 of 16 when first measured (set 6 was 4 of 16).
    # Then the two changes above (10), and the vaccines change (11).
    "judgement-blind-7.yaml": 11,
    # Written blind after all of the above: 9 of 16 when first measured. Then the vaccines
    # change (10); "which checks are due this year" needs the diagnosis, and "will the parents
    # give a sample" is not asked once no gene change was found (premises, no count change);
    # a specialist's clinic leads a new diagnosis made there (11).
    "judgement-blind-8.yaml": 11,
    # Written blind after all of the above: 9 of 16 when first measured. Every visit that
    # fails, fails on the first three only (who links up care, or checks due this year, where
    # the judges wanted the clinic's or the situation's own). Then, for every set: "who will
    # link up care" and "which checks are due this year" are not asked at a visit named for
    # something else (a result, brothers and sisters, a pregnancy, a stay; and for the first,
    # a yearly review, when care is already linked up) (10).
    "judgement-blind-9.yaml": 10,
    # Written blind after all of the above: 7 of 16 when first measured. Then: the mood
    # check-in only at whole-person visits (9); a leading clinic's questions lead whatever
    # their priority (10); a yearly review at one specialist's clinic alone is led by that
    # clinic (11).
    "judgement-blind-10.yaml": 11,
}
KEYS = {
    "visit",
    "why",
    "profile",
    "top_from",
    "top_includes",
    "top_topics_include",
    "must",
    "must_not",
    "not_topics",
    "must_topics",
    "must_checks",
    "must_not_checks",
    "overdue_top",
}


def test_the_judgement_set_is_broad() -> None:
    assert len(VISITS) >= 60
    assert len({visit["visit"] for visit in VISITS}) == len(VISITS)
    for visit in VISITS:
        assert set(visit) <= KEYS, visit["visit"]
        tops = ("top_from", "top_includes", "top_topics_include")
        assert any(visit.get(key) for key in tops), visit["visit"]


def judge(visit: dict[str, Any], bank: Bank) -> None:
    """Raise AssertionError naming what a specialist would refuse in this visit's plan."""
    known = {item.question.id for item in bank.questions}
    known |= {f"check-{check.id}" for check in bank.checks}  # a check's own question
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
        # A check's own question may lead where a question the judge allows asks about that
        # check ("which heart tests are due": the overdue echo's own question).
        checks_of = {item.question.id: item.question.checks for item in bank.questions}
        allowed = [*allowed, *(f"check-{c}" for q in allowed for c in checks_of.get(q, []))]
        assert set(top) <= set(allowed), f"top three {top} not all from {allowed}"
    assert set(visit.get("top_includes", [])) <= set(top), f"top three {top}"
    # A list holds one question per check: where the family's date brings a check's own
    # question ("check-heart-mri"), it stands for the bank's question on that check alone.
    about_one_check = {
        item.question.id: f"check-{item.question.checks[0]}"
        for item in bank.questions
        if len(item.question.checks) == 1
    }
    asked = set(chosen) | {q for q, check in about_one_check.items() if check in chosen}
    assert not (missing := set(visit.get("must", [])) - asked), f"missing {missing}"
    assert not (wrong := set(visit.get("must_not", [])) & set(chosen)), f"chosen {wrong}"
    topics = {q.topic.id for q in plan.questions}
    assert not (off := set(visit.get("not_topics", [])) & topics), f"off-topic {off}"
    assert not (gone := set(visit.get("must_topics", [])) - topics), f"no question on {gone}"
    top_topics = {q.topic.id for q in plan.top}
    if wanted := visit.get("top_topics_include"):
        assert set(wanted) & top_topics, f"top three {top} touch none of {wanted}"
    listed = {due.check.id for due in plan.checks}
    assert not (unlisted := set(visit.get("must_checks", [])) - listed), f"unlisted {unlisted}"
    assert not (wrong_checks := set(visit.get("must_not_checks", [])) & listed), wrong_checks
    if visit.get("overdue_top"):
        assert any(q.id.startswith("check-") for q in plan.top), f"top three {top}"


@pytest.mark.parametrize("name", SETS)
def test_a_specialist_would_sign_off_these(name: str, bank: Bank) -> None:
    visits = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    refused = []
    for visit in visits:
        try:
            judge(visit, bank)
        except AssertionError as problem:
            refused.append(f"{visit['visit']}: {str(problem).splitlines()[0]}")
    signed = len(visits) - len(refused)
    print(f"{name}: {signed} of {len(visits)} signed off", *refused, sep="\n  ")
    assert signed >= SIGNED_OFF_AT_LEAST[name], "\n".join(refused)

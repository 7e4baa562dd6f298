"""Checks that may be due: the consensus schedule (``content/checks.yaml``) against the family's
own dates, worked out on the visit date.

Pure functions. A status never rests on a number the sources do not give: where they give no
interval the status is "ask"; where they differ (an echo every year, or every 6 to 12 months),
a check is "may be due" only once the longest interval has passed, and "ask" in between.
"""

import math
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clinic_prep.content.schema import Check
from clinic_prep.core.age import Age
from clinic_prep.core.last_done import LastDone
from clinic_prep.core.vocabulary import BodySystem, Clinic, Situation

# A yearly review or the specialist clinic looks at every check that fits the age; any other
# visit, at the checks its clinics do, and (where it looks at the whole person) the checks of
# every declared body system.
EVERY_CHECK_SITUATIONS = frozenset({Situation.ANNUAL_REVIEW})
EVERY_CHECK_CLINICS = frozenset({Clinic.MULTIDISCIPLINARY})


class CheckStatus(StrEnum):
    OVERDUE = "overdue"  # far past the usual interval (content/rules.yaml says how far)
    MAY_BE_DUE = "may-be-due"  # the usual interval has passed
    NOT_DUE_YET = "not-due-yet"
    NO_DATE = "no-date"  # the family gave no date
    ASK = "ask"  # no interval known, or the sources differ and the date falls between them
    AT_DIAGNOSIS = "at-diagnosis"  # no date given, and usually done at diagnosis


NOT_SURELY_DUE = frozenset({CheckStatus.NOT_DUE_YET, CheckStatus.ASK})

# Statuses that bring a check's own question to the list.
ASKED_ABOUT = frozenset({CheckStatus.OVERDUE, CheckStatus.MAY_BE_DUE})


@dataclass(frozen=True)
class DueCheck:
    """One check for this visit, with the family's date and what it means."""

    check: Check
    last_done: LastDone | None
    status: CheckStatus
    how_often: str  # as the sources give it for this person (a baby's may differ)

    def recently_done(self) -> bool:
        """The family gave a date and the check is not surely due (not due yet, or within the
        window where the sources differ): a result from this visit cannot be taken for granted,
        so "what did today's scan show" gives way to "is it due"."""
        return self.last_done is not None and self.status in NOT_SURELY_DUE


@dataclass(frozen=True)
class Visit:
    """What decides which checks a visit lists: who it is for and what it looks at."""

    clinics: frozenset[Clinic]
    situations: frozenset[Situation]
    involves: frozenset[BodySystem]
    age: Age | None
    whole_person: bool  # the visit looks at the whole person (content/rules.yaml)
    baseline: bool  # a visit at which the first checks are usually done (content/rules.yaml)
    required: frozenset[str]  # checks a rule asks for at this visit (a baby's heart scan)
    for_the_person: bool  # the pack is for the person with the condition, not a relative
    # Systems whose overdue checks are listed at any visit (content/rules.yaml: overdue).
    high_stakes: frozenset[BodySystem] = frozenset()


def fits_age(check: Check, age: Age | None) -> bool:
    """A check fits this age (or the age is not known)."""
    return check.age is None or age is None or check.age.min <= age.years <= check.age.max


def applies(check: Check, visit: Visit) -> bool:
    """A check applies at this age, to this visit: every check at a yearly or specialist review;
    the first checks at diagnosis; a declared system's checks where the whole person is looked
    at; checks a rule asks for; otherwise the checks of the clinics named."""
    if not visit.for_the_person or not fits_age(check, visit.age):
        return False
    return bool(
        EVERY_CHECK_SITUATIONS & visit.situations
        or EVERY_CHECK_CLINICS & visit.clinics
        or (visit.baseline and check.baseline)
        or (visit.whole_person and visit.involves.intersection(check.systems))
        or check.id in visit.required
        or visit.clinics.intersection(check.clinics)
    )


def status_on(
    check: Check, last: LastDone | None, visit_day: date, visit: Visit, overdue_times: float
) -> CheckStatus:
    """The status of ``check`` on the visit date, given when it was last done."""
    if last is None:
        # Before the diagnosis is made (tests under way) the first checks are listed too,
        # but "was it done at diagnosis" is for a diagnosis that has been made.
        diagnosed = Situation.NEWLY_DIAGNOSED in visit.situations
        at_diagnosis = visit.baseline and check.baseline and diagnosed
        return CheckStatus.AT_DIAGNOSIS if at_diagnosis else CheckStatus.NO_DATE
    if check.every_months is None or (is_baby(visit.age) and check.baby_how_often):
        return CheckStatus.ASK
    if visit_day >= last.plus_months(math.ceil(check.every_months.max * overdue_times)):
        return CheckStatus.OVERDUE
    if visit_day >= last.plus_months(check.every_months.max):
        return CheckStatus.MAY_BE_DUE
    if visit_day >= last.plus_months(check.every_months.min):
        return CheckStatus.ASK
    return CheckStatus.NOT_DUE_YET


def is_baby(age: Age | None) -> bool:
    """In the first year of life."""
    return age is not None and age.years < 1


def how_often_for(check: Check, age: Age | None) -> str:
    if is_baby(age) and check.baby_how_often:
        return check.baby_how_often
    return check.how_often


def due_checks(
    schedule: tuple[Check, ...],
    visit: Visit,
    last_checks: dict[str, LastDone],
    visit_day: date,
    overdue_times: float,
) -> tuple[DueCheck, ...]:
    """Every check that applies to this visit, in the schedule's order, with its status; a
    high-stakes check the family's date shows to be overdue is listed at any visit, because
    this may be the first clinic to hear of the gap, and so is any check whose date the family
    gave and whose usual interval has passed: they keep track of it, and a clinic that does
    not do it can still say who should."""
    listed = []
    for check in schedule:
        last = last_checks.get(check.id)
        status = status_on(check, last, visit_day, visit, overdue_times)
        urgent = (
            status is CheckStatus.OVERDUE
            and visit.for_the_person
            and fits_age(check, visit.age)
            and bool(visit.high_stakes.intersection(check.systems))
        )
        kept_track = (
            last is not None
            and status in (CheckStatus.MAY_BE_DUE, CheckStatus.OVERDUE)
            and visit.for_the_person
            and fits_age(check, visit.age)
        )
        if urgent or kept_track or applies(check, visit):
            listed.append(DueCheck(check, last, status, how_often_for(check, visit.age)))
    return tuple(listed)

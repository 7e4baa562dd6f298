"""Checks that may be due: the consensus schedule (``content/checks.yaml``) against the family's
own dates, worked out on the visit date.

Pure functions. A status never rests on a number the sources do not give: where they give no
interval the status is "ask"; where they differ (an echo every year, or every 6 to 12 months),
a check is "may be due" only once the longest interval has passed, and "ask" in between.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from clinic_prep.age import Age
from clinic_prep.content_schema import Check
from clinic_prep.vocabulary import Clinic, Situation

# A yearly review or the specialist clinic looks at every check that fits the age; any other
# visit, at the checks its clinics do.
EVERY_CHECK_SITUATIONS = frozenset({Situation.ANNUAL_REVIEW})
EVERY_CHECK_CLINICS = frozenset({Clinic.MULTIDISCIPLINARY})

_LAST_DONE = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$")
MONTH_NAMES = tuple(calendar.month_name)


class CheckStatus(StrEnum):
    MAY_BE_DUE = "may-be-due"  # the usual interval has passed
    NOT_DUE_YET = "not-due-yet"
    NO_DATE = "no-date"  # the family gave no date
    ASK = "ask"  # no interval known, or the sources differ and the date falls between them


@dataclass(frozen=True, order=True)
class LastDone:
    """When a check was last done: a day, or just a month ("2025-01")."""

    year: int
    month: int
    day: int | None = None

    def earliest(self) -> date:
        return date(self.year, self.month, self.day or 1)

    def plus_months(self, months: int) -> date:
        """The day ``months`` after this one (the 1st, for a month alone); a day past the end
        of the month falls back to its last day (29 February plus a year is 28 February)."""
        index = self.year * 12 + self.month - 1 + months
        year, month = divmod(index, 12)
        day = min(self.day or 1, calendar.monthrange(year, month + 1)[1])
        return date(year, month + 1, day)

    def for_file(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}"
        return f"{text}-{self.day:02d}" if self.day else text

    def in_words(self) -> str:
        """ "January 2025", or "15 January 2025" when the day is known."""
        month_year = f"{MONTH_NAMES[self.month]} {self.year}"
        return f"{self.day} {month_year}" if self.day else month_year

    def when_in_words(self) -> str:
        """ "in January 2025", or "on 15 January 2025"."""
        return f"{'on' if self.day else 'in'} {self.in_words()}"


def parse_last_done(value: Any) -> LastDone:
    """``2025-01-15``, ``2025-01`` or a date; anything else is refused with how to write it."""
    if isinstance(value, LastDone):
        return value
    if isinstance(value, date):
        return LastDone(value.year, value.month, value.day)
    found = _LAST_DONE.match(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError("write the date as YYYY-MM-DD, or YYYY-MM for a month")
    year, month = int(found[1]), int(found[2])
    day = int(found[3]) if found[3] else None
    try:
        date(year, month, day or 1)
    except ValueError:
        raise ValueError(f"{value} is not a real date") from None
    return LastDone(year, month, day)


@dataclass(frozen=True)
class DueCheck:
    """One check for this visit, with the family's date and what it means."""

    check: Check
    last_done: LastDone | None
    status: CheckStatus


def fits_age(check: Check, age: Age | None) -> bool:
    """A check fits this age (or the age is not known)."""
    return check.age is None or age is None or check.age.min <= age.years <= check.age.max


def applies(
    check: Check, clinics: list[Clinic], situations: list[Situation], age: Age | None
) -> bool:
    """A check applies at this age, and to this visit's clinics (every check, at a yearly or
    specialist review)."""
    if not fits_age(check, age):
        return False
    if EVERY_CHECK_SITUATIONS.intersection(situations) or EVERY_CHECK_CLINICS.intersection(clinics):
        return True
    return bool(set(check.clinics).intersection(clinics))


def status_on(check: Check, last: LastDone | None, visit: date) -> CheckStatus:
    """The status of ``check`` on the visit date, given when it was last done."""
    if last is None:
        return CheckStatus.NO_DATE
    if check.every_months is None:
        return CheckStatus.ASK
    if visit >= last.plus_months(check.every_months.max):
        return CheckStatus.MAY_BE_DUE
    if visit >= last.plus_months(check.every_months.min):
        return CheckStatus.ASK
    return CheckStatus.NOT_DUE_YET


def due_checks(
    schedule: tuple[Check, ...],
    clinics: list[Clinic],
    situations: list[Situation],
    age: Age | None,
    last_checks: dict[str, LastDone],
    visit: date,
) -> tuple[DueCheck, ...]:
    """Every check that applies to this visit, in the schedule's order, with its status."""
    return tuple(
        DueCheck(
            check, last_checks.get(check.id), status_on(check, last_checks.get(check.id), visit)
        )
        for check in schedule
        if applies(check, clinics, situations, age)
    )

"""When a check was last done, as a family writes it: a day, or just a month ("2025-01")."""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from clinic_prep.core.dates import plausible

_LAST_DONE = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$")
MONTH_NAMES = tuple(calendar.month_name)


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
        plausible(value.year)
        return LastDone(value.year, value.month, value.day)
    found = _LAST_DONE.match(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError("write the date as YYYY-MM-DD, or YYYY-MM for a month")
    year, month = int(found[1]), int(found[2])
    day = int(found[3]) if found[3] else None
    try:
        date(year, month, day or 1)
    except ValueError:
        raise ValueError("not a real date (check the month and the day)") from None
    plausible(year)
    return LastDone(year, month, day)

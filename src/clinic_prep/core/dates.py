"""Dates as people type them: ISO (YYYY-MM-DD) is accepted; any other form is refused with
how to write it ("use YYYY-MM-DD, the year first" for 30/05/2022), never repeating the date,
which may be a child's date of birth.
"""

import os
import re
from datetime import UTC, date, datetime
from typing import Any

from clinic_prep.core.errors import InputError

ISO_EXAMPLE = "2022-05-30"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YEAR_FIRST = re.compile(
    r"^(\d{4})\s*[/.\s]\s*(\d{1,2})\s*[/.\s]\s*(\d{1,2})$|^(\d{4})(\d{2})(\d{2})$"
)
_YEAR_LAST = re.compile(r"^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{4})$")


def today() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise InputError("SOURCE_DATE_EPOCH must be a whole number of seconds") from None
    return date.today()


# A date a person writes about themselves or their care falls in these years; anything outside
# is a typing slip (0001, 9999), and refusing it at the door keeps date arithmetic in range.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def plausible(year: int) -> None:
    """Refuse a year no one's care could be dated in."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValueError(
            f"that year cannot be right: use a year from {EARLIEST_YEAR} to {LATEST_YEAR}"
        )


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _meant(text: str) -> date | None:
    """The one date a non-ISO form can mean, or None when it could mean two (05/06/2022)."""
    if found := _YEAR_FIRST.match(text):
        year, month, day = (int(part) for part in found.groups() if part is not None)
        return _real(year, month, day)
    if found := _YEAR_LAST.match(text):
        first, second, year = (int(part) for part in found.groups())
        if first > 12 or first == second:  # 30/05/2022: day first
            return _real(year, second, first)
        if second > 12:  # 05/30/2022: month first, as in the US
            return _real(year, first, second)
    return None


def parse_date(value: Any) -> date:
    """A date from a date, a datetime (an Excel cell) or ISO text; anything else is refused
    with the ISO form to use."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        plausible(value.year)
        return value
    text = value.strip() if isinstance(value, str) else ""
    if found := _ISO.match(text):
        year, month, day = (int(part) for part in found.groups())
        if (real := _real(year, month, day)) is None:
            raise ValueError("not a real date (check the month and the day)")
        plausible(year)
        return real
    if _meant(text) is not None:
        # The date it stands for is clear, but never repeated: it may be a date of birth.
        raise ValueError(f"use YYYY-MM-DD, the year first, for example {ISO_EXAMPLE}")
    raise ValueError(f"use YYYY-MM-DD (year, month, day), for example {ISO_EXAMPLE}")

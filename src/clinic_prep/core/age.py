"""Ages as people say them: "7m" or "18 months" for a baby, a plain number for years.

Selection works in months so that a baby's pack can say "7 months" rather than "0 years";
question age bands in the bank stay in whole years, the way the sources give them.
"""

import re
from dataclasses import dataclass
from typing import Any

MAX_YEARS = 120
MONTHS_IN_WORDS_BELOW = 24  # under two, people count a baby's age in months
ADULT_YEARS = 18  # from here a pack's headings speak of work, not school or puberty

_AGE = re.compile(
    r"^\s*(?P<number>\d{1,4})\s*(?P<unit>m|mo|mos|month|months|y|yr|yrs|year|years)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class Age:
    """An age in whole months."""

    months: int

    @property
    def years(self) -> int:
        return self.months // 12

    def for_file(self) -> int | str:
        """How a profile file or spreadsheet cell writes it: years as a number, else "7m"."""
        return self.years if self.months % 12 == 0 else f"{self.months}m"

    def in_words(self) -> str:
        """How the pack prints it: "7 months", "18 months", "1 year", "4 years"."""
        if self.months < MONTHS_IN_WORDS_BELOW:
            return f"{self.months} {'month' if self.months == 1 else 'months'}"
        return f"{self.years} {'year' if self.years == 1 else 'years'}"


def parse_age(value: Any) -> Any:
    """A whole number of years, or text such as "7m", "18 months" or "4 years".

    Anything else is passed on unchanged for pydantic to reject with its usual message.
    """
    if isinstance(value, Age) or value is None:
        return value
    if isinstance(value, bool):
        raise ValueError("give an age such as 4 (years) or 7m (months)")
    if isinstance(value, int):
        months = value * 12
    elif isinstance(value, float) and value.is_integer():
        months = int(value) * 12
    elif isinstance(value, str) and (found := _AGE.match(value)):
        number = int(found["number"])
        months = number if (found["unit"] or "y").lower().startswith("m") else number * 12
    else:
        raise ValueError("give an age such as 4 (years) or 7m (months)")
    if not 0 <= months <= MAX_YEARS * 12:
        raise ValueError(f"must be between 0 and {MAX_YEARS} years")
    return Age(months)


def age_between(born: Any, on: Any) -> Age:
    """Whole months from ``born`` to ``on`` (both dates); a month counts once its day comes."""
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day:
        months -= 1
    return Age(max(0, months))

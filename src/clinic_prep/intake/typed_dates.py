"""A date and a result typed into one cell ("2026-11-03 normal", "3 November 2026: 4.1%"), as
the record sheets ask for them: the year first, or the day and month in words as the sheets
print them. A date written with numbers only in another order (03/11/2026) is not guessed:
it means 3 November in one country and 11 March in another."""

import re

from clinic_prep.core.last_done import MONTH_NAMES, LastDone, parse_last_done

_SEPARATORS = " \t:;,.-\u2013"  # an en dash too, as word processors type it
_YEAR_FIRST = re.compile(r"^(\d{4}-\d{1,2}(?:-\d{1,2})?)(?=$|[\s:;,.\u2013-])(.*)$", re.DOTALL)
_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES) if name}
_MONTHS |= {name[:3]: number for name, number in list(_MONTHS.items())}
_IN_WORDS = re.compile(
    r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s+(\d{4})(?=$|[\s:;,.\u2013-])(.*)$", re.DOTALL
)


def dated_text(text: str) -> tuple[LastDone, str | None] | None:
    """The date at the start of ``text`` and what follows it (None if nothing does), or None
    when the text does not start with a date."""
    text = text.strip()
    when: LastDone | None = None
    rest = ""
    if found := _YEAR_FIRST.match(text):
        try:
            when = parse_last_done(found[1])
        except ValueError:
            return None
        rest = found[2]
    elif (found := _IN_WORDS.match(text)) and (month := _MONTHS.get(found[2].lower())):
        day = f"-{int(found[1]):02d}" if found[1] else ""
        try:
            when = parse_last_done(f"{found[3]}-{month:02d}{day}")
        except ValueError:
            return None
        rest = found[4]
    if when is None:
        return None
    result = rest.strip(_SEPARATORS).strip()
    return when, result or None

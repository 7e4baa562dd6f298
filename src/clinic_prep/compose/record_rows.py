"""The rows a record sheet prints from the family's record, each with a key that says what it
holds, so that what is typed into its empty cells can be put back in the right entry.

Keys: ``entry:N:FIRST`` (entry N of the sheet's record list, whose first column was FIRST,
so a record changed since the pack was made is not mistaken), ``check:ID`` (a scheduled
check), ``label:TEXT`` (a row the sheet labels) and ``clinic`` (the clinic's own details).
"""

from collections.abc import Sequence

from pydantic import BaseModel

from clinic_prep.core.last_done import LastDone
from clinic_prep.intake.record import FamilyRecord, Result

PRINTED_APPOINTMENTS = 3  # the latest visits: enough to see what was decided last time
PHONE_OR_EMAIL = "phone_or_email"


def folded(text: str) -> str:
    """Lower case, each word without a final "s": "Eyes" matches "Eye clinic"."""
    return " ".join(word.removesuffix("s") for word in text.lower().split())


def cell_text(entry: BaseModel, key: str) -> str:
    """What one column shows of an entry: a date in words, the phone and email together."""
    if not key:
        return ""
    if key == PHONE_OR_EMAIL:
        parts = [getattr(entry, "phone", None), getattr(entry, "email", None)]
        return "; ".join(part for part in parts if part)
    value = getattr(entry, key, None)
    if isinstance(value, LastDone):
        return value.in_words()
    return "" if value is None else str(value)


def entry_row(entry: BaseModel, columns: Sequence[str]) -> tuple[str, ...]:
    return tuple(cell_text(entry, key) for key in columns)


def printed_entries(record: FamilyRecord, name: str) -> list[tuple[int, BaseModel]]:
    """The entries of a record list that a sheet prints, with their places in the list: the
    latest appointments, everything else whole. Every medicine, stopped or changed too: what
    is written under "Stopped or changed" may be a new dose of one still taken."""
    entries: list[tuple[int, BaseModel]] = list(enumerate(getattr(record, name)))
    if name == "appointments":
        latest = sorted(entries, key=lambda pair: getattr(pair[1], "date", None) or LastDone(1, 1))
        return sorted(latest[-PRINTED_APPOINTMENTS:], key=lambda pair: pair[0])
    return entries


def latest_result(results: Sequence[Result], check: str | None, test: str | None) -> str:
    """ "Last: 15 January 2023: normal" for the latest result of a check (or a named test)."""
    found = [
        result
        for result in results
        if (check is not None and result.check == check)
        or (test is not None and result.test is not None and folded(result.test) == folded(test))
    ]
    if not found:
        return ""
    last = max(found, key=lambda result: result.date)
    return f"Last: {last.date.in_words()}" + (f": {last.result}" if last.result else "")


def unlisted_tests(results: Sequence[Result], labels: Sequence[str]) -> list[str]:
    """Tests in the record that the sheet has no row for, each once, in the record's order."""
    listed = {folded(label) for label in labels}
    names = [result.test for result in results if result.test is not None]
    return list(dict.fromkeys(name for name in names if folded(name) not in listed))

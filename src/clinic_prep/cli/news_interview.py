"""The "anything new since last time?" interview: short prompts for what a family's record
gains between visits (medicines, allergies, results, appointments, people in the care team,
questions to carry), returned as new entries. It only asks and parses; the merge, the summary
and the writing are the library's and ``update``'s."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from clinic_prep.cli.choices import ask_optional, say, yes
from clinic_prep.content.schema import Check
from clinic_prep.core.dates import parse_date
from clinic_prep.core.last_done import parse_last_done

News = dict[str, list[dict[str, Any]]]
OTHER_TEST = "another test"


def _dated(question: str, parse: Callable[[str], Any]) -> str | None:
    """A date typed until it reads as one (or skipped)."""
    while answer := ask_optional(question):
        try:
            return str(parse(answer))
        except ValueError as problem:
            say(f"  {problem}.")
    return None


Entry = dict[str, Any]


def _repeated(first: str, again: str, one: Callable[[], Entry | None]) -> list[Entry]:
    """Entries asked for one at a time while the answer is yes."""
    entries: list[Entry] = []
    question = first
    while yes(question, False):
        entry = one()
        if entry:
            entries.append({key: value for key, value in entry.items() if value})
        question = again
    return entries


def _medicine() -> Entry | None:
    name = ask_optional("  Medicine")
    if not name:
        return None
    return {
        "name": name,
        "dose_and_when": ask_optional("  Dose and when"),
        "what_for": ask_optional("  What it is for"),
        "started": ask_optional("  Started (for example 2026-11)"),
        "stopped": ask_optional("  Stopped or changed (what and when)"),
    }


def _allergy() -> Entry | None:
    what = ask_optional("  Allergic to")
    if not what:
        return None
    return {"what": what, "reaction": ask_optional("  What happens")}


def _which_check(schedule: tuple[Check, ...]) -> Entry | None:
    """A check of the schedule by its number, or another test by name; None to skip."""
    for number, check in enumerate(schedule, start=1):
        say(f"  {number}. {check.name}")
    say(f"  {len(schedule) + 1}. {OTHER_TEST}")
    while answer := ask_optional("  Which? Type its number (or press Enter to skip)"):
        if answer.isdigit() and 1 <= int(answer) <= len(schedule):
            return {"check": schedule[int(answer) - 1].id}
        if answer == str(len(schedule) + 1):
            test = ask_optional("  Which test")
            return {"test": test} if test else None
        say(f"  Please type a number from 1 to {len(schedule) + 1}.")
    return None


def _result(schedule: tuple[Check, ...]) -> Entry | None:
    named = _which_check(schedule)
    if named is None:
        return None
    when = _dated("  When (2026-11, or 2026-11-03)", lambda text: parse_last_done(text).for_file())
    if not when:
        return None
    return {**named, "date": when, "result": ask_optional("  What it showed")}


def _appointment() -> Entry | None:
    when = _dated("  Date (2026-11-03)", lambda text: parse_date(text).isoformat())
    if not when:
        return None
    return {
        "date": when,
        "clinic": ask_optional("  Clinic"),
        "decided": ask_optional("  What was decided"),
        "next_visit": ask_optional("  Next visit"),
    }


def _team_member() -> Entry | None:
    role = ask_optional("  Role (for example Heart, or Specialist nurse)")
    if not role:
        return None
    return {
        "role": role,
        "name": ask_optional("  Name"),
        "phone": ask_optional("  Phone"),
        "email": ask_optional("  Email"),
    }


def ask_whats_new(schedule: tuple[Check, ...]) -> News:
    say("Anything new since last time? Answer y or n; press Enter to skip a question.")
    news: News = defaultdict(list)
    news["medicines"] = _repeated("Any new medicine, or a change to one?", "Another?", _medicine)
    news["allergies"] = _repeated("Any new allergy?", "Another?", _allergy)
    news["results"] = _repeated(
        "Any test results to write down?", "Another?", lambda: _result(schedule)
    )
    news["appointments"] = _repeated("Any visit to write down?", "Another?", _appointment)
    news["care_team"] = _repeated("Anyone new in the care team?", "Another?", _team_member)
    if yes("Any questions to carry to the next visit?", False):
        say("Type one a line; an empty line ends them.")
        while question := ask_optional("  Question"):
            news["carry_forward"].append({"question": question})
    return {name: entries for name, entries in news.items() if entries}

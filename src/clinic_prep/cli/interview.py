"""The guided interview: short prompts in the terminal, answers returned as profile fields.

It asks the main reason for the visit first, then who reads the pack, the clinics and the
person, then how the pack should look (paper size, large print, a fillable form) and what helps
communication; it says back what it understood from each list answer, and shows a summary to
confirm or change before anything is written. It only asks and parses; validation and
everything after it is the library's job.
"""

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from clinic_prep.choose.checks import Visit, applies
from clinic_prep.cli.choices import ask, ask_optional, choose_many, choose_one, say, yes
from clinic_prep.cli.interview_summary import Answers, contradictions, shown
from clinic_prep.content.schema import Check
from clinic_prep.core.age import parse_age
from clinic_prep.core.dates import parse_date
from clinic_prep.core.last_done import parse_last_done
from clinic_prep.core.vocabulary import (
    KINDS,
    SITUATION_LABELS,
    CommunicationNeed,
    PackSections,
    Reader,
    Situation,
)
from clinic_prep.intake.profile_fields import FIELDS

# Situations whose visit may come with a genetic result to describe.
ASK_RESULT_FOR = {Situation.RESULT_RECEIVED, Situation.NEWLY_DIAGNOSED}


def _prompt(field: str) -> str:
    """The question that asks for ``field``, as its description gives it."""
    prompt = FIELDS[field].prompt
    if prompt is None:
        raise ValueError(f"the interview does not ask for {field}")
    return prompt


def _optional_date(question: str) -> str | None:
    while True:
        answer = ask_optional(question)
        if answer is None:
            return None
        try:
            return parse_date(answer).isoformat()
        except ValueError as problem:
            say(f"Please {problem}.".replace("Please use", "Please type the date as"))


def _optional_age() -> str | None:
    while True:
        answer = ask_optional(_prompt("age"))
        if answer is None:
            return None
        try:
            return str(parse_age(answer).for_file())
        except ValueError:
            say("Please type an age such as 7 (years) or 7m (months).")


def _last_checks(schedule: tuple[Check, ...], answers: dict[str, Any]) -> dict[str, str]:
    """When the checks that apply to this visit were last done; any can be skipped."""
    age = parse_age(answers["age"]) if "age" in answers else None
    # Ask about the checks of the clinics and situation and of every declared body system: a
    # date the family knows is worth having even where this visit does not list the check.
    visit = Visit(
        clinics=frozenset(answers.get("clinics", [])),
        situations=frozenset(answers.get("situations", [])),
        involves=frozenset(answers.get("involves", [])),
        age=age,
        whole_person=True,
        baseline=False,
        required=frozenset(),
        for_the_person=answers.get("reader") != Reader.RELATIVE,
    )
    due = [check for check in schedule if applies(check, visit)]
    if not due or not yes("\n" + _prompt("last_checks"), False):
        return {}
    say("Type the month (2025-01) or the day (2025-01-15). Skip any you don't know.")
    dates: dict[str, str] = {}
    for check in due:
        while answer := ask_optional(f"  {check.name}"):
            try:
                dates[check.id] = parse_last_done(answer).for_file()
                break
            except ValueError as problem:
                say(f"  {problem}.")
    return dates


def _kind(field: str) -> type[StrEnum]:
    kind = FIELDS[field].values
    if kind is None:
        raise ValueError(f"{field} has no fixed list of values to choose from")
    return kind


def _one_of(field: str, default: int | None = None) -> Any:
    """One value from ``field``'s fixed list, asked with its prompt; Enter gives the
    ``default``-th (1-based) or, if None, skips."""
    kind = _kind(field)
    return choose_one(_prompt(field), list(kind), KINDS[kind].labels, default)


def _some_of(field: str, required: bool = False, leave_out: StrEnum | None = None) -> list[Any]:
    """Values from ``field``'s fixed list (but ``leave_out``), asked with its prompt."""
    kind = _kind(field)
    options = [value for value in kind if value is not leave_out]
    return choose_many(_prompt(field), options, KINDS[kind].labels, required)


# -- the steps, each asking one thing and able to be asked again from the summary --------------

OTHER_SITUATIONS = [s for s in Situation if s is not Situation.ROUTINE_VISIT]


def _set(answers: Answers, field: str, value: Any) -> None:
    """Record an answer; an empty one removes the field (so the profile's default applies)."""
    if value in (None, [], False, ""):
        answers.pop(field, None)
    else:
        answers[field] = value


def _ask_reason(answers: Answers, schedule: tuple[Check, ...]) -> None:
    situations = list(Situation)
    main = choose_one(
        _prompt("situations"), situations, SITUATION_LABELS, default=None, required=True
    )
    # The same list with the same numbers, so that "3" means the same thing in both.
    labels = {
        s: SITUATION_LABELS[s] + (" (your main reason)" if s is main else "") for s in situations
    }
    also = choose_many("Does anything else here fit too?", situations, labels, required=False)
    answers["situations"] = [main, *(s for s in also if s in OTHER_SITUATIONS and s is not main)]


def _ask_reader(answers: Answers, schedule: tuple[Check, ...]) -> None:
    answers["reader"] = _one_of("reader", default=1)


def _ask_name(answers: Answers, schedule: tuple[Check, ...]) -> None:
    whose = "Their" if answers.get("reader", Reader.PARENT) is Reader.PARENT else "Your"
    _set(answers, "first_name", ask_optional(_prompt("first_name").format(whose=whose)))


def _ask_clinics(answers: Answers, schedule: tuple[Check, ...]) -> None:
    regular = Situation.ROUTINE_VISIT in answers.get("situations", [])
    answers["clinics"] = _some_of("clinics", required=regular)


def _ask_result(answers: Answers, schedule: tuple[Check, ...]) -> None:
    if not ASK_RESULT_FOR.intersection(answers.get("situations", [])):
        answers.pop("genetic_result", None)
        return
    _set(answers, "genetic_result", _one_of("genetic_result"))


def _ask_age(answers: Answers, schedule: tuple[Check, ...]) -> None:
    _set(answers, "age", _optional_age())


def _ask_sex(answers: Answers, schedule: tuple[Check, ...]) -> None:
    _set(answers, "sex", _one_of("sex"))


def _ask_involves(answers: Answers, schedule: tuple[Check, ...]) -> None:
    answers["involves"] = _some_of("involves")


def _ask_visit_date(answers: Answers, schedule: tuple[Check, ...]) -> None:
    _set(answers, "visit_date", _optional_date(_prompt("visit_date")))


def _ask_last_checks(answers: Answers, schedule: tuple[Check, ...]) -> None:
    _set(answers, "last_checks", _last_checks(schedule, answers))


def _ask_paper(answers: Answers, schedule: tuple[Check, ...]) -> None:
    answers["paper"] = _one_of("paper", default=1)


def _ask_sections(answers: Answers, schedule: tuple[Check, ...]) -> None:
    chosen = _one_of("sections", default=1)
    _set(answers, "sections", None if chosen is PackSections.ALL else chosen)


def _ask_large_print(answers: Answers, schedule: tuple[Check, ...]) -> None:
    large = yes("\n" + _prompt("large_print"), default=False)
    _set(answers, "large_print", large)


def _ask_fillable(answers: Answers, schedule: tuple[Check, ...]) -> None:
    _set(answers, "fillable", yes("\n" + _prompt("fillable"), default=False))


def _ask_needs(answers: Answers, schedule: tuple[Check, ...]) -> None:
    # Large print was asked already: it is noted for the clinic when chosen, not asked again.
    needs = _some_of("communication_needs", leave_out=CommunicationNeed.LARGE_PRINT)
    large = [CommunicationNeed.LARGE_PRINT] if answers.get("large_print") else []
    _set(answers, "communication_needs", large + needs)


def _ask_own_questions(answers: Answers, schedule: tuple[Check, ...]) -> None:
    own: list[str] = []
    say("\nYou can add questions of your own. They are printed near the top of the pack.")
    while question := ask_optional(_prompt("own_questions")):
        own.append(question)
    _set(answers, "own_questions", own)


Step = Callable[[Answers, tuple[Check, ...]], None]


# The fields the summary shows, in the order they were asked, each with the steps that ask it
# again; its title is the field's label.
SUMMARY: list[tuple[str, tuple[Step, ...]]] = [
    ("situations", (_ask_reason, _ask_result)),
    ("reader", (_ask_reader,)),
    ("first_name", (_ask_name,)),
    ("clinics", (_ask_clinics,)),
    ("genetic_result", (_ask_result,)),
    ("age", (_ask_age,)),
    ("sex", (_ask_sex,)),
    ("involves", (_ask_involves,)),
    ("visit_date", (_ask_visit_date,)),
    ("last_checks", (_ask_last_checks,)),
    ("paper", (_ask_paper,)),
    ("sections", (_ask_sections,)),
    ("large_print", (_ask_large_print, _ask_needs)),
    ("fillable", (_ask_fillable,)),
    ("communication_needs", (_ask_needs,)),
    ("own_questions", (_ask_own_questions,)),
]

# The steps that ask each field again (a date of birth is given as the age).
ASKED_BY: dict[str, tuple[Step, ...]] = {**dict(SUMMARY), "date_of_birth": (_ask_age,)}

STEPS: tuple[Step, ...] = (
    _ask_reason,
    _ask_reader,
    _ask_name,
    _ask_clinics,
    _ask_result,
    _ask_age,
    _ask_sex,
    _ask_involves,
    _ask_visit_date,
    _ask_last_checks,
    _ask_paper,
    _ask_sections,
    _ask_large_print,
    _ask_fillable,
    _ask_needs,
    _ask_own_questions,
)


def _confirm(answers: Answers, schedule: tuple[Check, ...]) -> None:
    """Show the answers in words; ask again any line the person wants to change."""
    while True:
        say("\nHere is what you told me:")
        for number, (name, _steps) in enumerate(SUMMARY, start=1):
            say(f"  {number:>2}. {FIELDS[name].label}: {shown(name, answers)}")
        answer = ask(
            "Press Enter to make the pack, or type the number of a line to change it",
            default="",
            show_default=False,
        ).strip()
        if not answer and not (problems := contradictions(answers)):
            return
        if not answer:  # answers that cannot both be true: ask again the ones behind them
            for field, reason in problems:
                say(f"That does not fit: {FIELDS[field].label}: {reason}.")
            for step in dict.fromkeys(s for f, _ in problems for s in ASKED_BY.get(f, ())):
                step(answers, schedule)
            continue
        if not answer.isdigit() or not 1 <= int(answer) <= len(SUMMARY):
            say(f"Please type a number from 1 to {len(SUMMARY)}, or press Enter.")
            continue
        for step in SUMMARY[int(answer) - 1][1]:
            step(answers, schedule)


def run_interview(schedule: tuple[Check, ...] = ()) -> dict[str, Any]:
    """Ask the questions, show a summary to confirm or change, and return the answers as
    profile fields. ``schedule`` is the bank's list of regular checks, to ask when the ones
    that apply were last done."""
    say("Let's get your clinic pack ready. Press Enter to skip anything optional.")
    answers: Answers = {}
    for step in STEPS:
        step(answers, schedule)
    _confirm(answers, schedule)
    return answers


def offer_to_save() -> str | None:
    """Ask whether to save the answers; returns the file name, or None."""
    if not yes("\nSave these answers in a profile file for next time?", default=False):
        return None
    name: str = ask("File name", default="clinic-prep-profile.yaml")
    return name

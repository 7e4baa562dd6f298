"""The guided interview: short prompts in the terminal, answers returned as profile fields.

It only asks and parses; validation and everything after it is the library's job.
"""

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

import typer

from clinic_prep.age import parse_age
from clinic_prep.checks import applies, parse_last_done
from clinic_prep.content_schema import Check
from clinic_prep.vocabulary import (
    BODY_SYSTEM_LABELS,
    CLINIC_LABELS,
    COMMUNICATION_LABELS,
    GENETIC_RESULT_LABELS,
    READER_LABELS,
    SEX_LABELS,
    SITUATION_LABELS,
    BodySystem,
    Clinic,
    CommunicationNeed,
    GeneticResult,
    Reader,
    Sex,
    Situation,
)

# Situations whose visit may come with a genetic result to describe.
ASK_RESULT_FOR = {Situation.RESULT_RECEIVED, Situation.NEWLY_DIAGNOSED}

ChoiceT = TypeVar("ChoiceT", bound=StrEnum)


# Prompts go to standard error, so that a pack written to standard output stays clean.
def _say(message: str) -> None:
    typer.echo(message, err=True)


def _ask(text: str, **options: Any) -> str:
    answer: str = typer.prompt(text, err=True, **options)
    return answer


def _yes(text: str, default: bool) -> bool:
    return typer.confirm(text, default=default, err=True)


def parse_numbers(answer: str, count: int) -> list[int] | None:
    """``"1, 3 4"`` -> ``[1, 3, 4]`` (1-based); None if anything is not a listed number."""
    parts = answer.replace(",", " ").split()
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return None
    if any(not 1 <= number <= count for number in numbers):
        return None
    return list(dict.fromkeys(numbers))


def _choose_many(
    question: str, options: Sequence[ChoiceT], labels: dict[ChoiceT, str], required: bool
) -> list[ChoiceT]:
    _say(f"\n{question}")
    for number, option in enumerate(options, start=1):
        _say(f"  {number:>2}. {labels[option]}")
    hint = "Type the numbers that apply, separated by commas"
    hint += "" if required else " (or press Enter to skip)"
    while True:
        answer = _ask(hint, default="" if not required else None, show_default=False)
        numbers = parse_numbers(answer, len(options))
        if numbers is None:
            _say(f"Please type numbers from 1 to {len(options)}.")
        elif required and not numbers:
            _say("Please choose at least one.")
        else:
            return [options[number - 1] for number in numbers]


def _choose_one(
    question: str, options: Sequence[ChoiceT], labels: dict[ChoiceT, str], default: int | None
) -> ChoiceT | None:
    """One numbered choice; Enter gives ``default`` (a 1-based number) or, if None, skips."""
    _say(f"\n{question}")
    for number, option in enumerate(options, start=1):
        _say(f"  {number:>2}. {labels[option]}")
    hint = f"Type a number from 1 to {len(options)}"
    hint += " (or press Enter to skip)" if default is None else ""
    while True:
        answer = _ask(
            hint, default=str(default) if default else "", show_default=default is not None
        )
        if not answer.strip() and default is None:
            return None
        numbers = parse_numbers(answer, len(options))
        if numbers is not None and len(numbers) == 1:
            return options[numbers[0] - 1]
        _say(f"Please type one number from 1 to {len(options)}.")


def _optional(question: str) -> str | None:
    answer: str = _ask(question, default="", show_default=False)
    return answer.strip() or None


def _optional_date(question: str) -> str | None:
    while True:
        answer = _optional(question)
        if answer is None:
            return None
        try:
            date.fromisoformat(answer)
            return answer
        except ValueError:
            _say("Please type the date as year-month-day, for example 2026-12-03.")


def _optional_age() -> str | None:
    while True:
        answer = _optional("Age in years, or in months for a baby such as 7m (or press Enter)")
        if answer is None:
            return None
        try:
            return str(parse_age(answer).for_file())
        except ValueError:
            _say("Please type an age such as 7 (years) or 7m (months).")


def _last_checks(schedule: tuple[Check, ...], answers: dict[str, Any]) -> dict[str, str]:
    """When the checks that apply to this visit were last done; any can be skipped."""
    age = parse_age(answers["age"]) if "age" in answers else None
    due = [c for c in schedule if applies(c, answers["clinics"], answers["situations"], age)]
    if not due or not _yes("\nDo you know when some regular checks were last done?", False):
        return {}
    _say("Type the month (2025-01) or the day (2025-01-15). Skip any you don't know.")
    dates: dict[str, str] = {}
    for check in due:
        while answer := _optional(f"  {check.name}"):
            try:
                dates[check.id] = parse_last_done(answer).for_file()
                break
            except ValueError as problem:
                _say(f"  {problem}.")
    return dates


def run_interview(schedule: tuple[Check, ...] = ()) -> dict[str, Any]:
    """Ask the questions and return the answers as profile fields. ``schedule`` is the bank's
    list of regular checks, to ask when the ones that apply were last done."""
    _say("Let's get your clinic pack ready. Press Enter to skip anything optional.")
    reader = _choose_one("Who will read this pack?", list(Reader), READER_LABELS, default=1)
    assert reader is not None  # a default was given
    answers: dict[str, Any] = {"reader": reader}
    whose = "Their" if reader is Reader.PARENT else "Your"
    if name := _optional(f"{whose} first name, to print on the pack (optional)"):
        answers["first_name"] = name
    answers["clinics"] = _choose_many(
        "Which clinics is the visit with?", list(Clinic), CLINIC_LABELS, required=False
    )
    situations = [s for s in Situation if s is not Situation.ROUTINE_VISIT]
    answers["situations"] = _choose_many(
        "Which of these fit your situation?"
        + (" (Press Enter if this is a regular visit.)" if answers["clinics"] else ""),
        situations,
        SITUATION_LABELS,
        required=not answers["clinics"],
    )
    if ASK_RESULT_FOR.intersection(answers["situations"]):
        result = _choose_one(
            "What did the genetic test find?", list(GeneticResult), GENETIC_RESULT_LABELS, None
        )
        if result is not None:
            answers["genetic_result"] = result
    if (age := _optional_age()) is not None:
        answers["age"] = age
    sex = _choose_one(
        "Sex (optional: a few questions differ for girls and boys)", list(Sex), SEX_LABELS, None
    )
    if sex is not None:
        answers["sex"] = sex
    answers["involves"] = _choose_many(
        "Which parts of the body are affected so far?",
        list(BodySystem),
        BODY_SYSTEM_LABELS,
        required=False,
    )
    if visit := _optional_date("Visit date, as year-month-day (optional)"):
        answers["visit_date"] = visit
    if last_checks := _last_checks(schedule, answers):
        answers["last_checks"] = last_checks
    if _yes("\nWould you like large print (18 point text)?", default=False):
        answers["large_print"] = True
    needs = _choose_many(
        "Is there anything that helps with communication at the clinic?",
        list(CommunicationNeed),
        COMMUNICATION_LABELS,
        required=False,
    )
    if needs:
        answers["communication_needs"] = needs
    own: list[str] = []
    _say("\nYou can add questions of your own. They are printed near the top of the pack.")
    while question := _optional("Your question (or press Enter to finish)"):
        own.append(question)
    if own:
        answers["own_questions"] = own
    return answers


def offer_to_save() -> str | None:
    """Ask whether to save the answers; returns the file name, or None."""
    if not _yes("\nSave these answers in a profile file for next time?", default=False):
        return None
    name: str = _ask("File name", default="clinic-prep-profile.yaml")
    return name

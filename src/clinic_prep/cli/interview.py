"""The guided interview: short prompts in the terminal, answers returned as profile fields.

It only asks and parses; validation and everything after it is the library's job.
"""

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

import typer

from clinic_prep.vocabulary import (
    BODY_SYSTEM_LABELS,
    CLINIC_LABELS,
    COMMUNICATION_LABELS,
    SITUATION_LABELS,
    BodySystem,
    Clinic,
    CommunicationNeed,
    Reader,
    Situation,
)

ChoiceT = TypeVar("ChoiceT", bound=StrEnum)


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
    typer.echo(f"\n{question}")
    for number, option in enumerate(options, start=1):
        typer.echo(f"  {number:>2}. {labels[option]}")
    hint = "Type the numbers that apply, separated by commas"
    hint += "" if required else " (or press Enter to skip)"
    while True:
        answer = typer.prompt(hint, default="" if not required else None, show_default=False)
        numbers = parse_numbers(answer, len(options))
        if numbers is None:
            typer.echo(f"Please type numbers from 1 to {len(options)}.")
        elif required and not numbers:
            typer.echo("Please choose at least one.")
        else:
            return [options[number - 1] for number in numbers]


def _optional(question: str) -> str | None:
    answer: str = typer.prompt(question, default="", show_default=False)
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
            typer.echo("Please type the date as year-month-day, for example 2026-12-03.")


def _optional_age() -> int | None:
    while True:
        answer = _optional("Age in years (or press Enter to skip)")
        if answer is None:
            return None
        if answer.isdigit() and int(answer) <= 120:
            return int(answer)
        typer.echo("Please type a whole number of years, for example 7.")


def run_interview() -> dict[str, Any]:
    """Ask the questions and return the answers as profile fields."""
    typer.echo("Let's get your clinic pack ready. Press Enter to skip anything optional.")
    typer.echo("\nWho will read this pack?\n   1. A parent or carer\n   2. The person themselves")
    while (reader_answer := typer.prompt("Type 1 or 2", default="1")) not in ("1", "2"):
        typer.echo("Please type 1 or 2.")
    reader = Reader.PARENT if reader_answer == "1" else Reader.SELF
    answers: dict[str, Any] = {"reader": reader}
    whose = "Your" if reader is Reader.SELF else "Their"
    if name := _optional(f"{whose} first name, to print on the pack (optional)"):
        answers["first_name"] = name
    answers["situations"] = _choose_many(
        "Which of these fit your situation?", list(Situation), SITUATION_LABELS, required=True
    )
    answers["clinics"] = _choose_many(
        "Which clinics is the visit with?", list(Clinic), CLINIC_LABELS, required=False
    )
    if (age := _optional_age()) is not None:
        answers["age"] = age
    answers["involves"] = _choose_many(
        "Which parts of the body are affected so far?",
        list(BodySystem),
        BODY_SYSTEM_LABELS,
        required=False,
    )
    if visit := _optional_date("Visit date, as year-month-day (optional)"):
        answers["visit_date"] = visit
    if typer.confirm("\nWould you like large print (18 point text)?", default=False):
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
    typer.echo("\nYou can add questions of your own. They are printed near the top of the pack.")
    while question := _optional("Your question (or press Enter to finish)"):
        own.append(question)
    if own:
        answers["own_questions"] = own
    return answers


def offer_to_save() -> str | None:
    """Ask whether to save the answers; returns the file name, or None."""
    if not typer.confirm("\nSave these answers in a profile file for next time?", default=False):
        return None
    name: str = typer.prompt("File name", default="clinic-prep-profile.yaml")
    return name

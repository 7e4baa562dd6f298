"""Asking in the terminal: a line of text, yes or no, and numbered choices from a list that
take numbers or names and say back what they understood."""

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeVar

import typer

from clinic_prep.core.vocabulary import match

ChoiceT = TypeVar("ChoiceT", bound=StrEnum)


# Prompts go to standard error, so that a pack written to standard output stays clean.
def say(message: str) -> None:
    typer.echo(message, err=True)


def ask(text: str, **options: Any) -> str:
    answer: str = typer.prompt(text, err=True, **options)
    return answer


def ask_optional(question: str) -> str | None:
    """An answer that may be skipped with Enter (None)."""
    answer = ask(question, default="", show_default=False)
    return answer.strip() or None


def yes(text: str, default: bool) -> bool:
    return typer.confirm(text, default=default, err=True)


def parse_choices(answer: str, options: Sequence[ChoiceT]) -> list[ChoiceT] | None:
    """``"1, 3 4"`` or ``"heart, eyes"`` -> the options they name, in order, without repeats;
    None if any part names no listed option. Numbers are 1-based; words are matched as in a
    profile (any case or spacing, or the printed label)."""
    chosen: list[ChoiceT] = []
    for part in re.split(r"[,;|]|\s+(?=\d)|(?<=\d)\s+", answer):
        if not part.strip():
            continue
        if part.strip().isdigit():
            number = int(part)
            if not 1 <= number <= len(options):
                return None
            chosen.append(options[number - 1])
            continue
        try:
            found = match(type(options[0]), part)
        except ValueError:
            return None
        if found not in options:
            return None
        chosen.append(found)
    return list(dict.fromkeys(chosen))


def _list_options(question: str, options: Sequence[ChoiceT], labels: Mapping[ChoiceT, str]) -> None:
    say(f"\n{question}")
    for number, option in enumerate(options, start=1):
        say(f"  {number:>2}. {labels[option]}")


def choose_many(
    question: str, options: Sequence[ChoiceT], labels: Mapping[ChoiceT, str], required: bool
) -> list[ChoiceT]:
    """Several numbered choices; what was understood is said back."""
    _list_options(question, options, labels)
    hint = "Type the numbers that apply, such as 1, 3"
    hint += "" if required else " (or press Enter to skip)"
    while True:
        answer = ask(hint, default="" if not required else None, show_default=False)
        chosen = parse_choices(answer, options)
        if chosen is None:
            say(f"Please type numbers from 1 to {len(options)}, with commas between them.")
        elif required and not chosen:
            say("Please choose at least one.")
        else:
            if chosen:
                say("You chose: " + "; ".join(labels[option] for option in chosen) + ".")
            return chosen


def choose_one(
    question: str,
    options: Sequence[ChoiceT],
    labels: Mapping[ChoiceT, str],
    default: int | None,
    required: bool = False,
) -> ChoiceT | None:
    """One numbered choice; Enter gives ``default`` (a 1-based number) or, if None, skips,
    unless an answer is ``required`` (then Enter is never offered as a way to skip)."""
    _list_options(question, options, labels)
    hint = f"Type a number from 1 to {len(options)}"
    hint += " (or press Enter to skip)" if default is None and not required else ""
    while True:
        answer = ask(
            hint, default=str(default) if default else "", show_default=default is not None
        )
        if not answer.strip() and default is None and not required:
            return None
        chosen = parse_choices(answer, options)
        if chosen is not None and len(chosen) == 1:
            return chosen[0]
        say(f"Please type one number from 1 to {len(options)}.")

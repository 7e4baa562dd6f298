"""Each profile field described once: what it holds, and how people give it.

A field reaches a profile four ways: a profile file (by its name), a command-line flag, a
spreadsheet column and the guided interview. The flags' help, the spreadsheet's columns, aliases,
notes and dropdowns, the flag named in an error and the interview's prompts are all made from
the descriptions here, so a new field is added here and in ``Profile`` and nowhere else except
where its value is used.

This module imports only the vocabulary: ``--help`` reads it, and must start fast.
"""

from enum import Enum, StrEnum
from typing import NamedTuple

from clinic_prep.core.vocabulary import (
    BodySystem,
    Clinic,
    CommunicationNeed,
    GeneticResult,
    PackSections,
    Paper,
    Reader,
    Sex,
    Situation,
    allowed_values,
)

DEFAULT_MAX_QUESTIONS = 15


class Shape(Enum):
    """How many values a field takes, which decides how a flag or a cell gives them."""

    ONE = "one"  # a single value
    SEVERAL = "several"  # a list: a repeated flag, or a cell with ; between values
    YES_NO = "yes-no"  # an on/off flag, or a yes/no cell
    PAIRS = "pairs"  # check=date pairs: a repeated flag, or a cell with ; between pairs


# A NamedTuple rather than a dataclass: --help builds these on every start, and a named tuple
# class is made several times faster.
class ProfileField(NamedTuple):
    """One profile field as people meet it.

    ``description`` says what the field holds, in words that read well both in ``--help`` and
    on the template's ``columns`` sheet; ``on_the_command_line`` and ``in_a_cell`` add what only
    one of them needs (a flag overrides a file; a cell may be a date cell).
    """

    name: str  # the key in a profile file, the column's name and the flag's parameter
    label: str  # a short title, as the interview's summary shows the answer
    description: str
    flags: tuple[str, ...]  # the long flag first: errors about a flag's value name it
    metavar: str | None = None  # None for a yes/no flag
    shape: Shape = Shape.ONE
    values: type[StrEnum] | None = None  # a fixed list: validated, listed in help, a dropdown
    list_values_in_help: bool = True  # False when the description explains each value itself
    free_text: bool = False  # typed by the family and printed: checked for printable characters
    on_the_command_line: str = ""
    in_a_cell: str = ""
    example: str = ""  # the template's example cell, and the tests' value for the field
    aliases: tuple[str, ...] = ()  # other column names a spreadsheet may use
    prompt: str | None = None  # the interview's question; None when the interview never asks
    flag_type: type[str] | type[int] = str  # int: the flag parser refuses what is not a number

    @property
    def flag(self) -> str:
        return self.flags[0]

    @property
    def several(self) -> bool:
        """A repeated flag gives several values, so the flag takes a list."""
        return self.shape in (Shape.SEVERAL, Shape.PAIRS)

    @property
    def help(self) -> str:
        """The flag's help."""
        parts = [self.description, self.on_the_command_line]
        if self.several:
            parts.append("Repeat for more.")
        if self.values is not None and self.list_values_in_help:
            parts.append(f"One of: {allowed_values(self.values)}.")
        return " ".join(part for part in parts if part)

    @property
    def note(self) -> str:
        """What the template's ``columns`` sheet says the column holds."""
        return " ".join(part for part in (self.description, self.in_a_cell) if part)

    @property
    def column_values(self) -> str:
        """The values a cell may hold, as the template lists them ("" when free)."""
        if self.values is not None:
            return allowed_values(self.values)
        return "yes, no" if self.shape is Shape.YES_NO else ""


# In the order of ``Profile``, which is also the order of the template's columns.
PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "situations",
        "Reason for the visit",
        "Why the person comes, the main reason first.",
        ("--situation", "-s"),
        "SITUATION",
        Shape.SEVERAL,
        Situation,
        on_the_command_line="Leave it out for a regular clinic visit.",
        in_a_cell="Leave it empty for a regular visit.",
        example="awaiting-result; siblings",
        aliases=("situation",),
        prompt="What is the main reason for this visit?",
    ),
    ProfileField(
        "clinics",
        "Clinics",
        "The clinics the visit is with; alone, they mean a regular visit.",
        ("--clinic", "-c"),
        "CLINIC",
        Shape.SEVERAL,
        Clinic,
        example="genetics",
        aliases=("clinic",),
        prompt="Which clinics is the visit with?",
    ),
    ProfileField(
        "age",
        "Age",
        "Age in years (4), or in months for a baby (7m).",
        ("--age",),
        "AGE",
        on_the_command_line="Overrides a profile's date_of_birth.",
        in_a_cell="Or give date_of_birth.",
        example="4",
        prompt="Age in years, or in months for a baby such as 7m (or press Enter)",
    ),
    ProfileField(
        "date_of_birth",
        "Date of birth",
        "Date of birth, as YYYY-MM-DD, for example 2022-05-30.",
        ("--dob",),
        "YYYY-MM-DD",
        on_the_command_line="Overrides a profile's age.",
        in_a_cell="Or a date cell. Or give age.",
        example="2022-05-30",
        aliases=("dob",),
    ),
    ProfileField(
        "sex",
        "Sex",
        "Optional: for the few questions that differ for girls or boys.",
        ("--sex",),
        "SEX",
        values=Sex,
        example="female",
        prompt="Sex (optional: a few questions differ for girls and boys)",
    ),
    ProfileField(
        "involves",
        "Parts of the body",
        "The parts of the body affected so far.",
        ("--involves", "-i"),
        "PART",
        Shape.SEVERAL,
        BodySystem,
        example="vision; hearing",
        prompt="Which parts of the body are affected so far?",
    ),
    ProfileField(
        "reader",
        "Who reads the pack",
        'Who reads the pack: parent ("my child"), self ("I"), or relative: a brother, sister '
        "or other relative asking for themselves.",
        ("--reader",),
        "READER",
        values=Reader,
        list_values_in_help=False,
        in_a_cell="Parent if empty.",
        example="parent",
        prompt="Who will read this pack?",
    ),
    ProfileField(
        "genetic_result",
        "Genetic result",
        "What the genetic test found, once it is back: confirmed (two changes), uncertain "
        "(a VUS), one-change or none-found.",
        ("--result",),
        "RESULT",
        values=GeneticResult,
        list_values_in_help=False,
        example="confirmed",
        aliases=("result",),
        prompt="What did the genetic test find?",
    ),
    ProfileField(
        "last_checks",
        "Checks with dates",
        "When regular checks were last done, as check=YYYY-MM-DD or check=YYYY-MM "
        "(for example echo=2025-01-15).",
        ("--last-check",),
        "CHECK=DATE",
        Shape.PAIRS,
        in_a_cell="Put ; between several.",
        example="echo=2025-01-15; ecg=2026-11",
        prompt="Do you know when some regular checks were last done?",
    ),
    ProfileField(
        "first_name",
        "First name",
        "First name to print on the pack; never used in file names.",
        ("--name",),
        "NAME",
        free_text=True,
        in_a_cell="Optional.",
        example="Sam",
        aliases=("name",),
        prompt="{whose} first name, to print on the pack (optional)",
    ),
    ProfileField(
        "visit_date",
        "Visit date",
        "Visit date, as YYYY-MM-DD, for example 2026-12-10.",
        ("--visit-date",),
        "YYYY-MM-DD",
        in_a_cell="Or a date cell.",
        example="2026-12-10",
        prompt="Visit date, as YYYY-MM-DD (optional)",
    ),
    ProfileField(
        "own_questions",
        "Your own questions",
        "The family's own questions, printed near the top of the pack.",
        ("--ask",),
        "QUESTION",
        Shape.SEVERAL,
        free_text=True,
        in_a_cell="Separate them with ; or | (commas stay in a question).",
        example="Should his brother have an eye check now?",
        aliases=("questions",),
        prompt="Your question (or press Enter to finish)",
    ),
    ProfileField(
        "paper",
        "Paper size",
        "Paper size (a4 if not given).",
        ("--paper",),
        "SIZE",
        values=Paper,
        example="a4",
        prompt="Paper size",
    ),
    ProfileField(
        "sections",
        "Parts of the pack",
        "Which parts to make: all (the questions and the record sheets), questions (the "
        "questions only, for a family whose sheets are already in a folder) or sheets (the "
        "record sheets only).",
        ("--sections",),
        "PARTS",
        values=PackSections,
        list_values_in_help=False,
        example="questions",
        aliases=("parts",),
        prompt="Which parts of the pack would you like?",
    ),
    ProfileField(
        "large_print",
        "Large print",
        "Large print: 18 point text and bigger spaces.",
        ("--large-print",),
        shape=Shape.YES_NO,
        example="no",
        prompt="Would you like large print (18 point text)?",
    ),
    ProfileField(
        "fillable",
        "Form to type into",
        "A PDF form with fields for typing answers in a PDF viewer.",
        ("--fillable",),
        shape=Shape.YES_NO,
        example="no",
        prompt="Would you like a form to type answers into on a computer (a fillable PDF)?",
    ),
    ProfileField(
        "communication_needs",
        "Communication needs",
        "What helps the person communicate, printed first.",
        ("--needs",),
        "NEED",
        Shape.SEVERAL,
        CommunicationNeed,
        example="hearing-loop",
        aliases=("needs",),
        prompt="Is there anything that helps with communication at the clinic?",
    ),
    ProfileField(
        "communication_notes",
        "Note on communication",
        "A short note on what helps communication.",
        ("--needs-note",),
        "TEXT",
        free_text=True,
        example="Please face me when you speak.",
    ),
    ProfileField(
        "max_questions",
        "Most questions",
        f"Most questions to include ({DEFAULT_MAX_QUESTIONS} if not given: fewer when few "
        "questions serve the visit, a few more when many body systems are involved).",
        ("--max-questions", "-n"),
        "N",
        example="12",
        flag_type=int,
    ),
    ProfileField(
        "all_questions",
        "Every question",
        "Include every question that fits.",
        ("--all",),
        shape=Shape.YES_NO,
        example="no",
    ),
)

FIELDS: dict[str, ProfileField] = {field.name: field for field in PROFILE_FIELDS}


def names_where(*, shape: Shape | None = None, free_text: bool | None = None) -> tuple[str, ...]:
    """The names of the fields of a shape, or of free text (or not), in the profile's order."""
    return tuple(
        field.name
        for field in PROFILE_FIELDS
        if (shape is None or field.shape is shape)
        and (free_text is None or field.free_text is free_text)
    )

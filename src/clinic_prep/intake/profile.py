"""The family's situation: the single validated input every output is made from."""

import difflib
import functools
import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from clinic_prep.core.age import MAX_YEARS, Age, age_between, parse_age
from clinic_prep.core.dates import parse_date, today
from clinic_prep.core.last_done import LastDone, parse_last_done
from clinic_prep.core.text import clean_text
from clinic_prep.core.vocabulary import (
    CONFIRMED_SITUATIONS,
    NOT_YET_CONFIRMED_SITUATIONS,
    BodySystem,
    Clinic,
    CommunicationNeed,
    Diagnosis,
    GeneticResult,
    PackSections,
    Paper,
    Reader,
    Sex,
    Situation,
    match,
)
from clinic_prep.intake.profile_fields import Shape, names_where

MAX_NAME_LENGTH = 60
MAX_OWN_QUESTION_LENGTH = 300
MAX_OWN_QUESTIONS = 20

FirstName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH)
]
MAX_NOTE_LENGTH = 300
Note = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NOTE_LENGTH)
]
AgeField = Annotated[
    Age,
    BeforeValidator(parse_age),
    PlainSerializer(lambda age: age.for_file(), return_type=int | str),
]
LastDoneField = Annotated[
    LastDone,
    BeforeValidator(parse_last_done),
    PlainSerializer(lambda last: last.for_file(), return_type=str),
]


@functools.cache
def scheduled_check_ids() -> list[str]:
    """The ids of the shipped schedule's checks, in its order."""
    from clinic_prep.content.bank import load_bank  # the bank, only when a check is named
    from clinic_prep.core.resources import content_dir

    return [check.id for check in load_bank(content_dir()).checks]


def known_check_id(written: object) -> str:
    """A check named as people may write it, in the schedule's form; an id the schedule does
    not have is refused with the one it most looks like."""
    check_id = _check_id(written)
    known = scheduled_check_ids()
    if check_id not in known:
        close = difflib.get_close_matches(check_id, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
        raise ValueError(f"unknown check {check_id!r}{hint}")
    return check_id


CheckId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
OwnQuestion = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_OWN_QUESTION_LENGTH)
]


def _matching(kind: type[StrEnum]) -> BeforeValidator:
    """Accept a value as people write it: any case or spacing, or its printed label."""
    return BeforeValidator(lambda value: match(kind, value))


SituationValue = Annotated[Situation, _matching(Situation)]
ClinicValue = Annotated[Clinic, _matching(Clinic)]
BodySystemValue = Annotated[BodySystem, _matching(BodySystem)]
NeedValue = Annotated[CommunicationNeed, _matching(CommunicationNeed)]
DateField = Annotated[date, BeforeValidator(parse_date)]
# Several values in one piece of text ("heart, eyes"), as a cell or a file may give them.
LIST_SEPARATORS = re.compile(r"[;,|]")


class ProfileProblems(ValueError):
    """Several problems found together, each ``(field, reason)``, so that all are reported."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in problems))
        self.problems = problems


def _check_id(written: object) -> str:
    """A check id as people may write it ("Eye_Exam", "eye exam") in the bank's form."""
    return "-".join(str(written).lower().replace("_", " ").replace("-", " ").split())


def _unique(values: list[Any]) -> list[Any]:
    """Drop repeats but keep the order the user gave."""
    return list(dict.fromkeys(values))


# Lists of values from the vocabulary, and lists of the family's own text (whose commas are
# their own), as profile_fields describes them.
_CHOSEN_LISTS = names_where(shape=Shape.SEVERAL, free_text=False)
_TEXT_LISTS = names_where(shape=Shape.SEVERAL, free_text=True)


class Profile(BaseModel):
    """One person's situation for one visit.

    A visit needs a situation or a clinic: clinics alone mean a regular visit to them
    (``routine-visit``). Everything else is optional. What each field means, and how a flag,
    a spreadsheet column and the interview give it, is described in ``profile_fields``.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, arbitrary_types_allowed=True
    )

    situations: list[SituationValue] = Field(default_factory=list)
    clinics: list[ClinicValue] = Field(default_factory=list)
    age: AgeField | None = None
    date_of_birth: DateField | None = None
    sex: Annotated[Sex, _matching(Sex)] | None = None
    involves: list[BodySystemValue] = Field(default_factory=list)
    reader: Annotated[Reader, _matching(Reader)] = Reader.PARENT
    genetic_result: Annotated[GeneticResult, _matching(GeneticResult)] | None = None
    last_checks: dict[CheckId, LastDoneField] = Field(default_factory=dict)
    first_name: FirstName | None = None
    visit_date: DateField | None = None
    own_questions: list[OwnQuestion] = Field(default_factory=list, max_length=MAX_OWN_QUESTIONS)
    paper: Annotated[Paper, _matching(Paper)] = Paper.A4
    sections: Annotated[PackSections, _matching(PackSections)] = PackSections.ALL
    large_print: bool = False
    fillable: bool = False
    communication_needs: list[NeedValue] = Field(default_factory=list)
    communication_notes: Note | None = None
    max_questions: int | None = Field(default=None, ge=1, le=500)
    all_questions: bool = False

    @model_validator(mode="before")
    @classmethod
    def _clinics_alone_mean_a_routine_visit(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("situations") and data.get("clinics"):
            return {**data, "situations": [Situation.ROUTINE_VISIT]}
        return data

    @model_validator(mode="before")
    @classmethod
    def _large_print_is_a_need(cls, data: Any) -> Any:
        """A large-print pack means the person reads large print, however it was asked for (a
        flag, a column, a file or the interview), so the questions about it fit."""
        if not isinstance(data, dict) or "large_print" not in data:
            return data
        try:
            large = TypeAdapter(bool).validate_python(data["large_print"])
        except ValidationError:
            return data  # the field's own validation names the problem
        if not large:
            return data
        needs = data.get("communication_needs") or []
        need = CommunicationNeed.LARGE_PRINT.value
        if isinstance(needs, str):
            needs = f"{needs}; {need}" if needs.strip() else need
        elif isinstance(needs, list | tuple):
            needs = [*needs, need]
        return {**data, "communication_needs": needs}

    @model_validator(mode="after")
    def _check_consistency(self) -> "Profile":
        problems = self.consistency_problems()
        if problems:
            raise ProfileProblems(problems)
        return self

    def consistency_problems(self) -> list[tuple[str, str]]:
        """Every way the fields contradict each other, as ``(field, reason)``."""
        problems: list[tuple[str, str]] = []
        if not self.situations:
            problems.append(
                (
                    "situations",
                    "say what the visit is: give a situation, or the clinic for a regular visit",
                )
            )
        if Situation.ROUTINE_VISIT in self.situations and not self.clinics:
            problems.append(
                ("clinics", "name the clinic the regular visit (routine-visit) is with")
            )
        if self.genetic_result is not None and Situation.AWAITING_RESULT in self.situations:
            problems.append(
                ("genetic_result", "a result is given, so the situation cannot be awaiting-result")
            )
        if self.age is not None and self.date_of_birth is not None:
            problems.append(("date_of_birth", "give either age or date_of_birth, not both"))
        # Dates are compared with the visit, or with today when no visit date is given.
        reference, after = (
            (self.visit_date, "after the visit date")
            if self.visit_date is not None
            else (today(), "in the future")
        )
        if self.date_of_birth is not None:
            if self.date_of_birth > reference:
                problems.append(("date_of_birth", f"is {after}"))
            elif (age := age_between(self.date_of_birth, reference)).years > MAX_YEARS:
                problems.append(("date_of_birth", f"gives an age of {age.years}, over {MAX_YEARS}"))
        for check, last in self.last_checks.items():
            if last.earliest() > reference:
                problems.append((f"last_checks.{check}", f"{check} is dated {after}"))
            elif self.date_of_birth is not None and (last.year, last.month) < (
                self.date_of_birth.year,
                self.date_of_birth.month,
            ):
                problems.append(
                    (f"last_checks.{check}", f"{check} is dated before the date of birth")
                )
        return problems

    @field_validator(*_CHOSEN_LISTS, mode="before")
    @classmethod
    def _several_in_one(cls, value: Any) -> Any:
        """``"heart, eyes"`` (one piece of text) as ``["heart", "eyes"]``."""
        if isinstance(value, str):
            return [part.strip() for part in LIST_SEPARATORS.split(value) if part.strip()]
        return value

    @field_validator(*_TEXT_LISTS, mode="before")
    @classmethod
    def _one_question(cls, value: Any) -> Any:
        """A single question given as text rather than a list (its commas are its own)."""
        return [value] if isinstance(value, str) else value

    @field_validator(*names_where(shape=Shape.PAIRS), mode="before")
    @classmethod
    def _pairs(cls, value: Any) -> Any:
        """``["echo=2025-01-15", "ecg=2026-11"]`` (flags) or ``"echo=2025-01-15; ecg=2026-11"``
        (a spreadsheet cell) as a mapping, like a profile file writes it."""
        if isinstance(value, str):
            value = [part for part in LIST_SEPARATORS.split(value) if part.strip()]
        if isinstance(value, dict):
            return {_check_id(check): when for check, when in value.items()}
        if not isinstance(value, list):
            return value
        pairs: dict[str, str] = {}
        for item in value:
            check, equals, when = str(item).partition("=")
            if not equals or not check.strip() or not when.strip():
                raise ValueError(
                    "write each as check=YYYY-MM-DD or check=YYYY-MM, for example echo=2025-01-15"
                )
            pairs[_check_id(check)] = when.strip()
        return pairs

    @field_validator(*names_where(shape=Shape.PAIRS), mode="after")
    @classmethod
    def _known_checks(cls, value: dict[str, LastDone]) -> dict[str, LastDone]:
        """Every check named is one of the schedule's (content/checks.yaml), so a misspelt
        check is refused here, naming the flag, column or line it came from."""
        for check_id in value:
            known_check_id(check_id)
        return value

    # Repeats would only repeat a question's reasons; keep the user's order.
    _dedupe = field_validator(*_CHOSEN_LISTS, mode="after")(_unique)

    @field_validator(*names_where(free_text=True), mode="before")
    @classmethod
    def _normalise_text(cls, value: Any) -> Any:
        """NFC, so an accent typed as two code points prints like the one-character form."""
        if isinstance(value, str):
            return clean_text(value)
        if isinstance(value, list):
            return [clean_text(v) if isinstance(v, str) else v for v in value]
        return value

    def age_on(self, reference: date) -> Age | None:
        """Age on ``reference`` (the visit date, or today if none is known)."""
        if self.age is not None:
            return self.age
        if self.date_of_birth is None:
            return None
        return age_between(self.date_of_birth, reference)

    @property
    def diagnosis(self) -> Diagnosis | None:
        """Whether this profile establishes the diagnosis, rules it still open, or neither.

        Not yet confirmed: tests are under way, or the result is uncertain, found only one
        change or found none. Confirmed: two changes were found, or the visit is one that only
        happens after a diagnosis (newly diagnosed, yearly review, a regular clinic visit...).
        Neither: a result is back but the profile does not say what it found, or the visit is
        about relatives or a pregnancy.
        """
        if self.genetic_result is not None:
            confirmed = self.genetic_result is GeneticResult.CONFIRMED
            return Diagnosis.CONFIRMED if confirmed else Diagnosis.NOT_CONFIRMED
        if NOT_YET_CONFIRMED_SITUATIONS.intersection(self.situations):
            return Diagnosis.NOT_CONFIRMED
        if CONFIRMED_SITUATIONS.intersection(self.situations):
            return Diagnosis.CONFIRMED
        return None

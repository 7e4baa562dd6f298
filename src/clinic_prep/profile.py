"""The family's situation: the single validated input every output is made from."""

import unicodedata
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from clinic_prep.vocabulary import (
    BodySystem,
    Clinic,
    CommunicationNeed,
    Paper,
    Reader,
    Situation,
)

DEFAULT_MAX_QUESTIONS = 15
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
OwnQuestion = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_OWN_QUESTION_LENGTH)
]


def _unique(values: list[Any]) -> list[Any]:
    """Drop repeats but keep the order the user gave."""
    return list(dict.fromkeys(values))


def _clean_text(value: str) -> str:
    """NFC-normalised text with no control characters (a line break or a NUL in a name would
    print as nothing or as a box, and could confuse the programs that read our files)."""
    text = unicodedata.normalize("NFC", value)
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs") or char in "\u2028\u2029":
            raise ValueError(f"contains a control character (U+{ord(char):04X}); please remove it")
    return text


class Profile(BaseModel):
    """One person's situation for one visit. Every field but ``situations`` is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    situations: list[Situation] = Field(min_length=1)
    clinics: list[Clinic] = Field(default_factory=list)
    age: int | None = Field(default=None, ge=0, le=120, description="Age in whole years.")
    date_of_birth: date | None = None
    involves: list[BodySystem] = Field(default_factory=list)
    reader: Reader = Reader.PARENT
    first_name: FirstName | None = None
    visit_date: date | None = None
    own_questions: list[OwnQuestion] = Field(default_factory=list, max_length=MAX_OWN_QUESTIONS)
    paper: Paper = Paper.A4
    large_print: bool = False
    fillable: bool = False
    communication_needs: list[CommunicationNeed] = Field(default_factory=list)
    communication_notes: Note | None = None
    max_questions: int = Field(default=DEFAULT_MAX_QUESTIONS, ge=1, le=500)
    all_questions: bool = False

    @model_validator(mode="after")
    def _check_consistency(self) -> "Profile":
        if self.age is not None and self.date_of_birth is not None:
            raise ValueError("give either age or date_of_birth, not both")
        if (
            self.date_of_birth is not None
            and self.visit_date is not None
            and self.date_of_birth > self.visit_date
        ):
            raise ValueError("date_of_birth is after visit_date")
        return self

    # Repeats would only repeat a question's reasons; keep the user's order.
    _dedupe = field_validator(
        "situations", "clinics", "involves", "communication_needs", mode="after"
    )(_unique)

    @field_validator("first_name", "own_questions", "communication_notes", mode="before")
    @classmethod
    def _normalise_text(cls, value: Any) -> Any:
        """NFC, so an accent typed as two code points prints like the one-character form."""
        if isinstance(value, str):
            return _clean_text(value)
        if isinstance(value, list):
            return [_clean_text(v) if isinstance(v, str) else v for v in value]
        return value

    def age_on(self, reference: date) -> int | None:
        """Age in whole years on ``reference`` (the visit date, or today if none is known)."""
        if self.age is not None:
            return self.age
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        had_birthday = (reference.month, reference.day) >= (born.month, born.day)
        return max(0, reference.year - born.year - (0 if had_birthday else 1))

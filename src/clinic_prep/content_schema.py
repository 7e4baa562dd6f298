"""The shapes of the files in content/, validated strictly on load.

Rules in content are declarative data: a question's ``when`` lists the situations, clinics,
body systems, ages and readers it is for. Conditions combine with AND; a list means any of
its values. There is no code and no template syntax in content.
"""

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from clinic_prep.vocabulary import BodySystem, Clinic, Reader, Situation

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]


def one_question(wording: str | None) -> str | None:
    """One question per item: a wording must hold exactly one '?', at its end."""
    if wording is not None and (wording.count("?") != 1 or not wording.endswith("?")):
        raise ValueError("must be exactly one question, ending with '?'")
    return wording


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgeRange(Strict):
    """Inclusive range of whole years."""

    min: int = Field(default=0, ge=0, le=120)
    max: int = Field(default=120, ge=0, le=120)

    @model_validator(mode="after")
    def _ordered(self) -> "AgeRange":
        if self.min > self.max:
            raise ValueError("age.min is greater than age.max")
        return self


class When(Strict):
    """When a question applies. An empty ``when`` means: for every visit."""

    situations: list[Situation] = Field(default_factory=list)
    clinics: list[Clinic] = Field(default_factory=list)
    involves: list[BodySystem] = Field(default_factory=list)
    age: AgeRange | None = None
    reader: Reader | None = None


class Question(Strict):
    id: Id
    text: Line
    text_self: Line | None = Field(
        default=None, description="Wording for an adult reading about themselves."
    )
    why: Line | None = None
    when: When = Field(default_factory=When)
    priority: int = Field(ge=1, le=3)
    sources: list[Id] = Field(min_length=1)
    reviewed: date

    @field_validator("text", "text_self")
    @classmethod
    def _one_question(cls, wording: str | None) -> str | None:
        return one_question(wording)


class TopicFile(Strict):
    """One file under content/questions/: a topic and its questions."""

    topic: Id
    title: Line
    order: int = Field(ge=0)
    questions: list[Question] = Field(min_length=1)


class Source(Strict):
    id: Id
    name: Line  # short name shown under a "what we know" box
    citation: Line
    url: Line


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class KnowledgeBlock(Strict):
    """A short "what we know" box. ``situations`` empty means: every pack."""

    id: Id
    title: Line
    situations: list[Situation] = Field(default_factory=list)
    paragraphs: list[Line] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)
    reviewed: date


class KnowledgeFile(Strict):
    blocks: list[KnowledgeBlock] = Field(min_length=1)


class SheetKind(StrEnum):
    TABLE = "table"  # columns across, one row per entry
    FORM = "form"  # one labelled box per field
    LINES = "lines"  # ruled lines for free writing


class Sheet(Strict):
    """A record-keeping sheet. Prefilled ``rows`` label the first column of a table."""

    id: Id
    title: Line
    intro: Line
    kind: SheetKind
    columns: list[Line] = Field(default_factory=list)
    column_widths: list[float] = Field(default_factory=list)
    rows: list[Line] = Field(default_factory=list)
    blank_rows: int = Field(default=0, ge=0, le=40)
    fields: list[Line] = Field(default_factory=list)
    lines: int = Field(default=0, ge=0, le=60)
    # A clinic's own details (from clinic.yaml) go in this table, in the row that names it.
    clinic_details: bool = False

    @model_validator(mode="after")
    def _fits_kind(self) -> "Sheet":
        if self.kind is SheetKind.TABLE and not self.columns:
            raise ValueError("a table sheet needs columns")
        if self.column_widths and len(self.column_widths) != len(self.columns):
            raise ValueError("column_widths needs one number per column")
        if self.kind is SheetKind.FORM and not self.fields:
            raise ValueError("a form sheet needs fields")
        if self.kind is SheetKind.LINES and self.lines == 0:
            raise ValueError("a lines sheet needs lines")
        return self


class SheetsFile(Strict):
    sheets: list[Sheet] = Field(min_length=1)


class Resource(Strict):
    """A place to go next: a support organisation or a trusted reference."""

    name: Line
    description: Line
    url: Line
    sources: list[Id] = Field(min_length=1)


class ResourcesFile(Strict):
    resources: list[Resource] = Field(min_length=1)


class Rewording(Strict):
    """A local change to a shipped question's words (its conditions and sources stay)."""

    id: Id
    text: Line | None = None
    text_self: Line | None = None
    why: Line | None = None

    @field_validator("text", "text_self")
    @classmethod
    def _one_question(cls, wording: str | None) -> str | None:
        return one_question(wording)


class OverlayFile(Strict):
    """``overlay.yaml``: marks a folder as a clinic's additions to the shipped bank."""

    name: Line  # shown in the pack's small print next to local questions
    retire: list[Id] = Field(default_factory=list)
    reword: list[Rewording] = Field(default_factory=list)

"""The shapes of the files in content/, validated strictly on load.

Rules in content are declarative data: a question's ``when`` says which visits it serves and
what its wording takes for granted. There is no code and no template syntax in content.
"""

import re
from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from clinic_prep.core.text import clean_text
from clinic_prep.core.vocabulary import (
    BodySystem,
    Clinic,
    CommunicationNeed,
    Diagnosis,
    GeneticResult,
    Reader,
    Sex,
    Situation,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
# Every line of the bank is printed and may be shown on screen: no control characters (an
# escape sequence in a local question would act on a terminal; `content check` says so).
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=400),
    AfterValidator(clean_text),
]


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
    """When a question is chosen. An empty ``when`` means: for every visit.

    **Purpose.** ``situations`` and ``clinics`` name the visits the question serves. When either
    is given, the visit must have at least one of them (a situation *or* a clinic).

    **Premises**, what the wording takes for granted; every one given must hold:
    ``involves`` (any of these body systems), ``involves_all`` (every one of them),
    ``not_involves`` (none of them: "early signs of diabetes" is not for someone who has it),
    ``age``, ``sex`` (left out when the sex is not given), ``readers`` (parent and self when not
    given; a relative asking for themselves only where listed), ``diagnosis`` (confirmed, or not
    yet confirmed), ``results`` (what the genetic test found), ``not_results`` (what it must not
    have found: "the gene changes" is not for a test that found none), ``not_needs`` (how the
    person does not communicate: "start braille" is not for someone who reads it),
    ``not_clinics`` (clinics the visit is not with: a stay under the heart team is for an
    illness, so "if there is an operation" is not for it), ``not_situations`` (situations
    the visit does not name: who links up care is asked at a new diagnosis or a regular visit
    to the family doctor, not at one about a result or a yearly review),
    ``follow_up`` (there is an earlier visit to compare with: not a new diagnosis, not a baby),
    ``unless_recent`` (checks the profile must not give as recently done: "what did today's
    ECG show" is not for an ECG done two months ago) and ``siblings`` (the family has said there
    are brothers or sisters).
    """

    situations: list[Situation] = Field(default_factory=list)
    clinics: list[Clinic] = Field(default_factory=list)
    not_clinics: list[Clinic] = Field(default_factory=list)
    not_situations: list[Situation] = Field(default_factory=list)
    involves: list[BodySystem] = Field(default_factory=list)
    involves_all: list[BodySystem] = Field(default_factory=list)
    not_involves: list[BodySystem] = Field(default_factory=list)
    age: AgeRange | None = None
    sex: Sex | None = None
    readers: list[Reader] = Field(default_factory=list)
    diagnosis: Diagnosis | None = None
    results: list[GeneticResult] = Field(default_factory=list)
    not_results: list[GeneticResult] = Field(default_factory=list)
    not_needs: list[CommunicationNeed] = Field(default_factory=list)
    follow_up: bool = False
    unless_recent: list[Id] = Field(default_factory=list)
    siblings: bool = False

    @model_validator(mode="after")
    def _coherent(self) -> "When":
        required = set(self.involves_all) | (
            set(self.involves) if len(self.involves) == 1 else set()
        )
        if clash := sorted(required & set(self.not_involves)):
            raise ValueError(f"{', '.join(clash)} is both required and excluded")
        if self.involves and set(self.involves) <= set(self.not_involves):
            raise ValueError("every value of involves is also in not_involves")
        return self


class Premise(Strict):
    """Words that take something for granted, and what the question's ``when`` must then require.

    ``words`` is a case-insensitive regular expression; ``requires`` uses the premise parts of
    ``when`` (body systems, age, sex, readers, diagnosis, results)."""

    words: Line
    requires: When
    why: Line

    @field_validator("words")
    @classmethod
    def _compiles(cls, words: str) -> str:
        try:
            re.compile(words)
        except re.error as exc:
            raise ValueError(f"not a valid pattern: {exc}") from None
        return words


class PremisesFile(Strict):
    premises: list[Premise] = Field(min_length=1)


class MonthsRange(Strict):
    """An interval in months; ``min`` < ``max`` where the sources give a range or differ."""

    min: int = Field(ge=1, le=120)
    max: int = Field(ge=1, le=120)

    @model_validator(mode="after")
    def _ordered(self) -> "MonthsRange":
        if self.min > self.max:
            raise ValueError("every_months.min is greater than every_months.max")
        return self


class Check(Strict):
    """A check that is repeated over the years (``content/checks.yaml``).

    ``every_months`` is left out where the sources give no interval: the pack then says to ask
    the team, never a number of its own."""

    id: Id
    name: Line
    clinics: list[Clinic] = Field(min_length=1)
    systems: list[BodySystem] = Field(
        default_factory=list,
        description="The body systems it looks at: a visit that looks at "
        "the whole person lists it when one of them is declared involved.",
    )
    topic: Id
    age: AgeRange | None = None
    baseline: bool = Field(default=False, description="Usually done at diagnosis.")
    how_often: Line
    baby_how_often: Line | None = Field(
        default=None,
        description="What to say in the first year where the sources give no interval for "
        "babies: the status is then 'ask', never a number of our own.",
    )
    every_months: MonthsRange | None = None
    question: Line
    sources: list[Id] = Field(min_length=1)
    updated: date

    @field_validator("question")
    @classmethod
    def _one_question(cls, wording: str) -> str:
        checked = one_question(wording)
        assert checked is not None
        return checked


class ChecksFile(Strict):
    checks: list[Check] = Field(min_length=1)


class Question(Strict):
    id: Id
    text: Line
    text_self: Line | None = Field(
        default=None, description="Wording for an adult reading about themselves."
    )
    why: Line | None = None
    when: When = Field(default_factory=When)
    priority: int = Field(ge=1, le=3)
    group: Id | None = Field(
        default=None, description="Questions that ask the same thing; at most one is chosen."
    )
    checks: list[Id] = Field(
        default_factory=list,
        description="The checks (checks.yaml) it asks about: a list holds one question per check.",
    )
    differs_from: list[Id] = Field(
        default_factory=list,
        description="Questions with similar words that ask something different (so content "
        "check does not warn about the pair).",
    )
    sources: list[Id] = Field(min_length=1)
    updated: date = Field(description="When the wording was last changed.")

    @field_validator("text", "text_self")
    @classmethod
    def _one_question(cls, wording: str | None) -> str | None:
        return one_question(wording)


class TopicFile(Strict):
    """One file under content/questions/: a topic and its questions."""

    topic: Id
    title: Line
    title_adult: Line | None = Field(
        default=None,
        description="The heading in a pack about someone 18 or over, where the title speaks "
        "of childhood (school, puberty).",
    )
    order: int = Field(ge=0)
    questions: list[Question] = Field(min_length=1)


class Source(Strict):
    id: Id
    name: Line  # short name shown under a "what we know" box
    citation: Line
    url: Line | None = None  # None when only the journal reference is known

    @property
    def reference(self) -> str:
        """The citation as printed: with its address when one is known."""
        return f"{self.citation} {self.url}" if self.url else self.citation


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class KnowledgeBlock(Strict):
    """A short "what we know" box. ``situations`` empty means: every pack. ``results``: only
    when the genetic result is one of these, or not given."""

    id: Id
    title: Line
    situations: list[Situation] = Field(default_factory=list)
    results: list[GeneticResult] = Field(default_factory=list)
    paragraphs: list[Line] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)
    updated: date


class KnowledgeFile(Strict):
    blocks: list[KnowledgeBlock] = Field(min_length=1)


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

    model_config = ConfigDict(defer_build=True)  # built when an overlay is first read

    id: Id
    text: Line | None = None
    text_self: Line | None = None
    why: Line | None = None

    @field_validator("text", "text_self")
    @classmethod
    def _one_question(cls, wording: str | None) -> str | None:
        return one_question(wording)


class SignOff(Strict):
    """A clinician's check of the questions, recorded by the service that did it."""

    model_config = ConfigDict(defer_build=True)  # built when an overlay is first read

    name: Line
    role: Line
    checked_on: date


class OverlayFile(Strict):
    """``overlay.yaml``: marks a folder as a clinic's additions to the shipped bank."""

    # Built when an overlay is first read, not at import: most runs read none.
    model_config = ConfigDict(defer_build=True)

    name: Line  # shown in the pack's small print next to local questions
    signed_off: SignOff | None = None  # packs then say "Checked by <name>, <role>, on <checked_on>"
    retire: list[Id] = Field(default_factory=list)
    reword: list[Rewording] = Field(default_factory=list)


# -- visit rules (content/rules.yaml) ------------------------------------------------------------

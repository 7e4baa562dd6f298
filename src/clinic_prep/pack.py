"""The pack as plain data: what every renderer (PDF, text, JSON) lays out.

Nothing here is markup. Every string is shown to the reader exactly as it stands, so user
text such as ``A&E <3`` can never act as formatting.
"""

from dataclasses import dataclass

from clinic_prep.content_schema import Resource, Sheet
from clinic_prep.vocabulary import Paper


@dataclass(frozen=True)
class PackQuestion:
    number: int
    text: str
    why: str | None
    id: str | None  # None for the family's own questions
    note: str | None = None  # small print: ages it is for, or the clinic that added it


@dataclass(frozen=True)
class QuestionGroup:
    title: str
    questions: tuple[PackQuestion, ...]


@dataclass(frozen=True)
class KnowledgeBox:
    title: str
    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]  # short source names, e.g. "GeneReviews"


@dataclass(frozen=True)
class CoverDetail:
    label: str
    value: str


@dataclass(frozen=True)
class CommunicationBox:
    """How the person communicates and what helps: the first thing a clinic should see."""

    title: str
    items: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class Pack:
    """Everything a reader sees, in reading order."""

    title: str
    subject: str
    header: str
    review_note: str
    paper: Paper
    large_print: bool
    fillable: bool
    cover_heading: str
    communication: CommunicationBox | None
    clinic: tuple[str, ...]  # the clinic's details, one per line; empty when none given
    cover_details: tuple[CoverDetail, ...]
    cover_intro: tuple[str, ...]
    top_heading: str
    top_hint: str
    knowledge: tuple[KnowledgeBox, ...]
    questions_intro: tuple[str, ...]
    groups: tuple[QuestionGroup, ...]
    left_out_note: str | None
    sheets: tuple[Sheet, ...]
    # Rows filled in before printing, per sheet id (e.g. the clinic in the care-team sheet).
    prefilled: dict[str, tuple[tuple[str, ...], ...]]
    resources: tuple[Resource, ...]
    references: tuple[str, ...]

    @property
    def question_count(self) -> int:
        return sum(len(group.questions) for group in self.groups)

"""The bank as every later stage sees it: its topics, questions, sources, sheets, checks and
rules, validated and cross-checked; and a problem found in it, located."""

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clinic_prep.content.card_schema import CardFile
from clinic_prep.content.rules_schema import RulesFile
from clinic_prep.content.schema import (
    Check,
    KnowledgeBlock,
    Premise,
    Question,
    Resource,
    SignOff,
    Source,
)
from clinic_prep.content.sheet_schema import Sheet
from clinic_prep.content.words_schema import WordsFile


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located for the person who must fix it."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    order: int
    title_adult: str | None = None  # for a pack about someone 18 or over

    def title_for(self, adult: bool) -> str:
        return self.title_adult if adult and self.title_adult else self.title


@dataclass(frozen=True)
class BankQuestion:
    """A question with its topic, where it is written, and whose it is."""

    question: Question
    topic: Topic
    path: Path
    line: int
    local: str | None = None  # the overlay's name, for a clinic's own question or wording
    reworded: bool = False  # a shipped question in the clinic's own words


@dataclass(frozen=True)
class Bank:
    """Everything in content/ (and overlays), validated and cross-checked."""

    topics: tuple[Topic, ...]
    questions: tuple[BankQuestion, ...]
    sources: dict[str, Source]
    knowledge: tuple[KnowledgeBlock, ...]
    sheets: tuple[Sheet, ...]
    words: WordsFile  # the pack's titles, headings and labels (content/words.yaml)
    resources: tuple[Resource, ...]
    premises: tuple[Premise, ...] = ()
    checks: tuple[Check, ...] = ()  # the schedule of repeated checks
    rules: RulesFile | None = None  # the visit rules (always present once loaded)
    overlays: tuple[str, ...] = ()
    # Clinical sign-offs recorded by clinics' overlays: (overlay name, sign-off).
    sign_offs: tuple[tuple[str, SignOff], ...] = ()
    card: CardFile | None = None  # the emergency card's wording (content/card.yaml)

    @functools.cached_property
    def updated(self) -> date:
        """The most recent date on which any of the wording changed."""
        dates = [q.question.updated for q in self.questions]
        dates += [block.updated for block in self.knowledge]
        return max(dates)

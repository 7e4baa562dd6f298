"""Load and check the question bank in content/.

``check_content`` reports every problem with its file and line; ``load_bank`` returns a
ready-to-use ``Bank`` or raises ``ContentError`` naming the first problem. Loading is cached
per folder, so a batch run parses and validates the bank once per process.
"""

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from clinic_prep.content_schema import (
    KnowledgeBlock,
    KnowledgeFile,
    Question,
    Resource,
    ResourcesFile,
    Sheet,
    SheetsFile,
    Source,
    SourcesFile,
    TopicFile,
)
from clinic_prep.errors import ContentError
from clinic_prep.yaml_source import (
    YamlDocument,
    YamlSyntaxError,
    describe_validation_error,
    parse_yaml,
)

QUESTIONS_FOLDER = "questions"
SOURCES_FILE = "sources.yaml"
KNOWLEDGE_FILE = "what-we-know.yaml"
SHEETS_FILE = "sheets.yaml"
RESOURCES_FILE = "where-next.yaml"

ModelT = TypeVar("ModelT", bound=BaseModel)


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


@dataclass(frozen=True)
class BankQuestion:
    """A question together with the topic it belongs to."""

    question: Question
    topic: Topic


@dataclass(frozen=True)
class Bank:
    """Everything in content/, validated and cross-checked."""

    topics: tuple[Topic, ...]
    questions: tuple[BankQuestion, ...]
    sources: dict[str, Source]
    knowledge: tuple[KnowledgeBlock, ...]
    sheets: tuple[Sheet, ...]
    resources: tuple[Resource, ...]

    @property
    def reviewed(self) -> date:
        """The most recent date on which a person checked any of the content."""
        dates = [q.question.reviewed for q in self.questions]
        dates += [block.reviewed for block in self.knowledge]
        return max(dates)


@dataclass
class _Loader:
    """Collects parsed files and problems while walking one content folder."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def read(self, path: Path, model: type[ModelT]) -> tuple[ModelT, YamlDocument] | None:
        shown = (
            path.relative_to(self.root.parent) if path.is_relative_to(self.root.parent) else path
        )
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.problems.append(Problem(shown, 1, "file is missing"))
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(shown, 1, f"cannot be read ({exc.__class__.__name__})"))
            return None
        try:
            doc = parse_yaml(text, shown)
        except YamlSyntaxError as exc:
            self.problems.append(Problem(shown, exc.line, f"not valid YAML: {exc.reason}"))
            return None
        try:
            return model.model_validate(doc.data), doc
        except ValidationError as exc:
            for line, message in describe_validation_error(exc, doc):
                self.problems.append(Problem(shown, line, message))
            return None


def _read_content(root: Path) -> tuple[Bank | None, list[Problem]]:
    loader = _Loader(root)
    if not root.is_dir():
        return None, [Problem(root, 1, "content folder not found")]

    sources_read = loader.read(root / SOURCES_FILE, SourcesFile)
    sources: dict[str, Source] = {}
    if sources_read:
        sources_file, doc = sources_read
        for index, source in enumerate(sources_file.sources):
            if source.id in sources:
                line = doc.line_of(("sources", index, "id"))
                loader.problems.append(
                    Problem(doc.path, line, f"duplicate source id {source.id!r}")
                )
            sources[source.id] = source

    def check_sources(ids: list[str], doc: YamlDocument, loc: tuple[str | int, ...]) -> None:
        for index, source_id in enumerate(ids):
            if sources_read and source_id not in sources:
                line = doc.line_of((*loc, "sources", index))
                message = f"unknown source id {source_id!r} (not in {SOURCES_FILE})"
                loader.problems.append(Problem(doc.path, line, message))

    topics: list[Topic] = []
    questions: list[BankQuestion] = []
    first_seen: dict[str, Problem] = {}
    question_files = sorted((root / QUESTIONS_FOLDER).glob("*.yaml"))
    if not question_files:
        loader.problems.append(Problem(root / QUESTIONS_FOLDER, 1, "no question files found"))
    for path in question_files:
        read = loader.read(path, TopicFile)
        if read is None:
            continue
        topic_file, doc = read
        topic = Topic(topic_file.topic, topic_file.title, topic_file.order)
        if any(existing.id == topic.id for existing in topics):
            line = doc.line_of(("topic",))
            loader.problems.append(Problem(doc.path, line, f"duplicate topic {topic.id!r}"))
        topics.append(topic)
        for index, question in enumerate(topic_file.questions):
            loc = ("questions", index)
            here = Problem(doc.path, doc.line_of((*loc, "id")), "")
            if question.id in first_seen:
                seen = first_seen[question.id]
                message = (
                    f"duplicate question id {question.id!r} (first at {seen.path}:{seen.line})"
                )
                loader.problems.append(Problem(here.path, here.line, message))
            first_seen.setdefault(question.id, here)
            check_sources(question.sources, doc, loc)
            questions.append(BankQuestion(question, topic))

    knowledge: list[KnowledgeBlock] = []
    knowledge_read = loader.read(root / KNOWLEDGE_FILE, KnowledgeFile)
    if knowledge_read:
        knowledge_file, doc = knowledge_read
        for index, block in enumerate(knowledge_file.blocks):
            check_sources(block.sources, doc, ("blocks", index))
        knowledge = list(knowledge_file.blocks)

    sheets_read = loader.read(root / SHEETS_FILE, SheetsFile)
    resources_read = loader.read(root / RESOURCES_FILE, ResourcesFile)
    if resources_read:
        resources_file, doc = resources_read
        for index, resource in enumerate(resources_file.resources):
            check_sources(resource.sources, doc, ("resources", index))

    if loader.problems or not (sheets_read and resources_read and knowledge_read):
        return None, loader.problems
    bank = Bank(
        topics=tuple(sorted(topics, key=lambda t: (t.order, t.id))),
        questions=tuple(questions),
        sources=sources,
        knowledge=tuple(knowledge),
        sheets=tuple(sheets_read[0].sheets),
        resources=tuple(resources_read[0].resources),
    )
    return bank, []


def check_content(root: Path) -> list[Problem]:
    """Every problem in the content folder at ``root``; empty when it is sound."""
    return _read_content(root)[1]


@functools.lru_cache(maxsize=8)
def load_bank(root: Path) -> Bank:
    """The validated bank at ``root``. Cached: loading happens once per process per folder."""
    bank, problems = _read_content(root)
    if bank is None:
        more = f" (and {len(problems) - 1} more; run 'clinic-prep content check')"
        raise ContentError(f"{problems[0]}{more if len(problems) > 1 else ''}")
    return bank

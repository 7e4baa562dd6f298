"""Load and check the question bank in content/, and any clinic's local overlays.

``check_content`` reports every problem with its file and line; ``load_bank`` returns a
ready-to-use ``Bank`` or raises ``ContentError`` naming the first problem. Loading is cached
per set of folders, so a batch run parses and validates the bank once per process.

A folder with an ``overlay.yaml`` is a clinic's overlay: its questions and sources are added to
the shipped bank, and it can retire a shipped question or reword it. Overlays are validated by
exactly the same rules as the shipped bank.
"""

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ValidationError

from clinic_prep.content.card_schema import CardFile
from clinic_prep.content.cross_checks import (
    check_rule_names,
    check_topics,
    cite_card,
    cite_checks,
    cite_each,
    cite_rules,
)
from clinic_prep.content.model import Bank, BankQuestion, Problem, Topic
from clinic_prep.content.premises import TooSlow, compile_rules, readers_seeing, unmet
from clinic_prep.content.rules_schema import RulesFile
from clinic_prep.content.schema import (
    ChecksFile,
    KnowledgeFile,
    OverlayFile,
    Premise,
    PremisesFile,
    ResourcesFile,
    SignOff,
    Source,
    SourcesFile,
    TopicFile,
)
from clinic_prep.content.sheet_schema import SheetsFile
from clinic_prep.content.words_schema import WordsFile
from clinic_prep.core.errors import ContentError, InputError
from clinic_prep.core.reading import read_capped
from clinic_prep.core.resources import content_dir

if TYPE_CHECKING:
    from clinic_prep.core.yaml_source import YamlDocument as Document

QUESTIONS_FOLDER = "questions"
SOURCES_FILE = "sources.yaml"
KNOWLEDGE_FILE = "what-we-know.yaml"
SHEETS_FILE = "sheets.yaml"
CARD_FILE = "card.yaml"
WORDS_FILE = "words.yaml"
RESOURCES_FILE = "where-next.yaml"
OVERLAY_FILE = "overlay.yaml"
PREMISES_FILE = "premises.yaml"
CHECKS_FILE = "checks.yaml"
RULES_FILE = "rules.yaml"
MAX_CONTENT_FILE_BYTES = 2_000_000  # the largest shipped file is under 100 kB

ModelT = TypeVar("ModelT", bound=BaseModel)


def is_overlay(folder: Path) -> bool:
    return (folder / OVERLAY_FILE).is_file()


@dataclass
class _Reader:
    """Collects parsed files, questions and problems across the shipped bank and overlays."""

    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    questions: list[BankQuestion] = field(default_factory=list)
    sign_offs: list[tuple[str, SignOff]] = field(default_factory=list)
    first_seen: dict[str, tuple[Path, int]] = field(default_factory=dict)
    # Source ids to check once every source is known: (ids, document, location).
    citations: list[tuple[list[str], "Document", tuple[str | int, ...]]] = field(
        default_factory=list
    )

    def problem(self, doc: "Document", loc: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(doc.path, doc.line_of(loc), message))

    def read(self, root: Path, path: Path, model: type[ModelT]) -> tuple[ModelT, "Document"] | None:
        shown = path.relative_to(root.parent) if path.is_relative_to(root.parent) else path
        doc = self.parse(path, shown)
        if doc is None:
            return None
        try:
            return model.model_validate(doc.data), doc
        except ValidationError as exc:
            from clinic_prep.core.yaml_source import describe_validation_error

            for line, message in describe_validation_error(exc, doc):
                self.problems.append(Problem(shown, line, message))
            return None

    def read_optional(
        self, root: Path, path: Path, model: type[ModelT]
    ) -> tuple[ModelT, "Document"] | None:
        """A file a bank may go without (a bank of its own may have no emergency card)."""
        return self.read(root, path, model) if path.exists() else None

    def parse(self, path: Path, shown: Path) -> "Document | None":
        """One file's YAML, or None and its problem."""
        from clinic_prep.core.yaml_source import YamlSyntaxError, parse_yaml

        if not path.exists():
            self.problems.append(Problem(shown, 1, "file is missing"))
            return None
        try:
            # Regular files only, and capped: a clinic's folder could hold a FIFO or a device.
            text = read_capped(path, MAX_CONTENT_FILE_BYTES, "a content file").decode("utf-8")
        except InputError as exc:
            self.problems.append(Problem(shown, 1, str(exc).removeprefix(f"{path}: ")))
            return None
        except UnicodeDecodeError:
            self.problems.append(Problem(shown, 1, "cannot be read (not UTF-8 text)"))
            return None
        try:
            return parse_yaml(text, shown)
        except YamlSyntaxError as exc:
            self.problems.append(Problem(shown, exc.line, f"not valid YAML: {exc.reason}"))
            return None

    def add_sources(self, root: Path) -> bool:
        read = self.read(root, root / SOURCES_FILE, SourcesFile)
        if read is None:
            return False
        sources_file, doc = read
        for index, source in enumerate(sources_file.sources):
            if source.id in self.sources:
                self.problem(doc, ("sources", index, "id"), f"duplicate source id {source.id!r}")
            self.sources[source.id] = source
        return True

    def add_questions(self, root: Path, local: str | None) -> None:
        files = sorted((root / QUESTIONS_FOLDER).glob("*.yaml"))
        if not files and local is None:
            self.problems.append(Problem(root / QUESTIONS_FOLDER, 1, "no question files found"))
        topics_here: set[str] = set()
        for path in files:
            read = self.read(root, path, TopicFile)
            if read is None:
                continue
            topic_file, doc = read
            if topic_file.topic in topics_here:
                self.problem(doc, ("topic",), f"duplicate topic {topic_file.topic!r}")
            topics_here.add(topic_file.topic)
            # A clinic's questions may join a shipped topic; the shipped title and order win.
            topic = self.topics.setdefault(
                topic_file.topic,
                Topic(topic_file.topic, topic_file.title, topic_file.order, topic_file.title_adult),
            )
            for index, question in enumerate(topic_file.questions):
                line = doc.line_of(("questions", index, "id"))
                if question.id in self.first_seen:
                    seen_path, seen_line = self.first_seen[question.id]
                    self.problems.append(
                        Problem(
                            doc.path,
                            line,
                            f"duplicate question id {question.id!r} "
                            f"(first at {seen_path}:{seen_line})",
                        )
                    )
                self.first_seen.setdefault(question.id, (doc.path, line))
                self.citations.append((question.sources, doc, ("questions", index)))
                self.questions.append(BankQuestion(question, topic, doc.path, line, local))

    def apply_overlay(self, root: Path) -> str | None:
        read = self.read(root, root / OVERLAY_FILE, OverlayFile)
        if read is None:
            return None
        overlay, doc = read
        if overlay.signed_off is not None:
            self.sign_offs.append((overlay.name, overlay.signed_off))
        if (root / SOURCES_FILE).exists():
            self.add_sources(root)
        self.add_questions(root, overlay.name)
        by_id = {item.question.id: index for index, item in enumerate(self.questions)}
        for index, question_id in enumerate(overlay.retire):
            if question_id not in by_id:
                self.problem(
                    doc, ("retire", index), f"cannot retire unknown question {question_id!r}"
                )
        for index, change in enumerate(overlay.reword):
            if change.id not in by_id:
                self.problem(
                    doc, ("reword", index, "id"), f"cannot reword unknown question {change.id!r}"
                )
                continue
            item = self.questions[by_id[change.id]]
            words = change.model_dump(exclude={"id"}, exclude_none=True)
            self.questions[by_id[change.id]] = replace(
                item,
                question=item.question.model_copy(update=words),
                local=overlay.name,
                reworded=True,
                path=doc.path,
                line=doc.line_of(("reword", index, "id")),
            )
        retired = set(overlay.retire)
        self.questions = [item for item in self.questions if item.question.id not in retired]
        return overlay.name

    def check_premises(self, premises: tuple[Premise, ...], source: "Document") -> None:
        """Every wording whose words take something for granted must require it in ``when``.
        A phrase that takes too long to match is reported once, at its line in ``source``."""
        rules = list(compile_rules(premises))
        for item in self.questions:
            question = item.question
            wordings = (("text", question.text), ("text_self", question.text_self))
            for label, wording in (*wordings, ("why", question.why)):
                for rule in list(rules):
                    try:
                        found = wording is not None and rule.found_in(wording)
                    except TooSlow:
                        rules.remove(rule)
                        self.problem(
                            source,
                            ("premises", premises.index(rule.premise), "words"),
                            f"words: the pattern takes too long to match ({question.id}'s "
                            "wording); write it more simply",
                        )
                        continue
                    if not found:
                        continue
                    seeing = readers_seeing(question.when, label, question.text_self is not None)
                    if missing := unmet(question.when, rule.premise.requires, seeing):
                        self.problems.append(
                            Problem(
                                item.path,
                                item.line,
                                f"{question.id} {label}: its words assume "
                                f"{rule.premise.why}; add to when: {'; '.join(missing)}",
                            )
                        )

    def check_citations(self) -> None:
        for ids, doc, loc in self.citations:
            for index, source_id in enumerate(ids):
                if source_id not in self.sources:
                    self.problem(
                        doc,
                        (*loc, "sources", index),
                        f"unknown source id {source_id!r} (not in {SOURCES_FILE})",
                    )


def _read_content(
    root: Path, overlays: tuple[Path, ...] = (), checked: bool = False
) -> tuple[Bank | None, list[Problem]]:
    """Read and check the content. ``checked``: the shipped content, whose wording and
    citations CI checks on every change (``content check`` in the tests), so a run does not
    check them again; everything is still validated against its schema."""
    if not root.is_dir():
        return None, [Problem(root, 1, "content folder not found")]
    return _read(_Reader(), root, overlays, checked=checked and not overlays)


def _read(
    reader: "_Reader", root: Path, overlays: tuple[Path, ...], checked: bool = False
) -> tuple[Bank | None, list[Problem]]:
    sources_ok = reader.add_sources(root)
    reader.add_questions(root, None)
    knowledge_read = reader.read(root, root / KNOWLEDGE_FILE, KnowledgeFile)
    if knowledge_read:
        cite_each(reader, knowledge_read[0].blocks, knowledge_read[1], "blocks")
    premises_read = reader.read(root, root / PREMISES_FILE, PremisesFile)
    checks_read = reader.read(root, root / CHECKS_FILE, ChecksFile)
    if checks_read:
        cite_checks(reader, *checks_read)
    rules_read = reader.read(root, root / RULES_FILE, RulesFile)
    if rules_read:
        cite_rules(reader, *rules_read)
    sheets_read = reader.read(root, root / SHEETS_FILE, SheetsFile)
    words_read = reader.read(root, root / WORDS_FILE, WordsFile)
    card_read = reader.read_optional(root, root / CARD_FILE, CardFile)
    if card_read:
        cite_card(reader, *card_read)
    resources_read = reader.read(root, root / RESOURCES_FILE, ResourcesFile)
    if resources_read:
        cite_each(reader, resources_read[0].resources, resources_read[1], "resources")

    names = _apply_overlays(reader, overlays)
    premises = tuple(premises_read[0].premises) if premises_read else ()
    _check_across(reader, checked, sources_ok, premises_read, checks_read, rules_read)

    if (
        reader.problems
        or not rules_read
        or not sheets_read
        or not words_read
        or not resources_read
        or not knowledge_read
        or not premises_read
        or not checks_read
    ):
        return None, reader.problems
    bank = Bank(
        topics=tuple(sorted(reader.topics.values(), key=lambda t: (t.order, t.id))),
        questions=tuple(reader.questions),
        sources=reader.sources,
        knowledge=tuple(knowledge_read[0].blocks),
        sheets=tuple(sheets_read[0].sheets),
        words=words_read[0],
        card=card_read[0] if card_read else None,
        resources=tuple(resources_read[0].resources),
        premises=premises,
        checks=tuple(checks_read[0].checks),
        rules=rules_read[0],
        overlays=tuple(names),
        sign_offs=tuple(reader.sign_offs),
    )
    return bank, []


def _check_across(
    reader: "_Reader",
    checked: bool,
    sources_ok: bool,
    premises_read: "tuple[PremisesFile, Document] | None",
    checks_read: "tuple[ChecksFile, Document] | None",
    rules_read: "tuple[RulesFile, Document] | None",
) -> None:
    """What can only be checked once every file is read: citations (where the sources read
    well) and premises, unless the shipped content was ``checked`` already; a check's topic,
    and the ids a rule names."""
    if sources_ok and not checked:
        reader.check_citations()
    if premises_read and not checked:
        reader.check_premises(tuple(premises_read[0].premises), premises_read[1])
    if checks_read and not reader.problems:
        check_topics(reader, *checks_read)
    if checks_read and rules_read and not reader.problems:
        check_rule_names(reader, rules_read[0], rules_read[1], checks_read[0].checks)


def _apply_overlays(reader: "_Reader", overlays: tuple[Path, ...]) -> list[str]:
    """Each clinic's overlay laid over the bank, in order; the names of those applied."""
    names = []
    for overlay in overlays:
        if not is_overlay(overlay):
            reader.problems.append(
                Problem(overlay, 1, f"not a content overlay (no {OVERLAY_FILE})")
            )
            continue
        name = reader.apply_overlay(overlay)
        if name:
            names.append(name)
    return names


def check_content(root: Path, overlays: tuple[Path, ...] = ()) -> list[Problem]:
    """Every problem in the content folder at ``root`` plus overlays; empty when sound."""
    return _read_content(root, overlays)[1]


def read_bank(root: Path, overlays: tuple[Path, ...] = ()) -> tuple[Bank | None, list[Problem]]:
    """The bank as the files say now (never cached: for checking content being edited), or
    None and every problem."""
    return _read_content(root, overlays)


@functools.lru_cache(maxsize=8)
def load_bank(root: Path, overlays: tuple[Path, ...] = ()) -> Bank:
    """The validated bank. Cached: loading happens once per process per set of folders. The
    shipped content's wording checks are left to CI (see ``_read_content``)."""
    shipped = root.resolve() == content_dir().resolve()
    bank, problems = _read_content(root, overlays, checked=shipped)
    if bank is None:
        more = f" (and {len(problems) - 1} more; run 'clinic-prep content check')"
        raise ContentError(f"{problems[0]}{more if len(problems) > 1 else ''}")
    return bank

"""Checks across the content files, made while the bank is read: what each file cites, and
the ids one file names in another (a rule's checks, a check's topic)."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from clinic_prep.content.card_schema import CardFile
from clinic_prep.content.model import Problem
from clinic_prep.content.rules_schema import RulesFile
from clinic_prep.content.schema import Check, ChecksFile

if TYPE_CHECKING:
    from clinic_prep.content.bank import _Reader
    from clinic_prep.core.yaml_source import YamlDocument as Document


def cite_each(reader: "_Reader", items: Sequence[Any], doc: "Document", key: str) -> None:
    """Each item of a file's list cites its sources (a passage of what we know, a resource)."""
    for index, item in enumerate(items):
        reader.citations.append((item.sources, doc, (key, index)))


def cite_card(reader: "_Reader", card: CardFile, doc: "Document") -> None:
    """Every statement on the emergency card cites its sources."""
    reader.citations.append((card.condition.sources, doc, ("condition",)))
    for index, line in enumerate(card.emergency):
        reader.citations.append((line.sources, doc, ("emergency", index)))


def cite_checks(reader: "_Reader", checks_file: ChecksFile, doc: "Document") -> None:
    """Each check's sources are cited, and no check id is given twice."""
    seen: set[str] = set()
    for index, check in enumerate(checks_file.checks):
        reader.citations.append((check.sources, doc, ("checks", index)))
        if check.id in seen:
            reader.problem(doc, ("checks", index, "id"), f"duplicate check id {check.id!r}")
        seen.add(check.id)


def check_topics(reader: "_Reader", checks_file: ChecksFile, doc: "Document") -> None:
    for index, check in enumerate(checks_file.checks):
        if check.topic not in reader.topics:
            reader.problem(doc, ("checks", index, "topic"), f"unknown topic {check.topic!r}")


def _rules_with_places(rules: RulesFile) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every rule with where it is in the file."""
    found: list[tuple[tuple[str | int, ...], Any]] = [
        (("whole_person",), rules.whole_person),
        (("coverage",), rules.coverage),
        (("clinic_topics",), rules.clinic_topics),
        (("overdue",), rules.overdue),
        (("baseline",), rules.baseline),
    ]
    for part in ("interactions", "must_have", "first"):
        found += [((part, index), rule) for index, rule in enumerate(getattr(rules, part))]
    return found


def cite_rules(reader: "_Reader", rules: RulesFile, doc: "Document") -> None:
    for place, rule in _rules_with_places(rules):
        reader.citations.append((rule.sources, doc, place))


def check_rule_names(
    reader: "_Reader", rules: RulesFile, doc: "Document", checks: list[Check]
) -> None:
    """The checks a rule or a question names must exist. A question or topic a rule names may
    be absent (a clinic may retire a question, or work from a smaller bank): the rule then
    passes over it; the shipped rules' questions and topics are checked by the test suite."""
    check_ids = {check.id for check in checks}
    for place, rule in _rules_with_places(rules):
        for index, check_id in enumerate(getattr(rule, "checks", [])):
            if check_id not in check_ids:
                reader.problem(doc, (*place, "checks", index), f"unknown check {check_id!r}")
    for item in reader.questions:
        named = [*item.question.checks, *item.question.when.unless_recent]
        for check_id in sorted(set(named) - check_ids):
            reader.problems.append(
                Problem(item.path, item.line, f"{item.question.id}: unknown check {check_id!r}")
            )

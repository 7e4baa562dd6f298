"""The content review sheet: every question in the bank, laid out for a clinician to check.

Plain data (renderers lay it out): each question's id, both wordings, why, its conditions in
words, its sources by name (cited in full once per topic), its reading level and when
its wording last changed, grouped by topic.
"""

import functools
from dataclasses import dataclass

from clinic_prep.choose.content_quality import grade_level
from clinic_prep.content.model import Bank
from clinic_prep.content.premises import readers_seeing
from clinic_prep.content.rules_schema import RulesFile, Sourced, Trigger
from clinic_prep.content.schema import AgeRange, When
from clinic_prep.core.vocabulary import (
    BODY_SYSTEM_LABELS,
    CLINIC_LABELS,
    GENETIC_RESULT_LABELS,
    READER_LABELS,
    SEX_LABELS,
    SITUATION_LABELS,
    Reader,
)


@dataclass(frozen=True)
class ReviewEntry:
    id: str
    text: str
    text_readers: tuple[Reader, ...]  # who reads ``text``: a relative-only question has no parent
    text_self: str | None
    why: str | None
    conditions: str
    priority: int
    sources: tuple[str, ...]
    grade: float
    updated: str
    local: str | None

    @property
    def text_for(self) -> str:
        """Who the main wording is for, in words: "a parent or carer"."""
        return _either([READER_LABELS[reader].lower() for reader in self.text_readers])


@dataclass(frozen=True)
class ReviewTopic:
    title: str
    entries: tuple[ReviewEntry, ...]
    citations: tuple[str, ...]  # each source the topic's questions use, in full, once


@dataclass(frozen=True)
class ReviewRule:
    """One visit rule (content/rules.yaml) in words, for sign-off with the questions."""

    id: str
    kind: str  # "Must have", "First three"...
    what: str  # what it does, in words
    why: str
    sources: tuple[str, ...]  # by name


@dataclass(frozen=True)
class ReviewSheet:
    title: str
    summary: str
    topics: tuple[ReviewTopic, ...]
    rules: tuple[ReviewRule, ...] = ()
    rules_citations: tuple[str, ...] = ()


def _either(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _both(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def conditions_in_words(when: When) -> str:
    """``{situations: [siblings], age: {max: 5}}`` -> "For: Brothers and sisters. Ages up
    to 5." The visit must have one of the situations or clinics; every other part must hold."""
    purposes = [SITUATION_LABELS[s] for s in when.situations]
    purposes += [CLINIC_LABELS[c] for c in when.clinics]
    parts = []
    if purposes:
        parts.append("For: " + _either(purposes))
    if when.not_clinics:
        parts.append("Not with: " + _either([CLINIC_LABELS[c] for c in when.not_clinics]))
    if when.involves:
        parts.append("Affects: " + _either([BODY_SYSTEM_LABELS[b] for b in when.involves]))
    if when.involves_all:
        parts.append("Affects: " + _both([BODY_SYSTEM_LABELS[b] for b in when.involves_all]))
    if when.not_involves:
        parts.append(
            "Not when it affects: " + _either([BODY_SYSTEM_LABELS[b] for b in when.not_involves])
        )
    if when.age is not None:
        low, high = when.age.min, when.age.max
        ages = (
            f"up to {high}"
            if low == 0
            else (f"{low} and over" if high >= 120 else f"{low} to {high}")
        )
        parts.append(f"Ages {ages}")
    if when.sex is not None:
        parts.append(f"Sex: {SEX_LABELS[when.sex].lower()}")
    if when.readers:
        parts.append("Read by " + _either([READER_LABELS[r].lower() for r in when.readers]))
    if when.diagnosis is not None:
        parts.append(f"Diagnosis: {when.diagnosis.value.replace('-', ' ')}")
    if when.results:
        parts.append("Genetic result: " + _either([GENETIC_RESULT_LABELS[r] for r in when.results]))
    return ". ".join(parts) + "." if parts else "Every visit."


def _ages(band: AgeRange | None) -> str:
    if band is None:
        return ""
    if band.min == 0:
        return f"ages up to {band.max}"
    return f"ages {band.min} and over" if band.max >= 120 else f"ages {band.min} to {band.max}"


def _where(at: Trigger) -> str:
    """Where a rule fires, in words."""
    places = (["a visit that looks at the whole person"] if at.whole_person else []) + [
        *(SITUATION_LABELS[s] for s in at.situations),
        *(CLINIC_LABELS[c] for c in at.clinics),
        *(f"{BODY_SYSTEM_LABELS[b].lower()} involved" for b in at.involves),
    ]
    where = f"At {_either(places)}" if places else "At any visit"
    only = []
    if at.involves_all:
        only.append(_both([BODY_SYSTEM_LABELS[b].lower() for b in at.involves_all]) + " involved")
    if at.with_clinics:
        only.append("the " + _either([CLINIC_LABELS[c].lower() for c in at.with_clinics]))
    if at.age is not None:
        only.append(_ages(at.age))
    if at.readers:
        only.append("read by " + _either([READER_LABELS[r].lower() for r in at.readers]))
    return where + (f", only with {'; '.join(only)}" if only else "")


def _rules(bank: Bank) -> tuple[ReviewRule, ...]:
    """Every visit rule in words, in the file's order."""
    rules = bank.rules
    if rules is None:
        return ()
    words = _RuleWords(bank)
    return (
        *_visit_rules(rules, words),
        *_placing_rules(rules, words),
        *_urgency_rules(rules, words, bank),
    )


@dataclass(frozen=True)
class _RuleWords:
    """The bank's names for what the rules refer to by id."""

    bank: Bank

    @functools.cached_property
    def topics(self) -> dict[str, str]:
        return {topic.id: topic.title for topic in self.bank.topics}

    @functools.cached_property
    def checks(self) -> dict[str, str]:
        return {check.id: check.name for check in self.bank.checks}

    def names(self, ids: list[str]) -> tuple[str, ...]:
        return tuple(self.bank.sources[s].name for s in ids)

    def asked(self, ids: list[str]) -> str:
        texts = {item.question.id: item.question.text for item in self.bank.questions}
        return "; ".join(f"{i} ({texts[i]})" for i in ids if i in texts)


def _visit_rules(rules: RulesFile, words: _RuleWords) -> list[ReviewRule]:
    """Which visits look at the whole person, coverage there, and each clinic's own subject."""
    topics, names = words.topics, words.names
    whole = rules.whole_person
    out = [
        ReviewRule(
            "whole-person",
            "Visits that look at the whole person",
            _either(
                [*(SITUATION_LABELS[s] for s in whole.situations)]
                + [CLINIC_LABELS[c] for c in whole.clinics]
            )
            + ".",
            whole.why,
            names(whole.sources),
        ),
        ReviewRule(
            "coverage",
            "Coverage",
            f"At those visits each declared body system gets {rules.coverage.places} question "
            "of its own: "
            + "; ".join(
                f"{BODY_SYSTEM_LABELS[system]}: "
                + (_either([topics[t] for t in ids]) if ids else "a question naming it")
                for system, ids in rules.coverage.topics.items()
            )
            + "."
            + (
                " A list of the default length grows by one place for each declared system "
                f"beyond three, up to {rules.coverage.grows_by} more."
                if rules.coverage.grows_by
                else ""
            )
            + (
                f" {_where(rules.coverage.leads_at)}, such a question may be among the first "
                "three, as may a must-have placed for a declared body system."
                if rules.coverage.leads_at is not None
                else ""
            ),
            rules.coverage.why,
            names(rules.coverage.sources),
        ),
        ReviewRule(
            "clinic-topics",
            "Each clinic's own subject",
            "Among questions that serve a clinic equally, these come first: "
            + "; ".join(
                f"{CLINIC_LABELS[clinic]}: {_either([topics[t] for t in ids])}"
                for clinic, ids in rules.clinic_topics.topics.items()
            )
            + ".",
            rules.clinic_topics.why,
            names(rules.clinic_topics.sources),
        ),
        _stay_rule(rules, words),
    ]
    return out


def _stay_rule(rules: RulesFile, words: _RuleWords) -> ReviewRule:
    """In hospital, the stay's own questions before the clinic in charge."""
    stay = rules.stay_leads
    return ReviewRule(
        "stay-leads",
        "In hospital, the stay comes first",
        f"At {_either([SITUATION_LABELS[s] for s in stay.situations])}, the stay's own questions"
        + (
            " and those of the " + _either([CLINIC_LABELS[c].lower() for c in stay.clinics])
            if stay.clinics
            else ""
        )
        + " are asked before the everyday questions of the clinic in charge of the stay.",
        stay.why,
        words.names(stay.sources),
    )


def _placing_rules(rules: RulesFile, words: _RuleWords) -> list[ReviewRule]:
    """A system bearing on a clinic, the must-haves, and what comes first."""
    names, asked, checks = words.names, words.asked, words.checks
    out: list[ReviewRule] = []
    for interaction in rules.interactions:
        out.append(
            ReviewRule(
                interaction.id,
                "Bears on a clinic's work",
                f"At {_either([CLINIC_LABELS[c] for c in interaction.clinics])}, a declared "
                f"{_either([BODY_SYSTEM_LABELS[b].lower() for b in interaction.systems])} "
                "looked after elsewhere may take one place.",
                interaction.why,
                names(interaction.sources),
            )
        )
    for must in rules.must_have:
        how = "every one that fits" if must.all_that_apply else "the first that fits"
        out.append(
            ReviewRule(
                must.id,
                "Must have",
                f"{_where(must.at)}: {how} of {asked(must.questions)}.",
                must.why,
                names(must.sources),
            )
        )
    for first in rules.first:
        listed = (
            f" The checks list includes {_both([checks[c] for c in first.checks])}."
            if first.checks
            else ""
        )
        out.append(
            ReviewRule(
                first.id,
                "First three",
                f"{_where(first.at)}: up to {first.places} of {asked(first.questions)} come "
                "first"
                + (f", and {first.also_listed} more stay on the list" if first.also_listed else "")
                + f".{listed}",
                first.why,
                names(first.sources),
            )
        )
    return out


def _urgency_rules(rules: RulesFile, words: _RuleWords, bank: Bank) -> list[ReviewRule]:
    """Overdue checks, and the checks usually done at diagnosis."""
    names = words.names
    out: list[ReviewRule] = []
    overdue = rules.overdue
    out.append(
        ReviewRule(
            "overdue",
            "Overdue checks",
            f"A check is overdue once {overdue.times_interval} times its longest usual "
            "interval has passed; an overdue check of the "
            f"{_either([BODY_SYSTEM_LABELS[b].lower() for b in overdue.high_stakes])} is listed "
            "at any visit, and the first of them is among the first three.",
            overdue.why,
            names(overdue.sources),
        )
    )
    baseline = rules.baseline
    out.append(
        ReviewRule(
            "baseline",
            "Checks at diagnosis",
            f"At {_either([SITUATION_LABELS[s] for s in baseline.situations])}, these are "
            "listed as usually done at diagnosis: "
            + ", ".join(check.name for check in bank.checks if check.baseline)
            + ".",
            baseline.why,
            names(baseline.sources),
        )
    )
    return out


def review_sheet(bank: Bank) -> ReviewSheet:
    topics = []
    for topic in bank.topics:
        entries = []
        for item in bank.questions:
            if item.topic != topic:
                continue
            question = item.question
            wordings = [question.text, *([question.text_self] if question.text_self else [])]
            entries.append(
                ReviewEntry(
                    id=question.id,
                    text=question.text,
                    text_readers=tuple(
                        reader
                        for reader in Reader
                        if reader in readers_seeing(question.when, "text", bool(question.text_self))
                    ),
                    text_self=question.text_self,
                    why=question.why,
                    conditions=conditions_in_words(question.when),
                    priority=question.priority,
                    sources=tuple(bank.sources[s].name for s in question.sources),
                    grade=max(grade_level(w) for w in wordings),
                    updated=question.updated.isoformat(),
                    local=item.local,
                )
            )
        if entries:
            used = dict.fromkeys(
                s for item in bank.questions if item.topic == topic for s in item.question.sources
            )
            citations = tuple(bank.sources[s].reference for s in bank.sources if s in used)
            topics.append(ReviewTopic(topic.title, tuple(entries), citations))
    count = sum(len(topic.entries) for topic in topics)
    rules = _rules(bank)
    used_by_rules = {s for rule in _rule_models(bank) for s in rule.sources}
    return ReviewSheet(
        title="Question bank review",
        summary=(
            f"{count} questions in {len(topics)} topics, and {len(rules)} visit rules. Check "
            "each rule and each question's wording, conditions and sources, then sign off the "
            "rules and each topic. Each question's wordings say whom they are for (a parent, "
            "a relative, or the person themselves: self); priority 1 is asked first, 3 if "
            "there is time; its reading grade is the US school grade of its words, and the "
            "date is when they last changed."
        ),
        topics=tuple(topics),
        rules=rules,
        rules_citations=tuple(
            bank.sources[s].reference for s in bank.sources if s in used_by_rules
        ),
    )


def _rule_models(bank: Bank) -> list[Sourced]:
    rules = bank.rules
    if rules is None:
        return []
    return [
        rules.whole_person,
        rules.coverage,
        rules.clinic_topics,
        rules.stay_leads,
        *rules.interactions,
        *rules.must_have,
        *rules.first,
        rules.overdue,
        rules.baseline,
    ]

"""The visit rules (content/rules.yaml) in words, for a clinician to sign off with the
questions."""

import functools
from dataclasses import dataclass

from clinic_prep.compose.in_words import both, either, in_a_sentence, where_in_words
from clinic_prep.content.model import Bank
from clinic_prep.content.rules_schema import RulesFile, Sourced
from clinic_prep.core.vocabulary import BODY_SYSTEM_LABELS, CLINIC_LABELS, SITUATION_LABELS


@dataclass(frozen=True)
class ReviewRule:
    """One visit rule (content/rules.yaml) in words, for sign-off with the questions."""

    id: str
    kind: str  # "Must have", "First three"...
    what: str  # what it does, in words
    why: str
    sources: tuple[str, ...]  # by name


def rules_in_words(bank: Bank) -> tuple[ReviewRule, ...]:
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
            either(
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
                + (either([topics[t] for t in ids]) if ids else "a question naming it")
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
                f" {where_in_words(rules.coverage.leads_at)}, such a question may be among the "
                "first three, as may a must-have placed for a declared body system."
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
                f"{CLINIC_LABELS[clinic]}: {either([topics[t] for t in ids])}"
                for clinic, ids in rules.clinic_topics.topics.items()
            )
            + ".",
            rules.clinic_topics.why,
            names(rules.clinic_topics.sources),
        ),
        _stay_rule(rules, words),
        *_clinic_leads_rule(rules, words),
    ]
    return out


def _clinic_leads_rule(rules: RulesFile, words: _RuleWords) -> list[ReviewRule]:
    """A new diagnosis at a specialist's clinic: that clinic's questions lead."""
    leads = rules.clinic_leads
    if leads is None:
        return []
    return [
        ReviewRule(
            "clinic-leads",
            "A specialist's clinic leads",
            f"At {either([SITUATION_LABELS[s] for s in leads.situations])} with the "
            + either([in_a_sentence(CLINIC_LABELS[c]) for c in leads.clinics])
            + (
                f", or at {either([SITUATION_LABELS[s] for s in leads.alone_at])} with one of "
                "them alone"
                if leads.alone_at
                else ""
            )
            + ", that clinic's own questions come before the situation's alone in the first "
            "three (after the first tests).",
            leads.why,
            words.names(leads.sources),
        )
    ]


def _stay_rule(rules: RulesFile, words: _RuleWords) -> ReviewRule:
    """In hospital, the stay's own questions before the clinic in charge."""
    stay = rules.stay_leads
    return ReviewRule(
        "stay-leads",
        "In hospital, the stay comes first",
        f"At {either([SITUATION_LABELS[s] for s in stay.situations])}, the stay's own questions"
        + (
            " and those of the " + either([in_a_sentence(CLINIC_LABELS[c]) for c in stay.clinics])
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
                f"At {either([CLINIC_LABELS[c] for c in interaction.clinics])}, a declared "
                f"{either([BODY_SYSTEM_LABELS[b].lower() for b in interaction.systems])} "
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
                f"{where_in_words(must.at)}: {how} of {asked(must.questions)}.",
                must.why,
                names(must.sources),
            )
        )
    for first in rules.first:
        listed = (
            f" The checks list includes {both([checks[c] for c in first.checks])}."
            if first.checks
            else ""
        )
        out.append(
            ReviewRule(
                first.id,
                "First three",
                f"{where_in_words(first.at)}: up to {first.places} of {asked(first.questions)} "
                "come first"
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
            f"{either([BODY_SYSTEM_LABELS[b].lower() for b in overdue.high_stakes])} is listed "
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
            f"At {either([SITUATION_LABELS[s] for s in baseline.situations])}, these are "
            "listed, as usually done at diagnosis once it is made: "
            + ", ".join(check.name for check in bank.checks if check.baseline)
            + ".",
            baseline.why,
            names(baseline.sources),
        )
    )
    return out


def rule_models(bank: Bank) -> list[Sourced]:
    rules = bank.rules
    if rules is None:
        return []
    return [
        rules.whole_person,
        rules.coverage,
        rules.clinic_topics,
        rules.stay_leads,
        *([rules.clinic_leads] if rules.clinic_leads else []),
        *rules.interactions,
        *rules.must_have,
        *rules.first,
        rules.overdue,
        rules.baseline,
    ]

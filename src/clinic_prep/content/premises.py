"""What a question's words take for granted, and whether its ``when`` makes sure of it.

``content/premises.yaml`` lists phrases that carry a premise ("my baby" assumes a baby; "start
learning braille" assumes a young child whose diagnosis is confirmed). A question whose wording
holds such a phrase must require the premise in its ``when``, or it could be chosen for a
profile that contradicts its words. ``content check`` enforces this for every wording.
"""

from dataclasses import dataclass
from typing import Any

from clinic_prep.content.schema import Premise, When
from clinic_prep.core.vocabulary import GeneticResult, Reader

# Who a question is for when it does not say: the person with the condition, or their parent.
DEFAULT_READERS = frozenset({Reader.PARENT, Reader.SELF})


# How long one phrase may take on one wording. The shipped phrases take microseconds; a
# phrase written so that it backtracks without end (a local bank's "(a+)+") is stopped and
# reported instead of hanging "content check".
MATCH_TIME_LIMIT = 0.25  # seconds


class TooSlow(Exception):
    """A premise phrase took longer than MATCH_TIME_LIMIT on one wording."""


@dataclass(frozen=True)
class PremiseRule:
    """A premise phrase, compiled once."""

    premise: Premise
    pattern: Any  # a ``regex`` pattern: like ``re``, with a time limit on each search

    def found_in(self, wording: str) -> bool:
        try:
            return self.pattern.search(wording, timeout=MATCH_TIME_LIMIT) is not None
        except TimeoutError:
            raise TooSlow(self.premise.words) from None


def compile_rules(premises: tuple[Premise, ...]) -> tuple[PremiseRule, ...]:
    # Only a bank whose wordings are checked needs this: never a pack made from the shipped
    # content, so "generate" does not load the library.
    import regex

    return tuple(
        PremiseRule(premise, regex.compile(premise.words, regex.IGNORECASE | regex.V0))
        for premise in premises
    )


def readers_of(when: When) -> frozenset[Reader]:
    return frozenset(when.readers) if when.readers else DEFAULT_READERS


def readers_seeing(when: When, wording: str, has_self_wording: bool) -> frozenset[Reader]:
    """Who reads this wording: ``text_self`` is for the person themselves; ``text`` for every
    other reader the question is for (and for them too, when there is no ``text_self``); the
    ``why`` line, for every reader."""
    readers = readers_of(when)
    if wording == "why":
        return readers
    if wording == "text_self":
        return readers & {Reader.SELF}
    return readers - {Reader.SELF} if has_self_wording else readers


def unmet(when: When, needed: When, readers: frozenset[Reader] | None = None) -> list[str]:
    """The parts of ``needed`` that ``when`` does not make sure of (empty: all established).
    ``readers`` are the readers who see the wording (by default, everyone it is for)."""
    missing: list[str] = []
    surely_involved = set(when.involves_all) | (
        set(when.involves) if len(when.involves) == 1 else set()
    )
    if needed.involves and not (
        surely_involved & set(needed.involves)
        or (when.involves and set(when.involves) <= set(needed.involves))
    ):
        missing.append(f"involves: any of {', '.join(needed.involves)}")
    if not set(needed.involves_all) <= surely_involved:
        missing.append(f"involves_all: {', '.join(needed.involves_all)}")
    if not set(needed.not_involves) <= set(when.not_involves):
        missing.append(f"not_involves: {', '.join(needed.not_involves)}")
    if needed.age is not None and not (
        when.age is not None and needed.age.min <= when.age.min and when.age.max <= needed.age.max
    ):
        missing.append(f"age within {needed.age.min}-{needed.age.max}")
    if needed.sex is not None and when.sex is not needed.sex:
        missing.append(f"sex: {needed.sex}")
    if needed.readers and not (readers or readers_of(when)) <= set(needed.readers):
        missing.append(f"readers: only {', '.join(needed.readers)}")
    if needed.diagnosis is not None and when.diagnosis is not needed.diagnosis:
        missing.append(f"diagnosis: {needed.diagnosis}")
    if needed.results and not (when.results and set(when.results) <= set(needed.results)):
        missing.append(f"results: only {', '.join(needed.results)}")
    excluded = set(when.not_results) | (
        set(GeneticResult) - set(when.results) if when.results else set()
    )
    if not set(needed.not_results) <= excluded:
        missing.append(f"not_results: {', '.join(needed.not_results)}")
    if not set(needed.not_needs) <= set(when.not_needs):
        missing.append(f"not_needs: {', '.join(needed.not_needs)}")
    if not set(needed.not_clinics) <= set(when.not_clinics):
        missing.append(f"not_clinics: {', '.join(needed.not_clinics)}")
    if needed.follow_up and not when.follow_up:
        missing.append("follow_up: true")
    if needed.siblings and not when.siblings:
        missing.append("siblings: true")
    if not set(needed.unless_recent) <= set(when.unless_recent):
        missing.append(f"unless_recent: {', '.join(needed.unless_recent)}")
    return missing

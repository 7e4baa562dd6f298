"""The interview's answers looked at together: each in words for the summary, and whether
they contradict each other, before the pack is made."""

from typing import Any

from pydantic import ValidationError

from clinic_prep.core.vocabulary import KINDS
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_fields import FIELDS, Shape
from clinic_prep.intake.profile_io import profile_problems

Answers = dict[str, Any]


def shown(name: str, answers: Answers) -> str:
    """An answer in words, as the summary shows it."""
    field = FIELDS[name]
    value = answers.get(name)
    if field.shape is Shape.YES_NO:
        return "yes" if value else "no"
    if field.shape is Shape.PAIRS:
        dated = (f"{check.replace('-', ' ')} {when}" for check, when in (value or {}).items())
        return "; ".join(dated) or "(none)"
    if field.values is not None:
        if not value:
            return "(none)"
        labels = KINDS[field.values].labels
        return "; ".join(labels[one] for one in value) if field.several else labels[value]
    if field.several:  # the family's own questions: how many, not all of their text again
        return str(len(value or []))
    return "(not given)" if value is None else str(value)


def contradictions(answers: Answers) -> list[tuple[str, str]]:
    """What the answers say that cannot all be true (a check after the visit date), as
    ``(field, reason)``, never repeating a value; empty when they fit together."""
    try:
        Profile.model_validate(answers)
    except ValidationError as exc:
        return [
            (str(loc[0]), reason)
            for loc, reason in profile_problems(exc)
            if loc and loc[0] in FIELDS
        ]
    return []

"""A question's conditions, and where a visit rule fires, in words a clinician reads."""

from clinic_prep.content.rules_schema import Trigger
from clinic_prep.content.schema import AgeRange, When
from clinic_prep.core.vocabulary import (
    BODY_SYSTEM_LABELS,
    CLINIC_LABELS,
    GENETIC_RESULT_LABELS,
    READER_LABELS,
    SEX_LABELS,
    SITUATION_LABELS,
)


def either(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def both(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def conditions_in_words(when: When) -> str:
    """``{situations: [siblings], age: {max: 5}}`` -> "For: Brothers and sisters. Ages up
    to 5." The visit must have one of the situations or clinics; every other part must hold."""
    purposes = [SITUATION_LABELS[s] for s in when.situations]
    purposes += [CLINIC_LABELS[c] for c in when.clinics]
    parts = []
    if purposes:
        parts.append("For: " + either(purposes))
    if when.not_clinics:
        parts.append("Not with: " + either([CLINIC_LABELS[c] for c in when.not_clinics]))
    if when.not_situations:
        parts.append("Not at: " + either([SITUATION_LABELS[s] for s in when.not_situations]))
    if when.involves:
        parts.append("Affects: " + either([BODY_SYSTEM_LABELS[b] for b in when.involves]))
    if when.involves_all:
        parts.append("Affects: " + both([BODY_SYSTEM_LABELS[b] for b in when.involves_all]))
    if when.not_involves:
        parts.append(
            "Not when it affects: " + either([BODY_SYSTEM_LABELS[b] for b in when.not_involves])
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
        parts.append("Read by " + either([READER_LABELS[r].lower() for r in when.readers]))
    if when.diagnosis is not None:
        parts.append(f"Diagnosis: {when.diagnosis.value.replace('-', ' ')}")
    if when.results:
        parts.append("Genetic result: " + either([GENETIC_RESULT_LABELS[r] for r in when.results]))
    return ". ".join(parts) + "." if parts else "Every visit."


def _ages(band: AgeRange | None) -> str:
    if band is None:
        return ""
    if band.min == 0:
        return f"ages up to {band.max}"
    return f"ages {band.min} and over" if band.max >= 120 else f"ages {band.min} to {band.max}"


def in_a_sentence(label: str) -> str:
    """A label inside a sentence: its first letter small, a name's own capitals kept
    ("specialist Alström clinic")."""
    return label[:1].lower() + label[1:]


def where_in_words(at: Trigger) -> str:
    """Where a rule fires, in words."""
    places = (["a visit that looks at the whole person"] if at.whole_person else []) + [
        *(SITUATION_LABELS[s] for s in at.situations),
        *(CLINIC_LABELS[c] for c in at.clinics),
        *(f"{BODY_SYSTEM_LABELS[b].lower()} involved" for b in at.involves),
    ]
    where = f"At {either(places)}" if places else "At any visit"
    only = []
    if at.involves_all:
        only.append(both([BODY_SYSTEM_LABELS[b].lower() for b in at.involves_all]) + " involved")
    if at.with_clinics:
        only.append("the " + either([in_a_sentence(CLINIC_LABELS[c]) for c in at.with_clinics]))
    if at.clinics_only:
        clinics = either([in_a_sentence(CLINIC_LABELS[c]) for c in at.clinics_only])
        only.append(f"no clinic named but the {clinics}")
    if at.age is not None:
        only.append(_ages(at.age))
    if at.readers:
        only.append("read by " + either([READER_LABELS[r].lower() for r in at.readers]))
    never = [SITUATION_LABELS[s].lower() for s in at.not_situations]
    return (
        where
        + (f", only with {'; '.join(only)}" if only else "")
        + (f"; not when {either(never)}" if never else "")
    )

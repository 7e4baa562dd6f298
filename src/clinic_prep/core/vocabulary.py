"""The controlled vocabulary shared by profiles, the question bank and the CLI.

Values are kebab-case strings because they appear in YAML, CSV cells and command-line flags.
Labels are the plain words a family reads in the pack. Each value is described once, here; what
people may type for it (the value in any case or spacing, its label, a few other words) and the
lists shown in help and errors are derived from these tables by ``match``.
"""

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar


class Situation(StrEnum):
    SUSPECTED = "suspected"
    AWAITING_RESULT = "awaiting-result"
    NEWLY_DIAGNOSED = "newly-diagnosed"
    RESULT_RECEIVED = "result-received"
    SIBLINGS = "siblings"
    PREGNANCY_PLANNING = "pregnancy-planning"
    ANNUAL_REVIEW = "annual-review"
    TRANSITION = "transition"
    HOSPITAL_STAY = "hospital-stay"
    ROUTINE_VISIT = "routine-visit"  # a regular visit to the named clinics


class Clinic(StrEnum):
    GENETICS = "genetics"
    EYES = "eyes"
    HEARING = "hearing"
    HEART = "heart"
    DIABETES_ENDOCRINE = "diabetes-endocrine"
    LIVER = "liver"
    KIDNEY = "kidney"
    LUNGS = "lungs"
    MULTIDISCIPLINARY = "multidisciplinary"
    PRIMARY_CARE = "primary-care"
    PSYCHOLOGY = "psychology"
    DIETETICS = "dietetics"
    EMERGENCY = "emergency"


class BodySystem(StrEnum):
    VISION = "vision"
    HEARING = "hearing"
    HEART = "heart"
    WEIGHT_METABOLISM = "weight-metabolism"
    DIABETES = "diabetes"
    LIVER = "liver"
    KIDNEY = "kidney"
    BLADDER = "bladder"
    LUNGS = "lungs"
    HORMONES_GROWTH = "hormones-growth"
    SPINE_BONES = "spine-bones"
    DEVELOPMENT_LEARNING = "development-learning"


class Reader(StrEnum):
    """Who reads the pack: a parent ("my child"), the person themselves ("I"), or a brother,
    sister or other relative of someone with the condition, asking for themselves."""

    PARENT = "parent"
    SELF = "self"
    RELATIVE = "relative"


class Sex(StrEnum):
    """Sex of the person the visit is about; optional, for the few questions that depend on it."""

    FEMALE = "female"
    MALE = "male"


class GeneticResult(StrEnum):
    """What the genetic test found, once a result is back."""

    CONFIRMED = "confirmed"  # two disease-causing changes in ALMS1
    UNCERTAIN = "uncertain"  # a variant of uncertain significance (VUS)
    ONE_CHANGE = "one-change"  # only one disease-causing change found
    NONE_FOUND = "none-found"


class Diagnosis(StrEnum):
    """Whether the profile establishes the diagnosis; a question may assume either."""

    CONFIRMED = "confirmed"
    NOT_CONFIRMED = "not-confirmed"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class PackSections(StrEnum):
    """Which parts of the pack to make: a family with sheets already in a folder prints the
    questions only; a coordinator refilling a folder prints the sheets only."""

    ALL = "all"
    QUESTIONS = "questions"
    SHEETS = "sheets"


class OutputFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"
    TXT = "txt"
    JSON = "json"
    FHIR = "fhir"


class CommunicationNeed(StrEnum):
    """What helps a person take part in the visit; shown first on the cover."""

    LARGE_PRINT = "large-print"
    BRAILLE = "braille"
    SCREEN_READER = "screen-reader"
    HEARING_AIDS = "hearing-aids"
    COCHLEAR_IMPLANT = "cochlear-implant"
    HEARING_LOOP = "hearing-loop"
    SIGN_LANGUAGE = "sign-language-interpreter"
    TACTILE_SIGNING = "tactile-signing"
    DIMMED_LIGHTS = "dimmed-lights"
    EXTRA_TIME = "extra-time"


SITUATION_LABELS: dict[Situation, str] = {
    Situation.SUSPECTED: "Tests under way",
    Situation.AWAITING_RESULT: "Waiting for a genetic result",
    Situation.NEWLY_DIAGNOSED: "Newly diagnosed",
    Situation.RESULT_RECEIVED: "Genetic result received",
    Situation.SIBLINGS: "Brothers and sisters",
    Situation.PREGNANCY_PLANNING: "Planning a pregnancy",
    Situation.ANNUAL_REVIEW: "Yearly review",
    Situation.TRANSITION: "Moving to adult care",
    Situation.HOSPITAL_STAY: "Hospital stay or emergency",
    Situation.ROUTINE_VISIT: "Regular clinic visit",
}

# Situations that only arise before the diagnosis is settled.
NOT_YET_CONFIRMED_SITUATIONS = frozenset({Situation.SUSPECTED, Situation.AWAITING_RESULT})
# Situations that only arise once the diagnosis is made (in the person, or for brothers,
# sisters and pregnancies, in the family: testing relatives needs the family's gene changes).
CONFIRMED_SITUATIONS = frozenset(
    {
        Situation.NEWLY_DIAGNOSED,
        Situation.SIBLINGS,
        Situation.PREGNANCY_PLANNING,
        Situation.ANNUAL_REVIEW,
        Situation.TRANSITION,
        Situation.ROUTINE_VISIT,
        Situation.HOSPITAL_STAY,
    }
)

# Visits with no earlier one to compare with ("compared with last year" does not fit them).
FIRST_VISIT_SITUATIONS = frozenset(
    {Situation.SUSPECTED, Situation.AWAITING_RESULT, Situation.NEWLY_DIAGNOSED}
)

GENETIC_RESULT_LABELS: dict[GeneticResult, str] = {
    GeneticResult.CONFIRMED: "Two gene changes found: the diagnosis is confirmed",
    GeneticResult.UNCERTAIN: "A gene change of uncertain meaning (VUS)",
    GeneticResult.ONE_CHANGE: "Only one gene change found",
    GeneticResult.NONE_FOUND: "No gene change found",
}

SEX_LABELS: dict[Sex, str] = {Sex.FEMALE: "Female", Sex.MALE: "Male"}

READER_LABELS: dict[Reader, str] = {
    Reader.PARENT: "A parent or carer",
    Reader.SELF: "The person with the condition",
    Reader.RELATIVE: "A relative, asking for themselves",
}

CLINIC_LABELS: dict[Clinic, str] = {
    Clinic.GENETICS: "Genetics",
    Clinic.EYES: "Eye clinic",
    Clinic.HEARING: "Hearing clinic",
    Clinic.HEART: "Heart clinic",
    Clinic.DIABETES_ENDOCRINE: "Diabetes and hormone clinic",
    Clinic.LIVER: "Liver clinic",
    Clinic.KIDNEY: "Kidney clinic",
    Clinic.LUNGS: "Lung clinic",
    Clinic.MULTIDISCIPLINARY: "Specialist Alström clinic",
    Clinic.PRIMARY_CARE: "Family doctor",
    Clinic.PSYCHOLOGY: "Psychology",
    Clinic.DIETETICS: "Dietitian",
    Clinic.EMERGENCY: "Emergency department",
}

COMMUNICATION_LABELS: dict[CommunicationNeed, str] = {
    CommunicationNeed.LARGE_PRINT: "Large print (18 point or bigger)",
    CommunicationNeed.BRAILLE: "Braille",
    CommunicationNeed.SCREEN_READER: "Screen reader or audio: please send documents by email",
    CommunicationNeed.HEARING_AIDS: "Wears hearing aids",
    CommunicationNeed.COCHLEAR_IMPLANT: "Has a cochlear implant",
    CommunicationNeed.HEARING_LOOP: "Please use a hearing loop",
    CommunicationNeed.SIGN_LANGUAGE: "Needs a sign language interpreter",
    CommunicationNeed.TACTILE_SIGNING: "Uses hands-on (tactile) signing",
    CommunicationNeed.DIMMED_LIGHTS: "Bright light hurts: please dim the lights",
    CommunicationNeed.EXTRA_TIME: "Please allow extra time",
}

# The parts of the body each clinic looks after. A question chosen for a body system serves a
# visit to the clinic that looks after that system (the hearing clinic, for hearing).
# Clinics that look at the whole person (specialist clinic, family doctor) cover every system.
CLINIC_BODY_SYSTEMS: dict[Clinic, frozenset[BodySystem]] = {
    Clinic.GENETICS: frozenset(),
    Clinic.EYES: frozenset({BodySystem.VISION}),
    Clinic.HEARING: frozenset({BodySystem.HEARING}),
    Clinic.HEART: frozenset({BodySystem.HEART}),
    Clinic.DIABETES_ENDOCRINE: frozenset(
        {BodySystem.DIABETES, BodySystem.WEIGHT_METABOLISM, BodySystem.HORMONES_GROWTH}
    ),
    Clinic.LIVER: frozenset({BodySystem.LIVER}),
    Clinic.KIDNEY: frozenset({BodySystem.KIDNEY, BodySystem.BLADDER}),
    Clinic.LUNGS: frozenset({BodySystem.LUNGS}),
    Clinic.MULTIDISCIPLINARY: frozenset(BodySystem),
    Clinic.PRIMARY_CARE: frozenset(BodySystem),
    Clinic.PSYCHOLOGY: frozenset({BodySystem.DEVELOPMENT_LEARNING}),
    Clinic.DIETETICS: frozenset({BodySystem.WEIGHT_METABOLISM, BodySystem.DIABETES}),
    Clinic.EMERGENCY: frozenset(),
}

BODY_SYSTEM_LABELS: dict[BodySystem, str] = {
    BodySystem.VISION: "Sight",
    BodySystem.HEARING: "Hearing",
    BodySystem.HEART: "Heart",
    BodySystem.WEIGHT_METABOLISM: "Weight and metabolism",
    BodySystem.DIABETES: "Diabetes",
    BodySystem.LIVER: "Liver",
    BodySystem.KIDNEY: "Kidneys",
    BodySystem.BLADDER: "Bladder",
    BodySystem.LUNGS: "Lungs",
    BodySystem.HORMONES_GROWTH: "Hormones and growth",
    BodySystem.SPINE_BONES: "Spine and bones",
    BodySystem.DEVELOPMENT_LEARNING: "Development and learning",
}

PAPER_LABELS: dict[Paper, str] = {Paper.A4: "A4", Paper.LETTER: "US Letter"}
SECTIONS_LABELS: dict[PackSections, str] = {
    PackSections.ALL: "Everything: the questions and the record sheets",
    PackSections.QUESTIONS: "The questions only (the record sheets are already in a folder)",
    PackSections.SHEETS: "The record sheets only",
}
# What people call each output format ("--format text" works as well as "txt").
FORMAT_LABELS: dict[OutputFormat, str] = {
    OutputFormat.PDF: "PDF",
    OutputFormat.HTML: "web page",
    OutputFormat.TXT: "text",
    OutputFormat.JSON: "JSON",
    OutputFormat.FHIR: "FHIR",
}

# Other words people use for a value, beyond the value itself and its label.
OTHER_WORDS: dict[StrEnum, tuple[str, ...]] = {
    Situation.SUSPECTED: ("tests", "suspected diagnosis"),
    Situation.AWAITING_RESULT: ("waiting", "awaiting", "waiting for result"),
    Situation.RESULT_RECEIVED: ("result", "results"),
    Situation.NEWLY_DIAGNOSED: ("new diagnosis", "just diagnosed"),
    Situation.ANNUAL_REVIEW: ("annual", "yearly", "review"),
    Situation.ROUTINE_VISIT: ("routine", "regular", "regular visit", "check-up"),
    Situation.HOSPITAL_STAY: ("hospital", "emergency"),
    Situation.PREGNANCY_PLANNING: ("pregnancy",),
    Situation.SIBLINGS: ("brothers", "sisters", "sibling"),
    Clinic.EYES: ("eye", "ophthalmology", "eyes and sight", "sight", "vision"),
    Clinic.HEART: ("cardiology",),
    Clinic.HEARING: ("audiology", "ears"),
    Clinic.DIABETES_ENDOCRINE: ("diabetes", "endocrine", "endocrinology", "hormones"),
    Clinic.KIDNEY: ("kidneys", "renal", "nephrology"),
    Clinic.LUNGS: ("lung", "respiratory"),
    Clinic.LIVER: ("hepatology",),
    Clinic.MULTIDISCIPLINARY: ("alstrom clinic", "alström clinic", "specialist"),
    Clinic.PRIMARY_CARE: ("gp", "family doctor", "doctor"),
    Clinic.DIETETICS: ("diet", "dietitian", "dietician", "nutrition"),
    Clinic.EMERGENCY: ("a&e", "emergency department", "er"),
    BodySystem.VISION: ("eyes", "eye", "sight", "eyes and sight"),
    BodySystem.HEARING: ("ears",),
    BodySystem.KIDNEY: ("kidneys",),
    BodySystem.LUNGS: ("lung", "breathing"),
    BodySystem.WEIGHT_METABOLISM: ("weight", "metabolism"),
    BodySystem.HORMONES_GROWTH: ("hormones", "growth"),
    BodySystem.SPINE_BONES: ("spine", "bones", "scoliosis"),
    BodySystem.DEVELOPMENT_LEARNING: ("development", "learning"),
    Reader.PARENT: ("carer", "mother", "father", "mum", "dad", "parent or carer"),
    Reader.SELF: ("me", "myself", "patient", "i"),
    Reader.RELATIVE: ("sibling", "brother", "sister"),
    Sex.FEMALE: ("f", "girl", "woman"),
    Sex.MALE: ("m", "boy", "man"),
    GeneticResult.CONFIRMED: ("two changes", "positive"),
    GeneticResult.UNCERTAIN: ("vus", "variant of uncertain significance"),
    GeneticResult.ONE_CHANGE: ("one", "carrier"),
    GeneticResult.NONE_FOUND: ("none", "negative", "no change"),
    Paper.LETTER: ("us letter", "us", "letter size"),
    PackSections.ALL: ("both", "everything", "questions and sheets"),
    PackSections.QUESTIONS: ("questions only", "no sheets"),
    PackSections.SHEETS: ("sheets only", "record sheets", "records"),
    CommunicationNeed.SIGN_LANGUAGE: ("sign language", "interpreter", "bsl", "asl"),
    CommunicationNeed.HEARING_LOOP: ("loop",),
    CommunicationNeed.HEARING_AIDS: ("hearing aid",),
    CommunicationNeed.DIMMED_LIGHTS: ("dim lights", "dim light", "light sensitive"),
    CommunicationNeed.LARGE_PRINT: ("large",),
}


@dataclass(frozen=True)
class Kind:
    """A controlled vocabulary as people meet it: what one value is called, and its labels."""

    noun: str  # "clinic": for messages such as "not a clinic"
    labels: Mapping[Any, str]


KINDS: dict[type[StrEnum], Kind] = {
    Situation: Kind("situation", SITUATION_LABELS),
    Clinic: Kind("clinic", CLINIC_LABELS),
    BodySystem: Kind("body system", BODY_SYSTEM_LABELS),
    CommunicationNeed: Kind("communication need", COMMUNICATION_LABELS),
    Paper: Kind("paper size", PAPER_LABELS),
    PackSections: Kind("choice of sections", SECTIONS_LABELS),
    OutputFormat: Kind("format", FORMAT_LABELS),
    Sex: Kind("sex", SEX_LABELS),
    Reader: Kind("reader", READER_LABELS),
    GeneticResult: Kind("genetic result", GENETIC_RESULT_LABELS),
}

EnumT = TypeVar("EnumT", bound=StrEnum)


def squash(text: str) -> str:
    """What matching compares: lower case, letters and digits only ("Heart clinic" ->
    "heartclinic", "A-4" -> "a4"), so case, spaces, hyphens and underscores never matter."""
    return "".join(char for char in text.casefold() if char.isalnum() or char == "&")


def _spellings(kind: type[EnumT]) -> dict[str, EnumT]:
    """Every way of writing each value that matching accepts, squashed."""
    labels = KINDS[kind].labels
    found: dict[str, EnumT] = {}
    for member in kind:
        for spelling in (member.value, labels.get(member, ""), *OTHER_WORDS.get(member, ())):
            if spelling and (key := squash(spelling)):
                found.setdefault(key, member)
    # A clinic's value followed by "clinic" ("eyes clinic") means that clinic.
    if kind is Clinic:
        for member in kind:
            found.setdefault(squash(member.value) + "clinic", member)
    return found


def allowed_values(kind: type[StrEnum]) -> str:
    """``"a4, letter"``: the values of ``kind`` as a comma-separated list, for help and errors."""
    return ", ".join(member.value for member in kind)


def did_you_mean(text: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``text`` (ignoring case, spaces and hyphens), if any is close."""
    keys = {squash(choice): choice for choice in choices}
    close = difflib.get_close_matches(squash(text), list(keys), n=1, cutoff=cutoff)
    return keys[close[0]] if close else None


def match(kind: type[EnumT], value: object) -> EnumT:
    """The member of ``kind`` that ``value`` names: by value or label, ignoring case, spaces,
    hyphens and underscores. Otherwise a ``ValueError`` that suggests the closest value (never
    repeating what was typed: it could be anything, even a name)."""
    if isinstance(value, kind):
        return value
    noun = KINDS[kind].noun
    spellings = _spellings(kind)
    if isinstance(value, str) and (member := spellings.get(squash(value))) is not None:
        return member
    if isinstance(value, str) and (close := did_you_mean(value, list(spellings))):
        raise ValueError(f"not a {noun} we know; did you mean {spellings[close].value}?")
    raise ValueError(f"not a {noun} we know; use one of: {allowed_values(kind)}")

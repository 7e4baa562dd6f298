"""The controlled vocabulary shared by profiles, the question bank and the CLI.

Values are kebab-case strings because they appear in YAML, CSV cells and command-line flags.
Labels are the plain words a family reads in the pack.
"""

from enum import StrEnum


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
    """Who reads the pack: a parent ("my child") or the person themselves ("I")."""

    PARENT = "parent"
    SELF = "self"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


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

"""The cover of a pack: what helps the person communicate, the clinic's details, the visit's
details, a few lines on what the pack is for, and a box for the three most important
questions."""

from datetime import date

from clinic_prep.choose.places import TOP_COUNT
from clinic_prep.choose.selection import Plan
from clinic_prep.compose.pack import (
    BulletList,
    Callout,
    CalloutContent,
    Detail,
    DetailList,
    Paragraph,
    Section,
    Style,
    WriteIn,
)
from clinic_prep.compose.sheets import unbroken
from clinic_prep.compose.templating import paragraphs
from clinic_prep.compose.voice import voice_of
from clinic_prep.core.vocabulary import (
    CLINIC_LABELS,
    COMMUNICATION_LABELS,
    SITUATION_LABELS,
    PackSections,
)
from clinic_prep.intake.clinic_info import ClinicInfo
from clinic_prep.intake.profile import Profile

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
# How many of their own most important questions the reader writes on the cover: the same
# number as the questions we suggest asking first, so "three" is one idea throughout.
THREE = NUMBER_WORDS[TOP_COUNT]


def long_date(value: date) -> str:
    """``3 December 2026``: unambiguous in every English-speaking country."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


# -- the cover --------------------------------------------------------------------------------


def _cover_details(profile: Profile, plan: Plan, handout: bool) -> DetailList:
    """Label and value pairs for the cover. An empty value is a line to write on; a handout
    always offers the name and age lines."""
    details = []
    if profile.first_name or handout:
        details.append(Detail("Name", profile.first_name or ""))
    if plan.age is not None:
        details.append(Detail("Age", plan.age.in_words()))
    elif handout:
        details.append(Detail("Age", ""))
    details.append(
        Detail("Visit date", long_date(profile.visit_date) if profile.visit_date else "")
    )
    clinics = ", ".join(CLINIC_LABELS[clinic] for clinic in profile.clinics)
    details.append(Detail("Clinics", clinics))
    situations = ", ".join(SITUATION_LABELS[situation] for situation in profile.situations)
    details.append(Detail("Situation", situations))
    return DetailList(tuple(details), blank="(to fill in)")


def _communication(profile: Profile) -> Callout | None:
    if not profile.communication_needs and not profile.communication_notes:
        return None
    title = voice_of(profile.reader).communication_title(profile.first_name)
    blocks: list[CalloutContent] = []
    if profile.communication_needs:
        blocks.append(
            BulletList(tuple(COMMUNICATION_LABELS[n] for n in profile.communication_needs))
        )
    if profile.communication_notes:
        blocks.append(Paragraph(profile.communication_notes))
    return Callout(title, tuple(blocks))


def _clinic_lines(clinic: ClinicInfo) -> list[str]:
    lines = clinic.lines()
    for phone in clinic.phones:
        lines = [line.replace(phone.number, unbroken(phone.number)) for line in lines]
    return lines


def _clinic_box(clinic: ClinicInfo) -> Callout:
    name, *rest = _clinic_lines(clinic)
    return Callout(
        "Your clinic", (Paragraph(name, Style.STRONG), *(Paragraph(line) for line in rest))
    )


def _top_box(plan: Plan) -> Callout:
    hint = paragraphs("top_three_hint.txt.j2", three=THREE, top_count=len(plan.top))
    spaces = [
        WriteIn(f"{n}.", f"My most important question {n}", 2, f"top-{n}")
        for n in range(1, TOP_COUNT + 1)
    ]
    return Callout(
        f"My {THREE} most important questions",
        (*(Paragraph(text, Style.SMALL) for text in hint), *spaces),
    )


def cover(profile: Profile, plan: Plan, clinic: ClinicInfo | None, handout: bool) -> Section:
    name = profile.first_name
    voice = voice_of(profile.reader)
    heading = voice.cover_heading(name)
    blocks: list[CalloutContent | Callout | DetailList] = []
    if communication := _communication(profile):
        blocks.append(communication)
    if clinic:
        blocks.append(_clinic_box(clinic))
    blocks.append(_cover_details(profile, plan, handout))
    intro = paragraphs(
        "cover_intro.txt.j2",
        voice=voice,
        name=name,
        three=THREE,
        sheets=profile.sections is PackSections.ALL,
    )
    blocks += [Paragraph(text) for text in intro]
    blocks.append(_top_box(plan))
    return Section("cover", heading, tuple(blocks))

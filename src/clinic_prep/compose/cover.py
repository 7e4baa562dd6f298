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
from clinic_prep.content.model import Bank
from clinic_prep.content.words_schema import CoverWords
from clinic_prep.core.vocabulary import (
    CLINIC_LABELS,
    COMMUNICATION_LABELS,
    SITUATION_LABELS,
    CommunicationNeed,
    PackSections,
    Situation,
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


def _cover_details(
    profile: Profile, plan: Plan, handout: bool, who_to_call: bool, words: CoverWords
) -> DetailList:
    """Label and value pairs for the cover. An empty value is a line to write on; a handout
    always offers the name and age lines, and with no clinic's details, a line for who to
    call if worried."""
    details = []
    if profile.first_name or handout:
        details.append(Detail(words.name, profile.first_name or ""))
    if plan.age is not None:
        details.append(Detail(words.age, plan.age.in_words()))
    elif handout:
        details.append(Detail(words.age, ""))
    day = long_date(profile.visit_date) if profile.visit_date else ""
    details.append(Detail(words.visit_date, day))
    clinics = ", ".join(CLINIC_LABELS[clinic] for clinic in profile.clinics)
    details.append(Detail(words.clinics, clinics))
    # A regular visit is said by the clinics alone ("Regular clinic visit" is wrong for the
    # emergency department, and says nothing the clinics do not).
    named = [s for s in profile.situations if s is not Situation.ROUTINE_VISIT]
    if named or not profile.clinics:
        situations = ", ".join(SITUATION_LABELS[situation] for situation in named)
        details.append(Detail(words.situation, situations))
    if (need := _one_need(profile)) is not None:
        details.append(Detail(words.what_helps, COMMUNICATION_LABELS[need]))
    if who_to_call:
        # Said as the clinic's own box is titled, when its details are known.
        details.append(Detail(words.who_to_call, ""))
    return DetailList(tuple(details), blank=words.to_fill_in)


def _one_need(profile: Profile) -> CommunicationNeed | None:
    """The need, when it is the only thing said about communicating: one line among the
    details rather than a box of its own, which in large print would cost the start page
    the room it needs for the box of questions (large print alone brings one such need)."""
    needs = profile.communication_needs
    return needs[0] if len(needs) == 1 and not profile.communication_notes else None


def _communication(profile: Profile) -> Callout | None:
    """How the person communicates and what helps, first on the start page, where the
    staff look."""
    if not profile.communication_needs and not profile.communication_notes:
        return None
    if _one_need(profile) is not None:
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


def _who_to_call(clinic: ClinicInfo, words: CoverWords) -> Callout:
    """Who to call, on the start page: the clinic's name, its phone lines and its note (what
    to do if unwell). Its email, address and opening hours are with the places to go next,
    so the start page keeps room for everything else it holds."""
    phones = [f"{phone.label}: {unbroken(phone.number)}" for phone in clinic.phones]
    name = ", ".join(part for part in (clinic.name, clinic.department) if part)
    return Callout(
        words.who_to_call,
        (
            Paragraph(name, Style.STRONG),
            *([Paragraph(" · ".join(phones))] if phones else []),
            *([Paragraph(clinic.note)] if clinic.note else []),
        ),
    )


def clinic_box(clinic: ClinicInfo, words: CoverWords) -> Callout:
    """The clinic's details in full, with the places to go next."""
    name, *rest = clinic.lines()
    for phone in clinic.phones:
        rest = [line.replace(phone.number, unbroken(phone.number)) for line in rest]
    return Callout(
        words.your_clinic, (Paragraph(name, Style.STRONG), *(Paragraph(line) for line in rest))
    )


def _top_box(words: CoverWords) -> Callout:
    """The box for the reader's own most important questions (the steps above it say how to
    choose them)."""
    spaces = [
        WriteIn(f"{n}.", words.top_field.format(number=n), 2, f"top-{n}")
        for n in range(1, TOP_COUNT + 1)
    ]
    return Callout(words.top_box.format(three=THREE), tuple(spaces))


def cover(
    profile: Profile,
    plan: Plan,
    clinic: ClinicInfo | None,
    handout: bool,
    parts: tuple[str, ...],
    bank: Bank,
) -> Section:
    """The start page: who it is for and who to call, what the pack holds (its ``parts``, in
    order), three steps (before, at and after the visit), where the questions stand
    (as recorded in the ``bank``), and the box for the three most important questions."""
    name = profile.first_name
    voice = voice_of(profile.reader)
    sheets = profile.sections is PackSections.ALL
    blocks: list[CalloutContent | Callout | DetailList] = []
    if communication := _communication(profile):
        blocks.append(communication)
    words = bank.words.cover
    if clinic:
        blocks.append(_who_to_call(clinic, words))
    blocks.append(_cover_details(profile, plan, handout, clinic is None, words))
    guide = [Paragraph(text) for text in paragraphs("cover_intro.txt.j2", parts=parts)]
    steps = paragraphs("start_steps.txt.j2", three=THREE, top_count=len(plan.top), sheets=sheets)
    status = paragraphs("review_status.txt.j2", sign_offs=_sign_offs(bank))
    how: list[CalloutContent] = [
        *guide,
        BulletList(steps),
        *(Paragraph(text, Style.SMALL) for text in status),
    ]
    # The steps lead to the box, the last thing on the start page.
    blocks += [*how, _top_box(words)]
    return Section("cover", voice.cover_heading(name), tuple(blocks))


def _sign_offs(bank: Bank) -> list[dict[str, str]]:
    """Clinicians who checked the questions for a clinic, as the templates print them."""
    return [
        {
            "service": service,
            "name": sign_off.name,
            "role": sign_off.role,
            "date": long_date(sign_off.checked_on),
        }
        for service, sign_off in bank.sign_offs
    ]

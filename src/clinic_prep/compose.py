"""Turn a plan and a profile into a Pack: the words and the order a reader sees them in.

Layout-free: the PDF, text and JSON renderers all lay out the same Pack.
"""

from collections.abc import Sequence
from datetime import date

from clinic_prep.bank import Bank
from clinic_prep.clinic_info import ClinicInfo
from clinic_prep.pack import (
    CommunicationBox,
    CoverDetail,
    KnowledgeBox,
    Pack,
    PackQuestion,
    QuestionGroup,
)
from clinic_prep.profile import Profile
from clinic_prep.selection import TOP_COUNT, Plan, PlannedQuestion
from clinic_prep.templating import paragraphs, render
from clinic_prep.vocabulary import CLINIC_LABELS, COMMUNICATION_LABELS, SITUATION_LABELS, Reader

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


def long_date(value: date) -> str:
    """``3 December 2026``: unambiguous in every English-speaking country."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _cover_details(profile: Profile, plan: Plan, blank_personal: bool) -> tuple[CoverDetail, ...]:
    """Label and value pairs for the cover. An empty value prints as a line to write on; a
    handout (``blank_personal``) always offers the name and age lines."""
    details = []
    if profile.first_name or blank_personal:
        details.append(CoverDetail("Name", profile.first_name or ""))
    if plan.age is not None:
        details.append(CoverDetail("Age", plan.age.in_words()))
    elif blank_personal:
        details.append(CoverDetail("Age", ""))
    details.append(
        CoverDetail("Visit date", long_date(profile.visit_date) if profile.visit_date else "")
    )
    clinics = ", ".join(CLINIC_LABELS[clinic] for clinic in profile.clinics)
    details.append(CoverDetail("Clinics", clinics))
    situations = ", ".join(SITUATION_LABELS[situation] for situation in profile.situations)
    details.append(CoverDetail("Situation", situations))
    return tuple(details)


def _communication(profile: Profile) -> CommunicationBox | None:
    if not profile.communication_needs and not profile.communication_notes:
        return None
    if profile.reader is Reader.SELF:
        title = "How I communicate, and what helps me"
    else:
        who = profile.first_name or "my child"
        title = f"How {who} communicates, and what helps"
    items = tuple(COMMUNICATION_LABELS[need] for need in profile.communication_needs)
    return CommunicationBox(title, items, profile.communication_notes)


def _groups(plan: Plan, profile: Profile) -> tuple[QuestionGroup, ...]:
    groups: list[QuestionGroup] = []
    number = 0

    def numbered(
        items: Sequence[tuple[str, str | None, str | None, str | None]],
    ) -> tuple[PackQuestion, ...]:
        nonlocal number
        out = []
        for text, why, question_id, note in items:
            number += 1
            out.append(PackQuestion(number, text, why, question_id, note))
        return tuple(out)

    def note(question: PlannedQuestion) -> str | None:
        parts = [question.ages, question.local]
        return ". ".join(part for part in parts if part) or None

    top = [(q.text, q.why, q.id, note(q)) for q in plan.top]
    if top:
        groups.append(QuestionGroup("Start with these", numbered(top)))
    if profile.own_questions:
        own = [(text, None, None, None) for text in profile.own_questions]
        groups.append(QuestionGroup("Your own questions", numbered(own)))
    rest = [q for q in plan.questions if not q.top]
    for topic_title in dict.fromkeys(q.topic.title for q in rest):
        items = [(q.text, q.why, q.id, note(q)) for q in rest if q.topic.title == topic_title]
        groups.append(QuestionGroup(topic_title, numbered(items)))
    return tuple(groups)


def _knowledge(profile: Profile, bank: Bank) -> tuple[KnowledgeBox, ...]:
    boxes = []
    for block in bank.knowledge:
        if not block.situations or set(block.situations) & set(profile.situations):
            names = tuple(bank.sources[source].name for source in block.sources)
            boxes.append(KnowledgeBox(block.title, tuple(block.paragraphs), names))
    return tuple(boxes)


def _references(plan: Plan, bank: Bank) -> tuple[str, ...]:
    used: dict[str, None] = {}
    for question in plan.questions:
        used.update(dict.fromkeys(question.sources))
    for block in bank.knowledge:
        used.update(dict.fromkeys(block.sources))
    ordered = [source for source in bank.sources if source in used]
    return tuple(bank.sources[s].reference for s in ordered)


def _review_note(bank: Bank) -> str:
    """The footer's line on where the questions stand: a clinician's sign-off only where a
    clinic recorded one, otherwise just when the wording last changed (never "reviewed")."""
    if bank.sign_offs:
        service, sign_off = bank.sign_offs[0]
        return f"Checked by {sign_off.name}, {service}, {long_date(sign_off.checked_on)}"
    return f"Wording updated {long_date(bank.updated)}"


def _prefilled(clinic: ClinicInfo | None) -> dict[str, tuple[tuple[str, ...], ...]]:
    if clinic is None:
        return {}
    contact = "; ".join(
        [
            *(f"{p.label}: {p.number}" for p in clinic.phones),
            *([clinic.email] if clinic.email else []),
        ]
    )
    role = clinic.department or "This clinic"
    return {"care-team": ((role, clinic.name, contact),)}


def compose(
    plan: Plan,
    profile: Profile,
    bank: Bank,
    clinic: ClinicInfo | None = None,
    blank_personal: bool = False,
) -> Pack:
    """Assemble every block of text the pack shows, in reading order.

    ``clinic`` adds the clinic's details to the cover and the care-team sheet;
    ``blank_personal`` leaves lines for the name and age (a handout to fill in by hand)."""
    reader = profile.reader.value
    name = profile.first_name
    if profile.reader is not Reader.PARENT:
        heading = "Getting ready for my clinic visit"
    else:
        heading = (
            f"Getting ready for {name}'s clinic visit"
            if name
            else "Getting ready for the clinic visit"
        )
    visit = f"Visit on {long_date(profile.visit_date)}" if profile.visit_date else "Clinic visit"
    # The person's name heads each page; a handout is headed by the clinic's name instead.
    owner = name or (clinic.name if clinic else None)
    header = f"{owner} · {visit}" if owner else visit
    left_out_note = (
        render("left_out.txt.j2", left_out=plan.left_out).strip() if plan.left_out else None
    )
    return Pack(
        title=(
            f"Questions and records for the clinic visit on {long_date(profile.visit_date)}"
            if profile.visit_date
            else "Questions and records for a clinic visit"
        ),
        subject="Alström syndrome: questions to ask at the clinic, and record-keeping sheets",
        header=header,
        review_note=_review_note(bank),
        paper=profile.paper,
        large_print=profile.large_print,
        fillable=profile.fillable,
        cover_heading=heading,
        communication=_communication(profile),
        clinic=tuple(clinic.lines()) if clinic else (),
        cover_details=_cover_details(profile, plan, blank_personal),
        cover_intro=paragraphs(
            "cover_intro.txt.j2",
            reader=reader,
            name=name,
            sign_offs=[
                {
                    "service": service,
                    "name": sign_off.name,
                    "role": sign_off.role,
                    "date": long_date(sign_off.checked_on),
                }
                for service, sign_off in bank.sign_offs
            ],
        ),
        top_heading="My three most important questions",
        top_hint="Write them here before the visit, so they get asked first.",
        knowledge=_knowledge(profile, bank),
        questions_intro=paragraphs(
            "questions_intro.txt.j2",
            top_count=min(TOP_COUNT, len(plan.top)),
            has_own=bool(profile.own_questions),
        ),
        groups=_groups(plan, profile),
        left_out_note=left_out_note,
        sheets=bank.sheets,
        prefilled=_prefilled(clinic),
        resources=bank.resources,
        references=_references(plan, bank),
    )

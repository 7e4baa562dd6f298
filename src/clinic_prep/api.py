"""The library's front door: one call from a profile to finished output.

The CLI and the batch runner are both thin callers of these functions.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clinic_prep.bank import Bank, load_bank
from clinic_prep.clinic_info import ClinicInfo
from clinic_prep.compose import compose
from clinic_prep.errors import InputError
from clinic_prep.fhir import questionnaire_json
from clinic_prep.pack import Pack
from clinic_prep.pdf import render_pdf_counted, unprintable_characters, unprintable_label
from clinic_prep.profile import Profile
from clinic_prep.render_html import render_html
from clinic_prep.render_text import render_text
from clinic_prep.resources import content_dir
from clinic_prep.selection import Plan, select
from clinic_prep.vocabulary import OutputFormat


@dataclass(frozen=True)
class Result:
    """What one run produced: the output bytes and what went into them."""

    data: bytes
    plan: Plan
    pack: Pack
    pages: int | None = None  # for PDF output


def default_bank(overlays: tuple[Path, ...] = ()) -> Bank:
    """The shipped bank, with any clinic overlays applied (cached per process)."""
    return load_bank(content_dir(), overlays)


def plan_for(profile: Profile, today: date, bank: Bank | None = None) -> Plan:
    return select(profile, bank or default_bank(), today)


def plan_as_json(plan: Plan, profile: Profile) -> str:
    document = {
        "profile": profile.model_dump(mode="json"),
        "age": plan.age.for_file() if plan.age else None,
        "matched": plan.matched,
        "left_out": plan.left_out,
        "checks": [
            {
                "id": due.check.id,
                "name": due.check.name,
                "every": due.check.how_often,
                "every_months": (
                    [due.check.every_months.min, due.check.every_months.max]
                    if due.check.every_months
                    else None
                ),
                "last_done": due.last_done.for_file() if due.last_done else None,
                "status": due.status.value,
                "sources": list(due.check.sources),
            }
            for due in plan.checks
        ],
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "topic": q.topic.id,
                "priority": q.priority,
                "top": q.top,
                "reasons": list(q.reasons),
                "placed": q.placed,
                "local": q.local,
                "sources": list(q.sources),
            }
            for q in plan.questions
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def check_printable(profile: Profile, clinic: ClinicInfo | None = None) -> None:
    """Refuse text that no shipped typeface can draw, naming the field: a box in place of a
    letter in a child's name is worse than a clear error."""
    fields: list[tuple[str, str]] = []
    if profile.first_name:
        fields.append(("first_name", profile.first_name))
    if profile.communication_notes:
        fields.append(("communication_notes", profile.communication_notes))
    fields += [(f"own_questions[{i}]", text) for i, text in enumerate(profile.own_questions)]
    if clinic is not None:
        fields += [("clinic details", line) for line in clinic.lines()]
    for field, text in fields:
        if missing := unprintable_characters(text):
            labels = ", ".join(unprintable_label(char) for char in missing[:3])
            raise InputError(f"{field}: cannot print character {labels}; please remove it")


def build(
    profile: Profile,
    output_format: OutputFormat,
    today: date,
    bank: Bank | None = None,
    *,
    clinic: ClinicInfo | None = None,
    blank_personal: bool = False,
) -> Result:
    """Select, compose and render. ``today`` is used only to work out an age from a birth date
    when the profile has no visit date. ``clinic`` brands the pack with a clinic's details;
    ``blank_personal`` leaves the name and age to be written in by hand (a handout)."""
    bank = bank or default_bank()
    plan = select(profile, bank, today)
    pack = compose(plan, profile, bank, clinic, blank_personal)
    match output_format:
        case OutputFormat.PDF:
            check_printable(profile, clinic)
            data, pages = render_pdf_counted(pack)
            return Result(data=data, plan=plan, pack=pack, pages=pages)
        case OutputFormat.HTML:
            data = render_html(pack).encode("utf-8")
        case OutputFormat.TXT:
            data = render_text(pack).encode("utf-8")
        case OutputFormat.JSON:
            data = plan_as_json(plan, profile).encode("utf-8")
        case OutputFormat.FHIR:
            data = questionnaire_json(pack, bank.updated.isoformat()).encode("utf-8")
    return Result(data=data, plan=plan, pack=pack)

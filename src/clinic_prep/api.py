"""The library's front door: one call from a profile to finished output.

The CLI and the batch runner are both thin callers of these functions.
"""

import json
from dataclasses import dataclass
from datetime import date

from clinic_prep.bank import Bank, load_bank
from clinic_prep.compose import compose
from clinic_prep.pack import Pack
from clinic_prep.profile import Profile
from clinic_prep.render_pdf import render_pdf
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


def default_bank() -> Bank:
    return load_bank(content_dir())


def plan_for(profile: Profile, today: date, bank: Bank | None = None) -> Plan:
    return select(profile, bank or default_bank(), today)


def plan_as_json(plan: Plan, profile: Profile) -> str:
    document = {
        "profile": profile.model_dump(mode="json"),
        "age": plan.age,
        "matched": plan.matched,
        "left_out": plan.left_out,
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "topic": q.topic.id,
                "priority": q.priority,
                "top": q.top,
                "reasons": list(q.reasons),
                "sources": list(q.sources),
            }
            for q in plan.questions
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def build(
    profile: Profile, output_format: OutputFormat, today: date, bank: Bank | None = None
) -> Result:
    """Select, compose and render. ``today`` is used only to work out an age from a birth date
    when the profile has no visit date."""
    bank = bank or default_bank()
    plan = select(profile, bank, today)
    pack = compose(plan, profile, bank)
    match output_format:
        case OutputFormat.PDF:
            data = render_pdf(pack)
        case OutputFormat.TXT:
            data = render_text(pack).encode("utf-8")
        case OutputFormat.JSON:
            data = plan_as_json(plan, profile).encode("utf-8")
    return Result(data=data, plan=plan, pack=pack)

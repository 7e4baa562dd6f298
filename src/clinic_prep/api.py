"""The library's front door: one call from a profile to finished output.

The CLI and the batch runner are both thin callers of these functions.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clinic_prep.choose.selection import Plan, select
from clinic_prep.compose.assemble import compose
from clinic_prep.compose.pack import Pack
from clinic_prep.content.bank import load_bank
from clinic_prep.content.model import Bank
from clinic_prep.core.errors import InputError
from clinic_prep.core.resources import content_dir
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.clinic_info import ClinicInfo, RunSettings
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_fields import names_where
from clinic_prep.write.pdf import cannot_print, unprintable_characters
from clinic_prep.write.renderers import render


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


def check_printable(profile: Profile, clinic: ClinicInfo | None = None) -> None:
    """Refuse text that no shipped typeface can draw, naming the field: a box in place of a
    letter in a child's name is worse than a clear error."""
    fields: list[tuple[str, str]] = []
    for name in names_where(free_text=True):  # the only text the family types in
        value = getattr(profile, name)
        if isinstance(value, list):
            fields += [(f"{name}[{i}]", text) for i, text in enumerate(value)]
        elif value:
            fields.append((name, value))
    if clinic is not None:
        fields += [("clinic details", line) for line in clinic.lines()]
    for field, text in fields:
        if missing := unprintable_characters(text):
            raise InputError(f"{field}: {cannot_print(missing)}")


def build(
    profile: Profile,
    output_format: OutputFormat,
    today: date,
    settings: RunSettings = RunSettings(),
    *,
    bank: Bank | None = None,
) -> Result:
    """Select, compose and render. ``today`` is used only to work out an age from a birth date
    when the profile has no visit date. ``bank`` replaces the one the settings name (tests)."""
    bank = bank or settings.bank()
    plan = select(profile, bank, today)
    pack = compose(plan, profile, bank, settings.clinic, settings.handout)
    if output_format is OutputFormat.PDF:
        check_printable(profile, settings.clinic)
    rendered = render(output_format, pack, plan, profile)
    return Result(data=rendered.data, plan=plan, pack=pack, pages=rendered.pages)

"""The library's front door: one call from a profile to finished output.

The CLI and the batch runner are both thin callers of these functions.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from clinic_prep.choose.selection import Plan, select
from clinic_prep.compose.assemble import compose
from clinic_prep.compose.pack import Pack
from clinic_prep.content.bank import load_bank
from clinic_prep.content.model import Bank
from clinic_prep.core.errors import UnprintableText
from clinic_prep.core.resources import content_dir
from clinic_prep.core.vocabulary import OutputFormat, Paper
from clinic_prep.intake.clinic_info import ClinicInfo, RunSettings
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_fields import names_where
from clinic_prep.intake.record import FamilyRecord
from clinic_prep.intake.record_merger import Merged
from clinic_prep.write.pdf import cannot_print, unprintable_characters
from clinic_prep.write.renderers import Rendered, render


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
            raise UnprintableText(field, cannot_print(missing))


def build(
    profile: Profile,
    output_format: OutputFormat,
    today: date,
    settings: RunSettings = RunSettings(),
    *,
    bank: Bank | None = None,
    record: FamilyRecord | None = None,
) -> Result:
    """Select, compose and render. ``today`` is used only to work out an age from a birth date
    when the profile has no visit date. ``bank`` replaces the one the settings name (tests);
    ``record``, the family's record kept in the profile file, fills the record sheets."""
    bank = bank or settings.bank()
    plan = select(profile, bank, today)
    pack = compose(plan, profile, bank, settings.clinic, settings.handout, record)
    if output_format is OutputFormat.PDF:
        check_printable(profile, settings.clinic)
    rendered = render(output_format, pack)
    return Result(data=rendered.data, plan=plan, pack=pack, pages=rendered.pages)


@dataclass(frozen=True)
class RecordUpdate:
    """What ``update`` would write: the merge, and the file's text with it."""

    family_file: Path
    old: bytes  # the file as it was read, kept beside the new one
    merged: Merged
    text: str
    changes_anything: bool  # the record differs, or the file's schema or id is new


def merge_filled_pack(family_file: Path, pack_file: Path) -> RecordUpdate:
    """Read a family's file and a pack typed into, and merge the one into the other; nothing
    is written. Refuses a pack made from another record, or one that is not a fillable
    clinic-prep pack."""
    from clinic_prep.intake.filled_pack import read_filled_pack
    from clinic_prep.intake.record_merge import merge_pack

    filled = read_filled_pack(pack_file)
    bank = default_bank()
    check_names = {check.name: check.id for check in bank.checks}
    return _planned_update(
        family_file, lambda record: merge_pack(record, filled, bank.sheets, check_names)
    )


def add_news(family_file: Path, news: dict[str, list[dict[str, Any]]]) -> RecordUpdate:
    """The family's file with what a person typed in answer to "anything new since last
    time?"; nothing is written."""
    from clinic_prep.intake.record_merge import merge_news

    return _planned_update(family_file, lambda record: merge_news(record, news))


def _planned_update(family_file: Path, merge: Callable[[FamilyRecord], Merged]) -> RecordUpdate:
    """The family's file read, its record merged, and the text it would be written as: in
    today's schema, with a record id from now on."""
    from clinic_prep.core.reading import read_capped
    from clinic_prep.intake.profile_io import MAX_PROFILE_BYTES, build_record, parse_profile
    from clinic_prep.intake.record import RECORD_KEYS, new_record_id
    from clinic_prep.intake.record_migration import current_schema
    from clinic_prep.write.record_file import family_file_text

    old = read_capped(family_file, MAX_PROFILE_BYTES, "a profile file")
    doc = parse_profile(family_file, old)  # the bytes kept are the bytes merged
    record = build_record(doc)
    merged = merge(record)
    profile_part, new = current_schema(dict(doc.data), merged.record)
    kept_keys = doc.data.keys() - set(RECORD_KEYS)
    migrated = "schema_version" not in doc.data or profile_part.keys() != kept_keys
    if new.record_id is None:
        new = new.model_copy(update={"record_id": new_record_id()})
    merged.record = new
    return RecordUpdate(
        family_file,
        old,
        merged,
        family_file_text(profile_part, new),
        changes_anything=migrated or new != record,
    )


def write_record_update(update: RecordUpdate) -> Path:
    """Write the merged record; returns where the file as it was is kept."""
    from clinic_prep.write.record_file import write_family_file

    return write_family_file(update.family_file, update.old, update.text)


def make_card(
    profile: Profile, record: FamilyRecord, bank: Bank | None = None
) -> tuple[bytes, Pack, int]:
    """The emergency card as a PDF, made from the profile and the family's record: the
    bytes, the card's tree and its page count."""
    from clinic_prep.compose.card import compose_card
    from clinic_prep.write.pdf import render_pdf_counted

    pack = compose_card(profile, record, bank or default_bank())
    check_printable(profile)
    data, pages = render_pdf_counted(pack)
    return data, pack, pages


def make_review(
    bank: Bank, output_format: OutputFormat, paper: Paper = Paper.A4
) -> tuple[Rendered, Pack]:
    """The bank's visit rules and questions as a form for a clinician to mark up, in any
    format a pack is made in but FHIR, and its tree (whose footer counts what it holds).
    Loads the readability checks, so only when asked."""
    from clinic_prep.compose.review import review_sheet
    from clinic_prep.compose.review_pack import review_pack

    pack = review_pack(review_sheet(bank), bank.words.review, paper, bank.updated)
    return render(output_format, pack), pack

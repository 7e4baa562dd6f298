"""What the commands share: option types, the profile from flags, file or interview, the clinic's
branding, today's date, and writing output.
"""

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from clinic_prep.bank import is_overlay
from clinic_prep.batch import Branding
from clinic_prep.cli.interview import run_interview
from clinic_prep.clinic_info import load_clinic_info
from clinic_prep.errors import InputError
from clinic_prep.output import first_free_name, write_atomic, write_stdout
from clinic_prep.profile import Profile
from clinic_prep.profile_io import build_profile, read_profile_file
from clinic_prep.resources import content_dir
from clinic_prep.vocabulary import (
    BodySystem,
    Clinic,
    CommunicationNeed,
    OutputFormat,
    Paper,
    Reader,
    Situation,
)

# -- options shared by generate and explain ---------------------------------------------------

ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile", "-p", help="A saved profile (YAML or JSON). Flags override it.", dir_okay=False
    ),
]
SituationOpt = Annotated[
    list[Situation] | None,
    typer.Option("--situation", "-s", help="Your situation; repeat for more than one."),
]
ClinicOpt = Annotated[
    list[Clinic] | None,
    typer.Option("--clinic", "-c", help="A clinic the visit is with; repeat for more."),
]
AgeOpt = Annotated[int | None, typer.Option("--age", help="Age in whole years.")]
DobOpt = Annotated[str | None, typer.Option("--dob", help="Date of birth, YYYY-MM-DD.")]
InvolvesOpt = Annotated[
    list[BodySystem] | None,
    typer.Option("--involves", "-i", help="A part of the body affected so far; repeat for more."),
]
ReaderOpt = Annotated[
    Reader | None,
    typer.Option("--reader", help="'parent' (\"my child\") or 'self' (\"I\")."),
]
NameOpt = Annotated[str | None, typer.Option("--name", help="First name to print on the pack.")]
VisitOpt = Annotated[str | None, typer.Option("--visit-date", help="Visit date, YYYY-MM-DD.")]
AskOpt = Annotated[
    list[str] | None,
    typer.Option("--ask", help="A question of your own; repeat for more."),
]
PaperOpt = Annotated[Paper | None, typer.Option("--paper", help="Paper size.")]
MaxOpt = Annotated[
    int | None, typer.Option("--max-questions", "-n", help="Most questions to include (15).")
]
AllOpt = Annotated[bool, typer.Option("--all", help="Include every question that fits.")]
LargeOpt = Annotated[
    bool, typer.Option("--large-print", help="Large print: 18 pt text and bigger spaces.")
]
FillableOpt = Annotated[
    bool, typer.Option("--fillable", help="Add form fields, for typing answers in a PDF viewer.")
]
NeedsOpt = Annotated[
    list[CommunicationNeed] | None,
    typer.Option("--needs", help="How the person communicates, shown first; repeat for more."),
]
ClinicInfoOpt = Annotated[
    Path | None,
    typer.Option(
        "--clinic-info", help="Your clinic's details (clinic.yaml) for the cover.", dir_okay=False
    ),
]
ContentDirOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--content-dir",
        help="A folder of local questions (with overlay.yaml); repeat for more.",
        file_okay=False,
    ),
]
NeedsNoteOpt = Annotated[
    str | None, typer.Option("--needs-note", help="A short note on what helps communication.")
]


def load_branding(clinic_info: Path | None, content_dirs: list[Path] | None) -> Branding:
    """The clinic's details and local question folders (from the flags and clinic.yaml)."""
    clinic, clinic_folders = load_clinic_info(clinic_info) if clinic_info else (None, ())
    folders = tuple(folder.resolve() for folder in content_dirs or ()) + clinic_folders
    for folder in folders:
        if not is_overlay(folder):
            raise InputError(f"{folder}: not a folder of local questions (no overlay.yaml)")
    return Branding(clinic=clinic, overlays=folders)


def profile_overrides(**flags: Any) -> dict[str, Any]:
    """Flags the user actually gave, as profile fields."""
    out: dict[str, Any] = {}
    for field, value in flags.items():
        if value is None or value == [] or value is False:
            continue
        out[field] = value
    return out


def today() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible builds). Only used to work out
    an age from a date of birth when the profile gives no visit date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise InputError("SOURCE_DATE_EPOCH must be a whole number of seconds") from None
    return date.today()


def stdin_is_interactive() -> bool:
    """True when a person is at the keyboard (so we may ask questions)."""
    return sys.stdin.isatty()


def resolve_profile(profile_file: Path | None, overrides: dict[str, Any]) -> tuple[Profile, bool]:
    """The profile from file and flags, or from the interview. Returns (profile, interviewed)."""
    doc = read_profile_file(profile_file) if profile_file else None
    has_situation = bool(overrides.get("situations")) or bool(doc and doc.data.get("situations"))
    if has_situation:
        return build_profile(doc, overrides), False
    if not stdin_is_interactive():
        raise InputError(
            "no situation given: pass --situation (for example --situation newly-diagnosed) "
            "or --profile FILE; run 'clinic-prep generate --help' for the list"
        )
    answers = run_interview()
    return build_profile(doc, {**answers, **overrides}), True


def write_output(
    data: bytes, output: Path | None, output_format: OutputFormat, stem: str, summary: str
) -> Path | None:
    """Standard output, a named file (replaced: the user asked for it), or a new default
    name that never replaces anything."""
    if output is None and output_format is not OutputFormat.PDF:
        output = Path("-")
    if output is not None and str(output) == "-":
        write_stdout(data)
        return None
    target = output or first_free_name(Path("."), stem, ".pdf")
    write_atomic(target, data, overwrite=output is not None)
    typer.echo(f"Wrote {target}: {summary}", err=True)
    return target


def bank_folders(folders: list[Path] | None) -> tuple[Path, tuple[Path, ...]]:
    """(full bank folder, overlays): overlays go on top of the shipped bank; a folder
    without overlay.yaml is a whole bank to use instead of the shipped one."""
    folders = folders or []
    full = [folder for folder in folders if not is_overlay(folder)]
    if len(full) > 1:
        raise InputError(
            "--content-dir: give at most one whole bank (folders of local "
            "questions have an overlay.yaml)"
        )
    overlays = tuple(folder.resolve() for folder in folders if is_overlay(folder))
    return (full[0] if full else content_dir()), overlays


BankDirsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--content-dir",
        help="Check this bank instead of the shipped one, or add a "
        "folder of local questions (with overlay.yaml); repeatable.",
        file_okay=False,
    ),
]

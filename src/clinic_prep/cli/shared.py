"""What the commands share: option types, the profile from flags, file or interview, the clinic's
branding, today's date, and writing output.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clinic_prep.dates import today as today
from clinic_prep.errors import InputError, OutputError
from clinic_prep.filled_forms import holds_typed_answers
from clinic_prep.output import first_free_name, write_atomic, write_stdout
from clinic_prep.profile_fields import FIELDS
from clinic_prep.resources import content_dir

# Importing the CLI registers every command, so that --help lists them; the library behind
# them (pydantic, the bank, reportlab...) is imported only by the command that runs.
if TYPE_CHECKING:
    from clinic_prep.clinic_info import RunSettings
    from clinic_prep.profile import Profile
from clinic_prep.vocabulary import EnumT, OutputFormat, allowed_values, match

# -- options shared by generate and explain ---------------------------------------------------
# Each option that sets a profile field takes its flags, placeholder and help from the field's
# description in profile_fields, and its parameter is named after the field, so that the
# flags given become profile fields by name (profile_overrides). Values from the controlled
# vocabulary are taken as text and matched by the profile (any case or spacing, or the printed
# label, with "did you mean" for a typo); help lists them in words so that a list never wraps
# in the middle of a value.


def values_help(text: str, kind: type[StrEnum]) -> str:
    """Help text followed by the values of ``kind``."""
    return f"{text} One of: {allowed_values(kind)}."


def field_option(name: str, help_text: str | None = None) -> Any:
    """The option for profile field ``name``, as its description gives it; ``help_text``
    replaces the help where one command means something narrower (a handout's situation)."""
    field = FIELDS[name]
    return typer.Option(*field.flags, metavar=field.metavar, help=help_text or field.help)


ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        "-p",
        metavar="FILE",
        help="A saved profile (YAML or JSON). Flags override it.",
        dir_okay=False,
    ),
]
# The typed parameters typer needs, one a profile field; a test checks that they agree with
# the fields' descriptions.
SituationOpt = Annotated[list[str] | None, field_option("situations")]
ClinicOpt = Annotated[list[str] | None, field_option("clinics")]
AgeOpt = Annotated[str | None, field_option("age")]
DobOpt = Annotated[str | None, field_option("date_of_birth")]
SexOpt = Annotated[str | None, field_option("sex")]
InvolvesOpt = Annotated[list[str] | None, field_option("involves")]
ReaderOpt = Annotated[str | None, field_option("reader")]
ResultOpt = Annotated[str | None, field_option("genetic_result")]
LastCheckOpt = Annotated[list[str] | None, field_option("last_checks")]
NameOpt = Annotated[str | None, field_option("first_name")]
VisitOpt = Annotated[str | None, field_option("visit_date")]
AskOpt = Annotated[list[str] | None, field_option("own_questions")]
PaperOpt = Annotated[str | None, field_option("paper")]
LargeOpt = Annotated[bool, field_option("large_print")]
FillableOpt = Annotated[bool, field_option("fillable")]
NeedsOpt = Annotated[list[str] | None, field_option("communication_needs")]
NeedsNoteOpt = Annotated[str | None, field_option("communication_notes")]
MaxOpt = Annotated[int | None, field_option("max_questions")]
AllOpt = Annotated[bool, field_option("all_questions")]
ClinicInfoOpt = Annotated[
    Path | None,
    typer.Option(
        "--clinic-info",
        metavar="FILE",
        help="Your clinic's details (clinic.yaml) for the cover.",
        dir_okay=False,
    ),
]
ContentDirOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--content-dir",
        metavar="FOLDER",
        help="A folder of local questions (with overlay.yaml); repeat for more.",
        file_okay=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Where to write; '-' for standard output. An existing file is replaced, except a "
        "PDF form with answers typed in (see --force).",
        dir_okay=False,
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace the -o file even if it is a PDF form with answers typed into it.",
    ),
]


def flag_value(kind: type[EnumT], value: str, flag: str) -> EnumT:
    """The value a flag names, as people write it; otherwise one line naming the flag."""
    try:
        return match(kind, value)
    except ValueError as problem:
        raise InputError(f"{flag}: {problem}") from None


def load_branding(
    clinic_info: Path | None, content_dirs: list[Path] | None, handout: bool = False
) -> "RunSettings":
    """The clinic's details and local question folders (from the flags and clinic.yaml)."""
    from clinic_prep.bank import is_overlay
    from clinic_prep.clinic_info import RunSettings, load_clinic_info

    clinic, clinic_folders = load_clinic_info(clinic_info) if clinic_info else (None, ())
    folders = tuple(folder.resolve() for folder in content_dirs or ()) + clinic_folders
    for folder in folders:
        if not is_overlay(folder):
            raise InputError(f"{folder}: not a folder of local questions (no overlay.yaml)")
    return RunSettings(clinic=clinic, overlays=folders, handout=handout)


def profile_overrides(ctx: typer.Context) -> dict[str, Any]:
    """The profile fields the user gave flags for. Each such parameter is named after its
    field; a flag not given leaves its parameter empty (None, no values, or off)."""
    return {
        name: value
        for name, value in ctx.params.items()
        if name in FIELDS
        and value is not None
        and value is not False
        and not (isinstance(value, list | tuple) and not value)
    }


def stdin_is_interactive() -> bool:
    """True when a person is at the keyboard (so we may ask questions)."""
    return sys.stdin.isatty()


def resolve_profile(profile_file: Path | None, overrides: dict[str, Any]) -> tuple["Profile", bool]:
    """The profile from file and flags, or from the interview. Returns (profile, interviewed)."""
    from clinic_prep.bank import load_bank
    from clinic_prep.cli.interview import run_interview
    from clinic_prep.profile import Profile
    from clinic_prep.profile_io import build_profile, read_profile_file

    doc = read_profile_file(profile_file) if profile_file else None
    # A situation, or a clinic alone (a regular visit), says what the visit is.
    given = {**(doc.data if doc else {}), **overrides}
    # A file with a misspelt field ("situation:") is reported, not taken as saying nothing.
    misspelt = set(given) - set(Profile.model_fields)
    if misspelt or given.get("situations") or given.get("clinics"):
        return build_profile(doc, overrides), False
    if not stdin_is_interactive():
        raise InputError(
            "no situation or clinic given: pass --situation (for example --situation "
            "newly-diagnosed), --clinic for a regular visit, or --profile FILE; run "
            "'clinic-prep generate --help' for the lists"
        )
    answers = run_interview(load_bank(content_dir()).checks)
    return build_profile(doc, {**answers, **overrides}), True


def write_output(
    data: bytes,
    output: Path | None,
    output_format: OutputFormat,
    stem: str,
    summary: str,
    *,
    force: bool = False,
) -> Path | None:
    """Standard output, a named file (replaced: the user asked for it, unless it is a PDF form
    holding typed-in answers and ``force`` is not given), or a new default name that never
    replaces anything."""
    if output is None and output_format is not OutputFormat.PDF:
        output = Path("-")
    if output is not None and str(output) == "-":
        write_stdout(data)
        return None
    if output is not None and not force and holds_typed_answers(output):
        raise OutputError(
            f"{output}: this PDF has answers typed into it; choose another name, "
            "or add --force to replace it"
        )
    target = output or first_free_name(Path("."), stem, ".pdf")
    write_atomic(target, data, overwrite=output is not None)
    typer.echo(f"Wrote {target}: {summary}", err=True)
    return target


def bank_folders(folders: list[Path] | None) -> tuple[Path, tuple[Path, ...]]:
    """(full bank folder, overlays): overlays go on top of the shipped bank; a folder
    without overlay.yaml is a whole bank to use instead of the shipped one."""
    from clinic_prep.bank import is_overlay

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
        metavar="FOLDER",
        help="Check this bank instead of the shipped one, or add a "
        "folder of local questions (with overlay.yaml); repeatable.",
        file_okay=False,
    ),
]

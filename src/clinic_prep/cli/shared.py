"""What the commands share: option types, the profile from flags, file or interview, the clinic's
branding, today's date, and writing output.
"""

import contextlib
import functools
import inspect
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

from clinic_prep.core.dates import today as today
from clinic_prep.core.errors import InputError, NameTaken, OutputError, UnprintableText
from clinic_prep.core.resources import content_dir
from clinic_prep.intake.profile_fields import FIELDS, ProfileField, Shape
from clinic_prep.write.filled_forms import holds_typed_answers
from clinic_prep.write.output import first_free_name, write_atomic, write_stdout

# Importing the CLI registers every command, so that --help lists them; the library behind
# them (pydantic, the bank, reportlab...) is imported only by the command that runs.
if TYPE_CHECKING:
    from clinic_prep.intake.clinic_info import RunSettings
    from clinic_prep.intake.profile import Profile
    from clinic_prep.intake.record import FamilyRecord
from clinic_prep.core.vocabulary import EnumT, OutputFormat, allowed_values, match

# -- options shared by generate and explain ---------------------------------------------------
# The flags that set profile fields are made from the fields' descriptions in profile_fields
# (profile_flags), each parameter named after its field, so that the flags given become
# profile fields by name (profile_overrides). Values from the controlled vocabulary are taken
# as text and matched by the profile (any case or spacing, or the printed label, with "did you
# mean" for a typo); help lists them in words so that a list never wraps in the middle of a
# value.

KEYWORD = inspect.Parameter.POSITIONAL_OR_KEYWORD
CommandT = TypeVar("CommandT", bound=Callable[..., None])


def values_help(text: str, kind: type[StrEnum]) -> str:
    """Help text followed by the values of ``kind``."""
    return f"{text} One of: {allowed_values(kind)}."


def field_option(name: str, help_text: str | None = None) -> Any:
    """The option for profile field ``name``, as its description gives it."""
    field = FIELDS[name]
    return typer.Option(*field.flags, metavar=field.metavar, help=help_text or field.help)


def _field_parameter(field: ProfileField, help_text: str | None) -> inspect.Parameter:
    """The parameter typer reads a profile field's flag from, typed as its shape says."""
    option = field_option(field.name, help_text)
    annotation: Any
    if field.shape is Shape.YES_NO:
        annotation, default = bool, False
    elif field.several:
        annotation, default = list[field.flag_type] | None, None  # type: ignore[name-defined]
    else:
        annotation, default = field.flag_type | None, None
    return inspect.Parameter(
        field.name, KEYWORD, default=default, annotation=Annotated[annotation, option]
    )


def profile_flags(
    names: Iterable[str], help_for: Mapping[str, str] | None = None
) -> Callable[[CommandT], CommandT]:
    """Give a command a flag for each profile field in ``names``, as the field's description
    gives it (``help_for`` narrows a help where the command means less, as a handout's
    situation). The flags come after the command's ``ctx`` and ``profile`` parameters, and
    never reach its own parameters: the command reads them with ``profile_overrides(ctx)``."""

    def decorate(command: CommandT) -> CommandT:
        own = inspect.signature(command)
        first = [p for p in own.parameters.values() if p.name in ("ctx", "profile")]
        rest = [p for p in own.parameters.values() if p.name not in ("ctx", "profile")]
        flags = [_field_parameter(FIELDS[name], (help_for or {}).get(name)) for name in names]

        @functools.wraps(command)
        def run(**given: Any) -> None:
            command(**{name: value for name, value in given.items() if name in own.parameters})

        run.__signature__ = own.replace(  # type: ignore[attr-defined]
            parameters=[*first, *flags, *rest]
        )
        return cast(CommandT, run)

    return decorate


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
# The review sheet is printed on paper chosen as a pack's is.
PaperOpt = Annotated[str | None, field_option("paper")]
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
    from clinic_prep.content.bank import is_overlay
    from clinic_prep.intake.clinic_info import RunSettings, load_clinic_info

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


@contextlib.contextmanager
def flags_named(overrides: dict[str, Any]) -> Iterator[None]:
    """Text that cannot be printed, named by the flag it was given with (``--name``) rather
    than the profile field it fills."""
    try:
        yield
    except UnprintableText as exc:
        field = exc.field.split("[")[0]
        if field in overrides and field in FIELDS:
            raise InputError(f"{FIELDS[field].flag}: {exc.reason}") from None
        raise


def stdin_is_interactive() -> bool:
    """True when a person is at the keyboard (so we may ask questions)."""
    return sys.stdin.isatty()


def resolve_profile(
    profile_file: Path | None, overrides: dict[str, Any]
) -> tuple["Profile", "FamilyRecord", bool]:
    """The profile from file and flags, or from the interview, and the family's record kept in
    the file (empty without one). Returns (profile, record, interviewed)."""
    from clinic_prep.cli.interview import run_interview
    from clinic_prep.content.bank import load_bank
    from clinic_prep.intake.profile import Profile
    from clinic_prep.intake.profile_io import build_visit, read_profile_file
    from clinic_prep.intake.record import RECORD_KEYS

    doc = read_profile_file(profile_file) if profile_file else None
    # A situation, or a clinic alone (a regular visit), says what the visit is.
    given = {**(doc.data if doc else {}), **overrides}
    # A file with a misspelt field ("situation:") is reported, not taken as saying nothing.
    misspelt = set(given) - {*Profile.model_fields, *RECORD_KEYS}
    if misspelt or given.get("situations") or given.get("clinics"):
        return *build_visit(doc, overrides), False
    if not stdin_is_interactive():
        raise InputError(
            "no situation or clinic given: pass --situation (for example --situation "
            "newly-diagnosed), --clinic for a regular visit, or --profile FILE; run "
            "'clinic-prep generate --help' for the lists"
        )
    answers = run_interview(load_bank(content_dir()).checks)
    return *build_visit(doc, {**answers, **overrides}), True


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
    if output is not None:
        target = output
        write_atomic(target, data, overwrite=True, replace_answers=force)
    else:
        target = _write_under_a_free_name(data, stem)
    typer.echo(f"Wrote {target}: {summary}", err=True)
    return target


# Runs making packs in one folder at once each take the next name; past this many, give up.
MAX_NAME_TRIES = 20


def _write_under_a_free_name(data: bytes, stem: str) -> Path:
    """The first free default name; if another run takes it first, the next one."""
    for _ in range(MAX_NAME_TRIES):
        target = first_free_name(Path("."), stem, ".pdf")
        try:
            return write_atomic(target, data, overwrite=False)
        except NameTaken:
            continue
    raise OutputError(f"{stem}.pdf: every free name was taken meanwhile; name a file with -o")


def bank_folders(folders: list[Path] | None) -> tuple[Path, tuple[Path, ...]]:
    """(full bank folder, overlays): overlays go on top of the shipped bank; a folder
    without overlay.yaml is a whole bank to use instead of the shipped one."""
    from clinic_prep.content.bank import is_overlay

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

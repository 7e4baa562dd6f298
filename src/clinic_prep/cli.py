"""The command line: parse flags or interview the user, call the library, write the result.

No selection or layout happens here. Every expected error becomes one line on stderr and exit
code 2; anything unexpected becomes one line and exit code 1, never a traceback (tracebacks
show local variables, and those hold families' details). Set CLINIC_PREP_DEBUG=1 to see it.
"""

import os
import sys
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clinic_prep import __version__, api
from clinic_prep.bank import check_content, is_overlay, load_bank
from clinic_prep.batch import Branding, merge_for_printing, run_batch
from clinic_prep.clinic_info import load_clinic_info
from clinic_prep.content_quality import (
    DEFAULT_MAX_GRADE,
    DEFAULT_MAX_REVIEW_AGE_YEARS,
    assess,
    coverage_table,
)
from clinic_prep.errors import ClinicPrepError, InputError
from clinic_prep.interview import offer_to_save, run_interview
from clinic_prep.output import first_free_name, write_atomic
from clinic_prep.printing import concatenate_for_duplex
from clinic_prep.profile import Profile
from clinic_prep.profile_io import build_profile, profile_to_yaml, read_profile_file
from clinic_prep.render_review import render_review_html, render_review_pdf
from clinic_prep.resources import content_dir
from clinic_prep.review import review_sheet
from clinic_prep.spreadsheet import template_csv, template_xlsx
from clinic_prep.vocabulary import (
    BodySystem,
    Clinic,
    CommunicationNeed,
    OutputFormat,
    Paper,
    Reader,
    Situation,
)

DEFAULT_PDF_STEM = "clinic-visit-pack"


class OneLineErrors(typer.core.TyperGroup):
    """Runs the commands and turns every failure into one line and an exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except typer.Abort:
            _fail("interrupted; nothing was written", 130)
        except typer.TyperException as exc:
            # Usage errors from the parser: bad flag, bad choice. Always exit 2.
            _fail(exc.format_message(), 2)
        except ClinicPrepError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; nothing was written", 130)
        except Exception as exc:
            if os.environ.get("CLINIC_PREP_DEBUG"):
                raise
            _fail(
                f"unexpected error ({exc.__class__.__name__}); "
                "run again with CLINIC_PREP_DEBUG=1 for details",
                1,
            )
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int) -> None:
    typer.echo(f"clinic-prep: error: {message.replace('Value error, ', '')}", err=True)
    sys.exit(code)


app = typer.Typer(
    cls=OneLineErrors,
    help="Make a printable pack of questions and record sheets for an Alström syndrome "
    "clinic visit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
content_app = typer.Typer(help="Work with the question bank in content/.", no_args_is_help=True)
app.add_typer(content_app, name="content")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clinic-prep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Make a printable pack of questions and record sheets for an Alström syndrome clinic
    visit."""


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


def _branding(clinic_info: Path | None, content_dirs: list[Path] | None) -> Branding:
    """The clinic's details and local question folders (from the flags and clinic.yaml)."""
    clinic, clinic_folders = load_clinic_info(clinic_info) if clinic_info else (None, ())
    folders = tuple(folder.resolve() for folder in content_dirs or ()) + clinic_folders
    for folder in folders:
        if not is_overlay(folder):
            raise InputError(f"{folder}: not a folder of local questions (no overlay.yaml)")
    return Branding(clinic=clinic, overlays=folders)


def _overrides(**flags: Any) -> dict[str, Any]:
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


def _resolve_profile(profile_file: Path | None, overrides: dict[str, Any]) -> tuple[Profile, bool]:
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


@app.command()
def generate(
    profile: ProfileOpt = None,
    situation: SituationOpt = None,
    clinic: ClinicOpt = None,
    age: AgeOpt = None,
    dob: DobOpt = None,
    involves: InvolvesOpt = None,
    reader: ReaderOpt = None,
    name: NameOpt = None,
    visit_date: VisitOpt = None,
    ask: AskOpt = None,
    paper: PaperOpt = None,
    max_questions: MaxOpt = None,
    all_questions: AllOpt = False,
    large_print: LargeOpt = False,
    fillable: FillableOpt = False,
    needs: NeedsOpt = None,
    needs_note: NeedsNoteOpt = None,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="pdf; html or txt for screen readers; json (the plan); fhir."
        ),
    ] = OutputFormat.PDF,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write; '-' for standard output.", dir_okay=False
        ),
    ] = None,
) -> None:
    """Make a pack for one visit.

    With no situation and no profile, and a person at the keyboard, it asks a few short
    questions first.

    Examples:

      clinic-prep generate

      clinic-prep generate -s awaiting-result -s siblings -c genetics --age 4 -o pack.pdf

      clinic-prep generate --profile samples/profiles/newly-diagnosed-infant.yaml -o pack.pdf

      clinic-prep generate -p my-profile.yaml --format html -o pack.html

      clinic-prep generate -s annual-review --reader self --large-print --needs braille
    """
    chosen, interviewed = _resolve_profile(
        profile,
        _overrides(
            situations=situation,
            clinics=clinic,
            age=age,
            date_of_birth=dob,
            involves=involves,
            reader=reader,
            first_name=name,
            visit_date=visit_date,
            own_questions=ask,
            paper=paper,
            max_questions=max_questions,
            all_questions=all_questions,
            large_print=large_print,
            fillable=fillable,
            communication_needs=needs,
            communication_notes=needs_note,
        ),
    )
    branding = _branding(clinic_info, content_dir)
    result = api.build(
        chosen, output_format, today(), api.default_bank(branding.overlays), clinic=branding.clinic
    )
    summary = f"{result.pack.question_count} questions" + (
        f", {result.plan.left_out} more with --all" if result.plan.left_out else ""
    )
    _write_output(result.data, output, output_format, DEFAULT_PDF_STEM, summary)
    if interviewed and (save_as := offer_to_save()):
        saved = write_atomic(
            Path(save_as), profile_to_yaml(chosen).encode("utf-8"), overwrite=False
        )
        typer.echo(
            f"Saved your answers to {saved}. Next time: clinic-prep generate -p {saved}", err=True
        )


@app.command()
def explain(
    profile: ProfileOpt = None,
    situation: SituationOpt = None,
    clinic: ClinicOpt = None,
    age: AgeOpt = None,
    dob: DobOpt = None,
    involves: InvolvesOpt = None,
    reader: ReaderOpt = None,
    name: NameOpt = None,
    visit_date: VisitOpt = None,
    ask: AskOpt = None,
    paper: PaperOpt = None,
    max_questions: MaxOpt = None,
    all_questions: AllOpt = False,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
) -> None:
    """Show which questions would be chosen, and why each one was.

    Example:

      clinic-prep explain --situation newly-diagnosed --clinic heart --age 1
    """
    chosen, _ = _resolve_profile(
        profile,
        _overrides(
            situations=situation,
            clinics=clinic,
            age=age,
            date_of_birth=dob,
            involves=involves,
            reader=reader,
            first_name=name,
            visit_date=visit_date,
            own_questions=ask,
            paper=paper,
            max_questions=max_questions,
            all_questions=all_questions,
        ),
    )
    plan = api.plan_for(
        chosen, today(), api.default_bank(_branding(clinic_info, content_dir).overlays)
    )
    table = Table(title="Questions chosen for this visit", show_lines=False)
    for column in ("#", "Question", "Topic", "Priority", "Why chosen"):
        table.add_column(column, overflow="fold")
    for number, question in enumerate(plan.questions, start=1):
        marker = f"{number} (top)" if question.top else str(number)
        table.add_row(
            marker,
            f"{question.id}: {question.text}",
            question.topic.title,
            str(question.priority),
            "; ".join(question.reasons),
        )
    console = Console()
    console.print(table)
    console.print(
        f"{len(plan.questions)} of {plan.matched} matching questions shown"
        + (" (use --all to see every one)." if plan.left_out else ".")
    )


@app.command()
def handout(
    situation: Annotated[
        list[Situation],
        typer.Option("--situation", "-s", help="The situation the handout is for; repeatable."),
    ],
    clinic: ClinicOpt = None,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
    reader: ReaderOpt = None,
    paper: PaperOpt = None,
    large_print: LargeOpt = False,
    fillable: FillableOpt = False,
    max_questions: MaxOpt = None,
    all_questions: AllOpt = False,
    copies: Annotated[
        int, typer.Option("--copies", min=1, max=200, help="Copies in one file, for printing.")
    ] = 1,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="pdf, html, txt or json.")
    ] = OutputFormat.PDF,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write; '-' for standard output.", dir_okay=False
        ),
    ] = None,
) -> None:
    """Print a handout for a situation, with your clinic's details and no family's details.

    The name and age are left as lines to fill in by hand; questions meant for some ages only
    say which ages. With --copies, each copy starts on a right-hand page.

    Examples:

      clinic-prep handout -s awaiting-result --clinic-info clinic.yaml --copies 10 -o handouts.pdf

      clinic-prep handout -s newly-diagnosed -c heart --large-print --content-dir ./our-questions
    """
    profile, _ = _resolve_profile(
        None,
        _overrides(
            situations=situation,
            clinics=clinic,
            reader=reader,
            paper=paper,
            large_print=large_print,
            fillable=fillable,
            max_questions=max_questions,
            all_questions=all_questions,
        ),
    )
    branding = _branding(clinic_info, content_dir)
    result = api.build(
        profile,
        output_format,
        today(),
        api.default_bank(branding.overlays),
        clinic=branding.clinic,
        blank_personal=True,
    )
    data = result.data
    if copies > 1:
        if output_format is not OutputFormat.PDF:
            raise InputError("--copies: only for PDF handouts")
        data, _pages = concatenate_for_duplex([data] * copies, result.pack.title)
    _write_output(
        data,
        output,
        output_format,
        "clinic-handout",
        f"{result.pack.question_count} questions, {copies} {'copy' if copies == 1 else 'copies'}",
    )


def _write_output(
    data: bytes, output: Path | None, output_format: OutputFormat, stem: str, summary: str
) -> Path | None:
    """Standard output, a named file (replaced: the user asked for it), or a new default
    name that never replaces anything."""
    if output is None and output_format is not OutputFormat.PDF:
        output = Path("-")
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    target = output or first_free_name(Path("."), stem, ".pdf")
    write_atomic(target, data, overwrite=output is not None)
    typer.echo(f"Wrote {target}: {summary}", err=True)
    return target


class SortOrder(StrEnum):
    SPREADSHEET = "spreadsheet"
    VISIT_DATE = "visit-date"


@app.command()
def batch(
    source: Annotated[
        Path | None,
        typer.Argument(
            help="The families' spreadsheet: .csv (comma or semicolon) or .xlsx.", dir_okay=False
        ),
    ] = None,
    outdir: Annotated[
        Path | None, typer.Option("--output", "-o", help="Folder for the packs.", file_okay=False)
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="XLSX sheet (default: first).")
    ] = None,
    merge: Annotated[
        Path | None,
        typer.Option(
            "--merge",
            help="Also write one print file, each pack on a right-hand page.",
            dir_okay=False,
        ),
    ] = None,
    sort: Annotated[
        SortOrder, typer.Option("--sort", help="Order of packs in the --merge file.")
    ] = SortOrder.SPREADSHEET,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Parallel processes (default: cores).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Keep packs already made and finish the rest.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Make every pack again, replacing earlier ones.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Write an empty spreadsheet (.csv or .xlsx) and stop.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Make a pack for every family in a spreadsheet.

    Writes OUTDIR/<family_id>.pdf for each valid row, OUTDIR/manifest.csv (one line a pack)
    and OUTDIR/errors.csv (each row that could not be made, with its row number, column and
    reason). Exit code 0 when every row made a pack, 3 when some rows failed, 2 when the file
    itself cannot be read.

    Examples:

      clinic-prep batch --template families.xlsx

      clinic-prep batch samples/families.csv -o packs --merge packs/print.pdf

      clinic-prep batch families.xlsx -o packs --resume
    """
    if template is not None:
        data = template_xlsx() if template.suffix.lower() == ".xlsx" else template_csv()
        write_atomic(template, data, overwrite=False)
        if not quiet:
            typer.echo(f"Wrote {template}: fill in one row per family.", err=True)
        return
    if source is None or outdir is None:
        raise InputError("batch needs a spreadsheet and -o OUTDIR (or --template FILE)")
    branding = _branding(clinic_info, content_dir)
    workers = jobs or os.cpu_count() or 1
    with Progress(
        TextColumn("Making packs"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=False,
    ) as progress:
        task = progress.add_task("packs", total=None, failed=0, rate="")

        def update(made: int, failed: int) -> None:
            elapsed = progress.tasks[task].elapsed or 0
            rate = f"{made / elapsed:.1f} packs/s" if elapsed > 0 else ""
            progress.update(task, completed=made + failed, failed=failed, rate=rate)

        report = run_batch(
            source,
            outdir,
            today=today(),
            sheet=sheet,
            jobs=workers,
            resume=resume,
            force=force,
            branding=branding,
            on_progress=update,
        )
    if merge is not None and report.packs:
        pages = merge_for_printing(outdir, report, merge, sort is SortOrder.VISIT_DATE)
        if not quiet:
            typer.echo(f"Wrote {merge}: {pages} pages for double-sided printing.", err=True)
    for error in report.errors:
        where = f", column {error.column}" if error.column else ""
        typer.echo(
            f"row {error.row} ({error.family_id or 'no id'}){where}: {error.reason}", err=True
        )
    if not quiet:
        kept = sum(pack.status == "kept" for pack in report.packs)
        typer.echo(
            f"{len(report.packs)} packs in {outdir} ({kept} kept from before), "
            f"{len(report.errors)} rows failed; see {outdir / 'manifest.csv'}"
            + (f" and {outdir / 'errors.csv'}" if report.errors else ""),
            err=True,
        )
    raise typer.Exit(report.exit_code)


def _bank_folders(folders: list[Path] | None) -> tuple[Path, tuple[Path, ...]]:
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


@content_app.command("check")
def content_check(
    content_dirs: BankDirsOpt = None,
    max_grade: Annotated[
        float, typer.Option("--max-grade", help="Highest US reading grade allowed.")
    ] = DEFAULT_MAX_GRADE,
    max_review_age: Annotated[
        int, typer.Option("--max-review-age", help="Warn when a review is older (years).")
    ] = DEFAULT_MAX_REVIEW_AGE_YEARS,
) -> None:
    """Check the question bank: schema, duplicate ids, unknown sources, review dates,
    reading level, near-duplicates and coverage.

    Each problem is printed as FILE:LINE: what is wrong; warnings start with "warning:".
    Exit code 2 when there are problems (warnings alone pass).

    Examples:

      clinic-prep content check

      clinic-prep content check --content-dir ./our-questions --max-grade 7
    """
    folder, overlays = _bank_folders(content_dirs)
    problems = check_content(folder, overlays)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) found in {folder}", err=True)
        raise typer.Exit(2)
    bank = load_bank(folder, overlays)
    quality = assess(
        bank,
        today(),
        max_grade=max_grade,
        max_review_age_years=max_review_age,
        where=folder / "questions",
    )
    for error in quality.errors:
        typer.echo(str(error))
    for warning in quality.warnings:
        typer.echo(f"warning: {warning}")
    table = Table(title="Questions per situation and topic", show_lines=False)
    rows = coverage_table(quality.coverage)
    for column in rows[0]:
        table.add_column(column, overflow="fold")
    for row in rows[1:]:
        table.add_row(*row)
    Console(width=max(200, Console().width)).print(table)
    clinics = ", ".join(
        f"{clinic.value} {count}" for clinic, count in quality.coverage.by_clinic.items()
    )
    typer.echo(f"Questions per clinic: {clinics}")
    typer.echo(
        f"Reading grade: median {quality.median_grade:.1f}, highest {quality.max_grade:.1f} "
        f"(ceiling {max_grade:g})."
    )
    if quality.errors:
        typer.echo(f"{len(quality.errors)} problem(s) found in {folder}", err=True)
        raise typer.Exit(2)
    typer.echo(
        f"Content OK: {len(bank.questions)} questions in {len(bank.topics)} topics, "
        f"{len(bank.sources)} sources, {len(bank.sheets)} record sheets"
        + (f", {len(quality.warnings)} warning(s)." if quality.warnings else ".")
    )


class ReviewFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"


@content_app.command("report")
def content_report(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write the review sheet.", dir_okay=False),
    ],
    content_dirs: BankDirsOpt = None,
    output_format: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="pdf or html.")
    ] = ReviewFormat.PDF,
    paper: PaperOpt = None,
) -> None:
    """Print every question for a clinician to review: both wordings, why, when it is chosen,
    sources in full, reading level and review date, with a sign-off box per topic.

    Examples:

      clinic-prep content report -o review.pdf

      clinic-prep content report --content-dir ./our-questions --format html -o review.html
    """
    folder, overlays = _bank_folders(content_dirs)
    sheet = review_sheet(load_bank(folder, overlays))
    if output_format is ReviewFormat.PDF:
        data = render_review_pdf(sheet, paper or Paper.A4)
    else:
        data = render_review_html(sheet).encode("utf-8")
    write_atomic(output, data, overwrite=True)
    count = sum(len(topic.entries) for topic in sheet.topics)
    typer.echo(f"Wrote {output}: {count} questions in {len(sheet.topics)} topics.", err=True)


def run() -> None:
    """Console-script entry point."""
    app()

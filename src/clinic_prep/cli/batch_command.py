"""The batch command: a pack for every family in a spreadsheet."""

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from clinic_prep.cli.app import app
from clinic_prep.cli.shared import (
    ClinicInfoOpt,
    ContentDirOpt,
    load_branding,
    today,
)
from clinic_prep.core.errors import InputError, printable
from clinic_prep.startup import modules_loaded
from clinic_prep.write.output import write_atomic

if TYPE_CHECKING:
    from rich.progress import Progress

    from clinic_prep.batch import StopRequest
    from clinic_prep.batch_folder import BatchReport
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextmanager
def stop_cleanly_on_signals() -> Iterator["StopRequest"]:
    """Ctrl-C, SIGTERM and SIGHUP (a closed terminal) stop the run the same way: the packs
    in hand are finished and recorded before it ends. The handler only asks; the run stops
    at its next safe point, so a signal can never land between a pack and its record."""
    from clinic_prep.batch import StopRequest

    stop = StopRequest()

    def ask_to_stop(signum: int, _frame: FrameType | None) -> None:
        stop.signum = stop.signum or signum

    previous = {number: signal.signal(number, ask_to_stop) for number in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class SortOrder(StrEnum):
    SPREADSHEET = "spreadsheet"
    VISIT_DATE = "visit-date"


SourceArg = Annotated[
    Path | None,
    typer.Argument(
        help="The families' spreadsheet: .csv (comma or semicolon) or .xlsx.", dir_okay=False
    ),
]
OutdirOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Folder for the packs.", file_okay=False)
]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="XLSX sheet (default: first).")]
MergeOpt = Annotated[
    Path | None,
    typer.Option(
        "--merge", help="Also write one print file, each pack on a right-hand page.", dir_okay=False
    ),
]
SortOpt = Annotated[SortOrder, typer.Option("--sort", help="Order of packs in the --merge file.")]
JobsOpt = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Parallel processes (default: cores).")
]
ResumeOpt = Annotated[
    bool, typer.Option("--resume", help="Keep packs already made and finish the rest.")
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Make every pack again, replacing earlier ones.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
TemplateOpt = Annotated[
    Path | None,
    typer.Option(
        "--template", help="Write an empty spreadsheet (.csv or .xlsx) and stop.", dir_okay=False
    ),
]


@app.command()
def batch(
    source: SourceArg = None,
    outdir: OutdirOpt = None,
    sheet: SheetOpt = None,
    merge: MergeOpt = None,
    sort: SortOpt = SortOrder.SPREADSHEET,
    jobs: JobsOpt = None,
    resume: ResumeOpt = False,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
    template: TemplateOpt = None,
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
    from clinic_prep.batch import run_batch  # here, so other commands start without it

    modules_loaded()
    if template is not None:
        return _write_template(template, quiet)
    if source is None or outdir is None:
        raise InputError("batch needs a spreadsheet and -o OUTDIR (or --template FILE)")
    branding = load_branding(clinic_info, content_dir)
    progress, start, update = _progress(quiet)
    try:
        with stop_cleanly_on_signals() as stop:
            report = run_batch(
                source,
                outdir,
                today=today(),
                sheet=sheet,
                jobs=jobs or os.cpu_count() or 1,
                resume=resume,
                force=force,
                branding=branding,
                merge_target=merge,
                stop=stop,
                on_start=start,
                on_progress=update,
            )
    finally:
        if progress.live.is_started:
            progress.stop()
    _merge(report, outdir, merge, sort, quiet)
    _tell(report, outdir, quiet)
    raise typer.Exit(report.exit_code)


def _merge(
    report: "BatchReport", outdir: Path, merge: Path | None, sort: SortOrder, quiet: bool
) -> None:
    from clinic_prep.batch_folder import merge_for_printing

    if merge is None or not report.packs:
        return
    pages = merge_for_printing(outdir, report, merge, sort is SortOrder.VISIT_DATE)
    if not quiet:
        typer.echo(
            f"Wrote {merge}: {pages} pages for double-sided printing. It is for paper only: "
            "the packs in the folder keep the screen-reader tags and any form fields.",
            err=True,
        )


def _write_template(template: Path, quiet: bool) -> None:
    from clinic_prep.intake.spreadsheet_template import template_csv, template_xlsx

    data = template_xlsx() if template.suffix.lower() == ".xlsx" else template_csv()
    write_atomic(template, data, overwrite=False)
    if not quiet:
        typer.echo(f"Wrote {template}: fill in one row per family.", err=True)


def _progress(
    quiet: bool,
) -> tuple["Progress", Callable[[int], None], Callable[[int, int], None]]:
    """The progress bar, and the two calls the run makes to it: when the whole file has been
    read (so a file that cannot be read fails in one clean line), and after each pack."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(
        TextColumn("Making packs"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=False,
    )
    task = progress.add_task("packs", total=None, failed=0, rate="", start=False)

    def start(total: int) -> None:
        progress.update(task, total=total)
        progress.start_task(task)
        progress.start()

    def update(made: int, failed: int) -> None:
        elapsed = progress.tasks[task].elapsed or 0
        rate = f"{made / elapsed:.1f} packs/s" if elapsed > 0 else ""
        progress.update(task, completed=made + failed, failed=failed, rate=rate)

    return progress, start, update


def _tell(report: "BatchReport", outdir: Path, quiet: bool) -> None:
    """The columns left aside, each failed row on a line of its own, then the summary."""
    if report.left_aside:
        columns = ", ".join(report.left_aside)
        typer.echo(
            f"clinic-prep: note: column{'s' if len(report.left_aside) > 1 else ''} {columns} "
            "left aside: clinic-prep does not use "
            f"{'them' if len(report.left_aside) > 1 else 'it'}",
            err=True,
        )
    for error in report.errors:
        where = f", column {error.column}" if error.column else ""
        typer.echo(
            printable(f"row {error.row} ({error.family_id or 'no id'}){where}: {error.reason}"),
            err=True,
        )
    if not quiet:
        kept = sum(pack.status == "kept" for pack in report.packs)
        remade = sum(pack.status == "remade" for pack in report.packs)
        again = f", {remade} made again as their row or settings changed" if remade else ""
        typer.echo(
            f"{len(report.packs)} packs in {outdir} ({kept} kept from before{again}), "
            f"{report.failed_rows} {'row' if report.failed_rows == 1 else 'rows'} failed; "
            f"see {outdir / 'manifest.csv'}"
            + (f" and {outdir / 'errors.csv'}" if report.errors else ""),
            err=True,
        )

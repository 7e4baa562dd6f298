"""Make one pack per row of a coordinator's spreadsheet, safely and in parallel.

Every pack is written under a temporary name and renamed when complete, and each finished pack
is journalled at once, so a run that is interrupted (Ctrl-C, a killed process, a power cut)
leaves only complete packs, and ``resume`` finishes the rest. A bad row never stops the run:
it is reported with its row number, column and reason. Messages and file names use family ids
and row numbers, never names or questions.
"""

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from clinic_prep import api
from clinic_prep.batch_folder import (
    JOURNAL,
    MANIFEST,
    MAX_FAMILY_ID,
    BatchReport,
    Journal,
    PackRecord,
    RowError,
    check_merge_target,
    finished_earlier,
    id_problem,
    made_from,
    make_private_folder,
    profile_for,
    record_for,
    row_failure,
    run_basis,
    safe_file_stem,
    sha256_hex,
    survey,
    write_reports,
)
from clinic_prep.core.errors import (
    ClinicPrepError,
    InputError,
    Interrupted,
    OutputError,
    printable,
)
from clinic_prep.core.resources import content_dir, templates_dir
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.clinic_info import RunSettings
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.record import FamilyRecord
from clinic_prep.intake.spreadsheet import Row, read_rows
from clinic_prep.write.folder_lock import locked_folder
from clinic_prep.write.output import write_atomic

ProgressCallback = Callable[[int, int], None]  # (packs made or kept, rows failed)
PR_SET_PDEATHSIG = 1


class BatchStopped(ClinicPrepError):
    """The run stopped part-way (a signal, or a process making packs was killed); every pack
    finished by then is in the manifest, and ``--resume`` makes the rest."""

    def __init__(self, outdir: Path, report: BatchReport, why: str, exit_code: int) -> None:
        super().__init__(
            f"{why}: {len(report.packs)} packs are in {outdir / MANIFEST} and "
            f"{report.failed_rows} rows failed; run the same command with --resume to finish"
        )
        self.report = report
        self.exit_code = exit_code


# -- the work one process does --------------------------------------------------------------


def _warm_up(branding: RunSettings, lock: int) -> None:
    """Load and validate the bank once per worker process, not once per row. Ctrl-C and a
    closed terminal reach every process in the group: workers leave them to the main
    process, which lets them finish the pack in hand and records it. A worker never holds
    the folder's lock, and ends with the main process even when that is killed outright."""
    os.close(lock)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()
    branding.bank()


def _end_with_parent() -> None:
    """Linux: have the kernel send SIGTERM when the main process dies (PR_SET_PDEATHSIG).
    Elsewhere a worker left behind ends when its queue closes."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def make_pack(
    profile: Profile,
    target: Path,
    today: date,
    branding: RunSettings = RunSettings(),
    record: FamilyRecord | None = None,
) -> tuple[int, int, str]:
    """Render one pack and write it atomically; returns (pages, questions, sha256)."""
    result = api.build(profile, OutputFormat.PDF, today, branding, record=record)
    write_atomic(target, result.data, overwrite=True)
    return result.pages or 0, result.pack.question_count, sha256_hex(result.data)


# -- the run --------------------------------------------------------------------------------


@dataclass
class StopRequest:
    """Set by a signal handler; the run stops at the next safe point (between rows, or when
    a worker hands back a pack), so no finished pack is ever left out of the manifest."""

    signum: int | None = None

    def check(self) -> None:
        if self.signum is not None:
            raise Interrupted(self.signum)


def run_batch(
    source: Path,
    outdir: Path,
    *,
    today: date,
    sheet: str | None = None,
    jobs: int = 1,
    resume: bool = False,
    force: bool = False,
    branding: RunSettings = RunSettings(),
    merge_target: Path | None = None,
    stop: StopRequest | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> BatchReport:
    """Make a pack for every valid row of ``source`` in ``outdir``. ``merge_target`` is only
    checked here (the CLI merges once the packs exist); ``on_start`` is told the number of
    families before the first pack."""
    plan = survey(source, sheet)
    if merge_target is not None:
        check_merge_target(merge_target, source, outdir, plan.files)
    branding.bank()  # a broken bank stops the run before any file
    make_private_folder(outdir)
    with locked_folder(outdir) as lock:
        earlier = finished_earlier(outdir) if resume else {}
        if (
            not resume
            and not force
            and any(os.path.lexists(outdir / name) for name in (MANIFEST, JOURNAL))
        ):
            raise InputError(
                f"{outdir}: already holds packs from an earlier run; "
                "use --resume to finish it or --force to make them all again"
            )
        for stale in outdir.glob(".clinic-prep-*.tmp"):
            # Left by a killed run (the lock says none is running): our files only, never a
            # folder that happens to have the name.
            if stale.is_symlink() or stale.is_file():
                stale.unlink()
        if force and not resume:
            (outdir / JOURNAL).unlink(missing_ok=True)
        if on_start:
            on_start(plan.rows)
        folders = [content_dir(), templates_dir(), *branding.overlays]
        basis = run_basis(branding, today.isoformat(), folders)
        run = _Run(
            source, outdir, today, sheet, jobs, branding, earlier, stop or StopRequest(), basis
        )
        run.lock = lock
        run.on_progress = on_progress
        run.report.left_aside = plan.left_aside
        report = run.run()
    (outdir / JOURNAL).unlink(missing_ok=True)
    return report


@dataclass
class _Run:
    """One pass over the rows: packs made in this process or in ``jobs`` workers, each
    recorded in the journal the moment it is on disk."""

    source: Path
    outdir: Path
    today: date
    sheet: str | None
    jobs: int
    branding: RunSettings
    earlier: dict[str, dict[str, str]]
    stop: StopRequest
    basis: str  # what every pack of the run is made from besides its row (run_basis)
    on_progress: ProgressCallback | None = None
    lock: int = -1  # the folder lock's descriptor, which workers close
    report: BatchReport = field(default_factory=BatchReport)
    pending: dict[Future[tuple[int, int, str]], tuple[Row, Profile, str]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self.journal = Journal(self.outdir / JOURNAL)
        self.ids_seen: dict[str, int] = {}
        self.records: dict[int, FamilyRecord | None] = {}  # each row's family record, if any
        self.stems_seen: dict[str, int] = {}

    def progress(self) -> None:
        if self.on_progress:
            self.on_progress(len(self.report.packs), self.report.failed_rows)

    def fail(self, error: RowError) -> None:
        self.report.add_error(error)
        self.progress()

    def record(self, row: Row, profile: Profile, file: str, made: tuple[int, int, str]) -> None:
        pages, questions, digest = made
        visit = profile.visit_date.isoformat() if profile.visit_date else ""
        earlier = self.earlier.get(row.cells["family_id"], {})
        status = "remade" if earlier.get("file") == file else "made"
        entry = PackRecord(
            row.number,
            row.cells["family_id"],
            file,
            pages,
            questions,
            digest,
            status,
            visit,
            self.made_from_of(profile, row.number),
            "yes" if self.records.get(row.number) else "",
        )
        self.journal.add(entry)
        self.report.packs.append(entry)
        self.progress()

    def settle(self, future: Future[tuple[int, int, str]]) -> None:
        row, profile, file = self.pending.pop(future)
        try:
            made = future.result()
        except BrokenProcessPool:
            raise  # a worker was killed: the run stops, the manifest says what was made
        except Exception as exc:
            self.fail(row_failure(row, exc))
            return
        self.record(row, profile, file, made)

    def collect(self) -> None:
        # A timeout, so that a stop is seen even while every worker is busy.
        done, _ = wait(self.pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            self.settle(future)
        self.stop.check()

    def check_id(self, row: Row) -> RowError | None:
        family_id = row.cells.get("family_id", "")
        shown = printable(family_id[:MAX_FAMILY_ID])
        problem = id_problem(family_id)
        stem = safe_file_stem(family_id).lower()
        if problem is None and family_id in self.ids_seen:
            problem = f"duplicate of row {self.ids_seen[family_id]}"
        elif problem is None and stem in self.stems_seen:
            problem = f"gives the same file name as row {self.stems_seen[stem]}"
        if problem is not None:
            return RowError(row.number, shown, "family_id", problem)
        self.ids_seen[family_id] = row.number
        self.stems_seen[stem] = row.number
        return None

    def made_from_of(self, profile: Profile, row: int) -> str:
        """What the row's pack is made of: its profile, and the family's record if named."""
        record = self.records.get(row)
        kept = record.model_dump_json() if record is not None else ""
        return made_from(self.basis, profile.model_dump_json() + kept)

    def kept(self, row: Row, profile: Profile, file: str) -> PackRecord | None:
        """The pack an earlier run made from exactly this row, settings, questions and day;
        a pack whose making changed (a new visit date, other clinic details) is made again."""
        earlier = self.earlier.get(row.cells["family_id"])
        if earlier is None or earlier["file"] != file:
            return None
        made = self.made_from_of(profile, row.number)
        if earlier["made_from"] != made:
            return None
        visit = profile.visit_date.isoformat() if profile.visit_date else ""
        return PackRecord(
            row.number,
            row.cells["family_id"],
            file,
            int(earlier["pages"]),
            int(earlier["questions"]),
            earlier["sha256"],
            "kept",
            visit,
            made,
            "yes" if self.records.get(row.number) else "",
        )

    def make(self, executor: ProcessPoolExecutor | None, row: Row) -> None:
        if row.problem is not None:
            self.fail(
                RowError(row.number, printable(row.cells.get("family_id", "")), "", row.problem)
            )
            return
        if problem := self.check_id(row):
            self.fail(problem)
            return
        profile = profile_for(row)
        if isinstance(profile, list):
            for problem in profile:
                self.fail(problem)
            return
        record = record_for(row, self.source.parent)
        if isinstance(record, RowError):
            self.fail(record)
            return
        self.records[row.number] = record
        file = f"{safe_file_stem(row.cells['family_id'])}.pdf"
        if kept := self.kept(row, profile, file):
            self.report.packs.append(kept)
            self.progress()
            return
        if executor is None:
            try:
                made = make_pack(profile, self.outdir / file, self.today, self.branding, record)
            except Exception as exc:
                self.fail(row_failure(row, exc))
                return
            self.record(row, profile, file, made)
            return
        future = executor.submit(
            make_pack, profile, self.outdir / file, self.today, self.branding, record
        )
        self.pending[future] = (row, profile, file)
        # Keep only a few rows in flight, so memory stays flat however long the sheet.
        while len(self.pending) >= self.jobs * 4:
            self.collect()

    def run(self) -> BatchReport:
        executor = (
            ProcessPoolExecutor(
                max_workers=self.jobs, initializer=_warm_up, initargs=(self.branding, self.lock)
            )
            if self.jobs > 1
            else None
        )
        failure: BaseException | None = None
        try:
            for row in read_rows(self.source, self.sheet):
                self.stop.check()
                self.make(executor, row)
            while self.pending:
                self.collect()
        except BaseException as exc:
            failure = exc
        finally:
            unsaved = self.wind_down(executor)
        if isinstance(failure, KeyboardInterrupt):
            signum = failure.signum if isinstance(failure, Interrupted) else signal.SIGINT
            name = signal.Signals(signum).name
            raise BatchStopped(self.outdir, self.report, f"stopped by {name}", 128 + signum)
        if isinstance(failure, BrokenProcessPool):
            raise BatchStopped(
                self.outdir, self.report, "a process making packs was stopped", 1
            ) from None
        if failure is not None:
            raise failure
        if unsaved is not None:
            raise unsaved
        return self.report

    def wind_down(self, executor: ProcessPoolExecutor | None) -> OutputError | None:
        """Let the workers finish the packs in hand, record them, and write the manifest
        and the error list, whether the run ended or was stopped. A pack on disk is always
        in the manifest, or made again by --resume. Returns the first write that failed
        (a full disk), for the caller to report unless something else stopped the run."""
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        unsaved: OutputError | None = None
        for future in list(self.pending):
            if future.cancelled() or future.exception() is not None or unsaved:
                self.pending.pop(future)  # nothing to record: cancelled, or its worker died
                continue
            try:
                self.settle(future)
            except OutputError as exc:
                unsaved = exc
        self.journal.close()
        try:
            write_reports(self.outdir, self.report)
        except OutputError as exc:
            unsaved = unsaved or exc
        return unsaved

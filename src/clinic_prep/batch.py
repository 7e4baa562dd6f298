"""Make one pack per row of a coordinator's spreadsheet, safely and in parallel.

Every pack is written under a temporary name and renamed when complete, and each finished pack
is journalled at once, so a run that is interrupted (Ctrl-C, a killed process, a power cut)
leaves only complete packs, and ``resume`` finishes the rest. A bad row never stops the run:
it is reported with its row number, column and reason. Messages and file names use family ids
and row numbers, never names or questions.
"""

import csv
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from clinic_prep import api
from clinic_prep.clinic_info import RunSettings
from clinic_prep.errors import ClinicPrepError, InputError
from clinic_prep.output import write_atomic
from clinic_prep.printing import concatenate_for_duplex
from clinic_prep.profile import Profile
from clinic_prep.profile_io import profile_problems
from clinic_prep.spreadsheet import Row, read_rows, row_to_fields
from clinic_prep.vocabulary import OutputFormat

MANIFEST = "manifest.csv"
ERRORS = "errors.csv"
JOURNAL = ".manifest.journal"
MANIFEST_COLUMNS = ["family_id", "file", "pages", "questions", "sha256", "status"]
ERROR_COLUMNS = ["row", "family_id", "column", "reason"]
MAX_FAMILY_ID = 64
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}

ProgressCallback = Callable[[int, int], None]  # (packs made or kept, rows failed)


@dataclass(frozen=True)
class PackRecord:
    row: int
    family_id: str
    file: str
    pages: int
    questions: int
    sha256: str
    status: str  # "made" in this run, or "kept" from an earlier run (resume)
    visit_date: str = ""


@dataclass(frozen=True)
class RowError:
    row: int
    family_id: str
    column: str
    reason: str


@dataclass
class BatchReport:
    packs: list[PackRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        """Rows that made no pack (a row may have several problems)."""
        return len({error.row for error in self.errors})

    @property
    def exit_code(self) -> int:
        return 3 if self.errors else 0


def safe_file_stem(family_id: str) -> str:
    """A file name from a family id that stays inside the output folder on every system:
    no path separators, no leading dots, no reserved device names."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", family_id).strip("._") or "family"
    if stem.split(".")[0].lower() in WINDOWS_RESERVED:
        stem = f"_{stem}"
    return stem[:MAX_FAMILY_ID]


def neutralise(cell: object) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    text = str(cell)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[neutralise(cell) for cell in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- the work one process does --------------------------------------------------------------


def _warm_up(branding: RunSettings) -> None:
    """Load and validate the bank once per worker process, not once per row."""
    branding.bank()


def make_pack(
    profile: Profile, target: Path, today: date, branding: RunSettings = RunSettings()
) -> tuple[int, int, str]:
    """Render one pack and write it atomically; returns (pages, questions, sha256)."""
    result = api.build(profile, OutputFormat.PDF, today, branding)
    write_atomic(target, result.data, overwrite=True)
    return result.pages or 0, result.pack.question_count, _sha256(result.data)


# -- resume ---------------------------------------------------------------------------------


def _read_records(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a manifest or journal; a torn last line (a kill mid-write) is ignored."""
    if not path.exists():
        return
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for record in csv.DictReader(stream, fieldnames=MANIFEST_COLUMNS):
            if record["family_id"] == "family_id" or None in record.values():
                continue
            if record.get("sha256") and len(record["sha256"]) == 64:
                yield {k: v.lstrip("'") if k == "family_id" else v for k, v in record.items()}


def _finished_earlier(outdir: Path) -> dict[str, dict[str, str]]:
    """Packs from earlier runs whose file is still there, complete and unchanged."""
    found: dict[str, dict[str, str]] = {}
    for source in (outdir / MANIFEST, outdir / JOURNAL):
        for record in _read_records(source):
            pack = outdir / record["file"]
            if pack.is_file() and _sha256(pack.read_bytes()) == record["sha256"]:
                found[record["family_id"]] = record
    return found


# -- the run --------------------------------------------------------------------------------


@dataclass
class _Journal:
    """Append-only record of finished packs, flushed to disk after each one."""

    path: Path
    stream: io.TextIOWrapper | None = None

    def add(self, record: PackRecord) -> None:
        if self.stream is None:
            self.stream = self.path.open("a", encoding="utf-8", newline="")
        csv.writer(self.stream, lineterminator="\n").writerow(
            [
                neutralise(record.family_id),
                record.file,
                record.pages,
                record.questions,
                record.sha256,
                record.status,
            ]
        )
        self.stream.flush()
        os.fsync(self.stream.fileno())

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()


def _profile_for(row: Row) -> Profile | list[RowError]:
    """The row's profile, or every problem in it (column and reason each)."""
    family_id = row.cells.get("family_id", "")
    try:
        return Profile.model_validate(row_to_fields(row))
    except ValidationError as exc:
        return [
            RowError(row.number, family_id, str(loc[0]) if loc else "", reason)
            for loc, reason in profile_problems(exc)
        ]


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
    on_progress: ProgressCallback | None = None,
) -> BatchReport:
    """Make a pack for every valid row of ``source`` in ``outdir``."""
    rows = read_rows(source, sheet)  # fails now if the file itself cannot be read
    outdir.mkdir(parents=True, exist_ok=True)
    earlier = _finished_earlier(outdir) if resume else {}
    if not resume and not force and ((outdir / MANIFEST).exists() or (outdir / JOURNAL).exists()):
        raise InputError(
            f"{outdir}: already holds packs from an earlier run; "
            "use --resume to finish it or --force to make them all again"
        )
    for stale in outdir.glob(".clinic-prep-*.tmp"):
        stale.unlink()  # left by a killed run: never a complete pack
    if force and not resume:
        (outdir / JOURNAL).unlink(missing_ok=True)
    branding.bank()  # a broken bank stops the run before any row

    report = BatchReport()
    journal = _Journal(outdir / JOURNAL)
    ids_seen: dict[str, int] = {}
    stems_seen: dict[str, int] = {}
    pending: dict[Future[tuple[int, int, str]], tuple[Row, Profile, str]] = {}
    executor = (
        ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up, initargs=(branding,))
        if jobs > 1
        else None
    )

    def progress() -> None:
        if on_progress:
            on_progress(len(report.packs), report.failed_rows)

    def record(row: Row, profile: Profile, file: str, made: tuple[int, int, str]) -> None:
        pages, questions, digest = made
        visit = profile.visit_date.isoformat() if profile.visit_date else ""
        entry = PackRecord(
            row.number, row.cells["family_id"], file, pages, questions, digest, "made", visit
        )
        journal.add(entry)
        report.packs.append(entry)
        progress()

    def collect(block: bool) -> None:
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED, timeout=None if block else 0)
        for future in done:
            row, profile, file = pending.pop(future)
            try:
                record(row, profile, file, future.result())
            except ClinicPrepError as exc:
                report.errors.append(RowError(row.number, row.cells["family_id"], "", str(exc)))
                progress()

    try:
        for row in rows:
            family_id = row.cells.get("family_id", "").strip()
            problem: RowError | None = None
            stem = safe_file_stem(family_id)
            if not family_id:
                problem = RowError(row.number, "", "family_id", "required")
            elif len(family_id) > MAX_FAMILY_ID:
                problem = RowError(
                    row.number,
                    family_id[:MAX_FAMILY_ID],
                    "family_id",
                    f"longer than {MAX_FAMILY_ID} characters",
                )
            elif family_id in ids_seen:
                problem = RowError(
                    row.number, family_id, "family_id", f"duplicate of row {ids_seen[family_id]}"
                )
            elif stem.lower() in stems_seen:
                problem = RowError(
                    row.number,
                    family_id,
                    "family_id",
                    f"gives the same file name as row {stems_seen[stem.lower()]}",
                )
            if problem:
                report.errors.append(problem)
                progress()
                continue
            ids_seen[family_id] = row.number
            stems_seen[stem.lower()] = row.number
            profile = _profile_for(row)
            if isinstance(profile, list):
                report.errors += profile
                progress()
                continue
            file = f"{stem}.pdf"
            if family_id in earlier and earlier[family_id]["file"] == file:
                kept = earlier[family_id]
                visit = profile.visit_date.isoformat() if profile.visit_date else ""
                entry = PackRecord(
                    row.number,
                    family_id,
                    file,
                    int(kept["pages"]),
                    int(kept["questions"]),
                    kept["sha256"],
                    "kept",
                    visit,
                )
                report.packs.append(entry)
                progress()
                continue
            if executor is None:
                try:
                    record(row, profile, file, make_pack(profile, outdir / file, today, branding))
                except ClinicPrepError as exc:
                    report.errors.append(RowError(row.number, family_id, "", str(exc)))
                    progress()
                continue
            pending[executor.submit(make_pack, profile, outdir / file, today, branding)] = (
                row,
                profile,
                file,
            )
            # Keep only a few rows in flight, so memory stays flat however long the sheet.
            while len(pending) >= jobs * 4:
                collect(block=True)
        while pending:
            collect(block=True)
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        journal.close()
        _write_reports(outdir, report)
    (outdir / JOURNAL).unlink(missing_ok=True)
    return report


def _write_reports(outdir: Path, report: BatchReport) -> None:
    """The manifest (spreadsheet order) and the error list, each written atomically. Runs
    even when the batch is interrupted, so the manifest always matches the packs on disk."""
    packs = sorted(report.packs, key=lambda p: p.row)
    manifest_rows: list[list[object]] = [
        [p.family_id, p.file, p.pages, p.questions, p.sha256, p.status] for p in packs
    ]
    write_atomic(outdir / MANIFEST, _csv_bytes(MANIFEST_COLUMNS, manifest_rows), overwrite=True)
    errors = sorted(report.errors, key=lambda e: e.row)
    error_rows: list[list[object]] = [[e.row, e.family_id, e.column, e.reason] for e in errors]
    write_atomic(outdir / ERRORS, _csv_bytes(ERROR_COLUMNS, error_rows), overwrite=True)


def merge_for_printing(
    outdir: Path, report: BatchReport, target: Path, sort_by_visit_date: bool = False
) -> int:
    """One print-ready file of every pack, each starting on a right-hand page. Returns the
    number of pages."""
    packs = sorted(
        report.packs,
        key=lambda p: (p.visit_date or "9999-12-31", p.row) if sort_by_visit_date else (p.row,),
    )
    data, pages = concatenate_for_duplex(
        ((outdir / pack.file).read_bytes() for pack in packs), "Clinic visit packs for printing"
    )
    write_atomic(target, data, overwrite=True)
    return pages

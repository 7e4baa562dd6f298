"""A batch's output folder: pack file names, the manifest, the journal that makes a run
resumable, and the error report; every cell written safe for spreadsheets."""

import contextlib
import csv
import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from clinic_prep.core.errors import (
    UNPRINTABLE,
    ClinicPrepError,
    InputError,
    OutputError,
    printable,
)
from clinic_prep.core.reading import open_regular
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_io import build_record, profile_problems, read_profile_file
from clinic_prep.intake.record import FamilyRecord
from clinic_prep.intake.spreadsheet import RECORD, Row, read_rows, row_to_fields
from clinic_prep.write.folder_lock import LOCK_FILE
from clinic_prep.write.output import open_for_append, write_atomic
from clinic_prep.write.printing import concatenate_for_duplex

MANIFEST = "manifest.csv"


ERRORS = "errors.csv"


JOURNAL = ".manifest.journal"


# made_from: a digest of everything that made the pack (the row, the run's settings and
# clinic details, the questions and templates, the tool's version, the day): --resume keeps a
# pack only while it is unchanged.
MANIFEST_COLUMNS = [
    "family_id", "file", "pages", "questions", "sha256", "status", "made_from", "record",
]  # fmt: skip


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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class PackRecord:
    row: int
    family_id: str
    file: str
    pages: int
    questions: int
    sha256: str
    status: str  # "made" in this run, "kept" from an earlier run, or "remade" (resume)
    visit_date: str = ""
    made_from: str = ""
    record: str = ""  # "yes" when the family's record filled the pack in


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
    left_aside: tuple[str, ...] = ()  # the spreadsheet's columns clinic-prep does not use
    # The rows that failed, kept as errors come: the progress line asks after every row, and
    # counting them afresh each time took minutes for 100,000 bad rows.
    _failed: set[int] = field(default_factory=set, repr=False)

    def add_error(self, error: RowError) -> None:
        self.errors.append(error)
        self._failed.add(error.row)

    @property
    def failed_rows(self) -> int:
        """Rows that made no pack (a row may have several problems)."""
        return len(self._failed)

    @property
    def exit_code(self) -> int:
        return 3 if self.errors else 0


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_file_stem(family_id: str) -> str:
    """A file name from a family id that stays inside the output folder on every system:
    no path separators, no leading dots or hyphens, no reserved device names. An id with letters
    beyond ASCII keeps what ASCII can show and gains a short checksum of the whole id, so
    that ids in Greek or Cyrillic each get a file of their own."""
    ascii_only = unicodedata.normalize("NFKD", family_id).encode("ascii", "ignore").decode()
    # No leading hyphen either: a file named "-A1.pdf" reads as an option to other tools.
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_only).strip("._").lstrip("-")
    if not family_id.isascii():
        digest = hashlib.sha256(family_id.encode("utf-8")).hexdigest()[:10]
        stem = f"{stem[: MAX_FAMILY_ID - 11] or 'family'}-{digest}"
    stem = stem or "family"
    if stem.split(".")[0].lower() in WINDOWS_RESERVED:
        stem = f"_{stem}"
    return stem[:MAX_FAMILY_ID]


def neutralise(cell: object) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula. A leading
    apostrophe is doubled too, so that ``restore`` gives back exactly what was written."""
    text = str(cell)
    return f"'{text}" if text[:1] in (*FORMULA_STARTS, "'") else text


def restore(cell: str) -> str:
    """The text ``neutralise`` was given."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in (*FORMULA_STARTS, "'") else cell


def id_problem(family_id: str) -> str | None:
    """Why a family id cannot be used, or None."""
    if not family_id:
        return "required"
    if len(family_id) > MAX_FAMILY_ID:
        return f"longer than {MAX_FAMILY_ID} characters"
    for position, char in enumerate(family_id, start=1):
        if unicodedata.category(char) in UNPRINTABLE:
            return f"has a control character at position {position}"
    return None


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[neutralise(cell) for cell in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def read_records(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a manifest or journal; a torn last line (a kill mid-write) is ignored."""
    if not os.path.lexists(path):
        return
    with (
        open_regular(path, follow_links=False) as raw,
        io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as stream,
    ):
        for record in csv.DictReader(stream, fieldnames=MANIFEST_COLUMNS):
            if record["family_id"] == "family_id" or None in record.values():
                continue
            if record.get("sha256") and len(record["sha256"]) == 64:
                yield {key: restore(value) for key, value in record.items()}


def unchanged(pack: Path, digest: str) -> bool:
    try:
        with open_regular(pack, follow_links=False) as stream:
            return sha256_hex(stream.read()) == digest
    except ClinicPrepError:
        return False


def finished_earlier(outdir: Path) -> dict[str, dict[str, str]]:
    """Packs from earlier runs whose file is still there, complete and unchanged."""
    found: dict[str, dict[str, str]] = {}
    for source in (outdir / MANIFEST, outdir / JOURNAL):
        for record in read_records(source):
            if unchanged(outdir / record["file"], record["sha256"]):
                found[record["family_id"]] = record
    return found


@dataclass
class Journal:
    """Append-only record of finished packs, flushed to disk after each one. Opened without
    following links, so a link planted in the folder cannot make it write elsewhere."""

    path: Path
    stream: BinaryIO | None = None

    def add(self, record: PackRecord) -> None:
        line = io.StringIO()
        csv.writer(line, lineterminator="\n").writerow(
            [
                neutralise(record.family_id),
                record.file,
                record.pages,
                record.questions,
                record.sha256,
                record.status,
                record.made_from,
                record.record,
            ]
        )
        if self.stream is None:
            self.stream = open_for_append(self.path)
        try:
            self.stream.write(line.getvalue().encode("utf-8"))
            self.stream.flush()
            os.fsync(self.stream.fileno())
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot be written ({exc.strerror})") from None

    def close(self) -> None:
        if self.stream is not None:
            stream, self.stream = self.stream, None
            with contextlib.suppress(OSError):  # reported when the line was written
                stream.close()


def make_private_folder(outdir: Path) -> None:
    """Create the output folder readable by its owner only (packs hold health details); a
    folder that already exists keeps the permissions its owner gave it."""
    try:
        outdir.parent.mkdir(parents=True, exist_ok=True)
        outdir.mkdir(mode=0o700)
        os.chmod(outdir, 0o700)  # mkdir's mode is narrowed by the umask, never widened
    except FileExistsError:
        if not outdir.is_dir():
            raise OutputError(f"{outdir}: exists and is not a folder") from None
    except OSError as exc:
        raise OutputError(f"{outdir}: cannot be created ({exc.strerror})") from None


def write_reports(outdir: Path, report: BatchReport) -> None:
    """The manifest (spreadsheet order) and the error list, each written atomically. Runs
    even when the batch is interrupted, so the manifest always matches the packs on disk."""
    packs = sorted(report.packs, key=lambda p: p.row)
    manifest_rows: list[list[object]] = [
        [p.family_id, p.file, p.pages, p.questions, p.sha256, p.status, p.made_from, p.record]
        for p in packs
    ]
    write_atomic(outdir / MANIFEST, csv_bytes(MANIFEST_COLUMNS, manifest_rows), overwrite=True)
    errors = sorted(report.errors, key=lambda e: e.row)
    error_rows: list[list[object]] = [[e.row, e.family_id, e.column, e.reason] for e in errors]
    write_atomic(outdir / ERRORS, csv_bytes(ERROR_COLUMNS, error_rows), overwrite=True)


def check_merge_target(target: Path, source: Path, outdir: Path, files: dict[str, int]) -> None:
    """The print file must never replace a pack, the manifest, the error list or the
    spreadsheet itself."""
    resolved = target.resolve()
    if resolved == source.resolve():
        raise InputError(f"--merge: {target} is the spreadsheet itself; choose another name")
    if resolved.parent != outdir.resolve():
        return
    name = resolved.name.lower()
    if name in files:
        raise InputError(
            f"--merge: {target} is the name of the pack for row {files[name]}; "
            "choose a name no family id gives, or a folder outside the packs"
        )
    if name in {MANIFEST, ERRORS, JOURNAL, LOCK_FILE}:
        raise InputError(f"--merge: {target} is one of the batch's own files; choose another name")


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


@dataclass(frozen=True)
class Survey:
    """What a first pass over the spreadsheet finds: how many families, and the file name
    each family id would be given (lower case, as a case-blind file system sees it)."""

    rows: int
    files: dict[str, int]  # file name -> first row that claims it
    left_aside: tuple[str, ...] = ()  # columns clinic-prep does not use, by position


def survey(source: Path, sheet: str | None = None) -> Survey:
    """Read the whole spreadsheet once, before anything is written: a file that cannot be
    read, or one past a limit, fails here and leaves nothing behind."""
    rows = 0
    files: dict[str, int] = {}
    found = read_rows(source, sheet)
    for row in found:
        rows += 1
        family_id = row.cells.get("family_id", "")
        if id_problem(family_id) is None:
            files.setdefault(f"{safe_file_stem(family_id)}.pdf".lower(), row.number)
    return Survey(rows, files, tuple(found.left_aside))


def run_basis(settings: object, today: str, folders: list[Path]) -> str:
    """A digest of what every pack of a run is made from besides its row: the run's settings
    (clinic details, local question folders, handouts), the day, the tool's version and every
    file of the question bank and templates."""
    from clinic_prep import __version__

    digest = hashlib.sha256(f"{__version__}\n{today}\n{settings!r}\n".encode())
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def made_from(basis: str, profile_json: str) -> str:
    """The digest of one pack's making: the run's basis and the row as validated."""
    return hashlib.sha256(f"{basis}\n{profile_json}".encode()).hexdigest()


def profile_for(row: Row) -> Profile | list[RowError]:
    """The row's profile, or every problem in it (column and reason each)."""
    family_id = printable(row.cells.get("family_id", ""))
    try:
        return Profile.model_validate(row_to_fields(row))
    except ValidationError as exc:
        return [
            RowError(row.number, family_id, str(loc[0]) if loc else "", reason)
            for loc, reason in profile_problems(exc)
        ]


def record_for(row: Row, folder: Path) -> FamilyRecord | RowError | None:
    """The record in the family's file the row names (from the spreadsheet's folder), or
    the row's error naming the column; None when the row names none. The path is never
    repeated: it may hold a family's name."""
    written = row.cells.get(RECORD, "").strip()
    if not written:
        return None
    path = Path(written).expanduser()
    path = path if path.is_absolute() else folder / path
    try:
        return build_record(read_profile_file(path))
    except ClinicPrepError as exc:
        reason = str(exc).replace(str(path), "the family's file")
        return RowError(row.number, printable(row.cells.get("family_id", "")), RECORD, reason)


def row_failure(row: Row, exc: Exception) -> RowError:
    """A row whose pack could not be made becomes that row's error, whatever the cause, so
    that one row never stops the rows after it (nor every --resume at the same row)."""
    if isinstance(exc, ClinicPrepError):
        reason = str(exc)
    else:
        reason = f"could not be made (unexpected error: {exc.__class__.__name__}); please report it"
    return RowError(row.number, printable(row.cells["family_id"]), "", reason)

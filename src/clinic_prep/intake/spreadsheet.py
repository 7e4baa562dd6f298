"""Read a coordinator's spreadsheet (CSV or XLSX) row by row, and write the template.

CSV as Excel and LibreOffice export it: UTF-8 with or without a byte-order mark, CRLF or LF,
comma or semicolon. XLSX through openpyxl in read-only mode (spreadsheet_xlsx.py). Rows are
streamed, never all loaded, so a spreadsheet of 100,000 families uses no more memory than one
of ten.
"""

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from clinic_prep.core.errors import InputError
from clinic_prep.core.reading import open_regular
from clinic_prep.core.vocabulary import did_you_mean
from clinic_prep.intake.profile_fields import FIELDS, PROFILE_FIELDS, Shape

# Limits, so that no file can take the memory or the hours of the machine it runs on. Each is
# far beyond a real clinic's list (Alström syndrome is known in about 1,000 people).
MAX_CELL_CHARS = 10_000
MAX_LINE_CHARS = 1_000_000
MAX_ROWS = 100_000  # rows below the column names
MAX_COLUMNS = 256
# How close an unknown column name must be to a known one to be taken for a misspelling of
# it ("Clinicks"), rather than a coordinator's own column ("Notes" is not "involves").
MISSPELLING = 0.8
MAX_HEADER_BYTES = 64_000
TEMPLATE_TIMESTAMP = (2026, 1, 1, 0, 0, 0)
csv.field_size_limit(MAX_LINE_CHARS)

# The spreadsheet's own column: the coordinator's id for the family, never a profile field.
FAMILY_ID = "family_id"
FAMILY_ID_NOTE = ("Required. Your own id for the family; it names the pack's file.", "F-0001")
# Another: the family's own file (a profile holding their record), for a pack that comes
# filled in with what is known. A path from the spreadsheet's folder.
RECORD = "record"
RECORD_NOTE = (
    "Optional. The family's file (YAML, as clinic-prep update keeps it), whose record fills "
    "in the pack's sheets; a path from the spreadsheet's folder.",
    "families/F-0001.yaml",
)
SHEET_COLUMNS = (FAMILY_ID, RECORD)  # the spreadsheet's own columns, never profile fields

# Column name in the spreadsheet -> profile field: family_id, then a column for every profile
# field under the field's own name, in the profile's order, then the family's file. Matching
# ignores case, spaces and hyphens.
COLUMNS: dict[str, str] = {
    FAMILY_ID: FAMILY_ID,
    **{field.name: field.name for field in PROFILE_FIELDS},
    RECORD: RECORD,
}
ALIASES: dict[str, str] = {alias: field.name for field in PROFILE_FIELDS for alias in field.aliases}
# What the template's second sheet says about each column: what it holds, and an example.
# Columns with fixed values also get a dropdown list on the first sheet.
COLUMN_NOTES: dict[str, tuple[str, str]] = {
    FAMILY_ID: FAMILY_ID_NOTE,
    **{field.name: (field.note, field.example) for field in PROFILE_FIELDS},
    RECORD: RECORD_NOTE,
}


def column_values(column: str) -> str:
    """The allowed values of a column, as the template lists them ("" when free)."""
    return FIELDS[column].column_values if column in FIELDS else ""


@dataclass(frozen=True)
class Row:
    """One family's row: its 1-based line in the spreadsheet (header = 1) and its cells,
    keyed by profile field, with empty cells left out; ``problem`` is what is wrong with the
    row as a whole (more cells than columns), for the caller to report as that row's error."""

    number: int
    cells: dict[str, str]
    problem: str | None = None


class Rows(Iterator[Row]):
    """The rows of a spreadsheet, read as they are needed, and the columns it left aside."""

    def __init__(self, rows: Iterator[Row], left_aside: list[str]) -> None:
        self._rows = rows
        self.left_aside = left_aside

    def __next__(self) -> Row:
        return next(self._rows)


def _key(header: str) -> str:
    return "_".join(header.strip().lower().replace("-", " ").split())


def column_name(index: int) -> str:
    """``0`` -> ``1 (A)``: the position a person finds in a spreadsheet program."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"{index + 1} ({letters})"


def map_headers(headers: list[str], source: Path) -> list[str | None]:
    """Profile field for each column. Errors name the column by position, never by its text:
    a file without a header row has a family's details where the names should be."""
    if len(headers) > MAX_COLUMNS:
        raise InputError(f"{source}: more than {MAX_COLUMNS} columns, the limit")
    fields: list[str | None] = []
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _key(header)
        if not key:
            fields.append(None)  # an empty trailing column, as spreadsheets often add
            continue
        field = COLUMNS.get(key) or ALIASES.get(key)
        if field is None:
            # A known column misspelled is an error (its values would be lost unnoticed); a
            # coordinator's own column (NHS number, Notes) is left aside, and said once.
            if guess := did_you_mean(key, [*COLUMNS, *ALIASES], cutoff=MISSPELLING):
                raise InputError(
                    f"{source}: column {column_name(index)} of the first row is not a column "
                    f"name clinic-prep knows; did you mean {ALIASES.get(guess, guess)}?"
                )
            fields.append(None)
            continue
        if field in seen:
            raise InputError(
                f"{source}: columns {column_name(seen[field])} and {column_name(index)} "
                f"are both {field!r}"
            )
        seen[field] = index
        fields.append(field)
    if FAMILY_ID not in seen:
        raise InputError(
            f"{source}: the required column 'family_id' is missing (is the first row the "
            f"column names?); the columns are: {', '.join(COLUMNS)}"
        )
    return fields


def left_aside(headers: list[str], fields: list[str | None]) -> list[str]:
    """The columns, by position, whose names clinic-prep does not use."""
    return [
        column_name(index)
        for index, (header, field) in enumerate(zip(headers, fields, strict=False))
        if field is None and _key(header)
    ]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Unsaved:
    """An XLSX formula cell with no saved value: the file was written by a program that does
    not work formulas out (most exports do), so the value was never stored in it."""


UNSAVED = _Unsaved()


def _row_problem(fields: list[str | None], record: Sequence[Any]) -> str | None:
    """What is wrong with a row as a whole: more cells than columns, or a formula in a
    column clinic-prep reads whose value was never saved (it would otherwise read as empty)."""
    extra = [value for value in record[len(fields) :] if cell_text(value)]
    if extra:
        return (
            f"has {len(extra)} more {'cell' if len(extra) == 1 else 'cells'} than there are "
            "columns (a comma inside a cell needs the cell in double quotes)"
        )
    unsaved = [f for f, value in zip(fields, record, strict=False) if f and value is UNSAVED]
    if unsaved:
        return (
            f"{unsaved[0]}: the cell holds a formula whose value was never saved in the file "
            "(open it in Excel or LibreOffice and save it again, or type the value in)"
        )
    return None


def rows_of(
    fields: list[str | None], records: Iterator[Sequence[Any]], source: Path
) -> Iterator[Row]:
    for number, record in enumerate(records, start=2):
        if number > MAX_ROWS + 1:
            raise InputError(
                f"{source}: more than {MAX_ROWS:,} rows below the column names, the limit"
            )
        cells: dict[str, str] = {}
        problem = _row_problem(fields, record)
        for field, value in zip(fields, record, strict=False):
            if value is UNSAVED:
                continue
            text = cell_text(value)
            if len(text) > MAX_CELL_CHARS:
                raise InputError(
                    f"{source}: row {number}: a cell is longer than {MAX_CELL_CHARS:,} characters"
                )
            if field is not None and text:
                cells[field] = text
        if cells or problem:  # skip blank lines
            yield Row(number, cells, problem)


def read_rows(path: Path, sheet: str | None = None) -> Rows:
    """Stream the rows of a CSV or XLSX file. The column names are checked before this
    returns; problems with the file itself raise InputError, problems with one row's values
    are for the caller to report per row."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".txt"):
        raise InputError(f"{path}: expected a .csv or .xlsx file")
    stream = open_regular(path)
    try:
        if suffix == ".xlsx":
            # The XLSX reader builds on this module's rows, so it is imported where it is used.
            from clinic_prep.intake.spreadsheet_xlsx import read_xlsx

            return read_xlsx(path, stream, sheet)
        return _read_csv(path, stream)
    except BaseException:
        stream.close()
        raise


def _csv_lines(text: io.TextIOWrapper, path: Path) -> Iterator[str]:
    """Physical lines, each at most MAX_LINE_CHARS long, so one endless line cannot fill
    memory before the csv module sees it."""
    number = 0
    while line := text.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise InputError(
                f"{path}: line {number} is longer than {MAX_LINE_CHARS:,} characters, the limit"
            )
        yield line


def _read_csv(path: Path, stream: BinaryIO) -> Rows:
    head = stream.read(MAX_HEADER_BYTES)
    stream.seek(0)
    if b"\x00" in head:
        raise InputError(f"{path}: not a text CSV file (it contains binary data)")
    try:
        lines = head.decode("utf-8-sig").splitlines() if head.strip() else []
    except UnicodeDecodeError:
        # The sample may end inside a character; only a fault before that is a real one.
        try:
            lines = head[:-3].decode("utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8'") from None
    first_line = next((line for line in lines if line.strip()), "")
    if not first_line:
        raise InputError(f"{path}: the file is empty")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(_csv_lines(text, path), delimiter=delimiter)

    def records() -> Iterator[list[str]]:
        try:
            yield from reader
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8'") from None
        except csv.Error as exc:
            raise InputError(f"{path}: line {reader.line_num}: {exc}") from None

    rows = records()
    header = next(rows, None)
    if header is None:
        raise InputError(f"{path}: the file is empty")
    fields = map_headers(header, path)

    def generate() -> Iterator[Row]:
        with text:
            yield from rows_of(fields, rows, path)

    return Rows(generate(), left_aside(header, fields))


def split_list(cell: str, commas: bool = True) -> list[str]:
    """Multi-value cells use ';' or '|' between values, and ',' too unless the values are
    free text."""
    separators = "[;|,]" if commas else "[;|]"
    return [part.strip() for part in re.split(separators, cell) if part.strip()]


def parse_bool(cell: str) -> bool | str:
    """yes/no, true/false, 1/0, y/n; anything else is returned as is for validation to refuse."""
    lowered = cell.strip().lower()
    if lowered in ("yes", "y", "true", "1", "x"):
        return True
    if lowered in ("no", "n", "false", "0"):
        return False
    return cell


def row_to_fields(row: Row) -> dict[str, Any]:
    """Profile fields from a row's cells (the spreadsheet's own columns left out)."""
    fields: dict[str, Any] = {}
    for name, cell in row.cells.items():
        if name in SHEET_COLUMNS:
            continue
        field = FIELDS[name]
        if field.shape is Shape.SEVERAL:
            # The family's own text keeps its commas: only ; and | separate its values.
            fields[name] = split_list(cell, commas=not field.free_text)
        elif field.shape is Shape.YES_NO:
            fields[name] = parse_bool(cell)
        else:
            fields[name] = cell  # check=date pairs in one cell are split by the profile
    return fields

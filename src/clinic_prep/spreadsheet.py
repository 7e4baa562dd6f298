"""Read a coordinator's spreadsheet (CSV or XLSX) row by row, and write the template.

CSV as Excel and LibreOffice export it: UTF-8 with or without a byte-order mark, CRLF or LF,
comma or semicolon. XLSX through openpyxl in read-only mode. Rows are streamed, never all
loaded, so a spreadsheet of 100,000 families uses no more memory than one of ten.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from clinic_prep.errors import InputError
from clinic_prep.vocabulary import (
    BodySystem,
    Clinic,
    CommunicationNeed,
    GeneticResult,
    Paper,
    Reader,
    Sex,
    Situation,
    allowed_values,
)

MAX_CELL_CHARS = 10_000
MAX_HEADER_BYTES = 64_000

# Column name in the spreadsheet -> profile field. Matching ignores case, spaces, hyphens.
COLUMNS: dict[str, str] = {
    "family_id": "family_id",
    "situations": "situations",
    "clinics": "clinics",
    "age": "age",
    "date_of_birth": "date_of_birth",
    "sex": "sex",
    "involves": "involves",
    "reader": "reader",
    "genetic_result": "genetic_result",
    "last_checks": "last_checks",
    "first_name": "first_name",
    "visit_date": "visit_date",
    "own_questions": "own_questions",
    "paper": "paper",
    "large_print": "large_print",
    "fillable": "fillable",
    "communication_needs": "communication_needs",
    "communication_notes": "communication_notes",
    "max_questions": "max_questions",
}
ALIASES = {
    "situation": "situations",
    "clinic": "clinics",
    "dob": "date_of_birth",
    "result": "genetic_result",
    "name": "first_name",
    "questions": "own_questions",
    "needs": "communication_needs",
}
LIST_FIELDS = {"situations", "clinics", "involves", "own_questions", "communication_needs"}
BOOL_FIELDS = {"large_print", "fillable"}

YES_NO = "yes, no"
# What the template's second sheet says about each column: what it holds, and an example.
# Columns with fixed values also get a dropdown list on the first sheet.
COLUMN_NOTES: dict[str, tuple[str, str]] = {
    "family_id": ("Required. Your own id for the family; it names the pack's file.", "F-0001"),
    "situations": (
        "Why the family comes, the main reason first; leave empty for a regular visit.",
        "awaiting-result; siblings",
    ),
    "clinics": ("The clinics the visit is with.", "genetics"),
    "age": ("Age in years, or months for a baby (7m). Or give date_of_birth.", "4"),
    "date_of_birth": ("YYYY-MM-DD, or a date cell. Or give age.", "2022-05-30"),
    "sex": ("Optional: for the few questions that differ.", "female"),
    "involves": ("Parts of the body affected so far.", "vision; hearing"),
    "reader": ("Who reads the pack (parent if empty).", "parent"),
    "genetic_result": ("What the genetic test found, once it is back.", "confirmed"),
    "last_checks": (
        "When regular checks were last done: check=YYYY-MM-DD or check=YYYY-MM.",
        "echo=2025-01-15; ecg=2026-11",
    ),
    "first_name": ("Optional; printed on the pack, never in file names.", "Sam"),
    "visit_date": ("YYYY-MM-DD, or a date cell.", "2026-12-10"),
    "own_questions": (
        "The family's own questions, separated by ; or | (commas stay in a question).",
        "Should his brother have an eye check now?",
    ),
    "paper": ("Paper size (a4 if empty).", "a4"),
    "large_print": ("Large print: 18 point text and bigger spaces.", "no"),
    "fillable": ("A PDF form to type answers into.", "no"),
    "communication_needs": ("What helps communication, printed first.", "hearing-loop"),
    "communication_notes": ("A short note on what helps communication.", ""),
    "max_questions": ("Most questions in the pack (15 if empty).", ""),
}
# Columns whose values come from a fixed list; several values are allowed in list columns.
FIXED_VALUES: dict[str, type[StrEnum]] = {
    "situations": Situation,
    "clinics": Clinic,
    "sex": Sex,
    "involves": BodySystem,
    "reader": Reader,
    "genetic_result": GeneticResult,
    "paper": Paper,
    "communication_needs": CommunicationNeed,
}


def column_values(column: str) -> str:
    """The allowed values of a column, as the template lists them ("" when free)."""
    if column in FIXED_VALUES:
        return allowed_values(FIXED_VALUES[column])
    return YES_NO if column in BOOL_FIELDS else ""


@dataclass(frozen=True)
class Row:
    """One family's row: its 1-based line in the spreadsheet (header = 1) and its cells,
    keyed by profile field, with empty cells left out."""

    number: int
    cells: dict[str, str]


def _key(header: str) -> str:
    return "_".join(header.strip().lower().replace("-", " ").split())


def map_headers(headers: list[str], source: Path) -> list[str | None]:
    """Profile field for each column; an unknown column is an error that names it."""
    fields: list[str | None] = []
    seen: set[str] = set()
    for header in headers:
        key = _key(header)
        if not key:
            fields.append(None)  # an empty trailing column, as spreadsheets often add
            continue
        field = COLUMNS.get(key) or ALIASES.get(key)
        if field is None:
            raise InputError(
                f"{source}: unknown column {header.strip()!r}; "
                f"the columns are: {', '.join(COLUMNS)}"
            )
        if field in seen:
            raise InputError(f"{source}: column {header.strip()!r} appears twice")
        seen.add(field)
        fields.append(field)
    if "family_id" not in seen:
        raise InputError(f"{source}: the required column 'family_id' is missing")
    return fields


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(fields: list[str | None], records: Iterator[list[Any]], source: Path) -> Iterator[Row]:
    for number, record in enumerate(records, start=2):
        cells: dict[str, str] = {}
        for field, value in zip(fields, record, strict=False):
            text = _cell_text(value)
            if len(text) > MAX_CELL_CHARS:
                raise InputError(
                    f"{source}: row {number}: a cell is longer than {MAX_CELL_CHARS:,} characters"
                )
            if field is not None and text:
                cells[field] = text
        if cells:  # skip blank lines
            yield Row(number, cells)


def read_rows(path: Path, sheet: str | None = None) -> Iterator[Row]:
    """Stream the rows of a CSV or XLSX file. Problems with the file itself raise InputError;
    problems with one row's values are for the caller to report per row."""
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, sheet)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    raise InputError(f"{path}: expected a .csv or .xlsx file")


def _read_csv(path: Path) -> Iterator[Row]:
    with path.open("rb") as raw:
        head = raw.read(MAX_HEADER_BYTES)
    if b"\x00" in head:
        raise InputError(f"{path}: not a text CSV file (it contains binary data)")
    try:
        first_line = head.decode("utf-8-sig").splitlines()[0] if head.strip() else ""
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8'") from None
    if not first_line:
        raise InputError(f"{path}: the file is empty")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","

    def generate() -> Iterator[Row]:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            csv.field_size_limit(MAX_CELL_CHARS * 8)
            reader = csv.reader(stream, delimiter=delimiter)
            try:
                fields = map_headers(next(reader), path)
                yield from _rows(fields, reader, path)
            except UnicodeDecodeError:
                raise InputError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8'") from None
            except csv.Error as exc:
                raise InputError(f"{path}: line {reader.line_num}: {exc}") from None

    return generate()


def _read_xlsx(path: Path, sheet: str | None) -> Iterator[Row]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(f"{path}: not a readable .xlsx file ({exc.__class__.__name__})") from None
    if sheet is not None and sheet not in book.sheetnames:
        book.close()
        raise InputError(f"{path}: no sheet named {sheet!r}; sheets: {', '.join(book.sheetnames)}")
    worksheet = book[sheet] if sheet else book.worksheets[0]

    def generate() -> Iterator[Row]:
        try:
            records = worksheet.iter_rows(values_only=True)
            header = next(records, None)
            if header is None:
                raise InputError(f"{path}: the sheet is empty")
            fields = map_headers([_cell_text(h) for h in header], path)
            yield from _rows(fields, (list(r) for r in records), path)
        finally:
            book.close()

    return generate()


def count_rows(path: Path, sheet: str | None = None) -> int:
    """How many families the file holds (for a progress bar); streams, so it stays cheap."""
    return sum(1 for _ in read_rows(path, sheet))


# Cells of free text (a family's own questions) may hold commas of their own.
TEXT_LIST_FIELDS = {"own_questions"}


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
    """Profile fields from a row's cells (family_id left out)."""
    fields: dict[str, Any] = {}
    for field, cell in row.cells.items():
        if field == "family_id":
            continue
        if field in LIST_FIELDS:
            fields[field] = split_list(cell, commas=field not in TEXT_LIST_FIELDS)
        elif field in BOOL_FIELDS:
            fields[field] = parse_bool(cell)
        else:
            fields[field] = cell
    return fields


def template_csv() -> bytes:
    """An empty spreadsheet with every documented column and no family in it (CSV, UTF-8
    with a byte-order mark so Excel opens the accents correctly)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(list(COLUMNS))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


TEMPLATE_ROWS = 500  # rows that get the dropdown lists


def template_xlsx() -> bytes:
    """The families sheet (headers, dropdown lists for columns with fixed values, no family
    in it, so a batch run on the untouched template makes nothing) and a second sheet that
    explains each column."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    # Fixed document dates, so the template is the same file every time.
    book.properties.created = book.properties.modified = datetime(2026, 1, 1)
    sheet = book.active
    sheet.title = "families"
    sheet.append(list(COLUMNS))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, len(column) + 4)
        values = column_values(column)
        if not values:
            continue
        several = column in LIST_FIELDS
        rule = DataValidation(
            type="list",
            formula1='"' + values.replace(", ", ",") + '"',
            allow_blank=True,
            # A list column takes several values ("heart; eyes"), so its dropdown suggests.
            showErrorMessage=not several,
            errorTitle="Not in the list",
            error=f"Choose one of: {values}",
            promptTitle=column,
            prompt=("Choose, or type several separated by ;" if several else "Choose one"),
            showInputMessage=True,
        )
        rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(rule)
    notes = book.create_sheet("columns")
    notes.append(["column", "what it holds", "allowed values", "example"])
    for column, (meaning, example) in COLUMN_NOTES.items():
        notes.append([column, meaning, column_values(column), example])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (22, 60, 60, 36), strict=True):
        notes.column_dimensions[letter].width = width
        for cell in notes[letter]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

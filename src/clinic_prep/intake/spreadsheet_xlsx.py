"""Reading a coordinator's XLSX spreadsheet: the archive checked before anything is unpacked,
then the first (or the named) sheet streamed row by row, formulas read as their saved values."""

import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from clinic_prep.core.errors import ClinicPrepError, InputError
from clinic_prep.core.reading import open_regular
from clinic_prep.intake.spreadsheet import (
    MAX_ROWS,
    UNSAVED,
    Row,
    Rows,
    cell_text,
    left_aside,
    map_headers,
    rows_of,
)

# openpyxl warns about parts of ordinary Excel files it does not keep (data validation,
# conditional formatting, default styles); those warnings name its internal paths and mean
# nothing to a coordinator.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\..*)?$")

MAX_XLSX_UNPACKED_BYTES = 250_000_000
MAX_XLSX_SHARED_TEXT_BYTES = 50_000_000


def _check_archive(path: Path, stream: BinaryIO) -> None:
    """Refuse a zip bomb before openpyxl unpacks anything: the sizes the archive declares
    are the most its members can yield (zipfile stops there, and fails on a mismatch)."""
    try:
        members = zipfile.ZipFile(stream).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{path}: not a readable .xlsx file ({exc.__class__.__name__})") from None
    total = sum(member.file_size for member in members)
    if total > MAX_XLSX_UNPACKED_BYTES:
        raise InputError(
            f"{path}: unpacks to more than {MAX_XLSX_UNPACKED_BYTES // 1_000_000:,} MB, the limit"
        )
    for member in members:
        if member.filename.lower().endswith("sharedstrings.xml") and (
            member.file_size > MAX_XLSX_SHARED_TEXT_BYTES
        ):
            raise InputError(
                f"{path}: holds more than {MAX_XLSX_SHARED_TEXT_BYTES // 1_000_000:,} MB of "
                "text, the limit"
            )
    stream.seek(0)


def _damaged(path: Path, exc: Exception, after_row: int | None = None) -> InputError:
    where = f" after row {after_row}" if after_row else ""
    return InputError(
        f"{path}: not a readable .xlsx file: damaged{where} ({exc.__class__.__name__})"
    )


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _open_sheet(path: Path, stream: BinaryIO, sheet: str | None) -> tuple[Any, Any, list[str]]:
    """The workbook, the sheet to read (the first, or the one named) and its column names."""
    import openpyxl

    _check_archive(path, stream)
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a malformed file
        raise _damaged(path, exc) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(
                f"--sheet: {path} has no sheet by that name "
                f"({len(book.sheetnames)} sheets; names must match exactly)"
            )
        if not book.worksheets:
            raise InputError(f"{path}: not a readable .xlsx file: it has no sheets")
        worksheet = book[sheet] if sheet else book.worksheets[0]
        try:
            header = next(worksheet.iter_rows(max_row=1, values_only=True), None)
        except Exception as exc:
            raise _damaged(path, exc) from None
        names = [cell_text(value) for value in header or ()]
        while names and not names[-1]:
            names.pop()
        if not names:
            raise InputError(f"{path}: the sheet is empty")
    except BaseException:
        book.close()
        raise
    return book, worksheet, names


def read_xlsx(path: Path, stream: BinaryIO, sheet: str | None) -> Rows:
    import openpyxl

    book, worksheet, names = _open_sheet(path, stream, sheet)
    try:
        fields = map_headers(names, path)
    except BaseException:
        book.close()
        raise

    def records() -> Iterator[Sequence[Any]]:
        # Bounded: openpyxl fills the gap before a row numbered 100,000,000 with empty rows,
        # so ask for no more than the limit and one row to tell that the limit was passed.
        number = 1
        bounds = {"min_row": 2, "max_row": MAX_ROWS + 2, "max_col": len(fields)}
        rows = worksheet.iter_rows(**bounds, values_only=True)
        # The same sheet read for its formulas, to tell a formula with no saved value from
        # an empty cell (the first reading gives None for both).
        opened.append(open_regular(path))
        written_book = openpyxl.load_workbook(opened[-1], read_only=True, data_only=False)
        opened.append(written_book)
        formulas = written_book[worksheet.title].iter_rows(**bounds, values_only=True)
        try:
            for record, written in zip(rows, formulas, strict=False):
                number += 1
                yield [
                    UNSAVED if value is None and _is_formula(typed) else value
                    for value, typed in zip(record, written, strict=False)
                ]
        except ClinicPrepError:
            raise
        except Exception as exc:
            raise _damaged(path, exc, number) from None

    opened: list[Any] = []  # the second reading of the file, once it is open

    def generate() -> Iterator[Row]:
        try:
            yield from rows_of(fields, records(), path)
        finally:
            for other in reversed(opened):  # the workbook, then the file under it
                other.close()
            book.close()
            stream.close()

    return Rows(generate(), left_aside(names, fields))

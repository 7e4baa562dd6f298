"""The blank spreadsheet a coordinator fills in: CSV and Excel, with a note and a dropdown per
column."""

import csv
import io
import re
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING

from clinic_prep.intake.profile_fields import FIELDS, Shape
from clinic_prep.intake.spreadsheet import COLUMN_NOTES, COLUMNS, TEMPLATE_TIMESTAMP, column_values

if TYPE_CHECKING:
    from openpyxl import Workbook


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
    explains each column. Byte-identical on every run: fixed document dates (openpyxl sets
    "modified" to now on saving, so it is fixed afterwards), and every part stored in the
    archive with one fixed timestamp (zip records local time)."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
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
        several = FIELDS[column].shape is Shape.SEVERAL
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
    _add_notes(book)
    saved = io.BytesIO()
    book.save(saved)
    return _with_fixed_dates(saved)


def _add_notes(book: "Workbook") -> None:
    """The second sheet: what each column holds, its allowed values and an example."""
    from openpyxl.styles import Alignment, Font

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


def _with_fixed_dates(saved: io.BytesIO) -> bytes:
    """The workbook's archive again, every part with one fixed timestamp and the document's
    "modified" date fixed, so the same template is the same bytes in any time zone."""
    fixed = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(fixed, "w") as target:
        for member in source.infolist():
            stamped = zipfile.ZipInfo(member.filename, date_time=TEMPLATE_TIMESTAMP)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = 0o644 << 16
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data
                )
            target.writestr(stamped, data)
    return fixed.getvalue()

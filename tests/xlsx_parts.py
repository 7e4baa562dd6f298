"""Build XLSX files part by part, including the broken and hostile ones a real attacker or a
damaged download produces, for tests of the spreadsheet reader."""

import io
import zipfile
from collections.abc import Callable

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
SHARED = "xl/sharedStrings.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>family_id</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>situations</t></is></c></row>'
)


def workbook_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_xml(rows: str, before: str = "") -> bytes:
    return (
        f'{before}<worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    )


def rebuild(
    base: bytes,
    change: Callable[[str, bytes], bytes | None] = lambda _name, data: data,
    extra: dict[str, bytes | Callable[[io.BufferedIOBase], None]] | None = None,
) -> bytes:
    """``base`` with each part passed through ``change`` (None drops it), plus ``extra``
    parts: bytes, or a function that streams a large part into the archive."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = change(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info.filename, data)
        for name, part in (extra or {}).items():
            if isinstance(part, bytes):
                target.writestr(name, part)
            else:
                with target.open(name, "w", force_zip64=True) as stream:
                    part(stream)  # type: ignore[arg-type]
    return out.getvalue()


def with_shared_strings(sheet: bytes, shared: bytes | Callable[[io.BufferedIOBase], None]) -> bytes:
    """A workbook whose sheet refers to a shared-strings part."""

    def change(name: str, data: bytes) -> bytes:
        if name == SHEET:
            return sheet
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                b"</Relationships>",
            )
        return data

    return rebuild(workbook_bytes([["x"]]), change, {SHARED: shared})


def replace_sheet(sheet: bytes) -> bytes:
    return rebuild(workbook_bytes([["x"]]), lambda name, data: sheet if name == SHEET else data)

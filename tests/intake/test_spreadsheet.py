"""Reading coordinators' spreadsheets when they are damaged, hostile or huge: one line naming
the file and the limit or the place, exit code 2, nothing written, no family's details shown."""

import io
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.intake.spreadsheet import MAX_COLUMNS, MAX_LINE_CHARS, MAX_ROWS
from clinic_prep.intake.spreadsheet_template import template_xlsx
from tests.xlsx_parts import (
    HEADER_ROW,
    MAIN_NS,
    SHEET,
    rebuild,
    replace_sheet,
    sheet_xml,
    with_shared_strings,
    workbook_bytes,
)

runner = CliRunner()
CANARY = "ZQXCANARY Smith"


def batch(source: Path, *args: str) -> tuple[int, str, Path]:
    out = source.parent / "out"
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(out), "-j", "1", *args])
    return result.exit_code, result.stderr, out


def refused(source: Path, *expected: str, args: tuple[str, ...] = ()) -> str:
    """Run with and without --quiet: one line, exit 2, the expected words, nothing written."""
    for quiet in ([], ["--quiet"]):
        code, err, out = batch(source, *args, *quiet)
        assert code == 2, err
        assert len(err.strip().splitlines()) == 1, err
        assert err.startswith("clinic-prep: error:") and "Traceback" not in err
        for words in expected:
            assert words in err, err
        assert not out.exists(), "something was written for a file that cannot be read"
    return err


def _row(family_id_cell: str) -> str:
    return f'<row r="2">{family_id_cell}</row>'


DAMAGED: dict[str, Callable[[], bytes]] = {
    "truncated XML": lambda: rebuild(
        workbook_bytes([["family_id"], ["A1"]]),
        lambda name, data: data[: len(data) // 2] if name == SHEET else data,
    ),
    "shared string index past the end": lambda: with_shared_strings(
        sheet_xml(HEADER_ROW + _row('<c r="A2" t="s"><v>7</v></c>')),
        f'<sst xmlns="{MAIN_NS}"><si><t>only one</t></si></sst>'.encode(),
    ),
    "NaN as a number": lambda: replace_sheet(
        sheet_xml(
            HEADER_ROW
            + _row('<c r="A2" t="inlineStr"><is><t>A1</t></is></c><c r="B2"><v>NaN</v></c>')
        )
    ),
    "NaN as a date": lambda: replace_sheet(
        sheet_xml(
            HEADER_ROW
            + _row('<c r="A2" t="inlineStr"><is><t>A1</t></is></c><c r="B2" t="d"><v>NaN</v></c>')
        )
    ),
    "column ZZZZZ": lambda: replace_sheet(
        sheet_xml(HEADER_ROW + _row('<c r="ZZZZZ2" t="inlineStr"><is><t>A1</t></is></c>'))
    ),
    "entity declarations": lambda: replace_sheet(
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + sheet_xml(HEADER_ROW + _row('<c r="A2" t="inlineStr"><is><t>&b;</t></is></c>'))
    ),
    "not a zip at all": lambda: b"PK\x03\x04 and then nothing",
    "workbook part cut short": lambda: rebuild(
        workbook_bytes([["family_id"]]),
        lambda name, data: b"<workbook" if name == "xl/workbook.xml" else data,
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGED))
def test_a_damaged_xlsx_is_one_line_and_writes_nothing(tmp_path: Path, damage: str) -> None:
    source = tmp_path / "families.xlsx"
    source.write_bytes(DAMAGED[damage]())
    refused(source, "families.xlsx", "not a readable .xlsx file")


def test_a_csv_that_is_only_a_byte_order_mark_is_empty(tmp_path: Path) -> None:
    source = tmp_path / "families.csv"
    source.write_bytes("\ufeff".encode())  # what Excel saves for an empty "CSV UTF-8"
    refused(source, "the file is empty")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_no_header_row_names_the_column_never_the_family(tmp_path: Path, suffix: str) -> None:
    rows = [[CANARY, "siblings"], ["Another Family", "transition"]]
    source = tmp_path / f"families.{suffix}"
    if suffix == "csv":
        source.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    else:
        source.write_bytes(workbook_bytes(rows))  # type: ignore[arg-type]
    err = refused(source, "the required column 'family_id' is missing (is the first row the column")
    assert "ZQXCANARY" not in err and "Another" not in err


def test_a_column_given_twice_is_named_by_position(tmp_path: Path) -> None:
    source = tmp_path / "families.csv"
    source.write_text("family_id,Situation,situations\nA1,siblings,siblings\n")
    refused(source, "columns 2 (B) and 3 (C) are both 'situations'")


def test_a_missing_sheet_lists_no_sheet_names(tmp_path: Path) -> None:
    book = workbook_bytes([["family_id"], ["A1"]])
    source = tmp_path / "families.xlsx"
    source.write_bytes(
        rebuild(book, lambda name, data: data.replace(b'name="Sheet"', f'name="{CANARY}"'.encode()))
    )
    err = refused(source, "--sheet", "1 sheets", args=("--sheet", "families"))
    assert "ZQXCANARY" not in err


# -- limits: no file may take the memory or the hours of the machine ---------------------------


# Runs clinic-prep and then writes the process's own peak memory (VmHWM, which starts afresh
# with the new program, unlike getrusage's maximum, which keeps the forking test's).
LAUNCHER = """
import runpy, sys
peak_file = sys.argv.pop()
try:
    runpy.run_module("clinic_prep", run_name="__main__")
finally:
    status = open("/proc/self/status").read()
    peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
    open(peak_file, "w").write(peak.split()[1])
"""


def _peak_memory_mib(*args: str, timeout: float = 60) -> tuple[int, str, int]:
    """Run clinic-prep in a fresh process; its exit code, stderr and peak memory (MiB)."""
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        try:
            result = subprocess.run(
                [sys.executable, "-c", LAUNCHER, *args, str(peak_file)],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running after {timeout} s")
        peak_kib = int(peak_file.read_text()) if peak_file.exists() else 0
    return result.returncode, result.stderr, peak_kib // 1024


def test_a_small_xlsx_holding_a_huge_string_is_refused_in_little_memory(tmp_path: Path) -> None:
    def huge_text(stream: io.BufferedIOBase) -> None:
        stream.write(f'<sst xmlns="{MAIN_NS}"><si><t>'.encode())
        for _ in range(120):
            stream.write(b"a" * 1_000_000)
        stream.write(b"</t></si></sst>")

    source = tmp_path / "bomb.xlsx"
    source.write_bytes(
        with_shared_strings(sheet_xml(HEADER_ROW + _row('<c r="A2" t="s"><v>0</v></c>')), huge_text)
    )
    assert source.stat().st_size < 1_000_000
    code, err, peak = _peak_memory_mib("batch", str(source), "-o", str(tmp_path / "out"), "-q")
    assert code == 2 and "MB of text, the limit" in err, err
    assert peak < 150, f"peak memory {peak} MiB"
    assert not (tmp_path / "out").exists()


def test_a_row_numbered_100_million_is_refused_at_once(tmp_path: Path) -> None:
    source = tmp_path / "far.xlsx"
    far = '<row r="100000000"><c r="A100000000" t="inlineStr"><is><t>A1</t></is></c></row>'
    source.write_bytes(replace_sheet(sheet_xml(HEADER_ROW + far)))
    assert source.stat().st_size < 10_000
    started = time.monotonic()
    code, err, _ = _peak_memory_mib("batch", str(source), "-o", str(tmp_path / "out"), "-q")
    assert code == 2 and f"more than {MAX_ROWS:,} rows" in err, err
    assert time.monotonic() - started < 20


def test_too_many_rows_in_a_csv_is_refused_before_any_pack(tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    source.write_text(
        "family_id,situations\n" + "".join(f"F{n},siblings\n" for n in range(MAX_ROWS + 1))
    )
    refused(source, f"more than {MAX_ROWS:,} rows")


def test_too_many_columns_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    source.write_text("family_id" + ",situations" + "," * MAX_COLUMNS + "\nA1,siblings\n")
    refused(source, f"more than {MAX_COLUMNS} columns")


def test_an_endless_csv_line_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "long.csv"
    source.write_text("family_id,situations\nA1," + "," * MAX_LINE_CHARS + "\n")
    refused(source, "line 2 is longer than")


# -- openpyxl's own noise ------------------------------------------------------------------------


def test_openpyxl_warnings_never_reach_the_terminal(tmp_path: Path) -> None:
    # Files from some programs have no default cell style: openpyxl warns, naming its paths.
    source = tmp_path / "families.xlsx"
    source.write_bytes(
        rebuild(
            workbook_bytes([["family_id", "situations"], ["A1", "siblings"]]),
            lambda name, data: (
                re.sub(rb"<cellStyles.*?</cellStyles>", b"", data, flags=re.S)
                if name == "xl/styles.xml"
                else data
            ),
        )
    )
    command = [sys.executable, "-m", "clinic_prep", "batch", str(source), "-j", "1", "--force"]
    for quiet in (["--quiet"], []):
        result = subprocess.run(
            [*command, "-o", str(tmp_path / "o"), *quiet],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "site-packages" not in result.stderr and "Warning" not in result.stderr


# -- the template ---------------------------------------------------------------------------------


def test_the_xlsx_template_is_byte_identical_in_any_time_zone(tmp_path: Path) -> None:
    made = []
    for zone in ("UTC", "Asia/Kathmandu"):
        target = tmp_path / f"{zone.replace('/', '-')}.xlsx"
        subprocess.run(
            [sys.executable, "-m", "clinic_prep", "batch", "--template", str(target), "-q"],
            env={**os.environ, "TZ": zone},
            check=True,
        )
        made.append(target.read_bytes())
    assert made[0] == made[1] == template_xlsx()

"""Batch packs from a coordinator's spreadsheet: quirks of real exports, bad rows, resuming."""

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pypdf
import pytest
from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.batch import safe_file_stem

from .conftest import ROOT

runner = CliRunner()
HEADER = ["Family ID", "Situations", "Clinics", "Age", "First name", "Visit date"]
GOOD_ROWS = [
    ["A1", "awaiting-result; siblings", "genetics", "4", "Zoë", "2026-12-10"],
    ["A2", "newly-diagnosed", "heart|eyes", "0", "Amara", "2026-12-03"],
    ["A3", "annual-review", "kidney", "30", "", "2027-01-20"],
    ["A4", "transition", "", "16", "Jordan", ""],
    ["A5", "siblings", "genetics", "7", "Łukasz", "2026-12-01"],
]


def write_csv(
    path: Path, rows: list[list[str]], delimiter: str = ",", bom: bool = False, newline: str = "\n"
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows([HEADER, *rows])
    path.write_bytes((("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8"))
    return path


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli.app, ["batch", *args, "--quiet"])
    return result.exit_code, result.stderr


def manifest(outdir: Path) -> list[dict[str, str]]:
    with (outdir / "manifest.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def errors(outdir: Path) -> list[dict[str, str]]:
    with (outdir / "errors.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize(
    ("delimiter", "bom", "newline"),
    [(",", False, "\n"), (";", True, "\r\n"), (";", False, "\n"), (",", True, "\r\n")],
)
def test_csv_exports_as_excel_and_libreoffice_make_them(
    tmp_path: Path, delimiter: str, bom: bool, newline: str
) -> None:
    source = write_csv(tmp_path / "families.csv", GOOD_ROWS, delimiter, bom, newline)
    code, err = run(str(source), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert code == 0, err
    made = manifest(tmp_path / "out")
    assert [m["family_id"] for m in made] == ["A1", "A2", "A3", "A4", "A5"]
    for entry in made:
        pdf = pypdf.PdfReader(tmp_path / "out" / entry["file"])
        assert len(pdf.pages) == int(entry["pages"]) >= 10
    text = pypdf.PdfReader(tmp_path / "out" / "A1.pdf").pages[0].extract_text()
    assert "Zoë" in text


def test_xlsx_first_sheet_and_named_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "notes"
    book.active.append(["this sheet is not the families"])
    families = book.create_sheet("families")
    families.append(HEADER)
    for row in GOOD_ROWS[:2]:
        families.append([*row[:3], int(row[3]), row[4], row[5]])
    source = tmp_path / "families.xlsx"
    book.save(source)
    code, err = run(str(source), "-o", str(tmp_path / "out"), "--sheet", "families", "-j", "1")
    assert code == 0, err
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == ["A1", "A2"]
    code, err = run(str(source), "-o", str(tmp_path / "out2"))
    assert code == 2 and "column 1 (A) of the first row is not a column name" in err
    assert "this sheet" not in err


def test_unknown_column_is_a_file_error(tmp_path: Path) -> None:
    source = tmp_path / "f.csv"
    source.write_text("family_id,situations,shoe size\nA1,siblings,9\n")
    code, err = run(str(source), "-o", str(tmp_path / "out"))
    assert code == 2
    assert err.strip().splitlines() == [err.strip()]
    assert "column 3 (C) of the first row is not a column name" in err
    assert "shoe" not in err


def test_binary_file_fails_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "f.csv"
    source.write_bytes(b"\x89PNG\x00\x00\x01binary")
    code, err = run(str(source), "-o", str(tmp_path / "out"))
    assert code == 2 and "binary data" in err


def test_bad_value_in_row_7_does_not_stop_the_others(tmp_path: Path) -> None:
    rows = [
        *GOOD_ROWS,
        ["A6", "siblings", "", "3", "", ""],
        ["A7", "siblings", "bones", "3", "", ""],
        ["A8", "hospital-stay", "", "12", "", ""],
    ]
    source = write_csv(tmp_path / "f.csv", rows)
    code, err = run(str(source), "-o", str(tmp_path / "out"), "-j", "2")
    assert code == 3
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == [
        "A1",
        "A2",
        "A3",
        "A4",
        "A5",
        "A6",
        "A8",
    ]
    (problem,) = errors(tmp_path / "out")
    assert problem["row"] == "8"  # spreadsheet row 8 is the 7th family (row 1 is the header)
    assert problem["family_id"] == "A7" and problem["column"] == "clinics"
    assert "row 8 (A7), column clinics" in err


def test_row_seven_means_spreadsheet_row_seven(tmp_path: Path) -> None:
    rows = [*GOOD_ROWS, ["A6", "worried", "", "3", "", ""]]  # header + 5 good rows: row 7
    code, _ = run(str(write_csv(tmp_path / "f.csv", rows)), "-o", str(tmp_path / "out"))
    assert code == 3
    assert errors(tmp_path / "out")[0]["row"] == "7"
    assert errors(tmp_path / "out")[0]["column"] == "situations"


def test_duplicate_family_id(tmp_path: Path) -> None:
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], [GOOD_ROWS[0][0], "siblings", "", "", "", ""]]
    code, _ = run(str(write_csv(tmp_path / "f.csv", rows)), "-o", str(tmp_path / "out"))
    assert code == 3
    assert errors(tmp_path / "out")[0]["reason"] == "duplicate of row 2"


def test_ids_never_leave_the_output_folder(tmp_path: Path) -> None:
    rows = [
        ["../../etc/x", "siblings", "", "", "", ""],
        ["CON", "siblings", "", "", "", ""],
        ["=HYPERLINK(1)", "siblings", "", "", "", ""],
    ]
    out = tmp_path / "deep" / "out"
    code, err = run(str(write_csv(tmp_path / "f.csv", rows)), "-o", str(out))
    assert code == 0, err
    files = sorted(p.name for p in out.iterdir())
    assert "etc_x.pdf" in files and "_CON.pdf" in files
    assert not (tmp_path / "etc").exists() and not (tmp_path / "deep" / "etc").exists()
    raw = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in raw  # a spreadsheet shows it as text, never runs it


@pytest.mark.parametrize(
    ("family_id", "stem"),
    [
        ("../../etc/x", "etc_x"),
        ("a/b\\c", "a_b_c"),
        ("...", "family"),
        ("nul.txt", "_nul.txt"),
        ("F 001", "F_001"),
    ],
)
def test_safe_file_stem(family_id: str, stem: str) -> None:
    assert safe_file_stem(family_id) == stem


def test_merge_starts_every_pack_on_a_right_hand_page(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "f.csv", GOOD_ROWS)
    out = tmp_path / "out"
    code, err = run(
        str(source), "-o", str(out), "--merge", str(tmp_path / "print.pdf"), "--sort", "visit-date"
    )
    assert code == 0, err
    merged = pypdf.PdfReader(tmp_path / "print.pdf")
    entries = {m["family_id"]: int(m["pages"]) for m in manifest(out)}
    # Sorted by visit date (no date last): A5 12-01, A2 12-03, A1 12-10, A3 01-20, A4.
    start = 1
    for family in ["A5", "A2", "A1", "A3", "A4"]:
        assert start % 2 == 1, f"{family} starts on page {start}"
        first_page = merged.pages[start - 1].extract_text()
        assert "Page 1 of" in first_page
        start += entries[family] + entries[family] % 2
    assert len(merged.pages) == start - 1


def test_second_run_refuses_without_resume_or_force(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "f.csv", GOOD_ROWS[:2])
    out = tmp_path / "out"
    assert run(str(source), "-o", str(out))[0] == 0
    code, err = run(str(source), "-o", str(out))
    assert code == 2 and "--resume" in err
    code, _ = run(str(source), "-o", str(out), "--resume")
    assert code == 0
    assert {m["status"] for m in manifest(out)} == {"kept"}
    code, _ = run(str(source), "-o", str(out), "--force")
    assert code == 0
    assert {m["status"] for m in manifest(out)} == {"made"}


def test_resume_after_a_kill_mid_run(tmp_path: Path) -> None:
    rows = [[f"K{n:02d}", "annual-review", "heart", str(20 + n), "", ""] for n in range(12)]
    source = write_csv(tmp_path / "f.csv", rows)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clinic_prep",
            "batch",
            str(source),
            "-o",
            str(out),
            "-j",
            "1",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    made_before = {p.name for p in out.glob("*.pdf")}
    assert 3 <= len(made_before) < 12, "the kill did not land mid-run"
    for pdf in out.glob("*.pdf"):  # every PDF under its final name is complete
        assert len(pypdf.PdfReader(pdf).pages) >= 10
    code, err = run(str(source), "-o", str(out), "--resume", "-j", "2")
    assert code == 0, err
    entries = manifest(out)
    assert [e["family_id"] for e in entries] == [row[0] for row in rows]
    kept = {e["file"] for e in entries if e["status"] == "kept"}
    assert kept and kept <= made_before
    assert not list(out.glob(".clinic-prep-*.tmp")) and not (out / ".manifest.journal").exists()


def test_template_round_trip(tmp_path: Path) -> None:
    for name in ("families.csv", "families.xlsx"):
        template = tmp_path / name
        assert run("--template", str(template))[0] == 0
        code, err = run(str(template), "-o", str(tmp_path / f"out-{name}"))
        assert code == 0, err
        assert [m["family_id"] for m in manifest(tmp_path / f"out-{name}")] == ["F-0001"]


def test_sample_spreadsheet_is_documented_and_valid(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "families.csv"
    assert "clinic-prep batch samples/families.csv" in (ROOT / "README.md").read_text()
    code, err = run(str(sample), "-o", str(tmp_path / "out"), "-j", "2")
    assert code == 0, err
    assert len(manifest(tmp_path / "out")) >= 8


def test_unreadable_file_is_one_line_even_with_the_progress_bar(tmp_path: Path) -> None:
    source = tmp_path / "f.csv"
    source.write_text("family_id,shoe size\nA1,9\n")
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "column 2 (B) of the first row" in result.stderr

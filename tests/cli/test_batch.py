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
from clinic_prep.batch_folder import safe_file_stem
from tests.conftest import ROOT, pdf_text

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
    assert code == 2 and "the required column 'family_id' is missing" in err
    assert "is the first row the column names?" in err
    assert "this sheet" not in err


def test_a_coordinators_own_columns_are_left_aside_and_said_once(tmp_path: Path) -> None:
    """An NHS number or a notes column does not stop the batch: the packs are made, and one
    line names the columns left aside, by position (never their text)."""
    source = tmp_path / "f.csv"
    source.write_text("family_id,situations,NHS number,Notes\nA1,siblings,943 476 5919,shy\n")
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert "columns 3 (C), 4 (D) left aside" in result.stderr
    assert "NHS" not in result.stderr and "943" not in result.stderr
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == ["A1"]


@pytest.mark.parametrize(("header", "meant"), [("Clinicks", "clinics"), ("Situaton", "situations")])
def test_a_misspelt_column_is_a_file_error_that_says_what_was_meant(
    tmp_path: Path, header: str, meant: str
) -> None:
    source = tmp_path / "f.csv"
    source.write_text(f"family_id,{header}\nA1,eyes\n")
    code, err = run(str(source), "-o", str(tmp_path / "out"))
    assert code == 2
    assert err.strip().splitlines() == [err.strip()]
    assert "column 2 (B) of the first row is not a column name" in err
    assert f"did you mean {meant}?" in err and header not in err


def test_a_row_with_more_cells_than_columns_is_that_rows_error(tmp_path: Path) -> None:
    """An unquoted comma splits a cell: the row is refused, not cut short unnoticed."""
    source = tmp_path / "f.csv"
    source.write_text(
        "family_id,situations,own_questions\nA1,siblings,Is it safe, and when?\n"
        'A2,siblings,"Is it safe, and when?"\n'
    )
    code, err = run(str(source), "-o", str(tmp_path / "out"))
    assert code == 3, err
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == ["A2"]
    (problem,) = errors(tmp_path / "out")
    assert problem["row"] == "2" and "1 more cell than there are columns" in problem["reason"]


def test_an_xlsx_formula_with_no_saved_value_is_that_rows_error(tmp_path: Path) -> None:
    """A file written by a program that does not work formulas out stores none of their
    values: such a cell is not read as empty ("family_id required") but named for what it is,
    and a formula whose value was saved is read as that value."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["family_id", "situations", "clinics"])
    sheet.append(['=HYPERLINK("https://example.org", "A1")', "siblings", ""])
    sheet.append(["A2", "siblings", '=IF(TRUE, "genetics", "")'])
    sheet.append(["A3", "siblings", "genetics"])
    source = tmp_path / "families.xlsx"
    book.save(source)  # openpyxl saves formulas with no values, as many exports do
    code, err = run(str(source), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 3, err
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == ["A3"]
    found = {row["row"]: row["reason"] for row in errors(tmp_path / "out")}
    assert set(found) == {"2", "3"}
    assert found["2"].startswith("family_id: the cell holds a formula whose value was never")
    assert found["3"].startswith("clinics: the cell holds a formula")
    assert "HYPERLINK" not in " ".join(found.values())  # the cell's text is not echoed


def test_an_xlsx_formula_with_a_saved_value_reads_as_that_value(tmp_path: Path) -> None:
    from tests.xlsx_parts import HEADER_ROW, SHEET, rebuild, sheet_xml, workbook_bytes

    saved = (
        '<row r="2"><c r="A2" t="str"><f>CONCAT("A","9")</f><v>A9</v></c>'
        '<c r="B2" t="inlineStr"><is><t>siblings</t></is></c></row>'
    )
    data = rebuild(
        workbook_bytes([["x"]]),
        lambda name, part: sheet_xml(HEADER_ROW + saved) if name == SHEET else part,
    )
    source = tmp_path / "families.xlsx"
    source.write_bytes(data)
    code, err = run(str(source), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 0, err
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == ["A9"]


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


def test_a_row_that_fails_unexpectedly_is_that_rows_error_and_the_rest_are_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever stops one pack (here a fault planted for one family, and a check dated in the
    year 9999) is that row's error: the rows after it are still made, and errors.csv says
    which row, without the family's details."""
    from clinic_prep import batch

    real_build = batch.api.build

    def fails_for_amara(profile, *args, **kwargs):  # type: ignore[no-untyped-def]
        if profile.first_name == "Amara":
            raise RuntimeError("planted fault")
        return real_build(profile, *args, **kwargs)

    monkeypatch.setattr(batch.api, "build", fails_for_amara)
    header = [*HEADER, "last_checks"]
    rows = [[*row, ""] for row in GOOD_ROWS[:3]]
    rows[0][-1] = "echo=9999-12-01"
    source = tmp_path / "f.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *rows])
    code, err = run(str(source), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 3, err
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == ["A3"]
    first, second = errors(tmp_path / "out")
    assert (first["row"], first["column"]) == ("2", "last_checks")
    assert "that year cannot be right" in first["reason"] and "9999" not in first["reason"]
    assert second["row"] == "3" and second["family_id"] == "A2"
    assert "unexpected error: RuntimeError" in second["reason"]
    assert "Amara" not in err and "planted" not in err


def test_a_folder_named_like_a_temporary_file_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".clinic-prep-notes.tmp").mkdir(parents=True)
    code, err = run(str(write_csv(tmp_path / "f.csv", GOOD_ROWS[:2])), "-o", str(out))
    assert code == 0, err
    assert (out / ".clinic-prep-notes.tmp").is_dir()


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
    args = [str(source), "-o", str(out), "--merge", str(tmp_path / "print.pdf")]
    result = runner.invoke(cli.app, ["batch", *args, "--sort", "visit-date"])
    code, err = result.exit_code, result.stderr
    assert code == 0, err
    assert "for paper only: the packs in the folder keep the screen-reader tags" in err
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


def test_resume_keeps_a_pack_only_while_what_made_it_is_unchanged(tmp_path: Path) -> None:
    """A family's new visit date, or the clinic's new phone number, makes the pack again:
    a family is never sent last month's visit (resume compared only the file's hash)."""
    out = tmp_path / "out"
    source = write_csv(tmp_path / "f.csv", GOOD_ROWS[:2])
    assert run(str(source), "-o", str(out))[0] == 0
    assert {m["status"] for m in manifest(out)} == {"made"}
    assert run(str(source), "-o", str(out), "--resume")[0] == 0
    assert [m["status"] for m in manifest(out)] == ["kept", "kept"]
    moved = [[*GOOD_ROWS[0][:5], "2027-01-14"], GOOD_ROWS[1]]
    source = write_csv(tmp_path / "f.csv", moved)
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.stderr
    assert [m["status"] for m in manifest(out)] == ["remade", "kept"]
    assert "1 made again as their row or settings changed" in result.stderr
    assert "14 January 2027" in pdf_text((out / "A1.pdf").read_bytes())
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Northfield\nphones: [{label: Nurses, number: 0121 555 0101}]\n")
    code, err = run(str(source), "-o", str(out), "--resume", "--clinic-info", str(clinic))
    assert code == 0, err
    assert [m["status"] for m in manifest(out)] == ["remade", "remade"]


def test_template_round_trip(tmp_path: Path) -> None:
    """The untouched template holds no family, so a batch run on it prints nothing."""
    for name in ("families.csv", "families.xlsx"):
        template = tmp_path / name
        assert run("--template", str(template))[0] == 0
        code, err = run(str(template), "-o", str(tmp_path / f"out-{name}"))
        assert code == 0, err
        assert manifest(tmp_path / f"out-{name}") == []


def test_xlsx_template_has_dropdowns_and_explains_every_column(tmp_path: Path) -> None:
    import openpyxl

    template = tmp_path / "families.xlsx"
    assert run("--template", str(template))[0] == 0
    book = openpyxl.load_workbook(template)
    families, columns = book["families"], book["columns"]
    headers = [cell.value for cell in families[1]]
    lists = {
        headers[ord(str(rule.sqref).split(":")[0][0]) - ord("A")]: rule.formula1
        for rule in families.data_validations.dataValidation
    }
    assert set(lists) == {
        "situations", "clinics", "sex", "involves", "reader", "genetic_result", "paper",
        "sections", "communication_needs", "large_print", "fillable", "all_questions",
    }  # fmt: skip
    assert lists["paper"] == '"a4,letter"' and lists["large_print"] == '"yes,no"'
    assert all(len(formula) <= 255 for formula in lists.values())  # Excel's limit
    explained = [row[0].value for row in columns.iter_rows(min_row=2)]
    assert explained == headers
    # Filled in from the dropdowns, a row makes a pack.
    families.append(["F-1", "Newly diagnosed", "heart", "4", None, "female"])
    book.save(template)
    code, err = run(str(template), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == ["F-1"]


def test_sample_spreadsheet_is_documented_and_valid(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "families.csv"
    assert "clinic-prep batch samples/families.csv" in (ROOT / "README.md").read_text()
    code, err = run(str(sample), "-o", str(tmp_path / "out"), "-j", "2")
    assert code == 0, err
    assert len(manifest(tmp_path / "out")) >= 8


def test_unreadable_file_is_one_line_even_with_the_progress_bar(tmp_path: Path) -> None:
    source = tmp_path / "f.csv"
    source.write_text("family_id,clinicks\nA1,9\n")
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "column 2 (B) of the first row" in result.stderr


def test_regular_visits_babies_in_months_sex_and_results_from_columns(tmp_path: Path) -> None:
    """A clinic with no situation is a regular visit; the new columns mean what the profile
    fields mean, and a bad value names its row and column."""
    sheet = tmp_path / "families.csv"
    sheet.write_text(
        "family_id,clinics,age,sex,genetic_result,situations,reader\n"
        "B1,eyes,7m,,,,\n"
        "B2,genetics,15,female,uncertain,result-received,\n"
        "B3,hearing,9,yes,,,\n"
        "B4,,30,male,,pregnancy-planning,relative\n",
        encoding="utf-8",
    )
    outdir = tmp_path / "out"
    code, _ = run(str(sheet), "-o", str(outdir))
    assert code == 3  # some rows failed
    made = {row["family_id"] for row in manifest(outdir)}
    assert made == {"B1", "B2", "B4"}
    assert "7 months" in pdf_text((outdir / "B1.pdf").read_bytes())
    [bad] = errors(outdir)
    assert (bad["row"], bad["family_id"], bad["column"]) == ("4", "B3", "sex")


# -- robustness: what an attacker and an unlucky day try ---------------------------------------


def test_the_merge_file_never_replaces_a_pack_or_the_batch_files(tmp_path: Path) -> None:
    rows = [["print", "siblings", "", "", "", ""], *GOOD_ROWS[:1]]
    source = write_csv(tmp_path / "f.csv", rows)
    out = tmp_path / "out"
    for target, reason in [
        (out / "print.pdf", "the name of the pack for row 2"),
        (out / "PRINT.pdf", "the name of the pack for row 2"),
        (out / "manifest.csv", "the batch's own files"),
        (out / "errors.csv", "the batch's own files"),
        (source, "the spreadsheet itself"),
    ]:
        code, err = run(str(source), "-o", str(out), "--merge", str(target))
        assert code == 2 and reason in err, err
        assert len(err.strip().splitlines()) == 1
        assert not out.exists(), "the refusal came after packs were written"
    code, err = run(str(source), "-o", str(out), "--merge", str(out / "to-print.pdf"))
    assert code == 0, err
    assert len(pypdf.PdfReader(out / "print.pdf").pages) == int(manifest(out)[0]["pages"])


def test_links_planted_in_the_output_folder_are_never_followed(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "f.csv", GOOD_ROWS[:2])
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n")
    (out / ".manifest.journal").symlink_to(tmp_path / "created-by-a-dangling-link")
    code, err = run(str(source), "-o", str(out))
    assert code == 2 and "already holds packs" in err
    assert not (tmp_path / "created-by-a-dangling-link").exists()
    (out / ".manifest.journal").unlink()
    (out / ".manifest.journal").symlink_to(victim)
    (out / "A1.pdf").symlink_to(victim)
    code, err = run(str(source), "-o", str(out), "--resume")
    assert code == 2 and ".manifest.journal: a link, which is never followed" in err, err
    assert victim.read_text() == "someone else's file\n"
    code, err = run(str(source), "-o", str(out), "--force")
    assert code == 0, err
    assert victim.read_text() == "someone else's file\n"
    assert not (out / "A1.pdf").is_symlink() and (out / "A1.pdf").read_bytes()[:5] == b"%PDF-"


def test_control_characters_in_ids_are_refused_and_never_reach_the_terminal(
    tmp_path: Path,
) -> None:
    forged = [
        "A\x1b]0;owned\x07",  # sets the terminal's title
        "B\rrow 99 (X): forged",  # overwrites the line on screen
        "C\nrow 98 (Y): forged",  # a second line in errors.csv
        "D\u202egpj.exe",  # reversed text
    ]
    source = tmp_path / "f.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL)  # line breaks stay inside cells
        writer.writerows([["family_id", "situations"], *([i, "siblings"] for i in forged)])
        writer.writerow(GOOD_ROWS[0][:2])
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 3, result.stderr
    assert not any(char in result.stderr for char in "\x1b\x07\r\u202e")
    lines = [line for line in result.stderr.splitlines() if line.startswith("row ")]
    assert [line.split(" (")[0] for line in lines] == ["row 2", "row 3", "row 4", "row 5"]
    assert all("control character" in line for line in lines)
    assert "A\\x1b]0;owned\\x07" in lines[0]
    listed = errors(tmp_path / "out")
    assert [e["row"] for e in listed] == ["2", "3", "4", "5"]
    assert not any(char in str(listed) for char in "\x1b\x07\r\n\u202e")
    assert [m["family_id"] for m in manifest(tmp_path / "out")] == ["A1"]


def test_a_batch_folder_it_creates_is_private(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "f.csv", GOOD_ROWS[:1])
    code, err = run(str(source), "-o", str(tmp_path / "new" / "packs"))
    assert code == 0, err
    assert (tmp_path / "new" / "packs").stat().st_mode & 0o777 == 0o700
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    assert run(str(source), "-o", str(shared))[0] == 0
    assert shared.stat().st_mode & 0o777 == 0o755  # a folder the user made is left as it is


def test_a_full_disk_while_journalling_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clinic_prep import batch

    real_fsync = os.fsync

    def full_on_journal(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".manifest.journal"):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(batch.os, "fsync", full_on_journal)
    source = write_csv(tmp_path / "f.csv", GOOD_ROWS[:2])
    code, err = run(str(source), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 2, err
    assert err.strip().splitlines() == [
        f"clinic-prep: error: {tmp_path / 'out' / '.manifest.journal'}: cannot be written "
        "(No space left on device)"
    ]


def test_ids_that_look_like_formulas_or_are_not_latin_survive_resume(tmp_path: Path) -> None:
    ids = ["-A1", "'A2", "''A3", "+A4", "@A5", "Ζωή", "Νίκος", "Жанна", "Zoë"]
    rows = [[family_id, "siblings", "", "", "", ""] for family_id in ids]
    source = write_csv(tmp_path / "f.csv", rows)
    out = tmp_path / "out"
    code, err = run(str(source), "-o", str(out), "-j", "2")
    assert code == 0, err
    made = manifest(out)
    assert len({m["file"] for m in made}) == len(ids), "two ids were given one file"
    assert all(m["file"].isascii() for m in made)
    assert run(str(source), "-o", str(out), "--resume")[0] == 0
    again = manifest(out)
    assert [m["family_id"] for m in again] == [f"'{i}" if i[0] in "-'+@" else i for i in ids]
    assert {m["status"] for m in again} == {"kept"}, "some packs were made again"


def test_a_header_error_writes_nothing_even_when_quiet(tmp_path: Path) -> None:
    source = tmp_path / "f.csv"
    source.write_text("family_id,clinicks\nA1,9\n")
    out = tmp_path / "out"
    assert run(str(source), "-o", str(out))[0] == 2
    assert not out.exists()
    source.write_text("family_id,situations\nA1,siblings\n")
    code, err = run(str(source), "-o", str(out))  # the corrected file runs at once
    assert code == 0, err


def _start_batch(source: Path, out: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "clinic_prep", "batch", str(source), "-o", str(out), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_for_packs(out: Path, count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < count:
        time.sleep(0.02)
    assert len(list(out.glob("*.pdf"))) >= count, "the run never started making packs"


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in text:
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


@pytest.mark.slow  # three process groups killed mid-run
@pytest.mark.parametrize(
    ("signum", "to_group"),
    [(signal.SIGTERM, False), (signal.SIGHUP, True), (signal.SIGINT, True)],
    ids=["SIGTERM", "SIGHUP-closed-terminal", "SIGINT-ctrl-c"],
)
def test_a_signal_stops_the_workers_and_records_every_finished_pack(
    tmp_path: Path, signum: int, to_group: bool
) -> None:
    rows = [[f"S{n:02d}", "annual-review", "heart", str(20 + n), "", ""] for n in range(40)]
    source = write_csv(tmp_path / "f.csv", rows)
    out = tmp_path / "out"
    process = _start_batch(source, out, "-j", "2", "--quiet")
    _wait_for_packs(out, 3)
    workers = _children(process.pid)
    assert workers, "no worker processes found"
    if to_group:
        os.killpg(process.pid, signum)
    else:
        os.kill(process.pid, signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    message = err.decode().strip().splitlines()
    assert len(message) == 1 and "--resume" in message[0], err
    assert signal.Signals(signum).name in message[0]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker is still running"
    on_disk = sorted(p.name for p in out.glob("*.pdf"))
    assert sorted(m["file"] for m in manifest(out)) == on_disk
    assert 3 <= len(on_disk) < len(rows)
    code, err_text = run(str(source), "-o", str(out), "--resume")
    assert code == 0, err_text
    assert len(manifest(out)) == len(rows)


def test_a_second_run_into_a_busy_folder_refuses_and_names_the_first(tmp_path: Path) -> None:
    rows = [[f"L{n:02d}", "annual-review", "kidney", str(20 + n), "", ""] for n in range(30)]
    source = write_csv(tmp_path / "f.csv", rows)
    out = tmp_path / "out"
    first = _start_batch(source, out, "-j", "1", "--quiet")
    try:
        _wait_for_packs(out, 1)
        code, err = run(str(source), "-o", str(out), "--resume")
        assert code == 2, err
        assert f"another batch run (process {first.pid})" in err
    finally:
        first.terminate()
        first.communicate(timeout=60)
    assert first.returncode == 128 + signal.SIGTERM
    assert not list(out.glob(".clinic-prep-*.tmp")) or first.returncode
    code, err = run(str(source), "-o", str(out), "--resume")
    assert code == 0, err
    assert len(manifest(out)) == len(rows)


def test_a_record_column_fills_in_the_packs_of_known_families(tmp_path: Path) -> None:
    (tmp_path / "families").mkdir()
    (tmp_path / "families" / "smith.yaml").write_text(
        "record_id: 0123456789abcdef0123456789abcdef\n"
        "medicines: [{name: Spironolactone, dose_and_when: 25 mg daily}]\n"
        "carry_forward: [Is the kidney scan due?]\n",
        encoding="utf-8",
    )
    (tmp_path / "families" / "broken.yaml").write_text("medicines: [{nam: X}]\n")
    sheet = tmp_path / "families.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [
            ["family_id", "situations", "clinics", "age", "record"],
            ["K1", "", "kidney", "30", "families/smith.yaml"],
            ["K2", "", "kidney", "31", ""],
            ["K3", "", "kidney", "32", "families/broken.yaml"],
            ["K4", "", "kidney", "33", "families/missing-jones.yaml"],
        ]
    )
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    code, err = run(str(sheet), "-o", str(out))
    assert code != 0  # two rows failed; the others are made
    made = {row["family_id"]: row for row in manifest(out)}
    assert made["K1"]["record"] == "yes" and made["K2"]["record"] == ""
    assert "Spironolactone" in pdf_text((out / made["K1"]["file"]).read_bytes())
    assert "Is the kidney scan due?" in pdf_text((out / made["K1"]["file"]).read_bytes())
    assert "Spironolactone" not in pdf_text((out / made["K2"]["file"]).read_bytes())
    failed = {row["family_id"]: row for row in errors(out)}
    assert sorted(failed) == ["K3", "K4"]
    assert {row["column"] for row in failed.values()} == {"record"}
    assert "medicines[0].nam" in failed["K3"]["reason"]
    assert "jones" not in failed["K4"]["reason"] and "jones" not in err  # no path echoed
    # A run to finish the sheet keeps the pack while the family's file is as it was, and
    # makes it again once the record has changed.
    run(str(sheet), "-o", str(out), "--resume")
    assert {row["family_id"]: row["status"] for row in manifest(out)}["K1"] == "kept"
    family = tmp_path / "families" / "smith.yaml"
    family.write_text(family.read_text(encoding="utf-8").replace("25 mg", "50 mg"))
    run(str(sheet), "-o", str(out), "--resume")
    assert {row["family_id"]: row["status"] for row in manifest(out)}["K1"] != "kept"
    assert "50 mg" in pdf_text((out / made["K1"]["file"]).read_bytes())

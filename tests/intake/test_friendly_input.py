"""Values as people write them, every problem at once, dates, and typed-in answers kept: each
case from issue 12 driven through the command line, as a new user would type it."""

import io
import json
from pathlib import Path
from typing import Any

import pypdf
import pytest
from typer.testing import CliRunner, Result

from clinic_prep import cli
from clinic_prep.core.vocabulary import KINDS, Clinic, Situation, match

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(cli.app, list(args), env={"COLUMNS": "80", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def plan(*args: str) -> dict[str, object]:
    code, out, err = invoke("generate", *args, "--format", "json")
    assert code == 0, err
    document: dict[str, object] = json.loads(out)
    return document


def error_lines(err: str) -> list[str]:
    return err.strip().splitlines()


# -- values as people write them ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field", "expected"),
    [
        (["--clinic", "Heart"], "clinics", ["heart"]),
        (["--clinic", "Heart clinic"], "clinics", ["heart"]),
        (["--clinic", "eye_clinic"], "clinics", ["eyes"]),
        (["-s", "Newly Diagnosed"], "situations", ["newly-diagnosed"]),
        (
            ["-s", "AWAITING_RESULT", "-s", "Brothers and sisters"],
            "situations",
            ["awaiting-result", "siblings"],
        ),
        (["-c", "heart", "--paper", "A4"], "paper", "a4"),
        (["-c", "heart", "--paper", "US Letter"], "paper", "letter"),
        (["-c", "eyes", "--involves", "Eyes and sight"], "involves", ["vision"]),
        (["-c", "eyes", "--needs", "Hearing Loop"], "communication_needs", ["hearing-loop"]),
        (["-c", "eyes", "--sex", "Female"], "sex", "female"),
        (["-c", "eyes", "--reader", "Self"], "reader", "self"),
        (["-s", "result-received", "--result", "VUS"], "genetic_result", "uncertain"),
    ],
)
def test_values_match_whatever_their_case_spacing_or_label(
    args: list[str], field: str, expected: object
) -> None:
    profile = plan(*args)["profile"]
    assert isinstance(profile, dict)
    assert profile[field] == expected


def test_every_value_and_label_of_every_kind_is_understood() -> None:
    for kind, described in KINDS.items():
        for member in kind:
            assert match(kind, member.value.upper().replace("-", " ")) is member
            if member in described.labels:
                assert match(kind, described.labels[member].lower()) is member


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--clinic", "hart"], "--clinic: not a clinic we know; did you mean heart?"),
        (["-s", "newly diagnsed"], "did you mean newly-diagnosed?"),
        (["-c", "eyes", "--involves", "kidny"], "did you mean kidney?"),
        (["-c", "eyes", "--needs", "brail"], "did you mean braille?"),
        (
            ["-c", "eyes", "--paper", "leter"],
            "--paper: not a paper size we know; did you mean letter?",
        ),
    ],
)
def test_a_typo_gets_did_you_mean_on_one_line(args: list[str], expected: str) -> None:
    code, _, err = invoke("generate", *args, "--format", "json")
    assert code == 2
    [line] = error_lines(err)
    assert expected in line


def test_a_misspelt_profile_key_gets_did_you_mean(tmp_path: Path) -> None:
    for written, meant in (("clinic", "clinics"), ("situation", "situations")):
        profile = tmp_path / f"{written}.yaml"
        profile.write_text(f"age: 4\n{written}: heart\n", encoding="utf-8")
        code, _, err = invoke("generate", "-p", str(profile), "--format", "json")
        assert code == 2
        [line] = error_lines(err)
        assert f"{profile}:2: {written}: not a profile field; did you mean {meant}?" in line


def test_spreadsheet_cells_take_commas_between_values(tmp_path: Path) -> None:
    sheet = tmp_path / "families.csv"
    sheet.write_text(
        "family_id,clinics,situations,involves,own_questions\n"
        'F1,"Heart clinic, eyes","Newly diagnosed | siblings","sight;Kidneys","Now, or later?"\n',
        encoding="utf-8",
    )
    code, _, err = invoke("batch", str(sheet), "-o", str(tmp_path / "out"), "--quiet")
    assert code == 0, err


# -- all problems at once ------------------------------------------------------------------------


def test_a_profile_file_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "clinics: [Hart, eyes]\nfirst_name: Samira\npaper: A5\ndate_of_birth: 30/05/2022\n",
        encoding="utf-8",
    )
    out = tmp_path / "pack.pdf"
    code, _, err = invoke("generate", "-p", str(profile), "-o", str(out))
    assert code == 2
    lines = error_lines(err)
    assert lines[0] == f"clinic-prep: error: 3 problems in {profile}; nothing was written:"
    assert lines[1:] == [
        f"{profile}:1: clinics[0]: not a clinic we know; did you mean heart?",
        f"{profile}:3: paper: not a paper size we know; use one of: a4, letter",
        f"{profile}:4: date_of_birth: use YYYY-MM-DD, the year first, for example 2022-05-30",
    ]
    assert "Samira" not in err and "Hart" not in err
    assert not out.exists()


def test_flags_report_every_problem_too() -> None:
    code, _, err = invoke("generate", "-c", "eyes", "--sex", "x", "--dob", "1/2/3", "--age", "?")
    assert code == 2
    lines = error_lines(err)
    assert lines[0].endswith("3 problems; nothing was written:")
    assert {line.split(":")[0] for line in lines[1:]} == {"--sex", "--dob", "--age"}


def test_a_spreadsheet_row_reports_every_problem(tmp_path: Path) -> None:
    sheet = tmp_path / "families.csv"
    sheet.write_text(
        "family_id,clinics,sex,visit_date,first_name\n"
        "F1,hart,other,12/31/2026,Samira\n"
        "F2,heart,,,\n",
        encoding="utf-8",
    )
    code, _, err = invoke("batch", str(sheet), "-o", str(tmp_path / "out"), "--quiet")
    assert code == 3
    lines = [line for line in error_lines(err) if line.startswith("row 2")]
    assert lines == [
        "row 2 (F1), column clinics: not a clinic we know; did you mean heart?",
        "row 2 (F1), column sex: not a sex we know; use one of: female, male",
        "row 2 (F1), column visit_date: use YYYY-MM-DD, the year first, for example 2022-05-30",
    ]
    assert "Samira" not in err
    assert (tmp_path / "out" / "F2.pdf").exists()


# -- flags override any profile field ------------------------------------------------------------


def test_dob_flag_overrides_a_profile_age_and_age_flag_a_date_of_birth(tmp_path: Path) -> None:
    with_age = tmp_path / "age.yaml"
    with_age.write_text("clinics: [eyes]\nage: 4\n", encoding="utf-8")
    profile = plan("-p", str(with_age), "--dob", "2026-01-15", "--visit-date", "2026-08-20")
    assert profile["age"] == "7m"
    with_dob = tmp_path / "dob.yaml"
    with_dob.write_text("clinics: [eyes]\ndate_of_birth: 2020-01-01\n", encoding="utf-8")
    assert plan("-p", str(with_dob), "--age", "9")["age"] == 9


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "advice"),
    [
        ("30/05/2021", "use YYYY-MM-DD, the year first, for example 2022-05-30"),
        ("05/30/2021", "use YYYY-MM-DD, the year first, for example 2022-05-30"),
        ("2021/5/30", "use YYYY-MM-DD, the year first, for example 2022-05-30"),
        ("13.11.2021", "use YYYY-MM-DD, the year first, for example 2022-05-30"),
        ("05/06/2022", "use YYYY-MM-DD (year, month, day), for example 2022-05-30"),
        ("yesterday", "use YYYY-MM-DD (year, month, day), for example 2022-05-30"),
        ("2022-02-30", "not a real date (check the month and the day)"),
    ],
)
def test_a_date_in_another_form_says_how_to_write_it(typed: str, advice: str) -> None:
    code, _, err = invoke("generate", "-c", "eyes", "--dob", typed, "--format", "json")
    assert code == 2
    [line] = error_lines(err)
    assert line == f"clinic-prep: error: --dob: {advice}"
    assert "2021" not in line and "13" not in line  # never a date of birth repeated


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    code, _, err = invoke(
        "generate", "-c", "eyes", "--dob", "2026-12-01", "--visit-date", "2026-11-30"
    )
    assert code == 2 and "--dob: is after the visit date" in err
    # 2026-11-23, and no visit date: the date of birth is after today.
    today = {"SOURCE_DATE_EPOCH": "1795392000"}
    code, _, err = invoke("generate", "-c", "eyes", "--dob", "2026-12-01", env=today)
    assert code == 2 and "--dob: is in the future" in err


def test_excel_date_cells_keep_working(tmp_path: Path) -> None:
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["family_id", "clinics", "date_of_birth", "visit_date"])
    sheet.append(["X1", "eyes", datetime.datetime(2022, 5, 30), datetime.date(2026, 12, 1)])
    source = tmp_path / "families.xlsx"
    book.save(source)
    code, _, err = invoke("batch", str(source), "-o", str(tmp_path / "out"), "--quiet")
    assert code == 0, err


# -- never lose typed-in answers ------------------------------------------------------------------


def _type_an_answer(path: Path) -> None:
    reader = pypdf.PdfReader(path)
    name = next(name for name, field in reader.get_fields().items() if field.get("/FT") == "/Tx")
    writer = pypdf.PdfWriter(clone_from=reader)
    for page in writer.pages:
        writer.update_page_form_field_values(
            page, {name: "Ask about the new glasses"}, auto_regenerate=False
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def test_a_pdf_with_typed_answers_is_never_replaced_unasked(tmp_path: Path) -> None:
    pack = tmp_path / "pack.pdf"
    assert invoke("generate", "-c", "eyes", "--fillable", "-o", str(pack))[0] == 0
    # An empty form is still just a pack: making it again replaces it.
    assert invoke("generate", "-c", "eyes", "--fillable", "-o", str(pack))[0] == 0
    _type_an_answer(pack)
    typed = pack.read_bytes()
    code, _, err = invoke("generate", "-c", "heart", "-o", str(pack))
    assert code == 2
    [line] = error_lines(err)
    assert "has answers typed into it" in line and "--force" in line
    assert pack.read_bytes() == typed
    code, _, err = invoke("generate", "-c", "heart", "-o", str(pack), "--force")
    assert code == 0, err
    assert pack.read_bytes() != typed


def _filled_form(tmp_path: Path) -> bytes:
    pack = tmp_path / "filled.pdf"
    assert invoke("generate", "-c", "eyes", "--fillable", "-o", str(pack))[0] == 0
    _type_an_answer(pack)
    return pack.read_bytes()


def _aes_locked(form: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(form)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# Forms a viewer still opens, with the answers in them: each is kept.
FORMS_VIEWERS_OPEN = {
    "a byte-order mark before %PDF-": lambda form: "\ufeff".encode() + form,
    "a line break before %PDF-": lambda form: b"\r\n" + form,
    "cut short at the end": lambda form: form[: len(form) - 200],
    "locked with AES (no password to open)": _aes_locked,
}


@pytest.mark.parametrize("damage", FORMS_VIEWERS_OPEN, ids=str)
def test_answers_are_found_in_forms_a_viewer_still_opens(
    tmp_path: Path, damage: str, capfd: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack.pdf"
    pack.write_bytes(FORMS_VIEWERS_OPEN[damage](_filled_form(tmp_path)))
    kept = pack.read_bytes()
    capfd.readouterr()
    code, _, err = invoke("generate", "-c", "heart", "-o", str(pack))
    assert code == 2, err
    [line] = error_lines(err)
    assert "has answers typed into it" in line
    assert pack.read_bytes() == kept
    assert capfd.readouterr().err == ""  # nothing from the PDF library reaches the screen


def test_a_form_locked_with_a_cipher_this_machine_cannot_open_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the optional cipher library, pypdf cannot open an AES form: it may hold
    answers, so it is kept (this was an 'unexpected error', exit 1)."""

    def no_cipher(self: pypdf.PdfReader, password: str) -> None:
        raise pypdf.errors.DependencyError("cryptography is required for AES")

    pack = tmp_path / "pack.pdf"
    pack.write_bytes(_aes_locked(_filled_form(tmp_path)))
    monkeypatch.setattr(pypdf.PdfReader, "decrypt", no_cipher)
    code, _, err = invoke("generate", "-c", "heart", "-o", str(pack))
    assert code == 2 and "has answers typed into it" in err


def test_no_command_replaces_typed_answers(tmp_path: Path) -> None:
    """Batch packs (a first run into a folder, or --resume after a family filled one in), the
    merged print file and the content report all leave a filled form as it is."""
    form = _filled_form(tmp_path)
    source = tmp_path / "f.csv"
    source.write_text("Family ID,Clinics,Age\nA1,eyes,4\nA2,heart,7\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "A1.pdf").write_bytes(form)
    code, _, err = invoke("batch", str(source), "-o", str(out), "--quiet")
    assert code == 3, err
    assert (out / "A1.pdf").read_bytes() == form and (out / "A2.pdf").exists()
    assert "has answers typed into it" in (out / "errors.csv").read_text(encoding="utf-8-sig")
    # A family fills in A2; --resume must not remake it although its fingerprint changed.
    (out / "A2.pdf").write_bytes(form)
    code, _, err = invoke("batch", str(source), "-o", str(out), "--resume", "--quiet")
    assert (out / "A2.pdf").read_bytes() == form, err
    merged = tmp_path / "print.pdf"
    merged.write_bytes(form)
    invoke("batch", str(source), "-o", str(tmp_path / "again"), "--merge", str(merged), "--quiet")
    assert merged.read_bytes() == form
    report = tmp_path / "report.pdf"
    report.write_bytes(form)
    code, _, err = invoke("content", "report", "-o", str(report))
    assert code == 2 and "has answers typed into it" in err
    assert report.read_bytes() == form


def test_other_existing_files_are_replaced_as_before(tmp_path: Path) -> None:
    target = tmp_path / "pack.txt"
    target.write_text("old", encoding="utf-8")
    code, _, err = invoke("generate", "-c", "eyes", "--format", "txt", "-o", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8") != "old"


# -- help that reads well ------------------------------------------------------------------------

COMMANDS = [
    ["generate"],
    ["explain"],
    ["handout"],
    ["batch"],
    ["content", "check"],
    ["content", "report"],
    [],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_help_has_no_python_types_and_whole_values_at_80_columns(command: list[str]) -> None:
    code, out, _ = invoke(*command, "--help")
    assert code == 0
    for type_name in ("<bool>", "<str>", "<int>", "<list", "<file>", "Path]", "<directory>"):
        assert type_name not in out, type_name
    assert max(len(line) for line in out.splitlines()) <= 80
    words = set(out.replace(",", " ").replace(".", " ").split())
    if command in (["generate"], ["explain"]):
        for kind in (Situation, Clinic):
            for member in kind:
                assert member.value in words, member.value


def test_handout_help_has_no_line_break_mid_sentence() -> None:
    _, out, _ = invoke("handout", "--help")
    text = " ".join(out.split())
    assert "questions meant for some ages only say which ages" in text
    lines = [line.strip() for line in out.splitlines()]
    assert "say which ages. With --copies, each copy starts on a right-hand page." not in lines


# -- the interview --------------------------------------------------------------------------------


def _interviewed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: list[str]
) -> tuple[Result, dict[str, Any]]:
    """Run the interview with these answers typed in; the result, and the profile it made."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.shared, "stdin_is_interactive", lambda: True)
    result = runner.invoke(
        cli.app, ["generate", "-f", "json", "-o", "plan.json"], input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0, result.stderr
    return result, json.loads((tmp_path / "plan.json").read_text())["profile"]


def test_interview_asks_the_reason_first_paper_print_once_form_and_confirms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [
        *("3", "", "1", "", "2 6"),  # newly diagnosed; parent; no name; eyes and liver ("2 6")
        *("", "4", "", "", "", ""),  # no result; age 4; no sex, body systems, date or checks
        *("2", "", "y", "y", "", "", "", "n"),  # letter, every part, large print, form; no
        # needs, questions; OK
    ]
    result, profile = _interviewed(tmp_path, monkeypatch, answers)
    err = result.stderr
    assert err.index("main reason") < err.index("Who will read")
    assert "You chose: Eye clinic; Liver clinic." in err
    asked = err.split("Here is what you told me:")[0]
    assert asked.count("large print") == 1 and "Large print (18 point" not in asked
    assert "Here is what you told me:" in err
    assert profile["situations"] == ["newly-diagnosed"]
    assert profile["clinics"] == ["eyes", "liver"]
    assert profile["paper"] == "letter" and profile["sections"] == "all"
    assert profile["large_print"] is True and profile["fillable"] is True
    assert profile["communication_needs"] == ["large-print"]


# -- fast start -----------------------------------------------------------------------------------


def test_help_imports_none_of_the_heavy_libraries() -> None:
    """--help registers every command but loads only typer: the library behind a command
    (pydantic, YAML, jinja2, reportlab, pypdf, openpyxl, rich) waits until it runs."""
    import subprocess
    import sys

    heavy = ["pydantic", "yaml", "jinja2", "reportlab", "pypdf", "openpyxl", "rich"]
    script = (
        "import sys\nfrom clinic_prep.cli import app\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]", loaded.stderr


@pytest.mark.parametrize(
    ("written", "starts"),
    [("text", "Getting ready"), ("TXT", "Getting ready"), ("Web page", "<!doctype html>")],
)
def test_the_format_is_matched_as_people_write_it(written: str, starts: str) -> None:
    code, out, err = invoke("generate", "-c", "heart", "--age", "4", "--format", written)
    assert code == 0, err
    assert out.lstrip().lower().startswith(starts.lower())


def test_an_unknown_format_suggests_the_closest_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "pack.json"
    code, _, err = invoke("generate", "-c", "heart", "--format", "jsn", "-o", str(out))
    assert code == 2
    assert error_lines(err) == [
        "clinic-prep: error: --format: not a format we know; did you mean json?"
    ]
    assert not out.exists()


def test_the_review_sheets_format_is_matched_too(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    code, _, err = invoke("content", "report", "--format", "HTML", "-o", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    code, _, err = invoke("content", "report", "--format", "fhir", "-o", str(tmp_path / "r.x"))
    assert code == 2
    assert error_lines(err) == [
        "clinic-prep: error: --format: a review sheet is made as pdf, html, txt or json"
    ]


def test_the_main_reason_needs_an_answer_and_numbers_keep_their_meaning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter is not offered as a way to skip the one answer every pack needs; in "does
    anything else fit too?" each number means what it meant in the list before (5 was
    "planning a pregnancy" there, once the main reason was taken out), and the main reason
    or "a regular visit" chosen again changes nothing."""
    answers = [
        *("", "3", "3, 5, 10"),  # Enter refused; newly diagnosed; then 3 again, siblings, regular
        *("1", "", "", "", "4", "", "", "", "", "", "", "", "", "", "", "n"),
    ]
    result, profile = _interviewed(tmp_path, monkeypatch, answers)
    reason = result.stderr.split("Does anything else")[0]
    assert "press Enter to skip" not in reason
    assert "Please type one number from 1 to 10." in reason
    assert "Newly diagnosed (your main reason)" in result.stderr
    assert profile["situations"] == ["newly-diagnosed", "siblings"]

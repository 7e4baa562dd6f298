"""The family's record from one visit to the next, end to end: a record makes a fillable pack,
answers are typed into it (by pypdf, as a PDF reader would save them), ``update`` merges them,
and the next pack shows them in the right places."""

import io
import os
import stat
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pypdf.generic import NameObject
from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.api import default_bank
from clinic_prep.core.pack_mark import INFO_KEY, PackMark

runner = CliRunner()

RECORD = """\
clinics: [heart]
age: 12
first_name: Ana
visit_date: 2026-12-10
record_id: 0123456789abcdef0123456789abcdef
care_team:
  - {role: Heart, name: Dr Osei, phone: 020 7946 0000}
medicines:
  - {name: Enalapril, dose_and_when: 2.5 mg twice a day, what_for: heart}
allergies:
  - {what: Penicillin, reaction: rash}
results:
  - {check: echo, date: 2022-01-15, result: normal}
carry_forward:
  - Should we repeat the sleep study?
"""


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli.app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stderr


def _pack(family: Path, out: Path, *more: str) -> Path:
    code, err = invoke("generate", "-p", str(family), "--fillable", "-o", str(out), *more)
    assert code == 0, err
    return out


def _mark(pdf: Path) -> PackMark:
    mark = PackMark.from_text(str(pypdf.PdfReader(pdf).metadata[INFO_KEY]))
    assert mark is not None
    return mark


def _row(mark: PackMark, table: str, key: str) -> int:
    """The printed row number of the row with ``key`` (``entry:0:...``, ``check:echo``)."""
    keys = mark.rows[table]
    return next(n for n, held in enumerate(keys, start=1) if held.startswith(key))


def _type(pdf: Path, out: Path, values: dict[str, str], ticked: tuple[str, ...] = ()) -> Path:
    """Type ``values`` into the form's fields and tick ``ticked``, as a viewer saves them."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf))
    names = set(writer.get_fields() or {})
    assert set(values) <= names and set(ticked) <= names, set(values) - names
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
        for annotation in page.get("/Annots") or []:
            widget: Any = annotation.get_object()
            if widget.get("/T") in ticked:
                widget[NameObject("/V")] = NameObject("/Yes")
                widget[NameObject("/AS")] = NameObject("/Yes")
    with out.open("wb") as stream:
        writer.write(stream)
    return out


def _text(pdf: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _in_cells(value: str, text: str) -> bool:
    """Every word of ``value`` is on the page (a cell wraps its text, and the page's text
    reads across the row)."""
    return all(word in text.split() for word in value.split())


@pytest.fixture
def family(tmp_path: Path) -> Path:
    path = tmp_path / "ana.yaml"
    path.write_text(RECORD, encoding="utf-8")
    return path


def test_a_record_round_trip_reaches_the_next_pack(family: Path, tmp_path: Path) -> None:
    first = _pack(family, tmp_path / "visit.pdf")
    mark = _mark(first)
    medicine = _row(mark, "medications", "entry:0:")
    blank_medicine = len(mark.rows["medications"]) + 1
    echo = _row(mark, "test-results", "check:echo")
    carried = next(n for n, q in mark.questions.items() if q.carried)
    chosen = next(n for n, q in mark.questions.items() if not q.carried)
    typed = _type(
        first,
        tmp_path / "typed.pdf",
        {
            f"medications-r{medicine}-5": "2026-12: dose up to 5 mg",
            f"medications-r{blank_medicine}-1": "Spironolactone",
            f"medications-r{blank_medicine}-2": "0.5 mg/kg three times a day",
            "medications-allergies-r2-1": "Latex",
            f"test-results-r{echo}-3": "2026-12-10 mild thickening",
            "appointments-r1-1": "2026-12-10",
            "appointments-r1-2": "Heart",
            "appointments-r1-3": "Echo again in 6 months",
            "next-time": "Can she do PE at school?\nWho do we call at night?",
            "notes": "Watch for tiredness.",
            f"q{chosen}-answer": "Booked for January",
            "genetic-result-1": "ALMS1",
        },
        ticked=(f"q{carried}-asked",),
    )
    code, err = invoke("update", str(family), "--from", str(typed), "--yes")
    assert code == 0, err
    for said in ("Spironolactone", "Latex", "mild thickening", "Echo again in 6 months"):
        assert said in err
    assert "Gene: ALMS1" in err  # no place in the record: listed, and kept in the notes

    second = _pack(family, tmp_path / "next.pdf", "--visit-date", "2027-01-20")
    text = _text(second)
    for value in (
        "Spironolactone",
        "0.5 mg/kg three times a day",
        "2026-12: dose up to 5 mg",  # in the medicine's "Stopped or changed"
        "Latex",
        "Echo again in 6 months",
        "Last: 10 December 2026: mild thickening",
    ):
        assert _in_cells(value, text), value
    assert "Your questions from last time" in text
    assert "Can she do PE at school?" in text and "Who do we call at night?" in text
    assert "Should we repeat the sleep study?" not in text  # asked, so not carried again
    # The checks table takes the echo's new date: not due yet, no longer four years ago.
    checks = text.split("Checks that may be due")[1].split("Heart tracing")[0]
    assert _in_cells("10 December 2026 Not due", checks)
    record = family.read_text(encoding="utf-8")
    assert "Watch for tiredness." in record and "Booked for January" in record


def test_updating_twice_from_one_pack_changes_nothing_the_second_time(
    family: Path, tmp_path: Path
) -> None:
    first = _pack(family, tmp_path / "visit.pdf")
    typed = _type(first, tmp_path / "typed.pdf", {"medications-allergies-r2-1": "Latex"})
    assert invoke("update", str(family), "--from", str(typed), "--yes")[0] == 0
    once = family.read_bytes()
    code, err = invoke("update", str(family), "--from", str(typed), "--yes")
    assert code == 0 and "Nothing new" in err
    assert family.read_bytes() == once


def test_the_record_and_its_kept_copy_are_private(family: Path, tmp_path: Path) -> None:
    os.chmod(family, 0o644)
    typed = _type(
        _pack(family, tmp_path / "visit.pdf"),
        tmp_path / "typed.pdf",
        {"medications-allergies-r2-1": "Latex"},
    )
    before = family.read_bytes()
    assert invoke("update", str(family), "--from", str(typed), "--yes")[0] == 0
    kept = tmp_path / "ana.previous.yaml"
    assert kept.read_bytes() == before
    for path in (family, kept):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ana.previous.yaml",
        "ana.yaml",
        "typed.pdf",
        "visit.pdf",
    ]


def test_an_older_profile_is_read_and_written_in_todays_form(tmp_path: Path) -> None:
    family = tmp_path / "old.yaml"
    old = "clinics: [heart]\nage: 12\nlast_checks: {echo: 2024-05}\n"
    family.write_text(old, encoding="utf-8")
    pack = _pack(family, tmp_path / "visit.pdf")
    assert "May 2024" in _text(pack)
    code, err = invoke("update", str(family), "--from", str(pack), "--yes")
    assert code == 0, err
    written = family.read_text(encoding="utf-8")
    assert "schema_version: 2" in written and "last_checks" not in written
    assert "check: echo" in written and "2024-05" in written
    assert (tmp_path / "old.previous.yaml").read_text(encoding="utf-8") == old
    assert "May 2024" in _text(_pack(family, tmp_path / "next.pdf"))


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("medicines:\n  - {name: A, dose: 1}\n", "medicines[0].dose"),
        ("results:\n  - {check: echoo, date: 2025-01-01}\n", "results[0].check"),
        ("results:\n  - {check: echo, date: 2025-13-01}\n", "results[0].date"),
        ("carry_forwards: [x]\n", "carry_forwards"),
    ],
)
def test_a_bad_record_names_the_key_and_line_and_writes_nothing(
    tmp_path: Path, line: str, named: str
) -> None:
    family = tmp_path / "bad.yaml"
    family.write_text(f"clinics: [heart]\nage: 12\n{line}", encoding="utf-8")
    out = tmp_path / "pack.pdf"
    code, err = invoke("generate", "-p", str(family), "-o", str(out))
    assert code == 2
    line_number = 3 if named.startswith("carry") else 4
    assert err.strip().count("\n") == 0 and f"bad.yaml:{line_number}: {named}:" in err
    assert not out.exists()


def test_a_pack_from_another_record_is_refused(family: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(RECORD.replace("0123456789abcdef", "fedcba9876543210"), encoding="utf-8")
    pack = _pack(other, tmp_path / "other.pdf")
    before = family.read_bytes()
    code, err = invoke("update", str(family), "--from", str(pack), "--yes")
    assert code == 2 and "record id differs" in err and "Ana" not in err
    assert family.read_bytes() == before
    assert not (tmp_path / "ana.previous.yaml").exists()


@pytest.mark.parametrize("kind", ["plain pack", "not a pdf", "damaged"])
def test_what_is_not_a_filled_pack_is_refused(family: Path, tmp_path: Path, kind: str) -> None:
    pack = tmp_path / "pack.pdf"
    if kind == "plain pack":
        assert invoke("generate", "-p", str(family), "-o", str(pack))[0] == 0
    elif kind == "not a pdf":
        pack.write_text("clinics: [heart]\n")
    else:
        whole = _pack(family, tmp_path / "whole.pdf").read_bytes()
        pack.write_bytes(whole[: len(whole) // 3])
    before = family.read_bytes()
    code, err = invoke("update", str(family), "--from", str(pack), "--yes")
    assert code == 2 and err.count("\n") == 1, err
    assert family.read_bytes() == before


def test_typed_answers_travel_as_a_fhir_response_to_the_packs_questionnaire(
    family: Path, tmp_path: Path
) -> None:
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    pack = _pack(family, tmp_path / "visit.pdf")
    mark = _mark(pack)
    carried = next(n for n, q in mark.questions.items() if q.carried)
    chosen = next(n for n, q in mark.questions.items() if not q.carried)
    typed = _type(
        pack,
        tmp_path / "typed.pdf",
        {f"q{chosen}-answer": "Booked for January", f"q{carried}-answer": "Not yet"},
    )
    code, err = invoke("answers", str(typed), "-o", str(tmp_path / "answers.json"))
    assert code == 0, err
    response = QuestionnaireResponse.model_validate_json((tmp_path / "answers.json").read_bytes())
    code, err = invoke("generate", "-p", str(family), "-f", "fhir", "-o", str(tmp_path / "q.json"))
    assert code == 0, err
    questionnaire = Questionnaire.model_validate_json((tmp_path / "q.json").read_bytes())
    asked = {
        (group.linkId, item.linkId): item.text
        for group in questionnaire.item or []
        for item in group.item or []
    }
    answered = {
        (group.linkId, item.linkId): item.answer[0].valueString
        for group in response.item or []
        for item in group.item or []
    }
    assert sorted(answered.values()) == ["Booked for January", "Not yet"]
    assert set(answered) <= set(asked)  # the same groups and linkIds as the Questionnaire
    assert str(response.authored) == "2026-12-10"


def test_the_record_as_json_for_other_tools(family: Path, tmp_path: Path) -> None:
    import json

    code, err = invoke("record", str(family), "-o", str(tmp_path / "record.json"))
    assert code == 0, err
    data = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert data["medicines"] == [
        {"name": "Enalapril", "dose_and_when": "2.5 mg twice a day", "what_for": "heart"}
    ]
    assert data["results"] == [{"check": "echo", "date": "2022-01-15", "result": "normal"}]
    assert "first_name" not in data  # the record, not the visit


def test_what_is_new_since_last_time_is_asked_and_added(
    family: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.shared, "stdin_is_interactive", lambda: True)
    echo = [check.id for check in default_bank().checks].index("echo")
    answers = [
        "y", "Ramipril", "5 mg at night", "heart", "2026-12", "", "n",  # a medicine
        "n",  # no allergy
        "y", str(echo + 1), "2026-12-01", "mild thickening", "n",  # a result
        "y", "2026-13-01", "2026-12-01", "Heart", "Start Ramipril", "", "n",  # a visit
        "n",  # nobody new
        "y", "Is the sleep study due?", "",  # a question to carry
        "y",  # write these changes
    ]  # fmt: skip
    result = runner.invoke(
        cli.app, ["update", str(family)], input="\n".join(answers) + "\n", env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stderr
    assert "not a real date" in result.stderr  # asked again, then taken
    written = family.read_text(encoding="utf-8")
    for said in ("Ramipril", "mild thickening", "Start Ramipril", "Is the sleep study due?"):
        assert said in written
    assert "check: echo" in written and (family.parent / "ana.previous.yaml").exists()


def test_without_a_pack_and_without_a_terminal_update_says_what_to_give(family: Path) -> None:
    code, err = invoke("update", str(family))
    assert code == 2 and "--from" in err


def test_a_last_check_flag_still_overrides_the_records_date(family: Path, tmp_path: Path) -> None:
    import json

    def echo_last_done(*flags: str) -> object:
        out = tmp_path / "plan.json"
        code, err = invoke("generate", "-p", str(family), "-f", "json", "-o", str(out), *flags)
        assert code == 0, err
        plan = json.loads(out.read_text(encoding="utf-8"))
        return next(c["last_done"] for c in plan["checks"] if c["id"] == "echo")

    assert echo_last_done() == "2022-01-15"  # the record's latest result
    assert echo_last_done("--last-check", "echo=2026-11") == "2026-11"

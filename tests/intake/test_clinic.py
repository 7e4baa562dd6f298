"""For clinics: their details on the pack, their own questions, and handouts."""

import os
import shutil
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.content.bank import check_content, load_bank
from clinic_prep.core.errors import InputError
from clinic_prep.core.resources import content_dir
from clinic_prep.intake.clinic_info import load_clinic_info
from tests.conftest import ROOT, pdf_text

runner = CliRunner()
CLINIC = ROOT / "samples" / "clinic" / "clinic.yaml"
OVERLAY = ROOT / "samples" / "clinic" / "local-questions"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli.app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def overlay_copy(tmp_path: Path) -> Path:
    target = tmp_path / "local"
    shutil.copytree(OVERLAY, target)
    return target


def test_handout_has_clinic_details_and_blank_personal_lines(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    code, _, err = invoke(
        "handout", "-s", "awaiting-result", "--clinic-info", str(CLINIC), "--sections", "all",
        "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    reader = pypdf.PdfReader(out)
    cover = reader.pages[0].extract_text()
    for detail in ("Who to call", "Northfield Children's Hospital", "0121 555 0101", "Name", "Age"):
        assert detail in cover, detail
    text = pdf_text(out.read_bytes())
    # The clinic's full details wait with the places to go next.
    assert "Your clinic" in text and "Monday to Friday, 9am to 5pm" in text
    assert (
        "Genetics Clinical Genetics, Northfield Children's Hospital Genetics nurse line: "
        "0121 555 0101" in text
    )  # merged into the care-team sheet's row for genetics, not added as a row of its own
    assert "Genetics Eyes" not in text
    # The clinic's own question, its rewording, and the question it retired.
    assert "Can we book a results visit at the Thursday genetics clinic?" in text
    assert "(Added by Northfield Clinical Genetics)" in text
    assert "How long will the result take here, and how will you tell us" in text
    assert "(Worded by Northfield Clinical Genetics)" in text


def test_handout_copies_each_start_on_a_right_hand_page(tmp_path: Path) -> None:
    one, three = tmp_path / "one.pdf", tmp_path / "three.pdf"
    assert invoke("handout", "-s", "siblings", "-o", str(one))[0] == 0
    code, _, err = invoke(
        "handout", "-s", "siblings", "--fillable", "--copies", "3", "-o", str(three)
    )
    assert code == 0
    # Joined copies keep no tags and no fields, and the nurse is told so.
    assert "paper only: for a screen reader or to type answers in, make one copy" in err
    assert not pypdf.PdfReader(three).get_fields()
    pages = len(pypdf.PdfReader(one).pages)
    padded = pages + pages % 2
    merged = pypdf.PdfReader(three)
    assert len(merged.pages) == 3 * padded
    for copy in range(3):
        assert "Page 1 of" in merged.pages[copy * padded].extract_text()


def test_handout_without_an_age_says_which_ages_a_question_is_for(tmp_path: Path) -> None:
    code, out, _ = invoke("handout", "-s", "newly-diagnosed", "-c", "eyes", "--all", "-f", "txt")
    assert code == 0
    assert "(For ages up to 5)" in out  # e.g. early-years support, kept for all ages
    assert "(For ages 2 to 18)" in out
    assert "Name: (to fill in)" in out and "Age: (to fill in)" in out


def test_generate_and_batch_take_clinic_info(tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    code, _, err = invoke(
        "generate",
        "-s",
        "result-received",
        "--name",
        "Ada",
        "--clinic-info",
        str(CLINIC),
        "-o",
        str(out),
    )
    assert code == 0, err
    assert "Northfield Children's Hospital" in pdf_text(out.read_bytes())
    sheet = tmp_path / "f.csv"
    sheet.write_text("family_id,situations\nA1,awaiting-result\n")
    code, _, err = invoke(
        "batch", str(sheet), "-o", str(tmp_path / "out"), "-q", "--clinic-info", str(CLINIC)
    )
    assert code == 0, err
    text = pdf_text((tmp_path / "out" / "A1.pdf").read_bytes())
    assert "Northfield Children's Hospital" in text and "Thursday genetics clinic" in text


def test_bad_clinic_file_names_file_and_line(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Ward 7\nphones:\n  - label: Nurse\n    nmber: 123\n")
    code, _, err = invoke("handout", "-s", "siblings", "--clinic-info", str(clinic))
    assert code == 2
    assert f"{clinic}:4: phones[0].nmber: not a field here; did you mean number?" in err


def test_a_folder_without_overlay_yaml_is_refused(tmp_path: Path) -> None:
    code, _, err = invoke("generate", "-s", "siblings", "--content-dir", str(tmp_path))
    assert code == 2 and "no overlay.yaml" in err


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "overlay.yaml",
            "  - gen-research-registry",
            "  - gen-no-such-question",
            "cannot retire unknown question 'gen-no-such-question'",
        ),
        (
            "overlay.yaml",
            "  - id: gen-how-long",
            "  - id: gen-how-longer",
            "cannot reword unknown question 'gen-how-longer'",
        ),
        (
            "questions/genetics-local.yaml",
            "id: northfield-results-clinic",
            "id: gen-how-long",
            "duplicate question id 'gen-how-long'",
        ),
        (
            "questions/genetics-local.yaml",
            "[northfield-genetics-leaflet]",
            "[nowhere-leaflet]",
            "unknown source id 'nowhere-leaflet'",
        ),
        ("questions/genetics-local.yaml", "    priority: 1", "    priority: 9", "priority"),
    ],
)
def test_overlay_is_validated_like_the_shipped_bank(
    overlay_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    path = overlay_copy / file
    path.write_text(path.read_text().replace(old, new, 1))
    problems = check_content(content_dir(), (overlay_copy,))
    found = [p for p in problems if message in p.message]
    assert found, [str(p) for p in problems]
    assert found[0].path.name == Path(file).name
    lines = path.read_text().splitlines()
    needle = new.strip()
    assert needle in lines[found[0].line - 1] or "priority" in message


def test_overlay_changes_the_bank(overlay_copy: Path) -> None:
    bank = load_bank(content_dir(), (overlay_copy,))
    ids = {item.question.id: item for item in bank.questions}
    assert "gen-research-registry" not in ids
    assert ids["northfield-results-clinic"].local == "Northfield Clinical Genetics"
    assert ids["gen-how-long"].reworded
    assert bank.overlays == ("Northfield Clinical Genetics",)


def test_packs_say_plainly_that_no_clinician_has_checked_them(tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    code, _, err = invoke("generate", "-s", "newly-diagnosed", "-o", str(out))
    assert code == 0, err
    text = pdf_text(out.read_bytes())
    statement = "They have not yet been checked by a clinician at your service."
    assert text.count(statement) == 1
    assert "reviewed" not in text.lower()
    assert "Wording updated" in text
    assert "Checked by" not in text


def test_a_clinic_records_its_sign_off_and_packs_say_who_checked(
    overlay_copy: Path, tmp_path: Path
) -> None:
    overlay = overlay_copy / "overlay.yaml"
    overlay.write_text(
        overlay.read_text(encoding="utf-8")
        + "signed_off: {name: Dr Ada Example, role: Consultant clinical geneticist, "
        "checked_on: 2026-12-01}\n",
        encoding="utf-8",
    )
    out = tmp_path / "pack.pdf"
    code, _, err = invoke(
        "generate", "-s", "awaiting-result", "--content-dir", str(overlay_copy), "-o", str(out)
    )
    assert code == 0, err
    text = pdf_text(out.read_bytes())
    assert (
        "These questions were checked by Dr Ada Example (Consultant clinical geneticist) for "
        "Northfield Clinical Genetics on 1 December 2026." in text
    )
    assert "Checked by Dr Ada Example, Northfield Clinical Genetics, 1 December 2026" in text
    assert "have not yet been checked" not in text


def test_a_sign_off_needs_a_real_date(overlay_copy: Path) -> None:
    overlay = overlay_copy / "overlay.yaml"
    overlay.write_text(
        overlay.read_text(encoding="utf-8")
        + "signed_off: {name: Dr Ada Example, role: Geneticist, checked_on: soon}\n",
        encoding="utf-8",
    )
    problems = check_content(content_dir(), (overlay_copy,))
    assert any("overlay.yaml" in str(p) and "checked_on" in p.message for p in problems)


def test_a_fifo_among_local_questions_is_a_problem_not_a_hang(overlay_copy: Path) -> None:
    fifo = overlay_copy / "questions" / "zz-waiting.yaml"
    os.mkfifo(fifo)
    problems = check_content(content_dir(), (overlay_copy,))
    [problem] = [p for p in problems if p.path.name == "zz-waiting.yaml"]
    assert problem.line == 1 and "not a regular file" in problem.message


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("phone: 0121 555 0101\n", "c.yaml:2: phone: not a field here; did you mean phones?"),
        (
            "phones: 0121 555 0101\n",
            "c.yaml:2: phones: a list of phone lines, each with a label and a number, for "
            "example: - {label: Nurse line, number: 0121 555 0101}",
        ),
        (
            "phones:\n  - 0121 555 0101\n",
            "c.yaml:3: phones[0]: each phone line has a label and a number, for example: "
            "- {label: Nurse line, number: 0121 555 0101}",
        ),
        (
            "phones:\n  - label: Nurses\n    numbr: 0121 555 0101\n",
            "c.yaml:4: phones[0].numbr: not a field here; did you mean number?",
        ),
    ],
)
def test_a_clinic_file_error_says_what_was_meant_and_the_shape(
    tmp_path: Path, body: str, says: str
) -> None:
    """A nurse's words, never the library's ("Extra inputs are not permitted", "instance of
    Phone")."""
    clinic = tmp_path / "c.yaml"
    clinic.write_text("name: Northfield\n" + body)
    with pytest.raises(InputError) as caught:
        load_clinic_info(clinic)
    assert str(caught.value) == f"{clinic.parent}/{says}"


def test_control_characters_in_a_clinic_file_or_local_questions_are_refused_at_the_door(
    tmp_path: Path, overlay_copy: Path
) -> None:
    """An escape sequence would act on the terminal of whoever runs explain or a text pack;
    content check and generate now say the same thing about it."""
    clinic = tmp_path / "c.yaml"
    clinic.write_text('name: "Ward\\e[31m 7"\n')
    with pytest.raises(InputError, match=r"c.yaml:1: name: contains a control character"):
        load_clinic_info(clinic)
    questions = overlay_copy / "questions" / "genetics-local.yaml"
    questions.write_text(
        questions.read_text().replace(
            "text: Can we book a results visit at the Thursday genetics clinic?",
            'text: "Can we book a results \\e[31m visit?"',
        )
    )
    problems = check_content(content_dir(), (overlay_copy,))
    assert any("contains a control character (U+001B)" in str(p) for p in problems), problems

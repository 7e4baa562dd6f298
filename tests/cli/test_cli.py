"""The command line, driven through typer's CliRunner as a user would type it."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.content.bank import load_bank
from clinic_prep.core.resources import content_dir
from clinic_prep.core.vocabulary import OutputFormat
from tests.conftest import pdf_text

runner = CliRunner()


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    # A wide terminal, so tables are not folded mid-word.
    result = runner.invoke(cli.app, list(args), input=input, env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def test_done_when_command_writes_a_checkable_pack(tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    code, _, err = invoke(
        "generate",
        "--situation",
        "awaiting-result",
        "--situation",
        "siblings",
        "--clinic",
        "genetics",
        "--age",
        "4",
        "-o",
        str(out),
    )
    assert code == 0, err
    text = pdf_text(out.read_bytes())
    assert "Which genetic test is being done" in text
    assert "brothers and sisters, older or younger, be checked" in text
    bank = load_bank(content_dir())
    for item in bank.questions:
        if item.topic.id in ("transition", "pregnancy-planning"):
            assert item.question.text not in text, item.question.id
    assert f"Wrote {out}" in err


def test_json_format_prints_the_plan() -> None:
    code, out, _ = invoke("generate", "-s", "siblings", "-c", "genetics", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["profile"]["situations"] == ["siblings"]
    first = document["questions"][0]
    assert set(first) >= {"id", "text", "topic", "priority", "reasons"}
    assert len(document["questions"]) == 15


def test_txt_format_to_stdout() -> None:
    code, out, _ = invoke(
        "generate", "-s", "transition", "--reader", "self", "--age", "17", "--format", "txt"
    )
    assert code == 0
    assert "When will I move to adult services" in out


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_can_be_written_to_a_file(tmp_path: Path, fmt: OutputFormat) -> None:
    out = tmp_path / f"pack.{fmt.value}"
    code, _, err = invoke("generate", "-s", "hospital-stay", "--format", fmt.value, "-o", str(out))
    assert code == 0, err
    assert out.stat().st_size > 500


def test_profile_file_with_flags_overriding(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("situations: [siblings]\nfirst_name: Ada\nmax_questions: 4\n")
    code, out, _ = invoke("generate", "-p", str(profile), "--max-questions", "6", "-f", "json")
    assert code == 0
    document = json.loads(out)
    assert document["profile"]["first_name"] == "Ada"
    assert len(document["questions"]) == 6


def test_json_profile_file(tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"situations": ["pregnancy-planning"], "reader": "self"}))
    code, out, _ = invoke("generate", "-p", str(profile), "-f", "json")
    assert code == 0
    assert json.loads(out)["profile"]["reader"] == "self"


def test_explain_shows_reasons() -> None:
    code, out, _ = invoke("explain", "-s", "newly-diagnosed", "-c", "heart", "--age", "1")
    assert code == 0
    assert "situation: newly-diagnosed" in out
    assert "heart-warning-signs" in out


def test_a_clinic_alone_is_a_regular_visit_and_a_baby_is_months_old() -> None:
    code, out, err = invoke("generate", "--clinic", "eyes", "--age", "7m", "-f", "json")
    assert code == 0, err
    plan = json.loads(out)
    assert plan["profile"]["situations"] == ["routine-visit"]
    assert plan["age"] == "7m"
    code, text, _ = invoke("generate", "--clinic", "eyes", "--age", "7m", "-f", "txt")
    assert "7 months" in text and "0 years" not in text


def test_new_inputs_reach_the_plan(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "situations: [result-received]\nage: 18m\nsex: female\ngenetic_result: uncertain\n"
    )
    code, out, err = invoke("generate", "-p", str(profile), "--reader", "relative", "-f", "json")
    assert code == 0, err
    fields = json.loads(out)["profile"]
    assert (fields["age"], fields["sex"], fields["genetic_result"], fields["reader"]) == (
        "18m",
        "female",
        "uncertain",
        "relative",
    )


def test_explain_says_why_each_question_won_its_place() -> None:
    code, out, _ = invoke("explain", "--clinic", "hearing", "--age", "12")
    assert code == 0
    assert "1st: serves Hearing clinic, priority 1" in out


def test_all_lifts_the_budget() -> None:
    _, capped, _ = invoke("generate", "-s", "annual-review", "-f", "json")
    _, everything, _ = invoke("generate", "-s", "annual-review", "--all", "-f", "json")
    assert len(json.loads(everything)["questions"]) > len(json.loads(capped)["questions"])


# -- errors: one line, exit code 2, nothing written ------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["generate", "-s", "worried"], "--situation: not a situation we know; use one of:"),
        (["generate", "-s", "siblings", "--visit-date", "2026-13-01"], "--visit-date:"),
        (["generate", "-s", "siblings", "--age", "300"], "--age:"),
        (
            ["generate", "-s", "siblings", "--age", "3", "--dob", "2020-01-01"],
            "age or date_of_birth",
        ),
        (["generate", "-s", "siblings", "--name", "x" * 100], "--name:"),
        (["generate", "-p", "missing.yaml"], "missing.yaml: file not found"),
        (["generate", "-c", "eyes", "--age", "7w"], "--age: give an age such as 4 (years) or 7m"),
        (["generate", "-c", "eyes", "--sex", "other"], "--sex: not a sex we know"),
        (["generate", "-c", "eyes", "--result", "maybe"], "--result: not a genetic result"),
        (["generate", "-c", "eyes", "--reader", "cousin"], "--reader: not a reader we know"),
        (["generate", "-s", "routine-visit"], "clinics: name the clinic the regular visit"),
        (
            ["generate", "-s", "awaiting-result", "--result", "confirmed"],
            "cannot be awaiting-result",
        ),
        (
            ["generate", "-c", "eyes", "--dob", "2026-12-01", "--visit-date", "2026-11-30"],
            "--dob: is after the visit date",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], fragment: str, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    code, _, err = invoke(*args, "-o", str(out))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("clinic-prep: error:"), err
    assert fragment in lines[0]
    assert "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.iterdir())


def test_bad_profile_value_names_file_and_line(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("# a family\nsituations:\n  - siblings\n  - worried\nfirst_name: Mo\n")
    code, _, err = invoke("generate", "-p", str(profile), "-f", "json")
    assert code == 2
    assert f"{profile}:4: situations[1]:" in err
    assert "Mo" not in err.replace(str(profile), "")


def test_no_situation_without_a_terminal_exits_2_without_waiting() -> None:
    code, _, err = invoke("generate", input="")
    assert code == 2
    assert "no situation or clinic given" in err


def test_interview_for_a_baby_at_a_regular_eye_visit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clinic and no situation is a regular visit; a baby's age is typed in months."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.shared, "stdin_is_interactive", lambda: True)
    answers = [
        *("10", "", "1", "", "2"),  # a regular visit, nothing else; parent; no name; eyes
        *("7m", "", ""),  # age, no sex, no body systems
        *("", "y", "2026-13", "2026-09", ""),  # no visit date; checks: a bad month, the eye check
        *("", "", "", "", "", "", "", "n"),  # paper, parts, large print, form, needs,
        # questions, OK, save
    ]
    answers_text = "\n".join(answers) + "\n"
    code, _, err = invoke("generate", "-f", "json", "-o", "plan.json", input=answers_text)
    assert code == 0, err
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert plan["profile"]["situations"] == ["routine-visit"]
    assert plan["profile"]["clinics"] == ["eyes"]
    assert plan["profile"]["age"] == "7m"
    assert plan["profile"]["last_checks"] == {"eye-exam": "2026-09"}
    assert "not a real date (check the month and the day)" in err


def test_interview_asks_again_only_the_answer_that_does_not_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check dated after the visit: the summary says so and asks that question again, and
    every other answer is kept (the whole interview was lost at the end, before)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.shared, "stdin_is_interactive", lambda: True)
    answers = [
        *("10", "", "1", "", "2"),  # a regular visit, nothing else; parent; no name; eyes
        *("7m", "", ""),  # age, no sex, no body systems
        *("2026-12-01", "y", "2027-01", ""),  # visit date; the eye check after it
        *("", "", "", "", "", ""),  # paper, parts, large print, form, needs, questions
        "",  # make the pack: it does not fit, so the checks are asked again
        *("y", "2026-09", ""),
        *("", "n"),  # make the pack; do not save
    ]
    code, _, err = invoke(
        "generate", "-f", "json", "-o", "plan.json", input="\n".join(answers) + "\n"
    )
    assert code == 0, err
    assert "That does not fit: Checks with dates: eye-exam is dated after the visit date." in err
    assert "2027-01" not in err.split("That does not fit")[1]
    profile = json.loads((tmp_path / "plan.json").read_text())["profile"]
    assert profile["last_checks"] == {"eye-exam": "2026-09"}
    assert profile["clinics"] == ["eyes"] and profile["age"] == "7m"


def test_interview_then_save_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.shared, "stdin_is_interactive", lambda: True)
    answers = (
        "\n".join(
            [
                "12",  # main reason: a number not listed...
                "7",  # ...then the yearly review (no genetic result to ask about)
                "",  # nothing else fits
                "2",  # reader: the person themselves
                "Noor",  # first name
                "4",  # clinics: heart
                "29",  # age
                "1, 2",  # sex: two answers to a one-answer question...
                "1",  # ...then female
                "3",  # involves: heart
                "2027-01-05",  # visit date
                "",  # no dates for regular checks
                "",  # paper: A4
                "2",  # parts: the questions only
                "",  # large print: no
                "",  # fillable form: no
                "hearing loop",  # communication: by name rather than number
                "Can I still swim?",
                "",  # no more questions
                "11",  # summary: change the paper size...
                "2",  # ...to US Letter
                "",  # the summary is right
                "y",  # save profile
                "",  # default file name
            ]
        )
        + "\n"
    )
    code, _, err = invoke("generate", input=answers)
    assert code == 0, err
    pack = tmp_path / "clinic-visit-pack.pdf"
    text = pdf_text(pack.read_bytes())
    assert "Getting ready for my clinic visit" in text
    assert "Can I still swim?" in text
    assert "Please use a hearing loop" in text
    assert "My care team" not in text  # the questions only: no record sheets
    saved = (tmp_path / "clinic-prep-profile.yaml").read_text()
    assert "annual-review" in saved and "Noor" in saved and "sex: female" in saved
    assert "paper: letter" in saved and "sections: questions" in saved
    assert "You chose: Please use a hearing loop." in err
    assert "Here is what you told me:" in err and "Paper size: US Letter" in err
    assert "more questions fit this visit" in err and "--all" not in err  # a flag never met
    # The saved profile makes the same pack again.
    code, _, _ = invoke("generate", "-p", "clinic-prep-profile.yaml", "-o", "again.pdf")
    assert code == 0
    assert (tmp_path / "again.pdf").read_bytes() == pack.read_bytes()


def test_default_output_name_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clinic-visit-pack.pdf").write_bytes(b"my filled-in pack")
    code, _, err = invoke("generate", "-s", "siblings")
    assert code == 0, err
    assert (tmp_path / "clinic-visit-pack.pdf").read_bytes() == b"my filled-in pack"
    assert (tmp_path / "clinic-visit-pack-2.pdf").read_bytes().startswith(b"%PDF")


def test_content_check_passes_on_shipped_bank() -> None:
    code, out, _ = invoke("content", "check")
    assert code == 0
    assert "Content OK" in out


def test_content_check_fails_with_file_and_line(content_copy: Path) -> None:
    path = content_copy / "questions" / "07-heart.yaml"
    path.write_text(path.read_text().replace("sources: [asi]", "sources: [nowhere]", 1))
    code, out, err = invoke("content", "check", "--content-dir", str(content_copy))
    assert code == 2
    assert "07-heart.yaml:" in out and "unknown source id 'nowhere'" in out
    assert "1 problem(s) found" in err


def _all_commands() -> list[list[str]]:
    """Every command the app has, found by walking it, so a new command cannot skip docs."""
    import typer.main

    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in children.items():
                walk(child, [*path, name])
        else:
            found.append(path)

    walk(typer.main.get_command(cli.app), [])
    return found


def test_every_command_is_found() -> None:
    assert len(_all_commands()) >= 6


@pytest.mark.parametrize("command", _all_commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    code, out, _ = invoke(*command, "--help")
    assert code == 0
    assert "Example" in out and "clinic-prep " in out
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"clinic-prep {' '.join(command)}" in readme, "command missing from the README"


def test_the_questions_only_and_the_sheets_only(tmp_path: Path) -> None:
    """A family whose sheets are in a folder prints the questions alone; a coordinator
    refilling folders prints the sheets alone. Read back from the PDFs."""
    import pypdf

    visit = ("-s", "newly-diagnosed", "-c", "heart", "--age", "2")
    made = {}
    for parts in ("all", "questions", "sheets"):
        out = tmp_path / f"{parts}.pdf"
        code, _, err = invoke("generate", *visit, "--sections", parts, "-o", str(out))
        assert code == 0, err
        made[parts] = (pdf_text(out.read_bytes()), len(pypdf.PdfReader(out).pages), err)
    all_pages = made["all"][1]
    (questions, q_pages, said_q), (sheets, s_pages, said_s) = made["questions"], made["sheets"]
    assert "Questions for the visit" in questions and "My care team" not in questions
    assert "My care team" in sheets and "Questions for the visit" not in sheets
    assert "Getting ready" not in sheets and "Where to go next" not in sheets
    # The records kept from visit to visit take the same pages in both; the notes on this
    # visit may begin on the page the questions end on.
    kept = "Records to keep from visit to visit"
    assert sheets.count(kept) == made["all"][0].count(kept) > 0
    assert all_pages - 1 <= q_pages + s_pages <= all_pages + 1
    assert " questions" in said_q and "record sheets" not in said_q
    assert said_s.split(": ")[-1].split()[1:] == ["record", "sheets"], said_s
    # A handout is the questions unless the sheets are asked for: it is copied for a whole
    # clinic session, and most families keep their sheets already.
    handout = tmp_path / "handout.pdf"
    code, _, err = invoke("handout", *visit[:4], "-o", str(handout))
    assert code == 0, err
    assert "My care team" not in pdf_text(handout.read_bytes()) and "sheets" not in err
    code, _, err = invoke("handout", *visit[:4], "--sections", "all", "-o", str(handout))
    assert code == 0 and "My care team" in pdf_text(handout.read_bytes())
    assert "record sheets" in err
    code, _, err = invoke("generate", *visit, "--sections", "some", "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "--sections" in err and not (tmp_path / "x.pdf").exists()


def test_a_premise_pattern_that_backtracks_does_not_hang_content_check(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A local bank's premise written to backtrack without end ("(\\w+\\s?)+\\d" on a long
    wording with no digit: minutes with Python's own re) is checked in moments; and a phrase
    that still takes too long is stopped at its time limit and named by file and line."""
    import time

    from clinic_prep.content import premises as premise_rules

    premises = content_copy / "premises.yaml"
    premises.write_text(
        premises.read_text(encoding="utf-8")
        + "  - words: '(\\w+\\s?)+\\d'\n    requires: {age: {max: 2}}\n    why: a test\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    code, out, _ = invoke("content", "check", "--content-dir", str(content_copy))
    assert time.monotonic() - started < 30
    assert code == 2 and "its words assume a test" in out
    monkeypatch.setattr(premise_rules, "MATCH_TIME_LIMIT", 1e-9)  # every phrase is too slow
    code, out, _ = invoke("content", "check", "--content-dir", str(content_copy))
    assert code == 2
    first = next(line for line in out.splitlines() if "takes too long" in line)
    assert first.startswith(f"{content_copy.name}/premises.yaml:6: words: the pattern takes")


@pytest.mark.parametrize(
    ("given", "named"),
    [(("--name", "Ana 😀"), "--name:"), (("--ask", "Can he swim 😀?"), "--ask:")],
)
def test_text_that_cannot_be_printed_names_the_flag_it_came_with(
    given: tuple[str, str], named: str, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    code, _, err = invoke("generate", "-c", "heart", "--age", "4", *given, "-o", str(out))
    assert code == 2 and err.startswith(f"clinic-prep: error: {named} has characters")
    assert "😀" not in err and not out.exists()

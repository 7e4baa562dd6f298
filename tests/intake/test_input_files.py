"""Files a user names (profiles, clinic details, local questions): whatever they hold, one
line naming the file and line, exit code 2, never a crash, a hang or all the memory."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinic_prep import cli
from tests.conftest import ROOT

runner = CliRunner()
LOCAL = ROOT / "samples" / "clinic" / "local-questions"


def one_line(result: object, *expected: str) -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, stderr  # type: ignore[attr-defined]
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr
    for words in expected:
        assert words in stderr, stderr
    return stderr


def generate(*args: str, out: Path) -> object:
    return runner.invoke(cli.app, ["generate", *args, "-o", str(out)])


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    """A writable copy of the sample folder of local questions."""
    target = tmp_path / "local"
    subprocess.run(["cp", "-r", str(LOCAL), str(target)], check=True)
    return target


# -- a date that does not exist ---------------------------------------------------------------


def test_an_impossible_date_in_a_profile_names_the_line(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("situations: [siblings]\nage: 4\nvisit_date: 2026-02-30\n")
    one_line(generate("-p", str(profile), out=tmp_path / "x.pdf"), "p.yaml:3: visit_date")
    assert not (tmp_path / "x.pdf").exists()


def test_an_impossible_date_in_clinic_details_names_the_line(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Northfield\nnote: 2026-02-30\nphones: 2026-02-31\n")
    one_line(
        generate("-s", "siblings", "--clinic-info", str(clinic), out=tmp_path / "x.pdf"),
        "clinic.yaml:3: phones",
    )


def test_an_impossible_date_in_local_questions_is_a_content_problem(overlay: Path) -> None:
    questions = overlay / "questions" / "genetics-local.yaml"
    questions.write_text(
        questions.read_text().replace("updated: 2026-11-23", "updated: 2026-02-30")
    )
    result = runner.invoke(cli.app, ["content", "check", "--content-dir", str(overlay)])
    assert result.exit_code == 2, result.output
    assert "genetics-local.yaml:13: questions[0].updated" in result.output
    assert "Traceback" not in result.output


# -- nesting, duplicate keys ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["profile", "clinic", "overlay"])
def test_yaml_nested_500_deep_is_one_line(tmp_path: Path, kind: str, overlay: Path) -> None:
    deep = "situations: " + "[" * 500 + "]" * 500 + "\n"
    if kind == "overlay":
        (overlay / "overlay.yaml").write_text("name: Local\nretire: " + deep[12:])
        result = runner.invoke(cli.app, ["content", "check", "--content-dir", str(overlay)])
        assert result.exit_code == 2 and "overlay.yaml:2: not valid YAML" in result.output
        assert "nested more than" in result.output
        return
    path = tmp_path / f"{kind}.yaml"
    path.write_text(deep if kind == "profile" else "name: " + deep[12:])
    flag = "-p" if kind == "profile" else "--clinic-info"
    args = [flag, str(path)] if kind == "profile" else ["-s", "siblings", flag, str(path)]
    one_line(generate(*args, out=tmp_path / "x.pdf"), f"{kind}.yaml:1:", "nested more than")


def _alias_bomb(levels: int, fan_out: int = 10) -> str:
    """A few hundred bytes of nested aliases that stand for fan_out ** levels values."""
    lines = [f"l0: &l0 [{', '.join(['x'] * fan_out)}]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fan_out)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["profile", "clinic"])
def test_a_file_of_nested_aliases_is_one_line_at_once(tmp_path: Path, kind: str) -> None:
    """500 bytes standing for 10^9 values: each shared node is looked at once (the depth check
    used to follow every alias, for minutes), and the file is refused for what it stands for."""
    path = tmp_path / f"{kind}.yaml"
    bomb = _alias_bomb(8)
    assert len(bomb) < 600
    path.write_text(("situations: [siblings]\n" if kind == "profile" else "name: A\n") + bomb)
    flag = "-p" if kind == "profile" else "--clinic-info"
    args = [flag, str(path)] if kind == "profile" else ["-s", "siblings", flag, str(path)]
    one_line(generate(*args, out=tmp_path / "x.pdf"), f"{kind}.yaml:1:", "stand for more than")


def test_a_number_too_long_for_python_is_refused_by_its_field(tmp_path: Path) -> None:
    """Python will not read a whole number of more than 4,300 digits (exit 1, before)."""
    profile = tmp_path / "p.yaml"
    profile.write_text("situations: [siblings]\nage: " + "9" * 5000 + "\n")
    one_line(generate("-p", str(profile), out=tmp_path / "x.pdf"), "p.yaml:2: age:", "give an age")


def test_a_key_given_twice_is_an_error_at_its_second_line(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("situations: [siblings]\nage: 4\nclinics: [heart]\nage: 40\n")
    one_line(
        generate("-p", str(profile), out=tmp_path / "x.pdf"),
        "p.yaml:4:",
        "a key appears twice (first on line 2)",
    )
    as_json = tmp_path / "p.json"
    as_json.write_text('{"situations": ["siblings"],\n "age": 4,\n "age": 5}')
    one_line(generate("-p", str(as_json), out=tmp_path / "x.pdf"), "p.json:3:")


# -- what is not a regular file -----------------------------------------------------------------


def _run_bounded(*args: str) -> subprocess.CompletedProcess[str]:
    """In a fresh process with 1 GiB of memory at most and a time limit, so that a reader
    that hangs or reads forever fails this test instead of the machine."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "clinic_prep", *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
    )


@pytest.mark.parametrize("flag", ["-p", "--clinic-info"])
def test_an_endless_device_is_refused(tmp_path: Path, flag: str) -> None:
    result = _run_bounded(
        "generate", "-s", "siblings", flag, "/dev/zero", "-o", str(tmp_path / "x")
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        "clinic-prep: error: /dev/zero: not a regular file; expected a file"
    )


def test_a_fifo_as_profile_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    result = _run_bounded("generate", "-p", str(fifo), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2, result.stderr
    assert "profile.yaml: not a regular file" in result.stderr


def test_a_profile_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("situations: [siblings]\n" + "#" * 1_000_001 + "\n")
    one_line(generate("-p", str(profile), out=tmp_path / "x.pdf"), "larger than 1,000,000 bytes")


# -- text from overlays is never terminal markup ------------------------------------------------


def test_brackets_in_local_questions_print_literally(overlay: Path) -> None:
    questions = overlay / "questions" / "genetics-local.yaml"
    original = questions.read_text()
    questions.write_text(
        original.replace(
            "text: Can we book a results visit at the Thursday genetics clinic?",
            'text: "[/x] [red]Can we book[/red] a results visit at the Thursday genetics clinic?"',
        )
    )
    (overlay / "questions" / "zz-local.yaml").write_text(
        original.replace("topic: genetics", "topic: local-extra")
        .replace("title: The genetic test and the result", "title: '[/x] Our [bold]own[/bold]'")
        .replace("id: northfield-results-clinic", "id: northfield-extra")
    )
    explained = runner.invoke(
        cli.app,
        ["explain", "-s", "awaiting-result", "-c", "genetics", "--content-dir", str(overlay)],
        env={"COLUMNS": "400"},
    )
    assert explained.exit_code == 0, explained.output
    assert "[/x] [red]Can we book[/red]" in explained.stdout
    checked = runner.invoke(cli.app, ["content", "check", "--content-dir", str(overlay)])
    assert checked.exit_code == 0, checked.output
    assert "[/x] Our [bold]own[/bold]" in checked.stdout

"""The README cannot drift: every `$ clinic-prep ...` line in it runs and succeeds."""

import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinic_prep import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# A walkthrough whose commands use each other's files is marked to run in order, as one test.
IN_ORDER = "<!-- run in order -->"
WALKTHROUGHS = [
    [line[2:] for line in part.split("```console\n", 1)[1].split("```", 1)[0].splitlines()]
    for part in README.split(IN_ORDER)[1:]
]
COMMANDS = [
    line[2:]
    for line in README.splitlines()
    if line.startswith("$ clinic-prep ")
    and not any(line[2:] in walkthrough for walkthrough in WALKTHROUGHS)
]


def test_readme_has_usage_examples() -> None:
    assert len(COMMANDS) >= 5


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _in_a_copy_of_the_samples(tmp_path, monkeypatch)
    _runs(command, tmp_path)


def _in_a_copy_of_the_samples(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(
        ROOT / "samples", folder / "samples", ignore=shutil.ignore_patterns("packs", "images")
    )
    monkeypatch.chdir(folder)


def _runs(command: str, folder: Path) -> None:
    args = shlex.split(command)[1:]
    if shlex.split(command)[0] == "cp":
        shutil.copy(args[0], args[1])
        return
    result = CliRunner().invoke(cli.app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    if "-o" in args and args[0] in ("generate", "handout"):
        written = folder / args[args.index("-o") + 1]
        assert written.stat().st_size > 1000


@pytest.mark.parametrize("walkthrough", WALKTHROUGHS, ids=lambda commands: commands[-1])
def test_readme_walkthrough_runs_in_order(
    walkthrough: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_a_copy_of_the_samples(tmp_path, monkeypatch)
    for command in walkthrough:
        _runs(command, tmp_path)


def test_quick_start_matches_ci() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = "python3 -m venv .venv && .venv/bin/pip install -c requirements-lock.txt -e '.[test]'"
    assert f"{install} && .venv/bin/pytest\n" in README
    # CI installs the same way, lints, then runs the same test command.
    lines = ci.splitlines()
    assert install in lines and ".venv/bin/pytest" in lines
    assert lines.index(".venv/bin/mypy") < lines.index(".venv/bin/pytest")

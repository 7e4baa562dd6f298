"""The README cannot drift: every `$ clinic-prep ...` line in it runs and succeeds."""

import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinic_prep import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [line[2:] for line in README.splitlines() if line.startswith("$ clinic-prep ")]


def test_readme_has_usage_examples() -> None:
    assert len(COMMANDS) >= 5


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(
        ROOT / "samples", tmp_path / "samples", ignore=shutil.ignore_patterns("packs", "images")
    )
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(cli.app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    if "-o" in args and args[0] in ("generate", "handout"):
        written = tmp_path / args[args.index("-o") + 1]
        assert written.stat().st_size > 1000


def test_quick_start_matches_ci() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = "python3 -m venv .venv && .venv/bin/pip install -c requirements-lock.txt -e '.[test]'"
    assert f"{install} && .venv/bin/pytest\n" in README
    # CI installs the same way, lints, then runs the same test command.
    lines = ci.splitlines()
    assert install in lines and ".venv/bin/pytest" in lines
    assert lines.index(".venv/bin/mypy") < lines.index(".venv/bin/pytest")

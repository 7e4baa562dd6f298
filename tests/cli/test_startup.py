"""The entry point holds the garbage collector while the command line loads; every command
must hand it back once its modules are in, or a long batch would never free anything. It also
keeps other packages' pydantic plugins from seeing a family's details."""

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinic_prep import cli, startup

runner = CliRunner()
SAMPLE_RECORD = Path(__file__).parents[2] / "samples" / "profiles" / "hearing-clinic-visit.yaml"


@pytest.fixture
def held_collection() -> Iterator[None]:
    was_enabled = gc.isenabled()
    startup.hold_collection()
    try:
        yield
    finally:
        startup._held = False
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def commands(folder: Path) -> dict[str, list[str]]:
    """One ordinary call of every command the app has."""
    return {
        "generate": ["generate", "-c", "heart", "--age", "4", "-o", str(folder / "pack.pdf")],
        "explain": ["explain", "-c", "heart", "--age", "4"],
        "handout": ["handout", "-c", "heart", "-o", str(folder / "handout.pdf")],
        "batch": ["batch", "--template", str(folder / "families.csv")],
        "content check": ["content", "check"],
        "content report": ["content", "report", "-o", str(folder / "review.pdf")],
        "card": ["card", "-p", str(SAMPLE_RECORD), "-o", str(folder / "card.pdf")],
        "answers": ["answers", str(folder / "form.pdf"), "-o", str(folder / "answers.json")],
        "record": ["record", str(folder / "family.yaml"), "-o", str(folder / "record.json")],
        "update": [
            *("update", str(folder / "family.yaml"), "--from", str(folder / "form.pdf"), "--yes")
        ],
    }


def _family_and_pack(folder: Path) -> None:
    """The family's file and a fillable pack made from it, for ``update``."""
    family = folder / "family.yaml"
    family.write_text("clinics: [heart]\nage: 4\nmedicines: [{name: Enalapril}]\n")
    made = runner.invoke(
        cli.app, ["generate", "-p", str(family), "--fillable", "-o", str(folder / "form.pdf")]
    )
    assert made.exit_code == 0, made.output


def registered_commands() -> set[str]:
    names = {command.name or command.callback.__name__ for command in cli.app.registered_commands}
    for group in cli.app.registered_groups:
        names |= {
            f"{group.name} {command.name}" for command in group.typer_instance.registered_commands
        }
    return names


def test_every_command_is_covered_here(tmp_path: Path) -> None:
    assert registered_commands() == set(commands(tmp_path))


@pytest.mark.parametrize("name", sorted(commands(Path("."))))
def test_each_command_collects_garbage_again_once_loaded(
    name: str, tmp_path: Path, held_collection: None
) -> None:
    if name in ("update", "answers", "record"):
        _family_and_pack(tmp_path)
        startup.hold_collection()  # as the entry point would, before this command
    assert not gc.isenabled()
    result = runner.invoke(cli.app, commands(tmp_path)[name])
    assert result.exit_code == 0, result.output
    assert gc.isenabled(), f"{name} never calls startup.modules_loaded()"


def test_collection_is_never_held_outside_the_entry_point() -> None:
    assert gc.isenabled()
    startup.modules_loaded()  # nothing was held: changes nothing
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def _installed_spy_plugin(folder: Path) -> Path:
    """A package registering a pydantic plugin, as any installed package could; loading it
    leaves a mark."""
    mark = folder / "plugin-was-loaded"
    (folder / "spy_plugin.py").write_text(
        "from pathlib import Path\n"
        f"Path({str(mark)!r}).touch()\n"
        "class Spy:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Spy()\n"
    )
    dist = folder / "spy_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    return mark


def test_the_command_shows_no_pydantic_plugin_what_it_validates(tmp_path: Path) -> None:
    mark = _installed_spy_plugin(tmp_path)
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    environment.pop("PYDANTIC_DISABLE_PLUGINS", None)
    validate_anything = "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)\n"
    subprocess.run([sys.executable, "-c", validate_anything], env=environment, check=True)
    assert mark.exists()  # the plugin is found: without the entry point's setting it would run

    mark.unlink()
    command = [sys.executable, "-m", "clinic_prep", "generate", "-c", "heart", "--age", "4"]
    result = subprocess.run(
        [*command, "-f", "txt", "-o", str(tmp_path / "pack.txt")],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert not mark.exists()

"""An installed (non-editable) wheel finds content/ and templates/ and makes a pack
from outside the source tree."""

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, pdf_text


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("clinic_prep-*.whl")
    return found


def test_wheel_ships_content_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "clinic_prep/_data/content/sources.yaml" in names
    assert "clinic_prep/_data/content/questions/01-genetics.yaml" in names
    assert "clinic_prep/_data/templates/pack.html.j2" in names
    # Nothing generated: the package is its source code, and the data is content/ and
    # templates/ as they are in the repository.
    package = [name for name in names if name.startswith("clinic_prep/")]
    assert all(
        name.endswith((".py", "/py.typed")) or name.startswith("clinic_prep/_data/")
        for name in package
    ), package


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed alone into its own folder; its dependencies come from this
    environment. PYTHONPATH set to it puts the installed copy ahead of any editable install."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def test_no_code_runs_from_data() -> None:
    """No module runs code it reads or builds (exec, eval, compile)."""
    source = Path(__file__).resolve().parents[1] / "src" / "clinic_prep"
    for module in source.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"(?<![.\w])(exec|eval|compile)\(", text), module


def test_installed_wheel_generates_a_pack_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    target = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import clinic_prep, clinic_prep.core.resources as r; "
            "print(clinic_prep.__file__); print(r.content_dir()); print(r.templates_dir())",
        ],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in where), where
    subprocess.run(
        [
            sys.executable,
            "-m",
            "clinic_prep",
            "generate",
            "-s",
            "newly-diagnosed",
            "-o",
            "pack.pdf",
        ],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
    )
    assert "What causes Alström syndrome" in pdf_text((elsewhere / "pack.pdf").read_bytes())

"""An installed (non-editable) wheel finds content/ and templates/ and makes a pack
from outside the source tree."""

import os
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
    assert "clinic_prep/parsed-content.json" in names
    assert "clinic_prep/compiled-templates.json" in names


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


def test_the_installed_content_is_read_as_parsed_ahead(installed: Path, tmp_path: Path) -> None:
    """The wheel's copy of content/ has the very bytes the parsed copy was made from."""
    target = installed
    check = (
        "from pathlib import Path; import clinic_prep.parsed_content as p, "
        "clinic_prep.resources as r; print(p.parsed_ahead(r.content_dir(), Path('c')) is not None)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    found = subprocess.run(
        [sys.executable, "-c", check], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert found.stdout.strip() == "True", found.stderr


def test_installed_wheel_generates_a_pack_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    target = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import clinic_prep, clinic_prep.resources as r; "
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

"""The committed sample packs must match what the code makes today.

Plain-text and JSON renderings are compared byte for byte. PDFs are compared by their text
and page count, so a different (compatible) reportlab build does not fail the check while a
real change in wording, selection or layout does. Regenerate with: python samples/regenerate.py
"""

import importlib.util
import io
import shutil
from pathlib import Path
from types import ModuleType

import pypdf
import pytest

from .conftest import ROOT, pdf_text

PACKS = ROOT / "samples" / "packs"


def _regenerate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "samples" / "regenerate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh() -> dict[str, bytes]:
    built: dict[str, bytes] = _regenerate_module().build_samples()
    return built


def test_at_least_five_sample_profiles(fresh: dict[str, bytes]) -> None:
    assert len([name for name in fresh if name.endswith(".pdf")]) >= 5


def test_page_images_of_standard_and_large_print_packs_exist() -> None:
    images = ROOT / "samples" / "images"
    assert (images / "newly-diagnosed-infant-page-1.png").stat().st_size > 10_000
    assert (images / "large-print-fillable-page-1.png").stat().st_size > 10_000
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "samples/images/large-print-fillable-page-1.png" in readme


def test_committed_samples_are_current(fresh: dict[str, bytes]) -> None:
    stale = "stale sample {}: run 'python samples/regenerate.py' and commit the result"
    assert sorted(p.name for p in PACKS.iterdir()) == sorted(fresh), "sample set differs"
    for name, data in fresh.items():
        committed = (PACKS / name).read_bytes()
        if name.endswith(".pdf"):
            old = pypdf.PdfReader(io.BytesIO(committed))
            new = pypdf.PdfReader(io.BytesIO(data))
            assert len(old.pages) == len(new.pages), stale.format(name)
            assert pdf_text(committed) == pdf_text(data), stale.format(name)
        else:
            assert committed == data, stale.format(name)


def test_sample_packs_are_a_sensible_length(fresh: dict[str, bytes]) -> None:
    for name, data in fresh.items():
        if name.endswith(".pdf"):
            pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
            most = 30 if name.startswith("large-print") else 20
            assert 10 <= pages <= most, (name, pages)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_readme_page_images_are_current(fresh: dict[str, bytes], tmp_path: Path) -> None:
    """The README's pictures of the pack are drawn from today's packs."""
    for name, data in fresh.items():
        if name.endswith(".pdf"):
            (tmp_path / name).write_bytes(data)
    _regenerate_module().draw_page_images(tmp_path, tmp_path / "images")
    committed = ROOT / "samples" / "images"
    drawn = sorted((tmp_path / "images").iterdir())
    assert [p.name for p in drawn] == sorted(p.name for p in committed.iterdir())
    for image in drawn:
        stale = f"stale image {image.name}: run 'python samples/regenerate.py' and commit it"
        assert _pixels(image) == _pixels(committed / image.name), stale


def _pixels(png: Path) -> tuple[str, tuple[int, int], bytes]:
    """What a picture shows, not how an encoder packed it: another zlib or PNG encoder makes
    other bytes of the same page."""
    from PIL import Image

    with Image.open(png) as picture:
        return picture.mode, picture.size, picture.tobytes()


def test_readme_regenerate_command_is_documented() -> None:
    assert "python samples/regenerate.py" in (ROOT / "README.md").read_text(encoding="utf-8")

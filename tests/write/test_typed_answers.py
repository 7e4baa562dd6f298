"""Typed answers that print: text typed into every kind of field of a fillable pack, the pack
rendered by poppler (as a print or a PDF viewer would show it), and every character found
again inside its own field. The slow lane (poppler runs once per print size)."""

import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from clinic_prep import api
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftocairo") is None, reason="needs poppler-utils"),
]

# The longest realistic entry for a record-sheet cell: a dose with its instructions.
TYPED = "Spironolactone 0.5 mg/kg three times a day, with food"


def _typed_and_rendered(large_print: bool, tmp_path: Path) -> tuple[dict[str, tuple], Path]:
    """A fillable pack with every text field typed into (each entry numbered, so it is known
    where it must appear), and poppler's rendering of it."""
    profile = Profile.model_validate(
        {"situations": ["annual-review"], "age": 30, "reader": "self"}
        | {"fillable": True, "large_print": large_print}
    )
    reader = pypdf.PdfReader(io.BytesIO(api.build(profile, OutputFormat.PDF, TODAY).data))
    writer = pypdf.PdfWriter(clone_from=reader)
    where: dict[str, tuple] = {}
    for number, page in enumerate(writer.pages):
        values = {}
        for annotation in page.get("/Annots", []):
            field = annotation.get_object()
            if field.get("/FT") == "/Tx":
                values[field["/T"]] = f"Z{len(where):03d} {TYPED}"
                where[values[field["/T"]]] = (number, [float(v) for v in field["/Rect"]])
        if values:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    typed, rendered = tmp_path / "typed.pdf", tmp_path / "rendered.pdf"
    writer.write(typed)
    subprocess.run(["pdftocairo", "-pdf", str(typed), str(rendered)], check=True)
    return where, rendered


@pytest.mark.parametrize("large_print", [False, True], ids=["standard", "large"])
def test_every_typed_character_prints_inside_its_field(large_print: bool, tmp_path: Path) -> None:
    where, rendered = _typed_and_rendered(large_print, tmp_path)
    cut = []
    with pdfplumber.open(rendered) as pdf:
        for text, (number, (x0, y0, x1, y1)) in where.items():
            page = pdf.pages[number]
            # The viewer's text may reach a few points past the field's edge (still inside
            # the cell or above the rule): a glyph counts if it is drawn that close.
            box = (x0 - 4, page.height - y1 - 4, x1 + 4, page.height - y0 + 4)
            shown = " ".join(page.within_bbox(box).extract_text().split())
            if text not in shown:
                cut.append((text[:4], shown[:80]))
    assert len(where) > 200  # answers, record-sheet cells, one-line spaces
    assert not cut, f"{len(cut)} of {len(where)} fields cut what was typed: {cut[:3]}"

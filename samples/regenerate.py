"""Regenerate the sample packs from the sample profiles.

    python samples/regenerate.py

It refuses content that does not pass every check (as `clinic-prep content check`).
Each profile in samples/profiles/ gives a PDF, an HTML, a plain-text and a JSON rendering in
samples/packs/. The date is fixed, so the output only changes when the code or content does;
tests/test_samples.py fails when the committed packs are stale. Where poppler's pdftoppm is
installed, it also draws pages of the packs into samples/images/ for the README: a standard
and a large-print pack, a pack on Letter paper, record sheets, a handout for the sample clinic
and the clinician's review form (the last two made here, not kept as samples).
"""

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from clinic_prep import api
from clinic_prep.content.bank import check_content
from clinic_prep.core.resources import content_dir
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile_io import build_visit, read_profile_file
from clinic_prep.write.output import write_atomic

SAMPLES = Path(__file__).resolve().parent
PROFILES = SAMPLES / "profiles"
PACKS = SAMPLES / "packs"
IMAGES = SAMPLES / "images"
# (sample, first page, last page) drawn as page images.
PAGE_IMAGES = [
    ("newly-diagnosed-infant", 1, 4),
    ("newly-diagnosed-infant", 12, 12),
    ("large-print-fillable", 1, 4),
    ("large-print-fillable", 15, 15),
    ("teen-transition-self", 1, 1),
    ("clinic-handout", 1, 1),
    ("review-form", 1, 1),
    ("review-form", 10, 10),
]
FIXED_TODAY = date(2026, 11, 23)
CLINIC = SAMPLES / "clinic" / "clinic.yaml"


def build_samples() -> dict[str, bytes]:
    """File name -> content for every sample output."""
    outputs = {}
    for profile_path in sorted(PROFILES.glob("*.yaml")):
        profile, record = build_visit(read_profile_file(profile_path), {})
        for fmt in OutputFormat:
            result = api.build(profile, fmt, FIXED_TODAY, record=record)
            outputs[f"{profile_path.stem}.{fmt.value}"] = result.data
    return outputs


def pictured_only() -> dict[str, bytes]:
    """The PDFs drawn for the README but not kept as samples: a handout for the sample clinic
    (a nurse's copy, questions only) and the clinician's review form of the whole bank."""
    from clinic_prep.intake.clinic_info import RunSettings, load_clinic_info
    from clinic_prep.intake.profile import Profile

    clinic, folders = load_clinic_info(CLINIC)
    settings = RunSettings(clinic=clinic, overlays=folders, handout=True)
    handout = Profile.model_validate(
        {"situations": ["awaiting-result"], "clinics": ["genetics"], "sections": "questions"}
    )
    built = api.build(handout, OutputFormat.PDF, FIXED_TODAY, settings)
    review, _pack = api.make_review(api.default_bank(), OutputFormat.PDF)
    return {"clinic-handout.pdf": built.data, "review-form.pdf": review.data}


def draw_page_images(packs: Path = PACKS, images: Path = IMAGES) -> None:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (Debian package poppler-utils): page images not redrawn")
        return
    images.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as made:
        for name, data in pictured_only().items():
            (Path(made) / name).write_bytes(data)
        for stem, first, last in PAGE_IMAGES:
            folder = Path(made) if (Path(made) / f"{stem}.pdf").exists() else packs
            _draw(folder / f"{stem}.pdf", stem, first, last, images)


def _draw(pdf: Path, stem: str, first: int, last: int, images: Path) -> None:
    """Pages ``first`` to ``last`` of ``pdf`` as ``<stem>-page-<n>.png``, at 60 dpi."""
    with tempfile.TemporaryDirectory() as work:
        command = ["pdftoppm", "-png", "-r", "60", "-f", str(first), "-l", str(last)]
        subprocess.run([*command, str(pdf), f"{work}/page"], check=True)
        for number, page in enumerate(sorted(Path(work).glob("page-*.png")), start=first):
            target = images / f"{stem}-page-{number}.png"
            write_atomic(target, page.read_bytes(), overwrite=True)
            print(f"wrote {target}")


def main() -> int:
    if problems := check_content(content_dir()):
        print(f"{problems[0]} (run 'clinic-prep content check')", file=sys.stderr)
        return 1
    PACKS.mkdir(exist_ok=True)
    for name, data in build_samples().items():
        write_atomic(PACKS / name, data, overwrite=True)
        print(f"wrote samples/packs/{name}")
    draw_page_images()
    return 0


if __name__ == "__main__":
    sys.exit(main())

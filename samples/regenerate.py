"""Regenerate the sample packs from the sample profiles.

    python samples/regenerate.py

It refuses content that does not pass every check (as `clinic-prep content check`).
Each profile in samples/profiles/ gives a PDF, an HTML, a plain-text and a JSON rendering in
samples/packs/. The date is fixed, so the output only changes when the code or content does;
tests/test_samples.py fails when the committed packs are stale. Where poppler's pdftoppm is
installed, it also draws the first pages of a standard and a large-print pack into
samples/images/, for the README.
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
PAGE_IMAGES = [("newly-diagnosed-infant", 1, 4), ("large-print-fillable", 1, 4)]
FIXED_TODAY = date(2026, 11, 23)


def build_samples() -> dict[str, bytes]:
    """File name -> content for every sample output."""
    outputs = {}
    for profile_path in sorted(PROFILES.glob("*.yaml")):
        profile, record = build_visit(read_profile_file(profile_path), {})
        for fmt in OutputFormat:
            result = api.build(profile, fmt, FIXED_TODAY, record=record)
            outputs[f"{profile_path.stem}.{fmt.value}"] = result.data
    return outputs


def draw_page_images(packs: Path = PACKS, images: Path = IMAGES) -> None:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (Debian package poppler-utils): page images not redrawn")
        return
    images.mkdir(exist_ok=True)
    for stem, first, last in PAGE_IMAGES:
        with tempfile.TemporaryDirectory() as work:
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    str(first),
                    "-l",
                    str(last),
                    str(packs / f"{stem}.pdf"),
                    f"{work}/page",
                ],
                check=True,
            )
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

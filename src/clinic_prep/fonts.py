"""Where the typefaces come from: font *packages*, never the machine's own fonts.

Atkinson Hyperlegible was designed with the Braille Institute for readers with low vision.
It is installed as a Python package dependency, so every machine renders packs the same way.
"""

from dataclasses import dataclass
from pathlib import Path

import fontpkg

from clinic_prep.errors import ClinicPrepError

FAMILY = "Atkinson Hyperlegible"


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path


def body_font_files() -> FontFiles:
    try:
        return FontFiles(
            regular=fontpkg.path(FAMILY, weight=400),
            bold=fontpkg.path(FAMILY, weight=700),
        )
    except fontpkg.FontpkgError as exc:
        raise ClinicPrepError(
            f"the font package for {FAMILY} is missing ({exc.__class__.__name__}); "
            "reinstall clinic-prep"
        ) from None

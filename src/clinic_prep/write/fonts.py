"""Where the typefaces come from: font *packages*, never the machine's own fonts.

Atkinson Hyperlegible was designed with the Braille Institute for readers with low vision; it
covers Latin scripts. Fira Sans, a clear humanist sans with real bold, covers what Atkinson
lacks (Greek, Cyrillic, Vietnamese, more Latin), so names in those scripts print, not boxes.
Both are installed as Python package dependencies, so every machine renders packs the same way.
"""

from dataclasses import dataclass
from pathlib import Path

import fontpkg

from clinic_prep.core.errors import ClinicPrepError

BODY_FAMILY = "Atkinson Hyperlegible"
FALLBACK_FAMILY = "Fira Sans"


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path


def _files(family: str) -> FontFiles:
    try:
        return FontFiles(
            regular=fontpkg.path(family, weight=400), bold=fontpkg.path(family, weight=700)
        )
    except fontpkg.FontpkgError as exc:
        raise ClinicPrepError(
            f"the font package for {family} is missing ({exc.__class__.__name__}); "
            "reinstall clinic-prep"
        ) from None


def body_font_files() -> FontFiles:
    return _files(BODY_FAMILY)


def fallback_font_files() -> FontFiles:
    return _files(FALLBACK_FAMILY)

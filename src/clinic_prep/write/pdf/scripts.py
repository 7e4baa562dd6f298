"""Typefaces and scripts: register the fonts once, and set each run of text in a typeface that
has its letters.

Atkinson Hyperlegible for Latin scripts; Fira Sans for what it lacks (Greek, Cyrillic,
Vietnamese, more Latin). A character neither has is refused with a clear error, never printed
as an empty box.
"""

import functools
import re
import unicodedata
from html import escape
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from clinic_prep.core.errors import InputError
from clinic_prep.core.text import TRAILING_PUNCTUATION, WEB_ADDRESS
from clinic_prep.write.fonts import body_font_files, fallback_font_files

REGULAR = "AtkinsonHyperlegible"
BOLD = "AtkinsonHyperlegible-Bold"
FALLBACK = "FiraSans"
FALLBACK_BOLD = "FiraSans-Bold"
NO_BREAK = "\u00a0"
OTHER_SPACE = re.compile(r"[^\S \u00a0]")  # whitespace but a space or a no-break space
# An address printed anywhere is a live link: web addresses open, email addresses write to.
LINKED_ADDRESS = re.compile(
    WEB_ADDRESS.pattern + r"|(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)


# -- fonts and scripts ------------------------------------------------------------------------


class _Coverage:
    """The characters each typeface can draw. The fallback (a large font, read in full when
    registered) is only read when a text holds a character the body typeface lacks: most
    packs never need it, and reading it cost every run a few hundredths of a second."""

    def __init__(self, main: frozenset[int]) -> None:
        self.main = main

    @functools.cached_property
    def fallback(self) -> frozenset[int]:
        return _register_fallback()


def _to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """The map from a font subset's codes to the characters they draw, which is how a screen
    reader or a copy-and-paste gets text from a PDF. reportlab's own maps the codes a subset
    leaves unused to U+0000, which PDF/UA forbids; this one leaves them out, and writes at
    most 100 entries a block, as the PDF reference asks."""
    used = [(code, char) for code, char in enumerate(subset) if char]
    blocks = []
    for start in range(0, len(used), 100):
        chunk = used[start : start + 100]
        blocks += [f"{len(chunk)} beginbfchar"]
        blocks += [f"<{code:02X}> <{char:04X}>" for code, char in chunk]
        blocks += ["endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({font_name})",
            f"/Ordering ({font_name})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{font_name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _register(faces: dict[str, Path], family: str, bold: str) -> frozenset[int]:
    """Register a regular and bold face as one family; the characters both can draw."""
    for name, path in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # No italic faces on purpose: italics are hard to read with low vision.
    pdfmetrics.registerFontFamily(family, normal=family, bold=bold, italic=family, boldItalic=bold)
    maps = [frozenset(pdfmetrics.getFont(name).face.charToGlyph) for name in faces]
    return frozenset.intersection(*maps)


def _register_fallback() -> frozenset[int]:
    fallback = fallback_font_files()
    faces = {FALLBACK: fallback.regular, FALLBACK_BOLD: fallback.bold}
    return _register(faces, FALLBACK, FALLBACK_BOLD)


@functools.cache
def register_fonts() -> _Coverage:
    """Register the body typeface once per process and learn which characters it can draw
    (the fallback typeface registers itself the first time it is needed)."""
    # reportlab looks the function up when it writes a font, so this replaces it there.
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    body = body_font_files()
    return _Coverage(_register({REGULAR: body.regular, BOLD: body.bold}, REGULAR, BOLD))


def text_runs(text: str) -> list[tuple[bool, str]]:
    """Split text into (uses_fallback, run) pieces; spaces stay with the run they are in."""
    coverage = register_fonts()
    runs: list[tuple[bool, str]] = []
    # Any other kind of space (ideographic, thin...) prints as a plain space, never as a box;
    # a no-break space stays, so that a phone number is never broken across lines.
    text = OTHER_SPACE.sub(" ", text)
    if coverage.main.issuperset(map(ord, text)):  # nearly every text: one run, no fallback
        return [(False, text)] if text else []
    for char in text:
        code = ord(char)
        if code in coverage.main or char.isspace():
            fallback = runs[-1][0] if (char.isspace() and runs) else False
        elif code in coverage.fallback:
            fallback = True
        else:
            raise InputError(f"character {unprintable_label(char)} cannot be printed")
        if runs and runs[-1][0] == fallback:
            runs[-1] = (fallback, runs[-1][1] + char)
        else:
            runs.append((fallback, char))
    return runs


# Writing systems named in words, by the first word of their letters' Unicode names.
_SCRIPT_NAMES = {
    "CJK": "Chinese, Japanese or Korean",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
}


def unprintable_label(char: str) -> str:
    return f"U+{ord(char):04X}"


def script_of(char: str) -> str | None:
    """The writing system a letter belongs to, in words ("Arabic"), or None for a symbol."""
    if not unicodedata.category(char).startswith(("L", "M")):
        return None
    first = unicodedata.name(char, "").split(" ")[0]
    if not first:
        return None
    return _SCRIPT_NAMES.get(first, first.capitalize())


def cannot_print(missing: list[str]) -> str:
    """Why text cannot be printed, in words a family or a nurse can act on."""
    scripts = sorted({script for char in missing if (script := script_of(char))})
    if len(scripts) == 1 and all(script_of(char) for char in missing):
        return f"{scripts[0]} script cannot be printed yet; please write it in Latin letters"
    return (
        "has characters that cannot be printed (such as an emoji or a rare symbol: "
        f"{', '.join(unprintable_label(char) for char in missing[:3])}); please remove them"
    )


def unprintable_characters(text: str) -> list[str]:
    """Characters in ``text`` that no shipped typeface can draw (they would print as boxes)."""
    coverage = register_fonts()
    return [
        char
        for char in dict.fromkeys(text)
        if not char.isspace()
        and ord(char) not in coverage.main
        and ord(char) not in coverage.fallback
    ]


def _set_in_typefaces(text: str, bold: bool) -> str:
    face = FALLBACK_BOLD if bold else FALLBACK
    return "".join(
        f'<font face="{face}">{escape(run, quote=False)}</font>'
        if fallback
        else escape(run, quote=False)
        for fallback, run in text_runs(text)
    )


def markup(text: str, bold: bool) -> str:
    """Paragraph markup for plain text: escaped, so user text is never markup, with runs the
    main typeface lacks set in the fallback typeface, and every web or email address a live
    link."""
    pieces = []
    start = 0
    for found in LINKED_ADDRESS.finditer(text):
        address = found.group().rstrip(TRAILING_PUNCTUATION)
        target = f"mailto:{address}" if found.group("email") else address
        end = found.start() + len(address)
        pieces.append(_set_in_typefaces(text[start : found.start()], bold))
        pieces.append(f'<a href="{escape(target)}">{_set_in_typefaces(address, bold)}</a>')
        start = end
    pieces.append(_set_in_typefaces(text[start:], bold))
    return "".join(pieces)


def draw_runs(canvas: Canvas, x: float, y: float, text: str, bold: bool, size: float) -> float:
    """Draw text on the canvas with font fallback; returns the width drawn."""
    start = x
    for fallback, run in text_runs(text):
        font = (FALLBACK_BOLD if bold else FALLBACK) if fallback else (BOLD if bold else REGULAR)
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, font, size)
    return x - start


def runs_width(text: str, bold: bool, size: float) -> float:
    return float(
        sum(
            pdfmetrics.stringWidth(
                run,
                (FALLBACK_BOLD if bold else FALLBACK) if fb else (BOLD if bold else REGULAR),
                size,
            )
            for fb, run in text_runs(text)
        )
    )

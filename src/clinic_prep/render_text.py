"""Plain linear text of a Pack, for screen readers, braille displays and text-to-speech."""

from clinic_prep.pack import Pack
from clinic_prep.templating import render

TEXT_TEMPLATE = "pack.txt.j2"


def render_text(pack: Pack) -> str:
    """The whole pack as plain text with lines of at most 80 characters."""
    return render(TEXT_TEMPLATE, pack=pack)

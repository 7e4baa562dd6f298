"""The PDF renderers: the only place reportlab is used.

``scripts`` sets text in typefaces that have its letters; ``page`` holds what every page
shares; ``pack_pdf`` lays out a pack (a family's, or the review sheet printed across the page).
"""

from clinic_prep.write.pdf.pack_pdf import render_pdf, render_pdf_counted
from clinic_prep.write.pdf.scripts import cannot_print, unprintable_characters, unprintable_label

__all__ = [
    "cannot_print",
    "render_pdf",
    "render_pdf_counted",
    "unprintable_characters",
    "unprintable_label",
]

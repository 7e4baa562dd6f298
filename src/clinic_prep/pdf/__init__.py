"""The PDF renderers: the only place reportlab is used.

``scripts`` sets text in typefaces that have its letters; ``page`` holds what every page
shares; ``pack_pdf`` lays out a pack; ``review_pdf`` lays out the content review sheet.
"""

from clinic_prep.pdf.pack_pdf import render_pdf, render_pdf_counted
from clinic_prep.pdf.review_pdf import render_review_pdf
from clinic_prep.pdf.scripts import unprintable_characters, unprintable_label

__all__ = [
    "render_pdf",
    "render_pdf_counted",
    "render_review_pdf",
    "unprintable_characters",
    "unprintable_label",
]

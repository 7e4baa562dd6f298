"""The PDF renderers: the only place reportlab is used.

``scripts`` sets text in typefaces that have its letters; ``page`` holds what every page
shares; ``pack_pdf`` lays out a pack; ``review_pdf`` lays out the content review sheet.
"""

from typing import TYPE_CHECKING, Any

from clinic_prep.write.pdf.pack_pdf import render_pdf, render_pdf_counted
from clinic_prep.write.pdf.scripts import cannot_print, unprintable_characters, unprintable_label

if TYPE_CHECKING:
    from clinic_prep.write.pdf.review_pdf import render_review_pdf


def __getattr__(name: str) -> Any:
    """The review sheet's layout (and the readability checks it imports) loads only when a
    review sheet is asked for: making a pack never needs it."""
    if name == "render_review_pdf":
        from clinic_prep.write.pdf.review_pdf import render_review_pdf

        return render_review_pdf
    raise AttributeError(name)


__all__ = [
    "cannot_print",
    "render_pdf",
    "render_pdf_counted",
    "render_review_pdf",
    "unprintable_characters",
    "unprintable_label",
]

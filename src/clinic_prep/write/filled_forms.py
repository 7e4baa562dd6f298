"""Whether a PDF holds answers someone typed into its form fields, so that writing a new pack
over it never loses them unasked.

Only files that look like PDFs are opened, and only their form fields are read; pypdf is
imported here, when an existing file is about to be replaced, never at start-up.
"""

from pathlib import Path
from typing import Any

from clinic_prep.core.errors import InputError
from clinic_prep.core.reading import open_regular

# A checkbox that is not ticked holds /Off; an empty text field holds "" or nothing.
_EMPTY = {"", "/Off", "Off"}


def _has_value(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return any(_has_value(item) for item in value)
    return value is not None and str(value).strip() not in _EMPTY


def holds_typed_answers(path: Path) -> bool:
    """True if ``path`` is a PDF with a filled-in form field (or one too locked to look at).

    A file that is not a PDF, or that cannot be read as one, holds no answers we could keep.
    """
    try:
        # Regular files only: opening a FIFO would wait for a writer forever, and a device is
        # refused by the writer anyway.
        with open_regular(path) as stream:
            if stream.read(5) != b"%PDF-":
                return False
            rest = stream.read()
    except (OSError, InputError):
        return False
    # A form is named in the document catalog, as plain text unless the catalog sits in a
    # compressed object stream; with neither, there is no form (and no need to load pypdf).
    if b"/AcroForm" not in rest and b"/ObjStm" not in rest:
        return False
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return True  # locked with a password: it may hold answers, so do not guess
        fields = reader.get_fields() or {}
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        return False
    return any(_has_value(field.get("/V")) for field in fields.values())

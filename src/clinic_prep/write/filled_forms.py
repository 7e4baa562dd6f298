"""Whether a PDF holds answers someone typed into its form fields, so that writing a new pack
over it never loses them unasked.

Only files that look like PDFs are opened, and only their form fields are read; pypdf is
imported here, when an existing file is about to be replaced, never at start-up.
"""

import re
from pathlib import Path
from typing import Any

from clinic_prep.core.errors import InputError
from clinic_prep.core.pdf_reading import pdf_reader, quiet_pypdf
from clinic_prep.core.reading import open_regular

# A checkbox that is not ticked holds /Off; an empty text field holds "" or nothing.
_EMPTY = {"", "/Off", "Off"}


def _has_value(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return any(_has_value(item) for item in value)
    return value is not None and str(value).strip() not in _EMPTY


# Viewers accept a file whose "%PDF-" comes after a few stray bytes (a byte-order mark or a
# line break added by a mail program), as the PDF standard allows, within the first 1024.
_HEADER_WITHIN = 1024
# A field's value written out in the file: text in brackets or hex, or a ticked box's name.
_RAW_VALUE = re.compile(rb"/V\s*(?:\((?!\))|<(?!>)|/(?!Off\b)[A-Za-z0-9])")


def holds_typed_answers(path: Path) -> bool:
    """True if ``path`` is a PDF with a filled-in form field, or one that may hold answers and
    cannot be looked into (locked with a password, or damaged but still with a form).

    A file that is not a PDF holds no answers we could keep.
    """
    try:
        # Regular files only: opening a FIFO would wait for a writer forever, and a device is
        # refused by the writer anyway.
        with open_regular(path) as stream:
            # The head first: a file that is not a PDF (a manifest, a text pack) is not read on.
            head = stream.read(_HEADER_WITHIN + 5)
            start = head.find(b"%PDF-")
            if start < 0:
                return False
            rest = head[start:] + stream.read()
    except (OSError, InputError):
        return False
    # A form is named in the document catalog, as plain text unless the catalog sits in a
    # compressed object stream; with neither, there is no form (and no need to load pypdf).
    if b"/AcroForm" not in rest and b"/ObjStm" not in rest:
        return False
    return _fields_filled(rest)


def _fields_filled(pdf: bytes) -> bool:
    # Loaded only when an existing form is about to be replaced: never at start-up.
    from pypdf.errors import PyPdfError

    with quiet_pypdf():
        try:
            reader = pdf_reader(pdf)
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):
                        return True  # locked with a password: do not guess
                except Exception:
                    return True  # a cipher we cannot open here: it may hold answers
            fields = reader.get_fields() or {}
        except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
            # Damaged, though a viewer may still open it: look for a value in the bytes.
            return _RAW_VALUE.search(pdf) is not None
    return any(_has_value(field.get("/V")) for field in fields.values())

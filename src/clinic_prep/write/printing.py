"""Join PDFs into one file for double-sided printing: each document starts on a right-hand
(odd-numbered) page, so no two families' pages share a sheet of paper."""

import io
from collections.abc import Iterable

import pypdf


def concatenate_for_duplex(documents: Iterable[bytes], title: str) -> tuple[bytes, int]:
    """The documents one after another, each padded to an even page count with a blank page.
    Returns the joined PDF and its number of pages."""
    writer = pypdf.PdfWriter()
    for document in documents:
        reader = pypdf.PdfReader(io.BytesIO(document))
        for page in reader.pages:
            writer.add_page(page)
        if len(reader.pages) % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(width=float(box.width), height=float(box.height))
    writer.add_metadata({"/Title": title, "/Producer": "clinic-prep"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), len(writer.pages)

"""Opening a PDF that someone else's program may have saved, without pypdf's repair notes on
the user's screen. pypdf is imported here, only when a PDF is read, never at start-up."""

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdf


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf reports what it repairs on its logger and as warnings: not for the user."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def pdf_reader(data: bytes) -> "pypdf.PdfReader":
    """A reader for ``data`` that tolerates small faults, as viewers do. Raises pypdf's errors
    (or OSError, ValueError...) for a file it cannot read at all; call inside quiet_pypdf."""
    import pypdf

    return pypdf.PdfReader(io.BytesIO(data), strict=False)

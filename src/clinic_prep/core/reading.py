"""Open the files a user names for reading: regular files only, and never more than a cap.

A profile path can be a device (``/dev/zero`` never ends), a FIFO (opening it waits for a
writer that never comes) or a planted link; reading one must fail in one line, not run out of
memory or hang. The checks are made on the opened file, so nothing can be swapped in between.
"""

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from clinic_prep.core.errors import InputError


def open_regular(path: Path, *, follow_links: bool = True) -> BinaryIO:
    """Open ``path`` for reading in binary mode if it is a regular file."""
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= os.O_NOFOLLOW
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise InputError(f"{path}: a link, which is never followed here") from None
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise InputError(f"{path}: {kind}; expected a file")
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def read_capped(path: Path, limit: int, what: str) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes."""
    with open_regular(path) as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(data) > limit:
        raise InputError(f"{path}: larger than {limit:,} bytes, the limit for {what}")
    return data

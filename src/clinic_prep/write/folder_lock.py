"""One batch run at a time in an output folder.

A second run into the same folder would treat the first run's half-written packs as stale and
delete them. The lock is a small file holding the running process's id, locked with
``flock`` (released by the system however the process ends, even when killed) and removed when
the run ends.
"""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clinic_prep.core.errors import InputError, OutputError

LOCK_FILE = ".clinic-prep.lock"


@contextmanager
def locked_folder(folder: Path) -> Iterator[int]:
    """Hold the folder's lock for the duration of the block, or refuse in one line. Yields
    the lock's descriptor, for processes started in the block to close."""
    path = folder / LOCK_FILE
    while True:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 16, 0).decode("ascii", "replace").strip()
            os.close(descriptor)
            process = f"process {holder}" if holder.isdigit() else "another process"
            raise InputError(
                f"{folder}: another batch run ({process}) is writing to this folder; "
                "wait for it to finish"
            ) from None
        # The run that held the lock may have removed the file just before we locked it;
        # then lock the file that is there now, or two runs could each hold a lock.
        try:
            current = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            current = None
        opened = os.fstat(descriptor)
        if current is not None and (current.st_dev, current.st_ino) == (
            opened.st_dev,
            opened.st_ino,
        ):
            break
        os.close(descriptor)
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield descriptor
    finally:
        path.unlink(missing_ok=True)
        os.close(descriptor)

"""Write results to disk atomically: a temporary file in the same folder, then a rename.

A reader never sees a half-written file under the final name, and an interrupted run leaves
at most a hidden temporary file, never a truncated pack. Links are never written through:
the rename replaces a link itself, and appends refuse one, so a link planted in an output
folder cannot send a family's details elsewhere.
"""

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from clinic_prep.core.errors import NameTaken, OutputError
from clinic_prep.write.filled_forms import holds_typed_answers


def _mode_for(path: Path) -> int:
    """Permissions for the file about to be written at ``path``: those of the file it
    replaces, or the usual ones for a new file (0666 less the umask, often 0644)."""
    try:
        existing = os.stat(path)  # through a link: what the user sees as that file
    except (FileNotFoundError, NotADirectoryError):
        return 0o666 & ~_current_umask()
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
    if not stat.S_ISREG(existing.st_mode):
        # A device, FIFO or socket: replacing it would destroy it (as root, /dev/full).
        raise OutputError(f"{path}: not a regular file; use '-' for standard output")
    return stat.S_IMODE(existing.st_mode) & 0o777


def write_atomic(
    path: Path,
    data: bytes,
    *,
    overwrite: bool,
    replace_answers: bool = False,
    private: bool = False,
) -> Path:
    """Write ``data`` to ``path``. Without ``overwrite``, an existing file is left untouched;
    with it, the file it replaces keeps its permissions, but a PDF form holding answers someone
    typed into it is never replaced unless ``replace_answers`` (the user's --force): every
    command that writes a file goes through here, so none can lose them unasked. A
    ``private`` file (a family's record) is readable by its owner only, whatever it replaces."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if overwrite and not replace_answers and holds_typed_answers(path):
        raise OutputError(
            f"{path}: this PDF has answers typed into it, so it was left as it is; "
            "move it away or choose another name"
        )
    mode = _mode_for(path)
    if private:
        mode = 0o600
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".clinic-prep-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder} ({exc.strerror})") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            # mkstemp makes the file private (0600): it stays so until it is published, so a
            # run stopped half-way never leaves a copy others can read.
            os.fchmod(stream.fileno(), mode)
        if overwrite:
            os.replace(temp, path)
        else:
            _publish_new(temp, path)
    except FileExistsError:
        raise NameTaken(f"{path}: already exists; choose another name") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return path


# Errors of a file system that has no hard links (FAT and exFAT, as on most USB sticks).
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})


def _publish_new(temp: Path, path: Path) -> None:
    """Give the finished file its name, never replacing a file of that name. link() fails if
    the name exists, so no file that appeared meanwhile is replaced. Where the file system has
    no hard links, the name is first claimed with an exclusive create, which fails the same
    way, and the finished file then takes its place."""
    try:
        os.link(temp, path)
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
        os.replace(temp, path)


def open_for_append(path: Path) -> BinaryIO:
    """Open a file of our own in an output folder for appending, creating it private to the
    user. A link or anything but a regular file there is refused, never followed."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        descriptor = os.open(path, flags, 0o600)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise OutputError(f"{path}: not a regular file")
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "ab")


def write_stdout(data: bytes) -> None:
    """Write to standard output; a closed pipe or a full device is one clear error."""
    if sys.stdout is None:  # started with standard output closed
        raise OutputError("standard output: is closed; name a file with -o")
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        # Python flushes standard output again on exit and would print a second error;
        # point it at nothing first.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise OutputError(f"standard output: cannot be written ({exc.strerror})") from None


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def first_free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``stem.suffix``, or ``stem-2.suffix``, ``stem-3.suffix``... whichever does not exist yet."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate

"""Write results to disk atomically: a temporary file in the same folder, then a rename.

A reader never sees a half-written file under the final name, and an interrupted run leaves
at most a hidden temporary file, never a truncated pack.
"""

import contextlib
import os
import tempfile
from pathlib import Path

from clinic_prep.errors import OutputError


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> Path:
    """Write ``data`` to ``path``. Without ``overwrite``, an existing file is left untouched."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".clinic-prep-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder} ({exc.strerror})") from None
    temp = Path(temp_name)
    try:
        # mkstemp makes the file private (0600); give the result the usual permissions.
        os.chmod(temp, 0o666 & ~_current_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            # link() fails if the name exists, so there is no window in which a file that
            # appeared meanwhile could be replaced.
            os.link(temp, path)
    except FileExistsError:
        raise OutputError(f"{path}: already exists; choose another name") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return path


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

"""Where results are written: a replaced file keeps its permissions, a device or FIFO is never
replaced, and standard output that cannot take the result is one clear line."""

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinic_prep import api, cli

runner = CliRunner()
GENERATE = ["generate", "-s", "siblings"]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_file_replaced_with_o_keeps_its_permissions(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"an older pack")
    target.chmod(mode)
    result = runner.invoke(cli.app, [*GENERATE, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes()[:5] == b"%PDF-"
    assert target.stat().st_mode & 0o777 == mode


def _generate_with_umask(target: Path, mask: int) -> None:
    old_mask = os.umask(mask)
    try:
        result = runner.invoke(cli.app, [*GENERATE, "-o", str(target)])
    finally:
        os.umask(old_mask)
    assert result.exit_code == 0, result.stderr


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    _generate_with_umask(tmp_path / "pack.pdf", 0o027)
    assert (tmp_path / "pack.pdf").stat().st_mode & 0o777 == 0o640


def test_a_file_stays_private_until_it_is_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the pack is being written (a stop then would leave it behind), only the user can
    read it; it takes the usual permissions as it takes its name."""
    seen: list[int] = []
    real_fsync = os.fsync

    def fsync_and_look(fd: int) -> None:
        seen.append(os.fstat(fd).st_mode & 0o777)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_and_look)
    _generate_with_umask(tmp_path / "pack.pdf", 0o022)
    assert seen == [0o600]
    assert (tmp_path / "pack.pdf").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("kind", ["fifo", "link to a device"])
def test_o_to_something_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/null")
    result = runner.invoke(cli.app, [*GENERATE, "-f", "txt", "-o", str(target)])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip() == (
        f"clinic-prep: error: {target}: not a regular file; use '-' for standard output"
    )
    assert target.is_fifo() if kind == "fifo" else target.is_symlink()
    assert os.listdir(tmp_path) == ["target"]


def _to_stdout(stdout: int | object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "clinic_prep", *GENERATE, "-f", "txt", "-o", "-"],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        timeout=60,
    )


def test_standard_output_to_a_full_device_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        result = _to_stdout(full)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "clinic-prep: error: standard output: cannot be written (No space left on device)"
    )


def test_standard_output_closed_at_start_is_one_line() -> None:
    """Started with no standard output at all (``>&-``, or a service with none)."""
    result = subprocess.run(
        [sys.executable, "-m", "clinic_prep", *GENERATE, "-f", "txt", "-o", "-"],
        stderr=subprocess.PIPE,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "clinic-prep: error: standard output: is closed; name a file with -o"
    )


def test_standard_output_to_a_closed_pipe_is_one_line() -> None:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = _to_stdout(writer)
    finally:
        os.close(writer)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "clinic-prep: error: standard output: cannot be written (Broken pipe)"
    )


def test_ctrl_c_during_a_command_is_one_line_and_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "build", interrupted)
    result = runner.invoke(cli.app, [*GENERATE, "-o", str(tmp_path / "pack.pdf")])
    assert result.exit_code == 130
    assert result.stderr == "clinic-prep: error: interrupted; no file is left half-written\n"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_mid_write_leaves_no_copy_behind(tmp_path: Path, signum: int) -> None:
    """SIGTERM (a timeout, systemd) or SIGHUP (a closed terminal) while the pack is being
    written: one line, exit 128 + the signal, and no file left, not even the hidden copy
    being written. The signal is sent from inside the write (a sitecustomize that wraps
    fsync), so it lands there every time."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os, signal\n"
        "_fsync = os.fsync\n"
        "def fsync(fd):\n"
        f"    os.kill(os.getpid(), {int(signum)})\n"
        "    _fsync(fd)\n"
        "os.fsync = fsync\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "clinic_prep", *GENERATE, "-o", str(out / "pack.pdf")],
        env={**os.environ, "PYTHONPATH": str(hook)},
        stderr=subprocess.PIPE,
        timeout=60,
    )
    assert result.returncode == 128 + signum
    assert (
        result.stderr.decode() == "clinic-prep: error: interrupted; no file is left half-written\n"
    )
    assert os.listdir(out) == []


def test_an_interruption_at_a_terminal_starts_on_a_line_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The terminal has echoed "^C" where the cursor was; the message must not be glued to
    it. Piped or captured, the line is unchanged."""
    import importlib

    cli_app = importlib.import_module("clinic_prep.cli.app")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, expected in ((Terminal(), "\n"), (io.StringIO(), "")):
        monkeypatch.setattr(sys, "stderr", stream)
        with pytest.raises(SystemExit):
            cli_app._fail(cli_app.INTERRUPTED, 130)
        assert stream.getvalue() == f"{expected}clinic-prep: error: {cli_app.INTERRUPTED}\n"


def test_a_new_pack_is_published_where_there_are_no_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and exFAT (most USB sticks) have no hard links: the pack still gets a name of its
    own, and still never replaces a file (generate without -o failed there)."""
    import errno

    def no_links(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        result = runner.invoke(cli.app, GENERATE)
        assert result.exit_code == 0, result.stderr
    made = sorted(name for name in os.listdir(tmp_path) if name.endswith(".pdf"))
    assert len(made) == 2
    assert all((tmp_path / name).read_bytes()[:5] == b"%PDF-" for name in made)
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_a_default_name_taken_meanwhile_by_another_run_moves_to_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs in one folder: the name that was free when looked at is taken before the pack
    is published; the pack takes the next free name, and the other run's file is untouched."""
    from clinic_prep.cli import shared

    real = shared.first_free_name
    calls: list[Path] = []

    def taken_meanwhile(folder: Path, stem: str, suffix: str) -> Path:
        name = real(folder, stem, suffix)
        if not calls:
            name.write_bytes(b"the other run's pack")  # it gets there first
        calls.append(name)
        return name

    monkeypatch.setattr(shared, "first_free_name", taken_meanwhile)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli.app, GENERATE)
    assert result.exit_code == 0, result.stderr
    first, second = calls
    assert first.read_bytes() == b"the other run's pack"
    assert second != first and second.read_bytes()[:5] == b"%PDF-"

"""Allow ``python -m clinic_prep``, and the ``clinic-prep`` command."""

import signal
import sys

from clinic_prep.startup import hold_collection, no_validation_plugins


def _stop(signum: int, _frame: object) -> None:
    from clinic_prep.core.errors import Interrupted

    raise Interrupted(signum)


def main() -> None:
    """Entry point. Importing the CLI takes a moment; Ctrl-C during it is one line too.

    SIGTERM and SIGHUP (a closed terminal, a timeout, systemd) stop a command as Ctrl-C does:
    a file being written is removed, never left behind, and one line says so (exit code 128 +
    the signal's number). A batch sets its own handlers, to finish the packs in hand."""
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _stop)
    no_validation_plugins()  # before anything is validated (see startup.py)
    hold_collection()  # until the command has imported what it needs (see startup.py)
    try:
        from clinic_prep.cli import run
    except KeyboardInterrupt:
        sys.stderr.write("clinic-prep: error: interrupted; no file is left half-written\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()

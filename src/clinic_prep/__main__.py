"""Allow ``python -m clinic_prep``, and the ``clinic-prep`` command."""

import sys

from clinic_prep.startup import hold_collection, no_validation_plugins


def main() -> None:
    """Entry point. Importing the CLI takes a moment; Ctrl-C during it is one line too."""
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

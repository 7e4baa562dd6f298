"""The typer application, and the one place where errors become a line and an exit code.

Every expected error becomes one line on stderr and exit code 2; anything unexpected becomes
one line and exit code 1, never a traceback (tracebacks show local variables, and those hold
families' details). Set CLINIC_PREP_DEBUG=1 to see it.
"""

import os
import sys
from typing import Annotated, Any

import typer

from clinic_prep import __version__
from clinic_prep.core.errors import ClinicPrepError, Interrupted, printable

INTERRUPTED = "interrupted; no file is left half-written"


class Stopped(ClinicPrepError):
    """Ctrl-C or another stop signal during a command (typer alone would exit silently)."""

    def __init__(self, signum: int) -> None:
        super().__init__(INTERRUPTED)
        self.exit_code = 128 + signum


class OneLineErrors(typer.core.TyperGroup):
    """Runs the commands and turns every failure into one line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise Stopped(exc.signum if isinstance(exc, Interrupted) else 2) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except typer.Abort:
            _fail(INTERRUPTED, 130)
        except typer.TyperException as exc:
            # Usage errors from the parser: bad flag, bad choice. Always exit 2.
            _fail(exc.format_message(), 2)
        except ClinicPrepError as exc:
            _fail(str(exc), exc.exit_code)
        except Interrupted as exc:
            _fail(INTERRUPTED, 128 + exc.signum)
        except KeyboardInterrupt:
            _fail(INTERRUPTED, 130)
        except Exception as exc:
            if os.environ.get("CLINIC_PREP_DEBUG"):
                raise
            _fail(
                f"unexpected error ({exc.__class__.__name__}); "
                "run again with CLINIC_PREP_DEBUG=1 for details",
                1,
            )
        sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int) -> None:
    # Messages can hold paths and ids from the user's files: never let them act on the
    # terminal (escape sequences) or break the one line.
    # A message may list several problems, one a line; each line is made safe on its own.
    lines = message.replace("Value error, ", "").split("\n")
    # A terminal has just echoed "^C" where the cursor was: start on a line of our own.
    fresh = "\n" if message == INTERRUPTED and sys.stderr.isatty() else ""
    typer.echo(
        fresh
        + "\n".join(["clinic-prep: error: " + printable(lines[0]), *map(printable, lines[1:])]),
        err=True,
    )
    sys.exit(code)


app = typer.Typer(
    cls=OneLineErrors,
    help="Make a printable pack of questions and record sheets for an Alström syndrome "
    "clinic visit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: it starts fast (no rich), and screen readers are not read box drawings.
    rich_markup_mode=None,
)
content_app = typer.Typer(
    help="Work with the question bank in content/.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(content_app, name="content")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clinic-prep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Make a printable pack of questions and record sheets for an Alström syndrome clinic
    visit."""


def run() -> None:
    """Console-script entry point."""
    app()

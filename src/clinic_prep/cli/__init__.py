"""The command line: parse flags or interview the user, call the library, write the result.

No selection or layout happens here; each command calls one or two library functions. Importing
the command modules registers their commands on the one typer application.
"""

from clinic_prep.cli import (
    batch_command,
    card_command,
    content_commands,
    help_format,
    pack_commands,
    record_commands,
    shared,
)
from clinic_prep.cli.app import app, run

__all__ = [
    "app",
    "batch_command",
    "card_command",
    "content_commands",
    "help_format",
    "pack_commands",
    "record_commands",
    "run",
    "shared",
]

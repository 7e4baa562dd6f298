"""One error hierarchy; the CLI maps it to one-line messages and exit codes in one place.

Messages never include what a family typed (names, questions): they name fields, files and
lines, because error output ends up in terminals, logs and support emails.
"""


class ClinicPrepError(Exception):
    """Base for every error the tool expects and can explain in one line."""

    exit_code = 2


class InputError(ClinicPrepError):
    """The user's input (flags, profile file, spreadsheet row) is not valid."""


class ContentError(ClinicPrepError):
    """The question bank or a template in content/ is broken."""


class OutputError(ClinicPrepError):
    """The result could not be written where the user asked."""

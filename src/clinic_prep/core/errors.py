"""One error hierarchy; the CLI maps it to one-line messages and exit codes in one place.

Messages never include what a family typed (names, questions): they name fields, files and
lines, because error output ends up in terminals, logs and support emails.
"""

import unicodedata

# Unicode categories that act on a terminal or a line instead of showing: controls, format
# characters (including direction overrides), line and paragraph separators.
UNPRINTABLE = {"Cc", "Cf", "Zl", "Zp"}


class ClinicPrepError(Exception):
    """Base for every error the tool expects and can explain in one line."""

    exit_code = 2


class InputError(ClinicPrepError):
    """The user's input (flags, profile file, spreadsheet row) is not valid."""


class UnprintableText(InputError):
    """A profile field holds text no shipped typeface can draw. ``field`` is the profile
    field ("first_name", "own_questions"), so the caller can name what the person typed:
    the flag, the file's key or the spreadsheet's column."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


class ContentError(ClinicPrepError):
    """The question bank or a template in content/ is broken."""


class OutputError(ClinicPrepError):
    """The result could not be written where the user asked."""


class NameTaken(OutputError):
    """A file of that name appeared while ours was being written (another run, perhaps)."""


class Interrupted(KeyboardInterrupt):
    """A signal asked the tool to stop (Ctrl-C, SIGTERM, SIGHUP): exit code 128 + its number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def printable(text: str) -> str:
    """``text`` safe to show on one terminal line or in one CSV cell: control and format
    characters (escape sequences, bell, line breaks, direction overrides) become visible
    escapes such as ``\\x1b`` instead of acting on the terminal or forging a line."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in UNPRINTABLE
        else char
        for char in text
    )

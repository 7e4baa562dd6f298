"""Start-up of the ``clinic-prep`` command: keep the garbage collector off what it imports,
and keep other packages' pydantic plugins out.

A run imports typer, pydantic, reportlab and the pack's own models: hundreds of thousands of
objects that live until the process ends. Left alone, the cyclic garbage collector walks all
of them again each time importing, reading the bank or laying out has made enough new objects:
about 200 collections and a tenth of a ``generate``. So the entry point holds collection while
the command line and the command's modules load; once a command has what it needs it moves
everything loaded so far out of the collector's sight (``gc.freeze``) and lets it run again.
What the command makes afterwards is still collected, so a long batch does not grow.

Only the entry point holds collection: the library, the tests and other callers of the
commands never have the collector changed under them.
"""

import gc
import os

_held = False

# pydantic loads any plugin another installed package registers (an entry point) and shows it
# every value validated: here, a family's profile. A plugin that logs or traces could send that
# off the machine, so the command turns them all off. It also spares scanning every installed
# package's metadata at start-up (about 4 ms).
PLUGINS_SETTING = "PYDANTIC_DISABLE_PLUGINS"


def no_validation_plugins() -> None:
    """No pydantic plugin sees what this process validates (entry point only)."""
    os.environ[PLUGINS_SETTING] = "__all__"


def hold_collection() -> None:
    """Pause the cyclic garbage collector until ``modules_loaded`` (entry point only)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def modules_loaded() -> None:
    """The command has imported what it needs: leave those objects out of every later
    collection, and collect again. Does nothing unless ``hold_collection`` paused it."""
    global _held
    if _held:
        _held = False
        # Garbage from importing (about a thousand objects) is frozen too and kept: a few
        # hundred kilobytes, against a collection over everything loaded at every later pass.
        gc.freeze()
        gc.enable()

"""Help that reads well at 80 columns: no Python type names, no value split across lines.

The application uses typer's plain help (``rich_markup_mode=None``): it starts without
importing rich, reflows each paragraph, and a screen reader is not read box drawings. Two
adjustments to typer, made once when the CLI is imported:

- flags and arguments show no type, and options without a metavar a plain word (``FILE``,
  ``FOLDER``, ``N``, ``TEXT``), never a Python type such as ``<bool>`` or ``<list[Path]>``;
- lines are wrapped at spaces only, never after a hyphen, so ``newly-diagnosed`` or a file
  name stays whole.
"""

from pathlib import Path
from typing import Any

from typer import core
from typer._click import _textwrap


def _plain_type(self: core.TyperOption, ctx: Any) -> str | None:
    if self.metavar is not None:
        return self.metavar
    if self.is_flag or self.count:
        return None
    annotation: Any = self.type_descriptor.annotation
    if self.type_descriptor.is_choice:
        return "|".join(str(choice) for choice in self.type_descriptor.choices or ())
    if self.type_descriptor.is_path or annotation is Path:
        return "FOLDER" if self.type_descriptor.path_type == "dir" else "FILE"
    if annotation is int:
        return "N"
    return "TEXT"


def _named_only(self: core.TyperArgument, ctx: Any) -> str | None:
    """An argument is shown by its name (SOURCE); its help says what it takes."""
    return None


_wrapper_init = _textwrap.TextWrapper.__init__


def _whole_words(self: _textwrap.TextWrapper, *args: Any, **kwargs: Any) -> None:
    kwargs["break_on_hyphens"] = False
    _wrapper_init(self, *args, **kwargs)


core.TyperOption.display_type_rich = _plain_type  # type: ignore[method-assign]
core.TyperArgument.display_type_rich = _named_only  # type: ignore[method-assign, assignment]
_textwrap.TextWrapper.__init__ = _whole_words  # type: ignore[method-assign, assignment]

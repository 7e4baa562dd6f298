"""Help that reads well at 80 columns: no Python type names, no line breaks mid-sentence.

Typer shows an option's Python type (``<bool>``, ``<list[Path]>``) unless it has a metavar, and
keeps the line breaks of a docstring's later paragraphs, so a sentence wrapped in the source
breaks in the middle on screen. Small adjustments, made once when the CLI is imported: flags
and arguments show no type, options without a metavar show a plain word (``FILE``, ``N``,
``TEXT``), and lines of a paragraph are joined unless indented (examples keep their lines).
"""

import re
from pathlib import Path
from typing import Any

from typer import core, rich_utils

_INDENTED = re.compile(r"\n(?=\S)")


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


def _joined_paragraphs(paragraphs: list[str], markup_mode: Any) -> str:
    """Join the lines of each paragraph; keep the lines of indented blocks (examples)."""
    return "\n\n".join(
        paragraph if paragraph.startswith((" ", "\b")) else _INDENTED.sub(" ", paragraph)
        for paragraph in paragraphs
    )


def _named_only(self: core.TyperArgument, ctx: Any) -> str | None:
    """An argument is shown by its name (SOURCE); its help says what it takes."""
    return None


core.TyperOption.display_type_rich = _plain_type  # type: ignore[method-assign]
core.TyperArgument.display_type_rich = _named_only  # type: ignore[method-assign, assignment]
rich_utils._fix_linebreaks = _joined_paragraphs

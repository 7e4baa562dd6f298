"""The one place that knows where content/ and templates/ live.

In an installed wheel they are package data under ``clinic_prep/_data`` (hatchling
force-include). In a source checkout (editable install, or tests run from the tree) they are
the top-level folders, where clinicians review them.
"""

from importlib import resources
from pathlib import Path


def _data_dir(name: str) -> Path:
    packaged = resources.files("clinic_prep").joinpath("_data", name)
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[3] / name
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"clinic-prep cannot find its {name}/ folder; reinstall the package")


def content_dir() -> Path:
    """The shipped question bank, sheet definitions and sources."""
    return _data_dir("content")


def templates_dir() -> Path:
    """The jinja2 text templates."""
    return _data_dir("templates")

"""The text templates compiled ahead of time, so that a run does not compile them again.

templates/ stays the one source. Compiling a template (reading its markup and writing the
Python that renders it) takes jinja2 about a millisecond, and a pack uses seven or eight: most
of what making the pack's words costs, and the same every time the template is the same. So
``samples/regenerate.py`` writes that Python, for every template, to
``compiled-templates.json`` beside this module; it is shipped with the package, like the
content parsed ahead, and nothing is written at run time.

A run uses a template's compiled code only while a SHA-256 of what the code depends on
matches: the template as it is now, the jinja2 release (the code calls jinja2's runtime) and
the environment's settings that shape the code (delimiters, trimming, escaping). Change one
character of a template, upgrade jinja2 or change a setting, and it is compiled from its
source, exactly as before. A test checks that both give the same words. Nothing in it
comes from a family.
"""

import functools
import hashlib
import json
from collections.abc import Callable, MutableMapping
from importlib import metadata
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

COMPILED_FILE = Path(__file__).with_name("compiled-templates.json")
FORMAT = 2  # raised when the file's layout changes, so that an older file is never misread


@functools.cache
def jinja2_release() -> str:
    # The module's own attribute where it still has one (read without the deprecation
    # warning jinja2 3.2 adds to it); the installed package's metadata otherwise, which takes
    # a millisecond or two to find.
    release = vars(jinja2).get("__version__")
    if isinstance(release, str):
        return release
    try:
        return metadata.version("jinja2")
    except metadata.PackageNotFoundError:
        return "unknown"


def _key(environment: jinja2.Environment, name: str, source: str) -> str:
    """What the compiled code of ``name`` depends on: its source, the jinja2 release, and the
    environment's settings that shape the code (delimiters, trimming, escaping)."""
    escaping = environment.autoescape
    settings = [
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
        sorted(environment.extensions),
        escaping(name) if callable(escaping) else escaping,
    ]
    described = json.dumps([jinja2_release(), settings, name, source], ensure_ascii=False)
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


def compile_ahead(environment: jinja2.Environment) -> bytes:
    """Every template of ``environment``'s loader compiled by it, as the file to ship. Read
    through the loader, so that the source is exactly what a run's loader will compare."""
    loader = environment.loader
    assert loader is not None
    templates = {}
    for name in loader.list_templates():
        source = loader.get_source(environment, name)[0]
        code = environment.compile(source, name, name, raw=True)
        templates[name] = {"key": _key(environment, name, source), "code": code}
    data = {"format": FORMAT, "jinja2": jinja2_release(), "templates": templates}
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


@functools.cache
def _shipped() -> dict[str, Any]:
    """The compiled templates shipped with the package (empty if unreadable)."""
    try:
        data = json.loads(COMPILED_FILE.read_bytes())
        return dict(data["templates"]) if data["format"] == FORMAT else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _compiled_ahead(
    environment: jinja2.Environment, name: str, source: str, filename: str
) -> CodeType | None:
    """The shipped code of ``name`` if it was compiled from this very source, by this jinja2,
    in an environment set up as this one is; otherwise None."""
    ahead = _shipped().get(name)
    if not isinstance(ahead, dict) or ahead.get("key") != _key(environment, name, source):
        return None
    try:
        return compile(ahead["code"], filename, "exec")
    except (SyntaxError, ValueError, TypeError):
        return None  # a damaged file: compile the template from its source instead


class AheadLoader(jinja2.FileSystemLoader):
    """Loads a template from its folder, with its code compiled ahead when that is current."""

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        code = _compiled_ahead(environment, name, source, filename or name)
        if code is None:
            code = environment.compile(source, name, filename)
        is_current: Callable[[], bool] | None = uptodate
        return environment.template_class.from_code(
            environment, code, {} if globals is None else globals, is_current
        )

"""The text templates compiled ahead of time, so that a run does not compile them again.

templates/ stays the one source. Compiling a template (reading its markup and writing the
Python that renders it) takes jinja2 about a millisecond, and a pack uses seven or eight: a
tenth of what making the pack's words costs, and the same every time the template is the same.
So ``samples/regenerate.py`` writes that Python, for every template, to
``compiled-templates.json`` beside this module; it is shipped with the package, like the
content parsed ahead, and nothing is written at run time.

A run uses a template's compiled code only while the SHA-256 of the template as it is now
matches, and only with the jinja2 release that wrote it (the code calls jinja2's runtime):
change one character of a template, or upgrade jinja2, and it is compiled from its source,
exactly as before. A test checks that both give the same words. Nothing in it comes from a
family.
"""

import functools
import hashlib
import json
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

import jinja2

COMPILED_FILE = Path(__file__).with_name("compiled-templates.json")
FORMAT = 1  # raised when the file's layout changes, so that an older file is never misread


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def compile_ahead(environment: jinja2.Environment, folder: Path) -> bytes:
    """Every template in ``folder`` compiled by ``environment``, as the file to ship."""
    templates = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name.endswith(".j2"):
            source = path.read_bytes().decode("utf-8")  # as the loader reads it, line ends kept
            code = environment.compile(source, path.name, path.name, raw=True)
            templates[path.name] = {"sha256": _digest(source), "code": code}
    data = {"format": FORMAT, "jinja2": jinja2.__version__, "templates": templates}
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


@functools.cache
def _shipped() -> dict[str, Any]:
    """The compiled templates shipped with the package (empty if unreadable or not for the
    jinja2 installed)."""
    try:
        data = json.loads(COMPILED_FILE.read_bytes())
        current = data["format"] == FORMAT and data["jinja2"] == jinja2.__version__
        return dict(data["templates"]) if current else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


class AheadLoader(jinja2.FileSystemLoader):
    """Loads a template from its folder, with its code compiled ahead when that is current.

    For the environment of ``templating.environment`` only: the code is what its settings
    (trimming, escaping) give, and a test checks that the shipped file matches them."""

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        ahead = _shipped().get(name)
        if isinstance(ahead, dict) and ahead.get("sha256") == _digest(source):
            code = compile(ahead["code"], filename or name, "exec")
        else:
            code = environment.compile(source, name, filename)
        is_current: Callable[[], bool] | None = uptodate
        return environment.template_class.from_code(
            environment, code, environment.make_globals(globals), is_current
        )

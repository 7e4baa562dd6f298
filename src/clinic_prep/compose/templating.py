"""The jinja2 environment for the text blocks in templates/.

Built once per process. Undefined variables are errors, so a template typo fails loudly in
tests rather than printing a blank. HTML templates (``*.html.j2``) autoescape; text templates
do not (their output is plain text, and the PDF renderer escapes at its own edge). User text
is only ever passed in as *values*,
never compiled as a template, so ``{{ 7*7 }}`` typed by a user prints literally.
"""

import functools
import textwrap

import jinja2

from clinic_prep.core.errors import ContentError
from clinic_prep.core.resources import templates_dir
from clinic_prep.core.text import WEB_ADDRESS


@functools.cache
def environment() -> jinja2.Environment:
    """The environment of templates/, each template compiled from its source when first used."""
    return make_environment(jinja2.FileSystemLoader(templates_dir()))


def make_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["wrap"] = wrap
    return env


@functools.lru_cache(maxsize=4096)
def wrap(text: str, width: int = 80, indent: str = "") -> str:
    """``text`` in lines of at most ``width`` characters (no-break spaces hold). Cached: the
    same wordings recur in every pack a process makes (a batch, the property tests)."""
    return (
        "\n".join(
            textwrap.wrap(
                text,
                width=width,
                initial_indent=indent,
                subsequent_indent=indent,
                # A web address is never broken (a long one has a line of its own); any
                # other word too long for a line is.
                break_long_words=WEB_ADDRESS.search(text) is None,
                break_on_hyphens=False,
            )
        )
        or indent.rstrip()
    )


def render(template: str, **values: object) -> str:
    """Render ``template`` with ``values``."""
    try:
        return environment().get_template(template).render(**values)
    except jinja2.TemplateError as exc:
        raise ContentError(f"templates/{template}: {exc.__class__.__name__}: {exc}") from None


def paragraphs(template: str, **values: object) -> tuple[str, ...]:
    """Render ``template`` and split it into paragraphs at blank lines, joining wrapped lines."""
    text = render(template, **values)
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    return tuple(block for block in blocks if block)

"""Every output format and the renderer that makes it: the one place formats are registered.

A renderer walks the pack's blocks and returns bytes; it never writes a file. Adding a format
is one renderer module and one line here (a test loops over every ``OutputFormat``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from clinic_prep.compose.pack import Pack
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.write.fhir import questionnaire_json
from clinic_prep.write.pdf import render_pdf_counted
from clinic_prep.write.render_html import render_html
from clinic_prep.write.render_json import render_json
from clinic_prep.write.render_text import render_text


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int | None = None  # for paged formats (PDF)


Renderer = Callable[[Pack], Rendered]


def _pdf(pack: Pack) -> Rendered:
    data, pages = render_pdf_counted(pack)
    return Rendered(data, pages)


RENDERERS: dict[OutputFormat, Renderer] = {
    OutputFormat.PDF: _pdf,
    OutputFormat.HTML: lambda pack: Rendered(render_html(pack).encode("utf-8")),
    OutputFormat.TXT: lambda pack: Rendered(render_text(pack).encode("utf-8")),
    OutputFormat.JSON: lambda pack: Rendered(render_json(pack).encode("utf-8")),
    OutputFormat.FHIR: lambda pack: Rendered(questionnaire_json(pack).encode("utf-8")),
}


def render(output_format: OutputFormat, pack: Pack) -> Rendered:
    """The pack in ``output_format``: every writer takes the pack alone and returns bytes."""
    return RENDERERS[output_format](pack)

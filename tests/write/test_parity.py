"""PDF, HTML and plain text say the same things: every heading, every sentence of guidance,
every question and its why-line, the family's own questions and the caution. One loop over
the pack's blocks checks each format."""

import io
import re
from html import unescape
from pathlib import Path

import pytest

from clinic_prep import api
from clinic_prep.compose.pack import Pack, words
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from tests.cases import pack_cases
from tests.conftest import TODAY, pdf_text


def squeezed(text: str) -> str:
    """Text with no whitespace at all: line breaks fall in different places in each format."""
    return re.sub(r"\s+", "", text)


def html_text(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", page))


def everything_said(pack: Pack) -> list[str]:
    said = [pack.footer]
    for section in pack.sections:
        said.append(section.title)
        for block in section.blocks:
            said += words(block)
    return said


def renderings(profile: Profile, settings: api.RunSettings) -> dict[str, str]:
    def built(fmt: OutputFormat) -> api.Result:
        return api.build(profile, fmt, TODAY, settings)

    return {
        "pdf": pdf_text(built(OutputFormat.PDF).data),
        "html": html_text(built(OutputFormat.HTML).data.decode("utf-8")),
        "txt": built(OutputFormat.TXT).data.decode("utf-8"),
    }


@pytest.mark.parametrize(("name", "profile", "settings"), pack_cases(), ids=lambda v: str(v)[:30])
def test_every_format_says_everything_in_the_pack(
    name: str, profile: Profile, settings: api.RunSettings
) -> None:
    pack = api.build(profile, OutputFormat.JSON, TODAY, settings).pack
    said = everything_said(pack)
    assert len(said) > 100, "the pack says too little for this check to mean anything"
    for fmt, text in renderings(profile, settings).items():
        flat = squeezed(text)
        missing = [phrase for phrase in said if squeezed(phrase) not in flat]
        assert not missing, f"{name}: {fmt} leaves out {missing[:3]}"


def test_plain_text_carries_the_caution_and_every_heading(make_profile: object) -> None:
    profile = Profile.model_validate({"situations": ["siblings"], "own_questions": ["Mine?"]})
    text = api.build(profile, OutputFormat.TXT, TODAY).data.decode("utf-8")
    flat = " ".join(text.split())
    assert "they are not medical advice" in flat
    assert "Section: What we know" in flat
    assert "Part: Your own questions" in flat and "Mine?" in flat


def test_every_question_and_why_line_is_in_the_words_checked(tmp_path: Path) -> None:
    """The parity check covers what matters: questions, why-lines and the caution."""
    profile = Profile.model_validate({"situations": ["newly-diagnosed"], "age": 2})
    result = api.build(profile, OutputFormat.JSON, TODAY)
    said = " ".join(everything_said(result.pack))
    for question in result.plan.questions:
        assert question.text in said
        if question.why:
            assert f"Why ask: {question.why}" in said
    assert "not medical advice" in said


def test_every_output_format_has_one_registered_renderer() -> None:
    from clinic_prep.write.renderers import RENDERERS

    assert set(RENDERERS) == set(OutputFormat)


def test_screen_formats_use_screen_words_and_whole_links() -> None:
    """Print's words ("tick", "the lines below") stay on paper; on a screen every web address
    is a link (HTML) or whole on its line (text), and the HTML says typed answers are not
    kept, with a way to keep them."""
    profile = Profile.model_validate({"situations": ["newly-diagnosed"], "age": 3})
    pdf = pdf_text(api.build(profile, OutputFormat.PDF, TODAY).data)
    page = api.build(profile, OutputFormat.HTML, TODAY).data.decode("utf-8")
    text = api.build(profile, OutputFormat.TXT, TODAY).data.decode("utf-8")
    assert "Tick each question" in pdf
    for screen in (html_text(page), text):
        assert "Mark each question once it has been answered" in screen
        assert not re.search(r"\btick\b|lines below", screen, re.IGNORECASE)
    addresses = set(re.findall(r"https?://[^\s<>\"]+", html_text(page)))
    assert len(addresses) > 10
    linked = set(re.findall(r'<a href="([^"]+)">', page))
    assert {a.rstrip(".,;:)]") for a in addresses} <= linked
    for address in addresses:
        assert any(address.rstrip(".,;:)]") in line for line in text.splitlines()), address
    assert "not saved when you close it" in html_text(page)
    assert 'id="save-answers"' in page and "my-answers.txt" in page


def test_a_cell_to_fill_in_has_one_name_in_every_format() -> None:
    """The same record-sheet cell is announced the same way in the fillable PDF and the HTML
    (the table, the row, the column, and the visit where columns share a heading)."""
    import pypdf

    profile = Profile.model_validate({"situations": ["annual-review"], "age": 30, "fillable": True})
    reader = pypdf.PdfReader(io.BytesIO(api.build(profile, OutputFormat.PDF, TODAY).data))
    in_pdf = {
        name: str(field.get("/TU"))
        for name, field in reader.get_fields().items()
        if re.search(r"-r\d+-\d+$", name)
    }
    page = api.build(profile, OutputFormat.HTML, TODAY).data.decode("utf-8")
    in_html = {
        name: unescape(label)
        for name, label in re.findall(
            r'<input type="text" name="([^"]+)" aria-label="([^"]+)"', page
        )
    }
    shared = set(in_pdf) & set(in_html)
    assert len(shared) > 50
    assert {name: in_pdf[name] for name in shared} == {name: in_html[name] for name in shared}
    assert "Test results over time, Eye check, Date and result, visit 2" in in_pdf.values()

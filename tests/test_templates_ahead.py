"""The templates compiled ahead of time: current, the same words as compiling them at run time,
used when current, and never used for a template that has changed."""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from clinic_prep import api, templates_ahead, templating
from clinic_prep.profile import Profile
from clinic_prep.resources import templates_dir
from clinic_prep.templates_ahead import COMPILED_FILE, AheadLoader, compile_ahead
from clinic_prep.vocabulary import OutputFormat, Reader
from clinic_prep.voice import voice_of

from .conftest import TODAY

STALE = "the compiled templates are stale: run 'python samples/regenerate.py' and commit them"


@pytest.fixture
def fresh_environment() -> Iterator[None]:
    """A new environment for the test, and the shipped file read again, before and after."""
    templating.environment.cache_clear()
    templates_ahead._shipped.cache_clear()
    yield
    templating.environment.cache_clear()
    templates_ahead._shipped.cache_clear()


def _packs() -> dict[str, bytes]:
    """A pack's HTML and text, which between them use every template a pack uses."""
    profile = Profile.model_validate(
        {"situations": ["newly-diagnosed"], "clinics": ["heart"], "age": 4}
    )
    formats = (OutputFormat.HTML, OutputFormat.TXT)
    return {form.value: api.build(profile, form, TODAY).data for form in formats}


def test_the_shipped_compiled_templates_are_current() -> None:
    shipped = json.loads(COMPILED_FILE.read_bytes())
    if shipped["jinja2"] != templates_ahead.jinja2_release():
        pytest.skip(f"compiled with jinja2 {shipped['jinja2']}: compiled at run time here")
    current = compile_ahead(templating.environment())
    assert COMPILED_FILE.read_bytes() == current, STALE
    assert set(shipped["templates"]) == {p.name for p in templates_dir().glob("*.j2")}


def test_a_pack_says_the_same_whether_compiled_ahead_or_now(
    fresh_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahead = _packs()
    templating.environment.cache_clear()
    monkeypatch.setattr(templates_ahead, "_shipped", lambda: {})
    assert _packs() == ahead


def test_a_run_compiles_no_template_that_was_compiled_ahead(
    fresh_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_compiling(*_: object, **__: object) -> None:
        raise AssertionError("a template was compiled although its code was compiled ahead")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    assert all(_packs().values())


def test_a_changed_template_is_compiled_from_its_source(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    caution = folder / "caution.txt.j2"
    caution.write_text("Changed: " + caution.read_text(encoding="utf-8"), encoding="utf-8")
    environment = templating.make_environment(AheadLoader(folder))
    rendered = environment.get_template("caution.txt.j2").render(voice=voice_of(Reader.SELF))
    assert rendered.startswith("Changed")


def test_the_shipped_code_escapes_what_the_web_page_shows(fresh_environment: None) -> None:
    profile = Profile.model_validate({"first_name": 'Ann & "Bo"', "clinics": ["heart"], "age": 4})
    page = api.build(profile, OutputFormat.HTML, TODAY).data.decode("utf-8")
    assert "Ann &amp; &#34;Bo&#34;" in page
    assert 'Ann & "Bo"' not in page


@pytest.mark.parametrize(
    "changed",
    [
        {"trim_blocks": False},
        {"keep_trailing_newline": False},
        {"variable_start_string": "[[", "variable_end_string": "]]"},
        {"autoescape": False},
    ],
)
def test_code_compiled_in_another_setting_is_not_used(changed: dict[str, object]) -> None:
    shipped = templating.environment()
    other = templating.make_environment(AheadLoader(templates_dir()))
    for setting, value in changed.items():
        setattr(other, setting, value)
    name = "pack.html.j2"
    source, filename, _ = shipped.loader.get_source(shipped, name)
    assert templates_ahead._compiled_ahead(shipped, name, source, filename) is not None
    assert templates_ahead._compiled_ahead(other, name, source, filename) is None


def test_damaged_code_means_compiling_at_run_time(
    fresh_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = {
        name: {**entry, "code": "def root(:\n"}
        for name, entry in templates_ahead._shipped().items()
    }
    monkeypatch.setattr(templates_ahead, "_shipped", lambda: damaged)
    assert all(_packs().values())


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"format": 99}', b"[]"])
def test_an_unreadable_file_means_compiling_at_run_time(
    content: bytes, tmp_path: Path, fresh_environment: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "compiled-templates.json"
    broken.write_bytes(content)
    monkeypatch.setattr(templates_ahead, "COMPILED_FILE", broken)
    assert templates_ahead._shipped() == {}
    assert all(_packs().values())

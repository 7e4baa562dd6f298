"""The HTML rendering: semantic, labelled, and clean in a real accessibility audit."""

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from clinic_prep import api
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from tests.conftest import ROOT, TODAY

BROWSER_DIR = ROOT / "tests" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class Structure(HTMLParser):
    """Collects what a screen reader relies on: language, headings, form labels, tables."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[int] = []
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.th_count = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag in ("input", "textarea"):
            self.controls.append(attributes)
        if tag == "label" and attributes.get("for"):
            self.label_for.add(str(attributes["for"]))
        if tag == "th":
            self.th_count += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def html() -> str:
    profile = Profile.model_validate(
        {
            "situations": ["newly-diagnosed", "siblings"],
            "clinics": ["eyes"],
            "age": 3,
            "first_name": "Αλέξης <i>",
            "own_questions": ["A&E <3 {{ 7*7 }}"],
            "communication_needs": ["hearing-loop", "dimmed-lights"],
        }
    )
    return api.build(profile, OutputFormat.HTML, TODAY).data.decode("utf-8")


def test_language_headings_and_landmarks(html: str) -> None:
    structure = Structure()
    structure.feed(html)
    assert structure.lang == "en"
    assert structure.headings[0] == 1 and structure.headings.count(1) == 1
    for before, after in zip(structure.headings, structure.headings[1:], strict=False):
        assert after <= before + 1, "a heading level is skipped"
    assert "<main>" in html and "<header>" in html and "<footer>" in html


def test_every_control_has_a_label(html: str) -> None:
    structure = Structure()
    structure.feed(html)
    assert len(structure.controls) > 50
    for control in structure.controls:
        assert control.get("aria-label") or control.get("id") in structure.label_for, control


def test_record_sheets_are_data_tables_with_headers(html: str) -> None:
    structure = Structure()
    structure.feed(html)
    assert structure.th_count > 20
    assert 'scope="col"' in html and 'scope="row"' in html


def test_user_text_is_shown_literally(html: str) -> None:
    structure = Structure()
    structure.feed(html)
    text = "".join(structure.text)
    assert "Αλέξης <i>" in text
    assert "A&E <3 {{ 7*7 }}" in text
    assert "<i>" not in html.replace("&lt;i&gt;", "")


def test_communication_needs_come_first(html: str) -> None:
    assert html.index("communicates, and what helps") < html.index("<dl>")
    assert "Please use a hearing loop" in html


def _audit_tools_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}"
    if shutil.which("node") is None:
        return "no node"
    if not (BROWSER_DIR / "node_modules" / "axe-core").is_dir():
        return "run 'npm ci' in tests/browser"
    return None


@pytest.mark.parametrize("large_print", [False, True])
def test_axe_core_finds_no_violations(
    tmp_path: Path, make_profile: Callable[..., Profile], large_print: bool
) -> None:
    missing = _audit_tools_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the accessibility audit must run in CI: {missing}")
        pytest.skip(missing)
    profile = make_profile(
        situations=["annual-review", "transition"],
        clinics=["eyes", "hearing"],
        age=17,
        reader="self",
        first_name="Жанна",
        large_print=large_print,
        communication_needs=["braille", "sign-language-interpreter"],
        own_questions=["Can I bring my own interpreter?"],
    )
    page = tmp_path / "pack.html"
    page.write_bytes(api.build(profile, OutputFormat.HTML, TODAY).data)
    report = _audit(page)
    assert report["rules_passed"] > 20
    assert report["violations"] == []


@pytest.mark.slow  # the whole bank, audited in a browser
def test_axe_core_finds_no_violations_in_the_review_page(tmp_path: Path) -> None:
    """The review page, with a choice and a comment box for every question and rule."""
    missing = _audit_tools_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the accessibility audit must run in CI: {missing}")
        pytest.skip(missing)
    page = tmp_path / "review.html"
    page.write_bytes(api.make_review(api.default_bank(), OutputFormat.HTML)[0].data)
    assert _audit(page)["violations"] == []


def _audit(page: Path) -> dict[str, Any]:
    """axe-core's report on the page, opened in Chromium."""
    result = subprocess.run(
        ["node", str(BROWSER_DIR / "audit.mjs"), str(page)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report

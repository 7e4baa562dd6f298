"""The shipped content parsed ahead of time: current, the same bank as the YAML gives, and
never used once a content file has changed."""

import os
import shutil
import sys
from pathlib import Path

import pytest

from clinic_prep import bank as bank_module
from clinic_prep import parsed_content
from clinic_prep.bank import _read_content, check_content, content_parsed_ahead, load_bank
from clinic_prep.errors import ContentError
from clinic_prep.resources import content_dir

STALE = "the content parsed ahead is stale: run 'python samples/regenerate.py' and commit it"


def test_the_shipped_parsed_content_is_current() -> None:
    assert parsed_content.parsed_ahead(content_dir(), Path("content")) is not None, STALE
    assert parsed_content.PARSED_FILE.read_bytes() == content_parsed_ahead(content_dir()), STALE


def test_it_gives_the_very_bank_the_yaml_gives() -> None:
    from_yaml, problems = _read_content(content_dir())
    assert not problems
    ahead, problems = _read_content(content_dir(), ahead=True)
    assert not problems
    assert ahead == from_yaml
    assert [item.line for item in ahead.questions] == [item.line for item in from_yaml.questions]
    assert {str(item.path) for item in ahead.questions} == {
        str(item.path) for item in from_yaml.questions
    }


def test_a_run_reads_no_yaml_for_the_shipped_content(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing(*_: object) -> None:
        raise AssertionError("the YAML was parsed although its data was parsed ahead")

    monkeypatch.setattr(bank_module._Reader, "parse", no_parsing)
    assert _read_content(content_dir(), ahead=True)[0] is not None


def test_a_changed_content_file_is_read_from_its_yaml(content_copy: Path) -> None:
    eyes = content_copy / "questions" / "05-eyes.yaml"
    text = eyes.read_text(encoding="utf-8")
    first_id = text.split("  - id: ", 1)[1].split("\n", 1)[0]
    eyes.write_text(text.replace("    text: ", "    text: Please tell us, ", 1), encoding="utf-8")
    assert parsed_content.parsed_ahead(content_copy, Path("content")) is None
    bank = load_bank(content_copy)
    changed = next(item for item in bank.questions if item.question.id == first_id)
    assert changed.question.text.startswith("Please tell us, ")


def test_a_new_file_alone_makes_it_stale(content_copy: Path) -> None:
    shutil.copy(content_copy / "sheets.yaml", content_copy / "questions" / "zz-extra.yaml")
    assert parsed_content.parsed_ahead(content_copy, Path("content")) is None


# "CURRENT" stands for the shipped content's fingerprint: damage past the checks it passes.
DAMAGE = [
    "",
    "{not json",
    '{"format": 0}',
    "[]",
    '{"format": 1, "fingerprint": "CURRENT"}',
    '{"format": 1, "fingerprint": "CURRENT", "files": []}',
    '{"format": 1, "fingerprint": "CURRENT", "files": {"sources.yaml": {"data": {}}}}',
    '{"format": 1, "fingerprint": "CURRENT", "files": {"sources.yaml": 3}}',
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_missing_copy_means_the_yaml(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "parsed-content.json"
    current = parsed_content.fingerprint(content_dir())
    damaged.write_text(damage.replace("CURRENT", current), encoding="utf-8")
    monkeypatch.setattr(parsed_content, "PARSED_FILE", damaged)
    assert parsed_content.parsed_ahead(content_dir(), Path("content")) is None
    assert _read_content(content_dir(), ahead=True) == _read_content(content_dir())
    monkeypatch.setattr(parsed_content, "PARSED_FILE", tmp_path / "missing.json")
    assert _read_content(content_dir(), ahead=True)[0] == _read_content(content_dir())[0]


def test_content_with_a_problem_is_never_parsed_ahead(content_copy: Path) -> None:
    sources = content_copy / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("  - id: omim\n", "  - id: genereviews\n"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="duplicate source id"):
        content_parsed_ahead(content_copy)


def test_problems_keep_their_yaml_lines_even_where_a_copy_is_current(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parsed copy made for a broken file (as if by hand) is never trusted past a problem:
    the YAML is read again, so the problem names its real line."""
    path = content_copy / "questions" / "05-eyes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: eye-cataract\n", "  - id: Eye Cataract\n"))
    raw = parsed_content.parse_ahead(content_copy)
    copy = content_copy.parent / "parsed.json"
    copy.write_bytes(raw)
    monkeypatch.setattr(parsed_content, "PARSED_FILE", copy)
    problems = _read_content(content_copy, ahead=True)[1]
    assert problems == check_content(content_copy)
    wrong = text.splitlines().index("  - id: eye-cataract") + 1
    assert any(problem.line == wrong for problem in problems), [str(p) for p in problems]


def test_the_parsed_copy_ships_in_the_package() -> None:
    assert parsed_content.PARSED_FILE.parent == Path(sys.modules["clinic_prep"].__file__).parent


def test_only_the_shipped_content_is_read_from_the_copy(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any other folder, even one with the very same files, is read from its YAML."""
    parsed: list[Path] = []
    real = bank_module._Reader.parse

    def counting(self: bank_module._Reader, path: Path, shown: Path) -> object:
        parsed.append(path)
        return real(self, path, shown)

    monkeypatch.setattr(bank_module._Reader, "parse", counting)
    load_bank(content_copy)
    assert parsed, "a copied content folder was read from the shipped copy"


def test_a_fifo_or_a_folder_named_like_a_content_file_is_never_read(content_copy: Path) -> None:
    os.mkfifo(content_copy / "questions" / "zz-fifo.yaml")
    (content_copy / "notes.yaml").mkdir()
    parsed_content.fingerprint(content_copy)  # returns: a FIFO would block a read for ever
    problems = check_content(content_copy)
    assert any("zz-fifo.yaml" in str(problem) for problem in problems)

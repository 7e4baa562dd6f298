"""The shipped content/ parsed ahead of time, so that a run does not parse its YAML again.

content/*.yaml stays the one source, the files clinicians review and edit. Parsing them is the
largest part of loading the bank (about half of it), and gives the same data every time the
files are the same. So ``samples/regenerate.py`` writes that data, once the content has passed
every check, to ``parsed-content.json`` beside this module; it is shipped with the package,
like the rest of its data, and nothing is written at run time.

A run uses it only for the shipped content folder (``load_bank`` of ``content_dir()``), and
only while its fingerprint (a SHA-256 of every content file's name and bytes) matches the files
as they are now: change one character of content and the bank is read from the YAML again,
exactly as before. The data
is plain JSON and is validated by the same models as data parsed from YAML; a test checks
that both give the same bank. Nothing in it comes from a family.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

PARSED_FILE = Path(__file__).with_name("parsed-content.json")
# Raised when the layout of the file changes, so that an older file is never misread.
FORMAT = 1
Loc = tuple[str | int, ...]


def content_files(root: Path) -> list[Path]:
    """Every YAML file of a content folder, in a fixed order (regular files only: a FIFO or
    a folder with a .yaml name is never read here; the YAML reader reports it)."""
    found = [path for path in root.rglob("*.yaml") if path.is_file()]
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def fingerprint(root: Path) -> str:
    """SHA-256 over every content file's name and bytes."""
    digest = hashlib.sha256()
    for path in content_files(root):
        name = path.relative_to(root).as_posix().encode()
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class ParsedDocument:
    """One content file's data as parsed ahead of time, with the lines of its questions (the
    only lines a sound bank needs: explain and the review sheet name them)."""

    path: Path
    data: Any
    question_lines: tuple[int, ...]

    def line_of(self, loc: Loc) -> int:
        index = loc[1] if len(loc) >= 2 and loc[0] == "questions" else None
        if isinstance(index, int) and index < len(self.question_lines):
            return self.question_lines[index]
        return 1


def _json_ready(value: Any) -> Any:
    """YAML data as JSON: dates as ISO text, which the models read back as the same dates."""
    if isinstance(value, dict):
        return {str(key): _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def parse_ahead(root: Path) -> bytes:
    """The content folder's data as ``parsed-content.json`` holds it (deterministic bytes).
    The caller must have checked the content first: only a sound bank is parsed ahead."""
    from clinic_prep.yaml_source import parse_yaml

    files: dict[str, Any] = {}
    for path in content_files(root):
        name = path.relative_to(root).as_posix()
        doc = parse_yaml(path.read_text(encoding="utf-8"), path)
        questions = doc.data.get("questions", []) if isinstance(doc.data, dict) else []
        lines = [doc.line_of(("questions", index, "id")) for index in range(len(questions))]
        files[name] = {"data": _json_ready(doc.data), "question_lines": lines}
    document = {"format": FORMAT, "fingerprint": fingerprint(root), "files": files}
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=0) + "\n").encode()


def parsed_ahead(root: Path, shown: Path) -> dict[str, ParsedDocument] | None:
    """The shipped content's data by file name relative to ``root``, or None when there is
    no parsed copy or the files have changed since it was made. ``shown`` is the folder the
    documents' paths are given under (as the YAML reader gives them)."""
    try:
        return documents(PARSED_FILE.read_bytes(), root, shown)
    except OSError:  # no copy, or a content file that cannot be read: the YAML reader says why
        return None


def documents(raw: bytes, root: Path, shown: Path) -> dict[str, ParsedDocument] | None:
    """``raw`` (a parsed-content.json) as documents, or None unless it is current for root."""
    try:
        document = json.loads(raw)
        if document.get("format") != FORMAT or document.get("fingerprint") != fingerprint(root):
            return None
        return {
            name: ParsedDocument(shown / name, entry["data"], tuple(entry["question_lines"]))
            for name, entry in document["files"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):  # not a copy this module wrote
        return None

"""Hostile and careless input: whatever a family or a spreadsheet holds, the tool makes a
correct pack or says in one line what is wrong. It never leaks, overwrites or half-writes."""

import csv
import io
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pydantic import ValidationError
from typer.testing import CliRunner

from clinic_prep import api, cli
from clinic_prep.core.errors import OutputError
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.spreadsheet import read_rows
from clinic_prep.write import output

from . import xlsx_parts
from .conftest import TODAY, pdf_text

# Hostile input at scale, kills and resumes: the slow lane.
pytestmark = pytest.mark.slow

runner = CliRunner()
HOSTILE = [
    "<b>bold</b>",
    '<img src="/etc/passwd"/>',
    "&amp;",
    "{{ 7*7 }}",
    "{% raw %}",
    "%s %d %n",
    "A&E <3",
    "Robert'); DROP TABLE families;--",
    '=HYPERLINK("x")',
    "مرحبا",
    "שלום",
    "😀 emoji",
    "x" * 10_000,
    "line\nbreak",
    "nul\x00byte",
    "\u202eright-to-left override",
    "Łukasz Αλέξης Жанна Nguyễn İpek",
    "  spaced   out  ",
    "",
]


def _fold(text: str) -> str:
    return " ".join(text.split())


def _one_line_error(stderr: str, *fields: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("clinic-prep: error:")
    assert any(field in lines[0] for field in fields), lines[0]
    assert "Traceback" not in stderr


@given(name=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=70)))
@example(name="Zoë <i>&amp;</i> {{ 7*7 }}")
def test_any_name_prints_literally_or_is_refused_by_field(name: str, tmp_path_factory: Any) -> None:
    out = tmp_path_factory.mktemp("n") / "pack.pdf"
    result = runner.invoke(cli.app, ["generate", "-s", "siblings", "--name", name, "-o", str(out)])
    if result.exit_code == 0:
        assert _fold(name) in pdf_text(out.read_bytes())
    else:
        assert result.exit_code == 2, result.stderr
        _one_line_error(result.stderr, "--name", "first_name")
        assert not out.exists()
        assert not list(out.parent.iterdir()), "a file was left behind"


@given(question=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300)))
def test_any_own_question_prints_literally_or_is_refused(
    question: str, tmp_path_factory: Any
) -> None:
    out = tmp_path_factory.mktemp("q") / "pack.pdf"
    result = runner.invoke(
        cli.app, ["generate", "-s", "transition", "--ask", question, "-o", str(out)]
    )
    if result.exit_code == 0:
        assert _fold(question) in pdf_text(out.read_bytes())
    else:
        assert result.exit_code == 2, result.stderr
        _one_line_error(result.stderr, "--ask", "own_questions")
        assert not out.exists()


@given(text=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=100)))
def test_html_and_text_renderings_show_user_text_literally(text: str) -> None:
    try:
        profile = Profile(situations=["siblings"], own_questions=[text])  # type: ignore[list-item]
    except ValidationError:
        return
    page = api.build(profile, OutputFormat.HTML, TODAY).data.decode()
    assert "<img" not in page and "<b>" not in page.split("<body>")[1]
    plain = api.build(profile, OutputFormat.TXT, TODAY).data.decode()
    assert _fold(profile.own_questions[0]) in _fold(plain)


PROFILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 1000),
    st.text(max_size=30),
    st.lists(st.text(max_size=20), max_size=4),
    st.dates().map(str),
    st.sampled_from(["siblings", "genetics", "vision", "self", "letter", "2026-02-30"]),
)


@given(st.dictionaries(st.sampled_from([*Profile.model_fields, "bogus"]), PROFILE_VALUES))
def test_profile_model_accepts_or_names_a_field(data: dict[str, Any]) -> None:
    try:
        Profile.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            assert error["loc"] == () or error["loc"][0] in (*Profile.model_fields, "bogus")


# -- limits ------------------------------------------------------------------------------------


def test_huge_cell_fails_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    with source.open("w", encoding="utf-8") as stream:
        stream.write("family_id,situations,own_questions\nA1,siblings,")
        stream.write("x" * 50_000_000)
        stream.write("\n")
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2
    _one_line_error(result.stderr, "big.csv")


def test_a_100000_row_spreadsheet_streams_in_little_memory(tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["family_id", "situations", "clinics", "age", "first_name"])
        for number in range(100_000):
            writer.writerow([f"F{number}", "annual-review; siblings", "heart", "12", "Name"])
    tracemalloc.start()
    count = sum(1 for _ in read_rows(source))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 100_000
    assert peak < 5_000_000, f"reading used {peak:,} bytes at peak"


# -- atomic output --------------------------------------------------------------------------


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="cannot be written"):
        output.write_atomic(tmp_path / "pack.pdf", b"%PDF-1.4 ...", overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_not_replaced_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"the family's filled-in pack")
    with pytest.raises(OutputError, match="already exists"):
        output.write_atomic(target, b"new", overwrite=False)
    assert target.read_bytes() == b"the family's filled-in pack"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


def test_saved_profile_never_replaces_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.shared, "stdin_is_interactive", lambda: True)
    (tmp_path / "clinic-prep-profile.yaml").write_text("precious")
    answers = "1\n\n1\n" + "\n" * 13 + "y\n\n"  # every optional answer skipped
    result = runner.invoke(cli.app, ["generate", "-o", "p.pdf"], input=answers)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (tmp_path / "clinic-prep-profile.yaml").read_text() == "precious"
    assert (tmp_path / "p.pdf").exists()  # the pack itself was made first


# -- privacy ---------------------------------------------------------------------------------


@pytest.fixture
def no_network() -> Iterator[list[str]]:
    """Records every attempt to open a network connection in this process."""
    attempts: list[str] = []
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(str(address))
            raise OSError("network use is not allowed in this test")
        real_connect(self, address)

    socket.socket.connect = guarded  # type: ignore[method-assign]
    try:
        yield attempts
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]


def test_generate_and_batch_open_no_network_connection(
    tmp_path: Path, no_network: list[str]
) -> None:
    for fmt in ("pdf", "html", "txt", "json"):
        result = runner.invoke(
            cli.app,
            [
                "generate",
                "-s",
                "newly-diagnosed",
                "-c",
                "eyes",
                "-f",
                fmt,
                "-o",
                str(tmp_path / f"p.{fmt}"),
            ],
        )
        assert result.exit_code == 0
    source = tmp_path / "f.csv"
    source.write_text("family_id,situations\nA1,siblings\nA2,annual-review\n")
    result = runner.invoke(
        cli.app,
        [
            "batch",
            str(source),
            "-o",
            str(tmp_path / "out"),
            "-j",
            "1",
            "-q",
            "--merge",
            str(tmp_path / "print.pdf"),
        ],
    )
    assert result.exit_code == 0
    assert no_network == []


def test_errors_never_repeat_what_a_family_typed(tmp_path: Path) -> None:
    canary = "Persephone-Canary"
    source = tmp_path / "f.csv"
    source.write_text(
        "family_id,situations,first_name,own_questions,age\n"
        f"A1,worried,{canary},Is {canary} ok?,4\n"
        f"A2,siblings,{canary}{'x' * 80},,4\n"
        f"A3,siblings,{canary},{canary}?,400\n"
        f"A4,siblings,{canary} 😀,,4\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 3
    assert result.stderr.count("row ") == 4
    assert canary not in result.stderr
    assert canary not in (tmp_path / "out" / "errors.csv").read_text(encoding="utf-8-sig")
    single = runner.invoke(cli.app, ["generate", "-s", "siblings", "--name", f"{canary} 😀"])
    assert single.exit_code == 2 and canary not in single.stderr


# -- interruptions ---------------------------------------------------------------------------


def _manifest(outdir: Path) -> list[dict[str, str]]:
    path = outdir / "manifest.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _assert_everything_on_disk_is_sound(outdir: Path) -> None:
    for pdf in outdir.glob("*.pdf"):
        assert len(pypdf.PdfReader(pdf).pages) >= 10, f"{pdf.name} is incomplete"
    for entry in _manifest(outdir):
        assert (outdir / entry["file"]).exists(), f"manifest lists a missing {entry['file']}"


def test_repeated_kills_then_resume_accounts_for_every_row(tmp_path: Path) -> None:
    rows = [[f"R{n:02d}", "annual-review", "kidney", str(18 + n)] for n in range(16)]
    rows.insert(5, ["BAD", "worried", "", "3"])
    source = tmp_path / "f.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([["family_id", "situations", "clinics", "age"], *rows])
    out = tmp_path / "out"
    pace = random.Random(6)  # seeded: the same kill points on every run
    for attempt in range(3):
        args = ["batch", str(source), "-o", str(out), "-j", "2", "-q"]
        if attempt:
            args.append("--resume")
        process = subprocess.Popen(
            [sys.executable, "-m", "clinic_prep", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1.0 + pace.random() * 1.5)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        _assert_everything_on_disk_is_sound(out)
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(out), "--resume", "-q"])
    assert result.exit_code == 3
    entries = _manifest(out)
    assert sorted(e["family_id"] for e in entries) == sorted(r[0] for r in rows if r[0] != "BAD")
    assert len({e["family_id"] for e in entries}) == len(entries)
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(e["file"] for e in entries)
    _assert_everything_on_disk_is_sound(out)


# -- reproducible ----------------------------------------------------------------------------


def _generate_in_a_new_process(tmp_path: Path, name: str, epoch: str, *args: str) -> bytes:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    subprocess.run(
        [sys.executable, "-m", "clinic_prep", "generate", *args, "-o", name],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    return (tmp_path / name).read_bytes()


def test_same_input_in_other_processes_on_other_days_is_byte_identical(tmp_path: Path) -> None:
    args = ("-s", "annual-review", "-c", "heart", "--age", "12", "--visit-date", "2027-01-05")
    monday = _generate_in_a_new_process(tmp_path, "a.pdf", "1795000000", *args)
    a_year_on = _generate_in_a_new_process(tmp_path, "b.pdf", "1826536000", *args)
    assert monday == a_year_on
    by_birth = ("-s", "annual-review", "--dob", "2015-06-01")
    first = _generate_in_a_new_process(tmp_path, "c.pdf", "1795000000", *by_birth)
    again = _generate_in_a_new_process(tmp_path, "d.pdf", "1795000000", *by_birth)
    assert first == again


@pytest.mark.skipif(
    shutil.which("qpdf") is None and not os.environ.get("CI"),
    reason="qpdf not installed (CI installs it)",
)
def test_qpdf_finds_our_pdfs_sound(tmp_path: Path) -> None:
    for args in (
        ["-s", "siblings", "--name", "Αλέξης"],
        ["-s", "annual-review", "--fillable", "--large-print"],
    ):
        out = tmp_path / "p.pdf"
        assert runner.invoke(cli.app, ["generate", *args, "-o", str(out)]).exit_code == 0
        check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        out.unlink()


# -- any spreadsheet ------------------------------------------------------------------------------

SPREADSHEET_CANARY = "Persephone-Canary"
COLUMN_NAMES = ["family_id", "situations", "clinics", "age", "first_name", "own_questions"]
CELLS = st.one_of(
    st.sampled_from(["siblings", "transition; heart", "genetics|eyes", "4", "-1", "2026-02-30"]),
    st.sampled_from([SPREADSHEET_CANARY, f"{SPREADSHEET_CANARY}\x1b[2J", f"={SPREADSHEET_CANARY}"]),
    st.sampled_from(HOSTILE[:-1]).map(lambda text: text[:200]),
    st.text(max_size=30),
)
HEADERS = st.lists(
    st.one_of(st.sampled_from(COLUMN_NAMES), st.just(SPREADSHEET_CANARY), st.text(max_size=12)),
    min_size=1,
    max_size=7,
)


@st.composite
def table(draw: st.DrawFn) -> list[list[str]]:
    header = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 1), max_size=3))
    return [header, *rows]


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    """CSV as spreadsheets export it, and as they never would: any delimiter, line ending,
    byte-order mark, quoting; and now and then cut short or with a stray byte."""
    buffer = io.StringIO()
    csv.writer(
        buffer,
        delimiter=draw(st.sampled_from([",", ";"])),
        lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
    ).writerows(draw(table()))
    data = (draw(st.sampled_from(["", "\ufeff"])) + buffer.getvalue()).encode("utf-8")
    damage = draw(st.sampled_from(["none", "none", "cut", "byte"]))
    if damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "byte" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return data


@st.composite
def xlsx_bytes(draw: st.DrawFn) -> bytes:
    """An XLSX written by openpyxl from any table (numbers and dates as well as text), and
    now and then one of its parts cut short or with a stray byte."""
    # openpyxl will not write the control characters XML cannot hold.
    rows: list[list[object]] = [
        [ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row] for row in draw(table())
    ]
    for row in rows[1:]:
        if row and draw(st.booleans()):
            row[-1] = draw(st.one_of(st.integers(-5, 200), st.floats(allow_nan=False), st.dates()))
    data = xlsx_parts.workbook_bytes(rows)
    part = draw(st.sampled_from(["none", "none", xlsx_parts.SHEET, "xl/workbook.xml"]))
    if part == "none":
        return data

    def damage(name: str, content: bytes) -> bytes:
        if name != part:
            return content
        at = draw(st.integers(0, len(content) - 1))
        if draw(st.booleans()):
            return content[:at]
        return content[:at] + bytes([draw(st.integers(0, 255))]) + content[at + 1 :]

    return xlsx_parts.rebuild(data, damage)


@given(
    data=st.one_of(csv_bytes().map(lambda b: ("csv", b)), xlsx_bytes().map(lambda b: ("xlsx", b)))
)
def test_any_spreadsheet_makes_packs_or_one_line_and_never_shows_a_family(
    data: tuple[str, bytes], tmp_path_factory: Any
) -> None:
    suffix, content = data
    folder = tmp_path_factory.mktemp("sheet")
    source = folder / f"families.{suffix}"
    source.write_bytes(content)
    out = folder / "out"
    result = runner.invoke(cli.app, ["batch", str(source), "-o", str(out), "-j", "1"])
    assert result.exit_code in (0, 2, 3), result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
    # Family ids are shown by design (they are not names); nothing else from a cell is.
    beyond_ids = re.sub(r"^row \d+ \([^)]*\)", "", result.stderr, flags=re.M)
    assert SPREADSHEET_CANARY not in beyond_ids
    assert not any(char in result.stderr for char in "\x1b\x07\r")
    if result.exit_code == 2:
        _one_line_error(result.stderr, "families.")
        assert not out.exists(), "a file that cannot be read left files behind"
        return
    listed = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    assert len(list(out.glob("*.pdf"))) == listed.count("\n") - 1
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as stream:
        for error in csv.DictReader(stream):
            assert SPREADSHEET_CANARY not in error["column"] + error["reason"]


def _alias_bomb(levels: int) -> str:
    lines = ["b0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"b{n}: &b{n} [{', '.join([f'*b{n - 1}'] * 10)}]" for n in range(1, levels)]
    return "\n".join(lines)


# What a hostile or damaged file holds, one shape at a time: each is put into every kind of
# file the tool reads (issue 25: alias bombs, huge integers, control characters, deep nests).
HOSTILE_YAML = {
    "alias bomb": lambda: _alias_bomb(9),
    "huge integer": lambda: "n: 1" + "0" * 5_000,
    "control character": lambda: 'note: "bell \\a and escape \\x1b[31m"',
    "raw control character": lambda: "note: bell \x07 here",
    "deep nest": lambda: "n: " + "[" * 2_000 + "]" * 2_000,
    "tab indent": lambda: "n:\n\t- x",
    "binary": lambda: "\x00\x01\x02",
}
BASES = {
    "profile": "situations: [siblings]\nage: 4\n",
    "clinic": "name: Northfield\n",
    "overlay": "name: Northfield Clinical Genetics\n",
}


@given(
    kind=st.sampled_from(sorted(BASES)),
    shape=st.sampled_from(sorted(HOSTILE_YAML)),
    where=st.sampled_from(["before", "after"]),
)
def test_any_kind_of_file_with_any_hostile_shape_is_one_line_and_quick(
    kind: str, shape: str, where: str, tmp_path_factory: Any
) -> None:
    """A profile, a clinic file or a local bank's overlay holding an alias bomb, a 5,000-digit
    number, control characters or a deep nest: the pack is made or one line says what is
    wrong (exit 2), within seconds; never a traceback, never exit 1."""
    folder = tmp_path_factory.mktemp(kind)
    hostile = HOSTILE_YAML[shape]()
    text = f"{hostile}\n{BASES[kind]}" if where == "before" else f"{BASES[kind]}{hostile}\n"
    if kind == "profile":
        path = folder / "profile.yaml"
        args = ["generate", "-p", str(path), "-f", "json", "-o", str(folder / "plan.json")]
    elif kind == "clinic":
        path = folder / "clinic.yaml"
        args = ["handout", "-s", "siblings", "--clinic-info", str(path), "-f", "txt", "-o", "-"]
    else:
        path = folder / "local" / "overlay.yaml"
        path.parent.mkdir()
        args = ["handout", "-s", "siblings", "--content-dir", str(path.parent), "-f", "txt"]
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    started = time.monotonic()
    result = runner.invoke(cli.app, args)
    assert time.monotonic() - started < 20, shape
    assert result.exit_code in (0, 2), (shape, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
    assert not any(char in result.stderr for char in "\x1b\x07")
    if result.exit_code == 2:
        _one_line_error(result.stderr, path.name)

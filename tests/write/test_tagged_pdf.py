"""The tagged PDF (PDF/UA-1): what a screen reader, and two PDF/UA checkers nobody here wrote,
find in every kind of document we print.

The documents: every sample pack (standard, large print, fillable), a large-print fillable
pack on Letter paper for a Greek and Cyrillic name, handouts with a clinic's details (plain,
and large-print fillable), and the clinician's review sheet.
"""

import io
import itertools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from clinic_prep import api
from clinic_prep.compose.pack import Callout, Heading, Pack, QuestionGroup
from clinic_prep.content.bank import load_bank
from clinic_prep.core.resources import content_dir
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_io import build_visit, read_profile_file
from clinic_prep.write.pdf import render_pdf
from tests.cases import pack_cases
from tests.conftest import ROOT, TODAY
from tests.structure_tree import Node, page_marks, read_tree

# Two PDF/UA checkers and the structure tree of every sample: the slow lane.
pytestmark = pytest.mark.slow

HEADINGS = ("H1", "H2", "H3")


def squeezed(text: str) -> str:
    """Text with no whitespace: lines break in different places in the PDF and in text."""
    return re.sub(r"\s+", "", text)


CASES = pack_cases()
NAMES = [name for name, _, _ in CASES]


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    """Each document as PDF bytes, made once for the module."""
    made = {
        name: api.build(profile, OutputFormat.PDF, TODAY, settings).data
        for name, profile, settings in CASES
    }
    made["review"] = api.make_review(load_bank(content_dir()), OutputFormat.PDF)[0].data
    profile, record = build_visit(read_profile_file(RECORD_SAMPLE), {})
    made["card"] = api.make_card(profile, record)[0]
    large = profile.model_copy(update={"large_print": True})
    made["card-large-print"] = api.make_card(large, record)[0]
    return made


RECORD_SAMPLE = ROOT / "samples" / "profiles" / "hearing-clinic-visit.yaml"
ALL = [*NAMES, "review", "card", "card-large-print"]


# -- the document declares what it is --------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_the_document_declares_itself_tagged_and_pdf_ua(
    name: str, documents: dict[str, bytes]
) -> None:
    pdf = pikepdf.open(io.BytesIO(documents[name]))
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "en"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert "/StructTreeRoot" in root and "/ParentTree" in root.StructTreeRoot
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"
        assert xmp.get("dc:title") == str(pdf.docinfo.Title)
    for number, page in enumerate(pdf.pages, start=1):
        if "/Annots" in page.obj:
            assert page.obj.Tabs == "/S", f"page {number}: fields out of reading order"
        assert "/StructParents" in page.obj, f"page {number} has no place in the parent tree"


@pytest.mark.parametrize("name", ALL)
def test_every_font_used_is_embedded(name: str, documents: dict[str, bytes]) -> None:
    pdf = pikepdf.open(io.BytesIO(documents[name]))
    for number, page in enumerate(pdf.pages, start=1):
        for font_name, font in page.Resources.get("/Font", {}).items():
            described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            assert descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            ), f"page {number}: {font_name} ({font.BaseFont}) is not embedded"


def test_pdfinfo_reports_the_pack_as_tagged(documents: dict[str, bytes], tmp_path: Path) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo not installed (CI installs poppler-utils)")
    path = tmp_path / "pack.pdf"
    path.write_bytes(documents["newly-diagnosed-infant"])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.MULTILINE)


# -- every mark on every page is content or an artifact ----------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_every_mark_is_tagged_content_or_an_artifact(
    name: str, documents: dict[str, bytes]
) -> None:
    pdf = pikepdf.open(io.BytesIO(documents[name]))
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, page in enumerate(pdf.pages, start=1):
        marks = page_marks(page)
        assert not marks.unmarked, (
            f"page {number}: {marks.unmarked[:5]} drawn neither tagged nor artifact"
        )
        assert marks.artifacts, f"page {number}: running header and page number are not artifacts"
        assert marks.mcids == list(range(len(marks.mcids))), f"page {number}: MCIDs out of order"
        owners = parents[int(page.obj.StructParents)]
        assert len(owners) == len(marks.mcids), f"page {number}: parent tree and page disagree"
        for mcid, owner in zip(marks.mcids, owners, strict=True):
            kids = owner.K if isinstance(owner.K, pikepdf.Array) else [owner.K]
            held = {int(k) if isinstance(k, int) else int(k.get("/MCID", -1)) for k in kids}
            assert mcid in held, f"page {number}: MCID {mcid}'s element does not hold it"


@pytest.mark.parametrize(
    "name", ["large-print-fillable", "greek-cyrillic-letter", "handout-awaiting-result"]
)
def test_every_field_and_link_has_its_element(name: str, documents: dict[str, bytes]) -> None:
    pdf = pikepdf.open(io.BytesIO(documents[name]))
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    kinds = set()
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            kind = str(annotation.Subtype)
            kinds.add(kind)
            owner = parents[int(annotation.StructParent)]
            kids = owner.K if isinstance(owner.K, pikepdf.Array) else [owner.K]
            assert any(
                isinstance(k, pikepdf.Dictionary)
                and k.get("/Type") == "/OBJR"
                and k.Obj.objgen == annotation.objgen
                for k in kids
            ), f"page {number}: the element does not point back at its {kind}"
            if kind == "/Widget":
                assert owner.S == "/Form"
                assert str(annotation.get("/TU", "")), (
                    f"page {number}: a field with no name to read"
                )
            else:
                assert kind == "/Link" and owner.S == "/Link"
                assert str(annotation.Contents), f"page {number}: a link with no description"
    expected = {"/Link"} if name == "handout-awaiting-result" else {"/Link", "/Widget"}
    assert kinds == expected


# -- two checkers nobody here wrote ---------------------------------------------------------


def _tool(name: str) -> str:
    """A checker installed beside this Python (the test extras install both)."""
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def _json_objects(text: str) -> Iterator[dict[str, object]]:
    """pdfua prints one JSON object per file, one after the other."""
    decoder, position = json.JSONDecoder(), 0
    while position < len(text.rstrip()):
        found, end = decoder.raw_decode(text, position)
        yield found
        position = end
        while position < len(text) and text[position].isspace():
            position += 1


def _heading_line(words: list[str], headings: list[list[str]]) -> bool:
    """Whether ``words`` are the first words of several headings side by side, in order (one
    line of a header row whose headings wrap): "Date and Date and" from "Date and result"
    twice."""
    for start in range(len(headings)):
        position, column = 0, start
        while position < len(words) and column < len(headings):
            heading, taken = headings[column], 0
            while (
                taken < len(heading)
                and position + taken < len(words)
                and words[position + taken] == heading[taken]
            ):
                taken += 1
            if taken == 0:
                break
            position, column = position + taken, column + 1
        if words and position == len(words):
            return True
    return False


def _repeated_header_row(finding: dict[str, str]) -> bool:
    """outloud's one known misreading: a record sheet that runs onto another page repeats its
    header row there as decoration (the table's header is read once, on its first page), and
    where the repeated headings wrap into a line such as "Date and Date and Date and Date and"
    outloud takes that line for prose hidden from readers. Only such a line of one sheet's own
    headings, side by side, is let through."""
    words = str(finding.get("evidence") or "").split()
    # Every table that runs onto another page: the record sheets and the checks that may be due.
    bank = load_bank(content_dir())
    tables = [sheet.columns for sheet in bank.sheets] + [list(bank.words.checks.columns)]
    return finding["rule"] == "TAG-002" and any(
        _heading_line(words, [heading.split() for heading in columns]) for columns in tables
    )


def test_only_a_line_of_one_sheets_headings_is_let_through() -> None:
    def finding(evidence: str) -> dict[str, str]:
        return {"rule": "TAG-002", "evidence": evidence}

    assert _repeated_header_row(finding("Date and Date and Date and Date and"))
    assert _repeated_header_row(finding("Check Date and Date and"))
    assert _repeated_header_row(finding("Check How often Last done What to ask"))
    assert not _repeated_header_row(finding("What it is for and when"))
    assert not _repeated_header_row(finding("Date and result Medicine"))
    assert not _repeated_header_row(finding(""))
    assert not _repeated_header_row({"rule": "TAG-001", "evidence": "Date and Date and"})


def checker_errors(paths: list[Path]) -> dict[str, dict[str, object]]:
    """Errors each checker finds in each file, with the rules that found them."""
    found: dict[str, dict[str, object]] = {}
    pdfua = subprocess.run(
        [_tool("pdfua"), "check", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    for result in _json_objects(pdfua.stdout):
        findings: list[dict[str, str]] = result["findings"]  # type: ignore[assignment]
        rules = [f["rule_id"] for f in findings if f["severity"] == "error"]
        summary: dict[str, int] = result["summary"]  # type: ignore[assignment]
        found.setdefault(Path(str(result["file"])).stem, {})["pdfua"] = (summary["errors"], rules)
    outloud = subprocess.run(
        [_tool("outloud"), "--json", "-", "--fail-on", "never", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    for result in json.loads(outloud.stdout)["results"]:
        rules = [
            f["rule"]
            for f in result["findings"]
            if f["severity"] == "error" and not _repeated_header_row(f)
        ]
        errors = len(rules) if result["error"] is None else f"unreadable: {result['error']}"
        found.setdefault(Path(result["path"]).stem, {})["outloud"] = (errors, rules)
    return found


def test_two_independent_pdf_ua_checkers_find_no_errors(
    documents: dict[str, bytes], tmp_path: Path
) -> None:
    paths = []
    for name, data in documents.items():
        paths.append(tmp_path / f"{name}.pdf")
        paths[-1].write_bytes(data)
    found = checker_errors(paths)
    assert sorted(found) == sorted(documents)
    for name, by_checker in found.items():
        assert sorted(by_checker) == ["outloud", "pdfua"], f"{name}: a checker gave no result"
        for checker, (errors, rules) in by_checker.items():  # type: ignore[misc]
            assert errors == 0, f"{name}: {checker} finds errors {rules}"


def test_the_checkers_catch_a_pack_that_is_not_tagged(tmp_path: Path) -> None:
    """They are not checking nothing: the same pack untagged fails both."""
    profile, settings = CASES[0][1], CASES[0][2]
    pack = api.build(profile, OutputFormat.JSON, TODAY, settings).pack
    path = tmp_path / "untagged.pdf"
    path.write_bytes(render_pdf(pack, tagged=False))
    found = checker_errors([path])["untagged"]
    assert found["pdfua"][0] > 0  # type: ignore[index,operator]
    assert found["outloud"][0] > 0  # type: ignore[index,operator]


# -- the reading order is the pack's order ----------------------------------------------------


def headings_in_pack(pack: Pack) -> list[str]:
    """Every heading a reader meets, in the pack's order."""
    found = []
    for section in pack.sections:
        found.append(section.title)
        for block in section.blocks:
            match block:
                case Heading(text=text):
                    found.append(text)
                case Callout(title=title, blocks=inner):
                    found.append(title)
                    found += [b.text for b in inner if isinstance(b, Heading)]
                case QuestionGroup(title=title):
                    found.append(title)
    return found


def questions_in_tree(tree: Node) -> list[str]:
    """The text of each question: the first paragraph of a list item that starts with its
    number (list items that are not questions, such as bullets and sources, do not)."""
    found = []
    for node in tree.walk():
        if node.role == "LBody" and node.children and node.children[0].role == "P":
            text = node.children[0].all_text()
            if re.match(r"\d+\. \S", text):
                found.append(text)
    return found


@pytest.mark.parametrize(("name", "profile", "settings"), CASES, ids=NAMES)
def test_reading_order_gives_the_headings_questions_and_labels_of_the_text_rendering(
    name: str, profile: Profile, settings: api.RunSettings, documents: dict[str, bytes]
) -> None:
    built = api.build(profile, OutputFormat.TXT, TODAY, settings)
    text = squeezed(built.data.decode("utf-8"))
    tree = read_tree(documents[name])
    assert tree.role == "Document"
    nodes = tree.walk()

    headings = [(n.role, n.all_text()) for n in nodes if n.role in HEADINGS]
    assert [squeezed(t) for _, t in headings] == [squeezed(h) for h in headings_in_pack(built.pack)]
    assert [role for role, _ in headings].count("H1") == 1 and headings[0][0] == "H1"
    levels = [int(role[1]) for role, _ in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"

    asked = [f"{q.number}. {q.text}" for b in _groups(built.pack) for q in b.questions]
    assert [squeezed(q) for q in questions_in_tree(tree)] == [squeezed(q) for q in asked]

    # Headings, questions and every table's header cells (the sheets' labels) come in the
    # text rendering's order.
    said = [n for n in nodes if n.role in (*HEADINGS, "TH", "LBody")]
    assert sum(n.role == "TH" for n in said) > 20, "too few labels for this check to mean much"
    position = 0
    for node in said:
        # A list item is read by its first line: a question, a bullet, a source's name.
        first = node.children[0] if node.role == "LBody" and node.children else node
        words = first.all_text()
        found = text.find(squeezed(words), position)
        assert found >= 0, f"{name}: {node.role} {words!r} is not in the text's order"
        position = found


def _groups(pack: Pack) -> list[QuestionGroup]:
    return [b for s in pack.sections for b in s.blocks if isinstance(b, QuestionGroup)]


def _is_header_row(row: Node) -> bool:
    return bool(row.children) and all(c.role == "TH" and c.scope == "Column" for c in row.children)


def test_a_sheet_continued_over_pages_is_one_table_with_one_header_row(
    documents: dict[str, bytes],
) -> None:
    """A record sheet that runs onto another page is read as one table: its header row once
    (the one repeated on the next page is an artifact), every row with a cell per column."""
    tree = read_tree(documents["large-print-fillable"])
    sheets = [n for n in tree.walk() if n.role == "Table" and _is_header_row(n.children[0])]
    assert len(sheets) >= 4, "the record sheets are not read as tables"
    assert any(len(table.all_pages()) > 1 for table in sheets), "no sheet runs over a page"
    for table in sheets:
        assert [_is_header_row(row) for row in table.children].count(True) == 1
        assert len({len(row.children) for row in table.children}) == 1, "rows of uneven width"


def test_tagged_output_is_byte_identical_for_identical_input() -> None:
    _, profile, settings = next(c for c in CASES if c[0] == "greek-cyrillic-letter")
    first = api.build(profile, OutputFormat.PDF, TODAY, settings).data
    again = api.build(profile, OutputFormat.PDF, TODAY, settings).data
    assert first == again

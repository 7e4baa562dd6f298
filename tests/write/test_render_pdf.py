"""The PDF pack, checked the way a reader (or a screen reader) would meet it."""

import io
import re
from collections.abc import Callable

import pypdf
import pytest

from clinic_prep import api
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from clinic_prep.write.pdf.flowables import Gap
from clinic_prep.write.pdf.page import Typography
from tests.conftest import TODAY, pdf_chars, pdf_text


@pytest.fixture(scope="module")
def sample_profile() -> Profile:
    return Profile.model_validate(
        {
            "situations": ["awaiting-result", "siblings"],
            "clinics": ["genetics"],
            "age": 4,
            "first_name": "Sam",
            "visit_date": "2026-12-10",
            "own_questions": ["Can we see the A&E <3 team? <b>really</b> {{ 7*7 }} %s"],
        }
    )


@pytest.fixture(scope="module")
def built(sample_profile: Profile) -> api.Result:
    return api.build(sample_profile, OutputFormat.PDF, TODAY)


@pytest.fixture(scope="module")
def text(built: api.Result) -> str:
    return pdf_text(built.data)


def test_every_chosen_question_is_printed(built: api.Result, text: str) -> None:
    for question in built.plan.questions:
        assert " ".join(question.text.split()) in text, question.id


def test_cover_shows_name_date_clinic_and_top_three_box(text: str) -> None:
    assert "Getting ready for Sam's clinic visit" in text
    assert "10 December 2026" in text
    assert "Genetics" in text
    assert "My three most important questions" in text


def test_what_we_know_box_is_there(text: str) -> None:
    assert "What causes Alström syndrome" in text
    assert "ALMS1" in text and "autosomal recessive" in text


def test_user_text_is_never_markup(text: str) -> None:
    assert "Can we see the A&E <3 team? <b>really</b> {{ 7*7 }} %s" in text


def test_record_sheets_and_where_next(text: str) -> None:
    for title in (
        "My care team",
        "Medicines and allergies",
        "Test results over time",
        "Appointments",
        "The genetic result in plain words",
        "Notes",
        "Questions to carry to next time",
        "Where to go next",
        "Heart scan (echo)",
        "What it means for brothers, sisters and other relatives",
    ):
        assert title in text, title


def test_every_page_has_header_and_page_x_of_y(built: api.Result) -> None:
    """Every page says whose pack it is and where it falls; when the wording last changed is
    said once, with the sources, not in every footer (it means nothing to a family)."""
    reader = pypdf.PdfReader(io.BytesIO(built.data))
    total = len(reader.pages)
    dated = []
    for number, page in enumerate(reader.pages, start=1):
        page_text = page.extract_text()
        assert f"Page {number} of {total}" in page_text
        # A record sheet is kept for later visits: its pages are not headed by this one.
        sheet_page = any(
            page_text.startswith(section.title)
            for section in built.pack.sections
            if section.kept_record
        )
        header = (
            "Records to keep from visit to visit" if sheet_page else "Visit on 10 December 2026"
        )
        assert f"Sam · {header}" in page_text, number
        if "Wording updated" in page_text:
            dated.append(number)
    assert (
        len(dated) == 1
        and "Where these questions come from"
        in reader.pages[dated[0] - 1].extract_text() + reader.pages[dated[0] - 2].extract_text()
    )


def test_no_adult_or_pregnancy_questions_for_a_four_year_old(built: api.Result) -> None:
    topics = {q.topic.id for q in built.plan.questions}
    assert "transition" not in topics and "pregnancy-planning" not in topics


def test_metadata_language_and_title(built: api.Result) -> None:
    reader = pypdf.PdfReader(io.BytesIO(built.data))
    assert reader.metadata is not None
    assert reader.metadata.title == "Questions and records for the clinic visit on 10 December 2026"
    assert reader.metadata.author == "clinic-prep"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/PageMode"] == "/UseOutlines"  # the bookmarks show when it opens
    outline_titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Questions for the visit" in outline_titles
    assert "Medicines and allergies" in outline_titles


def test_only_embedded_atkinson_fonts_at_12pt_or_more(built: api.Result) -> None:
    chars = pdf_chars(built.data)
    assert chars
    fonts = {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for c in chars}
    assert fonts == {"AtkinsonHyperlegible-Regular", "AtkinsonHyperlegible-Bold"}, fonts
    assert min(round(c["size"], 1) for c in chars) >= 12
    reader = pypdf.PdfReader(io.BytesIO(built.data))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, "font not embedded"


def test_same_input_gives_identical_bytes(sample_profile: Profile, built: api.Result) -> None:
    again = api.build(sample_profile, OutputFormat.PDF, TODAY)
    assert again.data == built.data


@pytest.mark.parametrize(("paper", "width", "height"), [("a4", 595.3, 841.9), ("letter", 612, 792)])
def test_paper_size(
    make_profile: Callable[..., Profile], paper: str, width: float, height: float
) -> None:
    data = api.build(
        make_profile(situations=["siblings"], paper=paper), OutputFormat.PDF, TODAY
    ).data
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (width, height)


def test_accented_name_prints_exactly(make_profile: Callable[..., Profile]) -> None:
    data = api.build(
        make_profile(situations=["siblings"], first_name="Łukasz Ğül Zoë"), OutputFormat.PDF, TODAY
    ).data
    assert "Łukasz Ğül Zoë" in pdf_text(data)


def test_left_out_note_says_how_many_without_naming_a_cli_option(
    make_profile: Callable[..., Profile],
) -> None:
    """A family's pack never tells them to type a command-line option."""
    result = api.build(
        make_profile(situations=["newly-diagnosed"], clinics=["eyes", "heart"]),
        OutputFormat.PDF,
        TODAY,
    )
    text = pdf_text(result.data)
    assert f"{result.plan.left_out} more questions fit this visit" in text
    assert not re.search(r"(?<![\w-])--[a-z]", text), "a CLI option is printed in the pack"


# -- accessibility: large print, scripts, fillable forms, document structure ------------------

MANY_SCRIPTS = "Łukasz Αλέξης Жанна Nguyễn İpek"


@pytest.fixture(scope="module")
def large_print_pack() -> bytes:
    profile = Profile.model_validate(
        {
            "situations": ["annual-review", "transition"],
            "clinics": ["eyes", "hearing"],
            "age": 17,
            "reader": "self",
            "first_name": MANY_SCRIPTS,
            "large_print": True,
            "communication_needs": ["braille", "hearing-loop"],
            "communication_notes": "Please speak clearly and face me.",
            "own_questions": ["Можно ли мне взять с собой переводчика?"],
        }
    )
    return api.build(profile, OutputFormat.PDF, TODAY).data


def test_large_print_is_18pt_or_more_everywhere(large_print_pack: bytes) -> None:
    sizes = [round(char["size"], 1) for char in pdf_chars(large_print_pack)]
    assert min(sizes) >= 18
    headings = [c for c in pdf_chars(large_print_pack) if c["fontname"].endswith("Bold")]
    assert max(round(c["size"], 1) for c in headings) >= 22


def test_names_in_any_script_print_exactly(large_print_pack: bytes) -> None:
    text = pdf_text(large_print_pack)
    assert MANY_SCRIPTS in text
    assert "Можно ли мне взять с собой переводчика?" in text
    assert "■" not in text


def test_communication_needs_on_the_cover(large_print_pack: bytes) -> None:
    cover = pypdf.PdfReader(io.BytesIO(large_print_pack)).pages[0].extract_text()
    assert "How I communicate, and what helps me" in cover
    assert "Braille" in cover and "hearing loop" in cover


@pytest.mark.parametrize(
    ("name", "says"),
    [
        (
            "Ana 😀",
            "has characters that cannot be printed (such as an emoji or a rare symbol: "
            "U+1F600); please remove them",
        ),
        ("علي", "Arabic script cannot be printed yet; please write it in Latin letters"),
        (
            "李明",
            "Chinese, Japanese or Korean script cannot be printed yet; please write it in "
            "Latin letters",
        ),
    ],
)
def test_a_character_no_font_has_is_said_in_words(
    make_profile: Callable[..., Profile], name: str, says: str
) -> None:
    from clinic_prep.core.errors import InputError

    with pytest.raises(InputError) as caught:
        api.build(make_profile(situations=["siblings"], first_name=name), OutputFormat.PDF, TODAY)
    assert str(caught.value) == f"first_name: {says}"


def test_structure_seen_by_pikepdf(built: api.Result) -> None:
    import pikepdf

    with pikepdf.open(io.BytesIO(built.data)) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo["/Title"]).startswith("Questions and records")
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            children = [child.title for item in outline.root for child in item.children]
    assert titles[0] == "Getting ready for Sam's clinic visit"
    for expected in (
        "What we know",
        "Questions for the visit",
        "My care team",
        "Medicines and allergies",
        "Test results over time",
        "Appointments",
        "Where to go next",
    ):
        assert expected in titles, expected
    assert "The genetic test and the result" in children


def test_fillable_pack_has_labelled_fields(make_profile: Callable[..., Profile]) -> None:
    import pikepdf

    profile = make_profile(situations=["siblings"], fillable=True)
    result = api.build(profile, OutputFormat.PDF, TODAY)
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        fields = list(pdf.Root.AcroForm.Fields)
        kinds = {str(field.FT) for field in fields}
        tooltips = [str(field.get("/TU", "")) for field in fields]
    assert kinds == {"/Tx", "/Btn"}
    assert all(tooltips), "a field has no tooltip"
    questions = len(result.plan.questions)
    assert sum(t.startswith("Asked: ") for t in tooltips) == questions
    assert sum(t.startswith("Answer to question ") for t in tooltips) == questions
    assert any(t == "Medicines and allergies, Row 1, Medicine" for t in tooltips)
    assert any(t == "Allergies, Row 1, Allergic to" for t in tooltips)
    spoken = [t for t in tooltips if t.startswith("Test results over time, Eye check, ")]
    assert len(spoken) == len(set(spoken)) > 1, spoken
    assert any(t == "My care team, Family doctor, Name" for t in tooltips)


def test_standard_pack_has_no_form_fields(built: api.Result) -> None:
    assert "/AcroForm" not in pypdf.PdfReader(io.BytesIO(built.data)).trailer["/Root"]


def test_all_text_is_black_for_maximum_contrast(large_print_pack: bytes, built: api.Result) -> None:
    """Black on white (21:1) or on the pale box tint (about 19:1): far above WCAG AAA's 7:1."""
    for data in (large_print_pack, built.data):
        colours = {tuple(char["non_stroking_color"] or (0,)) for char in pdf_chars(data)}
        assert colours <= {(0.0, 0.0, 0.0), (0,)}, colours


class _Frame:
    def __init__(self, at_top: bool) -> None:
        self._atTop = at_top


def test_the_space_after_an_item_never_pushes_the_next_item_over() -> None:
    """A Gap takes its height in the middle of a page, only the room left at the foot, and none
    at the top of a page."""
    gap = Gap(1, 20)
    assert gap.wrap(400, 300) == (400, 20)
    assert gap.wrap(400, 7) == (400, 7)
    gap._frame = _Frame(at_top=True)
    assert gap.wrap(400, 300) == (400, 0)


def test_large_print_sets_headings_and_sheet_labels_closer_but_body_text_as_standard() -> None:
    standard, large = Typography().styles(), Typography.large_print().styles()
    for name in ("body", "bullet", "question", "why", "small", "label"):
        for style in (standard[name], large[name]):
            assert style.leading == pytest.approx(style.fontSize * 1.45, abs=0.05)
    for name in ("h1", "h2", "h3"):
        assert large[name].leading >= large[name].fontSize * 1.2 - 0.05
    for name in ("cell", "cellhead"):
        assert large[name].fontSize >= 18
        assert large[name].leading >= large[name].fontSize * 1.25 - 0.05


@pytest.mark.parametrize(
    "variant",
    [{}, {"large_print": True, "paper": "letter", "fillable": True}],
    ids=["standard", "large-print-letter-fillable"],
)
def test_every_bookmark_opens_the_page_of_its_heading_at_the_heading(
    sample_profile: Profile, variant: dict[str, object]
) -> None:
    import pdfplumber
    import pikepdf

    profile = Profile.model_validate({**sample_profile.model_dump(), **variant})
    data = api.build(profile, OutputFormat.PDF, TODAY).data
    document = pikepdf.open(io.BytesIO(data))
    page_of = {page.objgen: number for number, page in enumerate(document.pages)}
    entries: list[tuple[str, int, float]] = []
    with document.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            destination = item.destination
            assert destination[1] == pikepdf.Name.XYZ, item.title
            entries.append((item.title, page_of[destination[0].objgen], float(destination[3])))
            stack[:0] = list(item.children)
    assert len(entries) >= 10
    with pdfplumber.open(io.BytesIO(data)) as plumbed:
        pages = {number: plumbed.pages[number] for number in {page for _, page, _ in entries}}
        for title, number, top in entries:
            page = pages[number]
            lines = page.extract_text_lines()
            heading = next(
                (line for line in lines if " ".join(title.split()).startswith(line["text"])),
                None,
            )
            assert heading is not None, (title, number + 1)
            # The destination's top (from the page's foot) is at or just above the heading.
            heading_top = page.height - heading["top"]
            assert 0 <= top - heading_top <= 40, (title, number + 1, top, heading_top)
    assert len({page for _, page, _ in entries}) > len(entries) // 2, "bookmarks share pages"


def test_a_paragraph_measured_again_at_another_width_is_broken_again() -> None:
    # Measuring is remembered for the last width only: a paragraph that moves to a narrower
    # column (a table cell, a box) must be broken into lines for that width, not the last.
    from reportlab.lib.styles import ParagraphStyle

    from clinic_prep.write.pdf.tagging import TaggedParagraph

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=16)
    text = "Ask the team to explain the result again in simpler words. " * 6

    def fresh(width: float) -> float:
        return float(TaggedParagraph(text, style).wrap(width, 1000)[1])

    paragraph = TaggedParagraph(text, style)
    heights = [paragraph.wrap(width, 1000)[1] for width in (400, 400, 150, 400, 150)]
    assert heights == [fresh(400), fresh(400), fresh(150), fresh(400), fresh(150)]
    assert fresh(150) > fresh(400)
    assert len(paragraph.blPara.lines) * 16 == fresh(150)  # the lines drawn are the last width's


def test_a_width_too_small_for_any_text_is_never_taken_for_the_last() -> None:
    from reportlab.lib.styles import ParagraphStyle

    from clinic_prep.write.pdf.tagging import TaggedParagraph

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=16)
    paragraph = TaggedParagraph("Bring the letter from the clinic.", style)
    assert paragraph.wrap(0, 1000)[1] > 10_000  # fits nowhere, even measured first
    fits = paragraph.wrap(200, 1000)
    assert paragraph.wrap(1e-9, 1000)[1] > 10_000
    assert paragraph.wrap(1e-9, 1000)[1] > 10_000
    assert paragraph.wrap(200, 1000) == fits


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_largest_clinic_details_the_schema_accepts_still_print(paper: str) -> None:
    """Six phone lines, a 400-character address and note, in large print: taller than a page,
    the clinic's box gives way to the same details unboxed, running on (a LayoutError, exit 1,
    before)."""
    from clinic_prep.intake.clinic_info import ClinicInfo

    clinic = ClinicInfo.model_validate(
        {
            "name": "N" * 120,
            "department": "Clinical genetics and rare disease team " * 3,
            "phones": [
                {"label": f"Line {n} for the nurses " + "x" * 90, "number": f"0121 555 01{n:02d}"}
                for n in range(6)
            ],
            "address": ("Level 2, Northfield Road, Northfield NF1 2AB. " * 9)[:400],
            "email": "nurses@example.org",
            "opening_hours": "Monday to Friday, 9am to 5pm",
            "note": ("Please call us if anything changes. " * 12)[:400],
        }
    )
    profile = Profile.model_validate(
        {"situations": ["awaiting-result"], "large_print": True, "paper": paper}
    )
    result = api.build(profile, OutputFormat.PDF, TODAY, api.RunSettings(clinic, handout=True))
    text = pdf_text(result.data)
    assert "0121 555 0105" in text and "Please call us if anything changes" in text


MULTILINE = 1 << 12  # a text field's flag: it takes several lines


def _rules_across(pdf: object, number: int, box: tuple[float, ...]) -> int:
    """How many ruled lines run across the inside of ``box`` (top, bottom, left, right)."""
    top, bottom, left, right = box
    lines = pdf.pages[number].lines  # type: ignore[attr-defined]
    return sum(
        1
        for line in lines
        if line["top"] == line["bottom"]
        and top + 1 < line["top"] < bottom - 1
        and line["x0"] < right
        and line["x1"] > left
    )


@pytest.mark.parametrize("large_print", [False, True], ids=["standard", "large"])
def test_no_ruled_line_crosses_a_space_to_type_in(large_print: bool) -> None:
    """A viewer sets typed lines at its own spacing, which ruled lines cannot match: in a
    fillable pack each space to type several lines in is a box with no rule across it, so no
    typed line is struck through when printed. The plain pack keeps its ruled lines there."""
    import pdfplumber

    fields = {"situations": ["annual-review"], "age": 30, "large_print": large_print}
    plain = api.build(Profile.model_validate(fields), OutputFormat.PDF, TODAY).data
    form = api.build(Profile.model_validate(fields | {"fillable": True}), OutputFormat.PDF, TODAY)
    spaces = []
    for number, page in enumerate(pypdf.PdfReader(io.BytesIO(form.data)).pages):
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots", []):
            field = annotation.get_object()
            if field.get("/FT") == "/Tx" and int(field.get("/Ff", 0)) & MULTILINE:
                x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
                spaces.append((str(field["/T"]), number, (height - y1, height - y0, x0, x1)))
    answers = [space for space in spaces if space[0].endswith("-answer")]
    assert len(answers) >= 10
    with pdfplumber.open(io.BytesIO(form.data)) as pdf:
        crossed = [name for name, number, box in spaces if _rules_across(pdf, number, box)]
    assert not crossed, crossed[:3]
    with pdfplumber.open(io.BytesIO(plain)) as pdf:  # the same pages, ruled to write on
        assert all(_rules_across(pdf, number, box) >= 1 for _, number, box in answers)

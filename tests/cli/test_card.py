"""The emergency card: made from the family's file, the full card on one side of A4 or Letter
(two in large print) and the wallet card on a page of its own, every statement sourced."""

import io
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from clinic_prep import api, cli
from clinic_prep.compose.pack import BulletList, Callout, FoldedCard, Paragraph
from clinic_prep.content.card_schema import CardFile
from clinic_prep.intake.profile_io import build_visit, read_profile_file
from clinic_prep.intake.record import FamilyRecord, Medicine
from clinic_prep.write.pdf.folded_card import PADDING, PANEL_HEIGHT, PANEL_WIDTH, _fitting
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "profiles" / "hearing-clinic-visit.yaml"
runner = CliRunner()


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def sample() -> tuple[object, FamilyRecord]:
    return build_visit(read_profile_file(SAMPLE), {})


@pytest.mark.parametrize(
    ("look", "full_card_pages"),
    [
        ({}, 1),
        ({"paper": "letter"}, 1),
        ({"large_print": True}, 2),
        ({"large_print": True, "paper": "letter"}, 2),
    ],
    ids=["a4", "letter", "large print", "large print letter"],
)
def test_the_card_fits_its_pages(sample: tuple, look: dict, full_card_pages: int) -> None:
    profile, record = sample
    data, _, pages = api.make_card(profile.model_copy(update=look), record)
    texts = _pages(data)
    assert pages == len(texts) == full_card_pages + 1
    assert "Wallet card" in texts[-1] and all("Wallet card" not in t for t in texts[:-1])
    full_card = "".join(texts[:-1])
    for said in ("Metformin", "Sticking plasters", "Meera (mother)", "Sources:"):
        assert said in full_card


def test_every_statement_on_the_card_cites_a_source(sample: tuple) -> None:
    profile, record = sample
    bank = api.default_bank()
    card = bank.card
    assert isinstance(card, CardFile)
    text = " ".join(" ".join(_pages(api.make_card(profile, record)[0])).split())
    for line in [card.condition, *card.emergency]:
        assert " ".join(line.text.split()) in text
        for source in line.sources:  # each source named in the card's sources line
            assert bank.sources[source].name in text


def test_a_wallet_panel_that_cannot_hold_every_line_says_there_is_more() -> None:
    long = Callout("Medicines", (BulletList(tuple(f"Medicine {n}, 10 mg" for n in range(30))),))
    fitted = _fitting(long, "More on the full card.")
    room = PANEL_HEIGHT - 2 * PADDING
    heights = sum(f.wrap(PANEL_WIDTH - 2 * PADDING, 10_000)[1] for f in fitted)
    assert heights <= room
    texts = [getattr(f, "text", "") for f in fitted]
    assert texts[-1] == "More on the full card." and "Medicine 29, 10 mg" not in texts
    short = Callout("Medicines", (Paragraph("Metformin"),))
    assert "More on the full card." not in [getattr(f, "text", "") for f in _fitting(short, "x")]


def test_many_medicines_run_on_but_the_wallet_card_keeps_its_size(sample: tuple) -> None:
    profile, record = sample
    many = record.model_copy(
        update={
            "medicines": [Medicine(name=f"Medicine {n}", dose_and_when="1 mg") for n in range(12)]
        }
    )
    data, pack, _ = api.make_card(profile, many)
    wallet = next(b for s in pack.sections for b in s.blocks if isinstance(b, FoldedCard))
    assert len(wallet.panels) == 4
    texts = _pages(data)
    assert "Medicine 11" in "".join(texts[:-1]) and "Medicine 11" not in texts[-1]


def test_the_card_command_makes_a_card_from_a_record_only_file(tmp_path: Path) -> None:
    family = tmp_path / "record.yaml"
    family.write_text(
        "first_name: Sam\nmedicines: [{name: Enalapril}]\n"
        "emergency_contacts: [{name: Ana, relation: mother, phone: 01632 960 001}]\n",
        encoding="utf-8",
    )
    out = tmp_path / "card.pdf"
    result = runner.invoke(cli.app, ["card", "-p", str(family), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = " ".join(_pages(out.read_bytes()))
    assert "Emergency card: Sam" in text and "Enalapril" in text and "01632 960 001" in text
    assert "None written in the record. Ask." in text  # no allergies given: never "none"


def test_the_card_command_needs_the_family_file() -> None:
    result = runner.invoke(cli.app, ["card", "-o", "card.pdf"])
    assert result.exit_code == 2 and "--profile" in result.stderr

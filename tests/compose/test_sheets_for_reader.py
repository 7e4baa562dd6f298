"""Record sheets fit the reader and the age: read back from the plain-text pack."""

import re

import pytest

from clinic_prep import api
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.intake.profile import Profile
from tests.conftest import TODAY


def _sheets(fields: dict[str, object]) -> tuple[list[str], str]:
    text = api.build(Profile.model_validate(fields), OutputFormat.TXT, TODAY).data.decode()
    return re.findall(r"^Record sheet: (.+)$", text, re.MULTILINE), text


def test_a_relative_keeps_their_own_carrier_test_not_the_affected_persons_records() -> None:
    sheets, text = _sheets({"situations": ["siblings"], "reader": "relative", "age": 24})
    assert "My carrier test" in sheets
    assert {"Notes", "Appointments", "Questions to carry to next time"} <= set(sheets)
    assert not {"Medicines", "Test results over time", "My care team"} & set(sheets)
    assert "Checks that may be due" not in text


def test_the_person_and_their_parent_keep_the_surveillance_records() -> None:
    for reader in ("parent", "self"):
        sheets, _ = _sheets({"situations": ["annual-review"], "reader": reader, "age": 12})
        assert {"Medicines and allergies", "Test results over time", "My care team"} <= set(sheets)
        assert "My carrier test" not in sheets


@pytest.mark.parametrize(
    ("age", "puberty", "spine"), [("6m", False, False), (12, True, True), (40, False, True)]
)
def test_test_result_rows_fit_the_age(age: object, puberty: bool, spine: bool) -> None:
    _, text = _sheets({"situations": ["annual-review"], "age": age})
    sheet = text[text.index("Record sheet: Test results over time") :]
    sheet = sheet[: sheet.index("Record sheet:", 10)]
    assert ("Puberty hormones" in sheet) is puberty
    assert ("Spine check" in sheet) is spine

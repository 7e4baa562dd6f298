"""The profile model: what a family can say about their situation, and how it is checked."""

from datetime import date

import pytest
from pydantic import ValidationError

from clinic_prep.profile import Profile
from clinic_prep.vocabulary import Clinic, Paper, Reader, Situation


def test_minimal_profile_has_calm_defaults() -> None:
    profile = Profile(situations=[Situation.NEWLY_DIAGNOSED])
    assert profile.reader is Reader.PARENT
    assert profile.paper is Paper.A4
    assert profile.max_questions == 15
    assert profile.clinics == []


def test_unknown_situation_error_names_field_and_allowed_values() -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({"situations": ["worried"]})
    error = caught.value.errors()[0]
    assert error["loc"] == ("situations", 0)
    assert "awaiting-result" in error["msg"] and "hospital-stay" in error["msg"]


def test_at_least_one_situation_is_required() -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({"situations": []})
    assert caught.value.errors()[0]["loc"] == ("situations",)


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({"situations": ["siblings"], "favourite_colour": "blue"})
    assert caught.value.errors()[0]["loc"] == ("favourite_colour",)


def test_age_and_date_of_birth_together_are_rejected() -> None:
    with pytest.raises(ValidationError, match="either age or date_of_birth"):
        Profile.model_validate(
            {"situations": ["siblings"], "age": 3, "date_of_birth": "2020-01-01"}
        )


def test_repeated_values_are_dropped_in_order() -> None:
    profile = Profile.model_validate(
        {"situations": ["siblings", "transition", "siblings"], "clinics": ["eyes", "eyes"]}
    )
    assert profile.situations == [Situation.SIBLINGS, Situation.TRANSITION]
    assert profile.clinics == [Clinic.EYES]


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        (date(2020, 6, 15), date(2026, 6, 14), 5),
        (date(2020, 6, 15), date(2026, 6, 15), 6),
        (date(2026, 1, 1), date(2026, 3, 1), 0),
    ],
)
def test_age_from_date_of_birth(born: date, on: date, expected: int) -> None:
    profile = Profile(situations=[Situation.SIBLINGS], date_of_birth=born)
    assert profile.age_on(on) == expected


def test_names_are_trimmed_and_limited() -> None:
    assert Profile(situations=[Situation.SIBLINGS], first_name="  Ana ").first_name == "Ana"
    with pytest.raises(ValidationError):
        Profile(situations=[Situation.SIBLINGS], first_name="x" * 61)

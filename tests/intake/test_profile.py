"""The profile model: what a family can say about their situation, and how it is checked."""

from datetime import date

import pytest
from pydantic import ValidationError

from clinic_prep.core.vocabulary import Clinic, Paper, Reader, Situation
from clinic_prep.core.yaml_source import field_path
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_io import profile_problems


def test_minimal_profile_has_calm_defaults() -> None:
    profile = Profile(situations=[Situation.NEWLY_DIAGNOSED])
    assert profile.reader is Reader.PARENT
    assert profile.paper is Paper.A4
    assert profile.max_questions is None  # 15, or fewer when few questions serve the visit
    assert profile.clinics == []
    assert profile.sex is None and profile.genetic_result is None


def test_unknown_situation_error_names_field_and_allowed_values() -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({"situations": ["worried"]})
    error = caught.value.errors()[0]
    assert error["loc"] == ("situations", 0)
    assert "awaiting-result" in error["msg"] and "hospital-stay" in error["msg"]


def test_a_situation_or_a_clinic_is_required() -> None:
    with pytest.raises(ValidationError, match="give a situation, or the clinic"):
        Profile.model_validate({"situations": []})


def test_a_clinic_alone_is_a_regular_visit() -> None:
    profile = Profile.model_validate({"clinics": ["eyes"]})
    assert profile.situations == [Situation.ROUTINE_VISIT]
    with pytest.raises(ValidationError, match="name the clinic the regular visit"):
        Profile.model_validate({"situations": ["routine-visit"]})


@pytest.mark.parametrize(
    ("given", "months", "in_words", "in_file"),
    [
        ("7m", 7, "7 months", "7m"),
        ("18 months", 18, "18 months", "18m"),
        (0, 0, "0 months", 0),
        (1, 12, "12 months", 1),
        ("2", 24, "2 years", 2),
        (4, 48, "4 years", 4),
        ("30m", 30, "2 years", "30m"),
    ],
)
def test_ages_in_months_and_years(
    given: object, months: int, in_words: str, in_file: object
) -> None:
    age = Profile.model_validate({"clinics": ["eyes"], "age": given}).age
    assert age is not None
    assert (age.months, age.in_words(), age.for_file()) == (months, in_words, in_file)


@pytest.mark.parametrize("bad", ["7 weeks", "-1", "121", "four", True, 2.5])
def test_bad_ages_say_how_to_write_one(bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({"clinics": ["eyes"], "age": bad})
    error = caught.value.errors()[0]
    assert error["loc"] == ("age",)
    assert "7m" in error["msg"] or "between 0 and 120" in error["msg"]


@pytest.mark.parametrize(
    ("fields", "diagnosis"),
    [
        ({"situations": ["suspected"]}, "not-confirmed"),
        ({"situations": ["awaiting-result"], "clinics": ["eyes"]}, "not-confirmed"),
        ({"situations": ["result-received"], "genetic_result": "uncertain"}, "not-confirmed"),
        ({"situations": ["annual-review"], "genetic_result": "one-change"}, "not-confirmed"),
        ({"situations": ["result-received"], "genetic_result": "confirmed"}, "confirmed"),
        ({"situations": ["newly-diagnosed"]}, "confirmed"),
        ({"clinics": ["heart"]}, "confirmed"),
        ({"situations": ["result-received"]}, None),
        ({"situations": ["siblings"], "reader": "relative"}, "confirmed"),
    ],
)
def test_what_the_profile_establishes_about_the_diagnosis(
    fields: dict[str, object], diagnosis: str | None
) -> None:
    assert Profile.model_validate(fields).diagnosis == diagnosis


def test_a_result_cannot_be_both_back_and_awaited() -> None:
    with pytest.raises(ValidationError, match="cannot be awaiting-result"):
        Profile.model_validate({"situations": ["awaiting-result"], "genetic_result": "confirmed"})


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
    ("born", "on", "years", "in_words"),
    [
        (date(2020, 6, 15), date(2026, 6, 14), 5, "5 years"),
        (date(2020, 6, 15), date(2026, 6, 15), 6, "6 years"),
        (date(2026, 1, 1), date(2026, 3, 1), 0, "2 months"),
        (date(2026, 1, 31), date(2026, 3, 1), 0, "1 month"),
        (date(2025, 5, 20), date(2026, 11, 19), 1, "17 months"),
    ],
)
def test_age_from_date_of_birth(born: date, on: date, years: int, in_words: str) -> None:
    profile = Profile(situations=[Situation.SIBLINGS], date_of_birth=born)
    age = profile.age_on(on)
    assert age is not None and (age.years, age.in_words()) == (years, in_words)


def test_names_are_trimmed_and_limited() -> None:
    assert Profile(situations=[Situation.SIBLINGS], first_name="  Ana ").first_name == "Ana"
    with pytest.raises(ValidationError):
        Profile(situations=[Situation.SIBLINGS], first_name="x" * 61)


@pytest.mark.parametrize(
    ("given", "needs"),
    [
        ({"large_print": True}, ["large-print"]),
        ({"large_print": "yes", "communication_needs": "braille"}, ["braille", "large-print"]),
        ({"large_print": True, "communication_needs": ["large-print"]}, ["large-print"]),
        ({"large_print": "no"}, []),
    ],
)
def test_a_large_print_pack_makes_large_print_a_need_however_it_is_asked(
    given: dict[str, object], needs: list[str]
) -> None:
    """A flag, a spreadsheet cell ("yes") or a file: the same rule as the interview's."""
    profile = Profile.model_validate({"clinics": ["eyes"], **given})
    assert [need.value for need in profile.communication_needs] == needs


# Dates that cannot be true are refused at the door, naming the field and never the date: a
# check after the visit (or after today, with no visit date), before the person was born, a
# year typed wrong, an age over 120. Printed as facts, they would mislead ("not due yet").
@pytest.mark.parametrize(
    ("fields", "where", "says"),
    [
        ({"last_checks": {"echo": "9999-12-01"}}, "last_checks", "that year cannot be right"),
        ({"last_checks": {"echo": "2099-01-01"}}, "last_checks.echo", "is dated in the future"),
        (
            {"last_checks": {"echo": "2026-12"}, "visit_date": "2026-11-30"},
            "last_checks.echo",
            "is dated after the visit date",
        ),
        (
            {"last_checks": {"echo": "2019-12"}, "date_of_birth": "2020-01-15"},
            "last_checks.echo",
            "is dated before the date of birth",
        ),
        ({"date_of_birth": "0001-01-01"}, "date_of_birth", "that year cannot be right"),
        ({"date_of_birth": "1901-01-01"}, "date_of_birth", "over 120"),
        ({"visit_date": "10000-01-01"}, "visit_date", "use YYYY-MM-DD"),
    ],
)
def test_dates_that_cannot_be_true_are_refused(
    fields: dict[str, object], where: str, says: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({"situations": ["annual-review"], **fields})
    message = "; ".join(f"{field_path(loc)}: {why}" for loc, why in profile_problems(caught.value))
    assert where in message and says in message
    for value in (v for v in fields.values() if isinstance(v, str)):
        assert value not in message  # never a family's date echoed


def test_a_check_in_the_month_of_birth_is_accepted() -> None:
    profile = Profile.model_validate(
        {
            "situations": ["newly-diagnosed"],
            "date_of_birth": "2026-03-20",
            "last_checks": {"echo": "2026-03"},
            "visit_date": "2026-11-20",
        }
    )
    assert profile.last_checks["echo"].month == 3

"""Checks that may be due: the schedule against the fact sheet, and the status arithmetic."""

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.choose.checks import CheckStatus, Visit, applies, status_on
from clinic_prep.choose.selection import select
from clinic_prep.content.model import Bank
from clinic_prep.content.schema import Check
from clinic_prep.core.age import Age
from clinic_prep.core.errors import InputError
from clinic_prep.core.last_done import LastDone, parse_last_done
from clinic_prep.core.vocabulary import BodySystem, Clinic, Situation
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_io import build_profile
from tests.conftest import TODAY, pdf_text

# From ../shared/facts/alstrom.md, section 3 (consensus Table 3 and ASI guidance): interval in
# months as (min, max), or None where the sources give none. Echo: the sources differ.
FACT_SHEET = {
    "eye-exam": (12, 12),
    "erg": (12, 12),
    "hearing-test": (12, 12),
    "ecg": (12, 12),
    "echo": (6, 12),
    "heart-mri": (36, 60),
    "heart-strain-blood-test": None,
    "blood-pressure-24h": (12, 12),
    "heart-rhythm-24h": (24, 36),
    "liver-blood-tests": (12, 12),
    "liver-scan": None,
    "blood-fats": (12, 12),
    "blood-sugar": (12, 12),
    "weight-height": (3, 3),
    "thyroid": None,
    "kidney-tests": None,
    "lung-function": None,
}


def _check(bank: Bank, check_id: str) -> Check:
    return next(check for check in bank.checks if check.id == check_id)


@pytest.mark.parametrize(("check_id", "interval"), FACT_SHEET.items())
def test_the_schedule_matches_the_fact_sheet(
    bank: Bank, check_id: str, interval: tuple[int, int] | None
) -> None:
    check = _check(bank, check_id)
    every = check.every_months
    assert ((every.min, every.max) if every else None) == interval
    if interval is None:
        assert "ask your team" in check.how_often.lower()
    elif interval[0] != interval[1] and check_id == "echo":
        assert "differ" in check.how_often


def test_every_check_in_the_schedule_is_in_the_table(bank: Bank) -> None:
    assert {check.id for check in bank.checks} == set(FACT_SHEET)


@pytest.mark.parametrize(
    ("check_id", "last", "visit", "expected"),
    [
        ("ecg", "2026-01-15", date(2027, 1, 14), CheckStatus.NOT_DUE_YET),
        ("ecg", "2026-01-15", date(2027, 1, 15), CheckStatus.MAY_BE_DUE),  # a year exactly
        ("ecg", "2026-01", date(2026, 12, 31), CheckStatus.NOT_DUE_YET),
        ("ecg", "2026-01", date(2027, 1, 1), CheckStatus.MAY_BE_DUE),  # a month alone
        ("ecg", "2024-02-29", date(2025, 2, 27), CheckStatus.NOT_DUE_YET),  # leap day
        ("ecg", "2024-02-29", date(2025, 2, 28), CheckStatus.MAY_BE_DUE),
        ("weight-height", "2026-11-30", date(2027, 2, 27), CheckStatus.NOT_DUE_YET),
        ("weight-height", "2026-11-30", date(2027, 2, 28), CheckStatus.MAY_BE_DUE),
        ("echo", "2026-01-10", date(2026, 7, 9), CheckStatus.NOT_DUE_YET),
        ("echo", "2026-01-10", date(2026, 7, 10), CheckStatus.ASK),  # the sources differ
        ("echo", "2026-01-10", date(2027, 1, 9), CheckStatus.ASK),
        ("echo", "2026-01-10", date(2027, 1, 10), CheckStatus.MAY_BE_DUE),  # both agree
        ("thyroid", "2020-01-01", date(2027, 1, 1), CheckStatus.ASK),  # no interval known
        ("ecg", None, date(2027, 1, 1), CheckStatus.NO_DATE),
    ],
)
def test_status_on_the_visit_date(
    bank: Bank, check_id: str, last: str | None, visit: date, expected: CheckStatus
) -> None:
    done = parse_last_done(last) if last else None
    assert status_on(_check(bank, check_id), done, visit, _visit(age=Age(12 * 12)), 2) is expected


def _visit(
    clinics: tuple[Clinic, ...] = (),
    situations: tuple[Situation, ...] = (),
    age: Age | None = None,
    involves: tuple[BodySystem, ...] = (),
    whole_person: bool = False,
    baseline: bool = False,
) -> Visit:
    return Visit(
        clinics=frozenset(clinics),
        situations=frozenset(situations),
        involves=frozenset(involves),
        age=age,
        whole_person=whole_person,
        baseline=baseline,
        required=frozenset(),
        for_the_person=True,
    )


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("2024-11-23", CheckStatus.OVERDUE),  # twice the longest interval, exactly
        ("2024-11-24", CheckStatus.MAY_BE_DUE),  # a day short of it
    ],
)
def test_a_check_far_past_its_interval_is_overdue(
    bank: Bank, last: str, expected: CheckStatus
) -> None:
    visit = date(2026, 11, 23)
    status = status_on(_check(bank, "echo"), parse_last_done(last), visit, _visit(age=Age(120)), 2)
    assert status is expected


def test_a_babys_heart_scan_has_no_interval_of_ours(bank: Bank) -> None:
    """No source gives a baby's echo interval: the team decides, whatever the date."""
    baby = _visit(age=Age(4), clinics=(Clinic.HEART,))
    echo = _check(bank, "echo")
    assert status_on(echo, parse_last_done("2026-01"), date(2026, 11, 23), baby, 2) is (
        CheckStatus.ASK
    )


def test_at_diagnosis_the_first_checks_are_listed_as_usual_then(bank: Bank) -> None:
    new = _visit(situations=(Situation.NEWLY_DIAGNOSED,), age=Age(4), baseline=True)
    listed = {c.id for c in bank.checks if applies(c, new)}
    assert {"echo", "ecg", "eye-exam", "hearing-test"} <= listed
    assert not {"blood-pressure-24h", "heart-rhythm-24h", "heart-mri", "lung-function"} & listed
    echo = _check(bank, "echo")
    assert status_on(echo, None, date(2026, 11, 23), new, 2) is CheckStatus.AT_DIAGNOSIS


@pytest.mark.parametrize("situation", ["suspected", "awaiting-result"])
def test_while_tests_are_under_way_the_first_checks_are_listed_but_not_as_done(
    bank: Bank, situation: str
) -> None:
    """At the eye clinic, a girl of 12 with tests under way gets the heart scan listed (heart
    problems can start at any age), asked about as due, not as done at a diagnosis not made."""
    profile = Profile.model_validate({"situations": [situation], "clinics": ["eyes"], "age": 12})
    due = {item.check.id: item.status for item in select(profile, bank, TODAY).checks}
    assert {"echo", "ecg", "hearing-test", "eye-exam"} <= set(due)
    assert CheckStatus.AT_DIAGNOSIS not in due.values()


def test_a_declared_system_brings_its_checks_where_the_whole_person_is_seen(bank: Bank) -> None:
    adult = Age(20 * 12)
    seen = _visit(situations=(Situation.TRANSITION,), age=adult, involves=(BodySystem.HEART,))
    assert not {c.id for c in bank.checks if applies(c, seen)}
    whole = _visit(
        situations=(Situation.TRANSITION,),
        age=adult,
        involves=(BodySystem.HEART,),
        whole_person=True,
    )
    assert {"echo", "ecg"} <= {c.id for c in bank.checks if applies(c, whole)}


@pytest.mark.parametrize(("last_echo", "listed"), [("2025-09", True), ("2026-09", False)])
def test_a_check_the_family_keeps_track_of_is_listed_once_its_gap_has_passed(
    bank: Bank, last_echo: str, listed: bool
) -> None:
    """At the lung clinic, which does no heart scans, an echo whose date the family gave is
    listed once its usual gap has passed (15 months: not yet overdue), and not before."""
    profile = Profile.model_validate(
        {
            "clinics": ["lungs"],
            "age": 52,
            "reader": "self",
            "last_checks": {"echo": last_echo},
            "visit_date": "2026-12-10",
        }
    )
    due = {item.check.id: item.status for item in select(profile, bank, TODAY).checks}
    assert ("echo" in due) is listed
    if listed:
        assert due["echo"] is CheckStatus.MAY_BE_DUE


@pytest.mark.parametrize("bad", ["2025", "15/01/2025", "2025-13", "2025-02-30", "soon"])
def test_a_last_date_must_be_a_real_day_or_month(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_last_done(bad)


def test_last_done_in_words() -> None:
    assert LastDone(2025, 1).when_in_words() == "in January 2025"
    assert LastDone(2025, 1, 15).when_in_words() == "on 15 January 2025"


def test_a_baby_gets_no_adult_checks(bank: Bank) -> None:
    baby = Age(5)
    for clinic in (Clinic.HEART, Clinic.LUNGS, Clinic.MULTIDISCIPLINARY):
        ids = {c.id for c in bank.checks if applies(c, _visit((clinic,), age=baby))}
        assert not {"heart-mri", "lung-function", "blood-pressure-24h", "heart-rhythm-24h"} & ids
    adult = Age(30 * 12)
    assert applies(_check(bank, "lung-function"), _visit((Clinic.LUNGS,), age=adult))
    assert not applies(_check(bank, "erg"), _visit((Clinic.EYES,), age=adult))


def test_a_yearly_review_looks_at_every_check_for_the_age(bank: Bank) -> None:
    teen = Age(15 * 12)
    review = _visit(situations=(Situation.ANNUAL_REVIEW,), age=teen)
    ids = {c.id for c in bank.checks if applies(c, review)}
    assert ids == set(FACT_SHEET) - {"lung-function"}
    assert {c.id for c in bank.checks if applies(c, _visit((Clinic.EYES,), age=teen))} == {
        "eye-exam",
        "erg",
    }


def test_a_check_that_may_be_due_brings_its_question(bank: Bank) -> None:
    profile = Profile.model_validate(
        {
            "clinics": ["heart"],
            "age": 12,
            "visit_date": "2027-03-01",
            "last_checks": ["echo=2025-09-15", "ecg=2027-01-10"],
        }
    )
    plan = select(profile, bank, TODAY)
    status = {item.check.id: item.status for item in plan.checks}
    assert status["echo"] is CheckStatus.MAY_BE_DUE
    assert status["ecg"] is CheckStatus.NOT_DUE_YET
    assert status["heart-mri"] is CheckStatus.NO_DATE
    [echo] = [q for q in plan.questions if q.id == "check-echo"]
    assert echo.text == "Is a heart scan (echo) due?"
    assert echo.why is not None and "on 15 September 2025" in echo.why
    assert not any(q.id == "check-ecg" for q in plan.questions)


def test_an_unknown_check_is_refused_at_the_door_with_did_you_mean() -> None:
    """The profile itself refuses a check the schedule does not know, so every way in names
    what the person typed (the flag, the column, the file's line)."""
    with pytest.raises(ValidationError, match="unknown check 'eco'; did you mean 'echo'"):
        Profile.model_validate({"clinics": ["heart"], "last_checks": {"eco": "2025-01"}})
    with pytest.raises(InputError, match=r"^--last-check: unknown check 'eco'; did you mean"):
        build_profile(None, {"clinics": ["heart"], "last_checks": ["eco=2025-01"]})


def test_a_misspelt_check_in_a_spreadsheet_row_names_its_column(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "family_id,situations,age,last_checks\nF1,annual-review,7,ecoh=2025-01\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 3, result.stderr
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as stream:
        [row] = list(csv.DictReader(stream))
    assert row["column"] == "last_checks"
    assert row["reason"] == "unknown check 'ecoh'; did you mean 'echo'?"


def _pack_text(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "pack.pdf"
    result = CliRunner().invoke(cli.app, ["generate", *args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return pdf_text(out.read_bytes())


def test_the_printed_pack_says_which_checks_may_be_due(tmp_path: Path) -> None:
    """The issue's own example, read back from the PDF and the JSON plan."""
    args = ["--clinic", "heart", "--age", "12", "--visit-date", "2027-03-01"]
    args += ["--last-check", "echo=2025-09-15", "--last-check", "ecg=2027-01-10"]
    text = _pack_text(tmp_path, *args)
    section = text[text.index("Checks that may be due") :]
    # A table: the check, how often, when it was last done, what to ask.
    assert "Check How often Last done What to ask" in section
    assert (
        "Heart scan (echo) Every year, or every 6 to 12 months (the sources differ) "
        "15 September 2025 It may be due: the usual gap has passed." in section
    )
    assert "Heart tracing (ECG) Every year 10 January 2027 Not due yet" in section
    assert "Heart MRI scan Every 3 to 5 years, from later childhood No date Ask if it is due." in (
        section
    )
    assert "No date written down" not in section
    assert "Your team decides which checks are needed and when." in section
    assert "Is a heart scan (echo) due?" in text  # the check brings its question
    assert "Last: 15 September 2025" in text  # and its date on the test results sheet
    # The table comes after the questions, never between them.
    assert text.index("Is a heart scan (echo) due?") < text.index("Checks that may be due")
    assert text.rindex("Why ask:") < text.index("Checks that may be due")

    plan = json.loads(CliRunner().invoke(cli.app, ["generate", *args, "-f", "json"]).stdout)
    status = {check["id"]: check["status"] for check in plan["checks"]}
    assert status["echo"] == "may-be-due" and status["ecg"] == "not-due-yet"
    assert status["heart-mri"] == "no-date"
    [echo] = [check for check in plan["checks"] if check["id"] == "echo"]
    assert echo["last_done"] == "2025-09-15" and echo["every_months"] == [6, 12]


def test_a_babys_pack_lists_no_adult_checks(tmp_path: Path) -> None:
    text = _pack_text(tmp_path, "-s", "annual-review", "--age", "5m")
    assert "Checks that may be due" in text
    assert "Heart MRI" not in text and "Breathing test (lung function)" not in text
    assert "Heart scan (echo)" in text[text.index("Checks that may be due") :]


def test_a_last_check_after_the_visit_is_refused() -> None:
    result = CliRunner().invoke(
        cli.app,
        ["generate", "-c", "heart", "--visit-date", "2026-01-01", "--last-check", "echo=2026-02"],
    )
    assert result.exit_code == 2
    assert "--last-check: echo is dated after the visit date" in result.stderr


def test_of_checks_that_may_be_due_one_question_per_body_system(bank: Bank) -> None:
    """The eye check and the retina test done the same day are both due again: one question
    asks about the eyes; both stay in the checks list with their dates."""
    profile = Profile.model_validate(
        {
            "situations": ["annual-review"],
            "age": 12,
            "last_checks": {"eye-exam": "2025-10", "erg": "2025-10", "hearing-test": "2025-10"},
            "visit_date": "2026-11-20",
        }
    )
    plan = select(profile, bank, TODAY)
    asked = [q.id for q in plan.questions if q.id.startswith("check-")]
    assert asked == ["check-eye-exam", "check-hearing-test"]
    due = {item.check.id: item.status for item in plan.checks}
    assert due["erg"] is due["eye-exam"] is CheckStatus.MAY_BE_DUE


def test_with_no_dates_given_there_is_no_column_of_no_date(tmp_path: Path) -> None:
    """A column that would say the same on every row is said once, above the table: no
    "No date" column, and no "Ask if it is due" printed against every check."""
    text = _pack_text(tmp_path, "-s", "annual-review", "--age", "30")
    section = text[text.index("Checks that may be due") :]
    assert "Check How often Eye check" in section
    assert "Ask your team which of them are due." in section
    assert "Last done" not in section and "No date" not in section
    assert "What to ask" not in section and "Ask if it is due" not in section
    # Where what to ask differs (one check dated, the rest not), it is a column again.
    dated = _pack_text(
        tmp_path, "-s", "annual-review", "--age", "30", "--last-check", "echo=2020-01"
    )
    section = dated[dated.index("Checks that may be due") :]
    assert "Check How often Last done What to ask" in section


def test_one_question_asks_for_a_body_systems_overdue_checks(bank: Bank) -> None:
    """A heart scan and a heart tracing both three years old: both are listed as overdue, and
    one question (the heart scan's, first in the schedule) asks about them, not two."""
    profile = Profile.model_validate(
        {
            "clinics": ["heart"],
            "age": 30,
            "reader": "self",
            "last_checks": {"echo": "2023-11", "ecg": "2023-11"},
            "visit_date": "2026-12-10",
        }
    )
    plan = select(profile, bank, TODAY)
    due = {item.check.id: item.status for item in plan.checks}
    assert due["echo"] is due["ecg"] is CheckStatus.OVERDUE
    asked = [q.id for q in plan.questions if q.id.startswith("check-")]
    assert asked == ["check-echo"]

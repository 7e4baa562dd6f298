"""The content checks a clinician relies on, each shown failing on a crafted bad bank."""

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.api import default_bank
from clinic_prep.content_quality import MIN_PER_SITUATION, assess

runner = CliRunner()


def check(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli.app, ["content", "check", *args], env={"COLUMNS": "250"})
    return result.exit_code, result.stdout + result.stderr


def test_shipped_bank_passes_with_median_grade_reported() -> None:
    code, out = check()
    assert code == 0, out
    assert "Reading grade: median" in out and "Content OK" in out
    report = assess(default_bank(), date(2026, 11, 23))
    assert report.max_grade <= 8 and report.median_grade < 6
    assert all(count >= MIN_PER_SITUATION for count in report.coverage.by_situation.values())


def test_hard_words_fail_the_reading_ceiling(content_copy: Path) -> None:
    path = content_copy / "questions" / "09-liver.yaml"
    hard = (
        "Should hepatological investigations, particularly elastography, "
        "be systematically incorporated into surveillance?"
    )
    path.write_text(
        path.read_text().replace("What do the liver blood tests show, and have they changed?", hard)
    )
    code, out = check("--content-dir", str(content_copy))
    assert code == 2
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if "liver-results" in text
    )
    assert f"09-liver.yaml:{line}: liver-results text: reading grade" in out
    assert "above the ceiling of 8" in out
    code, _ = check("--content-dir", str(content_copy), "--max-grade", "40")
    assert code == 0


def test_old_reviews_are_warnings(content_copy: Path) -> None:
    path = content_copy / "questions" / "11-lungs.yaml"
    path.write_text(path.read_text().replace("reviewed: 2026-11-23", "reviewed: 2019-01-01", 1))
    code, out = check("--content-dir", str(content_copy))
    assert code == 0
    assert "warning: " in out and "lung-chest-infections: last reviewed 2019-01-01" in out


def test_near_duplicates_are_warnings(content_copy: Path) -> None:
    path = content_copy / "questions" / "11-lungs.yaml"
    path.write_text(
        path.read_text()
        + """  - id: lung-chest-infections-again
    text: What should we do at the first signs of a chest infection?
    why: Said twice.
    when: {involves: [lungs]}
    priority: 3
    sources: [asuk]
    reviewed: 2026-11-23
"""
    )
    code, out = check("--content-dir", str(content_copy))
    assert code == 0
    assert "lung-chest-infections-again nearly repeats lung-chest-infections" in out


def test_thin_coverage_fails(content_copy: Path) -> None:
    (content_copy / "questions" / "15-transition.yaml").unlink()
    path = content_copy / "questions" / "16-hospital-emergencies.yaml"
    path.write_text(path.read_text().replace("when: {clinics: [emergency]}", "when: {}", 2))
    code, out = check("--content-dir", str(content_copy))
    assert code == 2
    assert "situation transition has 3 questions; at least 8 are needed" in out
    assert "clinic emergency has 3 questions; at least 5 are needed" in out


def test_the_sample_clinic_overlay_passes_every_check() -> None:
    from .conftest import ROOT

    code, out = check("--content-dir", str(ROOT / "samples" / "clinic" / "local-questions"))
    assert code == 0, out
    assert "Content OK" in out

"""The content checks a clinician relies on, each shown failing on a crafted bad bank."""

import re
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.api import default_bank
from clinic_prep.choose.content_quality import (
    MIN_PER_SITUATION,
    MIN_ROUTINE_PER_CLINIC,
    ROUTINE_AGES_REQUIRED,
    assess,
)
from clinic_prep.core.vocabulary import Situation

ROUTINE_VISIT = Situation.ROUTINE_VISIT

runner = CliRunner()


def check(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli.app, ["content", "check", *args], env={"COLUMNS": "250"})
    return result.exit_code, result.stdout + result.stderr


def test_shipped_bank_passes_with_median_grade_reported() -> None:
    code, out = check()
    assert code == 0, out
    assert "Reading grade: median" in out and "Content OK" in out
    assert "warning" not in out, "the shipped bank should have no near-duplicates or old wording"
    report = assess(default_bank(), date(2026, 11, 23))
    assert report.max_grade <= 8 and report.median_grade < 6
    stated = {s: n for s, n in report.coverage.by_situation.items() if s is not ROUTINE_VISIT}
    assert all(count >= MIN_PER_SITUATION for count in stated.values())
    for clinic, counts in report.coverage.routine.items():
        assert all(counts[age] >= MIN_ROUTINE_PER_CLINIC for age in ROUTINE_AGES_REQUIRED), clinic


def _first_text(path: Path, question_id: str) -> str:
    lines = path.read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {question_id}")
    return lines[start + 1].split("text: ", 1)[1]


def test_hard_words_fail_the_reading_ceiling(content_copy: Path) -> None:
    path = content_copy / "questions" / "09-liver.yaml"
    hard = (
        "Should hepatological investigations, particularly elastography, "
        "be systematically incorporated into surveillance?"
    )
    path.write_text(path.read_text().replace(_first_text(path, "liver-results"), hard))
    code, out = check("--content-dir", str(content_copy))
    assert code == 2
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if "liver-results" in text
    )
    assert f"09-liver.yaml:{line}: liver-results text: reading grade" in out
    assert "above the ceiling of 8" in out
    code, _ = check("--content-dir", str(content_copy), "--max-grade", "40")
    assert code == 0


def test_old_wording_is_a_warning(content_copy: Path) -> None:
    path = content_copy / "questions" / "11-lungs.yaml"
    text = re.sub(r"updated: \d{4}-\d{2}-\d{2}", "updated: 2019-01-01", path.read_text(), count=1)
    path.write_text(text)
    code, out = check("--content-dir", str(content_copy))
    assert code == 0
    assert "warning: " in out and "lung-chest-infections: wording last updated 2019-01-01" in out


def _add_lung_question(content_copy: Path, text: str, extra: str = "") -> None:
    path = content_copy / "questions" / "11-lungs.yaml"
    path.write_text(
        path.read_text()
        + f"""  - id: lung-chest-infections-again
    text: {text}
    why: Said twice.
    when: {{clinics: [lungs]}}
    priority: 1
    sources: [asuk]
    updated: 2026-11-25
{extra}"""
    )


def test_near_duplicates_are_warnings(content_copy: Path) -> None:
    _add_lung_question(
        content_copy,
        _first_text(content_copy / "questions" / "11-lungs.yaml", "lung-chest-infections").replace(
            "?", " now?"
        ),
    )
    code, out = check("--content-dir", str(content_copy))
    assert code == 0
    assert "lung-chest-infections-again nearly repeats lung-chest-infections" in out


def test_questions_that_mean_the_same_are_warnings_unless_grouped(content_copy: Path) -> None:
    """Other words, same meaning, and a lung-clinic list would hold both: a wasted place."""
    _add_lung_question(
        content_copy, "Which steps should we take when a chest infection first starts?"
    )
    code, out = check("--content-dir", str(content_copy))
    assert code == 0
    assert "lung-chest-infections-again may ask the same as lung-chest-infections" in out
    assert "shared words: chest, first, infection" in out

    path = content_copy / "questions" / "11-lungs.yaml"
    grouped = path.read_text().replace(
        "  - id: lung-chest-infections\n", "  - id: lung-chest-infections\n    group: chest\n", 1
    )
    path.write_text(
        grouped.replace("    why: Said twice.\n", "    why: Said twice.\n    group: chest\n")
    )
    code, out = check("--content-dir", str(content_copy))
    assert code == 0 and "may ask the same" not in out


def test_thin_coverage_fails(content_copy: Path) -> None:
    (content_copy / "questions" / "15-transition.yaml").unlink()
    (content_copy / "questions" / "16-hospital-emergencies.yaml").unlink()
    code, out = check("--content-dir", str(content_copy))
    assert code == 2
    assert re.search(r"situation transition has \d questions; at least 8 are needed", out)
    assert re.search(
        r"a regular visit to the emergency clinic, adult \(30\), has \d+ questions serving it; "
        r"at least 10 are needed",
        out,
    )


def test_the_sample_clinic_overlay_passes_every_check() -> None:
    from tests.conftest import ROOT

    code, out = check("--content-dir", str(ROOT / "samples" / "clinic" / "local-questions"))
    assert code == 0, out
    assert "Content OK" in out


def test_a_broken_visit_rule_is_named_with_its_file_and_line(content_copy: Path) -> None:
    rules = content_copy / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace("    checks: [echo]\n", "    checks: [echoo]\n")
    text = text.replace("  times_interval: 1.5\n", "  times_interval: 1\n")
    rules.write_text(text, encoding="utf-8")
    code, out = check("--content-dir", str(content_copy))
    assert code == 2
    lines = text.splitlines()
    interval = next(n for n, line in enumerate(lines, 1) if "times_interval: 1" in line)
    assert re.search(rf"rules\.yaml:{interval}: .*times_interval", out), out
    # The unknown check is reported once the file's shape is sound.
    rules.write_text(text.replace("times_interval: 1\n", "times_interval: 1.5\n"), encoding="utf-8")
    code, out = check("--content-dir", str(content_copy))
    checks_line = next(n for n, line in enumerate(lines, 1) if "checks: [echoo]" in line)
    assert code == 2 and f"rules.yaml:{checks_line}: unknown check 'echoo'" in out, out
    assert "Traceback" not in out

"""The content commands: check the question bank, and print it for review."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clinic_prep.cli.app import content_app
from clinic_prep.cli.shared import (
    BankDirsOpt,
    PaperOpt,
    bank_folders,
    flag_value,
    today,
)
from clinic_prep.core.errors import InputError
from clinic_prep.core.vocabulary import (
    OutputFormat,
    Paper,
)
from clinic_prep.startup import modules_loaded
from clinic_prep.write.output import write_atomic

if TYPE_CHECKING:
    from clinic_prep.choose.content_quality import Coverage, QualityReport


MaxGradeOpt = Annotated[
    float | None,
    typer.Option(
        "--max-grade", metavar="GRADE", help="Highest US reading grade allowed (8 if not given)."
    ),
]
MaxReviewAgeOpt = Annotated[
    int | None,
    typer.Option(
        "--max-review-age",
        metavar="YEARS",
        help="Warn when a review is older than this (2 if not given).",
    ),
]


@content_app.command("check")
def content_check(
    content_dirs: BankDirsOpt = None,
    max_grade: MaxGradeOpt = None,
    max_review_age: MaxReviewAgeOpt = None,
) -> None:
    """Check the question bank: schema, duplicate ids, unknown sources, review dates,
    reading level, near-duplicates and coverage.

    Each problem is printed as FILE:LINE: what is wrong; warnings start with "warning:".
    Exit code 2 when there are problems (warnings alone pass).

    Examples:

      clinic-prep content check

      clinic-prep content check --content-dir ./our-questions --max-grade 7
    """
    from clinic_prep.choose.content_quality import (
        DEFAULT_MAX_GRADE,
        DEFAULT_MAX_REVIEW_AGE_YEARS,
        assess,
    )
    from clinic_prep.content.bank import read_bank

    modules_loaded()
    max_grade = DEFAULT_MAX_GRADE if max_grade is None else max_grade
    max_review_age = DEFAULT_MAX_REVIEW_AGE_YEARS if max_review_age is None else max_review_age
    folder, overlays = bank_folders(content_dirs)
    bank, problems = read_bank(folder, overlays)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) found in {folder}", err=True)
        raise typer.Exit(2)
    assert bank is not None  # no problems, so the bank was built
    quality = assess(
        bank,
        today(),
        max_grade=max_grade,
        max_review_age_years=max_review_age,
        where=folder / "questions",
    )
    for error in quality.errors:
        typer.echo(str(error))
    for warning in quality.warnings:
        typer.echo(f"warning: {warning}")
    _print_coverage(quality.coverage)
    _print_totals(quality, max_grade)
    if quality.errors:
        typer.echo(f"{len(quality.errors)} problem(s) found in {folder}", err=True)
        raise typer.Exit(2)
    typer.echo(
        f"Content OK: {len(bank.questions)} questions in {len(bank.topics)} topics, "
        f"{len(bank.sources)} sources, {len(bank.sheets)} record sheets"
        + (f", {len(quality.warnings)} warning(s)." if quality.warnings else ".")
    )


def _print_totals(quality: "QualityReport", max_grade: float) -> None:
    clinics = ", ".join(
        f"{clinic.value} {count}" for clinic, count in quality.coverage.by_clinic.items()
    )
    typer.echo(f"Questions per clinic: {clinics}")
    typer.echo(
        f"Reading grade: median {quality.median_grade:.1f}, highest {quality.max_grade:.1f} "
        f"(ceiling {max_grade:g})."
    )


def _print_coverage(coverage: "Coverage") -> None:
    """The questions per situation and topic, and per clinic for a regular visit, as tables."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from clinic_prep.choose.content_quality import coverage_table, routine_table

    table = Table(title="Questions per situation and topic", show_lines=False)
    rows = coverage_table(coverage)
    for column in rows[0]:
        table.add_column(Text(column), overflow="fold")
    for row in rows[1:]:
        table.add_row(*(Text(cell) for cell in row))  # text from overlays is never markup
    Console(width=max(200, Console().width)).print(table)
    routine = Table(title="Questions serving a regular visit to each clinic", show_lines=False)
    rows = routine_table(coverage)
    for column in rows[0]:
        routine.add_column(column, overflow="fold")
    for row in rows[1:]:
        routine.add_row(*row)
    Console(width=max(120, Console().width)).print(routine)


# The formats a review sheet is made in.
# The review is a pack: every writer but the FHIR one (a questionnaire for families) makes it.
REVIEW_FORMATS = (OutputFormat.PDF, OutputFormat.HTML, OutputFormat.TXT, OutputFormat.JSON)


@content_app.command("report")
def content_report(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write the review sheet.", dir_okay=False),
    ],
    content_dirs: BankDirsOpt = None,
    format_given: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="pdf, html, txt or json.")
    ] = OutputFormat.PDF.value,
    paper: PaperOpt = None,
) -> None:
    """Print every question for a clinician to review: both wordings, why, when it is chosen,
    sources in full, reading level and review date, with a sign-off box per topic.

    Examples:

      clinic-prep content report -o review.pdf

      clinic-prep content report --content-dir ./our-questions --format html -o review.html
    """
    from clinic_prep import api
    from clinic_prep.content.bank import load_bank

    modules_loaded()
    output_format = flag_value(OutputFormat, format_given, "--format")
    if output_format not in REVIEW_FORMATS:
        raise InputError("--format: a review sheet is made as pdf, html, txt or json")
    folder, overlays = bank_folders(content_dirs)
    bank = load_bank(folder, overlays)
    chosen = flag_value(Paper, paper, "--paper") if paper else Paper.A4
    rendered, pack = api.make_review(bank, output_format, chosen)
    write_atomic(output, rendered.data, overwrite=True)
    typer.echo(f"Wrote {output}: {pack.footer}.", err=True)

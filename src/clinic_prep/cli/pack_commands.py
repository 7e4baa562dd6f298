"""The commands that make one pack: generate, explain and handout."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from clinic_prep import api
from clinic_prep.cli.app import app
from clinic_prep.cli.interview import offer_to_save
from clinic_prep.cli.shared import (
    AgeOpt,
    AllOpt,
    AskOpt,
    ClinicInfoOpt,
    ClinicOpt,
    ContentDirOpt,
    DobOpt,
    FillableOpt,
    InvolvesOpt,
    LargeOpt,
    MaxOpt,
    NameOpt,
    NeedsNoteOpt,
    NeedsOpt,
    PaperOpt,
    ProfileOpt,
    ReaderOpt,
    SituationOpt,
    VisitOpt,
    load_branding,
    profile_overrides,
    resolve_profile,
    today,
    write_output,
)
from clinic_prep.errors import InputError
from clinic_prep.output import write_atomic
from clinic_prep.printing import concatenate_for_duplex
from clinic_prep.profile_io import profile_to_yaml
from clinic_prep.vocabulary import (
    OutputFormat,
    Situation,
)

DEFAULT_PDF_STEM = "clinic-visit-pack"  # never replaced: -2, -3... are added instead


@app.command()
def generate(
    profile: ProfileOpt = None,
    situation: SituationOpt = None,
    clinic: ClinicOpt = None,
    age: AgeOpt = None,
    dob: DobOpt = None,
    involves: InvolvesOpt = None,
    reader: ReaderOpt = None,
    name: NameOpt = None,
    visit_date: VisitOpt = None,
    ask: AskOpt = None,
    paper: PaperOpt = None,
    max_questions: MaxOpt = None,
    all_questions: AllOpt = False,
    large_print: LargeOpt = False,
    fillable: FillableOpt = False,
    needs: NeedsOpt = None,
    needs_note: NeedsNoteOpt = None,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="pdf; html or txt for screen readers; json (the plan); fhir."
        ),
    ] = OutputFormat.PDF,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write; '-' for standard output.", dir_okay=False
        ),
    ] = None,
) -> None:
    """Make a pack for one visit.

    With no situation and no profile, and a person at the keyboard, it asks a few short
    questions first.

    Examples:

      clinic-prep generate

      clinic-prep generate -s awaiting-result -s siblings -c genetics --age 4 -o pack.pdf

      clinic-prep generate --profile samples/profiles/newly-diagnosed-infant.yaml -o pack.pdf

      clinic-prep generate -p my-profile.yaml --format html -o pack.html

      clinic-prep generate -s annual-review --reader self --large-print --needs braille
    """
    chosen, interviewed = resolve_profile(
        profile,
        profile_overrides(
            situations=situation,
            clinics=clinic,
            age=age,
            date_of_birth=dob,
            involves=involves,
            reader=reader,
            first_name=name,
            visit_date=visit_date,
            own_questions=ask,
            paper=paper,
            max_questions=max_questions,
            all_questions=all_questions,
            large_print=large_print,
            fillable=fillable,
            communication_needs=needs,
            communication_notes=needs_note,
        ),
    )
    branding = load_branding(clinic_info, content_dir)
    result = api.build(
        chosen, output_format, today(), api.default_bank(branding.overlays), clinic=branding.clinic
    )
    summary = f"{result.pack.question_count} questions" + (
        f", {result.plan.left_out} more with --all" if result.plan.left_out else ""
    )
    write_output(result.data, output, output_format, DEFAULT_PDF_STEM, summary)
    if interviewed and (save_as := offer_to_save()):
        saved = write_atomic(
            Path(save_as), profile_to_yaml(chosen).encode("utf-8"), overwrite=False
        )
        typer.echo(
            f"Saved your answers to {saved}. Next time: clinic-prep generate -p {saved}", err=True
        )


@app.command()
def explain(
    profile: ProfileOpt = None,
    situation: SituationOpt = None,
    clinic: ClinicOpt = None,
    age: AgeOpt = None,
    dob: DobOpt = None,
    involves: InvolvesOpt = None,
    reader: ReaderOpt = None,
    name: NameOpt = None,
    visit_date: VisitOpt = None,
    ask: AskOpt = None,
    paper: PaperOpt = None,
    max_questions: MaxOpt = None,
    all_questions: AllOpt = False,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
) -> None:
    """Show which questions would be chosen, and why each one was.

    Example:

      clinic-prep explain --situation newly-diagnosed --clinic heart --age 1
    """
    chosen, _ = resolve_profile(
        profile,
        profile_overrides(
            situations=situation,
            clinics=clinic,
            age=age,
            date_of_birth=dob,
            involves=involves,
            reader=reader,
            first_name=name,
            visit_date=visit_date,
            own_questions=ask,
            paper=paper,
            max_questions=max_questions,
            all_questions=all_questions,
        ),
    )
    plan = api.plan_for(
        chosen, today(), api.default_bank(load_branding(clinic_info, content_dir).overlays)
    )
    table = Table(title="Questions chosen for this visit", show_lines=False)
    for column in ("#", "Question", "Topic", "Priority", "Why chosen"):
        table.add_column(column, overflow="fold")
    for number, question in enumerate(plan.questions, start=1):
        marker = f"{number} (top)" if question.top else str(number)
        cells = (
            marker,
            f"{question.id}: {question.text}",
            question.topic.title,
            str(question.priority),
            "; ".join(question.reasons),
        )
        table.add_row(*(Text(cell) for cell in cells))  # questions are text, never markup
    console = Console()
    console.print(table)
    console.print(
        f"{len(plan.questions)} of {plan.matched} matching questions shown"
        + (" (use --all to see every one)." if plan.left_out else ".")
    )


@app.command()
def handout(
    situation: Annotated[
        list[Situation],
        typer.Option("--situation", "-s", help="The situation the handout is for; repeatable."),
    ],
    clinic: ClinicOpt = None,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
    reader: ReaderOpt = None,
    paper: PaperOpt = None,
    large_print: LargeOpt = False,
    fillable: FillableOpt = False,
    max_questions: MaxOpt = None,
    all_questions: AllOpt = False,
    copies: Annotated[
        int, typer.Option("--copies", min=1, max=200, help="Copies in one file, for printing.")
    ] = 1,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="pdf, html, txt or json.")
    ] = OutputFormat.PDF,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write; '-' for standard output.", dir_okay=False
        ),
    ] = None,
) -> None:
    """Print a handout for a situation, with your clinic's details and no family's details.

    The name and age are left as lines to fill in by hand; questions meant for some ages only
    say which ages. With --copies, each copy starts on a right-hand page.

    Examples:

      clinic-prep handout -s awaiting-result --clinic-info clinic.yaml --copies 10 -o handouts.pdf

      clinic-prep handout -s newly-diagnosed -c heart --large-print --content-dir ./our-questions
    """
    profile, _ = resolve_profile(
        None,
        profile_overrides(
            situations=situation,
            clinics=clinic,
            reader=reader,
            paper=paper,
            large_print=large_print,
            fillable=fillable,
            max_questions=max_questions,
            all_questions=all_questions,
        ),
    )
    branding = load_branding(clinic_info, content_dir)
    result = api.build(
        profile,
        output_format,
        today(),
        api.default_bank(branding.overlays),
        clinic=branding.clinic,
        blank_personal=True,
    )
    data = result.data
    if copies > 1:
        if output_format is not OutputFormat.PDF:
            raise InputError("--copies: only for PDF handouts")
        data, _pages = concatenate_for_duplex([data] * copies, result.pack.title)
    write_output(
        data,
        output,
        output_format,
        "clinic-handout",
        f"{result.pack.question_count} questions, {copies} {'copy' if copies == 1 else 'copies'}",
    )

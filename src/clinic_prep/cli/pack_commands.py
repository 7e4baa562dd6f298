"""The commands that make one pack: generate, explain and handout."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clinic_prep.cli.app import app
from clinic_prep.cli.shared import (
    ClinicInfoOpt,
    ContentDirOpt,
    ForceOpt,
    OutputOpt,
    ProfileOpt,
    flag_value,
    flags_named,
    load_branding,
    profile_flags,
    profile_overrides,
    resolve_profile,
    values_help,
    write_output,
)
from clinic_prep.core.dates import today
from clinic_prep.core.errors import InputError
from clinic_prep.core.vocabulary import (
    OutputFormat,
    PackSections,
    Situation,
)
from clinic_prep.intake.profile_fields import PROFILE_FIELDS
from clinic_prep.startup import modules_loaded

if TYPE_CHECKING:  # the library loads when a command runs, not for --help
    from clinic_prep import api
from clinic_prep.write.output import write_atomic

DEFAULT_PDF_STEM = "clinic-visit-pack"  # never replaced: -2, -3... are added instead

# The flags each command takes for profile fields. A pack takes every field; the explanation
# leaves out how the pack looks, which changes no choice; a handout is for any family, so it
# takes none of one family's details.
EVERY_FIELD = tuple(field.name for field in PROFILE_FIELDS)
HOW_THE_PACK_LOOKS = (
    "sections", "large_print", "fillable", "communication_needs", "communication_notes",
)  # fmt: skip
HANDOUT_FIELDS = (
    "situations", "clinics", "reader", "paper", "sections", "large_print", "fillable",
    "max_questions", "all_questions",
)  # fmt: skip
# A handout is copied for every family at a clinic session, most of whom keep their record
# sheets already: it is the questions unless the clinic asks for the sheets too.
HANDOUT_SECTIONS_HELP = (
    "Which parts to make: questions (the questions only: the handout's usual form), all (the "
    "questions and the record sheets) or sheets (the record sheets only)."
)
HANDOUT_SITUATION_HELP = values_help(
    "The situation the handout is for; repeatable. Leave it out for a regular visit to the "
    "--clinic.",
    Situation,
)


@app.command()
@profile_flags(EVERY_FIELD)
def generate(
    ctx: typer.Context,
    profile: ProfileOpt = None,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
    format_given: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="pdf; html or txt for screen readers; json (the plan); fhir.",
        ),
    ] = OutputFormat.PDF.value,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Make a pack for one visit.

    With no situation and no profile, and a person at the keyboard, it asks a few short
    questions first.

    Examples:

      clinic-prep generate

      clinic-prep generate -s awaiting-result -s siblings -c genetics --age 4

      clinic-prep generate --clinic eyes --age 7m -o eye-clinic.pdf

      clinic-prep generate -c heart --age 12 --last-check echo=2025-01-15

      clinic-prep generate -p samples/profiles/newly-diagnosed-infant.yaml

      clinic-prep generate -p my-profile.yaml --format html -o pack.html

      clinic-prep generate -s annual-review --reader self --needs braille
    """
    from clinic_prep import api
    from clinic_prep.cli.interview import offer_to_save
    from clinic_prep.intake.profile_io import profile_to_yaml
    from clinic_prep.intake.record import new_record_id

    modules_loaded()
    output_format = flag_value(OutputFormat, format_given, "--format")
    overrides = profile_overrides(ctx)
    chosen, record, interviewed = resolve_profile(profile, overrides)
    if interviewed and record.record_id is None:
        # The answers may be saved as the family's file: the pack is tied to it from now.
        record = record.model_copy(update={"record_id": new_record_id()})
    settings = load_branding(clinic_info, content_dir)
    with flags_named(overrides):
        result = api.build(chosen, output_format, today(), settings, record=record)
    summary = _made(result, interviewed)
    write_output(result.data, output, output_format, DEFAULT_PDF_STEM, summary, force=force)
    if interviewed and (save_as := offer_to_save()):
        _save_answers(Path(save_as), profile_to_yaml(chosen, record))


def _save_answers(path: Path, text: str) -> None:
    """The interview's answers as the family's file: new (never replacing one), theirs only."""
    saved = write_atomic(path, text.encode("utf-8"), overwrite=False, private=True)
    typer.echo(
        f"Saved your answers to {saved}. Next time: clinic-prep generate -p {saved}", err=True
    )


def _made(result: "api.Result", interviewed: bool) -> str:
    """What the pack holds, for the line that says it was written. A family who answered the
    interview never met the --all flag: the count of questions left out is said alone."""
    more = "fit this visit" if interviewed else "with --all"
    left_out = result.plan.left_out
    return result.pack.contents() + (
        f", {left_out} more questions {more}" if left_out and result.pack.groups else ""
    )


@app.command()
@profile_flags(name for name in EVERY_FIELD if name not in HOW_THE_PACK_LOOKS)
def explain(
    ctx: typer.Context,
    profile: ProfileOpt = None,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
) -> None:
    """Show which questions would be chosen, and why each one was.

    Example:

      clinic-prep explain --situation newly-diagnosed --clinic heart --age 1
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from clinic_prep import api

    modules_loaded()
    chosen, _, _ = resolve_profile(profile, profile_overrides(ctx))
    plan = api.plan_for(chosen, today(), load_branding(clinic_info, content_dir).bank())
    table = Table(title="Questions chosen for this visit", show_lines=False)
    for column in ("#", "Question", "Topic", "Place won", "Why it fits"):
        table.add_column(column, overflow="fold")
    for number, question in enumerate(plan.questions, start=1):
        marker = f"{number} (top)" if question.top else str(number)
        cells = (
            marker,
            f"{question.id}: {question.text}",
            question.topic.title,
            question.placed,
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
@profile_flags(
    HANDOUT_FIELDS,
    help_for={"situations": HANDOUT_SITUATION_HELP, "sections": HANDOUT_SECTIONS_HELP},
)
def handout(
    ctx: typer.Context,
    clinic_info: ClinicInfoOpt = None,
    content_dir: ContentDirOpt = None,
    copies: Annotated[
        int,
        typer.Option(
            "--copies", metavar="N", min=1, max=200, help="Copies in one file, for printing."
        ),
    ] = 1,
    format_given: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="pdf, html, txt or json.")
    ] = OutputFormat.PDF.value,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Print a handout for a situation, with your clinic's details and no family's details.

    The name and age are left as lines to fill in by hand; questions meant for some ages only
    say which ages. It holds the questions; add the record sheets with --sections all. With
    --copies, each copy starts on a right-hand page.

    Examples:

      clinic-prep handout -s awaiting-result --clinic-info clinic.yaml --copies 10

      clinic-prep handout -s newly-diagnosed -c heart --large-print
    """
    from clinic_prep import api
    from clinic_prep.write.printing import concatenate_for_duplex

    modules_loaded()
    output_format = flag_value(OutputFormat, format_given, "--format")
    overrides = {"sections": PackSections.QUESTIONS, **profile_overrides(ctx)}
    profile, _, _ = resolve_profile(None, overrides)
    settings = load_branding(clinic_info, content_dir, handout=True)
    result = api.build(profile, output_format, today(), settings)
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
        f"{result.pack.contents()}, {copies} {'copy' if copies == 1 else 'copies'}",
        force=force,
    )
    if copies > 1:
        # Joining copies keeps the pages, not the tags a screen reader follows or the
        # form's fields (several copies of one field cannot be told apart).
        typer.echo(
            "The copies are for paper only: for a screen reader"
            + (" or to type answers in" if profile.fillable else "")
            + ", make one copy.",
            err=True,
        )

"""The family's record: ``update`` adds what was typed into a fillable pack to the family's
file; ``answers`` gives a pack's typed answers as FHIR; ``record`` gives the record as JSON."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clinic_prep.cli import shared
from clinic_prep.cli.app import app
from clinic_prep.cli.shared import OutputOpt, write_output
from clinic_prep.core.errors import InputError
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.startup import modules_loaded

if TYPE_CHECKING:
    from clinic_prep.intake.record_merger import Merged

# The record's lists as the summary names them, in the order a family reads them.
SECTION_NAMES = {
    "care_team": "Care team",
    "medicines": "Medicines",
    "allergies": "Allergies",
    "results": "Results",
    "appointments": "Appointments",
    "answers": "Answers",
    "carry_forward": "Questions to carry to next time",
    "notes": "Notes",
}


@app.command()
def update(
    family_file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The family's profile file (YAML).")
    ],
    from_pack: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="PACK",
            help="A fillable pack (PDF) with answers typed in. Without it, in a terminal, "
            "it asks what is new since last time.",
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write the changes without asking.")
    ] = False,
) -> None:
    """Add what was typed into a pack to the family's file, for the next pack.

    Shows what would change, section by section, and writes only after a yes. The file as it
    was is kept beside it (FILE.previous.yaml); both are readable by you only. Without --from
    it asks what is new since last time: medicines, allergies, results, visits, people in the
    care team and questions to carry.

    Examples:

      clinic-prep update ana.yaml --from visit-pack.pdf

      clinic-prep update ana.yaml
    """
    from clinic_prep import api

    modules_loaded()
    if from_pack is not None:
        planned = api.merge_filled_pack(family_file, from_pack)
    elif shared.stdin_is_interactive():
        from clinic_prep.cli.news_interview import ask_whats_new

        planned = api.add_news(family_file, ask_whats_new(api.default_bank().checks))
    else:
        raise InputError(
            "--from: give the pack that was typed into, or run this in a terminal to type "
            "what is new since last time"
        )
    typer.echo(summary(planned.merged), err=True)
    if not planned.changes_anything:
        typer.echo(f"Nothing new: {family_file} is left as it is.", err=True)
        return
    if not yes:
        if not shared.stdin_is_interactive():
            typer.echo("Nothing was written: add --yes to write these changes.", err=True)
            return
        if not typer.confirm(f"Write these changes to {family_file}?", err=True):
            typer.echo("Nothing was written.", err=True)
            return
    kept = api.write_record_update(planned)
    typer.echo(f"Updated {family_file}; the file as it was is kept as {kept}.", err=True)


def summary(merged: "Merged") -> str:
    """What the pack changes, section by section; then what differs from the record (left as
    it was) and what had no place (kept in the notes)."""
    lines: list[str] = []
    for section, name in SECTION_NAMES.items():
        changes = [change.text for change in merged.changes if change.section == section]
        if changes:
            lines += [f"{name}:", *(f"  {text}" for text in changes)]
    if merged.conflicts:
        lines += ["Different from the record, so left as the record has it:"]
        lines += [f"  {text}" for text in merged.conflicts]
    if merged.unplaced:
        lines += ["No place in the record for these, so they are kept in its notes:"]
        lines += [f"  {text}" for text in merged.unplaced]
    return "\n".join(lines) if lines else "The pack adds nothing to the record."


@app.command()
def answers(
    pack: Annotated[
        Path, typer.Argument(metavar="PACK", help="A fillable pack (PDF) with answers typed in.")
    ],
    output: OutputOpt = None,
) -> None:
    """Give the answers typed into a pack as a FHIR R4 QuestionnaireResponse, to the
    Questionnaire that --format fhir makes for the same pack.

    Example:

      clinic-prep answers visit-pack.pdf -o answers.json
    """
    import json

    from clinic_prep.intake.filled_pack import read_filled_pack
    from clinic_prep.write.fhir import questionnaire_response

    modules_loaded()
    filled = read_filled_pack(pack)
    response = questionnaire_response(filled.mark, filled.values)
    data = (json.dumps(response, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    answered = sum(len(group["item"]) for group in response.get("item", []))
    write_output(data, output, OutputFormat.FHIR, "answers", f"{answered} answers")


@app.command()
def record(
    family_file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The family's profile file (YAML).")
    ],
    output: OutputOpt = None,
) -> None:
    """Give the family's record kept in their file as JSON, for other tools.

    Example:

      clinic-prep record priya.yaml -o record.json
    """
    from clinic_prep.intake.profile_io import build_record, read_profile_file
    from clinic_prep.write.record_file import record_json

    modules_loaded()
    family = build_record(read_profile_file(family_file))
    data = record_json(family).encode("utf-8")
    write_output(data, output, OutputFormat.JSON, "record", "the record as JSON")

"""``card``: the emergency card, made from the family's file."""

import typer

from clinic_prep.cli.app import app
from clinic_prep.cli.shared import (
    ForceOpt,
    OutputOpt,
    ProfileOpt,
    flags_named,
    profile_flags,
    profile_overrides,
    write_output,
)
from clinic_prep.core.errors import InputError
from clinic_prep.core.vocabulary import OutputFormat
from clinic_prep.startup import modules_loaded

DEFAULT_CARD_STEM = "emergency-card"
# The card prints who the person is and how they communicate, on the paper and print they use.
CARD_FIELDS = (
    "first_name", "date_of_birth", "paper", "large_print", "communication_needs",
    "communication_notes",
)  # fmt: skip


@app.command()
@profile_flags(CARD_FIELDS)
def card(
    ctx: typer.Context,
    profile: ProfileOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Make an emergency card from the family's file: one A4 side (two in large print) to
    keep with the person, and a wallet card to cut out and fold.

    It says what matters in an emergency (as the sources give it), how the person
    communicates, their medicines and allergies, and who to contact.

    Example:

      clinic-prep card -p priya.yaml -o card.pdf
    """
    from clinic_prep import api
    from clinic_prep.intake.profile_io import build_visit, read_profile_file

    modules_loaded()
    if profile is None:
        raise InputError("--profile: give the family's file, which holds their record")
    doc = read_profile_file(profile)
    overrides = profile_overrides(ctx)
    if not any(doc.data.get(key) for key in ("situations", "clinics")):
        # A file kept only as a record says no visit: the card needs none.
        overrides = {"situations": ["annual-review"], **overrides}
    chosen, record = build_visit(doc, overrides)
    with flags_named(overrides):
        data, _, pages = api.make_card(chosen, record)
    summary = f"an emergency card of {pages} pages and a wallet card"
    write_output(data, output, OutputFormat.PDF, DEFAULT_CARD_STEM, summary, force=force)

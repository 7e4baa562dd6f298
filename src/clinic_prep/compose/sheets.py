"""Record sheets for the pack: which sheets a reader gets, and their rows for this person's
age and checks."""

from clinic_prep.choose.checks import fits_age
from clinic_prep.choose.selection import Plan
from clinic_prep.compose.pack import (
    Heading,
    Paragraph,
    RecordForm,
    RecordTable,
    Section,
    WriteIn,
)
from clinic_prep.content.model import Bank
from clinic_prep.content.schema import Sheet, SheetKind
from clinic_prep.core.age import Age
from clinic_prep.core.vocabulary import (
    CLINIC_LABELS,
    Reader,
)
from clinic_prep.intake.clinic_info import ClinicInfo
from clinic_prep.intake.profile import Profile

NO_BREAK_SPACE = "\u00a0"
FORM_LINES = 2  # at least this many lines to write on for each item of a form sheet


def unbroken(text: str) -> str:
    """Text that must stay on one line (a phone number): its spaces become no-break spaces."""
    return text.replace(" ", NO_BREAK_SPACE)


def _folded(text: str) -> str:
    """Lower case, each word without a final "s": "Eyes" matches "Eye clinic"."""
    return " ".join(word.removesuffix("s") for word in text.lower().split())


# How many of a clinic's phone lines its row on the care-team sheet holds.
SHEET_PHONES = 2


def _clinic_row(sheet: Sheet, clinic: ClinicInfo, role: str | None) -> tuple[str, ...]:
    """The clinic's details as a row of the sheet that holds them: its role, who, and how to
    reach them. ``role`` is the label of the row that names the clinic, if one does. The
    first phone lines only: a row must fit a page, and every line is on the cover."""
    phones = [f"{p.label}: {unbroken(p.number)}" for p in clinic.phones[:SHEET_PHONES]]
    if len(clinic.phones) > SHEET_PHONES:
        phones.append("more numbers at the start of this pack")
    contact = "; ".join([*phones, *([clinic.email] if clinic.email else [])])
    if role is None:
        row = (clinic.department or "This clinic", clinic.name, contact)
    else:
        row = (role, ", ".join(filter(None, [clinic.department, clinic.name])), contact)
    return row[: len(sheet.columns)] + ("",) * (len(sheet.columns) - len(row))


def _matching_row(labels: list[str], clinic: ClinicInfo, profile: Profile) -> int | None:
    """The row whose label names this clinic ("Genetics" for "Clinical Genetics")."""
    names = [clinic.department or "", clinic.name, *(CLINIC_LABELS[c] for c in profile.clinics)]
    folded = [f" {_folded(name)} " for name in names if name]
    for index, label in enumerate(labels):
        if any(f" {_folded(label)} " in name for name in folded):
            return index
    return None


def _check_rows(sheet: Sheet, plan: Plan, bank: Bank) -> list[tuple[str, ...]]:
    """A row for every check that fits the person's age, the last date given written in."""
    if not sheet.checks:
        return []
    last = {due.check.id: due.last_done for due in plan.checks}
    empty = ("",) * (len(sheet.columns) - 2)
    return [
        (check.name, f"Last: {done.in_words()}" if (done := last.get(check.id)) else "", *empty)
        for check in bank.checks
        if fits_age(check, plan.age)
    ]


def row_labels(sheet: Sheet, age: Age | None) -> list[str]:
    """The prefilled rows that fit this age (every row, when the age is not known)."""
    labels = []
    for row in sheet.rows:
        if isinstance(row, str):
            labels.append(row)
        elif age is None or row.age.min <= age.years <= row.age.max:
            labels.append(row.label)
    return labels


def sheets_for(bank: Bank, reader: Reader) -> tuple[Sheet, ...]:
    """The record sheets this reader keeps (a relative keeps their own carrier test, not the
    affected person's surveillance records)."""
    return tuple(sheet for sheet in bank.sheets if not sheet.readers or reader in sheet.readers)


def _table_rows(
    sheet: Sheet,
    clinic: ClinicInfo | None,
    profile: Profile,
    checks: list[tuple[str, ...]],
    age: Age | None,
) -> tuple[tuple[str, ...], ...]:
    empty = ("",) * (len(sheet.columns) - 1)
    labels = row_labels(sheet, age)
    rows = [*checks, *((label, *empty) for label in labels)]
    if clinic is None or not sheet.clinic_details:
        return tuple(rows)
    match = _matching_row(labels, clinic, profile)
    if match is None:
        return (_clinic_row(sheet, clinic, None), *rows)
    rows[len(checks) + match] = _clinic_row(sheet, clinic, labels[match])
    return tuple(rows)


def _lead_blocks(sheet: Sheet) -> tuple[Heading | RecordTable, ...]:
    """A short table above the main one (allergies above medicines), and the headings that
    tell the two apart."""
    lead = sheet.lead_table
    if lead is None or sheet.heading is None:
        return ()
    count = len(lead.columns)
    table = RecordTable(
        columns=tuple(lead.columns),
        widths=tuple(lead.column_widths) or (1 / count,) * count,
        rows=(),
        blank_rows=lead.blank_rows,
        field=f"{sheet.id}-{lead.heading.lower().replace(' ', '-')}",
        continued=lead.heading,
        fills_page=False,
        title=lead.heading,
    )
    return Heading(lead.heading), table, Heading(sheet.heading)


def sheet_block(
    sheet: Sheet, clinic: ClinicInfo | None, profile: Profile, plan: Plan, bank: Bank
) -> Section:
    continued = f"{sheet.title} (continued)"
    body: RecordTable | RecordForm
    match sheet.kind:
        case SheetKind.TABLE:
            count = len(sheet.columns)
            widths = tuple(sheet.column_widths) or (1 / count,) * count
            body = RecordTable(
                columns=tuple(sheet.columns),
                widths=widths,
                rows=_table_rows(sheet, clinic, profile, _check_rows(sheet, plan, bank), plan.age),
                blank_rows=sheet.blank_rows,
                field=sheet.id,
                continued=continued,
                row_lines=sheet.row_lines,
                title=sheet.title,
            )
        case SheetKind.FORM:
            body = RecordForm(tuple(sheet.fields), FORM_LINES, sheet.id, continued)
        case SheetKind.LINES:
            return Section(
                sheet.id,
                sheet.title,
                (Paragraph(sheet.intro), WriteIn("", sheet.title, sheet.lines, sheet.id)),
                record_sheet=True,
            )
    return Section(
        sheet.id,
        sheet.title,
        (Paragraph(sheet.intro), *_lead_blocks(sheet), body),
        record_sheet=True,
    )

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
from clinic_prep.compose.record_rows import (
    entry_row,
    folded,
    latest_result,
    printed_entries,
    unlisted_tests,
)
from clinic_prep.content.model import Bank
from clinic_prep.content.sheet_schema import Sheet, SheetKind
from clinic_prep.core.age import Age
from clinic_prep.core.vocabulary import (
    CLINIC_LABELS,
    Reader,
)
from clinic_prep.intake.clinic_info import ClinicInfo
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.record import FamilyRecord, entry_key_text

NO_BREAK_SPACE = "\u00a0"
FORM_LINES = 2  # at least this many lines to write on for each item of a form sheet


def unbroken(text: str) -> str:
    """Text that must stay on one line (a phone number): its spaces become no-break spaces."""
    return text.replace(" ", NO_BREAK_SPACE)


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
    names_folded = [f" {folded(name)} " for name in names if name]
    for index, label in enumerate(labels):
        if any(f" {folded(label)} " in name for name in names_folded):
            return index
    return None


Row = tuple[str, ...]
Keyed = tuple[str, Row]  # a row's key (see record_rows) and its cells


def _check_rows(sheet: Sheet, plan: Plan, bank: Bank, record: FamilyRecord) -> list[Keyed]:
    """A row for every check that fits the person's age, its latest result (or the last date
    given) written in."""
    if not sheet.checks:
        return []
    last = {due.check.id: due.last_done for due in plan.checks}
    empty = ("",) * (len(sheet.columns) - 2)
    rows: list[Keyed] = []
    for check in bank.checks:
        if not fits_age(check, plan.age):
            continue
        shown = latest_result(record.results, check.id, None)
        if not shown and (done := last.get(check.id)):
            shown = f"Last: {done.in_words()}"
        rows.append((f"check:{check.id}", (check.name, shown, *empty)))
    return rows


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


def _labelled_rows(sheet: Sheet, record: FamilyRecord, age: Age | None) -> list[Keyed]:
    """The rows the sheet labels; on a results sheet, each with its latest result, and a row
    for each other test the record holds."""
    empty = ("",) * (len(sheet.columns) - 1)
    labels = row_labels(sheet, age)
    if sheet.record != "results":
        return [(f"label:{label}", (label, *empty)) for label in labels]
    labels += unlisted_tests(record.results, labels)
    return [
        (f"label:{label}", (label, latest_result(record.results, None, label), *empty[1:]))
        for label in labels
    ]


def _with_entries(sheet: Sheet, rows: list[Keyed], record: FamilyRecord) -> list[Keyed]:
    """The record's entries: in the row that names their role where there is one still
    unwritten (the care team), else after the labelled rows."""
    if sheet.record is None or not sheet.record_columns:
        return rows
    rows = list(rows)
    for index, entry in printed_entries(record, sheet.record):
        cells = entry_row(entry, sheet.record_columns)
        named = [
            place
            for place, (key, row) in enumerate(rows)
            if key.startswith("label:") and folded(row[0]) == folded(cells[0])
        ]
        key = f"entry:{index}:{entry_key_text(entry, sheet.record_columns[0])}"
        if named:
            rows[named[0]] = (key, cells)
        else:
            rows.append((key, cells))
    return rows


def _table_rows(
    sheet: Sheet,
    clinic: ClinicInfo | None,
    profile: Profile,
    checks: list[Keyed],
    record: FamilyRecord,
    age: Age | None,
) -> list[Keyed]:
    rows = _with_entries(sheet, [*checks, *_labelled_rows(sheet, record, age)], record)
    if clinic is None or not sheet.clinic_details:
        return rows
    unwritten = [
        (place, row[0]) for place, (key, row) in enumerate(rows) if key.startswith("label:")
    ]
    match = _matching_row([label for _, label in unwritten], clinic, profile)
    if match is None:
        return [("clinic", _clinic_row(sheet, clinic, None)), *rows]
    place, label = unwritten[match]
    rows[place] = ("clinic", _clinic_row(sheet, clinic, label))
    return rows


def _lead_blocks(sheet: Sheet, record: FamilyRecord) -> tuple[Heading | RecordTable, ...]:
    """A short table above the main one (allergies above medicines), and the headings that
    tell the two apart."""
    lead = sheet.lead_table
    if lead is None or sheet.heading is None:
        return ()
    count = len(lead.columns)
    entries = printed_entries(record, lead.record) if lead.record else []
    table = RecordTable(
        columns=tuple(lead.columns),
        widths=tuple(lead.column_widths) or (1 / count,) * count,
        rows=tuple(entry_row(entry, lead.record_columns) for _, entry in entries),
        row_keys=tuple(
            f"entry:{index}:{entry_key_text(entry, lead.record_columns[0])}"
            for index, entry in entries
        ),
        blank_rows=lead.blank_rows,
        field=sheet.lead_field or sheet.id,
        continued=lead.heading,
        fills_page=False,
        title=lead.heading,
    )
    return Heading(lead.heading), table, Heading(sheet.heading)


def sheet_block(
    sheet: Sheet,
    clinic: ClinicInfo | None,
    profile: Profile,
    plan: Plan,
    bank: Bank,
    record: FamilyRecord,
) -> Section:
    continued = f"{sheet.title} (continued)"
    body: RecordTable | RecordForm
    match sheet.kind:
        case SheetKind.TABLE:
            count = len(sheet.columns)
            widths = tuple(sheet.column_widths) or (1 / count,) * count
            checks = _check_rows(sheet, plan, bank, record)
            keyed = _table_rows(sheet, clinic, profile, checks, record, plan.age)
            body = RecordTable(
                columns=tuple(sheet.columns),
                widths=widths,
                rows=tuple(row for _, row in keyed),
                row_keys=tuple(key for key, _ in keyed),
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
        (Paragraph(sheet.intro), *_lead_blocks(sheet, record), body),
        record_sheet=True,
    )

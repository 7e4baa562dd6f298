"""The shape of content/sheets.yaml: the record-keeping sheets, and which of the family's
record lists each one prints and takes back."""

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from clinic_prep.content.schema import AgeRange, Id, Line, Strict
from clinic_prep.core.vocabulary import Reader


class SheetKind(StrEnum):
    TABLE = "table"  # columns across, one row per entry
    FORM = "form"  # one labelled box per field
    LINES = "lines"  # ruled lines for free writing


class SheetRow(Strict):
    """A prefilled row that fits some ages only ("Puberty hormones" is not for a baby)."""

    label: Line
    age: AgeRange


# The lists of a family's record a sheet can show and take back, and each column's key in an
# entry (``phone_or_email``: the care team's phone and email in one column).
RecordList = Literal[
    "care_team", "medicines", "allergies", "results", "appointments", "carry_forward", "notes"
]
RecordColumn = Annotated[str, StringConstraints(pattern=r"^([a-z_]+)?$")]


def _record_fits(record: str | None, record_columns: list[str], columns: list[str]) -> None:
    if record_columns and len(record_columns) != len(columns):
        raise ValueError("record_columns needs one key per column ('' for none)")
    if record_columns and record is None:
        raise ValueError("record_columns needs the record list they belong to")


class LeadTable(Strict):
    """A short table printed whole above a sheet's main table, under its own heading (the
    allergies above the medicines): a few rows, never more than fit with the main table."""

    heading: Line
    columns: list[Line] = Field(min_length=1)
    column_widths: list[float] = Field(default_factory=list)
    blank_rows: int = Field(ge=1, le=6)
    record: RecordList | None = None
    record_columns: list[RecordColumn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _widths_fit(self) -> "LeadTable":
        if self.column_widths and len(self.column_widths) != len(self.columns):
            raise ValueError("column_widths needs one number per column")
        _record_fits(self.record, self.record_columns, self.columns)
        return self


class Sheet(Strict):
    """A record-keeping sheet. Prefilled ``rows`` label the first column of a table.
    ``readers``: who keeps it (every reader when not given: notes and appointments are for
    anyone; the affected person's surveillance records only for them and their parent)."""

    id: Id
    title: Line
    readers: list[Reader] = Field(default_factory=list)
    intro: Line
    kind: SheetKind
    columns: list[Line] = Field(default_factory=list)
    column_widths: list[float] = Field(default_factory=list)
    checks: bool = Field(
        default=False,
        description="Start with a row for every check in checks.yaml that fits the age, with "
        "the date it was last done in the first space.",
    )
    rows: list[Line | SheetRow] = Field(default_factory=list)
    blank_rows: int = Field(default=0, ge=0, le=40)
    row_lines: int = Field(
        default=1, ge=1, le=4, description="Lines of handwriting each row has room for on paper."
    )
    fields: list[Line] = Field(default_factory=list)
    lines: int = Field(default=0, ge=0, le=60)
    # A clinic's own details (from clinic.yaml) go in this table, in the row that names it.
    clinic_details: bool = False
    lead_table: LeadTable | None = None
    heading: Line | None = Field(
        default=None, description="The main table's heading, under a lead table."
    )
    record: RecordList | None = Field(
        default=None,
        description="The list of the family's record this sheet prints and takes back.",
    )
    record_columns: list[RecordColumn] = Field(
        default_factory=list, description="Each column's key in an entry of that list."
    )

    @model_validator(mode="after")
    def _fits_kind(self) -> "Sheet":
        if self.kind is SheetKind.TABLE and not self.columns:
            raise ValueError("a table sheet needs columns")
        if self.column_widths and len(self.column_widths) != len(self.columns):
            raise ValueError("column_widths needs one number per column")
        if self.lead_table is not None and (self.kind is not SheetKind.TABLE or not self.heading):
            raise ValueError("a lead_table needs a table sheet with a heading for its main table")
        if self.kind is SheetKind.FORM and not self.fields:
            raise ValueError("a form sheet needs fields")
        if self.kind is SheetKind.LINES and self.lines == 0:
            raise ValueError("a lines sheet needs lines")
        _record_fits(self.record, self.record_columns, self.columns)
        return self

    @property
    def lead_field(self) -> str | None:
        """The field name of the lead table's cells ("medications-allergies")."""
        if self.lead_table is None:
            return None
        return f"{self.id}-{self.lead_table.heading.lower().replace(' ', '-')}"


class SheetsFile(Strict):
    sheets: list[Sheet] = Field(min_length=1)

"""What a fillable pack says of itself so that its typed answers can be read back: whose record
it was made from, the visit, each numbered question, and what each pre-filled row holds.

Written into the PDF's document information when the pack is made, read by ``update``; a PDF
without it is not a clinic-prep form.
"""

from pydantic import BaseModel, ConfigDict, ValidationError

INFO_KEY = "/ClinicPrepPack"
MARK_VERSION = 1


class MarkedQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    carried: bool = False  # a question carried from the last visit
    id: str | None = None  # the bank's id; None for the family's own questions
    group: int = 0  # which group of the pack it is in, counting from 1


class PackMark(BaseModel):
    """``rows``: for each table's field name, the key of each printed row in order:
    ``entry:N:FIRST`` (the record's entry N, its first column FIRST), ``check:ID`` (a scheduled
    check), ``label:TEXT`` (a row the sheet labels) or ``clinic`` (the clinic's own details).
    Rows after them were printed blank."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = MARK_VERSION
    record_id: str | None = None
    visit_date: str | None = None
    questions: dict[int, MarkedQuestion] = {}
    rows: dict[str, list[str]] = {}

    def to_text(self) -> str:
        return self.model_dump_json(exclude_defaults=True)

    @classmethod
    def from_text(cls, text: str) -> "PackMark | None":
        try:
            return cls.model_validate_json(text)
        except ValidationError:
            return None

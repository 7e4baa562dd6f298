"""The family's own record: what a profile file keeps from one visit to the next.

A profile file holds the visit (the profile's fields) and, beside them, these keys: who is in
the care team, medicines and allergies, results with their dates, appointments, the questions
to carry to the next visit, the answers written down, emergency contacts and notes. Packs print
them on the record sheets, and ``update`` adds what was typed into a pack. Every key is
optional, so a profile without any is a record with nothing in it yet.
"""

import secrets
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)

from clinic_prep.core.last_done import LastDone, parse_last_done
from clinic_prep.core.text import clean_text

# 1: a profile alone (no schema_version key). 2: a profile with the record's keys; a check's
# last date is a result in ``results``, no longer a ``last_checks`` entry.
SCHEMA_VERSION = 2
MAX_ENTRIES = 500  # per list: a lifetime of visits, far below what would slow a pack
MAX_TEXT = 300


def _clean(value: Any) -> Any:
    """Text as typed; a date a YAML file read as a date ("started: 2024-03-01") as written."""
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(value) if isinstance(value, str) else value


Text = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
]
MAX_NOTE = 4000  # a page of notes written at one visit


def _clean_lines(value: Any) -> Any:
    """Text of several lines (notes), each line clean."""
    if isinstance(value, str):
        return "\n".join(clean_text(line) for line in value.split("\n"))
    return value


NoteText = Annotated[
    str,
    BeforeValidator(_clean_lines),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NOTE),
]
RecordDate = Annotated[
    LastDone,
    BeforeValidator(parse_last_done),
    PlainSerializer(lambda when: when.for_file(), return_type=str),
]
RecordId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]


def new_record_id() -> str:
    """A random id that ties packs to one person's record, never derived from their name."""
    return secrets.token_hex(16)


class Entry(BaseModel):
    """One line of a record: nothing but the keys it names, written as the family wrote it."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CareTeamMember(Entry):
    role: Text
    name: Text | None = None
    phone: Text | None = None
    email: Text | None = None


class Medicine(Entry):
    name: Text
    dose_and_when: Text | None = None
    what_for: Text | None = None
    started: Text | None = None
    stopped: Text | None = None  # or changed, and how


class Allergy(Entry):
    what: Text
    reaction: Text | None = None


class Result(Entry):
    """A check from the schedule (``check``: its id in content/checks.yaml) or another test
    the sheet lists by name (``test``: "Blood pressure"), its date and what it showed."""

    check: str | None = None
    test: Text | None = None
    date: RecordDate
    result: Text | None = None

    @model_validator(mode="after")
    def _one_name(self) -> "Result":
        if (self.check is None) == (self.test is None):
            raise ValueError("give either check (an id from the schedule) or test (a name)")
        return self

    @field_validator("check", mode="before")
    @classmethod
    def _known_check(cls, value: Any) -> Any:
        if value is None:
            return value
        from clinic_prep.intake.profile import known_check_id  # the schedule, when named

        return known_check_id(value)


class Appointment(Entry):
    date: RecordDate
    clinic: Text | None = None
    decided: Text | None = None
    next_visit: Text | None = None


class Answer(Entry):
    """A question from a pack, and what was written as its answer (or that it was asked)."""

    date: RecordDate | None = None  # the visit's, when the pack had one
    question: Text
    answer: NoteText | None = None


class EmergencyContact(Entry):
    name: Text
    relation: Text | None = None
    phone: Text | None = None


class FamilyRecord(BaseModel):
    """Everything a profile file keeps between visits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # A file without the key was written before the record existed: version 1.
    schema_version: int = Field(default=1, ge=1)
    record_id: RecordId | None = None
    care_team: list[CareTeamMember] = Field(default_factory=list, max_length=MAX_ENTRIES)
    medicines: list[Medicine] = Field(default_factory=list, max_length=MAX_ENTRIES)
    allergies: list[Allergy] = Field(default_factory=list, max_length=MAX_ENTRIES)
    results: list[Result] = Field(default_factory=list, max_length=MAX_ENTRIES)
    appointments: list[Appointment] = Field(default_factory=list, max_length=MAX_ENTRIES)
    carry_forward: list[Text] = Field(default_factory=list, max_length=MAX_ENTRIES)
    answers: list[Answer] = Field(default_factory=list, max_length=MAX_ENTRIES)
    emergency_contacts: list[EmergencyContact] = Field(default_factory=list, max_length=MAX_ENTRIES)
    notes: list[NoteText] = Field(default_factory=list, max_length=MAX_ENTRIES)

    @field_validator("schema_version")
    @classmethod
    def _readable(cls, version: int) -> int:
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"version {version} was written by a newer clinic-prep (this one reads up to "
                f"{SCHEMA_VERSION}); update clinic-prep"
            )
        return version

    def latest_checks(self) -> dict[str, LastDone]:
        """Each scheduled check's latest date, as the checks list takes it."""
        latest: dict[str, LastDone] = {}
        for result in self.results:
            if result.check is not None and (
                result.check not in latest or result.date > latest[result.check]
            ):
                latest[result.check] = result.date
        return latest

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, key) for key in RECORD_LISTS)


def entry_key_text(entry: BaseModel, key: str) -> str:
    """An entry's value under ``key`` as a file writes it: what a pack's row key holds to
    find the entry again."""
    value = getattr(entry, key, None)
    if isinstance(value, LastDone):
        return value.for_file()
    return "" if value is None else str(value)


RECORD_KEYS = tuple(FamilyRecord.model_fields)
RECORD_LISTS = tuple(key for key in RECORD_KEYS if key not in ("schema_version", "record_id"))

"""Changing a family's record one entry at a time, with an account of every change: an entry
the record already holds is not added again, an empty place is filled in, and a different
value where the record has one is a conflict, left as the record has it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from clinic_prep.intake.record import (
    Allergy,
    Answer,
    Appointment,
    CareTeamMember,
    FamilyRecord,
    Medicine,
    Result,
)

ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "care_team": CareTeamMember,
    "medicines": Medicine,
    "allergies": Allergy,
    "appointments": Appointment,
    "results": Result,
    "answers": Answer,
}


@dataclass(frozen=True)
class Change:
    section: str  # the record's list: "medicines"
    text: str  # what changes, in words: "add: Ramipril, 5 mg at night"


@dataclass
class Merged:
    record: FamilyRecord
    changes: list[Change] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # left as the record had them
    unplaced: list[str] = field(default_factory=list)  # kept in the notes


def text_key(value: Any) -> str:
    """A value as two entries are compared: case and spacing aside."""
    return " ".join(str(value).lower().split()) if value is not None else ""


def entry_text(entry: BaseModel) -> str:
    return ", ".join(str(value) for value in entry.model_dump(mode="json").values() if value)


class Merger:
    """The record's lists as they are being changed, and the account of every change."""

    def __init__(self, record: FamilyRecord, visit: str | None) -> None:
        self.lists: dict[str, list[Any]] = {
            key: list(getattr(record, key)) for key in type(record).model_fields
            if isinstance(getattr(record, key), list)
        }  # fmt: skip
        self.record, self.visit = record, visit  # the visit's date, when the pack had one
        self.out = Merged(record)

    def unplaced(self, label: str, text: str) -> None:
        """Typed text with no place in the record: kept in the notes, said where it came
        from, once however often the pack is merged."""
        when = f"Pack for {self.visit}" if self.visit else "A pack"
        if self.add_note(f"{when}, {label}: {text}"):
            self.out.unplaced.append(f"{label}: {text}")

    def add_note(self, note: str) -> bool:
        """Add a note the record does not hold yet; says whether it was added."""
        note = note.strip()
        if note in self.lists["notes"]:
            return False
        self.lists["notes"].append(note)
        self.out.changes.append(Change("notes", f"add: {note}"))
        return True

    def entry(self, model: type[BaseModel], values: dict[str, Any], label: str) -> Any:
        try:
            return model.model_validate(values)
        except ValidationError:
            self.unplaced(label, "; ".join(str(v) for v in values.values() if v))
            return None

    def add_entry(self, name: str, values: dict[str, Any], label: str) -> None:
        """A new entry, unless one the record holds already says all of it."""
        new = self.entry(ENTRY_MODELS[name], values, label)
        if new is None:
            return
        typed = new.model_dump(exclude_none=True)
        for existing in self.lists[name]:
            held = existing.model_dump()
            if all(text_key(held.get(key)) == text_key(value) for key, value in typed.items()):
                return
        self.lists[name].append(new)
        self.out.changes.append(Change(name, f"add: {entry_text(new)}"))

    def fill_entry(self, name: str, index: int, values: dict[str, Any], label: str) -> None:
        """Fill the empty places of an entry the sheet printed; a different value where the
        entry has one is a conflict."""
        entry = self.lists[name][index]
        held = entry.model_dump()
        filled = {}
        for key, value in values.items():
            if held.get(key) is None:
                filled[key] = value
            elif text_key(held[key]) != text_key(value):
                self.out.conflicts.append(f"{label}: the record says {held[key]}, the pack {value}")
        if not filled:
            return
        updated = self.entry(type(entry), {**entry.model_dump(exclude_none=True), **filled}, label)
        if updated is not None:
            self.lists[name][index] = updated
            self.out.changes.append(Change(name, f"update: {entry_text(updated)}"))

    def add_or_fill(
        self,
        name: str,
        same: Callable[[Any], bool],
        value: tuple[str, str | None],
        values: dict[str, Any],
        where: str,
    ) -> None:
        """One value of an entry found by ``same`` (a check's result on a day, the answer to a
        question at a visit): a new entry when none is held, filled in where the held one is
        empty, a conflict where it differs."""
        key, typed = value
        for index, held in enumerate(self.lists[name]):
            if not same(held):
                continue
            old = getattr(held, key)
            if typed is None or text_key(old) == text_key(typed):
                return
            if old is None:
                self.fill_entry(name, index, {key: typed}, where)
            else:
                self.out.conflicts.append(f"{where}: the record says {old}, the pack {typed}")
            return
        new = self.entry(ENTRY_MODELS[name], values, where)
        if new is not None:
            self.lists[name].append(new)
            self.out.changes.append(Change(name, f"add: {entry_text(new)}"))

    def result(self) -> Merged:
        data = {**self.record.model_dump(), **self.lists}
        self.out.record = FamilyRecord.model_validate(data)
        return self.out

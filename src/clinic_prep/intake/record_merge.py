"""What a filled pack adds to the family's record: a pure function from the record and the
pack's typed fields to the new record and an account of every change.

Nothing typed is lost: an entry with no place in the record (a form sheet's answer, a row
that cannot be read) is kept in the record's notes and listed. Nothing is doubled: an entry
the record already holds is not added again, so merging the same pack twice changes nothing
the second time. Nothing is overwritten: a different value where the record has one (another
result for the same check on the same day) is a conflict, shown and left as it was.
"""

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from clinic_prep.content.sheet_schema import Sheet, SheetKind
from clinic_prep.core.errors import InputError
from clinic_prep.core.pack_mark import PackMark
from clinic_prep.core.text import typed_text
from clinic_prep.intake.filled_pack import TICKED, FilledPack
from clinic_prep.intake.record import (
    FamilyRecord,
    entry_key_text,
)
from clinic_prep.intake.record_merger import Change, Merged, Merger, text_key
from clinic_prep.intake.typed_dates import dated_text

_TABLE_CELL = re.compile(r"^(?P<table>.+)-r(?P<row>\d+)-(?P<column>\d+)$")
_QUESTION = re.compile(r"^q(?P<number>\d+)-(?P<part>asked|answer)$")
_EMAIL = re.compile(r"[^\s;,<>()]+@[^\s;,<>()]+")


@dataclass(frozen=True)
class TableSpec:
    """A table of the pack that the record takes back: its record list and column keys."""

    title: str
    record: str
    columns: tuple[str, ...]


def table_specs(sheets: Sequence[Sheet]) -> dict[str, TableSpec]:
    """Each record table by its field name: the sheets' main tables and their lead tables."""
    specs: dict[str, TableSpec] = {}
    for sheet in sheets:
        if sheet.kind is SheetKind.TABLE and sheet.record and sheet.record_columns:
            specs[sheet.id] = TableSpec(sheet.title, sheet.record, tuple(sheet.record_columns))
        lead = sheet.lead_table
        if lead is not None and lead.record and sheet.lead_field:
            specs[sheet.lead_field] = TableSpec(
                lead.heading, lead.record, tuple(lead.record_columns)
            )
    return specs


def same_pack(filled: FilledPack, record: FamilyRecord) -> None:
    """Refuse a pack made from another person's record. A record with no id yet takes packs
    made before it had one (they carry none either)."""
    if filled.mark.record_id != record.record_id:
        raise InputError(
            "this pack was not made from this file (its record id differs: it is another "
            "person's, or older than the file's record id); nothing was written"
        )


def _values(spec: TableSpec, cells: dict[int, str]) -> dict[str, Any]:
    """A row's typed cells under their entry keys; a care team's "phone or email" split."""
    values: dict[str, Any] = {}
    for column, text in cells.items():
        key = spec.columns[column - 1] if column <= len(spec.columns) else ""
        if key == "phone_or_email":
            emails = _EMAIL.findall(text)
            phone = _EMAIL.sub("", text).strip(" ;,")
            values |= {"email": "; ".join(emails) or None, "phone": phone or None}
        elif key:
            values[key] = text
    return {key: value for key, value in values.items() if value}


def merge_pack(
    record: FamilyRecord,
    filled: FilledPack,
    sheets: Sequence[Sheet],
    check_names: dict[str, str],
) -> Merged:
    """The record with what ``filled`` adds; ``sheets`` say which table is which list, and
    ``check_names`` the scheduled checks' ids by name, for a check written in a blank row."""
    same_pack(filled, record)
    merger = Merger(record, filled.mark.visit_date)
    specs = table_specs(sheets)
    tables: dict[str, dict[int, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
    questions: dict[int, dict[str, str]] = defaultdict(dict)
    written: dict[str, str] = {}  # a lines sheet's record list, and what was written on it
    lines = {sheet.id: sheet for sheet in sheets if sheet.kind is SheetKind.LINES}
    results_sheet = next((s for s in sheets if s.record == "results"), None)
    for name, text in sorted(filled.values.items()):
        if (cell := _TABLE_CELL.match(name)) and (
            cell["table"] in specs
            or (results_sheet is not None and cell["table"] == results_sheet.id)
        ):
            # One line to a cell: a line break typed into it is a space on the sheet.
            tables[cell["table"]][int(cell["row"])][int(cell["column"])] = typed_text(text)
        elif found := _QUESTION.match(name):
            questions[int(found["number"])][found["part"]] = text
        elif name in lines and (kept_in := lines[name].record):
            written[kept_in] = text
        else:
            merger.unplaced(filled.labels.get(name, name), text)
    for table, rows in tables.items():
        printed = filled.mark.rows.get(table, [])
        if table in specs:
            _merge_rows(merger, specs[table], printed, rows)
        else:
            _merge_results(merger, printed, rows, check_names)
    asked = _merge_questions(merger, filled.mark, questions)
    for list_name, lines_text in written.items():
        _merge_lines(merger, list_name, lines_text, asked)
    return merger.result()


def _merge_rows(
    merger: Merger, spec: TableSpec, printed: list[str], rows: dict[int, dict[int, str]]
) -> None:
    for number, cells in sorted(rows.items()):
        label = f"{spec.title}, row {number}"
        for column in sorted(cells):
            if column > len(spec.columns) or not spec.columns[column - 1]:
                merger.unplaced(label, cells.pop(column))  # a column the record has no key for
        if not cells:
            continue
        key = printed[number - 1] if number <= len(printed) else ""
        kind, _, rest = key.partition(":")
        values = _values(spec, cells)
        if kind == "entry":
            index, _, first = rest.partition(":")
            if (place := _entry_at(merger.lists[spec.record], index, spec, first)) is not None:
                merger.fill_entry(spec.record, place, values, label)
                continue
            values = {spec.columns[0]: first, **values}  # the record changed: a row of its own
        elif kind == "label":
            values = {spec.columns[0]: rest, **values}
        elif kind:  # the clinic's own row: its details came from the clinic, not the record
            merger.unplaced(label, "; ".join(cells.values()))
            continue
        merger.add_entry(spec.record, values, label)


def _entry_at(entries: list[Any], index: str, spec: TableSpec, first: str) -> int | None:
    """The entry a printed row showed, if the record still holds it at the same place."""
    if not index.isdigit() or int(index) >= len(entries):
        return None
    held = entry_key_text(entries[int(index)], spec.columns[0])
    return int(index) if text_key(held) == text_key(first) else None


def _merge_lines(merger: Merger, name: str, text: str, asked: set[str]) -> None:
    """Questions to carry, one a line (but those this pack says were asked), or a note."""
    if name == "carry_forward":
        for line in text.splitlines():
            question = line.strip(" -•*\t")
            if question and question not in merger.lists[name] and question not in asked:
                merger.lists[name].append(question)
                merger.out.changes.append(Change(name, f"add: {question}"))
    else:
        merger.add_note(f"{merger.visit}: {text}" if merger.visit else text)


def _merge_questions(
    merger: Merger, mark: PackMark, questions: dict[int, dict[str, str]]
) -> set[str]:
    """Answers, and questions carried from last time that were asked; returns those."""
    marked = mark.questions
    asked: set[str] = set()
    for number, parts in sorted(questions.items()):
        question = marked.get(number)
        answer = parts.get("answer")
        if question is None:
            merger.unplaced(f"Question {number}", answer or "asked")
            continue
        if answer is None and parts.get("asked") != TICKED:
            continue
        if question.carried:
            asked.add(question.text)
            if question.text in merger.lists["carry_forward"]:
                merger.lists["carry_forward"].remove(question.text)
                merger.out.changes.append(Change("carry_forward", f"asked: {question.text}"))
        _merge_answer(merger, question.text, answer)
    return asked


def _merge_answer(merger: Merger, question: str, answer: str | None) -> None:
    visit = merger.visit
    merger.add_or_fill(
        "answers",
        lambda held: (
            held.question == question and (held.date.for_file() if held.date else None) == visit
        ),
        ("answer", answer),
        {"date": visit, "question": question, "answer": answer},
        question,
    )


def _merge_results(
    merger: Merger,
    printed: list[str],
    rows: dict[int, dict[int, str]],
    check_names: dict[str, str],
) -> None:
    """A results table: each row a check or a named test, each further cell a date and what
    it showed."""
    by_name = {text_key(name): check for name, check in check_names.items()}
    by_name |= {text_key(check): check for check in check_names.values()}
    for number, cells in sorted(rows.items()):
        key = printed[number - 1] if number <= len(printed) else ""
        kind, _, named = key.partition(":")
        if kind not in ("check", "label"):
            named = cells.get(1, "")
            kind = "check" if text_key(named) in by_name else "label"
            named = by_name.get(text_key(named), named)
            if len(cells) == 1 and named:  # a test named, with no date and result yet
                merger.unplaced(f"Test results, row {number}", cells[1])
        elif 1 in cells:  # the row's name was printed: what was typed over it has no place
            merger.unplaced(f"Test results, row {number}", cells[1])
        for column, text in sorted(cells.items()):
            if column == 1:
                continue
            where = f"Test results, {named or f'row {number}'}"
            dated = dated_text(text)
            if dated is None or not named:
                merger.unplaced(where, text)
                continue
            name = {"check": named} if kind == "check" else {"test": named}
            _merge_result(merger, name, dated[0].for_file(), dated[1], where)


def _merge_result(
    merger: Merger, name: dict[str, str], date: str, result: str | None, where: str
) -> None:
    merger.add_or_fill(
        "results",
        lambda held: (
            (held.check, text_key(held.test)) == (name.get("check"), text_key(name.get("test")))
            and held.date.for_file() == date
        ),
        ("result", result),
        {**name, "date": date, "result": result},
        f"{where}, {date}",
    )


def merge_news(record: FamilyRecord, news: dict[str, list[dict[str, Any]]]) -> Merged:
    """The record with entries a person typed in answer to "anything new since last time?":
    each list's new entries (a result as ``check`` or ``test``, ``date`` and ``result``; a
    question to carry as ``{"question": ...}``), added unless the record holds them already."""
    merger = Merger(record, None)
    for name, entries in news.items():
        for values in entries:
            where = f"{name.replace('_', ' ')}: {', '.join(str(v) for v in values.values() if v)}"
            if name == "carry_forward":
                _merge_lines(merger, name, values["question"], set())
            elif name == "results":
                named = {key: values[key] for key in ("check", "test") if values.get(key)}
                _merge_result(merger, named, values["date"], values.get("result"), where)
            else:
                merger.add_entry(name, values, where)
    return merger.result()

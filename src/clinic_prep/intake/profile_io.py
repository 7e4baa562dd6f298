"""Read and write profile files (YAML or JSON), and merge command-line flags over them.

Errors name the file and line for values from a file, and the flag for values from the
command line. They never repeat the value itself: it may be a child's name.
"""

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from clinic_prep.core.errors import InputError
from clinic_prep.core.reading import read_capped
from clinic_prep.core.vocabulary import did_you_mean
from clinic_prep.core.yaml_source import (
    Loc,
    YamlDocument,
    YamlSyntaxError,
    field_path,
    parse_yaml,
)
from clinic_prep.intake.profile import Profile, ProfileProblems
from clinic_prep.intake.profile_fields import FIELDS
from clinic_prep.intake.record import RECORD_KEYS, SCHEMA_VERSION, FamilyRecord
from clinic_prep.intake.record_checks import dated_after_the_visit, record_problems

MAX_PROFILE_BYTES = 1_000_000


def read_profile_file(path: Path, kind: str = "profile") -> YamlDocument:
    """Parse a profile (or other settings) file; JSON is read by the same safe YAML parser."""
    return parse_profile(path, read_capped(path, MAX_PROFILE_BYTES, f"a {kind} file"), kind)


def parse_profile(path: Path, data: bytes, kind: str = "profile") -> YamlDocument:
    """A profile file's bytes, already read (``path`` names it in errors)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a text file (expected UTF-8 YAML or JSON)") from None
    try:
        doc = parse_yaml(text, path)
    except YamlSyntaxError as exc:
        raise InputError(f"{path}:{exc.line}: not valid YAML or JSON: {exc.reason}") from None
    if doc.data is None:
        return YamlDocument(path, {}, doc.root)
    if not isinstance(doc.data, dict):
        raise InputError(f"{path}:1: a {kind} file must be a mapping of field names to values")
    return doc


def profile_problems(exc: ValidationError) -> list[tuple[Loc, str]]:
    """Every problem in a profile, as ``(where, reason)``: each field's, each contradiction
    between fields, and each unknown field with the field it most looks like. Never the
    value itself."""
    problems: list[tuple[Loc, str]] = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(error["loc"])
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, ProfileProblems):
            problems += [(tuple(field.split(".")), reason) for field, reason in cause.problems]
        elif error["type"] == "extra_forbidden":
            guess = did_you_mean(str(loc[-1]), [*Profile.model_fields, *RECORD_KEYS])
            problems.append(
                (
                    loc,
                    f"not a profile field; did you mean {guess}?"
                    if guess
                    else f"not a profile field; the fields are: {', '.join(Profile.model_fields)}",
                )
            )
        else:
            problems.append((loc, error["msg"].removeprefix("Value error, ")))
    return problems


def build_profile(doc: YamlDocument | None, overrides: dict[str, Any]) -> Profile:
    """The visit alone, as :func:`build_visit` reads it."""
    return build_visit(doc, overrides)[0]


def build_visit(
    doc: YamlDocument | None, overrides: dict[str, Any]
) -> tuple[Profile, FamilyRecord]:
    """Validate the file's fields with the flags laid over them, and the family's record kept
    beside them: a flag overrides the field it sets, and ``--dob`` and ``--age`` each override
    the other's field too. A check's latest date in the record is its last date unless the
    file's ``last_checks`` or a flag gives one. Every problem is reported, one a line, naming
    the flag, or the file and line."""
    data: dict[str, Any] = dict(doc.data) if doc is not None else {}
    kept = {key: data.pop(key) for key in RECORD_KEYS if key in data}
    for flag_field, replaces in (("date_of_birth", "age"), ("age", "date_of_birth")):
        if flag_field in overrides:
            data.pop(replaces, None)
    data.update(overrides)
    problems: list[tuple[Loc, str]] = []
    profile = record = None
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        problems += profile_problems(exc)
    try:
        record = FamilyRecord.model_validate(kept)
    except ValidationError as exc:
        problems += record_problems(exc)
    if profile is not None and record is not None:
        problems += dated_after_the_visit(record, profile)
    if problems or profile is None or record is None:
        raise InputError(_problem_lines(problems, doc, overrides)) from None
    if record.results:
        dates = {**record.latest_checks(), **profile.last_checks}
        profile = profile.model_copy(update={"last_checks": dates})
    return profile, record


def build_record(doc: YamlDocument) -> FamilyRecord:
    """The family's record alone, from a file that may say no visit; its problems named by
    key and line like a profile's."""
    kept = {key: doc.data[key] for key in RECORD_KEYS if key in doc.data}
    try:
        return FamilyRecord.model_validate(kept)
    except ValidationError as exc:
        raise InputError(_problem_lines(record_problems(exc), doc, {})) from None


def _problem_lines(
    problems: list[tuple[Loc, str]], doc: YamlDocument | None, overrides: dict[str, Any]
) -> str:
    found: list[tuple[int, str]] = []  # (line in the file, 0 for flags; the message)
    for loc, reason in problems:
        field = str(loc[0]) if loc else ""
        if field in overrides:
            flag = FIELDS[field].flag if field in FIELDS else field
            found.append((0, f"{flag}: {reason}"))
        elif doc is not None:
            line = doc.line_of(loc)
            found.append((line, f"{doc.path}:{line}: {field_path(loc)}: {reason}"))
        else:
            found.append((0, f"{field_path(loc) or 'profile'}: {reason}"))
    lines = [message for _, message in sorted(found, key=lambda problem: problem[0])]
    if len(lines) == 1:
        return lines[0]
    where = f" in {doc.path}" if doc is not None else ""
    return "\n".join([f"{len(lines)} problems{where}; nothing was written:", *lines])


def profile_to_yaml(profile: Profile, record: FamilyRecord | None = None) -> str:
    """A profile file a person can read and edit, with the family's record beside it (at the
    least its schema and id, so packs made now can be read back into it); defaults are left
    out to keep it short."""
    import yaml  # only when a profile is saved: most runs never load PyYAML

    data = profile.model_dump(mode="json", exclude_defaults=True)
    if record is not None:
        kept = record.model_dump(mode="json", exclude_none=True)
        data |= {key: value for key, value in kept.items() if value != []}
        data["schema_version"] = SCHEMA_VERSION
    header = "# clinic-prep profile: edit and use with  clinic-prep generate --profile FILE\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

"""Read and write profile files (YAML or JSON), and merge command-line flags over them.

Errors name the file and line for values from a file, and the flag for values from the
command line. They never repeat the value itself: it may be a child's name.
"""

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from clinic_prep.errors import InputError
from clinic_prep.profile import Profile
from clinic_prep.reading import read_capped
from clinic_prep.yaml_source import (
    YamlDocument,
    YamlSyntaxError,
    describe_validation_error,
    field_path,
    parse_yaml,
)

MAX_PROFILE_BYTES = 1_000_000

# Which flag sets each profile field, for error messages about command-line values.
FLAG_FOR_FIELD = {
    "situations": "--situation",
    "clinics": "--clinic",
    "age": "--age",
    "date_of_birth": "--dob",
    "involves": "--involves",
    "reader": "--reader",
    "first_name": "--name",
    "visit_date": "--visit-date",
    "own_questions": "--ask",
    "paper": "--paper",
    "large_print": "--large-print",
    "fillable": "--fillable",
    "communication_needs": "--needs",
    "communication_notes": "--needs-note",
    "max_questions": "--max-questions",
    "all_questions": "--all",
}


def read_profile_file(path: Path, kind: str = "profile") -> YamlDocument:
    """Parse a profile (or other settings) file; JSON is read by the same safe YAML parser."""
    data = read_capped(path, MAX_PROFILE_BYTES, f"a {kind} file")
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


def build_profile(doc: YamlDocument | None, overrides: dict[str, Any]) -> Profile:
    """Validate the file's fields with the flags laid over them (flags win)."""
    data: dict[str, Any] = dict(doc.data) if doc is not None else {}
    data.update(overrides)
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_input=False, include_url=False)[0]
        loc = error["loc"]
        message = error["msg"].removeprefix("Value error, ")
        field = str(loc[0]) if loc else ""
        if field in overrides:
            raise InputError(f"{FLAG_FOR_FIELD.get(field, field)}: {message}") from None
        if doc is not None:
            line, text = describe_validation_error(exc, doc)[0]
            raise InputError(f"{doc.path}:{line}: {text}") from None
        raise InputError(f"{field_path(loc) or 'profile'}: {message}") from None


def profile_to_yaml(profile: Profile) -> str:
    """A profile file a person can read and edit; defaults are left out to keep it short."""
    data = profile.model_dump(mode="json", exclude_defaults=True)
    header = "# clinic-prep profile: edit and use with  clinic-prep generate --profile FILE\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

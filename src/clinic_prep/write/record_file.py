"""Write a family's profile file with its record: the profile's keys as they were, then the
record's, readable by the owner only, the file it replaces kept beside it."""

from pathlib import Path
from typing import Any

from clinic_prep.intake.record import SCHEMA_VERSION, FamilyRecord
from clinic_prep.write.output import write_atomic

HEADER = (
    "# clinic-prep profile and family record. Make a pack: clinic-prep generate -p FILE\n"
    "# Add what was typed into a pack: clinic-prep update FILE --from PACK.pdf\n"
)


def family_file_text(profile_part: dict[str, Any], record: FamilyRecord) -> str:
    import yaml  # only when a file is written: most runs never load PyYAML

    kept = record.model_dump(mode="json", exclude_none=True)
    kept = {key: value for key, value in kept.items() if value != []}
    data = {**profile_part, **kept}
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


def previous_copy(path: Path) -> Path:
    """Where the file as it was before an update is kept: ``ana.previous.yaml``."""
    return path.with_name(f"{path.stem}.previous{path.suffix or '.yaml'}")


def write_family_file(path: Path, old: bytes, text: str) -> Path:
    """Keep ``old`` (the file's bytes as read) beside it, then replace the file with
    ``text``. Both are written whole or not at all; returns where the old one is kept."""
    kept = previous_copy(path)
    write_atomic(kept, old, overwrite=True, private=True)
    write_atomic(path, text.encode("utf-8"), overwrite=True, private=True)
    return kept


def record_json(record: FamilyRecord) -> str:
    """The record for other tools: every list, with the schema it follows."""
    import json

    data = record.model_dump(mode="json", exclude_none=True)
    data["schema_version"] = SCHEMA_VERSION
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

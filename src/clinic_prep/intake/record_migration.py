"""Older profile files read as records of today's schema: what changes when one is written
again. The file as it was is kept beside the new one by whoever writes it."""

from typing import Any

from pydantic import ValidationError

from clinic_prep.intake.profile import Profile
from clinic_prep.intake.record import RECORD_KEYS, SCHEMA_VERSION, FamilyRecord, Result


def current_schema(
    file_data: dict[str, Any], record: FamilyRecord
) -> tuple[dict[str, Any], FamilyRecord]:
    """The file's profile keys and its record, as today's schema keeps them. Version 1 (a
    profile alone) kept each check's last date in ``last_checks``; they are results now, so
    a later result can sit beside them."""
    profile_part = {key: value for key, value in file_data.items() if key not in RECORD_KEYS}
    if record.schema_version >= SCHEMA_VERSION:
        return profile_part, record
    results = list(record.results)
    if "last_checks" in profile_part:
        try:
            dated = Profile.model_validate(profile_part).last_checks
        except ValidationError:
            # The visit's own fields are wrong (generate says where): the dates stay put.
            return profile_part, record.model_copy(update={"schema_version": SCHEMA_VERSION})
        held = {(result.check, result.date) for result in results}
        results += [
            Result(check=check, date=when)
            for check, when in dated.items()
            if (check, when) not in held
        ]
        del profile_part["last_checks"]
    return profile_part, record.model_copy(
        update={"schema_version": SCHEMA_VERSION, "results": results}
    )

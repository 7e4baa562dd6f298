"""The pack as JSON: the plan (which questions were chosen, and why) and the pack itself
(every block a reader sees, each with its ``type``), for other programs to use."""

import dataclasses
import json
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from clinic_prep.compose.pack import Pack


def as_data(value: Any) -> Any:
    """A block (or any part of the pack) as JSON-ready data; blocks say which type they are."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            f.name: as_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get("in_json", True)
        }
        return {"type": type(value).__name__, **fields}
    if isinstance(value, BaseModel):  # a fillable pack's mark
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, tuple | list):
        return [as_data(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def render_json(pack: Pack) -> str:
    """The plan's fields at the top level (the pack's account of its choices), and the whole
    pack under ``pack``."""
    document = {**pack.choices, "pack": as_data(pack)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

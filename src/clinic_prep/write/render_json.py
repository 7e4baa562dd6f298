"""The pack as JSON: the plan (which questions were chosen, and why) and the pack itself
(every block a reader sees, each with its ``type``), for other programs to use."""

import dataclasses
import json
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from clinic_prep.choose.selection import Plan
from clinic_prep.compose.pack import Pack
from clinic_prep.intake.profile import Profile


def as_data(value: Any) -> Any:
    """A block (or any part of the pack) as JSON-ready data; blocks say which type they are."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
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


def plan_data(plan: Plan, profile: Profile) -> dict[str, Any]:
    return {
        "profile": profile.model_dump(mode="json"),
        "age": plan.age.for_file() if plan.age else None,
        "matched": plan.matched,
        "left_out": plan.left_out,
        "checks": [
            {
                "id": due.check.id,
                "name": due.check.name,
                "every": due.check.how_often,
                "every_months": (
                    [due.check.every_months.min, due.check.every_months.max]
                    if due.check.every_months
                    else None
                ),
                "last_done": due.last_done.for_file() if due.last_done else None,
                "status": due.status.value,
                "sources": list(due.check.sources),
            }
            for due in plan.checks
        ],
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "topic": q.topic.id,
                "priority": q.priority,
                "top": q.top,
                "reasons": list(q.reasons),
                "placed": q.placed,
                "local": q.local,
                "sources": list(q.sources),
            }
            for q in plan.questions
        ],
    }


def render_json(pack: Pack, plan: Plan, profile: Profile) -> str:
    """The plan's fields at the top level, and the whole pack under ``pack``."""
    document = {**plan_data(plan, profile), "pack": as_data(pack)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

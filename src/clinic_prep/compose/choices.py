"""Why a pack holds what it holds, as data: the profile as validated, the age, how many
questions fitted and were left out, the checks with their dates, and each chosen question with
the reasons it was chosen. The JSON rendering prints it; other programs read it."""

from typing import Any

from clinic_prep.choose.selection import Plan
from clinic_prep.intake.profile import Profile


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

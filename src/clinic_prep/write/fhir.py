"""The chosen questions as a FHIR R4 ``Questionnaire`` resource, for other clinical systems.

One group item per topic (the family's own questions first, as their own group), each question
an item of type ``text`` whose linkId is the question's stable id; the checks that may be due,
after the questions to start with, as ``display`` items.
"""

import json
from typing import Any

from clinic_prep.compose.pack import Pack


def questionnaire(pack: Pack) -> dict[str, Any]:
    groups = []
    for number, group in enumerate(pack.groups, start=1):
        items = [
            {
                "linkId": question.id or f"own-{question.number}",
                "prefix": f"{question.number}.",
                "text": question.text,
                "type": "text",
            }
            for question in group.questions
        ]
        groups.append(
            {"linkId": f"group-{number}", "text": group.title, "type": "group", "item": items}
        )
    checks = [
        {"linkId": f"check-{number}", "text": line, "type": "display"}
        for number, line in enumerate(pack.checks, start=1)
    ]
    if checks:
        groups.insert(
            min(1, len(groups)),
            {"linkId": "checks", "text": "Checks that may be due", "type": "group", "item": checks},
        )
    return {
        "resourceType": "Questionnaire",
        "language": "en",
        "status": "active",
        "title": pack.title,
        "date": pack.updated.isoformat(),
        "publisher": "clinic-prep",
        "description": pack.subject,
        "item": groups,
    }


def questionnaire_json(pack: Pack) -> str:
    return json.dumps(questionnaire(pack), ensure_ascii=False, indent=2) + "\n"

"""The chosen questions as a FHIR R4 ``Questionnaire`` resource, for other clinical systems.

One group item per topic (the family's own questions first, as their own group), each question
an item of type ``text`` whose linkId is the question's stable id; the checks that may be due,
after the questions to start with, as ``display`` items. The answers typed into a fillable
pack go back as a ``QuestionnaireResponse`` to it, group for group and linkId for linkId.
"""

import json
from typing import Any

from clinic_prep.compose.pack import Pack
from clinic_prep.core.pack_mark import PackMark


def questionnaire(pack: Pack) -> dict[str, Any]:
    groups = []
    for number, group in enumerate(pack.groups, start=1):
        items = [
            {
                "linkId": linked_id(question.id, question.number),
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
    if checks and pack.checks_table:
        checks_group = {"linkId": "checks", "text": pack.checks_table.title, "type": "group"}
        groups.insert(min(1, len(groups)), {**checks_group, "item": checks})
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


def linked_id(question_id: str | None, number: int) -> str:
    """A question's linkId: its stable id, or ``own-N`` for the family's own (and carried)."""
    return question_id or f"own-{number}"


def questionnaire_response(mark: PackMark, values: dict[str, str]) -> dict[str, Any]:
    """What was typed into a pack's answer spaces, as a FHIR R4 ``QuestionnaireResponse`` to
    the pack's ``Questionnaire``: the same groups and linkIds, each answer a string. A question
    ticked as asked with no answer written is left out: FHIR has no "asked" for a text item."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for number, question in sorted(mark.questions.items()):
        answer = values.get(f"q{number}-answer")
        if not answer:
            continue
        groups.setdefault(question.group, []).append(
            {
                "linkId": linked_id(question.id, number),
                "text": question.text,
                "answer": [{"valueString": answer}],
            }
        )
    response: dict[str, Any] = {"resourceType": "QuestionnaireResponse", "status": "completed"}
    if mark.visit_date:
        response["authored"] = mark.visit_date
    if groups:
        response["item"] = [
            {"linkId": f"group-{group}", "item": items} for group, items in sorted(groups.items())
        ]
    return response

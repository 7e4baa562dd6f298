"""A fillable pack's account of its fields (see core.pack_mark), made from the pack's own
blocks so that it says exactly what was printed."""

from collections.abc import Sequence

from clinic_prep.compose.pack import QuestionGroup, RecordTable, Section
from clinic_prep.core.pack_mark import MarkedQuestion, PackMark
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.record import FamilyRecord


def pack_mark(sections: Sequence[Section], profile: Profile, record: FamilyRecord) -> PackMark:
    questions: dict[int, MarkedQuestion] = {}
    rows: dict[str, list[str]] = {}
    groups = 0
    for section in sections:
        for block in section.blocks:
            if isinstance(block, QuestionGroup):
                groups += 1
                for question in block.questions:
                    questions[question.number] = MarkedQuestion(
                        text=question.text, carried=block.carried, id=question.id, group=groups
                    )
            elif isinstance(block, RecordTable):
                rows[block.field] = list(block.row_keys)
    return PackMark(
        record_id=record.record_id,
        visit_date=profile.visit_date.isoformat() if profile.visit_date else None,
        questions=questions,
        rows=rows,
    )

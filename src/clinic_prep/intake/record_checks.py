"""What can be wrong in a family's record, said as ``(where, reason)`` like a profile's
problems, so a file's errors name the key and line. Never the value: it may be a medicine or a
name."""

from pydantic import BaseModel, ValidationError

from clinic_prep.core.dates import today
from clinic_prep.core.vocabulary import did_you_mean
from clinic_prep.core.yaml_source import Loc
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.record import FamilyRecord


def _entry_model(loc: Loc) -> type[BaseModel] | None:
    """The model of the list entry ``loc`` points into (``("medicines", 0, ...)``)."""
    if len(loc) < 3 or not isinstance(loc[1], int):
        return None
    annotation = FamilyRecord.model_fields[str(loc[0])].annotation
    entry = getattr(annotation, "__args__", (None,))[0]
    return entry if isinstance(entry, type) and issubclass(entry, BaseModel) else None


def record_problems(exc: ValidationError) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and (entry := _entry_model(loc)) is not None:
            keys = list(entry.model_fields)
            guess = did_you_mean(str(loc[-1]), keys)
            hint = f"did you mean {guess}?" if guess else f"the keys are: {', '.join(keys)}"
            problems.append((loc, f"not a key of this entry; {hint}"))
        else:
            problems.append((loc, error["msg"].removeprefix("Value error, ")))
    return problems


def dated_after_the_visit(record: FamilyRecord, profile: Profile) -> list[tuple[Loc, str]]:
    """Results dated after the visit (or today, with no visit date): a mistyped year, which
    would make a check look done when it is due. An appointment may be booked ahead."""
    reference, after = (
        (profile.visit_date, "after the visit date")
        if profile.visit_date is not None
        else (today(), "in the future")
    )
    return [
        (("results", index, "date"), f"is dated {after}")
        for index, result in enumerate(record.results)
        if result.date.earliest() > reference
    ]

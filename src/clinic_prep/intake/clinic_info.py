"""A clinic's own details (``clinic.yaml``), printed on the cover and in the care-team sheet.

Nurses keep one file per service; no code changes are needed to brand a handout.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from clinic_prep.core.errors import InputError
from clinic_prep.core.text import clean_text
from clinic_prep.core.vocabulary import did_you_mean
from clinic_prep.core.yaml_source import field_path
from clinic_prep.intake.profile_io import read_profile_file

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from clinic_prep.content.model import Bank

# Printed on every pack and shown on screen: no control characters (an escape sequence in a
# clinic's name would act on the terminal of whoever runs explain or a text pack).
Short = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    AfterValidator(clean_text),
]
Long = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=400),
    AfterValidator(clean_text),
]


class Phone(BaseModel):
    # Built when a clinic's details are first read, not at import: most runs read none.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    label: Short
    number: Short


class ClinicInfo(BaseModel):
    """What a clinic wants on every pack it hands out."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # as Phone

    name: Short
    department: Short | None = None
    phones: list[Phone] = Field(default_factory=list, max_length=6)
    address: Long | None = None
    email: Short | None = None
    opening_hours: Short | None = None
    note: Long | None = None
    content_dirs: list[Short] = Field(
        default_factory=list, description="Local question folders, relative to this file."
    )

    def lines(self) -> list[str]:
        """The details as printed, one per line, name first."""
        lines = [self.name]
        if self.department:
            lines.append(self.department)
        lines += [f"{phone.label}: {phone.number}" for phone in self.phones]
        if self.email:
            lines.append(f"Email: {self.email}")
        if self.address:
            lines.append(self.address)
        if self.opening_hours:
            lines.append(f"Open: {self.opening_hours}")
        if self.note:
            lines.append(self.note)
        return lines


# How a phone line is written, for errors about one.
PHONE_EXAMPLE = "a label and a number, for example: - {label: Nurse line, number: 0121 555 0101}"


def _in_words(error: "ErrorDetails") -> str:
    """A nurse's words for what is wrong with one part of the file, with the shape it takes:
    never pydantic's own ("Extra inputs are not permitted", "instance of Phone")."""
    loc, kind = error["loc"], error["type"]
    in_phone = len(loc) >= 2 and loc[0] == "phones"
    fields = list(Phone.model_fields if in_phone and len(loc) > 2 else ClinicInfo.model_fields)
    if kind == "extra_forbidden":
        guess = did_you_mean(str(loc[-1]), fields)
        return (
            f"not a field here; did you mean {guess}?"
            if guess
            else (f"not a field here; the fields are: {', '.join(fields)}")
        )
    if loc == ("phones",) and kind == "list_type":
        return f"a list of phone lines, each with {PHONE_EXAMPLE}"
    if in_phone and len(loc) == 2 and kind in ("model_type", "dict_type"):
        return f"each phone line has {PHONE_EXAMPLE}"
    if kind == "missing":
        return f"missing; each phone line has {PHONE_EXAMPLE}" if in_phone else "missing"
    return str(error["msg"]).removeprefix("Value error, ")


def load_clinic_info(path: Path) -> tuple[ClinicInfo, tuple[Path, ...]]:
    """The clinic's details, and its local content folders resolved against the file."""
    doc = read_profile_file(path, kind="clinic")  # the same safe, line-aware YAML/JSON reader
    try:
        info = ClinicInfo.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False)
        # A misspelt field first: "did you mean number?" explains the "number: missing" too.
        error = min(errors, key=lambda e: e["type"] != "extra_forbidden")
        where = field_path(tuple(error["loc"])) or "(top level)"
        raise InputError(
            f"{path}:{doc.line_of(tuple(error['loc']))}: {where}: {_in_words(error)}"
        ) from None
    folders = tuple((path.parent / folder).resolve() for folder in info.content_dirs)
    return info, folders


@dataclass(frozen=True)
class RunSettings:
    """What a run brings to every pack it makes, whoever calls (the CLI, a batch, a test):
    a clinic's details, its folders of local questions, and whether packs are handouts (the
    name and age left as lines to fill in by hand). Paper, large print and a fillable form are
    the reader's choices and travel with the profile."""

    clinic: ClinicInfo | None = None
    overlays: tuple[Path, ...] = ()
    handout: bool = False

    def bank(self) -> "Bank":
        """The shipped bank with this run's overlays (loaded once per process)."""
        from clinic_prep.content.bank import load_bank
        from clinic_prep.core.resources import content_dir

        return load_bank(content_dir(), self.overlays)

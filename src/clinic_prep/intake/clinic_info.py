"""A clinic's own details (``clinic.yaml``), printed on the cover and in the care-team sheet.

Nurses keep one file per service; no code changes are needed to brand a handout.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from clinic_prep.core.errors import InputError
from clinic_prep.core.yaml_source import describe_validation_error
from clinic_prep.intake.profile_io import read_profile_file

if TYPE_CHECKING:
    from clinic_prep.content.model import Bank

Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Long = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]


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


def load_clinic_info(path: Path) -> tuple[ClinicInfo, tuple[Path, ...]]:
    """The clinic's details, and its local content folders resolved against the file."""
    doc = read_profile_file(path, kind="clinic")  # the same safe, line-aware YAML/JSON reader
    try:
        info = ClinicInfo.model_validate(doc.data)
    except ValidationError as exc:
        line, message = describe_validation_error(exc, doc)[0]
        raise InputError(f"{path}:{line}: {message}") from None
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

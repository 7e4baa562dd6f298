"""Every profile field is described once, in profile_fields, and reaches a profile the same way
from a flag, a spreadsheet column and a profile file: a field missing from any of them, or
described differently in one, fails here."""

import io
import json
import types
import typing
from enum import StrEnum
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from clinic_prep import cli
from clinic_prep.cli.interview import SUMMARY
from clinic_prep.core.errors import InputError
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.profile_fields import FIELDS, PROFILE_FIELDS, ProfileField, Shape
from clinic_prep.intake.profile_io import build_profile
from clinic_prep.intake.spreadsheet import ALIASES, COLUMNS, Row, row_to_fields
from clinic_prep.intake.spreadsheet_template import template_xlsx
from tests.conftest import ROOT

runner = CliRunner()

# A value for each field as a spreadsheet cell holds it (its example, unless that is what the
# profile has anyway); the flags and the file are made from it.
CELL_FOR_FIELD = {
    **{field.name: field.example for field in PROFILE_FIELDS},
    **{field.name: "yes" for field in PROFILE_FIELDS if field.shape is Shape.YES_NO},
    "own_questions": "Is it inherited, or not?; What happens next?",
    "genetic_result": "uncertain",
    "situations": "result-received; siblings",
    "reader": "self",
    "paper": "letter",
}
# The commands that take flags for profile fields.
PACK_COMMANDS = ("generate", "explain", "handout")


def command_options(name: str) -> dict[str, Any]:
    """The command's options (typer's own click), by parameter name."""
    found = typer.main.get_command(cli.app).commands[name]
    return {param.name: param for param in found.params if param.param_type_name == "option"}


def parts(cell: str) -> list[str]:
    """A cell's values: the samples put ; between several (own questions keep their commas)."""
    return [part.strip() for part in cell.split(";")]


def as_flags(field: ProfileField, cell: str) -> list[str]:
    if field.shape is Shape.YES_NO:
        return [field.flag]
    return [arg for value in parts(cell) for arg in (field.flag, value)]


def as_file_value(field: ProfileField, cell: str) -> Any:
    if field.shape is Shape.YES_NO:
        return True
    if field.shape is Shape.PAIRS:
        return dict(part.split("=") for part in parts(cell))
    return parts(cell) if field.several else cell


def plan_profile(*args: str) -> dict[str, Any]:
    result = runner.invoke(cli.app, ["generate", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    profile: dict[str, Any] = json.loads(result.stdout)["profile"]
    return profile


def test_the_fields_described_are_the_profile_fields_in_order() -> None:
    assert [field.name for field in PROFILE_FIELDS] == list(Profile.model_fields)
    assert list(COLUMNS) == ["family_id", *Profile.model_fields, "record"]
    assert all(field.example for field in PROFILE_FIELDS), "the template shows an example of each"


def _annotation_parts(annotation: Any) -> set[Any]:
    """The types an annotation is made of, through Annotated, unions and containers."""
    found = {annotation}
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _annotation_parts(typing.get_args(annotation)[0])
    if origin is not None:
        found.add(origin)
        for argument in typing.get_args(annotation):
            found |= _annotation_parts(argument)
    return found


@pytest.mark.parametrize("field", PROFILE_FIELDS, ids=lambda field: field.name)
def test_each_description_agrees_with_the_model(field: ProfileField) -> None:
    """The shape and fixed values a field is described with are the model's."""
    types_in = _annotation_parts(Profile.model_fields[field.name].annotation)
    assert (list in types_in) is (field.shape is Shape.SEVERAL)
    assert (dict in types_in) is (field.shape is Shape.PAIRS)
    assert (bool in types_in) is (field.shape is Shape.YES_NO)
    enums = {kind for kind in types_in if isinstance(kind, type) and issubclass(kind, StrEnum)}
    assert enums == ({field.values} if field.values else set())
    assert types.NoneType not in types_in or field.shape is Shape.ONE


@pytest.mark.parametrize("field", PROFILE_FIELDS, ids=lambda field: field.name)
def test_every_field_has_a_flag_on_generate_as_described(field: ProfileField) -> None:
    option = command_options("generate")[field.name]
    assert tuple(option.opts) == field.flags
    assert option.help == field.help
    assert option.metavar == field.metavar
    assert option.multiple is field.several


@pytest.mark.parametrize("command", PACK_COMMANDS)
def test_every_command_names_its_flags_as_the_fields_do(command: str) -> None:
    """A flag for a profile field has the field's flags, whatever the command; a parameter that
    is not a field's has no field's flag (it would not reach the profile)."""
    flags_of_fields = {flag: field for field in PROFILE_FIELDS for flag in field.flags}
    for name, option in command_options(command).items():
        if name in FIELDS:
            assert tuple(option.opts) == FIELDS[name].flags, name
        else:
            assert not set(option.opts) & set(flags_of_fields), name


def test_help_shows_each_fields_flag_and_description() -> None:
    result = runner.invoke(cli.app, ["generate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    shown = " ".join(result.stdout.split())
    for field in PROFILE_FIELDS:
        assert f" {field.flag} " in shown
        assert shown.count(field.help) == 1, field.name


def test_the_template_explains_every_column_in_the_fields_words() -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    notes = {row[0]: row[1:] for row in book["columns"].iter_rows(min_row=2, values_only=True)}
    assert list(notes) == list(COLUMNS)
    for field in PROFILE_FIELDS:
        meaning, values, example = notes[field.name]
        assert meaning.startswith(field.description) and meaning == field.note
        assert (values or "") == field.column_values
        assert (example or "") == field.example
    for alias, name in ALIASES.items():
        assert alias in FIELDS[name].aliases


@pytest.mark.parametrize("field", PROFILE_FIELDS, ids=lambda field: field.name)
def test_a_field_means_the_same_from_a_flag_a_file_and_a_column(
    field: ProfileField, tmp_path: Path
) -> None:
    cell = CELL_FOR_FIELD[field.name]
    base = {} if field.name in ("situations", "clinics") else {"clinics": "eyes"}
    from_column = Profile.model_validate(
        row_to_fields(Row(2, {"family_id": "F-1", **base, field.name: cell}))
    ).model_dump(mode="json")
    base_flags = ["--clinic", "eyes"] if base else []
    from_flags = plan_profile(*base_flags, *as_flags(field, cell))
    profile_file = tmp_path / "profile.json"
    file_data = {name: [value] for name, value in base.items()}
    profile_file.write_text(json.dumps({**file_data, field.name: as_file_value(field, cell)}))
    from_file = plan_profile("--profile", str(profile_file))
    assert from_column == from_flags == from_file
    assert from_column[field.name] != Profile.model_fields[field.name].get_default(
        call_default_factory=True
    ), "the sample value should not be the default"


@pytest.mark.parametrize("field", PROFILE_FIELDS, ids=lambda field: field.name)
def test_an_error_about_a_flag_names_the_flag(field: ProfileField) -> None:
    """A bad value given by a flag is reported with the flag the field's description names."""
    bad: Any = {Shape.YES_NO: "maybe", Shape.PAIRS: ["echo"]}.get(field.shape, "not a value")
    if field.free_text:  # any text is a name or a question, but not a thousand characters
        bad = ["x" * 1000] if field.several else "x" * 1000
    with pytest.raises(InputError) as refused:
        build_profile(None, {"clinics": ["eyes"], field.name: bad})
    assert str(refused.value).startswith(f"{field.flag}: "), str(refused.value)


def test_the_interview_asks_with_the_fields_prompts_and_summarises_them_by_label() -> None:
    asked = [name for name, _steps in SUMMARY]
    assert len(asked) == len(set(asked))
    assert {field.name for field in PROFILE_FIELDS if field.prompt} == set(asked)


def test_the_readme_names_every_flag_and_column() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme.split("## Usage")[1].split("## Profile files")[0]
    batch = readme.split("## Batch packs")[1].split("###")[0]
    for field in PROFILE_FIELDS:
        assert f"`{field.flag}" in usage, field.flag
        assert f"`{field.name}`" in batch, field.name

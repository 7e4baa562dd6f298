"""Read a fillable pack back: what was typed into its fields and ticked, and the pack's own
account of those fields (its mark). A file that is not a clinic-prep form, is damaged or is
locked is refused with one line."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_prep.core.errors import InputError
from clinic_prep.core.pack_mark import INFO_KEY, PackMark
from clinic_prep.core.pdf_reading import pdf_reader, quiet_pypdf
from clinic_prep.core.reading import read_capped
from clinic_prep.core.text import typed_text

MAX_PACK_BYTES = 50_000_000
TICKED = "yes"  # a ticked box, as FilledPack.values gives it


@dataclass(frozen=True)
class FilledPack:
    """``values``: each field with something in it, by name: its text as typed, or
    ``TICKED``; ``labels``: each field's spoken name, to say where an entry came from."""

    mark: PackMark
    values: dict[str, str]
    labels: dict[str, str]


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(_text(item) for item in value)
    text = "" if value is None else str(value)
    if text in ("/Off", "Off"):
        return ""
    if text.startswith("/"):
        return TICKED  # a ticked box holds the name of its "on" state
    return typed_text(text, keep_lines=True)


def read_filled_pack(path: Path) -> FilledPack:
    data = read_capped(path, MAX_PACK_BYTES, "a pack")
    not_a_form = f"{path}: not a fillable clinic-prep pack (make one with --fillable)"
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{path}: not a PDF file")
    from pypdf.errors import PyPdfError

    with quiet_pypdf():
        try:
            reader = pdf_reader(data)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(f"{path}: the PDF is locked with a password")
            info: dict[str, Any] = dict(reader.metadata or {})
            fields = reader.get_fields() or {}
        except InputError:
            raise
        except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
            raise InputError(f"{path}: the PDF is damaged and cannot be read") from None
        except Exception:  # a cipher pypdf cannot open here, and the like
            raise InputError(f"{path}: the PDF cannot be read") from None
    mark = PackMark.from_text(str(info.get(INFO_KEY, "")))
    if mark is None:
        raise InputError(not_a_form)
    values = {name: text for name, field in fields.items() if (text := _text(field.get("/V")))}
    labels = {name: str(field.get("/TU") or name) for name, field in fields.items()}
    return FilledPack(mark, values, labels)

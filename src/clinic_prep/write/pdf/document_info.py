"""What a document says of itself: its title and subject, its language, and entries of our
own in its document information (a fillable pack's mark)."""

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFString


@dataclass(frozen=True)
class DocumentInfo:
    """What a document says of itself: in its properties, its metadata, its language."""

    title: str
    subject: str
    lang: str = "en"
    own_entries: dict[str, str] = field(default_factory=dict)  # more of the Info dictionary


class InfoWith(PDFInfo):  # type: ignore[misc]
    """The document information reportlab writes, with entries of our own added."""

    def __init__(self, info: PDFInfo, entries: dict[str, str]) -> None:
        super().__init__()
        self.__dict__.update(info.__dict__)
        self.entries = entries

    def format(self, document: Any) -> bytes:
        written: bytes = super().format(document)
        extra: bytes = PDFDictionary(
            {key.lstrip("/"): PDFString(value) for key, value in self.entries.items()}
        ).format(document)
        # Both are "<< ... >>": the entries go inside the one dictionary.
        return written.rstrip()[:-2] + extra.strip()[2:]

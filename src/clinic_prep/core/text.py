"""Text a person gives us (a name, a question, a clinic's details), made safe to print."""

import re
import unicodedata

# A web address in a text (a source's reference), and what ends a sentence around one.
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+")
TRAILING_PUNCTUATION = ".,;:)]"  # ends a sentence around an address, not the address


def clean_text(value: str) -> str:
    """NFC-normalised text with no control characters (a line break or a NUL in a name would
    print as nothing or as a box, an escape sequence would act on a terminal, and either could
    confuse the programs that read our files)."""
    text = unicodedata.normalize("NFC", value)
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs") or char in "\u2028\u2029":
            raise ValueError(f"contains a control character (U+{ord(char):04X}); please remove it")
    return text


def typed_text(value: str, *, keep_lines: bool = False) -> str:
    """Text typed into a form, which a person cannot see to correct: control characters
    dropped rather than refused, line breaks kept where ``keep_lines`` (notes) and otherwise
    made spaces, each line trimmed."""
    lines = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        char
        for char in lines.replace("\t", " ")
        if char == "\n"
        or (unicodedata.category(char) not in ("Cc", "Cs") and char not in "\u2028\u2029")
    )
    parts = [" ".join(line.split()) for line in kept.split("\n")]
    if not keep_lines:
        return " ".join(part for part in parts if part)
    return "\n".join(parts).strip("\n")

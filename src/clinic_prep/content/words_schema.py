"""The shape of content/words.yaml: the pack's titles, headings, labels and short phrases.
A phrase that is filled in keeps the names in braces it needs, checked as the file is read."""

from string import Formatter
from typing import ClassVar

from pydantic import ValidationInfo, field_validator

from clinic_prep.content.schema import Line, Strict


def _names(phrase: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(phrase) if name}


class _Phrases(Strict):
    """Words whose phrases are filled in: ``NEEDS`` names, for each such phrase, the names in
    braces it must hold and may hold (so a misspelt or missing one is an error in the file,
    not a gap in a pack)."""

    NEEDS: ClassVar[dict[str, set[str]]] = {}

    @field_validator("*")
    @classmethod
    def _keeps_its_names(cls, value: object, info: ValidationInfo) -> object:
        needed = cls.NEEDS.get(info.field_name or "")
        if needed is not None and isinstance(value, str) and _names(value) != needed:
            wanted = ", ".join(f"{{{name}}}" for name in sorted(needed)) or "none"
            raise ValueError(f"needs {wanted} in braces")
        return value


class Contents(Strict):
    title: Line
    subject: Line


class PackContents(Strict):
    all: Contents
    questions: Contents
    sheets: Contents


class PackWords(_Phrases):
    NEEDS: ClassVar[dict[str, set[str]]] = {
        "visit_on": {"date"},
        "title_on": {"what", "date"},
        "title_any": {"what"},
        "subject": {"what"},
        "questions_part": {"title"},
        "sheets_part": {"count"},
    }
    visit_on: Line
    clinic_visit: Line
    sheets_header: Line
    title_on: Line
    title_any: Line
    subject: Line
    contents: PackContents
    questions_part: Line
    sheets_part: Line


class CoverWords(_Phrases):
    NEEDS: ClassVar[dict[str, set[str]]] = {"top_box": {"three"}, "top_field": {"number"}}
    name: Line
    age: Line
    visit_date: Line
    clinics: Line
    situation: Line
    what_helps: Line
    who_to_call: Line
    to_fill_in: Line
    your_clinic: Line
    top_box: Line
    top_field: Line


class KnownWords(_Phrases):
    NEEDS: ClassVar[dict[str, set[str]]] = {"sources": {"names"}}
    title: Line
    sources: Line


class QuestionWords(_Phrases):
    NEEDS: ClassVar[dict[str, set[str]]] = {
        "why": {"why"},
        "asked": {"number", "text"},
        "answer": {"number"},
    }
    title: Line
    start_with_these: Line
    own: Line
    carried: Line
    why: Line
    asked: Line
    answer: Line


class CheckWords(Strict):
    title: Line
    check: Line
    how_often: Line
    last_done: Line
    what_to_ask: Line
    no_date: Line

    @property
    def columns(self) -> tuple[str, str, str, str]:
        return self.check, self.how_often, self.last_done, self.what_to_ask


class WhereNextWords(_Phrases):
    NEEDS: ClassVar[dict[str, set[str]]] = {
        "checked_by": {"name", "service", "date"},
        "wording_updated": {"date"},
    }
    title: Line
    sources: Line
    checked_by: Line
    wording_updated: Line


class ReaderNames(Strict):
    parent: Line
    self: Line
    relative: Line


class ReviewWords(_Phrases):
    NEEDS: ClassVar[dict[str, set[str]]] = {
        "sign_off": {"title"},
        "your_review_of": {"id"},
        "comment_on": {"id"},
        "titled_for_adults": {"adult"},
    }
    title: Line
    rules: Line
    sources: Line
    question_columns: tuple[Line, Line, Line, Line]  # the question, why, when, its sources
    rule_columns: tuple[Line, Line, Line, Line]  # the rule, what it does, why, its sources
    review_column: Line
    choices: tuple[Line, Line, Line]  # keep, change, remove
    readers: ReaderNames
    sign_off: Line
    # Who reviewed, their role, the date (side by side), and the changes needed (across).
    sign_off_labels: tuple[Line, Line, Line, Line]
    your_review_of: Line
    comment_on: Line
    titled_for_adults: Line


class WordsFile(Strict):
    """Every heading and label of a pack, said once."""

    pack: PackWords
    cover: CoverWords
    what_we_know: KnownWords
    questions: QuestionWords
    checks: CheckWords
    where_next: WhereNextWords
    review: ReviewWords

"""The blocks of a review document: a form a clinician marks up (a row for each question or
visit rule, circled OK, change or remove, with room for a comment) and a sign-off. Blocks of
the pack tree, so every writer that prints a pack prints the review too."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewItem:
    """One row of a review form: a question or a rule, each cell as lines of its own."""

    id: str  # the question's or rule's id: the row's name, and its fields' stem
    cells: tuple[tuple[str, ...], ...]  # one for each column but the last (the review's)
    choice_label: str  # the reviewer's choice, named for a screen reader
    comment_label: str  # the comment box, likewise


@dataclass(frozen=True)
class ReviewForm:
    """A row for each item, and a last column where the reviewer marks one of ``choices``
    and comments."""

    title: str  # the heading above it, repeated over its rest on a following page
    kind: str  # "questions" or "rules": what its columns hold, whatever they are called
    columns: tuple[str, ...]
    items: tuple[ReviewItem, ...]
    choices: tuple[str, ...]  # "OK", "Change", "Remove"


@dataclass(frozen=True)
class SignOff:
    """Lines for who reviewed a part, and the changes it needs."""

    title: str  # "Sign-off: Visit rules"
    labels: tuple[str, ...]  # a line to write on for each: "Reviewed by", "Role"...
    field: str  # a stable name for its fields

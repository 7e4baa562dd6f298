"""Who the pack speaks to, described once: every word that depends on the reader comes from here.

A parent reads about their child ("my child", "the team who knows your child"); the person with
the condition and a relative asking for themselves read about themselves ("I", "the team who
knows you"). Selection picks the wording of each question by reader; compose and every template
take their words from a ``Voice``.
"""

from dataclasses import dataclass

from clinic_prep.core.vocabulary import Reader


@dataclass(frozen=True)
class Voice:
    """The words for one reader."""

    reader: Reader
    about_a_child: bool  # the reader is a parent writing about their child
    you: str  # the person the team knows, as the reader is addressed: "your child", "you"

    def visit_of(self, name: str | None) -> str:
        """Whose visit the pack is for: "Sam's visit", "your child's visit", "your visit"."""
        if not self.about_a_child:
            return "your visit"
        return f"{name}'s visit" if name else "your child's visit"

    def cover_heading(self, name: str | None) -> str:
        if not self.about_a_child:
            return "Getting ready for my clinic visit"
        return (
            f"Getting ready for {name}'s clinic visit"
            if name
            else "Getting ready for the clinic visit"
        )

    def communication_title(self, name: str | None) -> str:
        if not self.about_a_child:
            return "How I communicate, and what helps me"
        return f"How {name or 'my child'} communicates, and what helps"

    @property
    def team_who_knows(self) -> str:
        return f"the team who knows {self.you}"


VOICES = {
    Reader.PARENT: Voice(Reader.PARENT, about_a_child=True, you="your child"),
    Reader.SELF: Voice(Reader.SELF, about_a_child=False, you="you"),
    Reader.RELATIVE: Voice(Reader.RELATIVE, about_a_child=False, you="you"),
}


def voice_of(reader: Reader) -> Voice:
    return VOICES[reader]

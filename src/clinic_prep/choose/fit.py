"""How a question fits a visit: the purposes it serves, and whether the profile establishes
what its wording takes for granted (its premises). Pure functions of the question's ``when``
and the profile."""

from dataclasses import dataclass
from enum import IntEnum

from clinic_prep.choose.checks import DueCheck
from clinic_prep.choose.visit_rules import (
    is_first_visit,
)
from clinic_prep.content.premises import readers_of
from clinic_prep.content.schema import When
from clinic_prep.core.age import Age
from clinic_prep.core.vocabulary import (
    CLINIC_BODY_SYSTEMS,
    CLINIC_LABELS,
    SITUATION_LABELS,
    BodySystem,
    Clinic,
    Situation,
)
from clinic_prep.intake.profile import Profile

Purpose = Situation | Clinic

FOR_EVERY_VISIT = "for every visit"


class Relevance(IntEnum):
    """How a question earned its place; lower comes first."""

    PURPOSE = 0  # serves a named clinic or situation
    BODY_SYSTEM = 1  # chosen only because a body system is involved
    GENERAL = 2  # for every visit, or chosen only by age or reader


RELEVANCE_WORDS = {
    Relevance.PURPOSE: "serves",
    Relevance.BODY_SYSTEM: "chosen for a body system involved",
    Relevance.GENERAL: "a general question",
}


@dataclass(frozen=True)
class Match:
    """Why a question fits: readable reasons, plus what ranking needs to know."""

    reasons: tuple[str, ...]
    serves: tuple[Purpose, ...]  # the visit's purposes it serves, in the visit's order
    direct: bool  # named by the question itself, not through the clinic's body systems
    involves_hits: int
    specificity: int  # how many of its premises this profile meets: the more, the better it fits

    @property
    def relevance(self) -> Relevance:
        if self.serves:
            return Relevance.PURPOSE
        return Relevance.BODY_SYSTEM if self.involves_hits else Relevance.GENERAL


def visit_purposes(profile: Profile) -> tuple[Purpose, ...]:
    """What the visit is for, main purpose first: the first situation named, the clinics, then
    any other situations. "A regular visit" is not a purpose of its own: its purpose is the
    clinic, so questions for any regular visit fit but do not compete with the clinic's."""
    situations = [s for s in profile.situations if s is not Situation.ROUTINE_VISIT]
    return (*situations[:1], *profile.clinics, *situations[1:])


def purpose_label(purpose: Purpose) -> str:
    if isinstance(purpose, Clinic):
        return CLINIC_LABELS[purpose]
    return SITUATION_LABELS[purpose]


@dataclass(frozen=True)
class Known:
    """What the profile establishes, worked out once per visit: its fields as sets, checks
    given as recently done, and whether there is an earlier visit to compare with."""

    involved: frozenset[BodySystem]
    needs: frozenset[str]
    purposes: tuple[Purpose, ...]
    visit: frozenset[Purpose]  # every situation and clinic the visit names
    recent_checks: frozenset[str]
    first_visit: bool

    @classmethod
    def of(cls, profile: Profile, age: Age | None, due: tuple[DueCheck, ...]) -> "Known":
        return cls(
            involved=frozenset(profile.involves),
            needs=frozenset(profile.communication_needs),
            purposes=visit_purposes(profile),
            visit=frozenset((*profile.situations, *profile.clinics)),
            recent_checks=frozenset(item.check.id for item in due if item.recently_done()),
            first_visit=is_first_visit(profile, age),
        )


def premises_hold(when: When, profile: Profile, age: Age | None, known: Known) -> bool:
    """Whether the profile establishes everything the question's wording takes for granted.

    An unknown age is the one gap allowed: the question is kept and labelled with its ages
    (a handout is printed before anyone's age is known)."""
    involved = known.involved
    if when.involves and involved.isdisjoint(when.involves):
        return False
    if not involved.issuperset(when.involves_all) or not involved.isdisjoint(when.not_involves):
        return False
    if when.age is not None and age is not None and not when.age.min <= age.years <= when.age.max:
        return False
    if when.sex is not None and profile.sex is not when.sex:
        return False
    if profile.reader not in readers_of(when):
        return False
    if when.diagnosis is not None and profile.diagnosis is not when.diagnosis:
        return False
    if when.results and profile.genetic_result not in when.results:
        return False
    if profile.genetic_result in when.not_results:
        return False
    if when.not_clinics and not known.visit.isdisjoint(when.not_clinics):
        return False
    if when.not_situations and not known.visit.isdisjoint(when.not_situations):
        return False
    if when.not_needs and not known.needs.isdisjoint(when.not_needs):
        return False
    if when.follow_up and known.first_visit:
        return False
    if when.unless_recent and not known.recent_checks.isdisjoint(when.unless_recent):
        return False
    return not when.siblings or Situation.SIBLINGS in profile.situations


def match(when: When, profile: Profile, age: Age | None, known: Known) -> Match | None:
    """How ``when`` fits this profile, or None when it does not serve the visit or a premise
    does not hold."""
    named = [*when.situations, *when.clinics]
    # The visit's purpose first: most questions serve another visit, and it is the cheaper test.
    if named and known.visit.isdisjoint(named):
        return None
    if not premises_hold(when, profile, age, known):
        return None
    purposes = known.purposes
    hits = tuple(value for value in profile.involves if value in when.involves + when.involves_all)
    reasons: list[str] = []
    if named:
        serves = tuple(p for p in purposes if p in named)
        reasons += [
            f"{'clinic' if isinstance(p, Clinic) else 'situation'}: {p}"
            for p in (*serves, *(s for s in profile.situations if s not in purposes))
            if p in named
        ]
    else:
        # A body-system question serves a visit to the clinic that looks after that system.
        serves = tuple(
            p for p in profile.clinics if hits and CLINIC_BODY_SYSTEMS[p].intersection(hits)
        )
        reasons += [f"clinic: {p} (looks after {', '.join(hits)})" for p in serves]
    reasons += [f"involves: {value}" for value in hits]
    if when.age is not None:
        band = f"{when.age.min}-{when.age.max}"
        reasons.append(
            f"age {band} (no age given)" if age is None else f"age {age.years} is within {band}"
        )
    if when.sex is not None:
        reasons.append(f"sex: {when.sex}")
    if when.readers:
        reasons.append(f"reader: {profile.reader}")
    if when.diagnosis is not None:
        reasons.append(f"diagnosis: {when.diagnosis}")
    if when.results:
        reasons.append(f"genetic result: {profile.genetic_result}")
    return Match(
        reasons=tuple(reasons) or (FOR_EVERY_VISIT,),
        serves=serves,
        direct=bool(named),
        involves_hits=len(hits),
        specificity=len(hits)
        + sum(
            bool(premise)
            for premise in (when.age, when.sex, when.readers, when.diagnosis, when.results)
        ),
    )

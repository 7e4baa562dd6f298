"""The visit rules (content/rules.yaml) as models: coverage, urgency and must-haves, each with
its sources."""

from pydantic import (
    Field,
    model_validator,
)

from clinic_prep.content.schema import AgeRange, Id, Line, Strict
from clinic_prep.core.vocabulary import (
    BodySystem,
    Clinic,
    Reader,
    Situation,
)


class Sourced(Strict):
    """A rule a clinician signs off: why it holds, and where that comes from."""

    why: Line
    sources: list[Id] = Field(min_length=1)


class WholePersonRule(Sourced):
    """The visits that look at the whole person: a situation or a clinic named here."""

    situations: list[Situation] = Field(default_factory=list)
    clinics: list[Clinic] = Field(default_factory=list)


class CoverageRule(Sourced):
    """At a whole-person visit, each declared body system gets ``places`` questions of its own:
    a question whose ``when`` names the system, or one from the system's topics."""

    places: int = Field(ge=1, le=3)
    topics: dict[BodySystem, list[Id]]
    grows_by: int = Field(
        default=0,
        ge=0,
        le=5,
        description="A list cut at the default length grows by one place for each declared "
        "system beyond three, up to this many, so that covering them leaves the visit's own "
        "questions their places.",
    )
    leads_at: "Trigger | None" = Field(
        default=None,
        description="Visits whose purpose is every system: there, a declared system's own "
        "question may be among the first three, after the visit's own most important ones.",
    )


class StayLeadsRule(Sourced):
    """In these situations the situation is what the visit is for, and a clinic named with it
    is the team in charge: the questions of the situation and of ``clinics`` (the emergency
    department) are asked first, and the clinic's everyday questions (hearing aids at a stay
    for ear tubes) come after them. Questions for every visit are not asked at all."""

    situations: list[Situation] = Field(min_length=1)
    clinics: list[Clinic] = Field(
        default_factory=list, description="Hospital clinics whose questions are the stay's own."
    )


class ClinicLeadsRule(Sourced):
    """At a visit naming one of ``situations`` (a new diagnosis) and one of ``clinics`` (a
    specialist's, for one part of the body), that clinic's own questions lead the first three
    over those of the situation alone (after what a rule raises); at one of ``alone_at`` (a
    yearly review), only where that clinic is the only one named."""

    situations: list[Situation] = Field(min_length=1)
    alone_at: list[Situation] = Field(default_factory=list)
    clinics: list[Clinic] = Field(min_length=1)


class ClinicTopicsRule(Sourced):
    """Each clinic's own topics: among questions that serve a clinic equally, these lead."""

    topics: dict[Clinic, list[Id]]


class InteractionRule(Sourced):
    """At a visit to ``clinic``, a declared system in ``systems`` bears on the clinic's work
    (medicines, anaesthesia, the other sense) and may take one place."""

    id: Id
    clinics: list[Clinic] = Field(min_length=1)
    systems: list[BodySystem] = Field(min_length=1)


class Trigger(Strict):
    """When a rule fires: at a whole-person visit, or a visit naming one of these situations or
    clinics, or with one of these systems declared (any of them); and then only within ``age``
    and for ``readers``, with every system in ``involves_all``, at a visit that also names
    one of ``with_clinics`` (a hospital stay under the hearing team), never at a visit
    that also names one of ``not_situations`` (which has questions of its own for it), and,
    with ``clinics_only``, only where every clinic the visit names is one of them (a yearly
    review with the family doctor, not one at the heart clinic, whose purpose frames it)."""

    whole_person: bool = False
    situations: list[Situation] = Field(default_factory=list)
    clinics: list[Clinic] = Field(default_factory=list)
    involves: list[BodySystem] = Field(default_factory=list)
    involves_all: list[BodySystem] = Field(default_factory=list)
    with_clinics: list[Clinic] = Field(default_factory=list)
    not_situations: list[Situation] = Field(default_factory=list)
    clinics_only: list[Clinic] = Field(default_factory=list)
    age: AgeRange | None = None
    readers: list[Reader] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fires_somewhere(self) -> "Trigger":
        where = (self.whole_person, self.situations, self.clinics, self.involves)
        if not any((*where, self.involves_all, self.age)):
            raise ValueError("a trigger needs a visit, a body system or an age")
        return self


class MustHaveRule(Sourced):
    """A question that must reach every visit where ``at`` fires: the first of ``questions``
    whose premises hold for the profile takes a place (every one of them, with
    ``all_that_apply``: one handover question for each declared system)."""

    id: Id
    at: Trigger
    questions: list[Id] = Field(min_length=1)
    all_that_apply: bool = False


class FirstRule(Sourced):
    """What is raised into the questions to ask first, ahead of the visit's purpose: up to
    ``places`` of ``questions`` (in this order) whose premises hold, when ``at`` fires; up to
    ``also_listed`` more of them keep a place further down the list."""

    id: Id
    at: Trigger
    questions: list[Id] = Field(min_length=1)
    places: int = Field(default=1, ge=1, le=3)
    also_listed: int = Field(default=0, ge=0, le=3)
    checks: list[Id] = Field(
        default_factory=list, description="Checks that must then be in the checks list."
    )


class OverdueRule(Sourced):
    """A check is overdue once ``times_interval`` times its longest usual interval has passed;
    the first overdue check of each ``high_stakes`` system is among the questions to ask
    first (one per system, so that two overdue heart checks do not take two of three)."""

    times_interval: float = Field(ge=1.5, le=5)
    high_stakes: list[BodySystem] = Field(min_length=1)


class BaselineRule(Sourced):
    """At these situations the checks marked ``baseline`` are listed as usually done then."""

    situations: list[Situation] = Field(min_length=1)


class RulesFile(Strict):
    """``content/rules.yaml``: what decides coverage and urgency, as data a clinician can read."""

    whole_person: WholePersonRule
    coverage: CoverageRule
    clinic_topics: ClinicTopicsRule
    stay_leads: StayLeadsRule
    clinic_leads: ClinicLeadsRule | None = None
    interactions: list[InteractionRule] = Field(default_factory=list)
    must_have: list[MustHaveRule] = Field(default_factory=list)
    first: list[FirstRule] = Field(default_factory=list)
    overdue: OverdueRule
    baseline: BaselineRule


CoverageRule.model_rebuild()  # its ``leads_at`` is a Trigger, defined after it

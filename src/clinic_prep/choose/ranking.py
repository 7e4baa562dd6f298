"""The order of a visit's candidate questions, most useful first: purposes take turns within
each priority, a question serving two of the visit's clinics counts one priority higher, and
in a hospital stay the stay's own questions go before the clinic in charge."""

from collections import defaultdict

from clinic_prep.choose.fit import Purpose, Relevance
from clinic_prep.choose.places import Candidate
from clinic_prep.choose.visit_rules import is_stay
from clinic_prep.content.rules_schema import RulesFile
from clinic_prep.core.vocabulary import Clinic
from clinic_prep.intake.profile import Profile


def stay_purposes(rules: RulesFile, profile: Profile) -> frozenset[Purpose]:
    """In a hospital stay (content/rules.yaml ``stay_leads``), the purposes that are the
    stay's own; otherwise none."""
    stay: frozenset[Purpose] = frozenset((*rules.stay_leads.situations, *rules.stay_leads.clinics))
    return stay if is_stay(rules, profile) else frozenset()


def _take_turns(queues: list[list[int]]) -> list[int]:
    """Interleave queues, one from each in turn, skipping indexes already taken."""
    taken: list[int] = []
    seen: set[int] = set()
    queues = [list(queue) for queue in queues]
    while any(queues):
        for queue in queues:
            while queue and queue[0] in seen:
                queue.pop(0)
            if queue:
                seen.add(queue[0])
                taken.append(queue.pop(0))
    return taken


def joint_band(candidate: Candidate) -> int:
    """A question's priority, one higher for each more of the visit's clinics it serves (food
    for the kidneys at the kidney clinic and the dietitian on one day)."""
    joint = sum(1 for p in candidate.found.serves if isinstance(p, Clinic)) - 1
    return max(1, candidate.item.question.priority - max(joint, 0))


def rank(
    candidates: list[Candidate],
    purposes: tuple[Purpose, ...],
    clinic_topics: dict[Clinic, list[str]],
    stay: frozenset[Purpose] = frozenset(),
) -> list[int]:
    """Order candidate indexes, most useful for this visit first.

    1. Relevance: questions serving the visit's purposes, then body-system questions, then
       general ones.
    2. Questions serving a purpose: the purposes take turns (main purpose first) within each
       priority, then a clinic's own topics first (content/rules.yaml), then questions the
       bank ties to that purpose directly before ones
       that serve it through a body system, then the more specific (the more of its premises
       this profile meets: a question for a baby with a weak heart before one for anyone at
       the heart clinic).
    3. The rest: by priority, then topics take turns so that one topic does not fill the list.

    In a hospital stay (``stay``), the clinic in charge of the stay waits, within each
    priority, for the other purposes: the stay's own questions go first.
    """

    bands = [joint_band(candidate) for candidate in candidates]

    def band(index: int) -> int:
        return bands[index]

    def within(index: int) -> tuple[int, int, int, int, int]:
        item, found = candidates[index].item, candidates[index].found
        own = any(
            isinstance(p, Clinic) and item.topic.id in clinic_topics.get(p, ())
            for p in found.serves
        )
        return (
            band(index),
            0 if own else 1,
            0 if found.direct else 1,
            -found.specificity,
            index,
        )

    by_purpose: dict[Purpose, list[int]] = {purpose: [] for purpose in purposes}
    others: dict[tuple[Relevance, int], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for index in sorted(range(len(candidates)), key=within):
        item, found = candidates[index].item, candidates[index].found
        for purpose in found.serves:
            by_purpose[purpose].append(index)
        if not found.serves:
            others[(found.relevance, item.question.priority)][item.topic.id].append(index)

    ranked = _purposes_take_turns(bands, by_purpose, stay)
    for key in sorted(others):
        queues = sorted(
            others[key].values(), key=lambda queue: candidates[queue[0]].item.topic.order
        )
        ranked += _take_turns(queues)
    return ranked


def waits_in_stay(purpose: Purpose, stay: frozenset[Purpose]) -> bool:
    """In a hospital stay, a clinic that is not the stay's own is the team in charge: its
    everyday questions wait for the stay's own."""
    return bool(stay) and isinstance(purpose, Clinic) and purpose not in stay


def _purposes_take_turns(
    bands: list[int], by_purpose: dict[Purpose, list[int]], stay: frozenset[Purpose]
) -> list[int]:
    """Purposes take turns within each priority band (``bands``: each candidate's), so that
    one purpose's questions to ask later never come before another's questions to ask first.
    In a hospital stay the clinic in charge waits, within each band, for the stay's own."""
    leading = [queue for purpose, queue in by_purpose.items() if not waits_in_stay(purpose, stay)]
    following = [queue for purpose, queue in by_purpose.items() if waits_in_stay(purpose, stay)]
    ranked: list[int] = []
    placed: set[int] = set()
    for band in sorted(set(bands)):
        for queues in (leading, following):
            turns = _take_turns([[i for i in queue if bands[i] == band] for queue in queues])
            ranked += [i for i in turns if i not in placed]
            placed.update(turns)
    return ranked

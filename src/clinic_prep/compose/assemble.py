"""Turn a plan and a profile into a Pack: what a reader sees, and the order of it.

Layout-free: the PDF, HTML, text and JSON renderers all walk the same blocks. Longer prose
comes from templates/; facts, sheets and the pack's headings and labels (words.yaml) from
content/. This module decides what goes where.
"""

from collections.abc import Iterable

from clinic_prep.choose.selection import Plan, PlannedQuestion
from clinic_prep.compose.choices import plan_data
from clinic_prep.compose.cover import clinic_box, cover, long_date
from clinic_prep.compose.marking import pack_mark
from clinic_prep.compose.pack import (
    Callout,
    CheckRow,
    ChecksTable,
    Heading,
    Pack,
    Paragraph,
    Question,
    QuestionGroup,
    ReferenceList,
    Resource,
    ResourceList,
    Section,
    Style,
)
from clinic_prep.compose.sheets import sheet_block, sheets_for
from clinic_prep.compose.templating import paragraphs
from clinic_prep.compose.voice import voice_of
from clinic_prep.content.model import Bank
from clinic_prep.content.schema import KnowledgeBlock
from clinic_prep.content.words_schema import CheckWords, QuestionWords
from clinic_prep.core.age import ADULT_YEARS
from clinic_prep.core.vocabulary import (
    PackSections,
)
from clinic_prep.intake.clinic_info import ClinicInfo
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.record import FamilyRecord

# -- what we know, and the questions ----------------------------------------------------------


def _knowledge_shown(profile: Profile, bank: Bank) -> list[KnowledgeBlock]:
    """The "what we know" boxes for this visit and result."""
    result = profile.genetic_result
    return [
        block
        for block in bank.knowledge
        if (not block.situations or set(block.situations) & set(profile.situations))
        and (not block.results or result is None or result in block.results)
    ]


def _what_we_know(profile: Profile, bank: Bank) -> Section | None:
    words = bank.words.what_we_know
    boxes = []
    for block in _knowledge_shown(profile, bank):
        names = "; ".join(bank.sources[source].name for source in block.sources)
        content = [Paragraph(text) for text in block.paragraphs]
        sources = Paragraph(words.sources.format(names=names), Style.SMALL)
        boxes.append(Callout(block.title, (*content, sources)))
    return Section("what-we-know", words.title, tuple(boxes)) if boxes else None


def _groups(
    plan: Plan, profile: Profile, carried: list[str], words: QuestionWords
) -> list[QuestionGroup]:
    groups: list[QuestionGroup] = []
    number = 0

    def numbered(
        items: Iterable[tuple[str, str | None, str | None, str | None]],
    ) -> tuple[Question, ...]:
        nonlocal number
        out = []
        for text, why, question_id, note in items:
            number += 1
            out.append(
                Question(
                    number=number,
                    text=text,
                    why=words.why.format(why=why) if why else None,
                    note=f"({note})" if note else None,
                    id=question_id,
                    asked_label=words.asked.format(number=number, text=text),
                    answer_label=words.answer.format(number=number),
                )
            )
        return tuple(out)

    def note(question: PlannedQuestion) -> str | None:
        parts = [question.ages, question.local]
        return ". ".join(part for part in parts if part) or None

    if plan.top:
        top = [(q.text, q.why, q.id, note(q)) for q in plan.top]
        groups.append(QuestionGroup(words.start_with_these, numbered(top)))
    if carried:
        last_time = [(text, None, None, None) for text in carried]
        groups.append(QuestionGroup(words.carried, numbered(last_time), carried=True))
    if profile.own_questions:
        own = [(text, None, None, None) for text in profile.own_questions]
        groups.append(QuestionGroup(words.own, numbered(own)))
    rest = [q for q in plan.questions if not q.top]
    adult = plan.age is not None and plan.age.years >= ADULT_YEARS
    for topic in dict.fromkeys(q.topic for q in rest):
        items = [(q.text, q.why, q.id, note(q)) for q in rest if q.topic == topic]
        groups.append(QuestionGroup(topic.title_for(adult), numbered(items)))
    return groups


def _checks(plan: Plan, words: CheckWords) -> list[Heading | Paragraph | ChecksTable]:
    """ "Checks that may be due": a row for each check for this visit, with how often it is
    usually done, the date given and what that means on the visit date. A column that would
    say the same on every row is left out and said once, above the table: no column of "No
    date" where no date was given, and no "Ask if it is due" printed sixteen times."""
    if not plan.checks:
        return []
    any_dates = any(due.last_done is not None for due in plan.checks)
    asks = [
        " ".join(paragraphs("check_ask.txt.j2", status=due.status.value)) for due in plan.checks
    ]
    same_status = plan.checks[0].status.value if len(set(asks)) == 1 else None
    rows = tuple(
        CheckRow(
            check=due.check.name,
            how_often=due.how_often,
            last_done=(due.last_done.in_words() if due.last_done else words.no_date)
            if any_dates
            else None,
            ask=None if same_status else ask,
        )
        for due, ask in zip(plan.checks, asks, strict=True)
    )
    columns = tuple(
        column
        for column in words.columns
        if (column != words.last_done or any_dates)
        and (column != words.what_to_ask or not same_status)
    )
    intro = paragraphs("checks_intro.txt.j2", any_dates=any_dates, same_status=same_status)
    return [
        Heading(words.title),
        *(Paragraph(text) for text in intro),
        ChecksTable(words.title, columns, rows),
    ]


def _questions(plan: Plan, profile: Profile, record: FamilyRecord, bank: Bank) -> Section:
    words = bank.words.questions
    intro = {"has_own": bool(profile.own_questions), "fillable": profile.fillable}
    on_paper = paragraphs("questions_intro.txt.j2", screen=False, **intro)
    on_screen = paragraphs("questions_intro.txt.j2", screen=True, **intro)
    blocks: list[Paragraph | QuestionGroup | Heading | ChecksTable] = [
        Paragraph(text, screen=other if other != text else None)
        for text, other in zip(on_paper, on_screen, strict=True)
    ]
    blocks += _groups(plan, profile, record.carry_forward, words)
    if plan.left_out:
        left_out = paragraphs("left_out.txt.j2", left_out=plan.left_out)
        blocks += [Paragraph(text, Style.SMALL) for text in left_out]
    # The checks follow the questions, never between them: a table to look down, not a
    # question to ask in turn.
    blocks += _checks(plan, bank.words.checks)
    return Section("questions", words.title, tuple(blocks))


# -- record sheets ----------------------------------------------------------------------------


# -- where next -------------------------------------------------------------------------------


def _references(plan: Plan, profile: Profile, bank: Bank) -> tuple[str, ...]:
    """The sources of what this pack shows (its questions and its "what we know" boxes),
    but for those listed just above as places to go next, at the same address."""
    used: dict[str, None] = {}
    for question in plan.questions:
        used.update(dict.fromkeys(question.sources))
    for block in _knowledge_shown(profile, bank):
        used.update(dict.fromkeys(block.sources))
    listed = {_address(resource.url) for resource in bank.resources}
    return tuple(
        source.reference
        for source_id, source in bank.sources.items()
        if source_id in used and (source.url is None or _address(source.url) not in listed)
    )


def _address(url: str) -> str:
    return url.rstrip("/").lower()


def _review_note(bank: Bank) -> str:
    """The sources' line on where the questions stand: a clinician's sign-off only where a
    clinic recorded one, otherwise just when the wording last changed (never "reviewed")."""
    words = bank.words.where_next
    if bank.sign_offs:
        service, sign_off = bank.sign_offs[0]
        day = long_date(sign_off.checked_on)
        return words.checked_by.format(name=sign_off.name, service=service, date=day)
    return words.wording_updated.format(date=long_date(bank.updated))


def _where_next(plan: Plan, profile: Profile, bank: Bank, clinic: ClinicInfo | None) -> Section:
    """Places to go next (the clinic's details in full first, when known), then where the
    questions come from and when their wording last changed."""
    resources = tuple(Resource(r.name, r.description, r.url) for r in bank.resources)
    caution = paragraphs(
        "caution.txt.j2", voice=voice_of(profile.reader), review_note=_review_note(bank)
    )
    words = bank.words
    return Section(
        "where-next",
        words.where_next.title,
        (
            *([clinic_box(clinic, words.cover)] if clinic else []),
            ResourceList(resources),
            Heading(words.where_next.sources),
            *(Paragraph(text, Style.SMALL) for text in caution),
            ReferenceList(_references(plan, profile, bank)),
        ),
    )


# -- the pack ---------------------------------------------------------------------------------


def compose(
    plan: Plan,
    profile: Profile,
    bank: Bank,
    clinic: ClinicInfo | None = None,
    handout: bool = False,
    record: FamilyRecord | None = None,
) -> Pack:
    """Every block the pack shows, in reading order. ``clinic`` adds the clinic's details
    to the cover and to the record sheet that holds them; ``handout`` leaves lines for the
    name and age (a handout to fill in by hand); ``record``, the family's record, fills the
    record sheets and brings the questions carried from the last visit."""
    record = record or FamilyRecord()
    words = bank.words.pack
    day = long_date(profile.visit_date) if profile.visit_date else None
    visit = words.visit_on.format(date=day) if day else words.clinic_visit
    # The person's name heads each page; a handout is headed by the clinic's name instead.
    owner = profile.first_name or (clinic.name if clinic else None)
    wanted = profile.sections
    questions = wanted is not PackSections.SHEETS
    kept = sheets_for(bank, profile.reader) if wanted is not PackSections.QUESTIONS else ()
    sheets = [sheet_block(sheet, clinic, profile, plan, bank, record) for sheet in kept]
    # The questions alone are for a family whose folder already holds the rest: no "what we
    # know" again, as the README and the --sections help say.
    known = _what_we_know(profile, bank) if wanted is PackSections.ALL else None
    middle = [known, _questions(plan, profile, record, bank)] if questions else []
    after = [_where_next(plan, profile, bank, clinic)] if questions else []
    # The questions part says what it holds: its title alone ("Questions for the visit") does
    # not say there is room for the answers.
    parts = [
        words.questions_part.format(title=section.title)
        if section.id == "questions"
        else section.title
        for section in middle
        if section is not None
    ]
    parts += [words.sheets_part.format(count=len(sheets))] if sheets else []
    parts += [section.title for section in after]
    start = [cover(profile, plan, clinic, handout, tuple(parts), bank)]
    every = [*(start if questions else []), *middle, *sheets, *after]
    sections = [section for section in every if section is not None]
    what = getattr(words.contents, wanted.value)
    return Pack(
        title=(
            words.title_on.format(what=what.title, date=day)
            if day
            else words.title_any.format(what=what.title)
        ),
        subject=words.subject.format(what=what.subject),
        header=f"{owner} · {visit}" if owner else visit,
        sheet_header=f"{owner} · {words.sheets_header}" if owner else words.sheets_header,
        footer="",
        updated=bank.updated,
        paper=profile.paper,
        large_print=profile.large_print,
        fillable=profile.fillable,
        sections=tuple(sections),
        mark=pack_mark(sections, profile, record) if profile.fillable else None,
        choices=plan_data(plan, profile),
    )

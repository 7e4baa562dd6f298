"""The emergency card, made from the family's record: what matters in an emergency (sourced,
from content/card.yaml), how the person communicates, medicines and allergies, who to contact
and the main specialists; then the same, in a few words, as a wallet card to fold."""

from clinic_prep.compose.pack import (
    BulletList,
    Callout,
    Detail,
    DetailList,
    FoldedCard,
    Heading,
    Pack,
    Paragraph,
    Section,
    Style,
)
from clinic_prep.content.card_schema import CardFile
from clinic_prep.content.model import Bank
from clinic_prep.core.errors import InputError
from clinic_prep.core.vocabulary import COMMUNICATION_LABELS
from clinic_prep.intake.profile import Profile
from clinic_prep.intake.record import FamilyRecord

WALLET_MEDICINES = 4  # lines on the wallet card's panel; the full card lists them all


def _medicine(medicine: object) -> str:
    name = getattr(medicine, "name", "")
    parts = [name, getattr(medicine, "dose_and_when", None), getattr(medicine, "what_for", None)]
    line = ", ".join(part for part in parts if part)
    stopped = getattr(medicine, "stopped", None)
    return f"{line} (stopped or changed: {stopped})" if stopped else line


def _lines(record: FamilyRecord) -> dict[str, list[str]]:
    """The record's lines the card prints, by what they are."""
    return {
        "medicines": [_medicine(medicine) for medicine in record.medicines],
        "allergies": [
            f"{allergy.what}: {allergy.reaction}" if allergy.reaction else allergy.what
            for allergy in record.allergies
        ],
        "contacts": [
            ", ".join(filter(None, [f"{c.name} ({c.relation})" if c.relation else c.name, c.phone]))
            for c in record.emergency_contacts
        ],
        "specialists": [
            ", ".join(filter(None, [f"{m.role}: {m.name}" if m.name else m.role, m.phone, m.email]))
            for m in record.care_team
        ],
    }


def _communication(profile: Profile) -> list[str]:
    needs = [COMMUNICATION_LABELS[need] for need in profile.communication_needs]
    return [*needs, *([profile.communication_notes] if profile.communication_notes else [])]


def _listed(items: list[str], none: str) -> Paragraph | BulletList:
    return BulletList(tuple(items)) if items else Paragraph(none)


def _full_card(profile: Profile, record: FamilyRecord, bank: Bank, card: CardFile) -> Section:
    """One side of A4 in standard print: the condition and what matters in an emergency,
    then the person's own details as labelled pairs (two to a row in standard print)."""
    lines = _lines(record)
    details = [
        Detail(card.communication_heading, "; ".join(_communication(profile))
               or card.communication_unknown),
        Detail(card.medicines_heading, "; ".join(lines["medicines"]) or card.no_medicines),
        Detail(card.allergies_heading, "; ".join(lines["allergies"]) or card.no_allergies),
        Detail(card.contacts_heading, "; ".join([*lines["contacts"], *lines["specialists"]])
               or card.no_contacts),
    ]  # fmt: skip
    if profile.date_of_birth is not None:
        details.insert(0, Detail("Date of birth", profile.date_of_birth.isoformat()))
    cited = dict.fromkeys(
        source for line in [card.condition, *card.emergency] for source in line.sources
    )
    names = "; ".join(bank.sources[source].name for source in cited)
    return Section(
        "card",
        f"{card.title}: {profile.first_name}" if profile.first_name else card.title,
        (
            Paragraph(card.condition.text, Style.STRONG),
            Heading(card.emergency_heading),
            BulletList(tuple(line.text for line in card.emergency)),
            DetailList(tuple(details), "", side_by_side=False),
            Paragraph(f"{card.sources_heading}: {names}.", Style.SMALL),
        ),
    )


def _wallet(profile: Profile, record: FamilyRecord, card: CardFile) -> Section:
    lines = _lines(record)
    medicines = lines["medicines"][:WALLET_MEDICINES]
    allergies = "; ".join(lines["allergies"]) or card.no_allergies
    front = [Paragraph(profile.first_name)] if profile.first_name else []
    panels = (
        Callout("Alström syndrome", (*front, Paragraph(card.wallet_front))),
        Callout(
            card.emergency_heading,
            (BulletList(tuple(line.short or line.text for line in card.emergency)),),
        ),
        Callout(
            f"{card.medicines_heading} and {card.allergies_heading.lower()}",
            (
                _listed(medicines, card.no_medicines),
                Paragraph(f"{card.allergies_heading}: {allergies}"),
            ),
        ),
        Callout(
            card.contacts_heading,
            (_listed([*lines["contacts"], *lines["specialists"]], card.no_contacts),),
        ),
    )
    return Section(
        "wallet",
        card.wallet_heading,
        (Paragraph(card.wallet_intro), FoldedCard(panels, card.more)),
        own_page=True,
    )


def compose_card(profile: Profile, record: FamilyRecord, bank: Bank) -> Pack:
    """The emergency card as a pack of two parts: the full card, and the wallet card."""
    card = bank.card
    if card is None:
        raise InputError("this content has no emergency card wording (content/card.yaml)")
    title = f"{card.title}: {profile.first_name}" if profile.first_name else card.title
    return Pack(
        title=title,
        subject="Alström syndrome: an emergency card",
        header=title,
        sheet_header=title,
        footer=card.check_current,  # on every page, the wallet card's too
        updated=bank.updated,
        paper=profile.paper,
        large_print=profile.large_print,
        fillable=False,
        sections=(_full_card(profile, record, bank, card), _wallet(profile, record, card)),
    )

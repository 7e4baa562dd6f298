"""The shape of content/card.yaml: the emergency card's wording, each statement sourced."""

from pydantic import Field

from clinic_prep.content.schema import Id, Line, Strict


class CardLine(Strict):
    text: Line
    short: Line | None = None  # the wallet card's few words
    sources: list[Id] = Field(min_length=1)


class CardFile(Strict):
    """The card's fixed wording; the person's details come from their record."""

    title: Line
    condition: CardLine
    emergency_heading: Line
    emergency: list[CardLine] = Field(min_length=1)
    communication_heading: Line
    communication_unknown: Line
    medicines_heading: Line
    no_medicines: Line
    allergies_heading: Line
    no_allergies: Line
    contacts_heading: Line
    specialists_heading: Line
    no_contacts: Line
    check_current: Line
    sources_heading: Line
    wallet_heading: Line
    wallet_intro: Line
    wallet_front: Line
    more: Line

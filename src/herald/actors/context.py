"""Countries for domestic actors that the sentence leaves unnamed.

"Police fired tear gas at protesters in Nairobi": neither the police nor the protesters are given a
nationality, yet both are Kenyan. Event data conventionally codes such domestic actors (police,
protesters, rebels, ministries, courts, parties...) with the country where the event took place.
herald does the same when the event has a location, or else when the article has a dateline, and
lowers the record's confidence and names the rule in its evidence. Entities of IGOs, NGOs and the
West are left alone, as are persons (a person's nationality is not inferred from where they are).
"""

from __future__ import annotations

from dataclasses import replace

from herald.model import Argument, Document, Event, Mention

# Sectors that denote domestic actors: a country can be read off where they act.
DOMESTIC = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "REB", "UAF", "OPP", "CVL", "BUS", "MED",
    "JRN", "EDU", "REL", "LAB", "REF", "AGR", "CRM", "ELI", "SOC",
})


def fill_countries(document: Document, event: Event, dateline_country: str | None) -> None:
    """Give unnamed domestic actors the country of the event's location (or the dateline's)."""
    country = event.location.country if event.location and event.location.country else dateline_country
    if not country:
        return
    changed = False
    for args in (event.actor, event.recipient):
        for i, arg in enumerate(args):
            if not any(_needs_country(e) for e in arg.entities):
                continue
            ents = [replace(e, country=country) if _needs_country(e) else e for e in arg.entities]
            args[i] = Argument(text=arg.text, entities=ents, token=arg.token)
            changed = True
    if changed:
        event.confidence = max(0.1, event.confidence - 0.1)
        event.evidence += "; country-from-" + ("location" if event.location else "dateline")


def _needs_country(entity) -> bool:
    return entity.country is None and entity.kind != "person" and entity.sector in DOMESTIC


FIRST_SINGULAR = frozenset({"i", "me", "my", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ourselves"})


def first_person_in_quotes(document: Document) -> None:
    """Inside a quote, "I" is the speaker and "we" the speaker's side.

    "“We will hold joint exercises with Russia,” the Chinese defence minister said": "we" is China
    (with the speaker's sector); "I" is the minister. Persons without a country, IGOs and NGOs give
    "we" their own entity.
    """
    from herald.actors.mentions import country_entity

    spans = [(q.content_start, q.content_end, q.speaker) for q in document.quotes if q.speaker]
    if not spans:
        return
    added = False
    for tok in document.doc:
        low = tok.lower_
        if low not in FIRST_SINGULAR and low not in FIRST_PLURAL or tok.i in document.mention_at:
            continue
        speaker = next((s for a, b, s in spans if a <= tok.idx < b), None)
        if speaker is None:
            continue
        if low in FIRST_SINGULAR or speaker.kind != "person" or not speaker.country:
            entity = speaker
        else:
            entity = country_entity(speaker.country, speaker.sector)
        document.mentions.append(Mention(
            start=tok.i, end=tok.i + 1, head=tok.i, text=tok.text, char_start=tok.idx,
            char_end=tok.idx + len(tok.text), entities=[entity], rule="first-person-in-quote",
            confidence=0.6,
        ))
        added = True
    if added:
        document.mentions.sort(key=lambda m: m.start)
        document.index_mentions()

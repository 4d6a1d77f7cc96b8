"""Places: place names resolved against a bundled gazetteer, and each event's location.

An event's location is a place the syntax ties to the event as *where it happened*:

- the object of a locative preposition ("in", "at", "near", "outside"… see ``where_cues.json``)
  attached to the trigger or its clause ("met with Putin in Moscow"), also through a noun
  ("gathered outside the parliament in Nairobi", "on the outskirts of Kyiv"); "on"/"off"/"along"
  count only with a noun between ("on the outskirts of Kyiv", not "sanctions on Russia");
- for travel triggers ("visit", "trip", "arrive"…), the direct object ("visited Beijing") or a
  "to"-phrase ("a trip to Kyiv"); for attack triggers ("shell", "strike", "invade"…), the place
  attacked ("shelled Kharkiv", "strikes on Kyiv"), which is where the attack happened;
- as a fallback, the article's dateline ("KYIV, March 3 (Reuters) -", "MOSCOW —"), for events in
  the dateline's own (lead) sentence only, and not for future or hypothetical ones: a dateline
  says where the report was filed, which is usually where the lead event happened but often not
  for later paragraphs.

A place that is an argument ("Kyiv rejected the plan", "talks with Moscow") is not a location.
A country is a fine location ("clashes in Sudan"); its coordinates are its capital's (see
:mod:`herald.gazetteer`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from herald.gazetteer import GazPlace, gazetteer
from herald.model import Document, Event, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
KIND_RANK = {"city": 0, "region": 1, "country": 2}
MAX_CLIMB = 10

# "KYIV, March 3 (Reuters) -", "WASHINGTON (AP) —", "MOSCOW —", "KHARKIV, Ukraine, May 2 -".
DATELINE = re.compile(
    r"\A\s*(?P<city>[A-Z][A-Z'\u2019.\-]+(?: [A-Z][A-Z'\u2019.\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?[-\u2014\u2013]{1,2}\s"
)


@dataclass(frozen=True)
class Cues:
    locative: frozenset[str]
    locative_if_nested: frozenset[str]
    travel_lemmas: frozenset[str]
    travel_preps: frozenset[str]
    target_lemmas: frozenset[str]
    target_preps: frozenset[str]
    light_verbs: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = json.loads((Path(__file__).parent / "where_cues.json").read_text(encoding="utf-8"))
    return Cues(
        frozenset(data["locative_prepositions"]),
        frozenset(data["locative_if_nested"]),
        frozenset(data["travel_lemmas"]),
        frozenset(data["travel_prepositions"]),
        frozenset(data["target_lemmas"]),
        frozenset(data["target_prepositions"]),
        frozenset(data["light_verbs"]),
    )


def _place(doc: Doc, start: int, end: int, text: str, gp: GazPlace) -> Place:
    return Place(
        start=start,
        end=end,
        text=text,
        name=gp.name,
        country=gp.country,
        lat=gp.lat,
        lon=gp.lon,
        geonameid=gp.geonameid,
        char_start=doc[start].idx,
        char_end=doc[end - 1].idx + len(doc[end - 1].text),
        kind=gp.kind,
    )


def dateline(document: Document) -> Place | None:
    """The place of the article's dateline ("KYIV, March 3 (Reuters) -"), or None."""
    text = document.article.text
    m = DATELINE.match(text[:160])
    if not m:
        return None
    city = m.group("city").strip(" .")
    context = set()
    if m.group("region"):
        region = gazetteer().resolve(m.group("region"))
        if region and region.country:
            context.add(region.country)
    gp = gazetteer().resolve(city.title(), context) or gazetteer().resolve(city, context)
    if gp is None:
        return None
    span = document.doc.char_span(m.start("city"), m.end("city"), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return _place(document.doc, span.start, span.end, span.text, gp)


def find_places(document: Document) -> None:
    """Fill ``document.places``: the dateline place, then GPE/LOC/FAC entities the gazetteer knows.

    Ambiguous city names are resolved towards countries the document names (its actor mentions
    and its country names) and the dateline's country.
    """
    doc = document.doc
    gaz = gazetteer()
    ents = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    context: set[str] = set()
    for m in document.mentions:
        for ent in m.entities:
            if ent.country and len(ent.country) == 3 and ent.country.isupper():
                context.add(ent.country)
    for e in ents:
        cands = gaz.candidates(e.text)
        if cands and cands[0].place.kind == "country" and cands[0].place.country:
            context.add(cands[0].place.country)
    places: list[Place] = []
    head = dateline(document)
    if head is not None:
        places.append(head)
        if head.country:
            context.add(head.country)
    taken = {i for p in places for i in range(p.start, p.end)}
    for e in ents:
        if any(i in taken for i in range(e.start, e.end)):
            continue
        gp = gaz.resolve(e.text, context)
        if gp is None:
            continue
        places.append(_place(doc, e.start, e.end, e.text, gp))
    document.places = sorted(places, key=lambda p: p.start)


def _clause(trigger: Token) -> set[int]:
    """Tokens whose locative phrases count for the trigger: it, its light verb, its conjuncts."""
    out = {trigger.i}
    head = trigger.head
    if trigger.dep_ in ("conj", "xcomp") or trigger.pos_ in ("NOUN", "PROPN"):
        out.add(head.i)  # "held talks in Geneva", "met and agreed in Minsk"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    if trigger.dep_ == "advcl" and infinitive:
        out.add(head.i)  # "arrived in Moscow to meet Putin"
    for child in trigger.children:
        if child.dep_ in ("conj", "xcomp"):
            out.add(child.i)
    return out


def _attachment(place_root: Token, clause: set[int], trigger: Token) -> int | None:
    """Steps from the place up to the trigger's clause through a locative phrase, or None."""
    c = cues()
    t = place_root
    located = False
    same = True  # t still stands for the place itself (or a conjunct/apposition of it)
    for step in range(1, MAX_CLIMB + 1):
        dep, head = t.dep_, t.head
        if head.i == t.i:
            return None
        if located:
            if head.i in clause:
                return step
            if head.pos_ in ("VERB", "AUX"):
                return None  # the phrase belongs to another verb ("who lives in Kyiv")
            if (
                head.dep_ in ("dobj", "attr", "dative", "oprd")
                and head.head.i in clause
                and head.head.lemma_ not in c.light_verbs
            ):
                return None  # it places the object, not the event: "mentioned the war in Ukraine"
            t = head
            continue
        if dep == "pobj":
            prep = head.lower_
            if prep in c.locative or (prep in c.locative_if_nested and not same):
                located = True
            elif prep in c.travel_preps and head.head.lemma_ in c.travel_lemmas:
                located = True  # "a trip to Kyiv", "travelled to Beijing"
            elif prep in c.target_preps and head.head.lemma_ in c.target_lemmas:
                located = True  # "strikes on Kyiv", "an attack against Kharkiv"
            elif prep != "of":
                return None  # "talks with Moscow", "aid from Beijing", "sanctions on Russia"
            t = head
        elif dep == "prep":  # a preposition ("of") hanging from a noun: climb to that noun
            if head.i in clause or head.pos_ in ("VERB", "AUX"):
                return None
            t, same = head, False
        elif dep == "dobj" and head.i == trigger.i and (
            trigger.lemma_ in c.travel_lemmas or trigger.lemma_ in c.target_lemmas
        ):
            return step  # "visited Beijing", "shelled Kharkiv"
        elif dep in ("compound", "appos", "conj", "flat", "nmod", "amod"):
            t = head  # "Kharkiv, Ukraine", "Kyiv and Lviv", "the Ukrainian capital, Kyiv"
        elif dep == "poss":
            t, same = head, False  # "on Kyiv's outskirts"
        else:
            return None  # an argument ("Kyiv rejected the plan") or unrelated
    return None


def locate(document: Document, event: Event) -> Place | None:
    """The place where the event happened, or None (see the module docstring for the rules)."""
    doc = document.doc
    trigger = doc[event.trigger]
    clause = _clause(trigger)
    best: tuple[int, int, int] | None = None
    found: Place | None = None
    head = dateline(document) if document.places else None
    for p in document.places:
        if p.char_start < event.sentence_start or p.char_end > event.sentence_end:
            continue
        if head is not None and p.start == head.start:
            continue
        root = doc[p.start : p.end].root
        steps = _attachment(root, clause, trigger)
        if steps is None:
            continue
        key = (steps, KIND_RANK.get(p.kind, 3), p.start)
        if best is None or key < best:
            best, found = key, p
    if found is not None:
        return found
    if head is not None and event.modality not in ("future", "hypothetical"):
        lead = doc[head.start].sent
        if event.sentence_start <= lead.end_char and event.sentence_end >= lead.start_char:
            return head
    return None

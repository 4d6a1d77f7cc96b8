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

- when the syntax ties no place to it: the place nearest the trigger that its own clause (or a
  clause above it) puts something in ("In Vienna, ... people ... marched");
- after those and the dateline, a place tied only loosely: a locative phrase in a participle or
  relative clause of what the act is done to ("a peacekeeper working in eastern Chad was shot"),
  or the place a distance is measured from ("in a town northeast of Baghdad");
- among several, one the text places inside or relative to another wins ("Lubumbashi in Shaba
  province", "Kakata, 60 km northeast of Monrovia", "in the Baghdad neighbourhood of Karrada"),
  then the most specific (a named locality, then a city, a region, a country).

A place inside a topic phrase ("protesting against the operation in Gaza", "worries over the
fighting in Libya") or an origin phrase ("refugees from a camp near X", but not "expelled
diplomats from the mission in Moscow") places something else, not the act; so does a
possessive on a noun that cannot be somewhere ("in Israel's effort to ...").

Places the gazetteer does not know are kept, without coordinates or country, when the text names
them as places (a GPE/LOC/FAC entity, "the village of X", "X district", "in X", the object of
"captured"/"liberated"), whatever label the tagger gave them, unless they name a known actor.
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
from herald.nlp import entity_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Nouns for the line between two states ("the Iraqi-Syrian border").
BORDER_NOUNS = frozenset({"border", "frontier"})
# Prepositions of origin: a place inside their phrase is where someone or something came from.
ORIGIN_PREPS = frozenset({"from"})
# ", in Y" / ", near Y" right after a place's name says where that place is (see
# _described_by_comma).
COMMA_PREPS = frozenset({"in", "near", "on", "off", "outside"})
KIND_RANK = {"place": 0, "city": 1, "region": 2, "country": 3}
MAX_CLIMB = 10
# Added to the steps of a place tied to the event through a participant's clause (see
# _attachment), so that any place tied directly wins over it.
INDIRECT = 100

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
    place_nouns: frozenset[str]
    fallback_preps: frozenset[str]
    patient_lemmas: frozenset[str]
    organisation_words: frozenset[str]
    region_nouns: frozenset[str]
    city_nouns: frozenset[str]
    naming_nouns: frozenset[str]
    directions: frozenset[str]
    appositive_places: frozenset[str]
    operation_nouns: frozenset[str]
    territory_lemmas: frozenset[str]
    surface_nouns: frozenset[str]
    topic_preps: frozenset[str]
    unplaced_possessions: frozenset[str]
    departure_lemmas: frozenset[str]


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
        frozenset(data["place_nouns"]),
        frozenset(data["fallback_prepositions"]),
        frozenset(data["patient_lemmas"]),
        frozenset(data["organisation_words"]),
        frozenset(data["region_nouns"]),
        frozenset(data["city_nouns"]),
        frozenset(data["place_nouns"]) - frozenset(data["relational_place_nouns"]),
        frozenset(data["directions"]),
        frozenset(data["appositive_places"]),
        frozenset(data["operation_nouns"]),
        frozenset(data["territory_lemmas"]),
        frozenset(data["surface_nouns"]),
        frozenset(data["topic_prepositions"]),
        frozenset(data["unplaced_possessions"]) | frozenset(data["organisation_words"]),
        frozenset(data["departure_lemmas"]),
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
        taken.update(range(e.start, e.end))
    # Names of known actors (organisations and people in herald's knowledge) are not places,
    # whatever frames them ("attacked Hamas").
    actors = {i for m in document.mentions if m.rule in ("organization", "known-actor")
              for i in range(m.start, m.end)}
    places.extend(_local_places(doc, taken, actors))
    document.places = sorted(places, key=lambda p: p.start)


# Entity labels that never name a place, whatever frames them.
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                              "QUANTITY", "NORP", "LANGUAGE", "LAW", "WORK_OF_ART", "EVENT",
                              "PRODUCT"})


def _name_span(doc: Doc, tok: Token, product: bool = False) -> tuple[int, int] | None:
    """The proper name whose last token is ``tok``: its entity, else its run of proper nouns.

    ``product``: the text frames the name as a place, so a PRODUCT label is the small model's
    usual mistake for a foreign town's name ("the city of Manbij") and is overridden."""
    ent = entity_at(doc, tok.i)
    if ent is not None:
        if ent.label_ in NOT_PLACE_LABELS and not (product and ent.label_ == "PRODUCT"):
            return None
        start, end = ent.start, ent.end
    else:
        start, end = tok.i, tok.i + 1
        while start > 0 and (doc[start - 1].pos_ == "PROPN" or (
                doc[start - 1].text == "-" and start > 1 and doc[start - 2].pos_ == "PROPN")):
            start -= 1
    while start < end and doc[start].lower_ == "the":
        start += 1
    return (start, end) if start < end else None


def _organisation_name(doc: Doc, tok: Token) -> bool:
    """Whether the ORG entity holding ``tok`` names a body ("the Shanghai Cooperation
    Organisation") rather than a place the model mistook for one ("Al-Bayaa")."""
    ent = entity_at(doc, tok.i)
    if ent is None:
        return False
    return any(t.lemma_.lower() in cues().organisation_words for t in ent)


def _local_places(doc: Doc, taken: set[int], actors: frozenset[int] | set[int] = frozenset()
                  ) -> list[Place]:
    """Places the gazetteer does not know, named as places by the text itself.

    A GPE/LOC/FAC entity; a proper noun framed by a place noun ("the village of Tamthil",
    "Khanasir town"); a proper noun after a locative preposition ("on a farm in Al-Dawr"); the
    object of a verb of taking territory ("rebels captured Birao"), whatever the tagger labelled
    it. They have no coordinates or country: a village's name is still the answer to "where".
    Tokens in ``actors`` (known organisations and persons) are never places.
    """
    c = cues()
    found: dict[tuple[int, int], None] = {}
    for e in doc.ents:
        # "attacked the West": a known actor the tagger calls LOC is no place
        if e.label_ in PLACE_LABELS and not any(i in actors for i in range(e.start, e.end)):
            span = _name_span(doc, doc[e.end - 1])
            if span:
                found[span] = None
    for tok in doc:
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or (
                tok.dep_ == "compound" and tok.head.pos_ == "PROPN"):
            continue
        if (tok.ent_type_ == "ORG" and _organisation_name(doc, tok)) or tok.i in actors:
            continue
        head = tok.head
        # Frames a place noun gives ("the city of X", "X town"): they outweigh a PRODUCT label.
        by_noun = (
            _described_as_place(tok)
            or (tok.dep_ in ("compound", "nmod", "amod") and head.lemma_.lower() in c.place_nouns)
            or (tok.dep_ == "pobj" and head.lower_ == "of"
                and head.head.lemma_.lower() in c.place_nouns)
        )
        # "captured Badme", "liberated the Adiyat School": territory is what is taken; a
        # person ("captured Abu Zubaydah") is not.
        taken_ground = (tok.dep_ == "dobj" and head.lemma_ in c.territory_lemmas
                        and tok.ent_type_ in ("", "GPE", "LOC", "FAC", "ORG", "PRODUCT"))
        framed = by_noun or taken_ground or (
            _described_as_place(tok)
            or (tok.dep_ == "appos" and head.lemma_.lower() in c.place_nouns)  # "the capital, X"
            or (tok.dep_ in ("poss", "compound")
                and (tok.ent_type_ not in NOT_PLACE_LABELS or tok.ent_type_ == "PRODUCT")
                and (head.lemma_.lower() in c.place_nouns
                     or head.lemma_.lower() in c.operation_nouns)
                # "Grozny's streets", "the Manbij campaign"
                and _known_town(doc, tok, product=True))
            or (tok.lemma_.lower() in c.place_nouns and tok.ent_type_ != "ORG"
                and tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN")  # "Manger Square"
            # "bombed Waku-Congo": the tagger's ORG for an unknown town attacked (bodies named
            # with an organisation word and known actors are out above)
            or (tok.dep_ == "dobj" and (tok.ent_type_ in ("", "GPE", "LOC", "FAC") or (
                tok.ent_type_ == "ORG" and head.lemma_ in c.target_lemmas))
                and (head.lemma_ in c.target_lemmas or head.lemma_ in c.travel_lemmas))
            or (tok.dep_ in ("compound", "nmod", "amod") and head.lemma_.lower() in c.place_nouns)
            or (tok.dep_ == "pobj" and head.lower_ == "of"
                and head.head.lemma_.lower() in c.place_nouns)
            or (tok.dep_ == "pobj" and head.lower_ in c.locative and tok.tag_ != "NNPS"
                and not _glued_article(head)
                and (tok.ent_type_ in ("", "GPE", "LOC", "FAC", "ORG")
                     # the small model often tags an unknown village PERSON; nobody is "in" a
                     # person, but "at" also names affiliations ("Abu Muslim at-Turkmani")
                     or tok.ent_type_ == "PERSON"
                     and head.lower_ in ("in", "near", "outside", "around", "through", "across")))
        )
        if framed:
            span = _name_span(doc, tok, product=by_noun or taken_ground or _known_town(
                doc, tok, product=True))
            if span:
                found[span] = None
    for tok in doc[2:]:
        # "the Iraqi-Syrian border": the border of two states is a place, though neither
        # nationality word is one
        if tok.i >= 3 and tok.lemma_.lower() in BORDER_NOUNS and doc[tok.i - 2].text == "-" and all(
                doc[j].text[:1].isupper() and doc[j].pos_ in ("ADJ", "PROPN")
                for j in (tok.i - 3, tok.i - 1)):
            found[(tok.i - 3, tok.i + 1)] = None
    out: list[Place] = []
    for start, end in found:
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        phrase = doc[start:end]
        gp = _exact_town(phrase.text)
        if gp is not None:
            out.append(_place(doc, start, end, phrase.text, gp))
            continue
        if len(phrase) == 1 and phrase.text.isupper() and len(phrase.text) > 1:
            continue  # an acronym the gazetteer does not know names a body: "the MFO base"
        out.append(Place(start=start, end=end, text=phrase.text, name=phrase.text, country=None,
                         lat=None, lon=None, geonameid=None, char_start=phrase.start_char,
                         char_end=phrase.end_char,
                         kind=_part_kind(phrase) or _framed_kind(phrase.root)))
    return out


def _glued_article(prep: Token) -> bool:
    """Whether a preposition is joined to the next word by a hyphen: then it is an Arabic
    article in a name ("Abu Muslim at-Turkmani", "Abu Bakr al-Baghdadi"), not "at"/"in"."""
    doc = prep.doc
    return prep.whitespace_ == "" and prep.i + 1 < len(doc) and doc[prep.i + 1].text == "-"


def _part_kind(span: Span) -> str | None:
    """The kind of a part of a known place named by a direction ("south Kashmir", "northern
    Iraq"): a part of a country or region is a region, a part of a city ("east Jerusalem") a
    city; None when the name is not of that form."""
    if len(span) < 2 or span[0].lower_ not in cues().directions:
        return None
    gp = gazetteer().resolve(span[1:].text)
    if gp is None or gp.name.lower() != span[1:].text.lower():
        return "region"  # "south Kashmir", "North Kivu": a part of an area, not a locality
    return "region" if gp.kind in ("country", "region") else gp.kind


def _exact_town(name: str) -> GazPlace | None:
    """The gazetteer's town or region of exactly this name (not a country, not a near match:
    the model's PERSON/ORG names are only places when the text frames them as places)."""
    gp = gazetteer().resolve(name)
    if gp is None or gp.kind == "country" or gp.name.lower() != name.lower():
        return None
    return gp


def _known_town(doc: Doc, tok: Token, product: bool = False) -> bool:
    span = _name_span(doc, tok, product)
    return span is not None and _exact_town(doc[span[0]:span[1]].text) is not None


def _described_as_place(tok: Token) -> bool:
    """Whether an apposition describes the name as a place: "Goma, the capital of North Kivu",
    "Kakata, 60 kilometers northeast of Monrovia", "Knin, the stronghold of the rebels"."""
    c = cues()
    for child in tok.children:
        if child.dep_ != "appos":
            continue
        if child.lemma_.lower() in c.place_nouns or child.lemma_.lower() in c.appositive_places:
            return True
        if child.lemma_.lower() in c.directions and any(
                g.dep_ == "npadvmod" or g.lower_ == "of" for g in child.children):
            return True  # "60 kilometers northeast of Monrovia"
    return False


def _framed_kind(root: Token) -> str:
    """The kind of an unknown place from the noun that frames it: "Shaba province" and "the
    province of Shaba" are regions, "the city of X" a city, anything else a locality."""
    c = cues()
    noun = None
    if root.lemma_.lower() in c.region_nouns or root.lemma_.lower() in c.city_nouns:
        noun = root  # the entity holds its frame: "Sankuru province"
    elif root.dep_ in ("compound", "nmod", "amod"):
        noun = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
    elif root.dep_ == "appos":
        noun = root.head
    if noun is None:
        for child in root.children:
            if child.dep_ == "appos" or (child.dep_ == "compound" and child.i > root.i):
                noun = child
    lemma = noun.lemma_.lower() if noun is not None else ""
    if lemma in c.region_nouns:
        return "region"
    if lemma in c.city_nouns:
        return "city"
    return "place"


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
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and any(
                g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            continue  # a clause with its own subject is another event ("..., and troops went")
        if child.dep_ in ("conj", "xcomp"):
            out.add(child.i)
    return out


def _attachment(place_root: Token, clause: set[int], trigger: Token, local: bool = False
                ) -> int | None:
    """Steps from the place up to the trigger's clause through a locative phrase, or None.

    ``local``: the place is a town or locality, whose name modifying a noun says where the thing
    is ("outside his Amman home", "at the Nicosia airport"); a country's says whose it is ("near
    a US convoy").

    A locative phrase inside a participle or relative clause of what the event is done to says
    where that participant was ("a peacekeeper working in eastern Chad was shot", "during the
    rocket shelling on Khanasir town"); a place a distance is measured from ("a town northeast
    of Baghdad") is near the event. Both count only after every direct tie, the fallback and the
    dateline (their steps are offset by ``INDIRECT``)."""
    c = cues()
    t = place_root
    located = False
    same = True  # t still stands for the place itself (or a conjunct/apposition of it)
    offset = 0
    for step in range(1, MAX_CLIMB + 1):
        dep, head = t.dep_, t.head
        if head.i == t.i:
            return None
        if located:
            if t.dep_ == "prep" and t.lower_ in ORIGIN_PREPS:
                return None  # where someone came from: "a bomber from a village near Jenin"
            if t.dep_ == "prep" and _topic(t):
                return None  # it places a topic: "protesting against the operation in Gaza"
            if head.i in clause:
                return step + offset
            verb = head
            while verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
                verb = verb.head  # "fighters who tried to break a siege of Homs"
            if verb.pos_ in ("VERB", "AUX") and verb.dep_ in ("acl", "relcl") and not offset \
                    and (t.dep_ == "prep" or t.dep_ == "dobj" and verb.i != head.i) \
                    and _undergoer(verb.head, trigger):
                t, offset = verb, INDIRECT  # climb on to the noun the clause describes
                continue
            if head.pos_ in ("VERB", "AUX"):
                return None  # the phrase belongs to another verb ("who said in Kyiv")
            if (
                head.dep_ in ("dobj", "attr", "dative", "oprd")
                and head.head.i in clause
                and head.head.lemma_ not in c.light_verbs
                and head.head.lemma_ not in c.patient_lemmas
            ):
                return None  # it places the object, not the event: "mentioned the war in Ukraine"
            t = head
            continue
        if dep == "pobj":
            prep = head.lower_
            if prep in c.locative or (prep in c.locative_if_nested and (
                    not same or t.lemma_.lower() in c.surface_nouns)):
                located = True  # "on the outskirts of X", "on the Jaffna Peninsula"
            elif prep in c.travel_preps and head.head.lemma_ in c.travel_lemmas:
                located = True  # "a trip to Kyiv", "travelled to Beijing"
            elif (prep in c.target_preps or prep == "of" and head.head.pos_ == "NOUN") \
                    and head.head.lemma_ in c.target_lemmas:
                located = True  # "strikes on Kyiv", "an attack against Kharkiv", "a siege of Homs"
            elif prep != "of":
                return None  # "talks with Moscow", "aid from Beijing", "sanctions on Russia"
            t = head
        elif dep == "prep":  # a preposition ("of") hanging from a noun: climb to that noun
            if head.i in clause or head.pos_ in ("VERB", "AUX"):
                return None
            t, same = head, False
        elif dep in ("dobj", "nsubjpass") and head.i == trigger.i and (
            trigger.lemma_ in c.travel_lemmas or trigger.lemma_ in c.target_lemmas
        ):
            return step  # "visited Beijing", "shelled Kharkiv"
        elif dep in ("compound", "nmod") and local and same \
                and head.lemma_.lower() in c.operation_nouns:
            t, located, same = head, True, False  # "in the Manbij campaign", "the Mosul offensive"
        elif dep in ("compound", "nmod", "amod") and not (
                head.pos_ == "PROPN" or head.lemma_.lower() in c.place_nouns
                or (local and same and head.dep_ == "pobj" and _locating_prep(head.head))):
            return None  # a modifier of a thing: "a U.S. airstrike", "near a US convoy"
        elif t.lower_ in c.directions and dep in ("advmod", "npadvmod", "amod") and not same:
            # "in a town northeast of Baghdad": the place the text measures from, a loose tie
            t, offset = head, INDIRECT
        elif dep in ("compound", "nmod") and head.pos_ == "NOUN" and head.dep_ == "pobj" \
                and head.head.lower_ in c.locative_if_nested \
                and head.lemma_.lower() in c.place_nouns \
                and head.lemma_.lower() not in c.region_nouns | c.city_nouns:
            # "marched on a Hong Kong hotel": the noun names a thing in the place, so "on" it
            # locates as "on" a noun does ("on the outskirts of X")
            t, same = head, False
        elif dep in ("compound", "appos", "conj", "flat", "nmod", "amod"):
            t = head  # "Kharkiv, Ukraine", "Kyiv and Lviv", "the Ukrainian capital, Kyiv"
        elif dep == "poss" and head.lemma_.lower() not in c.unplaced_possessions:
            # "on Kyiv's outskirts", "in Syria's conflict"; not "in Israel's attempt to ..."
            t, same = head, False
        else:
            return None  # an argument ("Kyiv rejected the plan") or unrelated
    return None


def _undergoer(noun: Token, trigger: Token) -> bool:
    """Whether ``noun`` is what an attack or a violent act is done to ("a peacekeeper ... was
    shot", "killed dozens of fighters who ...") or sits in a phrase of the event ("during the
    shelling", "at a shop"): where such a participant was is where the event happened. An
    agent's clause ("the minister, who grew up in Lviv, praised ...") is biography."""
    c = cues()
    if noun.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if noun.dep_ == "pobj":
        return noun.head.lower_ != "by"
    if noun.dep_ == "conj" and noun.head.i == trigger.i:
        return True  # a gapped clause the parser hangs on the verb: "... and 16 police killed"
    return noun.dep_ in ("dobj", "nsubjpass") and (
        trigger.lemma_ in c.patient_lemmas or trigger.lemma_ in c.target_lemmas)


def _locating_prep(prep: Token) -> bool:
    """Whether a preposition puts its object somewhere: "in", "at"..., or "to" after a travel
    word ("marched to the Sydney offices")."""
    c = cues()
    return prep.lower_ in c.locative or (prep.lower_ in c.travel_preps
                                         and prep.head.lemma_ in c.travel_lemmas)


def _phrase_head(root: Token) -> Token:
    """The noun a place name stands in: "villages" for "the Jumla villages", else the name."""
    if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in cues().place_nouns:
        return root.head
    return root


def _contains(inner: Token, outer: Token) -> bool:
    """Whether the text places ``inner`` inside or relative to ``outer``: ``outer`` hangs from
    the inner name's phrase ("Lubumbashi in Shaba province", "Kakata, 60 km northeast of
    Monrovia", "Goma, the capital of North Kivu") or modifies the noun that names ``inner``
    ("Iraq's city of Mosul", "the Baghdad neighbourhood of Karrada")."""
    c = cues()
    if outer.dep_ in ("poss", "compound", "nmod") and outer.head.i != inner.i and (
            outer.head in inner.ancestors):
        path = _path_up(inner, outer.head)
        # the noun's "of" phrase or apposition names the inner place ("the south Kabul base,
        # Darulaman Palace"); "Manbij city on the border" does not put the border in Manbij
        if path and (path[-1].lower_ == "of" or path[-1].dep_ == "appos") and all(
                t.dep_ in ("pobj", "prep", "appos", "compound", "flat") for t in path):
            return True
    top = _phrase_head(inner)
    t = outer
    for _ in range(MAX_CLIMB):
        if t.head.i == t.i or t.i == top.i:
            return False
        if t.dep_ == "conj" and t.head.i == top.i:
            return False  # "Tel Hamis and Tel Birak": side by side, neither holds the other
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == top.i \
                and top.lemma_.lower() in c.naming_nouns:
            return False  # "the village of X": the name of the same place
        if t.head.i == top.i:
            return True
        if t.head.pos_ in ("VERB", "AUX"):
            return False
        t = t.head
    return False


def _path_up(start: Token, stop: Token) -> list[Token]:
    """Tokens from ``start`` up to (not including) its ancestor ``stop``."""
    out: list[Token] = []
    t = start
    while t.i != stop.i and t.head.i != t.i and len(out) < MAX_CLIMB:
        out.append(t)
        t = t.head
    return out


def _framed(root: Token) -> bool:
    """Whether the place sits in a phrase that puts something there: "in X", "near the town of
    X", "on the outskirts of X" (not "from X", not a modifier such as "a U.S. airstrike")."""
    c = cues()
    t = root
    same = True
    for _ in range(MAX_CLIMB):
        dep, head = t.dep_, t.head
        if head.i == t.i:
            return False
        if dep == "pobj":
            if head.lower_ in c.fallback_preps or (head.lower_ in c.locative_if_nested and (
                    not same or t.lemma_.lower() in c.surface_nouns)):
                return True  # "in X"; "on the outskirts of X" but not "sanctions on X"
            if head.lower_ != "of":
                return False
            t = head
        elif dep == "prep":
            t, same = head, False
        elif dep in ("appos", "conj", "flat"):
            t = head
        elif dep in ("compound", "nmod", "amod", "poss"):
            if head.lemma_.lower() not in c.place_nouns:
                return False  # "a U.S. airstrike", "Baghdad's police chief"
            t = head
        else:
            return False
    return False


def _same_action(root: Token, trigger: Token) -> bool:
    """Whether the place's phrase belongs to the trigger's clause or a clause above it ("In
    Vienna, ... people, ... marched"), or to an adverbial clause of the trigger ("killed while
    planting a bomb in Taji"); not to a relative or reported clause ("who lives in Kyiv")."""
    c = cues()
    verb = root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        if verb.dep_ in ("relcl", "acl"):
            return False
        if verb.dep_ in ("dobj", "attr") and verb.head.i == trigger.i and not (
                trigger.lemma_ in c.light_verbs or trigger.lemma_ in c.target_lemmas
                or trigger.lemma_ in c.patient_lemmas):
            return False  # it places the object: "did not mention the conflict in Ukraine"
        verb = verb.head
    ancestors = {t.i for t in trigger.ancestors}
    if verb.i == trigger.i or verb.i in ancestors:
        return True
    t = verb
    while t.head.i != t.i and t.dep_ in ("advcl", "xcomp", "conj"):
        t = t.head
        if t.i == trigger.i:
            return True
    return False


def _fallback(document: Document, event: Event, trigger: Token, head: Place | None
              ) -> Place | None:
    """When the syntax ties no place to the event: the sentence's place nearest the trigger that
    the text puts something in ("In Vienna, some 200,000 people ... marched")."""
    doc = document.doc
    best: tuple[int, int] | None = None
    found: Place | None = None
    for p in document.places:
        if p.char_start < event.sentence_start or p.char_end > event.sentence_end:
            continue
        if head is not None and p.start == head.start:
            continue
        root = doc[p.start:p.end].root
        if not _framed(root) or not _same_action(root, trigger) or _from_phrase(root):
            continue
        key = (min(abs(p.start - trigger.i), abs(p.end - 1 - trigger.i)), p.start)
        if best is None or key < best:
            best, found = key, p
    if found is None:
        return None
    # "neighbours of the Tuwaitha plant outside Baghdad demonstrated": the phrase that put the
    # act somewhere locates another place of the sentence; that one is where it happened
    outer = doc[found.start:found.end].root
    for q in document.places:
        if q.start != found.start and event.sentence_start <= q.char_start \
                and q.char_end <= event.sentence_end and q.kind != "country" \
                and _contains(doc[q.start:q.end].root, outer) \
                and not _from_phrase(doc[q.start:q.end].root):
            return q
    return found


def _from_phrase(root: Token) -> bool:
    """Whether the place lies in an origin or topic phrase of its clause: "sneaked in from Wana,
    the main town in South Waziristan", "moved the plant from near reservoirs in Pluak Daeng",
    "protesting against the operation in Gaza" (not a phrase of leaving: "withdrew from X")."""
    for a in root.ancestors:
        if a.pos_ in ("VERB", "AUX"):
            return False
        if a.dep_ in ("prep", "pcomp") and a.lower_ in ORIGIN_PREPS:
            # "150 meters from a mosque in X" measures a distance: the act was near there;
            # "expelled diplomats from the mission in Moscow": one leaves from where it happens
            return not any(ch.dep_ == "nummod" for ch in a.head.children) \
                and a.head.lemma_ not in cues().departure_lemmas
        if a.dep_ == "prep" and _topic(a):
            return True
    return False


def _topic(prep: Token) -> bool:
    """Whether a preposition brings in what an act is about or aimed at, a thing or an event
    ("protesting against the operation in Gaza", "anxiety over the situation in X"); not an
    attack's target ("an attack against a base in X"), not a named side, whose place is the
    parser's attachment ("fighting against ISIS in Manbij")."""
    c = cues()
    if prep.lower_ not in c.topic_preps:
        return False
    if prep.lower_ in c.target_preps and prep.head.lemma_ in c.target_lemmas:
        return False
    return any(o.dep_ == "pobj" and o.pos_ == "NOUN" for o in prep.children)


def _most_specific(doc: Doc, tied: list[tuple[Place, int]]) -> Place | None:
    """The most specific of the places tied to an event: one the text places inside or relative
    to another is not the answer ("Lubumbashi in Shaba province", "Kakata, 60 km from Monrovia",
    "in the Baghdad neighbourhood of Al-Bayaa"); then a named locality over a city over a region
    over a country; then the nearest by steps."""
    roots = {p.start: doc[p.start : p.end].root for p, _ in tied}
    best: tuple[bool, int, int, int] | None = None
    found: Place | None = None
    for p, steps in tied:
        container = any(q.start != p.start and _contains(roots[q.start], roots[p.start])
                        for q, _ in tied)
        key = (container, KIND_RANK.get(p.kind, 3), steps, p.start)
        if best is None or key < best:
            best, found = key, p
    return found


def _described_by_comma(document: Document, tied: list[tuple[Place, int]]
                        ) -> list[tuple[Place, int]]:
    """Ties after reading "X, in Y" as Y holding X: the parser hangs ", in Y" on the verb, but
    set off by a comma right after a place's name it says where that place is ("bombed
    Waku-Congo, in Cuanza-Sul", "in the Baliem Valley, in Irian Jaya province", "clashes in
    Gaza, near the Karni crossing", "seized off Eyl, on Somalia's coast"). X takes Y's tie
    (when closer) and Y, the container, drops out."""
    doc = document.doc
    out = dict((p.start, (p, steps)) for p, steps in tied)
    for p, steps in tied:
        root = doc[p.start:p.end].root
        # the preposition whose phrase the place heads ("in the X", "on Somalia's coast")
        prep = next((a for a in root.ancestors if a.dep_ == "prep"), None)
        if prep is None or prep.lower_ not in COMMA_PREPS or prep.i < 2 \
                or doc[prep.i - 1].text != "," or prep.i > p.start:
            continue
        last = doc[prep.i - 2]
        while last.dep_ == "conj" and last.head.i < last.i:
            last = last.head  # "Tel Hamis and Tel Birak, in ...": the first of the pair
        inner = next((q for q in document.places
                      if q.start <= last.i < q.end or q.start <= last.head.i < q.end
                      and last.dep_ == "compound"), None)
        if inner is None or inner.start == p.start or inner.kind == "country":
            continue
        out.pop(p.start, None)
        known = out.get(inner.start)
        if known is None or known[1] > steps:
            out[inner.start] = (inner, steps)
    return list(out.values())


def locate(document: Document, event: Event) -> Place | None:
    """The place where the event happened, or None (see the module docstring for the rules)."""
    doc = document.doc
    trigger = doc[event.trigger]
    clause = _clause(trigger)
    head = dateline(document) if document.places else None
    tied: list[tuple[Place, int]] = []
    for p in document.places:
        if p.char_start < event.sentence_start or p.char_end > event.sentence_end:
            continue
        if head is not None and p.start == head.start:
            continue
        root = doc[p.start : p.end].root
        steps = _attachment(root, clause, trigger, p.kind != "country")
        if steps is not None:
            tied.append((p, steps))
    tied = _described_by_comma(document, tied)
    direct = [(p, steps) for p, steps in tied if steps < INDIRECT]
    found = _most_specific(doc, direct) or _fallback(document, event, trigger, head)
    if found is not None:
        return found
    if head is not None and event.modality not in ("future", "hypothetical"):
        lead = doc[head.start].sent
        if event.sentence_start <= lead.end_char and event.sentence_end >= lead.start_char:
            return head
    # Last, a place tied only loosely: where a participant was, or the place a distance is
    # measured from ("a town northeast of Baghdad").
    return _most_specific(doc, [(p, steps) for p, steps in tied if steps >= INDIRECT])

"""Actor mentions in a parsed document, resolved to entities.

How it works, in three steps over the spaCy parse:

1. **Phrases.** Every nominal phrase head (a token that is not itself a modifier) with its
   left modifiers (determiners, adjectives, compounds, possessors) and an "of X" complement makes a
   candidate phrase. Each is classified from the knowledge tables: a country, capital or seat of
   government; an organisation; a role noun ("defence minister", "troops"); a named person (spaCy
   PERSON, or a known person); a pronoun; or a set ("the two", "both", "the pair").
2. **Persons.** Persons are clustered by name through the article ("Li Shangfu", "Li",
   "Defence Minister Li"). The descriptions of a cluster (pre-modifiers, appositions) give its
   country and sector. A cluster titled with a role ("Defence Minister Li") but without a country
   takes the country of the one unnamed holder of that role in the article ("its defence
   minister"). The people knowledge fills what the text leaves out, by the article date.
3. **Discourse**, left to right: pronouns and sets take their antecedents from the mentions
   already resolved (salience rule below); unnamed titles ("the Russian President") resolve to the
   article's one person with that title and country.

Conventions (they follow the PLOVER gold records):

- A bare country name ("China", "Russia") gets the country and **no sector**; a capital or seat of
  government used as an actor ("Beijing said", "the Kremlin") gets GOV; a role noun gives its
  sector ("Russian troops" is RUS MIL); "the Chinese" is CHN without a sector.
- A town or region the gazetteer knows gives its country ("Darfur rebels" SDN REB; "Samarra"
  alone is IRQ without a sector), and so does a federal state ("West Darfur State" SDN, not "the
  state" GOV); a capital under another spelling the gazetteer knows ("Khatmandu") is the capital.
  A former office holder ("former President X") is ELI.
- A capital or country that is the object of a locative preposition ("in Moscow", "flew to
  Kyiv") is a place, not an actor, and makes no mention; "with Moscow", "to Russia" (after a
  non-motion word), "by Kyiv" do.
- A nationality names whose a role is ("Turkish troops in Syria" TUR MIL); the place it is held
  in counts only when nothing else does ("police in Guinea"), and never for a role with a fixed
  holder ("peacekeepers in Mali" IGO). "Israel's ally" is not Israel.
- Misspelt names one edit from a known one are read as it: a lone country name or demonym
  ("Afganistan"), or a known person's surname after their exact given name ("Laurent Gbago").
- Salience for pronouns: a subject earlier in the same sentence, else the subject of the previous
  sentences (up to three back), else (for he/she) any person in the previous sentence. "its"
  prefers a state that is a subject; "they" only resolves to a plural mention. Confidence is
  lower for pronouns (0.5-0.7) and sets (0.6).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from herald.actors import knowledge as kb
from herald.model import Document, Entity, Mention
from herald.nlp import entity_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from herald.gazetteer import GazPlace

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Dependents that belong to the phrase of their head rather than make a phrase of their own.
MODIFIER_DEPS = frozenset({"compound", "amod", "det", "nummod", "case", "punct", "quantmod",
                           "predet", "nmod", "flat", "cc", "prep", "advmod", "aux", "neg"})
PREMOD_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod",
                         "predet", "case", "punct"})
# Prepositions whose object is a place ("in Moscow"), and motion words after which "to"/"from"
# name a destination or origin ("flew to Kyiv") rather than a recipient ("aid to Kyiv").
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "near", "across", "throughout", "within",
                            "outside", "around", "into", "via", "through", "over", "toward",
                            "towards", "along", "onto", "beside", "behind", "beyond", "off",
                            "nearby", "under", "above", "below", "amid"})
DIRECTIONAL_PREPS = frozenset({"to", "from"})
# Complements that give a role its country: "the president of Armenia", "police in Guinea".
ROLE_PREPS = frozenset({"of", "in", "from", "throughout", "across"})
ROLE_OWNER_PREPS = frozenset({"of", "from"})  # whose role it is, not where it is held
# Roles named by a relation to another party: their possessor is that party, not their state.
RELATIONAL_ROLES = frozenset({"ally", "allies", "partner", "partners", "proxy", "proxies"})
MOTION_WORDS = frozenset({"visit", "trip", "travel", "fly", "flight", "go", "come", "return",
                          "arrive", "arrival", "head", "flee", "move", "journey", "tour", "drive",
                          "sail", "march", "advance", "retreat", "withdraw", "relocate", "migrate",
                          "deploy", "evacuate", "escape", "route", "road", "way", "border"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# "a state of emergency": what "state of" names when it is a condition.
CONDITIONS = frozenset({"emergency", "siege", "war", "alert", "affairs", "play", "readiness",
                        "mourning", "disaster", "exception", "insurrection", "calamity",
                        "lawlessness", "anarchy", "chaos", "flux", "shock", "denial"})
# Modifiers that make an office holder a former one.
FORMER = frozenset({"former", "ex", "ousted", "deposed", "exiled", "onetime", "one-time",
                    "erstwhile", "toppled", "overthrown"})
# "anti-Syria", "pro-Russian": a stance towards a state, not membership of it.
STANCE_PREFIXES = frozenset({"anti", "pro"})
# "US-backed rebels", "Iran-aligned militias", "UN-brokered talks": the name before the hyphen is a
# patron or broker, not the actor's own state ("-led" is left out: a "NATO-led force" is NATO's).
BACKER_SUFFIXES = frozenset({"backed", "funded", "financed", "bankrolled", "supported", "sponsored",
                             "linked", "allied", "aligned", "affiliated", "brokered", "mediated",
                             "armed", "trained", "equipped", "inspired", "friendly", "leaning"})
# Words that end the names of bodies, never of persons: a country's name before them names the
# body's country ("Kenya Anti-Corruption Commission", "Montenegro Municipality Association"),
# where before a surname it would not ("Chad Smith").
INSTITUTION_HEADS = frozenset({"commission", "commision", "committee", "council", "association",
                               "authority", "agency", "ministry", "federation", "union", "league",
                               "party", "front", "movement", "army", "police", "court", "bank",
                               "corporation", "company", "airways", "airlines", "institute",
                               "university", "foundation", "society", "board", "office",
                               "assembly", "parliament", "congress", "chamber", "service",
                               "forum", "network", "coalition", "alliance", "organisation",
                               "organization", "centre", "center", "bureau", "department"})
# Words that end the names of a state's offices: a name so ending that opens with a country's
# name is that state's ("Kenya Anti-Corruption Commission", "Nigeria Customs Service" GOV).
STATE_BODY_HEADS = frozenset({"commission", "commision", "ministry", "agency", "authority",
                              "bureau", "directorate", "inspectorate", "service"})
# Words that end the names of voluntary bodies: such a name that names no country is coded as a
# non-governmental organisation ("Association of African Jurists", "Third World Water Forum").
NGO_HEADS = frozenset({"association", "forum", "foundation", "society", "federation",
                       "network", "institute", "trust"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
STATE_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
SET_UNITS = {  # head noun of "the two X" -> how to read the pair
    "country": "country", "nation": "country", "state": "country", "side": "country",
    "neighbour": "country", "neighbor": "country", "power": "country", "capital": "gov",
    "government": "gov", "army": "mil", "military": "mil", "force": "mil",
    "leader": "person", "president": "person", "man": "person", "minister": "person",
    "head": "person", "counterpart": "person",
}
# A city or region the gazetteer knows ("Darfur rebels", "the governor of Tyumen"): it gives a
# country, and as an actor by itself ("Samarra") no sector.
LOCALITY = "locality"
PLACE_TYPES = (kb.COUNTRY, kb.SEAT, kb.CAPITAL, kb.PEOPLE, kb.ADJECTIVE, LOCALITY)
TYPE_ORDER = {t: i for i, t in enumerate((kb.KNOWN, kb.ORG, *PLACE_TYPES))}


@dataclass
class Gaz:
    """A phrase of the text found in the knowledge tables."""

    start: int
    end: int
    type: str
    ref: str


@dataclass
class Phrase:
    """A candidate actor phrase: tokens [start, end), its head, and what it was classified as."""

    start: int
    end: int
    head: int
    kind: str  # place | org | role | person | pronoun | set
    gaz: Gaz | None = None
    role: kb.Role | None = None
    role_key: str = ""
    sector: str | None = None
    countries: list[str] = field(default_factory=list)  # from modifiers, in order
    poss_pronoun: str | None = None  # "its", "their", "his" as possessor
    poss_person: str | None = None  # a person's name as possessor ("Putin's spokesman")
    org: str | None = None  # an organisation among the modifiers ("UN peacekeepers")
    name: str = ""  # a person's name as written
    entities: list[Entity] = field(default_factory=list)
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Cluster:
    """One person of the article, with what the text says about them."""

    name: str
    country: str | None = None
    sector: str | None = None
    role_key: str = ""
    entity: Entity | None = None


def find(document: Document, locative: bool = True) -> list[Mention]:
    """Actor mentions of a parsed document, sorted and non-overlapping."""
    return _Finder(document.doc, document.article.published, locative).run()


def first_named(document: Document) -> Entity | None:
    """The first country, capital, organisation or known actor named anywhere in a document: a
    last resort for a bare phrase that parses as no actor ("Israeli", "refugees in Liberia")."""
    f = _Finder(document.doc, document.article.published, locative=False)
    f.scan()
    for i in sorted(f.gaz_at):
        g = f.gaz_at[i]
        if g.type == kb.ORG:
            return org_entity(g.ref)
        if g.type == kb.KNOWN:
            return known_entity(g.ref, f.date)[0]
        return country_entity(g.ref, "GOV" if g.type in (kb.CAPITAL, kb.SEAT) else None)
    return None


def country_entity(iso3: str, sector: str | None = None) -> Entity:
    c = kb.countries().get(iso3)
    name = c.name if c else ("the West" if iso3 == "WST" else iso3)
    return Entity(name=name, country=iso3, sector=sector, kind="state")


def org_entity(name: str, sector: str | None = None) -> Entity:
    o = kb.organizations()[name]
    return Entity(name=o.name, country=o.code, sector=sector or o.sector,
                  kind="state" if o.code == "WST" else o.kind)


def known_entity(name: str, date: str | None) -> tuple[Entity | None, bool]:
    """A known actor (people knowledge or user dictionary) as of ``date``."""
    rows = kb.known_actors().get(name, ())
    row, covered = kb.pick_row(rows, date)
    if row is None:
        return None, False
    sector = row.sector if covered else None
    if not covered and date and row.kind == "person" and any(
            r.end and r.end <= date and r.sector in STATE_SECTORS for r in rows):
        sector = "ELI"  # out of office after holding one: a former office holder, as in CAMEO
    return Entity(name=row.name, country=row.country, sector=sector, kind=row.kind), covered


def _backer(end: int, norms: list[str], offset: int | None = None) -> bool:
    """Whether the name ending before ``end`` is followed by "-backed", "-funded" and the like.

    ``norms`` holds the normalised tokens from ``offset`` (default: the document's start)."""
    at = end if offset is None else offset
    return len(norms) > at + 1 and norms[at] in ("-", "\u2013") and norms[at + 1] in BACKER_SUFFIXES


def is_capital(place: GazPlace) -> bool:
    """Whether a gazetteer place is a capital the countries table lists, under any spelling the
    gazetteer knows ("Khatmandu", "Peking"): as an actor it is that state's government."""
    c = kb.countries().get(place.country or "")
    return c is not None and place.kind == "city" and \
        _plain(place.name) in {_plain(n) for n in c.capitals}


def _plain(name: str) -> str:
    """A name compared without case or accents ("Bogotá" is "bogota")."""
    return "".join(c for c in unicodedata.normalize("NFKD", kb.norm(name))
                   if not unicodedata.combining(c))


def _canon_role(key: str) -> str:
    return key.replace("defense", "defence").replace("-", " ")


class _Finder:
    def __init__(self, doc: Doc, date: str | None, locative: bool) -> None:
        self.doc = doc
        self.date = date
        self.locative = locative
        self.sent_of = [0] * len(doc)
        self.sents: list[tuple[int, int]] = []
        for k, s in enumerate(doc.sents):
            self.sents.append((s.start, s.end))
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        self.gaz_at: dict[int, Gaz] = {}
        self.locality_names: dict[int, str] = {}  # start token -> gazetteer name
        self.person_words: set[str] = set()
        self.roles_at: dict[int, tuple[int, kb.Role]] = {}  # end token -> (start, role)
        self.role_tokens: set[int] = set()
        self.clusters: dict[str, Cluster] = {}
        self.alias: dict[str, str | None] = {}  # name token(s) -> cluster name, None if ambiguous

    # ---- step 0: table look-ups over the tokens -------------------------------------------
    def scan(self) -> None:
        doc, table = self.doc, kb.phrase_table()
        norms = [kb.norm(t.text) for t in doc]
        self._scan_roles(norms)
        # Parts of full names the model labelled PERSON: a later "Oduya" it missed is still her.
        self.person_words = set()
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                self.person_words.update({norms[ent.start], norms[ent.end - 1]})
        i = 0
        while i < len(doc):
            best = None
            for n in table.lengths.get(norms[i], ()):
                if i + n > len(doc):
                    continue
                entries = table.entries.get(tuple(norms[i:i + n]))
                if not entries:
                    continue
                words = tuple(t.text for t in doc[i:i + n])
                ok = [e for e in entries if e.exact is None or e.exact == words]
                if ok and any(t.text[:1].isupper() or t.text[:1].isdigit() for t in doc[i:i + n]):
                    best = (n, ok)
                    break
            if best is None:
                i += 1
                continue
            n, ok = best
            ok.sort(key=lambda e: TYPE_ORDER[e.type])
            top = [e for e in ok if e.type == ok[0].type]
            if len({e.ref for e in top}) == 1 and (
                    (top[0].type == kb.COUNTRY and self._names_body(i + n))
                    or not self._inside_other_name(i, i + n, norms)) \
                    and not self._not_of_state(i, top[0].type, norms) \
                    and not _backer(i + n, norms) \
                    and not self._other_place(i, i + n, top[0]):
                g = Gaz(i, i + n, top[0].type, top[0].ref)
                for j in range(i, i + n):
                    self.gaz_at[j] = g
            i += n
        self._scan_misspelt(norms)
        self._scan_localities()

    def _other_place(self, start: int, end: int, entry: kb.Entry) -> bool:
        """Whether a country or capital's name is the end of another place's name: "New Mexico",
        "New South Wales", or a name the gazetteer places in another country ("East
        Jerusalem")."""
        if entry.type not in (kb.COUNTRY, kb.CAPITAL, kb.SEAT):
            return False
        doc = self.doc
        j = start - 1
        while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].dep_ == "compound" and \
                doc[j].text[:1].isupper() and start <= doc[j].head.i < end + 2:
            if doc[j].text == "New":
                return True
            j -= 1
        ent = entity_at(doc, start)
        if ent is None or ent.label_ not in ("GPE", "LOC") or ent.start >= start:
            return False
        from herald.gazetteer import gazetteer

        gp = gazetteer().resolve(ent.text)
        return gp is not None and gp.country is not None and gp.country != entry.ref

    def _scan_misspelt(self, norms: list[str]) -> None:
        """A lone capitalised word one edit from a country name or demonym ("Afganistan",
        "Ghanians") is that name, unless the model reads it as a person or organisation (and it
        modifies no role noun), it stands next to another proper noun (a longer name) or the
        gazetteer knows it as a place."""
        doc = self.doc
        for i, tok in enumerate(doc):
            if i in self.gaz_at or i in self.role_tokens or not tok.text[:1].isupper() or \
                    len(tok.text) < kb.FUZZY_MIN_LETTERS:
                continue
            # the model often takes an unknown word for a name; before a role noun ("Chenchen
            # refugees") it is a modifier all the same
            if tok.ent_type_ in ("PERSON", "ORG") and not (
                    tok.dep_ in ("amod", "compound") and tok.head.i in self.role_tokens
                    and tok.ent_iob_ == "B" and (i + 1 >= len(doc) or doc[i + 1].ent_iob_ != "I")):
                continue
            if (i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper()) or (
                    i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN"
                    and doc[i + 1].text[:1].isupper()):
                continue
            entry = kb.misspelt_place(norms[i])
            if entry is None:
                continue
            from herald.gazetteer import gazetteer

            if gazetteer().resolve(tok.text) is not None:
                continue
            self.gaz_at[i] = Gaz(i, i + 1, entry.type, entry.ref)

    def _not_of_state(self, i: int, type_: str, norms: list[str]) -> bool:
        """Whether the name at ``i`` does not make its phrase the state's: "anti-Syria" and
        "pro-Russian" name a stance; "ethnic Albanians" and, after another nationality, "Bosnian
        Serbs" an ethnic group, which CAMEO codes with the state it lives in (the first
        nationality, or the text's context), not with the state of that name."""
        if i >= 2 and norms[i - 1] == "-" and norms[i - 2] in STANCE_PREFIXES:
            return True
        if type_ not in (kb.ADJECTIVE, kb.PEOPLE):
            return False
        if i >= 1 and norms[i - 1] == "ethnic":
            return True
        prev = self.gaz_at.get(i - 1)
        return prev is not None and prev.type in (kb.ADJECTIVE, kb.COUNTRY) and \
            self.doc[i - 1].whitespace_ != ""

    def _scan_localities(self) -> None:
        """Cities and regions tagged GPE/LOC that the knowledge tables do not hold."""
        from herald.gazetteer import gazetteer

        gaz = gazetteer()
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "LOC") or any(
                    i in self.gaz_at or i in self.role_tokens for i in range(ent.start, ent.end)):
                continue
            start = ent.start + (self.doc[ent.start].lower_ == "the")
            if start >= ent.end or (start >= 2 and self.doc[start - 1].text == "-"
                                    and self.doc[start - 2].lower_ in STANCE_PREFIXES):
                continue
            if _backer(ent.end, [kb.norm(t.text) for t in self.doc[ent.end:ent.end + 2]], 0):
                continue
            end = ent.end
            gp = gaz.resolve(self.doc[start:end].text)
            state = gp is None and end - start > 1 and self.doc[end - 1].text == "State"
            if state:
                # "Kano State" is the federal state around Kano: its country, not its capital
                gp = gaz.resolve(self.doc[start:end - 1].text)
            if gp is None or not gp.country:
                continue
            capital = not state and is_capital(gp)
            g = Gaz(start, end, kb.CAPITAL if capital else LOCALITY, gp.country)
            self.locality_names[start] = self.doc[start:end].text if state else gp.name
            for j in range(start, end):
                self.gaz_at[j] = g

    def _scan_roles(self, norms: list[str]) -> None:
        lengths = kb.role_lengths()
        roles = kb.roles()
        for h, tok in enumerate(self.doc):
            lemma = kb.norm(tok.lemma_)
            for n in lengths:
                if n > h + 1:
                    continue
                words = norms[h - n + 1:h + 1]
                role = roles.get(tuple(words)) or roles.get((*words[:-1], lemma))
                if role and role.key == "state" and self._names_region(h, norms):
                    break
                if role:
                    self.roles_at[h] = (h - n + 1, role)
                    self.role_tokens.update(range(h - n + 1, h + 1))
                    break

    def _names_region(self, h: int, norms: list[str]) -> bool:
        """Whether "State" at ``h`` ends a region's name ("Borno State", "West Darfur State"): a
        federal state is a place, not a government. After a country's name or adjective it is
        that country's state ("the Palestinian State")."""
        doc = self.doc
        if h == 0 or doc[h].text != "State":
            return False
        prev = doc[h - 1]
        if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or prev.ent_type_ == "NORP":
            return False
        entries = kb.phrase_table().entries.get((norms[h - 1],), ())
        return not any(e.type in (kb.COUNTRY, kb.ADJECTIVE, kb.PEOPLE) for e in entries)

    def _names_body(self, end: int) -> bool:
        """Whether the proper name going on at ``end`` ends in a word naming a body."""
        doc, last = self.doc, None
        i = end
        while i < len(doc) and (doc[i].pos_ == "PROPN" or (doc[i].text == "-" and last)):
            last = doc[i]
            i += 1
        return last is not None and last.lower_ in INSTITUTION_HEADS

    def _inside_other_name(self, start: int, end: int, norms: list[str]) -> bool:
        """A place word that is part of a longer person or organisation name ("George
        Washington", "Washington Post") is not the place."""
        doc = self.doc
        tok = doc[start]
        if tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_:
            ent = entity_at(doc, start)
            if ent is not None and (ent.start < start or ent.end > end):
                # "Bosnian Serbs" tagged PERSON is two nationality words, not a name
                others = [t for t in doc[ent.start:ent.end]
                          if not (start <= t.i < end) and t.pos_ == "PROPN"
                          and (norms[t.i],) not in kb.phrase_table().entries]
                if others and ent.label_ == "PERSON":
                    return True
        last = doc[end - 1]
        nxt = doc[end] if end < len(doc) else None
        # "West Bank", "Moscow Mayor": a compound on a following proper noun that is not a title
        return bool(nxt is not None and last.dep_ == "compound" and last.head.i >= end
                    and last.head.pos_ == "PROPN" and nxt.pos_ == "PROPN"
                    and nxt.i not in self.role_tokens
                    and (norms[end],) not in kb.phrase_table().entries)

    # ---- step 1: phrases -------------------------------------------------------------------
    def phrase_of(self, h: int) -> Phrase | None:
        doc = self.doc
        tok = doc[h]
        if tok.dep_ in MODIFIER_DEPS and tok.pos_ != "PRON":
            return None
        if tok.is_punct or tok.is_space:
            return None
        left = h
        for c in tok.lefts:
            if c.dep_ in PREMOD_DEPS or (c.dep_ == "advmod" and c.pos_ == "ADJ"):
                left = min(left, c.left_edge.i)
        while left < h and (doc[left].is_punct or doc[left].dep_ == "cc"):
            left += 1
        right = h
        low = kb.norm(tok.text)

        if tok.pos_ == "PRON" or low in PERSON_PRONOUNS | STATE_PRONOUNS | PLURAL_PRONOUNS:
            if low in PERSON_PRONOUNS | STATE_PRONOUNS | PLURAL_PRONOUNS:
                return Phrase(h, h + 1, h, "pronoun")
            if low == "both" and tok.dep_ not in ("preconj", "det"):
                return Phrase(h, h + 1, h, "set", role_key="")
            return None
        set_phrase = self._set_phrase(tok, left)
        if set_phrase:
            return set_phrase

        g = self.gaz_at.get(h)
        mods: Iterable[int] = range(left, h)
        if g is not None and g.type in (kb.KNOWN,) and self._known_is_person(g.ref):
            return self._person(h, left, g)
        if g is not None and g.type == kb.ORG:
            p = Phrase(min(left, g.start), max(g.end, h + 1), h, "org", gaz=g)
            self._modifiers(p, range(p.start, g.start))
            return p
        if g is not None and g.type == kb.KNOWN:
            p = Phrase(min(left, g.start), max(g.end, h + 1), h, "org", gaz=g)
            return p
        if g is not None and g.type in PLACE_TYPES and g.start >= left:
            if g.type == kb.ADJECTIVE and tok.pos_ == "ADJ":
                return None  # an adjective alone ("Russian") is a modifier, not an actor
            p = Phrase(left, h + 1, h, "place", gaz=g)
            self._modifiers(p, range(left, g.start))
            if g.type == kb.PEOPLE and not p.countries:
                # "the Albanians of southern Serbia": a people coded where it lives
                p.end = max(p.end, self._of_complement(tok, p) + 1)
            return p
        if tok.pos_ == "PROPN" and self._is_person_head(tok, left):
            return self._person(h, left, None)
        role = self.roles_at.get(h)
        if role is not None and self._state_of_affairs(tok):
            return None  # "a state of emergency" is no actor
        if role is not None and tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "X"):
            rstart, r = role
            p = Phrase(left, h + 1, h, "role", role=r, role_key=_canon_role(r.key))
            if r.key in RELATIONAL_ROLES:
                # "Israel's ally", "Iran's proxies": the possessor is the other party
                owner = {t.i for c in tok.lefts if c.dep_ == "poss" for t in c.subtree}
                mods = [i for i in mods if i not in owner]
            self._modifiers(p, mods)
            # Where a role is held is its country only when nothing says whose it is: "Turkish
            # troops in Syria" are Turkey's, "peacekeepers in Mali" a mission's (IGO).
            located = not p.countries and r.unnamed is None
            right = self._of_complement(tok, p, ROLE_PREPS if located else ROLE_OWNER_PREPS)
            p.end = max(p.end, right + 1)
            p.sector = self._sector(p.start, h, r)
            return p
        modifier = self._modified_noun(tok, left)
        if modifier is not None:
            return modifier
        if tok.ent_type_ == "ORG" and tok.pos_ == "PROPN":
            ent = entity_at(doc, h)
            if ent is None:
                return None
            p = Phrase(min(left, ent.start), h + 1, h, "org")
            self._modifiers(p, range(p.start, h + 1))
            p.sector = self._sector(p.start, h, None)
            if not p.countries and tok.lower_ in NGO_HEADS and len(ent) > 1:
                p.countries = ["NGO"]
            if not p.countries or self.gaz_at.get(h):
                return None
            p.name = ent.text
            return p
        return None

    @staticmethod
    def _state_of_affairs(tok: Token) -> bool:
        """ "state of emergency", "state of war": a condition, not the state as an actor."""
        if tok.lemma_.lower() != "state":
            return False
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            o.dep_ == "pobj" and o.lemma_.lower() in CONDITIONS for o in c.children)
            for c in tok.rights)

    def _modified_noun(self, tok: Token, left: int) -> Phrase | None:
        """ "Russian exports", "EU members": a noun that is no role but whose adjective or
        compound names a country or organisation stands for that country, without a sector
        unless a role among its modifiers gives one ("Ugandan opposition candidates" OPP,
        "Russian civilian advisers" CVL)."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("DATE", "TIME", "MONEY"):
            return None
        for c in tok.lefts:
            g = self.gaz_at.get(c.i)
            if c.dep_ in ("amod", "compound") and g is not None and g.type != kb.KNOWN:
                p = Phrase(left, tok.i + 1, tok.i, "role", rule="country-modifier",
                           confidence=0.6)
                self._modifiers(p, range(left, tok.i))
                p.sector = self._sector(left, tok.i - 1, None)
                if p.sector is None and tok.pos_ == "PROPN" and tok.lower_ in STATE_BODY_HEADS:
                    p.sector = "GOV"
                return p if p.countries else None
        return None

    def _set_phrase(self, tok: Token, left: int) -> Phrase | None:
        doc = self.doc
        low = kb.norm(tok.text)
        dets = {kb.norm(c.text) for c in tok.lefts if c.dep_ in ("det", "predet")}
        if low == "two" and "the" in dets and not any(c.dep_ != "det" for c in tok.children):
            return Phrase(left, tok.i + 1, tok.i, "set", rule="the-two")
        if kb.norm(tok.lemma_) in ("pair", "duo") and "the" in dets:
            return Phrase(left, tok.i + 1, tok.i, "set", rule="the-pair")
        nums = {kb.norm(c.text) for c in tok.lefts if c.dep_ == "nummod"}
        if tok.pos_ == "NOUN" and tok.tag_ in ("NNS", "NNPS") and (
                ("two" in nums and ("the" in dets or "both" in dets)) or "both" in dets):
            if any(self.gaz_at.get(i) for i in range(left, tok.i)):
                return None  # "both Chinese leaders" names its own country
            unit = SET_UNITS.get(kb.norm(tok.lemma_))
            if unit is None:
                return None
            return Phrase(left, tok.i + 1, tok.i, "set", role_key=unit, rule="the-two")
        del doc
        return None

    def _known_is_person(self, name: str) -> bool:
        return any(r.kind == "person" for r in kb.known_actors().get(name, ()))

    def _is_person_head(self, tok: Token, left: int) -> bool:
        if tok.i in self.gaz_at or tok.i in self.role_tokens or tok.lower_ in INSTITUTION_HEADS:
            return False
        titled = any(self.roles_at.get(i, (0, None))[1] is not None
                     and self.roles_at[i][1].kind == "person" for i in range(left, tok.i))
        if titled:
            return True
        if kb.norm(tok.text) in self.person_words:
            return True
        if tok.ent_type_ == "PERSON":
            ent = entity_at(self.doc, tok.i)
            if ent is not None and len(ent) == 1 and kb.norm(tok.text) in kb.big_places():
                return False  # "Kharkiv" labelled PERSON by the model is a city
            return True
        return False

    def _person(self, h: int, left: int, g: Gaz | None) -> Phrase:
        doc = self.doc
        if g is not None:
            name_start = g.start
            name = g.ref
        else:
            ent = entity_at(doc, h)
            ent = ent if ent is not None and ent.label_ == "PERSON" else None
            name_start = max(left, ent.start) if ent is not None else h
            while name_start > left and doc[name_start - 1].pos_ == "PROPN" and \
                    (name_start - 1) not in self.gaz_at and \
                    (name_start - 1) not in self.role_tokens and ent is None:
                name_start -= 1
            # Titles and place words at the start of a PERSON span are not the name.
            while name_start < h and (name_start in self.gaz_at or name_start in self.role_tokens
                                      or doc[name_start].pos_ != "PROPN"):
                name_start += 1
            name = doc[name_start:h + 1].text
        p = Phrase(min(left, name_start), h + 1, h, "person", gaz=g, name=name)
        right = self._of_complement(doc[h], p)
        p.end = max(p.end, right + 1)
        self._modifiers(p, range(p.start, name_start))
        title = None
        for i in range(name_start - 1, p.start - 1, -1):
            if i in self.roles_at:
                title = self.roles_at[i][1]
                break
        if title is not None:
            p.role = title
            p.role_key = _canon_role(title.key)
            p.sector = self._sector(p.start, name_start - 1, title)
        return p

    def _of_complement(self, tok: Token, p: Phrase, preps: frozenset[str] = frozenset({"of"})
                       ) -> int:
        """ "president of Armenia", "King Hassan of Morocco", "police in Guinea": the country of
        the complement."""
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in preps:
                for o in c.children:
                    g = self.gaz_at.get(o.i)
                    if o.dep_ == "pobj" and g is not None and g.type in (*PLACE_TYPES, kb.ORG):
                        p.countries.append(self._gaz_country(g))
                        if tok.tag_ in ("NNS", "NNPS"):
                            # "the ministers of China and Russia": one per country
                            for cj in o.conjuncts:
                                gc = self.gaz_at.get(cj.i)
                                if gc is not None and gc.type in (*PLACE_TYPES, kb.ORG):
                                    code = self._gaz_country(gc)
                                    if code and code not in p.countries:
                                        p.countries.append(code)
                        return o.right_edge.i
                    if o.dep_ == "pobj" and g is None:
                        place = self._untagged_place(o)
                        if place:
                            p.countries.append(place)
                            return o.right_edge.i
        return tok.i

    def _untagged_place(self, o: Token) -> str | None:
        """The country of a capitalised complement the model did not tag but the gazetteer knows
        as a sizeable town ("the deputy governor of the Tyumen region")."""
        if o.ent_type_:
            return None  # tagged names went through the tables and the locality scan
        from herald.gazetteer import gazetteer

        for w in (o, *(c for c in o.lefts if c.dep_ == "compound")):
            if w.i in self.gaz_at or not w.text[:1].isupper() or not w.text.isalpha() or \
                    w.i in self.role_tokens:
                continue
            gp = gazetteer().resolve(w.text)
            if gp is not None and gp.country and (gp.kind == "region" or
                                                  gp.population >= 100_000):
                return gp.country
        return None

    def _gaz_country(self, g: Gaz) -> str:
        if g.type == kb.ORG:
            return kb.organizations()[g.ref].code
        if g.type == kb.KNOWN:
            e, _ = known_entity(g.ref, self.date)
            return (e.country if e else None) or ""
        return g.ref

    def _modifiers(self, p: Phrase, mods: Iterable[int]) -> None:
        """Countries and possessors among a phrase's modifiers."""
        doc = self.doc
        seen = set()
        for i in mods:
            tok = doc[i]
            g = self.gaz_at.get(i)
            if g is not None and id(g) not in seen and g.start < p.head:
                seen.add(id(g))
                if g.type == kb.KNOWN and self._known_is_person(g.ref):
                    p.poss_person = g.ref
                    continue
                if g.type == kb.ORG and p.org is None:
                    p.org = g.ref
                code = self._gaz_country(g)
                if code and code not in p.countries:
                    p.countries.append(code)
                continue
            if g is not None:
                continue  # a later word of a name already taken ("Zoran Djindjic's")
            low = kb.norm(tok.text)
            if tok.dep_ == "poss" and low in ("its", "their", "his", "her"):
                p.poss_pronoun = low
            elif tok.dep_ == "poss" and tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
                ent = entity_at(doc, i)
                # the model's PERSON span often takes the "'s" along
                name = ent.text if ent is not None else tok.text
                p.poss_person = name.removesuffix("'s").removesuffix("\u2019s").strip()

    def _sector(self, start: int, end: int, head_role: kb.Role | None) -> str | None:
        """The head role's sector unless it is a weak default and a modifier gives another.

        A former office holder ("former President X", "ousted Prime Minister Y") is ELI, as in
        CAMEO: they no longer act for the state."""
        if head_role is not None and head_role.kind == "person" and any(
                self.doc[i].lower_ in FORMER for i in range(start, end + 1)):
            return "ELI"
        if head_role is not None and not head_role.weak:
            return head_role.sector
        for i in range(end - 1 if head_role else end, start - 1, -1):
            r = self.roles_at.get(i)
            if r is not None and not r[1].weak and r[1].sector:
                return r[1].sector
        return head_role.sector if head_role is not None else None

    def is_locative(self, h: int) -> bool:
        tok = self.doc[h]
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "pobj":
            return False
        prep = tok.head
        low = prep.lower_
        if low in LOCATIVE_PREPS:
            return True
        return low in DIRECTIONAL_PREPS and kb.norm(prep.head.lemma_) in MOTION_WORDS

    def phrases(self) -> list[Phrase]:
        out: list[Phrase] = []
        cands = []
        for tok in self.doc:
            p = self.phrase_of(tok.i)
            if p is not None:
                cands.append(p)
        cands.sort(key=lambda p: (p.start, -(p.end - p.start)))
        used: set[int] = set()
        for p in cands:
            if any(i in used for i in range(p.start, p.end)):
                continue
            if p.kind == "place" and self.locative and self.is_locative(p.head):
                continue
            out.append(p)
            used.update(range(p.start, p.end))
        return out

    # ---- step 2: persons ---------------------------------------------------------------------
    def cluster_persons(self, phrases: list[Phrase]) -> None:
        doc = self.doc
        for p in phrases:
            if p.kind != "person":
                continue
            c = self._cluster_for(p.name)
            if c is None:
                c = Cluster(name=p.name)
                self.clusters[p.name] = c
                self._register(c)
            self._describe(c, p)
            # appositions either way round: "Li Shangfu, China's defence minister,"
            tok = doc[p.head]
            for other in phrases:
                if other.kind != "role":
                    continue
                ho = doc[other.head]
                if (ho.dep_ == "appos" and ho.head.i == p.head) or (
                        tok.dep_ == "appos" and tok.head.i == other.head):
                    self._describe(c, other)
        # A title without a country takes the country of the one unnamed holder of that title.
        holders: dict[str, set[str]] = {}
        for p in phrases:
            if p.kind == "role" and p.role and p.role.kind == "person":
                country = self._phrase_country(p, [])
                if country:
                    holders.setdefault(p.role_key, set()).add(country)
        for c in self.clusters.values():
            if not c.country and c.role_key and len(holders.get(c.role_key, ())) == 1:
                c.country = next(iter(holders[c.role_key]))
        for c in self.clusters.values():
            known = self._known_name(c.name) or kb.misspelt_person(c.name)
            kent = known_entity(known, self.date)[0] if known else None
            country, sector = c.country, c.sector
            if kent is not None and (country is None or country == kent.country):
                country = country or kent.country
                sector = sector or kent.sector
            name = kent.name if kent is not None else c.name
            c.entity = Entity(name=name, country=country, sector=sector, kind="person")

    def _known_name(self, name: str) -> str | None:
        table = kb.phrase_table()
        key = kb.tokens_of(name)
        for e in table.entries.get(key, ()):
            if e.type == kb.KNOWN:
                return e.ref
        return None

    def _cluster_for(self, name: str) -> Cluster | None:
        low = kb.norm(name)
        if low in self.alias:
            target = self.alias[low]
            return self.clusters.get(target) if target else None
        return None

    def _register(self, c: Cluster) -> None:
        parts = kb.norm(c.name).split()
        keys = {kb.norm(c.name)}
        if len(parts) > 1:
            keys.update({parts[0], parts[-1], " ".join(parts[-2:])})
        for k in keys:
            if k in self.alias and self.alias[k] != c.name:
                self.alias[k] = None  # two people share it: ambiguous
            else:
                self.alias[k] = c.name

    def _describe(self, c: Cluster, p: Phrase) -> None:
        country = self._phrase_country(p, [])
        if country and not c.country:
            c.country = country
        if p.sector and not c.sector:
            c.sector = p.sector
        if p.role_key and not c.role_key:
            c.role_key = p.role_key

    def _phrase_country(self, p: Phrase, resolved: list[Phrase]) -> str | None:
        if p.countries:
            return p.countries[0]
        if p.poss_person:
            c = self._cluster_for(p.poss_person)
            if c is not None:
                return c.country or (c.entity.country if c.entity else None)
            known = self._known_name(p.poss_person)
            if known:
                e, _ = known_entity(known, self.date)
                return e.country if e else None
        if p.poss_pronoun is not None:
            return self._its.get(p.start)
        return None

    # ---- step 3: resolution in reading order -----------------------------------------------
    def run(self) -> list[Mention]:
        self.scan()
        phrases = self.phrases()
        self._its: dict[int, str] = {}
        done: list[Phrase] = []
        # First pass: everything that does not depend on persons, so that "its defence minister"
        # can lend its country to "Defence Minister Li".
        for p in phrases:
            if p.kind == "role" and (p.poss_person or p.poss_pronoun in ("his", "her")):
                continue  # needs the persons: second pass
            if p.kind in ("place", "org", "role") or (p.kind == "pronoun" and
                                                      self.doc[p.head].lower_ in STATE_PRONOUNS):
                if p.poss_pronoun in ("its", "their"):
                    ante = self._antecedent(p, done, "state")
                    if ante is not None and ante.entities and ante.entities[0].country:
                        self._its[p.start] = ante.entities[0].country
                self._resolve_simple(p, done)
                if p.entities:
                    done.append(p)
        self.cluster_persons(phrases)
        resolved: list[Phrase] = []
        for p in phrases:
            if p.kind == "person":
                c = self._cluster_for(p.name) or self.clusters.get(p.name)
                if c is not None and c.entity is not None:
                    p.entities = [c.entity]
                    p.rule = "person-known" if c.entity.sector and not (
                        c.sector or c.country) else "person-description"
                    p.confidence = 0.9
            elif p.kind == "role" and p.role is not None and p.role.kind == "person":
                self._title_to_person(p)
                if not p.entities:
                    self._resolve_simple(p, resolved)
            elif p.kind == "role" and (p.poss_person or p.poss_pronoun in ("his", "her")):
                if p.poss_pronoun:
                    ante = self._antecedent(p, resolved, "person")
                    if ante is not None and ante.entities[0].country:
                        self._its[p.start] = ante.entities[0].country
                self._resolve_simple(p, resolved)
            elif p.kind == "pronoun" and not p.entities:
                self._resolve_pronoun(p, resolved)
            elif p.kind == "set":
                self._resolve_set(p, resolved)
            if p.entities:
                resolved.append(p)
        return [self._mention(p) for p in resolved]

    def _resolve_simple(self, p: Phrase, done: list[Phrase]) -> None:
        if p.entities:
            return
        if p.kind == "place" and p.gaz is not None:
            sector = "GOV" if p.gaz.type in (kb.CAPITAL, kb.SEAT) else None
            code = p.gaz.ref
            if p.gaz.type in (kb.PEOPLE, kb.ADJECTIVE):
                # "Bosnian Serbs" live in Bosnia. A people in the plural ("Palestinians") gets no
                # sector: the gold records code it now as the country, now as its civilians.
                code = next((c for c in p.countries if c in kb.countries()), code)
            if p.gaz.type == LOCALITY:
                # A town as an actor stands for its people or authorities: country, no sector.
                name = self.locality_names.get(p.gaz.start, code)
                p.entities = [Entity(name=name, country=code, sector=None, kind="state")]
                p.rule = "locality"
                p.confidence = 0.6
                return
            p.entities = [country_entity(code, sector)]
            p.rule = {kb.CAPITAL: "capital-as-government", kb.SEAT: "seat-of-government",
                      kb.PEOPLE: "demonym", kb.ADJECTIVE: "demonym"}.get(p.gaz.type,
                                                                         "country-name")
        elif p.kind == "org" and p.gaz is not None and p.gaz.type == kb.ORG:
            p.entities = [org_entity(p.gaz.ref)]
            p.rule = "organization"
        elif p.kind == "org" and p.gaz is not None and p.gaz.type == kb.KNOWN:
            e, covered = known_entity(p.gaz.ref, self.date)
            if e is not None:
                p.entities = [e]
                p.rule = "known-actor"
                p.confidence = 0.9 if covered else 0.6
        elif p.kind == "org" and p.countries:
            p.entities = [Entity(name=p.name, country=p.countries[0], sector=p.sector,
                                 kind="organization")]
            p.rule = "named-organization"
            p.confidence = 0.6
        elif p.kind == "role" and p.role is not None:
            self._resolve_role(p)
        elif p.kind == "role" and p.countries:
            code = p.countries[0]
            p.entities = [org_entity(p.org) if p.org and kb.organizations()[p.org].code == code
                          else country_entity(code, p.sector)]
        elif p.kind == "pronoun":
            self._resolve_pronoun(p, done)

    def _resolve_role(self, p: Phrase) -> None:
        assert p.role is not None
        codes: list[str | None] = [c for c in p.countries if c]
        if not codes:
            country = self._phrase_country(p, [])
            codes = [country] if country else []
        sector = p.sector
        entities = []
        for code in codes or [None]:
            if code is None and p.role.unnamed:
                # a state's holders ("Jewish settlers") stay a group; a mission is a body
                kind = p.role.kind if p.role.unnamed in kb.countries() else "organization"
                entities.append(Entity(name=p.role.key, country=p.role.unnamed, sector=sector,
                                       kind=kind))
                continue
            if code is None:
                if not sector:
                    return
                kind = p.role.kind
                if kind == "person":
                    # "a foreign ministry spokesman": someone unnamed who speaks for a state organ
                    kind = "state" if sector in STATE_SECTORS else "group"
                entities.append(Entity(name=p.role.key, country=None, sector=sector, kind=kind))
                continue
            if p.org is not None and kb.organizations()[p.org].code == code:
                base = org_entity(p.org)
            elif code in kb.countries():
                base = country_entity(code)
            else:
                base = Entity(name=code, country=code, kind="organization")
            if p.role.kind == "state" or base.kind != "state":
                entities.append(Entity(name=base.name, country=code, sector=sector,
                                       kind=base.kind))
            else:
                entities.append(Entity(name=f"{base.name} {p.role.key}", country=code,
                                       sector=sector, kind=p.role.kind))
        p.entities = entities
        p.rule = "role-with-country" if codes else "role"
        p.confidence = 0.9 if codes else 0.7

    def _title_to_person(self, p: Phrase) -> None:
        """ "the Russian President" -> the article's one Russian person titled President."""
        country = self._phrase_country(p, [])
        head = kb.norm(self.doc[p.head].lemma_)
        cands = [c for c in self.clusters.values() if c.entity is not None and c.role_key and
                 (c.role_key == p.role_key or c.role_key.endswith(" " + head) or
                  c.role_key == head)]
        if country:
            cands = [c for c in cands if c.entity and c.entity.country == country]
        elif len(p.role_key.split()) == 1 and self.doc[p.start].lower_ != "the":
            return  # a bare "minister" could be anyone's
        if len(cands) == 1 and cands[0].entity is not None:
            p.entities = [cands[0].entity]
            p.rule = "title-of-person"
            p.confidence = 0.8

    # ---- pronouns and sets -------------------------------------------------------------------
    def _compatible(self, q: Phrase, want: str) -> bool:
        if not q.entities:
            return False
        kinds = {e.kind for e in q.entities}
        if want == "person":
            return len(q.entities) == 1 and kinds == {"person"}
        if want == "state":
            return len(q.entities) == 1 and kinds <= {"state", "organization"} and \
                self.doc[q.head].tag_ not in ("NNS", "NNPS") and q.kind != "set"
        if want == "plural":
            return len(q.entities) > 1 or self.doc[q.head].tag_ in ("NNS", "NNPS") or \
                q.kind == "set"
        return True

    def _antecedent(self, p: Phrase, done: list[Phrase], want: str) -> Phrase | None:
        """Salience: a subject before it in its sentence, else the previous sentences' subjects."""
        s = self.sent_of[p.head]
        before = [q for q in done if q.end <= p.start]
        same = [q for q in before if self.sent_of[q.head] == s and self._compatible(q, want)]
        subj = [q for q in same if self.doc[q.head].dep_ in SUBJECT_DEPS]
        if subj:
            return subj[-1]
        if want == "state" and same and self.doc[p.head].dep_ == "poss":
            return same[-1]
        for back in range(1, 4):
            k = s - back
            if k < 0:
                break
            in_sent = [q for q in before if self.sent_of[q.head] == k]
            subj = [q for q in in_sent if self.doc[q.head].dep_ in SUBJECT_DEPS
                    and self._compatible(q, want)]
            if subj:
                return subj[0]
            if want == "plural" and self._unresolved_subject(k, in_sent):
                return None  # "experts said ... They": the focus is something we cannot name
            if want == "person" and back == 1:
                anyp = [q for q in in_sent if self._compatible(q, want)]
                if anyp:
                    return anyp[0]
        return None

    def _unresolved_subject(self, k: int, in_sent: list[Phrase]) -> bool:
        start, end = self.sents[k]
        covered = {i for q in in_sent for i in range(q.start, q.end)}
        for t in self.doc[start:end]:
            if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT" and t.i not in covered and \
                    t.pos_ in ("NOUN", "PROPN"):
                return True
        return False

    def _resolve_pronoun(self, p: Phrase, done: list[Phrase]) -> None:
        low = self.doc[p.head].lower_
        if low in PERSON_PRONOUNS:
            want, conf = "person", 0.7
        elif low in STATE_PRONOUNS:
            want, conf = "state", 0.6
        else:
            want, conf = "plural", 0.5
        if want == "state" and low != "its" and self.doc[p.head].dep_ not in SUBJECT_DEPS:
            return  # object "it" is mostly a thing or a clause, rarely a state
        ante = self._antecedent(p, done, want)
        if ante is not None:
            p.entities = list(ante.entities)
            p.rule = f"pronoun-{want}"
            p.confidence = conf

    def _resolve_set(self, p: Phrase, done: list[Phrase]) -> None:
        """ "the two", "both countries", "the pair": the two most salient distinct actors."""
        unit = p.role_key or "any"
        s = self.sent_of[p.head]
        before = [q for q in done if q.end <= p.start]
        order: list[Phrase] = [q for q in before if self.sent_of[q.head] == s]
        for back in range(1, 3):
            in_sent = [q for q in before if self.sent_of[q.head] == s - back]
            order += [q for q in in_sent if self.doc[q.head].dep_ in SUBJECT_DEPS]
            order += [q for q in in_sent if self.doc[q.head].dep_ not in SUBJECT_DEPS]
        picked: list[Entity] = []
        for q in order:
            for e in q.entities:
                if not e.country or e.country in ("IGO", "NGO"):
                    continue
                if unit == "person" and e.kind != "person":
                    continue
                if any(x.country == e.country for x in picked):
                    continue
                picked.append(e)
                if len(picked) == 2:
                    break
            if len(picked) == 2:
                break
        if len(picked) < 2:
            return
        if unit == "person" or (unit == "any" and all(e.kind == "person" for e in picked)):
            p.entities = picked
        else:
            sector = {"mil": "MIL", "gov": "GOV"}.get(unit)
            p.entities = [country_entity(e.country or "", sector) for e in picked]
        p.rule = "set-of-two"
        p.confidence = 0.6

    def _mention(self, p: Phrase) -> Mention:
        doc = self.doc
        span = doc[p.start:p.end]
        return Mention(start=p.start, end=p.end, head=p.head, text=span.text,
                       char_start=span.start_char, char_end=span.end_char,
                       entities=p.entities, rule=p.rule, confidence=p.confidence)

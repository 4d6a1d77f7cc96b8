"""Who acts and who it is done to, read off the dependency parse.

Actor: the subject of the trigger's clause (inherited through "to"-complements, conjoined verbs and
relative clauses), or the passive agent ("was rejected by Kyiv"). Recipient: the object, the
passive subject, or the object of a "with/to/against/on/at" phrase; when the object is not itself
an actor ("praised China's ties with Moscow") the actors inside it are used. Coordinations give
several arguments ("Kyiv and its Western allies").
"""

from __future__ import annotations

from spacy.tokens import Token

from herald.events.modality import cues
from herald.model import Argument, Document, Entity, Mention

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
RECIPIENT_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "upon", "into", "onto", "from", "over", "for")
# Prepositions that introduce a recipient for any trigger; the others only when no object exists.
STRONG_PREPS = ("with", "against", "on", "toward", "towards", "upon", "to", "alongside")
NOUN_ACTOR_PREPS = ("by",)
# "During a meeting with Putin, Li praised ...": the clause's subject took part in the meeting.
TEMPORAL_PREPS = ("during", "after", "before", "at", "following", "in", "since", "ahead")
NOUN_RECIPIENT_PREPS = ("with", "against", "on", "of", "to", "toward", "towards", "upon", "into", "for")


def mention_of(document: Document, token: Token) -> Mention | None:
    m = document.mention_at.get(token.i)
    if m is not None and m.head == token.i:
        return m
    # A mention whose head is inside a larger noun phrase headed by this token ("the plan of X" no;
    # "President Putin" yes): accept the mention covering the token.
    return m


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def arguments_at(document: Document, token: Token) -> list[Argument]:
    """Actor arguments for a noun-phrase head and its conjuncts (each needs a mention)."""
    args: list[Argument] = []
    for t in _with_conjuncts(token):
        m = mention_of(document, t)
        if m is not None and m.entities:
            args.append(Argument(text=m.text, entities=list(m.entities), token=t.i))
    return args


def arguments_inside(document: Document, token: Token, exclude: set[str]) -> list[Argument]:
    """Actors named inside a noun phrase that is not itself an actor.

    "praised China's strong ties with Moscow" has the object "ties"; the recipient is Moscow (China
    is the actor's own side and is excluded by country).
    """
    found: list[Argument] = []
    seen: set[int] = set()
    for t in token.subtree:
        if t.i == token.i:
            continue
        m = document.mention_at.get(t.i)
        if m is None or id(m) in seen or not m.entities:
            continue
        # Only phrases closely tied to the head: possessor, modifiers and with/between phrases.
        path_ok = True
        a = t
        depth = 0
        while a.i != token.i and depth < 4:
            if a.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp") :
                path_ok = False
                break
            a = a.head
            depth += 1
        if not path_ok or depth >= 4:
            continue
        seen.add(id(m))
        ents = [e for e in m.entities if (e.country, e.sector) not in exclude and e.country not in exclude]
        if ents:
            found.append(Argument(text=m.text, entities=ents, token=t.i))
    return found


def clause_subject(token: Token) -> Token | None:
    """The subject of a verb, inherited through xcomp, conj, advcl-participles and relative clauses."""
    t = token
    for _ in range(6):
        for c in t.children:
            if c.dep_ in SUBJECT_DEPS:
                return c
        if t.dep_ in ("xcomp", "conj", "acomp") and t.head.i != t.i:
            # "pledged to bolster", "met and agreed", "is willing to work with"
            t = t.head
            continue
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ == "advcl" and t.tag_ in ("VBG", "VBN"):  # "..., saying it was opposed"
            t = t.head
            continue
        if t.dep_ == "acl" and t.tag_ == "VBG":  # "officials, calling for calm"
            return t.head
        break
    return None


def passive_agent(token: Token) -> Token | None:
    for c in token.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for c in token.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(c)
    return out


def _countries(args: list[Argument]) -> set[str]:
    return {e.country for a in args for e in a.entities if e.country}


def verb_arguments(document: Document, verb: Token) -> tuple[list[Argument], list[Argument], str]:
    """(actor, recipient, how) for a verb trigger."""
    how = []
    actor: list[Argument] = []
    recipient: list[Argument] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        agent = passive_agent(verb)
        if agent is not None:
            actor = arguments_at(document, agent)
            how.append("passive-agent")
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                recipient = arguments_at(document, c) or arguments_inside(document, c, _countries(actor))
                how.append("passive-subject")
    else:
        subj = clause_subject(verb)
        if subj is not None:
            actor = arguments_at(document, subj)
            if actor:
                how.append("subject")
        # a participle modifying a noun: "troops loyal to X, backed by Y" -> acl's head is the patient
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            agent = passive_agent(verb)
            if agent is not None:
                actor = arguments_at(document, agent)
                recipient = arguments_at(document, verb.head)
                how = ["participle"]
                return actor, recipient, ",".join(how)
        for c in verb.children:
            if c.dep_ in ("dobj", "obj", "dative") and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X", "ADJ"):
                recipient = arguments_at(document, c)
                if recipient:
                    how.append("object")
                else:
                    # prepositional recipients of the object noun: "provide assistance to Moscow"
                    inner = _prep_objects(c, STRONG_PREPS)
                    for p in inner:
                        recipient += arguments_at(document, p)
                    if recipient:
                        how.append("object-phrase")
                    else:
                        recipient = arguments_inside(document, c, _countries(actor))
                        if recipient:
                            how.append("inside-object")
                break
    if not recipient:
        for p in _prep_objects(verb, STRONG_PREPS):
            recipient += arguments_at(document, p)
        if recipient:
            how.append("prep-phrase")
    return actor, recipient, ",".join(how)


def _town(document: Document, tok: Token) -> bool:
    """True when a token is in the name of a town or local place (not a country or region)."""
    return any(p.start <= tok.i < p.end and p.kind not in ("country", "region")
               for p in document.places)


def noun_arguments(document: Document, noun: Token, light_verb: Token | None,
                   violent: bool = False) -> tuple[list[Argument], list[Argument], str]:
    """(actor, recipient, how) for an event-noun trigger. For a ``violent`` noun a town's name
    before it says where, not who: "the Manchester bombing", "the Kabul attack"."""
    how = []
    actor: list[Argument] = []
    recipient: list[Argument] = []
    situation = noun.lemma_.lower() in cues("situation_noun")
    mods = [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i]
    # "the Salisbury nerve agent attack": a town among the noun modifiers makes them a place
    placed = violent and any(_town(document, t) for c in mods for t in c.subtree)
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i:
            if situation and c.dep_ != "poss":
                continue  # "the Ukraine war" is where the war is, not who wages it
            if placed and c.dep_ in ("compound", "nmod"):
                continue
            actor += arguments_at(document, c)
    if actor:
        how.append("possessor")
    if not actor:
        for p in _prep_objects(noun, NOUN_ACTOR_PREPS):
            actor += arguments_at(document, p)
        if actor:
            how.append("by-phrase")
    between = _prep_objects(noun, ("between", "among"))
    if between and not actor:
        parts = []
        for b in between:
            parts += arguments_at(document, b)
        if len(parts) >= 2:
            how.append("between")
            return parts, [], ",".join(how)
        # "between the two countries": one mention standing for two entities
        if len(parts) == 1 and len(parts[0].entities) >= 2:
            how.append("between")
            return parts, [], ",".join(how)
    if light_verb is not None and not actor:
        subj = clause_subject(light_verb)
        if subj is not None:
            actor = arguments_at(document, subj)
            if actor:
                how.append("light-verb-subject")
    if not actor and noun.dep_ == "pobj" and noun.head.lower_ in TEMPORAL_PREPS:
        clause = noun.head.head
        if clause.pos_ in ("VERB", "AUX"):
            subj = clause_subject(clause)
            if subj is not None:
                actor = arguments_at(document, subj)
                if actor:
                    how.append("clause-subject")
    for p in _prep_objects(noun, NOUN_RECIPIENT_PREPS):
        recipient += arguments_at(document, p)
    if not recipient and light_verb is not None:
        for p in _prep_objects(light_verb, STRONG_PREPS):
            recipient += arguments_at(document, p)
    if recipient:
        how.append("noun-phrase")
    return actor, recipient, ",".join(how)


def split_mutual(actor: list[Argument], recipient: list[Argument]) -> list[tuple[list[Argument], list[Argument]]]:
    """A group acting with no recipient ("the two pledged", "talks between A and B") is a pair of
    directed events, one each way, so that dyad series see both directions."""
    if recipient:
        return [(actor, recipient)]
    members: list[tuple[Argument, Entity]] = [(a, e) for a in actor for e in a.entities]
    countries = {e.country for _, e in members}
    if len(members) < 2 or len(countries) < 2:
        return [(actor, recipient)]
    pairs = []
    for i, (a1, e1) in enumerate(members):
        others = [
            Argument(text=a2.text, entities=[e2], token=a2.token)
            for j, (a2, e2) in enumerate(members)
            if j != i and e2.country != e1.country
        ]
        pairs.append(([Argument(text=a1.text, entities=[e1], token=a1.token)], others))
    return pairs

"""The relation between two given spans of a sentence: which PLOVER event links source to target.

``classify(sentence, source_span, target_span)`` answers the PLV task (Hu et al. 2024) and serves
record validation: given who acts and on whom, which event does the sentence say happened?

How: the sentence is parsed; every token the trigger lexicon knows is a candidate trigger; the
candidate on the dependency path between the source and the target is the strongest cue, and
among those on the path the one highest in the clause governs the ones below it ("threatened to
impose sanctions" is THREATEN, "agreed to lift sanctions" is not SANCTION). A few frames override
the lexicon where the path says more than the word ("refused to meet" is REJECT). A small learned
model (``model.py``; weights shipped in ``lexicon/relation_model.npz``) re-ranks the types using
the rule's answer and the words around the path, and decides alone when no trigger is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from herald.events import modality
from herald.events.lexicon import TriggerRule, load_triggers
from herald.events.triggers import lookup_noun, lookup_verb

FRAMES_FILE = Path(__file__).parent / "lexicon" / "frames.tsv"


@lru_cache(maxsize=1)
def _frames() -> dict[str, frozenset[str]]:
    """Word lists of the frames below (``lexicon/frames.tsv``: kind <tab> lemmas)."""
    table: dict[str, set[str]] = {}
    for line in FRAMES_FILE.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, words = line.split("\t", 1)
            table.setdefault(kind.strip(), set()).update(w for w in words.strip().split("|") if w)
    return {k: frozenset(v) for k, v in table.items()}


def frame_words(kind: str) -> frozenset[str]:
    return _frames().get(kind, frozenset())


@dataclass(frozen=True)
class Relation:
    """The event between a source and a target, as a rule or the model named it."""

    event: str | None  # PLOVER type, or None when the sentence names no event between them
    mode: str | None
    negated: bool
    confidence: float
    evidence: str
    trigger: str = ""  # the trigger words as written ("" when none)
    cameo: str = ""  # the CAMEO code of the lexicon row, when a rule decided
    final: bool = False  # the rules' answer stands: a statement about an event is no event


@dataclass
class Candidate:
    token: Token
    rule: TriggerRule
    place: str  # "path" | "above" | "under" | "other"
    depth: int  # distance from the top of the path (0 = the lowest common ancestor)


def _span_head(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens covering characters [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def span_token_ids(doc: Doc, span: tuple[int, int] | None) -> set[int]:
    """Indices of the tokens covering a character span (empty for none or an empty span)."""
    if not span or span[1] <= span[0]:
        return set()
    s = doc.char_span(span[0], span[1], alignment_mode="expand")
    return {t.i for t in s} if s is not None else set()


@lru_cache(maxsize=1)
def _carriers() -> frozenset[str]:
    """Verbs whose event-noun object carries the event: the lexicon's light verbs and verbs of
    expression ("offered criticism", "voiced support", "conveyed its solidarity")."""
    return load_triggers().light_verbs() | {"offer", "express", "voice", "convey"}


def _rule_for(tok: Token) -> TriggerRule | None:
    """The lexicon row of a token, reading it as a verb or a noun by its tag, then the other way
    (the tagger often takes "attacks", "accuses" or "protests" for the other part of speech)."""
    if tok.pos_ in ("VERB", "AUX"):
        first, second = lookup_verb, lookup_noun
    elif tok.pos_ in ("NOUN", "PROPN"):
        if tok.ent_type_ in ("DATE", "PERSON", "GPE", "NORP", "ORG", "LOC", "FAC"):
            return None
        first, second = lookup_noun, lookup_verb
    else:
        return None
    # a word in a noun's place is a noun whatever its tag ("the rebels took the town"), save a
    # gerund ("shelling continued overnight")
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ in NOUN_PLACES and tok.tag_ != "VBG":
        return lookup_noun(tok)
    rule = first(tok)
    # nouns of things are not read as their verbs: "seized 12 guns", "a fire broke out"
    if rule is None and not (second is lookup_verb and tok.lemma_.lower() in frame_words("thing_noun")):
        rule = second(tok)
    return rule


# Dependencies that only a noun phrase fills.
NOUN_PLACES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss"})


def _ancestors_to(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def candidates(sent: Span, src: Token, tgt: Token, inside: frozenset[int] = frozenset(),
               dyad: bool = False) -> list[Candidate]:
    """Trigger candidates of a sentence, placed relative to the source-target path. Words
    inside the marked spans (``inside``: "U.S.-backed fighters") describe the parties, and a noun
    that only modifies an event noun ("war games") yields to it. Between two given parties
    (``dyad``), an act in an adjunct of occasion or cause ("after the bombings") is background
    and ranks last; a sentence's own main event may well be told there ("were injured after
    police dispersed the march")."""
    up_s, up_t = _ancestors_to(src), _ancestors_to(tgt)
    on_t = {t.i for t in up_t}
    lca = next((t for t in up_s if t.i in on_t), None)
    path: dict[int, int] = {}
    if lca is not None:
        for chain in (up_s, up_t):
            for t in chain:
                path[t.i] = min(path.get(t.i, 99), _depth(t, lca))
                if t.i == lca.i:
                    break
    above = {t.i for t in _ancestors_to(lca)[1:]} if lca is not None else set()
    lex = load_triggers().lemmas()
    out: list[Candidate] = []
    for tok in sent:
        if tok.lemma_.lower() not in lex:
            continue
        if tok.i in (src.i, tgt.i) and tok.pos_ != "VERB":
            continue
        if tok.i in inside and tok.i not in (src.i, tgt.i):
            continue
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in lex and _rule_for(tok.head):
            continue
        if tok.dep_ == "amod" and tok.lemma_.lower() in frame_words("hedge_modifier"):
            continue  # "the alleged violations": said of the noun, no act of accusing
        if tok.i not in path and _attribute(tok):
            continue
        rule = _rule_for(tok)
        if rule is None or rule.blocks:
            continue
        if tok.i in path:
            out.append(Candidate(tok, rule, "path", path[tok.i]))
        elif tok.i in above:
            out.append(Candidate(tok, rule, "above", -_depth(lca, tok) if lca is not None else 0))
        elif lca is not None and lca.is_ancestor(tok) and not (dyad and _background(tok, lca)):
            out.append(Candidate(tok, rule, "under", _depth(tok, lca)))
        else:
            out.append(Candidate(tok, rule, "other", 50 + min(abs(tok.i - tgt.i), abs(tok.i - src.i))))
    return out


def _attribute(tok: Token) -> bool:
    """True when a participle describes a noun rather than tells an act: "Turkish-backed
    militants", "the internationally recognised government", "the occupied city", "a banned
    nerve agent", "fighters allied with the government", "a group linked to al-Qaeda"."""
    if tok.tag_ != "VBN":
        return False
    if tok.dep_ == "amod":
        return True
    # "a man accused of murder", "militants suspected of the bombing": a hedge, as "alleged"
    return tok.dep_ == "acl" and tok.lemma_.lower() in (
        frame_words("affiliation_verb") | frame_words("hedge_modifier"))


# Adjuncts that give an act's occasion or cause, not the act: "after the bombings that killed
# 250", "following an investigation", "in the face of protests", "because he had attacked".
BACKGROUND_PREPS = frozenset({"after", "following", "before", "since", "amid", "despite"})
BACKGROUND_MARKS = frozenset({"after", "before", "since", "because", "although", "though"})


def _background(tok: Token, top: Token) -> bool:
    """True when a word below ``top`` sits in an adjunct of occasion or cause."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in BACKGROUND_PREPS:
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS
                                     for c in t.children):
            return True
        t = t.head
    return False


def _depth(tok: Token, top: Token) -> int:
    d = 0
    while tok.i != top.i and tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


PLACE_RANK = {"path": 0, "above": 1, "under": 2, "other": 3}


def choose(cands: list[Candidate]) -> Candidate | None:
    """The governing candidate: on the path before above the path before under it; verbs before
    nouns; highest in the clause first, except that aspect and reporting verbs pass down."""
    if not cands:
        return None

    def key(c: Candidate) -> tuple[int, int, int, int]:
        # the object of a verb on the path ranks as a verb: in "filed a complaint with the
        # council, demanding accountability" the complaint, not the participle, is the act
        # and so does the event noun of a light verb at any depth ("said it will give Tanzania a
        # grant to finance projects": the grant is the act, the financing its purpose), and the
        # subject of a verb that is no trigger itself: in "violent protests erupted ahead of
        # marches that were called" the protests are the event
        verb = c.token.pos_ in ("VERB", "AUX") or (
            c.place == "under" and c.token.dep_ in ("dobj", "obj") and (
                c.depth == 1 or c.token.head.lemma_.lower() in _carriers())) or (
            c.place == "under" and c.depth == 1 and _event_subject(c.token)) or (
            c.place == "under" and c.depth == 2 and _cause(c.token))
        return (PLACE_RANK[c.place], 0 if verb else 1, c.depth, c.token.i)

    best = min(cands, key=key)
    # an event noun on the path that governs the chosen verb names the dyad's relation: in
    # "launched an investigation into claims that two servicemen abused children" the police
    # investigate; the abuse is only what the claims say
    if best.place == "path" and best.token.pos_ in ("VERB", "AUX"):
        verb = best.token
        # the noun itself, or the object of a verb above the chosen one, when the clause hangs
        # from that verb ("opened an inquiry | into reports that ...")
        over = [c for c in cands if c.token.pos_ == "NOUN" and c.rule.event in GOVERNING_NOUN_EVENTS
                and (c.place == "path" and c.token.is_ancestor(verb)
                     or c.token.dep_ in ("dobj", "obj") and c.token.head.is_ancestor(verb))]
        if over:
            best = min(over, key=key)
    return best


def _cause(tok: Token) -> bool:
    """True when an event noun says how its clause's verb came about: "were injured in a
    grenade blast", "killed during clashes", "destroyed by shelling"."""
    return (tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "by")
            and tok.head.dep_ in ("prep", "agent"))


# Subordinators of a clause that tells how a harm came about at that moment.
CAUSE_MARKS = frozenset({"when", "as", "while"})


def _harm_cause(cands: list[Candidate], best: Candidate) -> Candidate:
    """The violent act of a same-moment clause that caused a harm told in the passive with no
    doer: "two soldiers were killed when a roadside bomb exploded", "a man was killed as
    villagers clashed" are the bombing and the clash. Otherwise ``best`` itself."""
    verb = best.token
    deps = {c.dep_ for c in verb.children}
    if (best.rule.event != "ASSAULT" or verb.lemma_.lower() not in frame_words("harm_word")
            or not deps & {"auxpass", "nsubjpass"} or "agent" in deps):
        return best
    for c in cands:
        t = c.token
        if c.rule.event == "ASSAULT" and t.dep_ == "advcl" and t.head.i == verb.i and any(
                m.dep_ == "mark" and m.lower_ in CAUSE_MARKS for m in t.children):
            return c
    return best


def _event_subject(tok: Token) -> bool:
    """True when an event noun is the subject of its verb as an event ("violent protests
    erupted", "the attack was fended off"), not a party that acts or speaks ("protesters were
    injured", "the alliance claims") nor an event denied ("no arrests were made")."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lemma_.lower() in frame_words("rioting_crowd"):
        return False
    if tok.head.lemma_.lower() in modality.cues("speech"):
        return False
    return not any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


# Event nouns whose complement clause is what they are about, not an act of theirs: an
# investigation into, accusations of, a demand for, a denial of what the clause says.
GOVERNING_NOUN_EVENTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN"})


def refusal_frame(tok: Token) -> Token | None:
    """The refusing verb that governs a trigger through a to-complement, if any."""
    t = tok
    for _ in range(3):
        if t.dep_ in ("xcomp", "ccomp") and t.head.i != t.i:
            t = t.head
            if t.lemma_.lower() in frame_words("refusal_verb"):
                return t
        elif t.dep_ == "acl" and t.head.lemma_.lower() in REFUSAL_NOUNS:
            return t.head  # "Cuba's refusal to engage with Bogota"
        else:
            break
    return None


# Nouns of refusing whose to-infinitive names what is refused.
REFUSAL_NOUNS = frozenset({"refusal", "rejection", "unwillingness", "reluctance"})


# Cooperative and appeal types whose negation is a refusal: "will not lift the embargo",
# "failed to reach agreement", "did not meet" (PLOVER codes refusals as REJECT).
NEGATED_TO_REJECT = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
})

# What refusing each cooperative act is in CAMEO's 12x (mode, code): "will not begin talks" 125.
REFUSED: dict[str, tuple[str | None, str]] = {
    "CONSULT": ("meet", "125"), "COOPERATE": ("assist", "121"), "AID": ("assist", "121"),
    "CONCEDE": ("yield", "124"), "RETREAT": ("yield", "124"), "AGREE": (None, "120"),
    "SUPPORT": (None, "120"), "REQUEST": (None, "120"),
}

# Cooperative acts that a future or willing frame turns into a promise to act (CAMEO 03x,
# "express intent to ..."): "is willing to withdraw its troops", "said it will release the
# hostages", "will meet". PLOVER codes such promises as AGREE.
INTENT_CODES = {"AID": "033", "RETREAT": "035", "CONCEDE": "035", "COOPERATE": "031",
                "CONSULT": "036"}
# Codes of other types whose announcement is a promise all the same: "will sign the agreement" is
# PLOVER's "promise to sign a treaty" (AGREE), while "will support" stays a statement of support.
INTENT_BY_CODE = {"057": "030"}
# Conflictual acts announced for the future are threats (CAMEO 13x), as promised cooperative
# acts are intents (03x): "said they will boycott the vote" 133, "will extend the curfew" 1323,
# "vowed to fight" 138. Keyed by (type, mode); a mode not listed takes the (type, None) row.
THREAT_CODES: dict[tuple[str, str | None], tuple[str | None, str]] = {
    ("PROTEST", None): (None, "133"),
    ("SANCTION", None): ("restrict", "1312"),
    ("SANCTION", "withdraw"): ("relations", "1313"),
    ("SANCTION", "discontinue"): ("relations", "1313"),
    ("SANCTION", "expel"): ("expel", "136"),
    ("COERCE", None): ("restrict", "132"),
    ("COERCE", "curfew"): ("restrict", "1323"),
    ("COERCE", "martial-law"): ("restrict", "1324"),
    ("COERCE", "arrest"): ("arrest", "137"),
    ("COERCE", "seize"): ("territory", "1382"),
    ("ASSAULT", None): ("violence", "138"),
}
# Threats whose CAMEO code is finer than their (type, mode): sanctions (163, COERCE/restrict as
# in the PLOVER CAMEO table) are threatened as 1312, not as a general restriction (132).
THREAT_BY_CODE: dict[str, tuple[str | None, str]] = {"163": ("restrict", "1312")}


def _threatened(tok: Token) -> bool:
    """True when a trigger is announced for the future by a future auxiliary or a governor of
    intent ("will boycott", "vowed to fight"), not merely attempted or decided. An event noun
    takes the tense of the verb it is the object of ("will extend the curfew")."""
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") and tok.head.pos_ in ("VERB", "AUX"):
        tok = tok.head
    if _conditional(tok):
        return True
    if modality.modality(tok) != "future":
        return False
    governor = _nearest_governor(tok)
    return governor is None or governor in frame_words("threat_governor")


def _nearest_governor(tok: Token) -> str | None:
    """The lemma of the nearest governor of intent above a trigger ("vowed to", "decided to")."""
    for t in modality.governing_chain(tok):
        lemma = t.lemma_.lower()
        if lemma in modality.cues("future_governor"):
            return lemma
    return None


# Modals of an act held out for later and subordinators of the condition it hangs on.
THREAT_MODALS = frozenset({"will", "would", "may", "might", "could", "'ll", "wo"})
THREAT_CONDITIONS = frozenset({"if", "unless"})


def _conditional(verb: Token) -> bool:
    """True when a modal act is made to hang on a condition ("may halt mediation if the talks
    founder", "will impose sanctions unless Iran complies"): CAMEO's definition of a threat."""
    return (any(c.dep_ == "aux" and c.lower_ in THREAT_MODALS for c in verb.children)
            and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in THREAT_CONDITIONS
                                              for m in c.children) for c in verb.children))


# Governors that make their complement a decision taken, not a promise: "has decided to lift
# the sanctions" is the easing (085), "pledged to lift" an intent (035).
DECISION_GOVERNORS = frozenset({"decide", "resolve"})


def _decided(tok: Token) -> bool:
    """True when the nearest governor of intent above a trigger is a decision."""
    return _nearest_governor(tok) in DECISION_GOVERNORS


def _protest_purpose(cands: list[Candidate], verb: Token) -> Candidate | None:
    """The protest whose to-clause of purpose a verbal trigger is: "staged demonstrations to
    demand reforms", "began a hunger strike to protest the ban" are protests (CAMEO 14x)."""
    if verb.dep_ not in ("advcl", "xcomp") or verb.head.i == verb.i:
        return None
    if not modality.to_infinitive(verb):
        return None
    head = verb.head
    for c in cands:
        # "staged demonstrations to demand", "took part in marches to call for"
        tok = c.token
        if c.rule.event == "PROTEST" and (
                tok.i == head.i or (tok.head.i == head.i and tok.dep_ in ("dobj", "obj"))
                or (tok.dep_ == "pobj" and tok.head.head.i == head.i)):
            return c
    return None


# Troops sent, deployed or arriving as peacekeepers are CAMEO 074 (provide peacekeeping), AID in
# PLOVER, not a mobilisation or a visit: "sent 200 troops to serve as a peacekeeping force".
PEACEKEEPING_FROM = frozenset({("MOBILIZE", "troops"), ("MOBILIZE", None), ("MOBILIZE", "militia"),
                               ("CONSULT", "visit")})
# Clauses below a trigger that tell of other events ("after the peacekeepers left").
_OTHER_CLAUSE = frozenset({"relcl", "ccomp", "conj", "parataxis", "acl"})


def _peacekeeping(tok: Token) -> bool:
    """True when a peacekeeping word is in the trigger's own clause (its arguments and its
    purpose, not its relative, reported or conjoined clauses or "after ..." adverbials)."""
    words = frame_words("peacekeeping_word")
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") and tok.head.pos_ == "VERB":
        tok = tok.head
    todo = [tok]
    while todo:
        t = todo.pop()
        if t.lemma_.lower() in words:
            return True
        for c in t.children:
            if c.dep_ in _OTHER_CLAUSE or (
                    c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children)):
                continue
            todo.append(c)
    return False


# Verbal acts that a crowd in the street performs by demonstrating.
CROWD_ACTS = frozenset({"REQUEST", "ACCUSE", "REJECT"})


def _crowd_act(tok: Token, crowd: frozenset[str] | None = None) -> bool:
    """True when a verb's doer is a crowd: "protesters demanded", "demonstrations demanding"."""
    crowd = frame_words("crowd_noun") if crowd is None else crowd
    # "demonstrations demanding reforms"; in "protesters detained by police" the crowd is done to
    if tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in crowd:
        return tok.tag_ != "VBN"
    t = tok
    for _ in range(3):
        subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            # "was set ablaze by an angry mob": a passive's agent is its doer
            doers = [subject, *(g for c in t.children if c.dep_ == "agent"
                                for g in c.children if g.dep_ == "pobj")]
            # "thousands of protesters", "a vigilante group"
            inner = [g for c in doers for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj"]
            inner += [m for c in (*doers, *inner) for m in c.children if m.dep_ == "compound"]
            return any(x.lemma_.lower() in crowd for x in (*doers, *inner))
        if t.dep_ not in ("xcomp", "conj", "advcl") or t.head.i == t.i:
            break
        t = t.head
    return False


# Where a violent act names its means: its doer ("suicide bombers killed"), its instrument or
# cause ("killed in a car bomb explosion", "armed with machetes", "with rockets").
_MEANS_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "prep", "pobj", "compound", "amod",
                         "acl", "npadvmod"})


def instrument(tok: Token) -> TriggerRule | None:
    """The ASSAULT row that the means of a generic attack selects, read off the lexicon's rows
    for the noun "attack" ("bomb attack" → explosives 183, "machete attack" → primitive 180):
    "a roadside bombing killed two soldiers" is CAMEO 1833, not plain force (190)."""
    words: set[str] = set()
    todo = [c for c in tok.children if c.dep_ in _MEANS_DEPS]
    seen = 0
    while todo and seen < 40:
        t = todo.pop()
        seen += 1
        words.add(t.lemma_.lower())
        todo.extend(c for c in t.children if c.dep_ in _MEANS_DEPS)
    if not words:
        return None
    row = load_triggers().lookup("attack", "N", frozenset(), words)
    if row is None or row.blocks or row.event != "ASSAULT" or not row.mode:
        return None
    return row


# Nouns for an unorganised band of people: "a group of Turks", "a band of youths".
GROUP_NOUNS = frozenset({"group", "band"})


def _people_group(verb: Token) -> bool:
    """True when a verb's doer is a band of people named by nationality or faith only ("a
    group of Turks attacked a rally"): a mob, not an armed force ("a group of gunmen")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in GROUP_NOUNS:
        return False
    if any(m.lower_ == "armed" for m in subject.subtree):
        return False
    members = [g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
               for g in p.children if g.dep_ == "pobj"]
    return bool(members) and all(m.ent_type_ == "NORP" and m.pos_ == "PROPN" for m in members)


def _riot(tok: Token) -> bool:
    """True when the violence is a crowd's: "protesters clashed with police", "a mob lynched a
    man", "clashes between police and protesters" are riots (CAMEO 145), not military force."""
    crowd = frame_words("rioting_crowd")
    if tok.pos_ == "VERB":
        return _crowd_act(tok, crowd) or _people_group(tok)
    # "clashes broke out between police and protesters": the sides hang on the verb
    sides_of = [tok, tok.head] if tok.dep_ == "nsubj" else [tok]
    for prep in (c for t in sides_of for c in t.children):
        if prep.dep_ == "prep" and prep.lower_ == "between":
            sides = [g for g in prep.children if g.dep_ == "pobj"]
            sides += [c for g in sides for c in g.conjuncts]
            return any(x.lemma_.lower() in crowd for x in sides)
    return False


def _aimed_against(trigger: Token, target: Token) -> bool:
    """True when the target hangs below the trigger through "against": "called for sanctions
    against Moscow" asks others to act *against* Moscow, which is not a request to Moscow."""
    t = target
    for _ in range(6):
        if t.i == trigger.i or t.head.i == t.i:
            return False
        if t.dep_ == "prep" and t.lower_ == "against":
            return True
        t = t.head
    return False


def _purpose(cands: list[Candidate], verb: Token) -> Candidate | None:
    """A verb trigger in the to-clause of purpose of a phone call ("called him to offer
    support"), when it names a different event type than consulting."""
    light = _carriers()
    for t in verb.children:
        if not (t.dep_ in ("advcl", "xcomp") and t.pos_ == "VERB" and modality.to_infinitive(t)):
            continue
        # "called him to express support": the light verb's event noun is the purpose
        nouns = [c for c in cands if c.token.head.i == t.i and c.token.dep_ in ("dobj", "obj")]
        own = [c for c in cands if c.token.i == t.i]
        for c in (nouns if t.lemma_.lower() in light else []) + own:
            if c.rule.event != "CONSULT":
                return c
    return None


# Verbs of sending people on a mission, whose purpose clause can name the act.
SENDING_VERBS = frozenset({"send", "dispatch"})


# Modals that put a duty on their subject: "said Israel must end the attacks" is a demand.
OBLIGATION_AUX = frozenset({"must", "should"})
# What demanding each act is in CAMEO's 10x (mode, code).
DEMANDED: dict[str, tuple[str | None, str]] = {
    "AID": ("assist", "103"), "COOPERATE": ("assist", "101"), "SUPPORT": ("assist", "102"),
    "CONSULT": ("meet", "106"), "RETREAT": ("yield", "105"), "CONCEDE": ("yield", "105"),
}


# Predicates that lay the blame on their subject: "said the rebels were responsible", "were
# behind the bombing", "are to blame".
BLAME_WORDS = frozenset({"responsible", "culpable", "accountable", "guilty", "behind", "blame"})


# Dependencies of a word that only modifies the noun it hangs from.
NP_MODIFIERS = frozenset({"compound", "nmod", "amod"})
# Verbs of a finding that, like speech verbs, can lay a duty on someone: "the forum concluded
# that rich nations must pay", "the court ruled that the ministry should reinstate him".
FINDING_VERBS = frozenset({"conclude", "rule"})


def _reported_by(verb: Token, src: Token) -> bool:
    """True when ``verb`` is the clausal complement of a speech verb whose subject is ``src``."""
    speech = verb.head if verb.dep_ == "ccomp" else None
    if speech is None or speech.lemma_.lower() not in modality.cues("speech") | FINDING_VERBS:
        return False
    return src in [c for c in speech.children if c.dep_ == "nsubj"]


def _blame(src: Token, tgt: Token) -> Token | None:
    """The blaming word of "<source> said <target> was responsible for / behind ...": an
    accusation (CAMEO 112). None when the sentence has no such frame."""
    if src.i == tgt.i or tgt.dep_ != "nsubj" or tgt.head.lemma_ != "be":
        return None
    verb = tgt.head
    for c in verb.children:
        word = c.lower_ if c.dep_ == "prep" else c.lemma_.lower()
        if c.dep_ in ("acomp", "prep", "xcomp") and word in BLAME_WORDS:
            return c if _reported_by(verb, src) else None
    return None


def _stated_duty(root: Token) -> Token | None:
    """The verb of a duty that a sentence's main clause lays on someone without a speech verb:
    "the forum concluded that rich nations must allocate more", "issued a reminder to Iraq that
    it must cooperate" are demands (CAMEO 10). "must have known" is a guess, not a duty."""
    clauses = [c for c in root.children if c.dep_ == "ccomp"]
    clauses += [g for c in root.children if c.dep_ in ("dobj", "obj")
                for g in c.children if g.dep_ in ("acl", "ccomp")]
    for verb in clauses:
        if _duty(verb) and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return verb
    return None


# Verbs of wishing: "<X> wants <Y> to <act>" asks Y to act (a CAMEO 02 appeal), whatever the act.
WISH_VERBS = frozenset({"want", "wish"})
# What appealing for each act is in CAMEO's 02x (mode, code).
APPEALED: dict[str, tuple[str | None, str]] = {
    "AID": ("assist", "023"), "COOPERATE": ("assist", "021"), "SUPPORT": ("assist", "022"),
    "CONSULT": ("meet", "026"), "RETREAT": ("yield", "025"), "CONCEDE": ("yield", "025"),
}


def _wished_act(root: Token) -> Token | None:
    """The verb of "<X> wants <Y> to <verb>" in a sentence's main or reported clause: what X asks
    of Y ("the US wants China to release the journalists" is an appeal, not a release)."""
    for want in (root, *(c for c in root.children if c.dep_ == "ccomp")):
        if want.lemma_.lower() not in WISH_VERBS:
            continue
        wisher = next((c for c in want.children if c.dep_ == "nsubj"), None)
        for verb in want.children:
            if verb.dep_ not in ("ccomp", "xcomp") or verb.pos_ != "VERB":
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if wisher is not None and subject is not None and subject.i != wisher.i \
                    and modality.to_infinitive(verb):
                return verb
    return None


def demand_frame(verb: Token) -> tuple[Token, Token] | None:
    """(speaker, addressee) when a verb is the duty of "<speaker> said <addressee> must/should
    <verb>": a demand (CAMEO 10) of the speaker's, not the addressee's act. None otherwise."""
    said = _reported_pair(verb.head) if verb.dep_ == "ccomp" else None
    if said is None or _obligation(*said) is None or said[1].head.i != verb.i:
        return None
    return said


def blame_frame(verb: Token) -> tuple[Token, Token, Token] | None:
    """(speaker, blamed, blaming word) when a verb is the "was" of "<speaker> said <blamed> was
    responsible for / behind ...": an accusation (CAMEO 112). None otherwise."""
    said = _reported_pair(verb.head) if verb.dep_ == "ccomp" else None
    if said is None or said[1].head.i != verb.i:
        return None
    word = _blame(*said)
    return (*said, word) if word is not None else None


def _obligation(src: Token, tgt: Token) -> Token | None:
    """The verb of "<source> said <target> must/should <verb>": the source lays a duty on the
    target, which is a demand (CAMEO 10) whatever the verb ("must ensure security", "must be
    avoided", "should release the journalists"). None when the sentence has no such frame."""
    # "said US and British forces must ...": a party named as a modifier of the subject
    while tgt.dep_ in NP_MODIFIERS and tgt.head.i != tgt.i and tgt.head.pos_ in ("NOUN", "PROPN"):
        tgt = tgt.head
    if src.i == tgt.i or tgt.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tgt.head
    return verb if _duty(verb) and _reported_by(verb, src) else None


def _duty(verb: Token) -> bool:
    """True when a verb is laid on its subject as a duty ("must leave", "should be brought");
    "must have known" is a guess, not a duty."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & OBLIGATION_AUX) and "have" not in auxes


# Military exercises: held by two parties together, they cooperate (CAMEO 062).
JOINT_DRILLS = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "game", "war game"})

def _together(src: Token, tgt: Token, src_ids: set[int], tgt_ids: set[int]) -> bool:
    """True when the two parties are conjoined ("US and Jordanian forces", "Kenya and Uganda")."""
    return tgt in src.conjuncts or any(c.i in tgt_ids for c in src.conjuncts) or any(
        c.i in src_ids for c in tgt.conjuncts)


PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG"})


def _joint_doer(noun: Token) -> bool:
    """True when exercises are held by several parties, with no dyad marked: their doer is
    conjoined ("French and Egyptian warships launched war games", "Kenya and Uganda held
    drills") or a partner is named ("held drills with India")."""
    verb = noun
    while verb.dep_ in ("dobj", "obj", "pobj", "prep", "nsubj", "nsubjpass") and verb.pos_ != "VERB" \
            and verb.head.i != verb.i:
        verb = verb.head
    doers = [c for c in verb.children if c.dep_ == "nsubj"] if verb.pos_ == "VERB" else []
    for d in doers:
        if d.conjuncts or any(m.dep_ in ("amod", "compound") and m.conjuncts for m in d.children):
            return True
    for head in (noun, verb):
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ == "with" and any(
                    g.dep_ == "pobj" and g.ent_type_ in PARTY_ENTITIES for g in p.children):
                return True
    return False


# Evidence of a sentence the rules read as a statement about an event, not an event.
STATEMENT = "rules:statement"


def _statement_act(root: Token) -> bool:
    """A main verb that states something about an event without being one: "claimed
    responsibility for", "declined to comment on" (``statement_act`` in frames.tsv)."""
    acts = frame_words("statement_act")
    return any(f"{root.lemma_.lower()}:{c.lemma_.lower()}" in acts for c in root.children
               if c.dep_ in ("dobj", "xcomp"))


def _reported_pair(root: Token) -> tuple[Token, Token] | None:
    """(speaker, subject of the reported clause) of "<speaker> said <subject> ...", or None."""
    if root.lemma_.lower() not in modality.cues("speech"):
        return None
    speaker = next((c for c in root.children if c.dep_ == "nsubj"), None)
    clause = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if speaker is None or clause is None:
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (speaker, subject) if subject is not None else None


def _outcome(cands: list[Candidate], best: Candidate) -> Candidate | None:
    """What an event noun joining the parties came to, when it is the subject of a trigger:
    "the summit between the EU and Turkey failed to reach agreement" is the failure, "talks
    between the two sides collapsed" the breakdown."""
    tok = best.token
    if best.place not in ("path", "above") or tok.pos_ != "NOUN" or tok.dep_ != "nsubj":
        return None
    verbs = [tok.head, *[c for c in tok.head.children if c.dep_ == "xcomp"]]
    found = [c for c in cands if c.token.i in {v.i for v in verbs}]
    return found[-1] if found else None


def _object_noun(cands: list[Candidate], verb: Token) -> Candidate | None:
    """The event-noun candidate that is the direct object of a light verb ("launched a scathing
    attack", "offered criticism")."""
    for c in cands:
        if c.token.head.i == verb.i and c.token.dep_ in ("dobj", "obj") and c.token.i != verb.i:
            return c
    # "launched artillery, mortar and rocket fire": an event noun conjoined to the object
    for c in cands:
        t = c.token
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        if t.i != c.token.i and t.head.i == verb.i and t.dep_ in ("dobj", "obj"):
            return c
    return None


def reframe(tok: Token, event: str | None, mode: str | None,
            cameo_code: str) -> tuple[str, str | None, str, str] | None:
    """What the trigger's own clause makes of its lexicon row, or None when nothing changes:
    (event, mode, CAMEO code, frame name). Troops deployed as peacekeepers are aid (074); a
    crowd that demands or denounces is demonstrating (141); armed men storming a building attack
    it (190); a crowd's violence is a riot (145); a generic attack takes its mode from its means
    ("a roadside bomb killed", 183). Used by the relation rules and by ``herald code``."""
    if (event, mode) in PEACEKEEPING_FROM and _peacekeeping(tok):
        return "AID", None, "074", "peacekeeping"
    if event in CROWD_ACTS and tok.pos_ == "VERB" and _crowd_act(tok):
        return "PROTEST", "demo", "141", "crowd"
    if event == "ASSAULT" and _riot(tok):
        return "PROTEST", "riot", "145", "crowd"
    # "Taliban attackers stormed a police headquarters": armed men storming is an attack
    armed = event == "PROTEST" and tok.pos_ == "VERB" and _crowd_act(
        tok, frame_words("armed_doer"))
    if armed or (event == "ASSAULT" and not mode):
        weapon = instrument(tok)
        frame = "armed" if armed else "instrument"
        if weapon is not None:
            return "ASSAULT", weapon.mode, weapon.cameo, frame
        if armed:
            return "ASSAULT", None, "190", frame
    # "suicide bombers blew themselves up": a bombing whose means is a suicide attack (1831)
    if event == "ASSAULT" and mode == "explosives":
        weapon = instrument(tok)
        if weapon is not None and weapon.mode == "suicide-attack":
            return "ASSAULT", weapon.mode, weapon.cameo, "instrument"
    return None


def rule_relation(doc: Doc | Span, source: tuple[int, int] | None,
                  target: tuple[int, int] | None) -> tuple[Relation, list[Candidate], Token | None]:
    """The rules' answer, with the candidates it chose from and the trigger token."""
    whole = doc.doc if isinstance(doc, Span) else doc
    stated: Token | None = None
    wished: Token | None = None
    src = _span_head(whole, *source) if source and source[1] > source[0] else None
    tgt = _span_head(whole, *target) if target and target[1] > target[0] else None
    # one side unmarked: read the path from the other side up to the root
    src = src or tgt
    tgt = tgt or src
    if src is None or tgt is None:
        # no dyad at all: the sentence's own main event (used for sentence-level sets)
        sent = next(iter(whole.sents)) if isinstance(doc, Doc) else doc
        src = tgt = sent.root
        # "Paris said Iraq must cooperate": the speaker and the subject of what was said are
        # the dyad the demand and blame frames read
        if _statement_act(sent.root):
            # "the group claimed responsibility for the attacks": a statement (CAMEO 015)
            how = f"{STATEMENT}:{sent.root.lemma_.lower()}"
            return Relation(None, None, False, 0.5, how, final=True), [], None
        said = _reported_pair(sent.root)
        if said is not None and (_blame(*said) is not None or _obligation(*said) is not None):
            src, tgt = said
        else:
            stated = _stated_duty(sent.root)
            wished = _wished_act(sent.root)
    sent = src.sent
    inside = frozenset(span_token_ids(whole, source) | span_token_ids(whole, target))
    cands = candidates(sent if tgt.sent == sent else whole[:], src, tgt, inside,
                       dyad=bool(source or target))
    blamed = _blame(src, tgt)
    if blamed is not None:
        how = f"rules:blame:{blamed.lemma_.lower()}->ACCUSE"
        return Relation("ACCUSE", "allege", False, 0.7, how, blamed.text, "112"), cands, blamed
    duty = _obligation(src, tgt)
    if duty is None and stated is not None and not any(c.token.i == src.i for c in cands):
        duty = stated
    if duty is not None:
        inner = next((c for c in cands if c.token.i == duty.i), None)
        mode, code = DEMANDED.get(inner.rule.event if inner else "", (None, "100"))
        how = f"rules:must:{duty.lemma_.lower()}->REQUEST"
        return Relation("REQUEST", mode, False, 0.7, how, duty.text, code), cands, duty
    if wished is not None and not any(c.token.i == wished.head.i for c in cands):
        inner = next((c for c in cands if c.token.i == wished.i), None)
        mode, code = APPEALED.get(inner.rule.event if inner else "", (None, "020"))
        how = f"rules:wish:{wished.lemma_.lower()}->REQUEST"
        return Relation("REQUEST", mode, False, 0.6, how, wished.text, code), cands, wished
    best = choose(cands)
    if best is None:
        return Relation(None, None, False, 0.0, "rules:no-trigger"), cands, None
    best = _harm_cause(cands, best)
    outcome = _outcome(cands, best)
    if outcome is not None:
        best = outcome
    light = _carriers()
    # a verb of expression whose own row names the sense keeps it: "offered concessions" is an
    # intent to yield (035), "offered talks" an offer to meet (036), not the talks themselves
    own = best.rule.objects and best.token.lemma_.lower() not in load_triggers().light_verbs()
    if best.token.pos_ == "VERB" and best.token.lemma_.lower() in light and not own:
        noun = _object_noun(cands, best.token)
        if noun is not None:
            best = noun
    if best.rule.event == "CONSULT" and best.rule.mode == "phone":
        # "called Morrison to congratulate him": what the call was for names the event
        purpose = _purpose(cands, best.token)
        if purpose is not None:
            best = purpose
    if best.token.lemma_.lower() in SENDING_VERBS:
        # "sent a team to Bosnia to investigate": the mission's purpose is the act
        purpose = _purpose(cands, best.token)
        if purpose is not None and purpose.rule.mode == "investigate":
            best = purpose
    if best.rule.event in CROWD_ACTS:
        protest = _protest_purpose(cands, best.token)
        if protest is not None:
            best = protest
    rule = best.rule
    event, mode, cameo_code = rule.event, rule.mode, rule.cameo
    how = f"rules:{best.place}:{rule.lemma}({rule.pos})->{event}"
    # "will not begin talks", "would hold talks next month": a light verb carries the negation
    # and the tense of its event noun
    anchor = best.token
    if anchor.pos_ == "NOUN" and anchor.dep_ in ("dobj", "obj") and anchor.head.lemma_.lower() in light:
        anchor = anchor.head
    neg = modality.negated(best.token) or modality.negated(anchor)
    refuser = refusal_frame(best.token)
    refused_by = (refuser.lemma_.lower() if refuser is not None and event != "REJECT"
                  else "not" if neg and event in NEGATED_TO_REJECT else None)
    if refused_by is not None:
        mode, cameo_code = REFUSED.get(event, (None, "120"))
        event, neg = "REJECT", False
        how = f"rules:{best.place}:{refused_by}+{rule.lemma}->REJECT"
    elif (event in INTENT_CODES or cameo_code in INTENT_BY_CODE) \
            and modality.modality(anchor) == "future" and not _decided(anchor):
        cameo_code = INTENT_BY_CODE.get(cameo_code or "") or INTENT_CODES[event]
        event, mode = "AGREE", None
        how = f"rules:{best.place}:intent+{rule.lemma}->AGREE"
    elif event in {t for t, _ in THREAT_CODES} and not neg and _threatened(anchor):
        mode, cameo_code = (THREAT_BY_CODE.get(cameo_code or "")
                            or THREAT_CODES.get((event, mode)) or THREAT_CODES[(event, None)])
        how = f"rules:{best.place}:threat+{rule.lemma}->THREATEN"
        event = "THREATEN"
    elif (framed := reframe(best.token, event, mode, cameo_code)) is not None:
        event, mode, cameo_code, frame = framed
        if frame == "instrument":
            how += f"+{mode}"
        elif frame == "peacekeeping":
            how = f"rules:{best.place}:{rule.lemma}+peacekeeping->AID"
        else:
            how = f"rules:{best.place}:{frame}+{rule.lemma}->{event}" + (
                f"+{mode}" if frame == "armed" and mode else "")
    elif event == "MOBILIZE" and rule.lemma in JOINT_DRILLS and (_together(
            src, tgt, span_token_ids(whole, source), span_token_ids(whole, target))
            or not (source or target) and _joint_doer(best.token)):
        # "US and Jordanian forces staged war games": a joint exercise is military cooperation
        event, mode, cameo_code = "COOPERATE", None, "062"
        how = f"rules:{best.place}:joint+{rule.lemma}->COOPERATE"
    elif event == "REQUEST" and tgt.i != src.i and _aimed_against(best.token, tgt):
        event, mode, cameo_code = "ACCUSE", "disapprove", "111"
        how = f"rules:{best.place}:{rule.lemma}+against->ACCUSE"
    conf = {"path": 0.8, "above": 0.65, "under": 0.55, "other": 0.4}[best.place]
    rel = Relation(event, mode, neg, conf, how, best.token.text, cameo_code)
    return rel, cands, best.token


def classify_doc(doc: Doc | Span, source: tuple[int, int] | None,
                 target: tuple[int, int] | None, use_model: bool = True) -> Relation:
    """The relation between two character spans of a parsed sentence (offsets into the Doc's
    text). Either span may be None or empty: the path then runs from the other to the root, and
    with neither the sentence's main event is named."""
    rel, cands, trig = rule_relation(doc, source, target)
    if not use_model:
        return rel
    from herald.events import model

    return model.rerank(doc, source, target, rel, cands, trig)


def classify(sentence: str, source_span: tuple[int, int] | None,
             target_span: tuple[int, int] | None, use_model: bool = True) -> Relation:
    """The PLOVER relation from the source span to the target span of a sentence (character
    offsets, end exclusive). Parses the sentence with the project's spaCy pipeline.

    ``use_model=False`` gives the rules' answer alone (lexicon + dependency path)."""
    from herald import nlp

    doc = nlp.load()(sentence)
    return classify_doc(doc, source_span, target_span, use_model)


def unmark(marked: str) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """A sentence with ``<s>…</s>`` and ``<t>…</t>`` marks as (text, source span, target span)."""
    out: list[str] = []
    spans: dict[str, list[int]] = {"s": [0, 0], "t": [0, 0]}
    i = 0
    pos = 0
    while i < len(marked):
        for tag in ("s", "t"):
            if marked.startswith(f"<{tag}>", i):
                spans[tag][0] = pos
                i += 3
                break
            if marked.startswith(f"</{tag}>", i):
                spans[tag][1] = pos
                i += 4
                break
        else:
            out.append(marked[i])
            pos += 1
            i += 1
    return "".join(out), (spans["s"][0], spans["s"][1]), (spans["t"][0], spans["t"][1])

"""Negation and modality of an event trigger.

Negation: "did not promise", "never condemned", "is yet to speak", "failed to", "no talks";
negation of a governing verb of intention carries down ("did not promise to deliver aid": the
delivery is negated too). Modality: future ("will", "plans to", "pledged to"), hypothetical
("would", "could", "if ...", "unlikely to"), reported (inside what someone said).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "'d", "must"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    """Cue word lists (data file ``modality_cues.tsv``: kind <tab> words)."""
    text = (Path(__file__).parent / "lexicon" / "modality_cues.tsv").read_text("utf-8")
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, words = line.split("\t", 1)
        table.setdefault(kind.strip(), set()).update(w.strip() for w in words.split("|") if w.strip())
    return {k: frozenset(v) for k, v in table.items()}


def cues(kind: str) -> frozenset[str]:
    return _cues().get(kind, frozenset())


def _has_neg(token: Token) -> bool:
    for c in token.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ in ("no",):
            return True
        if c.dep_ == "advmod" and c.lower_ in cues("negation_adverb"):
            return True
    return False


def _yet_to(token: Token) -> bool:
    """'is yet to speak', 'has yet to respond': the event has not happened."""
    head = token.head
    if token.dep_ != "xcomp":
        return False
    return any(c.lower_ == "yet" for c in head.children) and head.lemma_ in ("be", "have")


def to_infinitive(verb: Token) -> bool:
    """True for a verb with the infinitive marker "to" ("vowed to fight", "sent troops to help")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _governed_to(clause: Token) -> bool:
    """True for a to-infinitive adverbial clause whose head is a governor of intent or negation
    ("vowed to fight", "refused to meet"), which is a complement, not a clause of purpose."""
    head = clause.head
    if head.i == clause.i or not to_infinitive(clause):
        return False
    lemma = head.lemma_.lower()
    return lemma in cues("future_governor") or lemma in cues("negating_governor")


def _purpose_of(clause: Token) -> bool:
    """True for a to-infinitive clause of purpose hanging on a verb ("sent troops to help")."""
    return (clause.head.i != clause.i and clause.head.pos_ == "VERB"
            and to_infinitive(clause)
            and not _governed_to(clause))


def governing_chain(token: Token, limit: int = 4) -> list[Token]:
    """Verbs that govern this one through to-complements ("promised to deliver": [promise])."""
    chain = []
    t = token
    for _ in range(limit):
        if t.dep_ in ("xcomp",) and t.head.i != t.i:
            t = t.head
            chain.append(t)
        elif t.dep_ == "conj" and t.head.dep_ == "xcomp" and t.tag_ not in ("VBD", "VBZ", "VBP"):
            # "pledged to bolster ties and deepen trade": the second verb shares the complement
            t = t.head
            continue
        elif t.dep_ in ("acomp",) and t.head.i != t.i:
            t = t.head
            chain.append(t)
        elif t.dep_ == "advcl" and _purpose_of(t):
            # "is willing to send troops to help defend": the purpose of a promised act is
            # promised with it
            t = t.head
            chain.append(t)
        elif t.dep_ == "advcl" and _governed_to(t):
            # "have sworn to fight": the parser often hangs the to-complement of a verb of
            # intent as an adverbial clause; it is the complement all the same
            t = t.head
            chain.append(t)
        else:
            break
    return chain


def negated(token: Token) -> bool:
    if _has_neg(token) or _yet_to(token):
        return True
    for gov in governing_chain(token):
        if _has_neg(gov) or gov.lemma_.lower() in cues("negating_governor"):
            return True
        if gov.lemma_ in ("be", "have") and any(c.lower_ == "yet" for c in gov.children):
            return True
    # "unlikely to provide": an adjective governor
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in cues("negating_governor"):
        return True
    return False


def _speech_ancestor(token: Token) -> Token | None:
    t = token
    for _ in range(6):
        if t.dep_ in ("ccomp",) and t.head.i != t.i:
            if t.head.lemma_.lower() in cues("speech"):
                return t.head
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def modality(token: Token) -> str:
    """asserted | future | hypothetical | reported."""
    chain = [token, *governing_chain(token)]
    speech = _speech_ancestor(token)
    for t in chain:
        auxes = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if auxes & HYPOTHETICAL_AUX:
            # "would" under a past-tense speech verb is the future of reported speech
            if ("would" in auxes or "'d" in auxes) and speech is not None and speech.tag_ == "VBD":
                return "future"
            return "hypothetical"
        if any(c.dep_ in ("mark",) and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return "hypothetical"
        if t.dep_ == "advcl" and any(c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return "hypothetical"
        if auxes & FUTURE_AUX:
            return "future"
        if t.i != token.i and t.lemma_.lower() in cues("hypothetical_governor"):
            return "hypothetical"
        if t.i != token.i and t.lemma_.lower() in cues("future_governor"):
            return "future"
        # "going to", "about to"
        if any(c.lower_ == "going" and c.dep_ == "aux" for c in t.children):
            return "future"
    # a condition on the clause the trigger sits in
    for anc in token.ancestors:
        if anc.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in anc.children):
            return "hypothetical"
        break
    if speech is not None:
        return "reported"
    return "asserted"

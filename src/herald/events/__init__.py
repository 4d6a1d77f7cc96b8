"""Events: triggers, arguments, type and mode, negation and modality.

For each sentence: find triggers (``triggers``), read their actor and recipient off the parse
(``arguments``), mark negation and modality (``modality``), and keep the events that name at least
one actor or recipient. CAMEO code, Goldstein value and quad class are set later by ``cameo.score``.
"""

from __future__ import annotations

from herald.events import arguments, modality
from herald.events.lexicon import load_triggers
from herald.events.triggers import Trigger, find_triggers
from herald.model import Argument, Document, Event

# Types PLOVER defines as needing a recipient (DESIGN §3).
NEEDS_RECIPIENT = frozenset({"COOPERATE", "AID", "SANCTION"})
# Symmetric types: a group acting with no recipient acts on each other ("the two met").
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})


def find_events(document: Document) -> None:
    events: list[Event] = []
    for sent in document.doc.sents:
        triggers = find_triggers(sent)
        # A light verb that carries an event noun is not an event of its own ("launched airstrikes").
        carriers = {t.light_verb.i for t in triggers if t.light_verb is not None}
        for trig in triggers:
            if trig.token.i in carriers and trig.token.pos_ == "VERB":
                continue
            events.extend(_events_for(document, trig, sent))
    document.events = events


def _governed_by_trigger(trig: Trigger) -> bool:
    """An event noun that is the object or subject of a trigger verb is that verb's theme, not an
    event of its own: "agreed to lift sanctions" is not SANCTION, "rejected the peace talks" is not
    CONSULT, "its proposal was rejected" is not AGREE. A light verb does not count, nor a time
    adjunct ("during a meeting with Putin"), nor a verb that is no trigger ("Russia's invasion
    continued")."""
    tok = trig.token
    if trig.light_verb is not None:
        return False
    head = tok.head
    if tok.dep_ == "pobj":
        if head.lower_ in arguments.TEMPORAL_PREPS:
            return False
        head = head.head
    if head is tok or head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return False
    if head.pos_ in ("ADJ", "AUX"):
        return True  # "opposed to any attack", "is a war crime"
    return head.lemma_.lower() in load_triggers().lemmas()


def _events_for(document: Document, trig: Trigger, sent) -> list[Event]:
    tok = trig.token
    rule = trig.rule
    if tok.pos_ == "VERB":
        actor, recipient, how = arguments.verb_arguments(document, tok)
        kind = "verb"
    else:
        actor, recipient, how = arguments.noun_arguments(document, tok, trig.light_verb)
        kind = "noun"
        # a bare event noun with nobody doing it ("any attack on civilians") is not an event
        if not actor:
            return []
        # "no talks", "any attack": a determiner that denies or generalises the noun
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        if dets & {"any", "every", "each"}:
            return []
        # "praised military cooperation between the two countries": both sides are explicit, so
        # the cooperation itself is asserted, whatever verb governs it
        if _governed_by_trigger(trig) and not how.startswith("between"):
            return []
    if not actor and not recipient:
        return []
    if rule.event in NEEDS_RECIPIENT and not recipient and not _is_group(actor):
        return []
    pairs = arguments.split_mutual(actor, recipient) if rule.event in MUTUAL else [(actor, recipient)]
    is_neg = modality.negated(tok if trig.light_verb is None else trig.light_verb)
    mod = modality.modality(tok if trig.light_verb is None else trig.light_verb)
    confidence = _confidence(kind, actor, recipient)
    evidence = f"lexicon:{rule.lemma}{'+' + rule.prep if rule.prep else ''}"
    if rule.objects:
        evidence += "+obj"
    evidence += f"({rule.pos})->{rule.event}; args:{how or 'none'}"
    out = []
    for a, r in pairs:
        if rule.event in NEEDS_RECIPIENT and not r:
            continue
        out.append(
            Event(
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                trigger=tok.i,
                trigger_text=trig.text,
                event=rule.event,
                mode=rule.mode or None,
                cameo=rule.cameo,
                actor=a,
                recipient=r,
                negated=is_neg,
                modality=mod,
                confidence=confidence,
                evidence=evidence,
                contexts=list(rule.contexts),
            )
        )
    return out


def _is_group(args: list[Argument]) -> bool:
    return sum(len(a.entities) for a in args) >= 2


def _confidence(kind: str, actor: list[Argument], recipient: list[Argument]) -> float:
    c = 0.75 if kind == "verb" else 0.6
    if not actor:
        c -= 0.2
    if not recipient:
        c -= 0.1
    return max(0.1, c)

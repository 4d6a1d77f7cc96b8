"""Events: triggers, arguments, type and mode, negation and modality.

For each sentence: find triggers (``triggers``), read their actor and recipient off the parse
(``arguments``), mark negation and modality (``modality``), and keep the events that name at least
one actor or recipient. CAMEO code, Goldstein value and quad class are set later by ``cameo.score``.
"""

from __future__ import annotations

from herald.actors.context import DOMESTIC
from herald.events import arguments, modality, relation
from herald.events.lexicon import TriggerRule, load_triggers
from herald.events.triggers import Trigger, find_triggers
from herald.model import Argument, Document, Entity, Event

# Types PLOVER defines as needing a recipient (DESIGN §3).
NEEDS_RECIPIENT = frozenset({"COOPERATE", "AID", "SANCTION"})
# Codes of other types that are always done to someone: sanctions and embargoes (163, COERCE in
# the 2021 CAMEO-PLOVER table) with nobody named as their target say too little to record.
NEEDS_RECIPIENT_CODES = frozenset({"163"})
# Symmetric types: a group acting with no recipient acts on each other ("the two met").
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})


# Types whose victim matters even when the text does not say who acted ("three journalists were
# killed", "protesters were detained"): kept without an actor when the recipient is resolved.
VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
# Symmetric fighting verbs: a group that clashes clashes with itself ("rebels and troops fought").
SYMMETRIC_FIGHT = frozenset({"clash", "fight", "battle", "skirmish", "exchange", "war"})
# Event nouns a clause's subject takes part in when the noun is a time adjunct ("during talks
# with Putin, Li said"): meetings and agreements, not wars or attacks ("after the atrocity").
SHARED_OCCASIONS = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Warnings are threats only when addressed to someone ("warned Iran"); "the WHO warned that
# services are overstretched" is advice.
ADDRESSED_ONLY = frozenset({"warn", "warning"})
VERBAL_IN = frozenset({"ACCUSE", "SUPPORT", "REJECT", "REQUEST"})
NO_ACTOR_PENALTY = 0.25


def find_events(document: Document) -> None:
    """Events of every sentence of a parsed document (``document.events``)."""
    events: list[Event] = []
    domestic_ok = _has_place_country(document)
    for sent in document.doc.sents:
        triggers = find_triggers(sent)
        # A light verb that carries an event noun is not an event of its own ("launched airstrikes").
        carriers = {t.light_verb.i for t in triggers if t.light_verb is not None}
        for trig in triggers:
            if trig.token.i in carriers and trig.token.pos_ == "VERB":
                continue
            passive = _passive(trig.token)
            for event in _events_for(document, trig, sent):
                if _keep(event, domestic_ok or _sentence_has_place(document, sent), passive):
                    events.append(event)
        for event in _reported_frames(document, sent, triggers):
            if _keep(event, domestic_ok or _sentence_has_place(document, sent), False):
                events.append(event)
    document.events = events


def _has_place_country(document: Document) -> bool:
    """True when the article has a dateline: unnamed domestic actors ("police") will take its
    country (``actors.context.fill_countries``)."""
    from herald import where

    place = where.dateline(document)
    return bool(place and place.country)


def _sentence_has_place(document: Document, sent) -> bool:
    return any(sent.start <= p.start < sent.end and p.country for p in document.places)


def informative(entity: Entity) -> bool:
    """An entity worth recording: it has a country or a sector, or it is a named person or
    organisation. A bare pronoun or generic noun ("him", "the man", "a group") is not."""
    if entity.country or entity.sector:
        return True
    return entity.kind in ("person", "organization") and entity.name[:1].isupper()


def resolved(entity: Entity, domestic_ok: bool) -> bool:
    """An entity a dyad can be built on: it has a country, or it is a domestic role ("police",
    "protesters", "the opposition leader") that will take the country of where the event happened.
    A named person the text does not place ("Anna Campbell") is recorded but cannot carry a
    record alone."""
    return bool(entity.country) or (domestic_ok and entity.sector in DOMESTIC)


def _prune(args: list[Argument], drop: set[str] | None = None) -> list[Argument]:
    """The arguments with uninformative entities (and those named in ``drop``) removed."""
    out = []
    for a in args:
        ents = [e for e in a.entities if informative(e) and not (drop and e.name in drop)]
        if ents:
            out.append(Argument(text=a.text, entities=ents, token=a.token))
    return out


def _passive(tok) -> bool:
    """A passive verb ("were killed", "troops backed by Iran"): its doer may go unnamed."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _keep(event: Event, domestic_ok: bool, passive: bool) -> bool:
    """The record-level filters: arguments worth recording, an actor for most types.

    An entity cannot act on itself ("Barzani strengthened his position"), so it is dropped from
    the recipient. A record needs a resolved actor, except a violent or coercive act whose victim
    is resolved and whose doer the passive leaves unnamed ("two journalists were killed in
    Kabul"), which is kept at lower confidence."""
    event.actor = _prune(event.actor)
    event.recipient = _prune(event.recipient, {e.name for a in event.actor for e in a.entities})
    actor_ok = any(resolved(e, domestic_ok) for a in event.actor for e in a.entities)
    if event.event in NEEDS_RECIPIENT and not event.recipient:
        return False
    # a meeting or a visit has two sides ("travelled to the Middle East" names none)
    if event.event == "CONSULT" and not event.recipient and event.mode != "multilateral" \
            and not _is_group(event.actor):
        return False
    if actor_ok:
        return True
    victim_placed = any(e.country or (domestic_ok and e.sector in DOMESTIC)
                        for a in event.recipient for e in a.entities)
    if event.event in VICTIM_TYPES and passive and victim_placed and not event.actor:
        event.confidence = max(0.1, event.confidence - NO_ACTOR_PENALTY)
        event.evidence += "; no-actor"
        return True
    return False


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
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return False
    if head.pos_ in ("ADJ", "AUX"):
        return True  # "opposed to any attack", "is a war crime"
    return head.lemma_.lower() in load_triggers().lemmas()


def _events_for(document: Document, trig: Trigger, sent) -> list[Event]:
    tok = trig.token
    rule = trig.rule
    # the trigger's clause may say more than its lexicon row: "protesters clashed with police" is
    # a riot, "gunmen stormed the hotel" an attack, "a car bomb killed" names the attack's means
    event, mode, code = rule.event, rule.mode or None, rule.cameo
    framed = relation.reframe(tok, event, mode, code)
    if framed is not None:
        event, mode, code, frame = framed
    demanded = relation.demand_frame(tok) if tok.pos_ == "VERB" else None
    if demanded is not None:
        # "Berlin said Tehran must release the journalists": Berlin's demand on Tehran
        speaker, addressee = demanded
        actor = arguments.arguments_at(document, speaker)
        recipient = arguments.arguments_at(document, addressee)
        if actor and recipient:
            return [_demand(tok, sent, speaker, actor, recipient, trig.rule)]
    if tok.pos_ == "VERB":
        actor, recipient, how = arguments.verb_arguments(document, tok)
        kind = "verb"
    else:
        actor, recipient, how = arguments.noun_arguments(document, tok, trig.light_verb,
                                                         violent=event in VICTIM_TYPES)
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
    needs_recipient = event in NEEDS_RECIPIENT or code in NEEDS_RECIPIENT_CODES
    if needs_recipient and not recipient and not _is_group(actor):
        return []
    if "clause-subject" in how and not _shared(trig):
        return []
    if rule.lemma in ADDRESSED_ONLY and not recipient:
        return []
    # mediators ("a deal brokered by Russia, Turkey and Iran") do not meet each other
    mutual = event in MUTUAL and mode != "third-party" and (
        event != "ASSAULT" or "between" in how or rule.lemma in SYMMETRIC_FIGHT)
    pairs = arguments.split_mutual(actor, recipient) if mutual else [(actor, recipient)]
    is_neg = modality.negated(tok if trig.light_verb is None else trig.light_verb)
    mod = modality.modality(tok if trig.light_verb is None else trig.light_verb)
    confidence = _confidence(kind, actor, recipient)
    evidence = f"lexicon:{rule.lemma}{'+' + rule.prep if rule.prep else ''}"
    if rule.objects:
        evidence += "+obj"
    evidence += f"({rule.pos})->{rule.event}"
    if framed is not None:
        evidence += f"; frame:{frame}->{event}{'+' + mode if mode else ''}"
    evidence += f"; args:{how or 'none'}"
    out = []
    for a, r in pairs:
        if needs_recipient and not r:
            continue
        out.append(
            Event(
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                trigger=tok.i,
                trigger_text=trig.text,
                event=event,
                mode=mode,
                cameo=code,
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


def _said_event(sent, speaker, actor: list[Argument], recipient: list[Argument], event: str,
                mode: str | None, code: str, text: str, evidence: str,
                contexts: tuple[str, ...] = ()) -> Event:
    """An act the speaker does by saying something of the recipient. The act is the saying, so
    its trigger is the speech verb (outside the quoted content: not reported speech)."""
    speech = speaker.head
    return Event(
        sentence_start=sent.start_char, sentence_end=sent.end_char, trigger=speech.i,
        trigger_text=text, event=event, mode=mode, cameo=code, actor=actor, recipient=recipient,
        negated=modality.negated(speech), modality=_saying(speech),
        confidence=_confidence("verb", actor, recipient),
        evidence=f"{evidence}; args:speaker,reported-subject", contexts=list(contexts))


def _demand(verb, sent, speaker, actor: list[Argument], recipient: list[Argument],
            rule: TriggerRule | None = None) -> Event:
    """The speaker's demand that the addressee do what the verb says, coded by that event when
    the lexicon knows it ("must release" is a demand to yield, 105), else a plain demand (100)."""
    mode, code = relation.DEMANDED.get(rule.event if rule else "", (None, "100"))
    inner = f"lexicon:{rule.lemma}(V)->{rule.event}; " if rule else ""
    duty = next(c.text for c in verb.children if c.lower_ in relation.OBLIGATION_AUX)
    return _said_event(sent, speaker, actor, recipient, "REQUEST", mode, code,
                       f"{duty} {verb.text}", f"{inner}frame:must->REQUEST",
                       rule.contexts if rule else ())


def _saying(speech) -> str:
    """The modality of an act done by saying: the saying itself is what the reporter asserts,
    so the top speech verb is asserted, not reported speech."""
    mod = modality.modality(speech)
    return "asserted" if mod == "reported" and speech.dep_ == "ROOT" else mod


def _reported_frames(document: Document, sent, triggers: list[Trigger]) -> list[Event]:
    """Acts done by saying something of someone, whatever the reported verb: "said Beijing
    should drop its barriers" (a demand), "said the rebels were behind the bombing" (blame)."""
    known = {t.token.i for t in triggers}
    out: list[Event] = []
    for tok in sent:
        if tok.dep_ != "ccomp" or tok.pos_ not in ("VERB", "AUX") or tok.i in known:
            continue
        said = relation.demand_frame(tok)
        blamed = relation.blame_frame(tok) if said is None else None
        pair = said or (blamed[:2] if blamed else None)
        if pair is None:
            continue
        actor = arguments.arguments_at(document, pair[0])
        recipient = arguments.arguments_at(document, pair[1])
        if not (actor and recipient):
            continue
        if said is not None:
            out.append(_demand(tok, sent, said[0], actor, recipient))
        elif blamed is not None:
            # "said Moscow was behind the attack": the speaker's accusation (112)
            word = blamed[2]
            out.append(_said_event(sent, pair[0], actor, recipient, "ACCUSE", "allege", "112",
                                   word.text, f"frame:blame:{word.lemma_.lower()}->ACCUSE"))
    return out


def _shared(trig: Trigger) -> bool:
    """Whether the subject of the clause around an event-noun adjunct did the event: it took part
    in a meeting or agreement ("during talks with Putin, Li said"), and a verbal act in an "in"
    phrase is its own ("went further in criticism of Washington"), but not a war or an attack
    ("after the atrocity, Trump ordered strikes")."""
    if trig.rule.event in SHARED_OCCASIONS:
        return True
    return trig.rule.event in VERBAL_IN and trig.token.head.lower_ == "in"


def _is_group(args: list[Argument]) -> bool:
    return sum(len(a.entities) for a in args) >= 2


def _confidence(kind: str, actor: list[Argument], recipient: list[Argument]) -> float:
    c = 0.75 if kind == "verb" else 0.6
    if not actor:
        c -= 0.2
    if not recipient:
        c -= 0.1
    return max(0.1, c)

"""The main event of a short text: a headline, a snippet, a lead paragraph.

Sentence-level typing names each sentence's own event; a text that must carry one label (an
alert, a snippet in an event-detection set) needs the event the text is about. The lead decides:
the first sentence with an event trigger gives it, unless a statement about an event leads ("the
group claimed responsibility for the attack"): the text is then a statement, with no event. One
discourse rule overrides the lead: when the
lead's violence or arrests are the police handling a crowd ("police fired tear gas at
protesters", "officers detained dozens of demonstrators"), the text reports a protest, as event
datasets code it (ACLED's "protest with intervention"); it is a riot when the crowd fought back
("clashes", stones thrown), and it stays the assault when people were hurt or killed, which is
force against protesters rather than a protest.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from herald.events import modality, model, relation
from herald.events.relation import Relation, frame_words

# Dependencies that stay within a trigger's participants: its subject and objects, their
# prepositional phrases, conjuncts and modifiers (not other clauses).
_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "prep", "agent", "dative",
                               "conj", "compound", "amod", "appos", "attr", "npadvmod"})


def _purpose(tok: Token) -> bool:
    """A "to" infinitive of purpose: "fired tear gas to disperse the crowd"."""
    return tok.dep_ in ("xcomp", "advcl") and modality.to_infinitive(tok)


def _meanwhile(tok: Token) -> bool:
    """A clause of the same moment: "fired tear gas while clashing with protesters", "as
    crowds marched"."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "as")
                                       for c in tok.children)


def crowd_participant(trigger: Token, crowd_control: bool = False) -> bool:
    """True when a crowd is a participant of the trigger: its doer or object, inside one of its
    phrases ("fired tear gas at crowds", "in clashes with protesters"), or the object of its
    purpose ("to disperse student protesters"). Whom crowd-control weapons are used on is a
    crowd whoever they are ("used water cannon to disperse activists")."""
    crowd = frame_words("crowd_noun")
    if crowd_control:
        crowd |= frame_words("rioting_crowd")
    # "protesters detained by police": the trigger modifies the crowd noun
    if trigger.dep_ in ("acl", "relcl", "amod") and trigger.head.lemma_.lower() in crowd:
        return True
    todo, seen = [(trigger, 0)], set()
    while todo:
        tok, depth = todo.pop()
        if tok.i in seen or depth > 5:
            continue
        seen.add(tok.i)
        if tok.i != trigger.i and tok.lemma_.lower() in crowd:
            return True
        todo.extend((c, depth + 1) for c in tok.children
                    if c.dep_ in _PARTICIPANT_DEPS or _purpose(c) or _meanwhile(c))
    return False


def _protest(doc: Doc | Span, lead: Relation, trigger: Token) -> Relation | None:
    """The protest that the lead's force or arrests are a response to, or None."""
    if lead.event not in ("ASSAULT", "COERCE") or lead.mode == "riot":
        return None
    if not crowd_participant(trigger, lead.mode == "crowd-control"):
        return None
    # "riot police", "riot gear" name the police, not what the crowd did
    lemmas = {t.lemma_.lower() for t in doc if t.dep_ not in ("compound", "amod")}
    if lemmas & frame_words("crowd_violence") or relation._riot(trigger):
        mode, code = "riot", "145"
    elif {t.lemma_.lower() for t in doc} & frame_words("harm_word"):
        # modifiers count here: "live rounds", "a violent crackdown", "excessive force"
        return None  # people hurt or killed: force against protesters, not a protest
    else:
        mode, code = "demo", "141"
    return Relation("PROTEST", mode, lead.negated, lead.confidence,
                    f"main-event:crowd-handled+{lead.evidence}", lead.trigger, code)


def main_event(doc: Doc | Span, use_model: bool = True) -> Relation | None:
    """The event a parsed text is about (see the module docstring), or None when no sentence
    has an event trigger."""
    for sent in (doc.sents if isinstance(doc, Doc) else [doc]):
        base, cands, trigger = relation.rule_relation(sent, None, None)
        if trigger is None:
            if base.final:
                return None  # "claimed responsibility for the attack": a statement leads
            continue
        lead = model.rerank(sent, None, None, base, cands, trigger) if use_model else base
        return _protest(doc, lead, trigger) or lead
    return None

"""Event triggers: verbs and event nouns found in the trigger lexicon.

A verb is looked up with its particles and prepositions ("call for", "step down") and the lemmas of
its objects ("sign a treaty", "release prisoners"); the most specific lexicon row wins. An event
noun ("talks", "airstrikes", "sanctions") is a trigger when something in the sentence says who did
it: the subject of a light verb ("held talks", "launched airstrikes"), a possessor or national
modifier ("Russia's invasion", "US sanctions"), or a "between"/"by" phrase.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from herald.events.lexicon import TriggerRule, load_triggers

# Dependency labels of objects whose lemma can select a lexicon row.
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
# Prepositions whose object can also select a row ("called for talks", "appealed for aid").
# Object value of a lexicon row that any direct object satisfies.
ANY_OBJECT = "*"
OBJECT_PREPS = frozenset({"for", "to", "on", "of", "from", "with", "against", "in"})


# Words inside these named entities are names, not event words ("In March", "Strike Group").
NOT_EVENT_ENTITIES = frozenset({
    "DATE", "TIME", "PERSON", "GPE", "NORP", "LOC", "FAC", "CARDINAL", "ORDINAL", "MONEY",
    "QUANTITY", "PERCENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT",
})


@dataclass
class Trigger:
    token: Token
    rule: TriggerRule
    light_verb: Token | None = None  # for nouns: the light verb that carries the actor

    @property
    def text(self) -> str:
        t = self.token
        parts = [t]
        if self.rule.prep:
            parts += [c for c in t.children if c.lower_ == self.rule.prep and c.dep_ in ("prt", "prep")]
        if self.light_verb is not None:
            parts.append(self.light_verb)
        parts.sort(key=lambda x: x.i)
        return " ".join(p.text for p in parts)


# Adverbs that say what a verb made of its object, as a predicate would: "set a car ablaze".
RESULT_ADVERBS = frozenset({"ablaze", "alight", "afire"})
# Adverbs that work as particles: "bring the troops home", "took back its citizens".
PARTICLE_ADVERBS = frozenset({"home", "back"})


TIME_ENTITIES = frozenset({"DATE", "TIME"})


def _time_adjunct(prep: Token) -> bool:
    """True for a preposition whose object is a date or time ("on Friday", "in March")."""
    return any(g.dep_ == "pobj" and g.ent_type_ in TIME_ENTITIES for g in prep.children)


def _preps(token: Token) -> set[str]:
    preps = set()
    for c in token.children:
        if c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS:
            preps.add(c.lower_)
        # "called the decision a disgrace": a predicate noun or adjective on the object says
        # what the speaker names it, as "described it as"; the lexicon writes it "as"
        if c.dep_ == "oprd" and c.pos_ in ("NOUN", "ADJ") and any(
                o.dep_ == "dobj" and o.tag_ not in ("WP", "WDT") for o in token.children):
            preps.add("as")
        # "fired a missile targeting the base": the participle says where, as "at" does
        near = [c, *(g for g in c.children if g.dep_ == "acl")] if c.dep_ in OBJECT_DEPS else [c]
        if any(n.dep_ in ("advcl", "xcomp", "acl") and n.lemma_.lower() == "target"
               and n.tag_ == "VBG" for n in near):
            preps.add("at")
        if c.dep_ == "prep" and _time_adjunct(c):
            continue  # "called Erdogan on Friday" is no "call on"
        if c.dep_ in ("prt", "prep", "agent", "dative"):
            preps.add(c.lower_)
            # "attacked the West for undermining security": for + gerund gives a reason, the frame
            # of criticism; the lexicon writes it "for-ing"
            if any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children):
                preps.add(c.lower_ + "-ing")
    return preps


def _words(noun: Token) -> set[str]:
    """A noun's lemma, with the plain singular of its text when the lemmatizer strays ("bases"
    is lemmatized "basis"), and the lemmas of its compound modifiers ("peacekeeping operations",
    "observation points")."""
    out = {noun.lemma_.lower()}
    text = noun.lower_
    if text.endswith("s") and not text.endswith("ss") and noun.tag_ in ("NNS", "NNPS"):
        out.add(text[:-1])
    out.update(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")
    return out


def _noun_lemmas(noun: Token) -> set[str]:
    """The words of an object noun (see ``_words``), of its conjuncts, and of the noun in its
    "of" phrase ("a team of doctors", "a total of 56 observation points")."""
    out: set[str] = set()
    for n in (noun, *noun.conjuncts):
        out |= _words(n)
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        for x in (g, *g.conjuncts):
                            out |= _words(x)
    return out


def _objects(token: Token) -> set[str]:
    """Lemmas that can select a verb's lexicon row: its objects (see ``_noun_lemmas``) and
    ``*`` when it has one ("returned the paintings to Italy"), the nouns of its prepositional
    complements, and, written ``@lemma``, the subject of a verb with no object ("protesters
    gathered", "troops marched"), where the subject names the sense."""
    objs: set[str] = set()
    transitive = False
    # "pushed back from their positions": the phrase may hang on the particle adverb
    kids = [*token.children, *(g for c in token.children if c.dep_ == "advmod"
                               and c.lower_ in PARTICLE_ADVERBS for g in c.children
                               if g.dep_ == "prep")]
    for c in kids:
        if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass":
            objs.update(_noun_lemmas(c))
            transitive = True
        elif c.dep_ in ("prep", "dative") and c.lower_ in OBJECT_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    objs |= _words(p)
        elif c.dep_ == "xcomp" and c.pos_ in ("NOUN", "ADJ") or c.lower_ in RESULT_ADVERBS:
            objs.add(c.lemma_.lower())
    # a reduced passive relative: "a stash of rockets found near the border", "the town
    # captured by rebels" — the noun it modifies is its object
    if token.dep_ == "acl" and token.tag_ == "VBN":
        objs.update(_noun_lemmas(token.head))
        transitive = True
    if transitive:
        objs.add(ANY_OBJECT)
    else:
        objs.update("@" + c.lemma_.lower() for c in token.children if c.dep_ == "nsubj")
    return objs


def lookup_verb(token: Token) -> TriggerRule | None:
    lex = load_triggers()
    lemma = token.lemma_.lower()
    if lemma not in lex.lemmas():
        return None
    return lex.lookup(lemma, "V", _preps(token), _objects(token))


def lookup_noun(token: Token) -> TriggerRule | None:
    lex = load_triggers()
    lemma = token.lemma_.lower()
    if lemma not in lex.lemmas():
        return None
    objs: set[str] = set()
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    objs |= _noun_lemmas(p)
        elif c.dep_ in ("compound", "amod"):  # "air strikes", "chemical attack", "joint exercises"
            objs.add(c.lemma_.lower())
    return lex.lookup(lemma, "N", _preps(token), objs)


def find_triggers(sent) -> list[Trigger]:
    """Verb and noun triggers of one sentence, in token order."""
    lex = load_triggers()
    lemmas = lex.lemmas()
    light = lex.light_verbs()
    found: list[Trigger] = []
    for tok in sent:
        if tok.lemma_.lower() not in lemmas or tok.ent_type_ in NOT_EVENT_ENTITIES:
            continue
        if tok.pos_ == "VERB":
            rule = lookup_verb(tok)
            if rule is not None and rule.event != "-":
                found.append(Trigger(tok, rule))
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
            rule = lookup_noun(tok)
            if rule is None or rule.event == "-":
                continue
            head = tok.head
            # "held talks", "launched airstrikes", "imposed sanctions": the verb is light.
            if tok.dep_ in OBJECT_DEPS and head.pos_ == "VERB" and head.lemma_.lower() in light:
                found.append(Trigger(tok, rule, light_verb=head))
            else:
                found.append(Trigger(tok, rule))
    return found

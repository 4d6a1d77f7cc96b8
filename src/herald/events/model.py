"""A small learned re-ranker for the relation between two spans (numpy only).

Multinomial logistic regression over hashed features: the rules' answer and where its trigger
sits, the trigger's lemma and object, the lemmas on the dependency path between source and
target, the words between them, every lexicon event named in the sentence, negation. Weights ship
in ``relation_model.npz`` beside this module (licence: ``relation_model.LICENSE.md``), built by
``herald train`` (``events/train.py``) from data whose licence allows it. The rules keep their
answer unless the model is clearly surer of another type (``KEEP_RULE``; at 0 the model only
decides where the rules find no trigger).
"""

from __future__ import annotations

import zlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc, Span, Token

from herald.events.relation import span_token_ids

if TYPE_CHECKING:
    from herald.events.relation import Candidate, Relation

MODEL_FILE = Path(__file__).parent / "relation_model.npz"
N_FEATURES = 1 << 15
# Ratio of the model's probability for the rule's type to its best type below which the model
# overrules the rules (chosen by cross-validation on PLV train; see docs/benchmarks.md). Since the
# sixth round of rules every fold chooses 0: the model no longer overrules a rule's answer and
# names the type only where no trigger is found.
KEEP_RULE = 0.0
STOP_POS = frozenset({"DET", "PUNCT", "CCONJ", "SPACE", "SYM", "NUM", "PRON", "AUX", "PART"})


def _h(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


def features(doc: Doc | Span, source: tuple[int, int] | None, target: tuple[int, int] | None,
             rel: Relation, cands: list[Candidate], trig: Token | None) -> list[str]:
    """The feature strings of one (sentence, source, target) item."""
    whole = doc.doc if isinstance(doc, Span) else doc
    s_ids, t_ids = span_token_ids(whole, source), span_token_ids(whole, target)
    marked = s_ids | t_ids
    feats = [f"R={rel.event}", f"RP={rel.evidence.split(':')[1] if ':' in rel.evidence else '-'}"]
    if rel.event:
        feats.append(f"RE={rel.event}|{rel.evidence.split(':')[1]}")
    if trig is not None:
        lem = trig.lemma_.lower()
        feats += [f"T={lem}", f"TE={lem}|{rel.event}"]
        for c in trig.children:
            if c.dep_ in ("dobj", "prep", "prt", "xcomp", "attr", "neg", "amod", "compound"):
                feats.append(f"TC={c.dep_}|{c.lemma_.lower()}")
                if c.dep_ == "prep":
                    feats += [f"TPO={lem}|{c.lower_}|{g.lemma_.lower()}" for g in c.children
                              if g.dep_ == "pobj"]
        if trig.dep_ in ("xcomp", "ccomp", "dobj", "pobj"):
            feats.append(f"TH={trig.head.lemma_.lower()}|{trig.dep_}")
    for cand in cands:
        feats.append(f"C={cand.rule.event}|{cand.place}")
        if cand.place in ("path", "above"):
            feats.append(f"CL={cand.rule.lemma}")
    # path and window words
    src_i = min(s_ids) if s_ids else None
    tgt_i = min(t_ids) if t_ids else None
    if src_i is not None and tgt_i is not None:
        lo, hi = sorted((src_i, tgt_i))
        between = [t for t in whole[lo:hi] if t.i not in marked and t.pos_ not in STOP_POS]
        feats += [f"B={t.lemma_.lower()}" for t in between[:12]]
        feats.append("ORDER=st" if src_i < tgt_i else "ORDER=ts")
        heads = [whole[src_i], whole[tgt_i]]
        feats += [f"SD={heads[0].dep_}", f"TD={heads[1].dep_}"]
        if heads[1].dep_ == "pobj":
            feats.append(f"TP={heads[1].head.lower_}")
    sent = whole[min(marked or {0}):].sent if marked else next(iter(whole.sents))
    for t in sent:
        if t.i in marked or t.pos_ in STOP_POS:
            continue
        feats.append(f"W={t.lemma_.lower()}")
        if t.pos_ == "VERB":
            feats.append(f"V={t.lemma_.lower()}")
    if rel.negated:
        feats.append("NEG")
    if "not+" in rel.evidence or "refuse" in rel.evidence:
        feats.append("REFUSAL")
    return feats


def vectorize(feats: list[str]) -> np.ndarray:
    idx = np.fromiter((_h(f) for f in feats), dtype=np.int64, count=len(feats))
    return np.unique(idx)


@lru_cache(maxsize=1)
def load() -> tuple[np.ndarray, np.ndarray, list[str]] | None:
    """(weights [features x classes], bias, class names), or None when no weights ship."""
    if not MODEL_FILE.exists():
        return None
    data = np.load(MODEL_FILE, allow_pickle=False)
    return data["W"], data["b"], [str(c) for c in data["classes"]]


def predict_proba(idx: np.ndarray, model: tuple[np.ndarray, np.ndarray, list[str]]) -> np.ndarray:
    W, b, _ = model
    z = W[idx].sum(axis=0) + b
    z = z - z.max()
    p = np.exp(z)
    return p / p.sum()


def rerank(doc: Doc | Span, source: tuple[int, int] | None, target: tuple[int, int] | None,
           rel: Relation, cands: list[Candidate], trig: Token | None,
           keep_rule: float = KEEP_RULE) -> Relation:
    """The rules' relation, overruled by the model where it is clearly surer of another type."""
    model = load()
    if model is None or rel.final:
        return rel
    classes = model[2]
    p = predict_proba(vectorize(features(doc, source, target, rel, cands, trig)), model)
    best = int(p.argmax())
    if rel.event is not None and rel.event in classes:
        p_rule = float(p[classes.index(rel.event)])
        if p_rule >= keep_rule * float(p[best]):
            return replace(rel, confidence=round(max(rel.confidence, p_rule), 3),
                           evidence=rel.evidence + f"; model agrees p={p_rule:.2f}")
    event = classes[best]
    return replace(rel, event=event, mode=None if event != rel.event else rel.mode,
                   cameo="" if event != rel.event else rel.cameo,
                   confidence=round(float(p[best]), 3),
                   evidence=f"model:logreg p={p[best]:.2f}; {rel.evidence}")

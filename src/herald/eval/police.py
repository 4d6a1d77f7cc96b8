"""IndiaPoliceEvents sentence labels: did police arrest, use force, or kill?

Per sentence (``sents.jsonl`` in the folder), herald's prediction: ARREST when a trigger names
COERCE/arrest, FORCE when one names ASSAULT, KILL when an ASSAULT trigger is a killing verb
("killed", "shot dead") — in each case only in a sentence that names the police, since the gold
labels answer "did *police* ...?". Precision and recall per label.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

LABELS = ("ARREST", "FORCE", "KILL")
# Words naming police or paramilitary police in Indian English news.
POLICE = re.compile(
    r"\b(police\w*|cops?|constables?|sub-inspectors?|inspectors?|crpf|srp|raf|rapid action force|"
    r"jawans?|paramilitary|security forces|home guards?|commissioner|si|asi|dsp|sp)\b", re.I)
KILL_LEMMAS = frozenset({"kill", "shoot", "gun", "massacre", "murder", "slay", "execute"})


def load(folder: Path, limit: int | None = None) -> list[dict[str, Any]]:
    path = Path(folder) / "sents.jsonl" if Path(folder).is_dir() else Path(folder)
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def sentence_labels(doc) -> set[str]:
    """The IndiaPoliceEvents labels herald gives one parsed sentence."""
    from herald.events import relation

    found: set[str] = set()
    for tok in doc:
        rule = relation._rule_for(tok)
        if rule is None or rule.blocks:
            continue
        if rule.event == "COERCE" and rule.mode == "arrest":
            found.add("ARREST")
        elif rule.event == "ASSAULT":
            found.add("FORCE")
            lem = tok.lemma_.lower()
            dead = any(c.lower_ in ("dead", "death") for c in tok.children)
            if lem in ("kill", "massacre", "murder", "slay") or (lem == "shoot" and dead):
                found.add("KILL")
    return found


def score(path: Path, limit: int | None = None) -> dict[str, Any]:
    from herald import nlp

    start = time.perf_counter()
    rows = load(path, limit)
    texts = [r["sent_text"] for r in rows]
    # only sentences that name the police can carry a label of ours: parse just those
    idx = [i for i, t in enumerate(texts) if POLICE.search(t)]
    pred: list[set[str]] = [set() for _ in rows]
    for i, doc in zip(idx, nlp.load().pipe([texts[i] for i in idx], batch_size=64), strict=True):
        pred[i] = sentence_labels(doc)
    result: dict[str, Any] = {"n": len(rows), "per_class": {}}
    for lab in LABELS:
        gold = [lab in r["sent_labels"] for r in rows]
        got = [lab in p for p in pred]
        tp = sum(g and p for g, p in zip(gold, got, strict=True))
        fp = sum(p and not g for g, p in zip(gold, got, strict=True))
        fn = sum(g and not p for g, p in zip(gold, got, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        result["per_class"][lab] = {"precision": round(prec, 4), "recall": round(rec, 4),
                                    "f1": round(f1, 4), "support": tp + fn, "predicted": tp + fp}
        result[f"{lab.lower()}_precision"] = round(prec, 4)
        result[f"{lab.lower()}_recall"] = round(rec, 4)
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def report(result: dict[str, Any]) -> str:
    lines = [f"IndiaPoliceEvents sentences  n={result['n']}  seconds={result['seconds']}", "",
             f"  {'label':<8}{'prec':>7}{'rec':>7}{'f1':>7}{'gold':>6}{'pred':>6}"]
    for lab, v in result["per_class"].items():
        lines.append(f"  {lab:<8}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}"
                     f"{v['support']:>6}{v['predicted']:>6}")
    return "\n".join(lines)

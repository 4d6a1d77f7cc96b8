"""CAMEO codebook example sentences (``cameo-codes.csv``, latin-1): CAMEO root and code.

Each example is classified at sentence level (no dyad is marked): the rules name the main
trigger's lexicon row and its CAMEO code; where the re-ranker overrules the rules, its PLOVER type's
default code stands. A sentence with no event is a public statement (root 01). The shipped
re-ranker is trained on these examples (MIT), so ``root_accuracy_rules`` is the out-of-sample
figure.
"""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path
from typing import Any

from herald.eval.plv import classification, report_classification


def load(path: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(example sentence, CAMEO code) pairs; editor's notes after "Note:" are cut."""
    out = []
    with Path(path).open(encoding="latin-1", newline="") as f:
        for row in csv.DictReader(f):
            text = (row.get("example") or "").strip()
            if text and text != "NA":
                out.append((re.split(r"\s+Note:", text)[0].strip(), row["code"].strip()))
    return out[:limit] if limit else out


def _code(rel) -> str:
    from herald.events import cameo

    if rel.event is None:
        return "010"
    if rel.cameo and cameo.fits(rel.cameo, rel.event, rel.mode):
        return rel.cameo
    return rel.cameo or cameo.default_code(rel.event, rel.mode)


def _share(gold: list[str], pred: list[str]) -> float:
    """The fraction of predictions equal to the gold value, rounded as the report shows it."""
    return round(sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1), 4)


def score(path: Path, limit: int | None = None) -> dict[str, Any]:
    from herald import nlp
    from herald.events import model, relation

    start = time.perf_counter()
    rows = load(path, limit)
    codes, codes_rules = [], []
    for (_, _), doc in zip(rows, nlp.load().pipe([r[0] for r in rows]), strict=True):
        base, cands, trig = relation.rule_relation(doc, None, None)
        codes.append(_code(model.rerank(doc, None, None, base, cands, trig)))
        codes_rules.append(_code(base))
    gold_root = [c[:2] for _, c in rows]
    result = classification(gold_root, [c[:2] for c in codes])
    result["root_accuracy"] = result.pop("accuracy")
    gold_code = [c for _, c in rows]
    result["root_accuracy_rules"] = _share(gold_root, [c[:2] for c in codes_rules])
    result["code_accuracy"] = _share(gold_code, codes)
    result["code_accuracy_rules"] = _share(gold_code, codes_rules)
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def report(result: dict[str, Any]) -> str:
    return report_classification(
        result, "CAMEO example sentences (rows: gold root)",
        ("n", "root_accuracy", "root_accuracy_rules", "code_accuracy", "code_accuracy_rules",
         "seconds"))

"""PLV relation classification (Hu et al., ACL 2024): name the relation of a marked dyad.

Each TSV row has ``marked_sentence`` with ``<s>source</s>`` and ``<t>target</t>`` and
``gold_root``, one of 15 labels: the PLOVER types with CONCEDE and RETREAT merged as YIELD.
herald answers with ``herald.events.relation.classify_doc``; a relation with no event counts as
wrong. Also the shared helpers of the event-typing scorers: per-class figures and a confusion
matrix report.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from herald.errors import HeraldError

YIELD = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
NONE = "NONE"


def per_class(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str]) -> dict[str, dict]:
    """Precision, recall, F1 and support of each label."""
    out: dict[str, dict] = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
                    "support": tp + fn}
    return out


def classification(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None,
                   ) -> dict[str, Any]:
    """accuracy, macro_f1 over the gold labels, per_class and the confusion counts."""
    labels = sorted(set(gold)) if labels is None else list(labels)
    pc = per_class(gold, pred, labels)
    n = len(gold)
    confusion = Counter(f"{g}->{p}" for g, p in zip(gold, pred, strict=True))
    return {
        "n": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / max(n, 1), 4),
        "macro_f1": round(sum(v["f1"] for v in pc.values()) / max(len(pc), 1), 4),
        "per_class": pc,
        "confusion": dict(sorted(confusion.items())),
    }


def report_classification(result: dict[str, Any], title: str, keys: Sequence[str]) -> str:
    """A readable report: headline figures, per-class table and confusion matrix."""
    lines = [title, "  " + "  ".join(f"{k}={result[k]}" for k in keys if k in result), ""]
    pc = result.get("per_class", {})
    if pc:
        lines.append(f"  {'class':<12}{'prec':>7}{'rec':>7}{'f1':>7}{'n':>6}")
        for lab, v in pc.items():
            lines.append(f"  {lab:<12}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}"
                         f"{v['support']:>6}")
    conf = result.get("confusion", {})
    if conf:
        gold_labels = list(pc) or sorted({k.split("->")[0] for k in conf})
        pred_labels = sorted({k.split("->")[1] for k in conf} | set(gold_labels))
        short = [p[:4] for p in pred_labels]
        lines += ["", "  confusion (rows gold, columns predicted):",
                  "  " + " " * 10 + "".join(f"{s:>5}" for s in short)]
        for g in gold_labels:
            cells = "".join(f"{conf.get(f'{g}->{p}', 0) or '.':>5}" for p in pred_labels)
            lines.append(f"  {g[:10]:<10}{cells}")
    return "\n".join(lines)


def read_rows(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    """Rows of a PLV-style TSV: ``marked_sentence`` and the gold label as ``gold_root`` (PLV) or
    ``label`` (herald's own held-out sentences, ``tests/fixtures/relations_heldout.tsv``); lines
    starting with ``#`` are comments."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        fields = set(reader.fieldnames or ())
        if "marked_sentence" not in fields or not fields & {"gold_root", "label"}:
            raise HeraldError(f"{path}: expected a TSV with columns marked_sentence and gold_root "
                              "(or label)")
        rows = [{**r, "gold_root": r.get("gold_root") or r.get("label") or ""} for r in reader]
    return rows[:limit] if limit else rows


def predict(rows: Sequence[dict[str, str]], use_model: bool = True,
            keep_rule: float | None = None) -> list[str]:
    """Predicted PLV labels for the rows (NONE when no event is named)."""
    from herald import nlp
    from herald.events import model, relation

    items = [relation.unmark(r["marked_sentence"]) for r in rows]
    out = []
    for (_, s, t), doc in zip(items, nlp.load().pipe([i[0] for i in items], batch_size=64),
                              strict=True):
        if keep_rule is None:
            rel = relation.classify_doc(doc, s, t, use_model)
        else:
            base, cands, trig = relation.rule_relation(doc, s, t)
            rel = model.rerank(doc, s, t, base, cands, trig, keep_rule)
        out.append(YIELD.get(rel.event, rel.event) if rel.event else NONE)
    return out


def score(path: Path, limit: int | None = None, use_model: bool = True) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-class figures on a PLV TSV."""
    rows = read_rows(Path(path), limit)
    start = time.perf_counter()
    pred = predict(rows, use_model)
    seconds = time.perf_counter() - start
    result = classification([r["gold_root"] for r in rows], pred)
    result["seconds"] = round(seconds, 2)
    result["system"] = "rules+model" if use_model else "rules"
    return result


def cross_validate(path: Path, folds: int = 5,
                   grid: Sequence[float] = (0.0, 0.2, 0.35, 0.5, 0.7, 1.0, 2.0)) -> dict[str, Any]:
    """k-fold estimate of the one figure tuned on PLV train, the re-ranker's KEEP_RULE ratio:
    rows are dealt to folds by index (row i to fold i mod k); for each fold the ratio with the
    best accuracy on the other folds is applied to it. The model's weights never see PLV."""
    rows = read_rows(Path(path))
    gold = [r["gold_root"] for r in rows]
    preds = {k: predict(rows, keep_rule=k) for k in grid}
    pred = [""] * len(rows)
    chosen = []
    for f in range(folds):
        train = [i for i in range(len(rows)) if i % folds != f]
        best = max(grid, key=lambda k: sum(preds[k][i] == gold[i] for i in train))
        chosen.append(best)
        for i in range(len(rows)):
            if i % folds == f:
                pred[i] = preds[best][i]
    result = classification(gold, pred)
    result["folds"] = folds
    result["chosen_keep_rule"] = chosen
    return result


def report(result: dict[str, Any]) -> str:
    return report_classification(result, "PLV relation classification",
                                 ("n", "accuracy", "macro_f1", "seconds", "system"))

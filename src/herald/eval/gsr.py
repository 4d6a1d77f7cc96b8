"""PLOVER gold-standard records (CAMEO-manual sentences coded in PLOVER v0.5b1).

Event type: the relation between the record's first source and first target actor, named by
``herald.events.relation`` (old types mapped: DEMAND->REQUEST, DISAPPROVE->ACCUSE,
INVESTIGATE->ACCUSE, FIGHT->ASSAULT). Note that the shipped re-ranker is trained on these records
(CC BY-SA 4.0), so ``event_accuracy`` is in-sample for it; ``event_accuracy_rules`` is not.
Actors: every gold actor's ``actorText`` resolved with ``herald.actors.resolve_phrase`` against
its ``code`` (country) and, where the country is right, its ``sector``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from herald.eval.plv import classification, report_classification

OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}


def load(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    records = [r for r in json.loads(Path(path).read_text("utf-8"))
               if r.get("event") != "DOCUMENT" and r.get("text")]
    return records[:limit] if limit else records


def actor_accuracy(records: list[dict[str, Any]]) -> dict[str, Any]:
    """n gold actors, country accuracy, and sector accuracy over those whose country is right."""
    from herald.actors import resolve_phrase

    n = country_ok = sector_n = sector_ok = 0
    for r in records:
        for side in ("source", "target"):
            for a in r.get(side) or []:
                if not isinstance(a, dict):
                    continue
                n += 1
                ents = resolve_phrase(a["actorText"], r.get("date"))
                got_c = ents[0].country if ents else None
                got_s = ents[0].sector if ents else None
                gold_s = (a.get("sector") or "")[:3].upper() or None
                gold_s = None if gold_s == "***" else gold_s
                if got_c == a["code"]:
                    country_ok += 1
                    sector_n += 1
                    sector_ok += got_s == gold_s
    return {"actors": n, "actor_country_accuracy": round(country_ok / max(n, 1), 4),
            "actor_sector_accuracy": round(sector_ok / max(sector_n, 1), 4)}


def score(path: Path, limit: int | None = None) -> dict[str, Any]:
    from herald import nlp
    from herald.events import relation
    from herald.events.train import gsr_items

    start = time.perf_counter()
    records = load(path, limit)
    items = gsr_items(Path(path))[: len(records)]
    gold = [it[3] for it in items]
    pred, pred_rules = [], []
    for (_, s, t, _), doc in zip(items, nlp.load().pipe([i[0] for i in items]), strict=True):
        base, cands, trig = relation.rule_relation(doc, s, t)
        from herald.events import model

        full = model.rerank(doc, s, t, base, cands, trig)
        pred.append(full.event or "NONE")
        pred_rules.append(base.event or "NONE")
    result = classification(gold, pred)
    result["event_accuracy"] = result.pop("accuracy")
    result["event_accuracy_rules"] = classification(gold, pred_rules)["accuracy"]
    result.update(actor_accuracy(records))
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def report(result: dict[str, Any]) -> str:
    return report_classification(
        result, "PLOVER gold-standard records",
        ("n", "event_accuracy", "event_accuracy_rules", "macro_f1", "actor_country_accuracy",
         "actor_sector_accuracy", "seconds"))

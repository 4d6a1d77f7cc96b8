"""CASE 2021 task 2 snippets (30 ACLED-style types) mapped to PLOVER type and mode.

The mapping is ``case2021_types.tsv`` beside this module; disasters, organised crime, claims of
responsibility and OTHER map to no event. A snippet's answer is its main event
(``events.salience.main_event``: the first sentence with an event trigger, where police handling a
crowd is the protest); no dyad is marked. ``type_accuracy`` and
``mode_accuracy`` are over the political types (mode: type and mode both right, over the rows
whose gold mode is set); ``no_event_accuracy`` is the share of non-political snippets where
herald names no event.
"""

from __future__ import annotations

import csv
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from herald.eval.plv import classification, report_classification

TYPES_FILE = Path(__file__).parent / "case2021_types.tsv"


@lru_cache(maxsize=1)
def type_map() -> dict[str, tuple[str | None, str | None]]:
    """CASE subtype -> (PLOVER type or None, mode or None)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for line in TYPES_FILE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("subtype\t"):
            continue
        cells = (line.split("\t") + ["", ""])[:3]
        out[cells[0]] = (cells[1] or None, cells[2] or None)
    return out


def load(path: Path, limit: int | None = None) -> list[tuple[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as f:
        rows = [(r["EventSnippet"], r["SubType"]) for r in csv.DictReader(f, delimiter="\t")]
    return rows[:limit] if limit else rows


def snippet_event(doc) -> tuple[str | None, str | None]:
    """The (type, mode) of a snippet's main event (``events.salience.main_event``)."""
    from herald.events import salience

    rel = salience.main_event(doc)
    return (rel.event, rel.mode) if rel is not None else (None, None)


def score(path: Path, limit: int | None = None) -> dict[str, Any]:
    from herald import nlp

    start = time.perf_counter()
    rows = load(path, limit)
    mapping = type_map()
    gold, pred = [], []
    mode_n = mode_ok = other_n = other_ok = 0
    for (_, sub), doc in zip(rows, nlp.load().pipe([r[0] for r in rows]), strict=True):
        g_type, g_mode = mapping.get(sub, (None, None))
        p_type, p_mode = snippet_event(doc)
        if g_type is None:
            other_n += 1
            other_ok += p_type is None
            continue
        gold.append(g_type)
        pred.append(p_type or "NONE")
        if g_mode:
            mode_n += 1
            mode_ok += p_type == g_type and p_mode == g_mode
    result = classification(gold, pred)
    result["n"] = len(rows)
    result["political"] = len(gold)
    result["type_accuracy"] = result.pop("accuracy")
    result["mode_accuracy"] = round(mode_ok / max(mode_n, 1), 4)
    result["no_event_accuracy"] = round(other_ok / max(other_n, 1), 4)
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def report(result: dict[str, Any]) -> str:
    return report_classification(
        result, "CASE 2021 task 2 (political types, PLOVER)",
        ("n", "political", "type_accuracy", "mode_accuracy", "no_event_accuracy", "seconds"))

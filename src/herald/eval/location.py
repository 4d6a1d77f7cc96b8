"""Scorer for the event-location gold set ("Geolocating Political Events in Text").

Input: ``labeled_text.jsonl.zip`` as shipped, or the ``labeled_text.jsonl`` it holds (despite the
name, one JSON array). Only the gold-standard rows (``source: "RELABEL"``, ``answer: "accept"``)
are scored. Each row is one sentence with one ``VERB`` span, the event, and zero or more
``LOCATION`` spans, where that event happened (several when the event happened in several places:
"liberated the cities of Palmyra and Quaryatayn").

The metric, exactly:

* character spans are rebuilt from ``token_start``/``token_end`` and the ``tokens`` list (the
  rows' own ``start``/``end`` are off in about 40% of the gold rows);
* the sentence is coded by the pipeline (publication date unknown). "The" event is the one whose
  trigger token lies in the gold VERB span; when the events stage found none there, an event is
  made at the verb's head token so that the location rule is still scored on it;
* the prediction is that event's ``location`` (``where.locate``). It is right when its character
  span overlaps any gold LOCATION span, or when there is no gold LOCATION and no prediction.
  A prediction taken from elsewhere (a dateline) has no span in the sentence and counts as wrong.

Figures: ``n``, ``accuracy``, ``with_location`` (n, recall: a predicted place overlapping a gold
one), ``without_location`` (n, share where nothing was predicted), ``event_found`` (share of rows
whose verb the events stage made an event of).
"""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path
from typing import Any

GOLD_SOURCE = "RELABEL"


def read_rows(path: Path) -> list[dict[str, Any]]:
    """All records of the set, from the zip as shipped or from the extracted JSON file."""
    path = Path(path)
    if path.is_dir():
        path = path / "labeled_text.jsonl.zip"
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist()
                        if n.endswith("labeled_text.jsonl") and not n.startswith("__MACOSX"))
            data = z.read(name).decode("utf-8")
    else:
        data = path.read_text(encoding="utf-8")
    data = data.strip()
    if data.startswith("["):
        return json.loads(data)
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def gold_rows(path: Path) -> list[dict[str, Any]]:
    """The scored rows: gold-standard, accepted, with a VERB span, in file order."""
    out = []
    for r in read_rows(path):
        if r.get("source") != GOLD_SOURCE or r.get("answer", "accept") != "accept":
            continue
        if not any(s.get("label") == "VERB" for s in r.get("spans") or []):
            continue
        out.append(r)
    return out


def spans_of(row: dict[str, Any], label: str) -> list[tuple[int, int]]:
    """Character spans of the row's spans with ``label``, rebuilt from its tokens."""
    toks = row["tokens"]
    return [(toks[s["token_start"]]["start"], toks[s["token_end"]]["end"])
            for s in row.get("spans") or [] if s.get("label") == label]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predict(text: str, verb: tuple[int, int]) -> tuple[tuple[int, int] | None, bool, Any]:
    """(character span of the predicted location or None, whether an event was found, place)."""
    from herald import where
    from herald.model import Event
    from herald.pipeline import code_text

    document = code_text(text)
    doc = document.doc
    event = next((e for e in document.events
                  if verb[0] <= doc[e.trigger].idx < verb[1]), None)
    found = event is not None
    if event is None:
        span = doc.char_span(verb[0], verb[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            return None, False, None
        head = span.root
        sent = head.sent
        event = Event(sentence_start=sent.start_char, sentence_end=sent.end_char,
                      trigger=head.i, trigger_text=span.text, event="", mode=None, cameo="")
        event.location = where.locate(document, event)
    place = event.location
    if place is None:
        return None, found, None
    return (place.char_start, place.char_end), found, place


def score(path: Path, limit: int | None = None, errors: bool = False) -> dict[str, Any]:
    """Score herald's event locations on the gold rows (see the module docstring)."""
    rows = gold_rows(path)
    if limit:
        rows = rows[:limit]
    t0 = time.perf_counter()
    right = found = 0
    with_n = with_ok = without_n = without_ok = 0
    wrong: list[dict[str, Any]] = []
    for r in rows:
        verb = spans_of(r, "VERB")[0]
        gold = spans_of(r, "LOCATION")
        pred, event_found, place = predict(r["text"], verb)
        found += event_found
        if gold:
            with_n += 1
            ok = pred is not None and any(_overlaps(pred, g) for g in gold)
            with_ok += ok
        else:
            without_n += 1
            ok = pred is None
            without_ok += ok
        right += ok
        if errors and not ok:
            wrong.append({
                "text": r["text"], "verb": r["text"][verb[0]:verb[1]],
                "gold": [r["text"][a:b] for a, b in gold],
                "predicted": r["text"][pred[0]:pred[1]] if pred else None,
            })
    n = len(rows)
    result: dict[str, Any] = {
        "n": n,
        "accuracy": round(right / n, 4) if n else 0.0,
        "with_location": {"n": with_n, "recall": round(with_ok / with_n, 4) if with_n else 0.0},
        "without_location": {"n": without_n,
                             "none_predicted": round(without_ok / without_n, 4)
                             if without_n else 0.0},
        "event_found": round(found / n, 4) if n else 0.0,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    if errors:
        result["errors"] = wrong
    return result


def report(result: dict[str, Any]) -> str:
    """A short human-readable summary of :func:`score`'s result."""
    w, wo = result["with_location"], result["without_location"]
    return (f"event location: n={result['n']} accuracy={result['accuracy']:.3f}\n"
            f"  with a gold location: n={w['n']} recall={w['recall']:.3f}\n"
            f"  without one: n={wo['n']} nothing predicted={wo['none_predicted']:.3f}\n"
            f"  an event found at the gold verb: {result['event_found']:.3f}")

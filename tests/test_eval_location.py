"""The event-location scorer, on a small gold file written here (and the shipped set if present)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from herald.eval import location

SHARED = Path(__file__).parents[1].parent / "shared" / "gold" / "event_location"


def row(text: str, verb: str, place: str | None, source: str = "RELABEL") -> dict:
    """A record in the set's layout: tokens with offsets, spans by token index."""
    tokens, at = [], 0
    for i, word in enumerate(text.split()):
        start = text.index(word, at)
        at = start + len(word)
        tokens.append({"text": word, "start": start, "end": at, "id": i})

    def span(word: str, label: str) -> dict:
        first = word.split()[0]
        i = next(t["id"] for t in tokens if t["text"].strip(".,") == first)
        j = i + len(word.split()) - 1
        # character offsets deliberately wrong, as in many gold rows: tokens are the truth
        return {"start": 0, "end": 1, "token_start": i, "token_end": j, "label": label}

    spans = [span(verb, "VERB")] + ([span(place, "LOCATION")] if place else [])
    return {"text": text, "tokens": tokens, "spans": spans, "source": source, "answer": "accept"}


ROWS = [
    row("Dozens of farmers marched in Nakuru on Friday to demand lower fuel prices.", "marched",
        "Nakuru"),
    row("Troops captured the town of Kessala after two days of fighting.", "captured", "Kessala"),
    row("The minister said the talks had been useful.", "said", None),
    row("Gunmen shot two guards in Mombasa late on Sunday.", "shot", "Mombasa",
        source="AP"),  # not a gold row: left out
]


def test_eval_location_reads_json_and_zip(tmp_path):
    plain = tmp_path / "labeled_text.jsonl"
    plain.write_text(json.dumps(ROWS), encoding="utf-8")
    packed = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(packed, "w") as z:
        z.write(plain, "labeled_text.jsonl")
        z.writestr("__MACOSX/._labeled_text.jsonl", "junk")
    assert location.read_rows(plain) == location.read_rows(packed) == ROWS
    assert len(location.gold_rows(packed)) == 3


def test_eval_location_spans_come_from_tokens():
    r = ROWS[1]
    ((a, b),) = location.spans_of(r, "LOCATION")
    assert r["text"][a:b] == "Kessala"


def test_eval_location_score(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(ROWS), encoding="utf-8")
    result = location.score(path)
    assert result["n"] == 3
    assert result["with_location"]["n"] == 2 and result["without_location"]["n"] == 1
    assert result["accuracy"] == 1.0
    assert "accuracy=1.000" in location.report(result)


@pytest.mark.slow
def test_eval_location_gold_floor():
    path = SHARED / "labeled_text.jsonl.zip"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the repository)")
    result = location.score(path)
    assert result["n"] == 494
    assert result["accuracy"] >= 0.85  # the target; 0.875 on 2026-11-26

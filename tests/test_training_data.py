"""The project's own relation training sentences (``events/training/*.tsv``) are well formed,
cover every PLV label, and are the project's own text (no long overlap with the PLV test set)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from herald.events import relation, train

TRAINING = Path(train.__file__).parent / "training"
NEWS = TRAINING / "news_relations.tsv"
PLV_TRAIN = (Path(__file__).parents[1].parent / "shared" / "gold" / "plover"
             / "zero_shot_plover_PLV" / "PLV_train.tsv")
# herald's 16 PLOVER types; PLV (and this test's per-label count) merges CONCEDE and RETREAT
HERALD_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "RETREAT", "COOPERATE", "AID", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
PLV_LABEL = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
MIN_PER_LABEL = 60
NGRAM = 10
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@cache
def rows(path: Path) -> tuple[tuple[int, str, str], ...]:
    """(line number, label, marked sentence) of every data line of a training file."""
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("label\t"):
            continue
        label, _, marked = line.partition("\t")
        out.append((n, label, marked))
    return tuple(out)


def all_rows() -> list[tuple[str, int, str, str]]:
    return [(p.name, n, lab, m) for p in train.own_files(TRAINING) for n, lab, m in rows(p)]


def ngrams(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + NGRAM]) for i in range(len(words) - NGRAM + 1)}


def test_training_data_files_include_news_relations():
    names = [p.name for p in train.own_files(TRAINING)]
    assert "news_relations.tsv" in names and "relations.tsv" in names
    assert names == sorted(names)


def test_training_data_lines_parse_with_one_source_and_one_target():
    bad = []
    for name, n, label, marked in all_rows():
        counts = [marked.count(tag) for tag in ("<s>", "</s>", "<t>", "</t>")]
        if label not in HERALD_TYPES or counts != [1, 1, 1, 1] or "\t" in marked:
            bad.append(f"{name}:{n}")
            continue
        text, (s0, s1), (t0, t1) = relation.unmark(marked)
        overlap = s0 < t1 and t0 < s1
        if s1 <= s0 or t1 <= t0 or overlap or "<" in text or not text[s0:s1].strip():
            bad.append(f"{name}:{n}")
    assert not bad, f"malformed training lines: {bad[:20]}"


def test_training_data_has_no_duplicates_across_files():
    seen: dict[str, str] = {}
    dups = []
    for name, n, _, marked in all_rows():
        key = " ".join(relation.unmark(marked)[0].lower().split())
        if key in seen:
            dups.append(f"{name}:{n} = {seen[key]}")
        seen.setdefault(key, f"{name}:{n}")
    assert not dups, f"duplicate sentences: {dups[:20]}"


def test_training_data_news_file_covers_every_plv_label():
    counts = Counter(PLV_LABEL.get(label, label) for _, label, _ in rows(NEWS))
    plv_labels = {PLV_LABEL.get(t, t) for t in HERALD_TYPES}
    assert len(plv_labels) == 15
    short = {lab: counts[lab] for lab in plv_labels if counts[lab] < MIN_PER_LABEL}
    assert not short, f"labels with fewer than {MIN_PER_LABEL} sentences: {short}"


def test_training_data_shares_no_ten_word_sequence_with_plv():
    if not PLV_TRAIN.exists():
        pytest.skip(f"{PLV_TRAIN} not found (the shared PLV gold set is not checked out)")
    held_out: set[tuple[str, ...]] = set()
    with PLV_TRAIN.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            held_out |= ngrams(row.get("sentence") or "")
    assert held_out, "PLV_train.tsv has no sentence column"
    shared = [f"{name}:{n}" for name, n, _, marked in all_rows()
              if ngrams(relation.unmark(marked)[0]) & held_out]
    assert not shared, f"lines sharing a {NGRAM}-word sequence with PLV: {shared[:20]}"

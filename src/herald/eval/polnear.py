"""Scorer for PolNeAR attribution gold (brat standoff): quote content found, speaker right.

Layout read: ``DIR/text/<stem>.txt`` and ``DIR/attributions/<stem>_<annotator>.ann``. Where an
article has several annotators' files the first by name is used.

The metric, exactly:

* gold attributions are the relations of type ``Attribution`` that have a ``Content`` role; a
  second content role (``Content2``) and discontinuous spans are merged into one span from the
  first start to the last end.
* ``Attribution-no-source`` relations are left out of the headline figures. PolNeAR gives them a
  relation type of their own for attributions whose source is not in the text: impersonal
  evidentials and perception ("X seems to be", "is expected to", "reportedly", "it was announced
  that", "was accused of"), about 6% of relations. They answer no "who said so", which is what
  herald's quotes are for, and an ``Attribution`` relation with no ``Source`` role (a source the
  annotator could not mark, still counted) is a different thing. For comparison the output also
  gives ``with_no_source``: recall and F1 when they are counted as gold.
* content boundaries follow the gold convention (checked on train): a reported clause includes
  its "that", a quote includes its quotation marks (and the comma inside them), the sentence's
  full stop after the content is left out; the scorer itself does not normalise boundaries.
* a predicted quote matches a gold attribution when the overlap of their content character spans
  divided by their union is at least 0.5; pairs are matched one to one, best overlap first.
* ``source_accuracy``: among matched pairs whose gold has a ``Source``, the share whose predicted
  speaker span overlaps the gold source by at least one character.

Brat offsets are character offsets into the ``.txt`` as read (UTF-8); the text is read with
``newline=""`` so that no newline translation shifts them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from herald.model import Article, Quote

MIN_OVERLAP = 0.5


@dataclass
class GoldAttribution:
    content: tuple[int, int]
    sources: list[tuple[int, int]]  # span pieces of the Source (empty when none)


def read_text(path: Path) -> str:
    """The article text exactly as brat offsets count it."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _span(offsets: str) -> list[tuple[int, int]]:
    """Brat offsets "s e" or "s e;s e" as a list of (start, end) pieces."""
    pieces = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return pieces


GOLD_TYPES = ("Attribution",)
ALL_TYPES = ("Attribution", "Attribution-no-source")


def parse_ann(text: str, types: tuple[str, ...] = GOLD_TYPES) -> list[GoldAttribution]:
    """The gold attributions of one brat .ann file: relations of the given types that have a
    content (see the module docstring)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2 or " " not in parts[1]:
                continue
            _, offsets = parts[1].split(" ", 1)
            spans[parts[0]] = _span(offsets)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) >= 2:
                relations.append(parts[1].split())
    gold = []
    for args in relations:
        if not args or args[0].split(":", 1)[0] not in types:
            continue
        content: list[tuple[int, int]] = []
        sources: list[tuple[int, int]] = []
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            pieces = spans.get(ref, [])
            if role.startswith("Content"):
                content.extend(pieces)
            elif role.startswith("Source"):
                sources.extend(pieces)
        if content:
            start = min(s for s, _ in content)
            end = max(e for _, e in content)
            gold.append(GoldAttribution((start, end), sources))
    return gold


def annotated(directory: Path) -> list[tuple[str, Path, Path]]:
    """(article id, text file, first annotation file) for every annotated article."""
    directory = Path(directory)
    first: dict[str, Path] = {}
    for ann in sorted((directory / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0] if "_" in ann.stem else ann.stem
        if not (directory / "text" / f"{stem}.txt").exists():
            stem = ann.stem  # an annotation file without an annotator suffix
        first.setdefault(stem, ann)
    found = []
    for stem, ann in sorted(first.items()):
        txt = directory / "text" / f"{stem}.txt"
        if txt.exists():
            found.append((stem, txt, ann))
    return found


def load(
    directory: Path, types: tuple[str, ...] = GOLD_TYPES
) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(article id, text, gold attributions) for every article with an annotation file."""
    return [
        (stem, read_text(txt), parse_ann(ann.read_text(encoding="utf-8"), types))
        for stem, txt, ann in annotated(directory)
    ]


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match(
    gold: list[GoldAttribution], predicted: list[Quote]
) -> list[tuple[GoldAttribution, Quote]]:
    """One-to-one pairs with content overlap/union >= 0.5, best overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            iou = _iou(g.content, (p.content_start, p.content_end))
            if iou >= MIN_OVERLAP:
                candidates.append((-iou, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


def speaker_right(g: GoldAttribution, p: Quote) -> bool:
    """The predicted speaker span overlaps the gold source by at least one character."""
    if p.speaker_start is None or p.speaker_end is None:
        return False
    return any(min(e, p.speaker_end) > max(s, p.speaker_start) for s, e in g.sources)


def figures(n_gold: int, n_pred: int, pairs: list[tuple[GoldAttribution, Quote]]) -> dict[str, Any]:
    """Precision, recall, F1 and source accuracy from the matched pairs."""
    tp = len(pairs)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    with_source = [(g, p) for g, p in pairs if g.sources]
    right = sum(speaker_right(g, p) for g, p in with_source)
    return {
        "n": n_gold,
        "predicted": n_pred,
        "matched": tp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "source_accuracy": round(right / len(with_source), 4) if with_source else 0.0,
    }


def score(directory: Path, model: str | None = None) -> dict[str, Any]:
    """Run herald's pipeline on a PolNeAR split and score its quotes (see the module docstring)."""
    from herald.pipeline import code_documents

    files = annotated(Path(directory))
    texts = {aid: read_text(txt) for aid, txt, _ in files}
    anns = {aid: ann.read_text(encoding="utf-8") for aid, _, ann in files}
    headline = {aid: parse_ann(a) for aid, a in anns.items()}
    gold = {aid: parse_ann(a, ALL_TYPES) for aid, a in anns.items()}
    started = time.perf_counter()
    n_gold = n_all = n_pred = 0
    pairs: list[tuple[GoldAttribution, Quote]] = []
    pairs_all: list[tuple[GoldAttribution, Quote]] = []
    documents = code_documents((Article(id=aid, text=text) for aid, text in texts.items()), model)
    for document in documents:
        aid = document.article.id
        n_gold += len(headline[aid])
        n_all += len(gold[aid])
        n_pred += len(document.quotes)
        pairs.extend(match(headline[aid], document.quotes))
        pairs_all.extend(match(gold[aid], document.quotes))
    result = figures(n_gold, n_pred, pairs)
    every = figures(n_all, n_pred, pairs_all)
    result["with_no_source"] = {k: every[k] for k in ("n", "matched", "recall", "f1")}
    result["articles"] = len(files)
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result

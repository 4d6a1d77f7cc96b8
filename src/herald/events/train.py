"""``herald train``: rebuild the relation re-ranker's weights (``relation_model.npz``).

Training data, all of it licensed for this use:

- ``training/*.tsv`` — sentences written for herald (project text), read in sorted file order;
- the PLOVER gold-standard records (CC BY-SA 4.0), ``--gsr PATH``, with their source and target
  actors marked;
- the CAMEO example sentences of ``cameo-codes.csv`` (MIT repository), ``--cameo PATH``, with the
  root mapped to PLOVER (01 statements dropped; 02 appeals are REQUEST).

PLV, CASE 2021, IndiaPoliceEvents and PolNeAR are for measuring only and are never read here.
The weights carry the GSR's CC BY-SA 4.0 licence (``relation_model.LICENSE.md``).

    herald train [--gsr PATH] [--cameo PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import numpy as np

from herald.events import model, relation

HERE = Path(__file__).parent
SHARED = HERE.parents[2].parent / "shared" / "gold"
GSR = SHARED / "plover" / "openeventdata_PLOVER" / "PLOVER_GSR_CAMEO.json.txt"
CAMEO = SHARED / "cameo" / "cameo-codes.csv"
TRAINING = HERE / "training"
OWN = TRAINING / "relations.tsv"
OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT"}
# The old draft's SANCTION includes imposing sanctions and embargoes, which today's CAMEO-PLOVER
# table (163) codes COERCE/restrict: such records follow the current table.
SANCTIONS_WORDS = ("sanction", "embargo", "boycott")
Item = tuple[str, tuple[int, int] | None, tuple[int, int] | None, str]


def own_items(path: Path = OWN) -> list[Item]:
    items: list[Item] = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("label\t"):
            continue
        label, marked = line.split("\t", 1)
        text, s, t = relation.unmark(marked)
        items.append((text, s, t, label))
    return items


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    """The span of an actor text in its sentence. Coders' texts may differ from the sentence in
    spacing ("Homeland Union  (Conservatives)"), elide words ("Bosnian Serbs ... forces") or
    join a shared head to each part of a compound ("US forces" in "US and British forces"): the
    longest run of the text's leading words found whole in the sentence stands for it."""
    phrase = " ".join(phrase.split()) if phrase else ""
    i = text.find(phrase) if phrase else -1
    if i >= 0:
        return (i, i + len(phrase))
    words = re.split(r"\s+\.{2,}\s*|\s+", phrase)
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n])
        m = re.search(rf"(?<!\w){re.escape(head)}(?!\w)", text)
        if m and any(ch.isalpha() for ch in head):
            return (m.start(), m.end())
    return None


def gsr_items(path: Path = GSR) -> list[Item]:
    """GSR sentences with their first source and target actor as the marked spans."""
    items: list[Item] = []
    for r in json.loads(path.read_text("utf-8")):
        event = OLD_PLOVER.get(r.get("event"), r.get("event"))
        if event == "SANCTION" and any(w in (r.get("eventText") or "").lower()
                                       for w in SANCTIONS_WORDS):
            event = "COERCE"
        if event == "DOCUMENT" or not r.get("text"):
            continue
        text = r["text"]
        src = [a["actorText"] for a in r.get("source") or [] if isinstance(a, dict)]
        tgt = [a["actorText"] for a in r.get("target") or [] if isinstance(a, dict)]
        if not tgt and len(src) >= 2:  # compound actor acting on each other
            src, tgt = src[:1], src[1:2]
        items.append((text, _find(text, src[0]) if src else None,
                      _find(text, tgt[0]) if tgt else None, event))
    return items


def cameo_items(path: Path = CAMEO) -> list[Item]:
    """CAMEO example sentences with their code's PLOVER type (no spans)."""
    from herald.events import cameo

    items: list[Item] = []
    with path.open(encoding="latin-1", newline="") as f:
        for row in csv.DictReader(f):
            text = (row.get("example") or "").strip()
            if not text or text == "NA":
                continue
            text = re.split(r"\s+Note:", text)[0].strip()
            code = row["code"].strip()
            try:
                event, _ = cameo.plover_of(code)
            except KeyError:
                continue
            if event is None:
                if not code.startswith("02"):
                    continue
                event = "REQUEST"
            items.append((text, None, None, event))
    return items


def featurize(items: list[Item]) -> list[np.ndarray]:
    from herald import nlp

    docs = nlp.load().pipe([it[0] for it in items], batch_size=64)
    out = []
    for (_, s, t, _), doc in zip(items, docs, strict=True):
        rel, cands, trig = relation.rule_relation(doc, s, t)
        out.append(model.vectorize(model.features(doc, s, t, rel, cands, trig)))
    return out


def fit(X: list[np.ndarray], y: list[str], l2: float = 1e-3, epochs: int = 300,
        lr: float = 0.5) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Multinomial logistic regression on sparse binary rows, full-batch gradient descent."""
    classes = sorted(set(y))
    k = len(classes)
    Y = np.zeros((len(y), k))
    Y[np.arange(len(y)), [classes.index(c) for c in y]] = 1.0
    W = np.zeros((model.N_FEATURES, k))
    b = np.zeros(k)
    rows = np.concatenate([np.full(len(x), i) for i, x in enumerate(X)])
    cols = np.concatenate(X)
    n = len(X)
    for _ in range(epochs):
        Z = np.zeros((n, k))
        np.add.at(Z, rows, W[cols])
        Z += b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) / n
        gW = np.zeros_like(W)
        np.add.at(gW, cols, G[rows])
        W -= lr * (gW + l2 * W)
        b -= lr * G.sum(axis=0)
    return W.astype(np.float32), b.astype(np.float32), classes


def own_files(folder: Path = TRAINING) -> list[Path]:
    """The project's own training files, in sorted order so that training is deterministic."""
    return sorted(folder.glob("*.tsv"))


def build(gsr: Path | None, cameo: Path | None) -> tuple[list[np.ndarray], list[str]]:
    items = [it for path in own_files() for it in own_items(path)]
    if gsr is not None and gsr.exists():
        items += gsr_items(gsr)
    if cameo is not None and cameo.exists():
        items += cameo_items(cameo)
    return featurize(items), [it[3] for it in items]


def argument_defaults() -> dict[str, Path]:
    return {"gsr": GSR, "cameo": CAMEO, "out": model.MODEL_FILE}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gsr", type=Path, default=GSR, help="PLOVER_GSR_CAMEO.json.txt (CC BY-SA 4.0)")
    p.add_argument("--cameo", type=Path, default=CAMEO, help="cameo-codes.csv (MIT)")
    p.add_argument("--out", type=Path, default=model.MODEL_FILE, help="where to write the weights")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="herald train", description=__doc__.split("\n")[0])
    add_arguments(p)
    return run(p.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    for path in (args.gsr, args.cameo):
        if not Path(path).exists():
            from herald.errors import HeraldError

            raise HeraldError(f"{path}: training set not found; pass its path (see --help)")
    X, y = build(args.gsr, args.cameo)
    W, b, classes = fit(X, y)
    # keep only the rows that a training feature touched: the rest are zero
    np.savez_compressed(args.out, W=W, b=b, classes=np.array(classes))
    print(f"trained on {len(y)} items, {len(classes)} classes -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

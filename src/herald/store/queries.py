"""The read API over a store, for the CLI and the web app. All functions take a connection.

Open one with :func:`connect` (read-only by default; a reader never blocks on another reader
in the same process, but a writer in another process locks the file: see docs/store.md).
"""

from __future__ import annotations

from typing import Any

import duckdb

from herald.analysis.alerts import find_alerts
from herald.analysis.dyad import actor_clause, check_date, dyad_series
from herald.errors import HeraldError
from herald.model import SECTORS
from herald.store.schema import connect

__all__ = ["actors", "alerts", "connect", "dyad_series", "get_event", "list_events", "quotes",
           "run_sql", "where_clause"]

PLOVER_TYPES = frozenset("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE "
                         "REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split())
SORTS = {"date": "day DESC NULLS LAST, gid DESC", "-date": "day ASC NULLS LAST, gid",
         "mentions": "num_mentions DESC, gid", "goldstein": "goldstein ASC, gid",
         "-goldstein": "goldstein DESC, gid", "gid": "gid"}


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def where_clause(filters: dict[str, Any] | None) -> tuple[str, list[Any]]:
    """SQL condition over ``events`` for filters: since, until, actor, recipient, event, negated.

    ``actor``/``recipient`` are country codes with an optional sector ("CHN", "CHNMIL");
    ``event`` is a PLOVER type ("ASSAULT") or a CAMEO code prefix ("19", "190");
    ``negated`` None keeps both, True/False keeps only negated/asserted events.
    """
    f = filters or {}
    parts: list[str] = []
    params: list[Any] = []
    for key, op in (("since", ">="), ("until", "<=")):
        d = check_date(f.get(key), f"--{key}")
        if d:
            parts.append(f"day {op} ?")
            params.append(d)
    for key in ("actor", "recipient"):
        clause, p = actor_clause(key, f.get(key))
        parts.append(clause)
        params += p
    ev = f.get("event")
    if ev:
        if ev.isdigit():
            parts.append("starts_with(cameo, ?)")
            params.append(ev)
        elif ev.upper() in PLOVER_TYPES:
            parts.append("event = ?")
            params.append(ev.upper())
        else:
            raise HeraldError(f"--event {ev!r}: give a PLOVER type (e.g. ASSAULT) or a CAMEO "
                              "code prefix (e.g. 19)")
    if f.get("negated") is not None:
        parts.append("negated = ?")
        params.append(bool(f["negated"]))
    return " AND ".join(parts) or "TRUE", params


def list_events(con: duckdb.DuckDBPyConnection, filters: dict[str, Any] | None = None,
                sort: str = "date", limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Events matching the filters, sorted by ``date`` (newest first), ``-date``, ``mentions``,
    ``goldstein`` (most conflictual first), ``-goldstein`` or ``gid``."""
    if sort not in SORTS:
        raise HeraldError(f"sort {sort!r}: choose one of {', '.join(SORTS)}")
    cond, params = where_clause(filters)
    return _dicts(con.execute(
        f"SELECT * EXCLUDE (ekey) FROM events WHERE {cond} ORDER BY {SORTS[sort]} "
        "LIMIT ? OFFSET ?", [*params, int(limit), int(offset)]))


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with its ``mentions`` (each with sentence, char span, article, confidence) and
    the ``sources`` (documents, URLs, outlets) that carry it; None when there is no such id."""
    rows = _dicts(con.execute("SELECT * EXCLUDE (ekey) FROM events WHERE id = ?", [event_id]))
    if not rows:
        return None
    event = rows[0]
    event["mentions"] = _dicts(con.execute(
        "SELECT id, record_id, article_id, date, event, mode, negated, modality, actor_name, "
        "actor_text, recipient_name, recipient_text, event_text, text, char_start, char_end, "
        "confidence, evidence, quote_id FROM mentions WHERE event_id = ? ORDER BY seq",
        [event_id]))
    event["sources"] = _dicts(con.execute(
        "SELECT s.input_id, s.article_id, s.url, s.source, s.title, s.published, s.relation "
        "FROM article_sources s WHERE s.article_id IN (SELECT article_id FROM mentions "
        "WHERE event_id = ?) ORDER BY s.added_at, s.input_id", [event_id]))
    return event


def alerts(con: duckdb.DuckDBPyConnection, since: str | None = None,
           **options: Any) -> list[dict[str, Any]]:
    """Shift alerts (see :mod:`herald.analysis.alerts`)."""
    return find_alerts(con, since, **options)


def actors(con: duckdb.DuckDBPyConnection, limit: int = 1000) -> list[dict[str, Any]]:
    """Distinct entities (name, country, sector, kind) with mention counts, most frequent first."""
    return _dicts(con.execute(
        "SELECT * FROM entities ORDER BY n_mentions DESC, name LIMIT ?", [int(limit)]))


def quotes(con: duckdb.DuckDBPyConnection, speaker: str | None = None, limit: int = 100,
           offset: int = 0) -> list[dict[str, Any]]:
    """Quotes, optionally by speaker: a country code ("RUS"), country+sector ("RUSGOV") or a
    name fragment ("Lavrov", case-insensitive)."""
    cond, params = "TRUE", []
    if speaker:
        s = speaker.strip()
        if s.isalpha() and s.isupper() and len(s) == 3:
            cond, params = "speaker_country = ?", [s]
        elif s.isalpha() and s.isupper() and len(s) == 6 and s[3:] in SECTORS:
            cond, params = "speaker_country = ? AND speaker_sector = ?", [s[:3], s[3:]]
        else:
            cond, params = "speaker_name ILIKE ?", [f"%{s}%"]
    return _dicts(con.execute(
        f"SELECT * EXCLUDE (record) FROM quotes WHERE {cond} ORDER BY article_id, char_start "
        "LIMIT ? OFFSET ?", [*params, int(limit), int(offset)]))


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, limit: int = 1000
            ) -> tuple[list[str], list[tuple], bool]:
    """Run a user's SQL on a read-only, no-file-access connection: (columns, rows, truncated).

    Writes, file access, ATTACH and extension loading are refused with a :class:`HeraldError`.
    """
    try:
        cur = con.execute(sql)
        if cur.description is None:
            return [], [], False
        rows = cur.fetchmany(limit + 1)
    except duckdb.PermissionException as e:
        raise HeraldError(f"herald query cannot read or write files: {_first_line(e)}") from None
    except duckdb.InvalidInputException as e:
        if "read-only" in str(e):
            raise HeraldError("herald query is read-only: use `herald ingest` to change the "
                              "store") from None
        raise HeraldError(f"query failed: {_first_line(e)}") from None
    except duckdb.Error as e:
        raise HeraldError(f"query failed: {_first_line(e)}") from None
    return [d[0] for d in cur.description], rows[:limit], len(rows) > limit


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0]

"""Directed-dyad series: what A did to B, per day, week, month or year.

Counts are of deduplicated events (one real-world event reported by ten outlets counts once).
By default an event counts when it is not negated and is realis (asserted or reported, not
future or hypothetical). An event counts in a period only when its date is at least as precise
as the period: a month-precision event is left out of a weekly series, and the number left out
is reported, rather than piling such events on the first day of the month.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from herald.errors import HeraldError

PERIODS = ("day", "week", "month", "year")
# Date precisions fine enough for each period.
PRECISIONS = {
    "day": ("day",),
    "week": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}
QUAD_NAMES = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


def parse_actor(code: str) -> tuple[str, str | None]:
    """"CHN" -> ("CHN", None); "CHNMIL" -> ("CHN", "MIL"). Codes are three letters each."""
    c = code.strip().upper()
    if len(c) == 3 and c.isalpha():
        return c, None
    if len(c) == 6 and c.isalpha():
        return c[:3], c[3:]
    raise HeraldError(
        f"actor code {code!r} should be a 3-letter country code (CHN, or IGO/NGO), optionally "
        "followed by a 3-letter sector (CHNMIL, RUSGOV)"
    )


def check_date(value: str | None, name: str) -> dt.date | None:
    """A --since/--until value as a date, with a clear error."""
    if value is None:
        return None
    try:
        if len(value) == 7:
            return dt.date.fromisoformat(value + "-01")
        if len(value) == 4:
            return dt.date(int(value), 1, 1)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HeraldError(f"{name} {value!r} is not a date; write YYYY-MM-DD (or YYYY-MM)") from None


def actor_clause(prefix: str, code: str | None) -> tuple[str, list[Any]]:
    """SQL condition and parameters for an actor or recipient code."""
    if not code:
        return "TRUE", []
    country, sector = parse_actor(code)
    if sector:
        return f"{prefix}_country = ? AND {prefix}_sector = ?", [country, sector]
    return f"{prefix}_country = ?", [country]


def period_label(start: dt.date, by: str) -> str:
    if by == "month":
        return start.strftime("%Y-%m")
    if by == "year":
        return str(start.year)
    return start.isoformat()  # a week is labelled by its Monday


def _next(start: dt.date, by: str) -> dt.date:
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    if by == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return dt.date(start.year + 1, 1, 1)


def _truncate(day: dt.date, by: str) -> dt.date:
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    by: str = "month",
    since: str | None = None,
    until: str | None = None,
    *,
    include_negated: bool = False,
    include_irrealis: bool = False,
    with_events: bool = False,
    fill: bool = True,
) -> dict[str, Any]:
    """The series of the directed dyad a -> b.

    Returns ``{"actor", "recipient", "by", "rows": [...], "excluded_coarse": n}``; each row has
    ``period, start, events``, the four quad-class counts, ``goldstein_sum`` and
    ``goldstein_mean``, and with ``with_events`` the ``event_list`` behind it. Empty periods
    between the first and last (or since/until) are filled with zeros when ``fill``.
    """
    if by not in PERIODS:
        raise HeraldError(f"--by {by!r}: choose one of {', '.join(PERIODS)}")
    lo, hi = check_date(since, "--since"), check_date(until, "--until")
    ac, ap = actor_clause("actor", a)
    rc, rp = actor_clause("recipient", b)
    where = [ac, rc, "day IS NOT NULL"]
    params: list[Any] = [*ap, *rp]
    if not include_negated:
        where.append("NOT negated")
    if not include_irrealis:
        where.append("realis")
    if lo:
        where.append("day >= ?")
        params.append(lo)
    if hi:
        where.append("day <= ?")
        params.append(hi)
    cond = " AND ".join(where)
    fine = ", ".join(f"'{p}'" for p in PRECISIONS[by])
    quads = ", ".join(
        f"count(*) FILTER (WHERE quad_code = {i + 1}) AS {n}" for i, n in enumerate(QUAD_NAMES)
    )
    sql = (
        f"SELECT date_trunc('{by}', day)::DATE AS start, count(*) AS events, {quads}, "
        f"round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean "
        f"FROM events WHERE {cond} AND date_precision IN ({fine}) GROUP BY 1 ORDER BY 1"
    )
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    excluded = con.execute(
        f"SELECT count(*) FROM events WHERE {cond} AND date_precision NOT IN ({fine})", params
    ).fetchall()[0][0]
    if with_events:
        cur = con.execute(
            f"SELECT date_trunc('{by}', day)::DATE AS start, id, date, event, mode, cameo, "
            f"goldstein, quad_code, num_mentions, num_articles, actor_name, recipient_name, "
            f"text FROM events WHERE {cond} AND date_precision IN ({fine}) ORDER BY day, gid",
            params,
        )
        enames = [d[0] for d in cur.description]
        by_period: dict[dt.date, list[dict[str, Any]]] = {}
        for r in cur.fetchall():
            rec = dict(zip(enames, r, strict=True))
            by_period.setdefault(rec.pop("start"), []).append(rec)
        for row in rows:
            row["event_list"] = by_period.get(row["start"], [])
    if fill and (rows or (lo and hi)):
        rows = _fill(rows, by, lo, hi, with_events)
    for row in rows:
        row["period"] = period_label(row["start"], by)
    return {"actor": a.upper(), "recipient": b.upper(), "by": by, "rows": rows,
            "excluded_coarse": excluded}


def _fill(rows: list[dict[str, Any]], by: str, lo: dt.date | None, hi: dt.date | None,
          with_events: bool) -> list[dict[str, Any]]:
    have = {r["start"]: r for r in rows}
    first = _truncate(lo, by) if lo else min(have)
    last = _truncate(hi, by) if hi else max(have)
    out: list[dict[str, Any]] = []
    cur = first
    while cur <= last and len(out) < 100_000:
        row = have.get(cur)
        if row is None:
            row = {"start": cur, "events": 0, **dict.fromkeys(QUAD_NAMES, 0),
                   "goldstein_sum": 0.0, "goldstein_mean": None}
            if with_events:
                row["event_list"] = []
        out.append(row)
        cur = _next(cur, by)
    return out

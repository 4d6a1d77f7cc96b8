"""Shift alerts: directed dyads whose recent relations depart from their own history.

Method (documented in docs/store.md). For every directed country dyad, take the weekly sum of
Goldstein values of its events (deduplicated, not negated, realis, day-precision dates; weeks
start on Monday). For each week in the window ``[since, until]`` that has at least
``min_events`` events, compare the sum with the dyad's own trailing baseline: the previous
``baseline_weeks`` weeks (weeks without events count as 0, but only from the dyad's first
week on). With baseline mean m, z = (sum - m) / s, where s is the largest of: the sample
standard deviation of the baseline's weekly sums; the standard deviation the baseline implies
if events arrive at random (compound Poisson: sqrt(rate x mean squared Goldstein), which keeps
a baseline that happened to be calm from making ordinary noise look like a shift); and
``SD_FLOOR``, so that a perfectly flat history does not make any wobble infinite. A week with
|z| >= ``z_threshold`` is a shift, provided the baseline spans at least ``min_baseline_weeks``
weeks and holds at least ``min_history_events`` events (no judging a dyad with no history).
Each dyad is reported once, at its strongest week; dyads are ranked by |z|, and each alert
carries the events that drove it (the most extreme Goldstein values in the shift's direction).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import duckdb

from herald.analysis.dyad import check_date

BASELINE_WEEKS = 26
MIN_BASELINE_WEEKS = 8
Z_THRESHOLD = 3.5
MIN_EVENTS = 5
MIN_HISTORY_EVENTS = 10
SD_FLOOR = 2.0
WEEK = dt.timedelta(days=7)


def find_alerts(
    con: duckdb.DuckDBPyConnection,
    since: str | None = None,
    until: str | None = None,
    *,
    baseline_weeks: int = BASELINE_WEEKS,
    z_threshold: float = Z_THRESHOLD,
    min_events: int = MIN_EVENTS,
    min_history_events: int = MIN_HISTORY_EVENTS,
    top: int = 50,
    max_events: int = 10,
) -> list[dict[str, Any]]:
    """Ranked alerts; ``since`` defaults to four weeks before the latest event in the store."""
    rows = con.execute(
        "SELECT actor_country, recipient_country, date_trunc('week', day)::DATE AS week, "
        "sum(goldstein) AS g, count(*) AS n, sum(goldstein * goldstein) AS g2 FROM events "
        "WHERE NOT negated AND realis AND date_precision = 'day' AND day IS NOT NULL "
        "AND actor_country IS NOT NULL AND recipient_country IS NOT NULL "
        "AND goldstein IS NOT NULL GROUP BY ALL"
    ).fetchall()
    if not rows:
        return []
    hi = check_date(until, "--until") or max(r[2] for r in rows)
    hi = hi - dt.timedelta(days=hi.weekday())
    lo = check_date(since, "--since") or hi - 4 * WEEK
    lo = lo - dt.timedelta(days=lo.weekday())
    series: dict[tuple[str, str], dict[dt.date, tuple[float, int, float]]] = {}
    for a, b, week, g, n, g2 in rows:
        series.setdefault((a, b), {})[week] = (float(g), int(n), float(g2))
    found: list[dict[str, Any]] = []
    for (a, b), weeks in series.items():
        first = min(weeks)
        best: dict[str, Any] | None = None
        for week, (g, n, _) in weeks.items():
            if not (lo <= week <= hi) or n < min_events:
                continue
            start = max(first, week - baseline_weeks * WEEK)
            span = (week - start).days // 7
            if span < MIN_BASELINE_WEEKS:
                continue
            base = [weeks.get(start + i * WEEK, (0.0, 0, 0.0)) for i in range(span)]
            volume = sum(x[1] for x in base)
            if volume < min_history_events:
                continue
            values = [x[0] for x in base]
            mean = sum(values) / span
            sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (span - 1))
            sd_random = math.sqrt(volume / span * sum(x[2] for x in base) / volume)
            sd = max(sd, sd_random, SD_FLOOR)
            z = (g - mean) / sd
            if abs(z) >= z_threshold and (best is None or abs(z) > abs(best["z"])):
                best = {"actor": a, "recipient": b, "week": week, "goldstein_sum": round(g, 2),
                        "events": n, "baseline_mean": round(mean, 2), "baseline_sd": round(sd, 2),
                        "baseline_weeks": span, "z": round(z, 2),
                        "direction": "conflict" if z < 0 else "cooperation"}
        if best:
            found.append(best)
    found.sort(key=lambda x: -abs(x["z"]))
    found = found[:top]
    for alert in found:
        order = "ASC" if alert["z"] < 0 else "DESC"
        cur = con.execute(
            "SELECT id, date, event, mode, cameo, goldstein, quad_code, num_mentions, "
            "num_articles, actor_name, recipient_name, text FROM events "
            "WHERE actor_country = ? AND recipient_country = ? AND NOT negated AND realis "
            "AND date_precision = 'day' AND day >= ? AND day < ? "
            f"ORDER BY goldstein {order}, num_mentions DESC, gid LIMIT ?",
            [alert["actor"], alert["recipient"], alert["week"], alert["week"] + WEEK, max_events],
        )
        names = [d[0] for d in cur.description]
        alert["drivers"] = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    return found

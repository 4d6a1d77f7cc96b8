"""The JSON API: events, dyads, alerts, actors, quotes, read-only SQL, coding and ingest.

Every route is a plain function over :mod:`herald.store.queries` (or the pipeline); errors are
raised as :class:`ApiError` or :class:`~herald.errors.HeraldError` and turned into the one JSON
error shape by the app (see :mod:`herald.web.app`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import threading
import uuid
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Body, Depends, Header, Query, Request

from herald.errors import HeraldError
from herald.model import stable_id
from herald.store import queries
from herald.store.ingest import CodedArticle, pipeline_coder

router = APIRouter(prefix="/api")

MAX_PAGE = 500
MAX_SQL_ROWS = 10_000


class ApiError(Exception):
    """An HTTP error with a message for the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _store(request: Request) -> Any:
    return request.app.state.store


def _settings(request: Request) -> Any:
    return request.app.state.settings


# --- reading ----------------------------------------------------------------------------------

Str = Annotated[str | None, Query()]


@router.get("/health", summary="Liveness and store size")
def health(request: Request) -> dict[str, Any]:
    with _store(request).reader() as con:
        n = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    return {"status": "ok", "events": n}


@router.get("/events", summary="Events, filtered, sorted and paginated")
def events(
    request: Request,
    actor: Annotated[str | None, Query(description="actor code: CHN, or CHNMIL with a sector")] = None,
    recipient: Annotated[str | None, Query(description="recipient code, like actor")] = None,
    country: Annotated[str | None, Query(description="actor or recipient country")] = None,
    sector: Annotated[str | None, Query(description="actor or recipient sector (MIL, GOV...)")] = None,
    event: Annotated[str | None, Query(description="PLOVER type (ASSAULT) or CAMEO prefix (19)")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="quad class 1..4")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(description="words in the sentence or actor names")] = None,
    negated: Annotated[bool | None, Query()] = None,
    sort: Annotated[str, Query(description=f"one of {', '.join(queries.SORTS)}")] = "date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    if sort not in queries.SORTS:
        raise ApiError(400, f"sort {sort!r}: choose one of {', '.join(queries.SORTS)}")
    filters = {"actor": actor, "recipient": recipient, "event": event, "since": since,
               "until": until, "negated": negated}
    cond, params = queries.where_clause(filters)
    extra: list[str] = []
    if country:
        extra.append("(actor_country = ? OR recipient_country = ?)")
        params += [country.strip().upper()] * 2
    if sector:
        extra.append("(actor_sector = ? OR recipient_sector = ?)")
        params += [sector.strip().upper()] * 2
    if quad:
        extra.append("quad_code = ?")
        params.append(quad)
    if q and q.strip():
        extra.append("(text ILIKE ? ESCAPE '\\' OR actor_name ILIKE ? ESCAPE '\\' "
                     "OR recipient_name ILIKE ? ESCAPE '\\')")
        params += [f"%{_like(q.strip())}%"] * 3
    where = " AND ".join([cond, *extra])
    with _store(request).reader() as con:
        total = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchall()[0][0]
        rows = _dicts(con.execute(
            f"SELECT * EXCLUDE (ekey) FROM events WHERE {where} "
            f"ORDER BY {queries.SORTS[sort]} LIMIT ? OFFSET ?", [*params, limit, offset]))
    for r in rows:
        r["highlights"] = highlight_spans(r["text"], r["event_text"], [r["actor_text"]],
                                          [r["recipient_text"]])
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


@router.get("/events/{event_id}", summary="One event with its mentions, sentences and spans")
def event_detail(request: Request, event_id: str) -> dict[str, Any]:
    with _store(request).reader() as con:
        ev = queries.get_event(con, event_id)
    if ev is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    ev["highlights"] = highlight_spans(ev["text"], ev["event_text"], [ev["actor_text"]],
                                       [ev["recipient_text"]])
    for m in ev["mentions"]:
        m["highlights"] = highlight_spans(m["text"], m["event_text"], [m["actor_text"]],
                                          [m["recipient_text"]])
    return ev


@router.get("/dyad", summary="Series of the directed dyad a -> b")
def dyad(
    request: Request,
    a: Annotated[str, Query(description="actor code, e.g. CHN or CHNMIL")],
    b: Annotated[str, Query(description="recipient code")],
    by: Annotated[str, Query(description="day, week, month or year")] = "month",
    since: Str = None,
    until: Str = None,
    events: Annotated[bool, Query(description="list the events of each period")] = False,
    include_negated: bool = False,
    include_irrealis: bool = False,
) -> dict[str, Any]:
    with _store(request).reader() as con:
        return queries.dyad_series(con, a, b, by, since, until, include_negated=include_negated,
                                   include_irrealis=include_irrealis, with_events=events)


@router.get("/alerts", summary="Dyads whose relations shifted sharply")
def alerts(request: Request, since: Str = None, until: Str = None,
           top: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    with _store(request).reader() as con:
        return {"alerts": queries.alerts(con, since, until=until, top=top)}


@router.get("/actors", summary="Distinct actors with mention counts")
def actors(request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> dict[str, Any]:
    with _store(request).reader() as con:
        return {"actors": queries.actors(con, limit)}


@router.get("/quotes", summary="Quotes, optionally by speaker")
def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(description="RUS, RUSGOV or a name fragment")] = None,
    name: Annotated[str | None, Query(description="one speaker exactly, as /api/speakers "
                                                  "lists it, with its country and sector")] = None,
    country: Str = None,
    sector: Str = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    with _store(request).reader() as con:
        if name is None:
            return {"quotes": queries.quotes(con, speaker, limit, offset)}
        # Exact identity: "China" the state and "China" the government are two speakers.
        return {"quotes": _dicts(con.execute(
            "SELECT * EXCLUDE (record) FROM quotes WHERE speaker_name = ? "
            "AND speaker_country IS NOT DISTINCT FROM ? AND speaker_sector IS NOT DISTINCT FROM ? "
            "ORDER BY article_id, char_start LIMIT ? OFFSET ?",
            [name, country or None, sector or None, limit, offset]))}


@router.get("/speakers", summary="Speakers with their number of quotes")
def speakers(request: Request, limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> dict[str, Any]:
    with _store(request).reader() as con:
        rows = _dicts(con.execute(
            "SELECT speaker_name AS name, speaker_country AS country, speaker_sector AS sector, "
            "speaker_kind AS kind, count(*) AS n_quotes FROM quotes "
            "WHERE speaker_name IS NOT NULL GROUP BY ALL ORDER BY n_quotes DESC, name LIMIT ?",
            [limit]))
    return {"speakers": rows}


# Asserted events between two different countries: the edges of the overview and the network.
INTERNATIONAL = ("WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL "
                 "AND actor_country <> recipient_country AND NOT negated ")


@router.get("/overview", summary="Totals, monthly volume by quad class and top dyads")
def overview(request: Request) -> dict[str, Any]:
    with _store(request).reader() as con:
        counts = _dicts(con.execute(
            "SELECT (SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM mentions) AS mentions, "
            "(SELECT count(*) FROM articles) AS articles, "
            "(SELECT count(*) FROM quotes) AS quotes, "
            "(SELECT count(DISTINCT country) FROM entity_mentions) AS countries, "
            "(SELECT min(day) FROM events) AS first_day, (SELECT max(day) FROM events) AS last_day"
        ))[0]
        volume = _dicts(con.execute(
            "SELECT strftime(date_trunc('month', day), '%Y-%m') AS month, quad_code, "
            "count(*) AS events FROM events WHERE day IS NOT NULL AND quad_code IS NOT NULL "
            "GROUP BY ALL ORDER BY 1, 2"))
        dyads = _dicts(con.execute(
            "SELECT actor_country AS a, recipient_country AS b, count(*) AS events, "
            "round(avg(goldstein), 2) AS goldstein_mean, "
            "count(*) FILTER (WHERE quad_code IN (1, 2)) AS cooperation, "
            "count(*) FILTER (WHERE quad_code IN (3, 4)) AS conflict FROM events "
            + INTERNATIONAL + "GROUP BY ALL ORDER BY events DESC, a, b LIMIT 12"))
        latest = _dicts(con.execute(
            "SELECT id, date, event, quad_code, goldstein, negated, modality, actor_name, "
            "recipient_name, text "
            "FROM events ORDER BY day DESC NULLS LAST, gid DESC LIMIT 8"))
    return {"counts": counts, "volume": volume, "top_dyads": dyads, "latest": latest}


@router.get("/network", summary="Countries and the mean Goldstein value of their relations")
def network(request: Request,
            min_events: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
    with _store(request).reader() as con:
        edges = _dicts(con.execute(
            "SELECT actor_country AS a, recipient_country AS b, count(*) AS events, "
            "round(avg(goldstein), 2) AS goldstein_mean FROM events "
            + INTERNATIONAL + "AND goldstein IS NOT NULL "
            "GROUP BY ALL HAVING count(*) >= ? ORDER BY events DESC, a, b", [min_events]))
        names = dict(con.execute(
            "SELECT country, arg_max(name, n) FROM (SELECT country, name, count(*) AS n "
            "FROM entity_mentions WHERE kind = 'state' AND country IS NOT NULL GROUP BY ALL) "
            "GROUP BY country").fetchall())
    degree: dict[str, int] = {}
    for e in edges:
        for c in (e["a"], e["b"]):
            degree[c] = degree.get(c, 0) + e["events"]
    nodes = [{"id": c, "name": names.get(c, c), "events": n}
             for c, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


@router.get("/sql", summary="Read-only SQL with a row limit and a time limit")
def sql(
    request: Request,
    q: Annotated[str, Query(description="one SQL statement (SELECT ...)", max_length=20_000)],
    limit: Annotated[int, Query(ge=1, le=MAX_SQL_ROWS)] = 1000,
) -> dict[str, Any]:
    seconds = _settings(request).sql_seconds
    with _store(request).reader() as con:
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            con.interrupt()

        timer = threading.Timer(seconds, stop)
        timer.start()
        try:
            columns, rows, truncated = queries.run_sql(con, q, limit)
        except HeraldError as e:
            if timed_out.is_set():
                raise ApiError(400, f"the query took longer than {seconds:g} s and was "
                                    "stopped") from None
            if "read-only" in str(e):
                raise ApiError(400, "/api/sql is read-only: add articles with POST "
                                    "/api/articles") from None
            raise
        finally:
            timer.cancel()
    return {"columns": columns, "rows": [[_plain(v) for v in r] for r in rows],
            "truncated": truncated, "limit": limit}


# --- coding and ingest ------------------------------------------------------------------------


def _json_body(request: Request) -> None:
    # Only JSON: a cross-site form post (text/plain) is refused before it reaches the pipeline.
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise ApiError(415, "send the body as JSON with Content-Type: application/json")


def _require_token(request: Request, authorization: str | None) -> None:
    token = request.app.state.token
    if not authorization:
        raise ApiError(401, "this endpoint needs the server's token: send the header "
                            "'Authorization: Bearer TOKEN' (HERALD_TOKEN, or the one printed at start)")
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not _same(given.strip(), token):
        raise ApiError(403, "wrong token")


def _same(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a.encode(), b.encode())


def _articles_from(body: Any) -> tuple[list[Any], list[str]]:
    """The good articles of a posted body, and a message for each bad item. Nothing good at all
    is an error; otherwise the good ones are stored and the bad ones named in the response."""
    import hashlib

    from herald.errors import ReadError
    from herald.read.record import article_from_record

    items = body if isinstance(body, list) else [body]
    if not items:
        raise ApiError(422, "send one article object or a non-empty list of them")
    articles, problems = [], []
    for i, item in enumerate(items):
        origin = f"item {i}"
        if not isinstance(item, dict):
            problems.append(f"{origin}: expected a JSON object with a 'text' field")
            continue
        text = item.get("text")
        # hash the raw code points: a lone surrogate must reach the reader's check, not crash here
        default_id = "api-" + (hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
                               if isinstance(text, str) else stable_id(i))
        a = article_from_record(item, origin, default_id)
        if isinstance(a, ReadError):
            problems.append(str(a))
        elif not a.text.strip():
            problems.append(f"{origin}: text is empty")
        else:
            articles.append(a)
    if not articles:
        raise ApiError(422, "; ".join(problems[:10]))
    return articles, problems


def _coder(request: Request) -> Any:
    return request.app.state.coder or pipeline_coder(_settings(request).model)


@router.post("/articles", status_code=201, dependencies=[Depends(_json_body)],
             summary="Code articles and store them (needs the bearer token)")
def post_articles(
    request: Request,
    body: Annotated[Any, Body(description="one article object or a list: "
                                          "{id, text, title, url, published, source}")],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    _require_token(request, authorization)
    articles, skipped = _articles_from(body)
    stats = _store(request).ingest(articles, _coder(request))
    return {"skipped": skipped, "stored": stats.coded, "unchanged": stats.unchanged,
            "duplicates": stats.duplicates + stats.near_duplicates, "replaced": stats.replaced,
            "mentions": stats.mentions, "quotes": stats.quotes, "summary": stats.summary(),
            "ids": [a.id for a in articles]}


@router.post("/code", dependencies=[Depends(_json_body)],
             summary="Code a text without storing it")
def post_code(
    request: Request,
    body: Annotated[dict[str, Any], Body(description="{text, published?: YYYY-MM-DD}")],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    if not request.app.state.settings.local:
        _require_token(request, authorization)  # coding costs CPU: open only on localhost
    text, published = body.get("text"), body.get("published")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(422, "send {\"text\": \"...\"} with the article text")
    limit = _settings(request).code_chars
    if len(text) > limit:
        raise ApiError(413, f"the text has {len(text)} characters; /api/code takes at most {limit}")
    if published is not None:
        if not isinstance(published, str):
            raise ApiError(422, "published must be a date string YYYY-MM-DD")
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            raise ApiError(422, f"published {published!r} is not a date; write YYYY-MM-DD") from None
    from herald.model import Article

    article = Article(id="text", text=text.replace("\r\n", "\n"), published=published)
    with _store(request).coding:
        coded: CodedArticle = next(iter(_coder(request)([article])))
    for e in coded.events:
        e["highlights"] = highlight_spans(e["text"], e.get("event_text"),
                                          [x.get("text") for x in e.get("actor") or []],
                                          [x.get("text") for x in e.get("recipient") or []])
    return {"text": article.text, "published": published, "events": coded.events,
            "quotes": coded.quotes}


# --- helpers ----------------------------------------------------------------------------------


def highlight_spans(sentence: str | None, trigger: str | None, actors: list[str | None],
                    recipients: list[str | None]) -> list[dict[str, Any]]:
    """Where the trigger, actors and recipients stand in the sentence: ``[{start, end, role}]``
    (offsets into the sentence, not overlapping, sorted). Records name them as written, so the
    first whole-word occurrence not already taken is used; the trigger is placed first."""
    if not sentence:
        return []
    spans: list[dict[str, Any]] = []
    wanted = [("trigger", trigger)] + [("actor", t) for t in actors] + \
        [("recipient", t) for t in recipients]
    for role, phrase in wanted:
        if not phrase or not phrase.strip():
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(phrase.strip()) + r"(?!\w)")
        for m in pattern.finditer(sentence):
            if all(m.end() <= s["start"] or m.start() >= s["end"] for s in spans):
                spans.append({"start": m.start(), "end": m.end(), "role": role})
                break
    return sorted(spans, key=lambda s: s["start"])


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _plain(v: Any) -> Any:
    """A SQL value as JSON: numbers, strings, lists and dicts as they are, the rest as text."""
    if v is None or isinstance(v, bool | int | str):
        return v
    if isinstance(v, float):
        return v if v == v and abs(v) != float("inf") else None
    if isinstance(v, dt.date | dt.datetime | dt.time):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, uuid.UUID):
        return str(v)
    return str(v)

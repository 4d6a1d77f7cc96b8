"""Ingest: code articles and store them, idempotently and crash-safely.

Articles are taken in chunks (``batch_size``). For each chunk:

1. *classify* (short read-write connection, no coding): an input id already stored with the same
   normalized-text hash is skipped; a text already stored under another id, exactly or nearly
   (MinHash >= 0.9), becomes one more source of that article; an id whose text changed is
   coded again and replaces its old records; the rest are new;
2. *code* the new ones (no connection held, so readers can open the store meanwhile);
3. *write* everything of the chunk in one transaction: article rows, sources, mentions, events,
   quotes, entities. A crash (even ``kill -9``) before COMMIT leaves the store as it was, so a
   re-run redoes exactly the chunks that did not commit.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from herald.model import Article, CodedArticle
from herald.store import dedup
from herald.store.schema import DEFAULT_DB, connect

Coder = Callable[[list[Article]], Iterable[CodedArticle]]


@dataclass
class IngestStats:
    """What one ingest run did; ``summary()`` is the line the CLI prints."""

    read: int = 0
    unchanged: int = 0  # already stored with the same text: skipped before coding
    duplicates: int = 0  # same text as a stored article: added as a source
    near_duplicates: int = 0
    coded: int = 0
    replaced: int = 0  # same id, new text
    mentions: int = 0
    quotes: int = 0
    batches: int = 0

    def summary(self) -> str:
        return (
            f"{self.read} articles read: {self.coded} coded ({self.replaced} replacing changed "
            f"texts), {self.unchanged} already stored, {self.duplicates} exact and "
            f"{self.near_duplicates} near duplicates added as sources; {self.mentions} event "
            f"mentions and {self.quotes} quotes stored"
        )


def pipeline_coder(model: str | None = None, workers: int = 1) -> Coder:
    """The real coder: herald's pipeline, records per DESIGN §4, on ``workers`` processes."""

    def code(articles: list[Article]) -> Iterator[CodedArticle]:
        from herald.pipeline import code_records

        yield from code_records(articles, model, workers)

    return code


def ingest(
    articles: Iterable[Article],
    db: str | Path = DEFAULT_DB,
    *,
    coder: Coder | None = None,
    batch_size: int = 64,
    progress: Callable[[int], None] | None = None,
) -> IngestStats:
    """Code and store articles in ``db``; safe to re-run with the same or overlapping input."""
    coder = coder or pipeline_coder()
    stats = IngestStats()
    connect(db, read_only=False).close()  # create or migrate before the first chunk
    for chunk in _chunks(articles, batch_size):
        stats.read += len(chunk)
        con = connect(db, read_only=False)
        try:
            plan = classify(con, chunk, stats)
        finally:
            con.close()
        coded = list(coder(plan.to_code)) if plan.to_code else []
        if plan.to_code or plan.sources:
            con = connect(db, read_only=False)
            try:
                write_batch(con, plan, coded, stats)
            finally:
                con.close()
            stats.batches += 1
        if progress:
            progress(len(chunk))
    return stats


def _chunks(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


# ---------------------------------------------------------------------------------------------
# classify


@dataclass
class Plan:
    """What to do with one chunk: articles to code, source rows to add, articles to replace."""

    to_code: list[Article] = field(default_factory=list)
    new: dict[str, dict[str, Any]] = field(default_factory=dict)  # input id -> article row
    sources: list[dict[str, Any]] = field(default_factory=list)
    bands: list[tuple[int, str]] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)  # input ids whose old text is dropped


def _source_row(a: Article, article_id: str, h: str, relation: str, sim: float | None,
                now: dt.datetime) -> dict[str, Any]:
    return {"input_id": a.id, "article_id": article_id, "text_hash": h, "relation": relation,
            "similarity": sim, "url": a.url, "source": a.source, "title": a.title,
            "published": a.published, "added_at": now}


def classify(con: duckdb.DuckDBPyConnection, chunk: list[Article], stats: IngestStats) -> Plan:
    """Decide, by hash and MinHash only (no coding), what each article of the chunk needs."""
    plan = Plan()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    # The last item wins when an id repeats within a chunk, as it would across runs.
    latest = {a.id: a for a in chunk}
    hashes = {i: dedup.text_hash(a.text) for i, a in latest.items()}
    stored = _lookup(con, "SELECT input_id, text_hash, article_id FROM article_sources "
                     "WHERE input_id IN (SELECT * FROM unnest(?))", list(latest))
    by_hash = _lookup(con, "SELECT text_hash, id FROM articles "
                      "WHERE text_hash IN (SELECT * FROM unnest(?))", list(set(hashes.values())))
    taken = {r[0] for r in con.execute(
        "SELECT id FROM articles WHERE id IN (SELECT * FROM unnest(?))", [list(latest)]
    ).fetchall()}
    chunk_hash: dict[str, str] = {}  # hash -> canonical id of an article new in this chunk
    pending: dict[str, tuple[np.ndarray, set[int]]] = {}  # new in this chunk: signature, bands
    near = _NearIndex(con, [a for i, a in latest.items() if stored.get(i, (None,))[0]
                            != hashes[i] and hashes[i] not in by_hash])
    stats.read -= len(chunk) - len(latest)
    for input_id, a in latest.items():
        h = hashes[input_id]
        old = stored.get(input_id)
        if old and old[0] == h:
            stats.unchanged += 1
            continue
        if old:
            plan.replaces.append(input_id)
        target = by_hash.get(h, (None,))[0] or chunk_hash.get(h)
        if old and target == old[1]:
            target = None  # its own old text, about to be dropped
        if target:
            plan.sources.append(_source_row(a, target, h, "exact-duplicate", 1.0, now))
            stats.duplicates += 1
            continue
        sig, keys = near.signature(a)
        match, sim = near.match(sig, keys, pending, exclude=old[1] if old else None)
        if match:
            plan.sources.append(_source_row(a, match, h, "near-duplicate", sim, now))
            stats.near_duplicates += 1
            continue
        canonical = input_id
        if input_id in taken and not old:
            canonical = f"{input_id}@{h[:8]}"  # the id names another (older) text
        elif old and old[1] == input_id and _other_sources(con, old[1], input_id):
            # Its old article row survives: other documents still carry that text.
            canonical = f"{input_id}@{h[:8]}"
        chunk_hash[h] = canonical
        pending[canonical] = (sig, set(keys))
        plan.new[input_id] = {
            "id": canonical, "text_hash": h, "title": a.title, "url": a.url,
            "published": a.published, "source": a.source, "text": a.text,
            "signature": [int(x) for x in sig], "ingested_at": now,
        }
        plan.bands.extend((b, canonical) for b in keys)
        plan.sources.append(_source_row(a, canonical, h, "original", None, now))
        plan.to_code.append(a)
        stats.replaced += bool(old)
    return plan


def _other_sources(con: duckdb.DuckDBPyConnection, article_id: str, input_id: str) -> int:
    return con.execute("SELECT count(*) FROM article_sources WHERE article_id = ? AND "
                       "input_id <> ?", [article_id, input_id]).fetchall()[0][0]


def _lookup(con: duckdb.DuckDBPyConnection, sql: str, keys: list[str]) -> dict[str, tuple]:
    if not keys:
        return {}
    return {r[0]: tuple(r[1:]) for r in con.execute(sql, [keys]).fetchall()}


class _NearIndex:
    """Near-duplicate candidates for one chunk: one query for all its band keys."""

    def __init__(self, con: duckdb.DuckDBPyConnection, articles: list[Article]):
        self.sigs = {a.id: dedup.minhash(a.text) for a in articles}
        self.keys = {i: dedup.bands(s) for i, s in self.sigs.items()}
        all_keys = sorted({k for ks in self.keys.values() for k in ks})
        self.by_band: dict[int, set[str]] = {}
        self.stored: dict[str, np.ndarray] = {}
        if not all_keys:
            return
        for band, aid in con.execute(
            "SELECT band, article_id FROM article_bands WHERE band IN "
            "(SELECT * FROM unnest(?::UBIGINT[]))", [all_keys]
        ).fetchall():
            self.by_band.setdefault(band, set()).add(aid)
        ids = sorted({i for v in self.by_band.values() for i in v})
        if ids:
            self.stored = {aid: np.asarray(sig, dtype=np.uint64) for aid, sig in con.execute(
                "SELECT id, signature FROM articles WHERE id IN (SELECT * FROM unnest(?))",
                [ids]).fetchall()}

    def signature(self, a: Article) -> tuple[np.ndarray, list[int]]:
        if a.id not in self.sigs:
            self.sigs[a.id] = dedup.minhash(a.text)
            self.keys[a.id] = dedup.bands(self.sigs[a.id])
        return self.sigs[a.id], self.keys[a.id]

    def match(self, sig: np.ndarray, keys: list[int],
              pending: dict[str, tuple[np.ndarray, set[int]]], exclude: str | None
              ) -> tuple[str | None, float | None]:
        """The most similar stored or pending article at >= 0.9, with its similarity."""
        ids = {i for k in keys for i in self.by_band.get(k, ())}
        candidates = [(i, self.stored[i]) for i in ids if i != exclude and i in self.stored]
        keyset = set(keys)
        candidates += [(i, s) for i, (s, ks) in pending.items() if keyset & ks]
        best, best_sim = None, 0.0
        for aid, s in candidates:
            sim = dedup.similarity(sig, s)
            if sim >= dedup.NEAR_DUPLICATE_THRESHOLD and sim > best_sim:
                best, best_sim = aid, sim
        return best, (best_sim if best else None)


# ---------------------------------------------------------------------------------------------
# write

STRING_LIST = pa.list_(pa.string())
ARROW_TYPES: dict[str, pa.DataType] = {
    "signature": pa.list_(pa.uint64()), "band": pa.uint64(), "contexts": STRING_LIST,
    "day": pa.date32(), "added_at": pa.timestamp("us"), "ingested_at": pa.timestamp("us"),
    "seq": pa.int64(), "geonameid": pa.int64(), "similarity": pa.float64(),
    "goldstein": pa.float64(), "confidence": pa.float64(), "lat": pa.float64(),
    "lon": pa.float64(), "quad_code": pa.int32(), "char_start": pa.int32(),
    "char_end": pa.int32(), "speaker_start": pa.int32(), "speaker_end": pa.int32(),
    "negated": pa.bool_(), "is_root": pa.bool_(), "n_events": pa.int32(), "n_quotes": pa.int32(),
}


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert dict rows in one statement through Arrow (never row by row)."""
    if not rows:
        return
    cols = list(rows[0])
    arrays = []
    for c in cols:
        values = [r.get(c) for r in rows]
        kind = ARROW_TYPES.get(c)
        if kind is None and all(v is None or isinstance(v, str) for v in values):
            kind = pa.string()  # an all-NULL column still needs a type
        arrays.append(pa.array(values, type=kind))
    batch = pa.Table.from_arrays(arrays, names=cols)
    con.register("_herald_rows", batch)
    try:
        names = ", ".join(cols)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _herald_rows")
    finally:
        con.unregister("_herald_rows")


def write_batch(con: duckdb.DuckDBPyConnection, plan: Plan, coded: list[CodedArticle],
                stats: IngestStats) -> None:
    """Write one chunk in one transaction: all of it, or (on any failure or crash) none."""
    con.execute("BEGIN")
    try:
        touched = _drop_replaced(con, plan.replaces)
        article_rows, mention_rows, quote_rows, entity_rows = [], [], [], []
        seq = con.execute("SELECT coalesce(max(seq), 0) FROM mentions").fetchall()[0][0]
        for item in coded:
            row = plan.new[item.article.id]
            row["n_events"], row["n_quotes"] = len(item.events), len(item.quotes)
            article_rows.append(row)
            lead = lead_end(item.article.text)
            for rec in item.events:
                for m in mention_rows_for(rec, row["id"], item.article.published, lead):
                    seq += 1
                    m["seq"] = seq
                    mention_rows.append(m)
                entity_rows += _entity_rows(rec, row["id"])
            for q in item.quotes:
                quote_rows.append(quote_row(q, row["id"]))
                entity_rows += _entity_rows(q, row["id"], speaker=True)
        insert_rows(con, "articles", article_rows)
        insert_rows(con, "article_sources", plan.sources)
        insert_rows(con, "article_bands", [{"band": b, "article_id": a} for b, a in plan.bands])
        touched |= _attach_events(con, mention_rows)
        insert_rows(con, "mentions", mention_rows)
        insert_rows(con, "quotes", quote_rows)
        insert_rows(con, "entity_mentions", entity_rows)
        # New sources of stored articles change their events' article and source counts.
        dup_targets = [s["article_id"] for s in plan.sources if s["relation"] != "original"]
        if dup_targets:
            touched |= {r[0] for r in con.execute(
                "SELECT DISTINCT event_id FROM mentions WHERE article_id IN "
                "(SELECT * FROM unnest(?))", [dup_targets]).fetchall()}
        recompute_events(con, touched)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    stats.coded += len(coded)
    stats.mentions += len(mention_rows)
    stats.quotes += len(quote_rows)


def _drop_replaced(con: duckdb.DuckDBPyConnection, input_ids: list[str]) -> set[str]:
    """Remove the source rows of changed documents, and their old articles if now orphaned."""
    if not input_ids:
        return set()
    old = [r[0] for r in con.execute(
        "SELECT DISTINCT article_id FROM article_sources WHERE input_id IN (SELECT * FROM "
        "unnest(?))", [input_ids]).fetchall()]
    con.execute("DELETE FROM article_sources WHERE input_id IN (SELECT * FROM unnest(?))",
                [input_ids])
    orphans = [r[0] for r in con.execute(
        "SELECT id FROM (SELECT unnest(?) AS id) WHERE id NOT IN "
        "(SELECT article_id FROM article_sources)", [old]).fetchall()]
    touched = {r[0] for r in con.execute(
        "SELECT DISTINCT event_id FROM mentions WHERE article_id IN (SELECT * FROM unnest(?))",
        [old]).fetchall()}
    if orphans:
        for table, col in (("mentions", "article_id"), ("quotes", "article_id"),
                           ("entity_mentions", "article_id"), ("article_bands", "article_id"),
                           ("articles", "id")):
            con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT * FROM unnest(?))",
                        [orphans])
    return touched


def lead_end(text: str) -> int:
    """End of the lead paragraph: GDELT's IsRootEvent marks events told there."""
    pos = 0
    for para in text.split("\n"):
        pos += len(para) + 1
        if len(para.strip()) >= 100:
            return pos
    return min(len(text), 600)


def _first_by_dyad(entities: list[dict[str, Any]] | None) -> list[dict[str, Any] | None]:
    seen: set[tuple[Any, Any]] = set()
    out: list[dict[str, Any] | None] = []
    for e in entities or []:
        k = (e.get("country"), e.get("sector"))
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out or [None]


def mention_rows_for(rec: dict[str, Any], article_id: str, published: str | None,
                     lead: int = 0) -> list[dict[str, Any]]:
    """One mention row per (actor, recipient) country-sector pair of a DESIGN §4 record.

    "China and Russia condemned the strike" is two dyads (CHN->, RUS->); each row keeps the
    whole record, its sentence and span. A record without a date is placed on its article's
    publication day (as GDELT dates events) while ``date`` stays empty.
    """
    actors, recipients = _first_by_dyad(rec.get("actor")), _first_by_dyad(rec.get("recipient"))
    day, precision = dedup.parse_day(rec.get("date"))
    if day is None:
        day, precision = dedup.parse_day(published)
    loc = rec.get("event_loc") or {}
    span = rec.get("char_span") or [None, None]
    record_json = json.dumps(rec, ensure_ascii=False)
    pairs = list(itertools.product(actors, recipients))
    rows = []
    for k, (a, r) in enumerate(pairs):
        a, r = a or {}, r or {}
        m = {
            "id": rec["id"] if len(pairs) == 1 else f"{rec['id']}:{k}",
            "record_id": rec["id"], "event_id": None, "article_id": article_id, "seq": 0,
            "date": rec.get("date"), "date_precision": precision, "day": day,
            "event": rec.get("event"), "mode": rec.get("mode"), "negated": bool(rec.get("negated")),
            "modality": rec.get("modality") or "asserted",
            "actor_country": a.get("country"), "actor_sector": a.get("sector"),
            "actor_name": a.get("name"), "actor_text": a.get("text"),
            "recipient_country": r.get("country"), "recipient_sector": r.get("sector"),
            "recipient_name": r.get("name"), "recipient_text": r.get("text"),
            "cameo": None if rec.get("cameo") is None else str(rec["cameo"]),
            "goldstein": rec.get("goldstein"), "quad_code": rec.get("quad_code"),
            "loc_name": loc.get("name"), "loc_country": loc.get("country"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "geonameid": loc.get("geonameid"),
            "event_text": rec.get("event_text"), "text": rec.get("text"),
            "char_start": span[0], "char_end": span[1],
            "confidence": rec.get("confidence"), "evidence": rec.get("evidence"),
            "contexts": list(rec.get("contexts") or []), "quote_id": rec.get("quote_id"),
            "is_root": span[0] is not None and span[0] < lead,
            "record": record_json,
        }
        rows.append(m)
    return rows


def quote_row(q: dict[str, Any], article_id: str) -> dict[str, Any]:
    sp = q.get("speaker") or {}
    span = q.get("char_span") or [None, None]
    sspan = q.get("speaker_span") or [None, None]
    return {
        "id": q["id"], "article_id": article_id, "speaker_name": sp.get("name"),
        "speaker_country": sp.get("country"), "speaker_sector": sp.get("sector"),
        "speaker_kind": sp.get("kind"), "speaker_text": q.get("speaker_text"),
        "speaker_start": sspan[0], "speaker_end": sspan[1], "cue": q.get("cue"),
        "content": q.get("content"), "kind": q.get("kind"), "char_start": span[0],
        "char_end": span[1], "record": json.dumps(q, ensure_ascii=False),
    }


def _entity_rows(rec: dict[str, Any], article_id: str, speaker: bool = False
                 ) -> list[dict[str, Any]]:
    roles = [("speaker", [rec["speaker"]] if rec.get("speaker") else [])] if speaker else [
        ("actor", rec.get("actor") or []), ("recipient", rec.get("recipient") or [])]
    return [
        {"article_id": article_id, "record_id": rec["id"], "role": role, "text": e.get("text"),
         "name": e.get("name"), "country": e.get("country"), "sector": e.get("sector"),
         "kind": e.get("kind")}
        for role, ents in roles for e in ents
    ]


def _attach_events(con: duckdb.DuckDBPyConnection, mentions: list[dict[str, Any]]) -> set[str]:
    """Give each mention its event (an existing one, or one it founds); return events touched."""
    if not mentions:
        return set()
    for m in mentions:
        m["ekey"] = dedup.event_key(m)
    keys = pa.table({
        "ekey": [m["ekey"] for m in mentions],
        "day": pa.array([m["day"] for m in mentions], type=pa.date32()),
        "date_precision": [m["date_precision"] for m in mentions],
    })
    con.register("_herald_keys", keys)
    try:
        cur = con.execute(
            "SELECT DISTINCT e.id, e.ekey, e.day, e.date_precision, e.loc_name, e.loc_country, "
            "e.lat, e.lon, e.geonameid FROM events e JOIN _herald_keys k ON e.ekey = k.ekey "
            "WHERE k.day IS NOT NULL AND e.day BETWEEN k.day - 1 AND k.day + 1 "
            "AND (e.date_precision = 'day' AND k.date_precision = 'day' "
            "     OR e.date_precision = k.date_precision AND e.day = k.day) ORDER BY e.gid"
        )
        names = [d[0] for d in cur.description]
        existing = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.unregister("_herald_keys")
    founded = dedup.assign_events(mentions, existing)
    if founded:
        con.register("_herald_new", pa.table({"id": [e["id"] for e in founded],
                                              "ekey": [e["ekey"] for e in founded]}))
        try:
            con.execute("INSERT INTO events (id, ekey, gid, added_at) SELECT id, ekey, "
                        "nextval('event_gid'), now() FROM _herald_new")
        finally:
            con.unregister("_herald_new")
    for m in mentions:
        del m["ekey"]
    return {m["event_id"] for m in mentions}


REP_FIELDS = ("event", "mode", "cameo", "goldstein", "quad_code", "negated", "modality", "date",
              "date_precision", "day", "actor_country", "actor_sector", "actor_name",
              "actor_text", "recipient_country", "recipient_sector", "recipient_name",
              "recipient_text", "event_text", "text", "contexts")
LOC_FIELDS = ("loc_name", "loc_country", "lat", "lon", "geonameid")


def recompute_events(con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]) -> None:
    """Refresh the counts and representative fields of events; drop those left without mentions.

    The founding (earliest stored) mention gives the event its fields, the first mention with a
    place its location. ``num_mentions`` counts mention rows; ``num_articles`` the input
    documents (every copy of a duplicated text) that carry it; ``num_sources`` their distinct
    outlets (the source field, else the URL's host, else the document id).
    """
    ids = [i for i in set(event_ids) if i]
    if not ids:
        return
    rep = ", ".join(f"arg_min(m.{f}, m.seq) AS {f}" for f in REP_FIELDS)
    loc = ", ".join(f"arg_min(m.{f}, m.seq) FILTER (WHERE m.loc_name IS NOT NULL OR "
                    f"m.loc_country IS NOT NULL) AS {f}" for f in LOC_FIELDS)
    sets = ", ".join(f"{f} = a.{f}" for f in (*REP_FIELDS, *LOC_FIELDS))
    con.execute(
        f"""
        UPDATE events SET {sets}, realis = a.modality IN ('asserted', 'reported'),
            num_mentions = a.num_mentions, confidence = a.confidence, is_root = a.is_root,
            num_articles = s.num_articles, num_sources = s.num_sources,
            first_seen = s.first_seen, last_seen = s.last_seen, source_url = s.source_url
        FROM (SELECT m.event_id, {rep}, {loc}, count(*) AS num_mentions,
                     max(m.confidence) AS confidence, bool_or(m.is_root) AS is_root
              FROM mentions m WHERE m.event_id IN (SELECT * FROM unnest($ids))
              GROUP BY m.event_id) a
        JOIN (SELECT m.event_id, count(DISTINCT s.input_id) AS num_articles,
                     count(DISTINCT coalesce(s.source, regexp_extract(s.url, '^\\w+://([^/]+)', 1),
                                             s.input_id)) AS num_sources,
                     min(coalesce(try_cast(s.published AS DATE), s.added_at::DATE)) AS first_seen,
                     max(coalesce(try_cast(s.published AS DATE), s.added_at::DATE)) AS last_seen,
                     arg_min(s.url, s.added_at) FILTER (WHERE s.url IS NOT NULL) AS source_url
              FROM (SELECT DISTINCT event_id, article_id FROM mentions
                    WHERE event_id IN (SELECT * FROM unnest($ids))) m
              JOIN article_sources s ON s.article_id = m.article_id
              GROUP BY m.event_id) s ON s.event_id = a.event_id
        WHERE events.id = a.event_id
        """,
        {"ids": ids},
    )
    con.execute(
        "DELETE FROM events WHERE id IN (SELECT * FROM unnest($ids)) AND id NOT IN "
        "(SELECT event_id FROM mentions WHERE event_id IS NOT NULL)", {"ids": ids}
    )

"""The store's tables, views, schema version and connections.

One DuckDB file holds everything. Tables (see docs/store.md for every column):

- ``articles``          one row per distinct text (exact and near duplicates are folded in)
- ``article_sources``   one row per input document (id, URL, outlet) -> its article
- ``article_bands``     MinHash LSH band keys, to find near-duplicate texts cheaply
- ``events``            deduplicated real-world events with GDELT-style counts
- ``mentions``          one row per coded event record (per actor/recipient pair), with evidence
- ``quotes``            attributed statements
- ``entity_mentions``   every actor, recipient and speaker entity as written
- ``meta``              key/value; ``schema_version``

Views: ``entities`` (distinct entities with counts). ``herald query`` users see all of these.

DuckDB allows one writer per file: while a process holds a read-write connection every other
process's open fails at once. Writers therefore open, write one batch, and close; readers open
read-only. :func:`connect` retries a lock conflict for a short while before giving up.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from herald.errors import HeraldError

SCHEMA_VERSION = 1
DEFAULT_DB = "herald.duckdb"
# How long a writer or reader waits for another process to release the file.
LOCK_WAIT_SECONDS = 30.0

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,        -- the first input id this text was seen under
    text_hash VARCHAR NOT NULL,    -- sha1 of the normalized text (exact-duplicate key)
    title VARCHAR,
    url VARCHAR,
    published VARCHAR,             -- YYYY-MM-DD as read, or NULL
    source VARCHAR,                -- outlet
    text VARCHAR NOT NULL,
    signature UBIGINT[],           -- MinHash signature (near-duplicate check)
    n_events INTEGER,
    n_quotes INTEGER,
    ingested_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS article_sources (
    input_id VARCHAR PRIMARY KEY,  -- the id the input gave (file stem, JSON id)
    article_id VARCHAR NOT NULL,   -- -> articles.id
    text_hash VARCHAR NOT NULL,    -- hash of this document's own text (change detection)
    relation VARCHAR NOT NULL,     -- original | exact-duplicate | near-duplicate
    similarity DOUBLE,             -- estimated Jaccard similarity to the article (near dups)
    url VARCHAR,
    source VARCHAR,
    title VARCHAR,
    published VARCHAR,
    added_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS article_bands (band UBIGINT, article_id VARCHAR);

CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,        -- the id of the mention that founded it
    gid BIGINT,                    -- integer id for GDELT export (GLOBALEVENTID)
    ekey VARCHAR,                  -- the dedup key (see herald.store.dedup.event_key)
    event VARCHAR, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_code INTEGER,
    negated BOOLEAN, modality VARCHAR, realis BOOLEAN,
    date VARCHAR, date_precision VARCHAR, day DATE,
    actor_country VARCHAR, actor_sector VARCHAR, actor_name VARCHAR, actor_text VARCHAR,
    recipient_country VARCHAR, recipient_sector VARCHAR, recipient_name VARCHAR,
    recipient_text VARCHAR,
    loc_name VARCHAR, loc_country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER,
    first_seen DATE, last_seen DATE,
    confidence DOUBLE, is_root BOOLEAN,
    event_text VARCHAR, text VARCHAR, source_url VARCHAR, contexts VARCHAR[],
    added_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR,                    -- record id, with ":k" when one record makes several dyads
    record_id VARCHAR,             -- the DESIGN §4 record id
    event_id VARCHAR,              -- -> events.id
    article_id VARCHAR,            -- -> articles.id
    seq BIGINT,                    -- insertion order; the first mention founds the event
    date VARCHAR, date_precision VARCHAR, day DATE,
    event VARCHAR, mode VARCHAR, negated BOOLEAN, modality VARCHAR,
    actor_country VARCHAR, actor_sector VARCHAR, actor_name VARCHAR, actor_text VARCHAR,
    recipient_country VARCHAR, recipient_sector VARCHAR, recipient_name VARCHAR,
    recipient_text VARCHAR,
    cameo VARCHAR, goldstein DOUBLE, quad_code INTEGER,
    loc_name VARCHAR, loc_country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    event_text VARCHAR,
    text VARCHAR,                  -- the evidence sentence
    char_start INTEGER, char_end INTEGER,
    confidence DOUBLE, evidence VARCHAR, contexts VARCHAR[], quote_id VARCHAR,
    is_root BOOLEAN,               -- the sentence is in the article's lead paragraph
    record JSON                    -- the full DESIGN §4 record as coded
);

CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR, article_id VARCHAR,
    speaker_name VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR, speaker_kind VARCHAR,
    speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
    cue VARCHAR, content VARCHAR, kind VARCHAR, char_start INTEGER, char_end INTEGER,
    record JSON
);

CREATE TABLE IF NOT EXISTS entity_mentions (
    article_id VARCHAR, record_id VARCHAR,
    role VARCHAR,                  -- actor | recipient | speaker
    text VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR
);

CREATE OR REPLACE VIEW entities AS
    SELECT name, country, sector, kind,
           count(*) AS n_mentions, count(DISTINCT article_id) AS n_articles,
           count(*) FILTER (WHERE role = 'actor') AS n_as_actor,
           count(*) FILTER (WHERE role = 'recipient') AS n_as_recipient,
           count(*) FILTER (WHERE role = 'speaker') AS n_as_speaker
    FROM entity_mentions GROUP BY ALL;
"""

# Migrations from version N to N+1, in order: MIGRATIONS[N] upgrades a version-N store.
MIGRATIONS: dict[int, str] = {}

READ_CONFIG = {"enable_external_access": False, "lock_configuration": True}


def connect(
    path: str | Path = DEFAULT_DB,
    read_only: bool = True,
    *,
    safe: bool = True,
    wait: float = LOCK_WAIT_SECONDS,
) -> duckdb.DuckDBPyConnection:
    """Open a store. Read-only opens refuse file access when ``safe``; writers create/migrate.

    A missing store is an error for readers. A lock held by another process is retried for up
    to ``wait`` seconds, then reported as a :class:`HeraldError` that says what to do.
    """
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise HeraldError(
            f"no herald store at {path}; create one with `herald ingest INPUT... --db {path}`"
        )
    config = READ_CONFIG if (read_only and safe) else {}
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only, config=dict(config))
            break
        except duckdb.IOException as e:
            message = str(e)
            if "lock" not in message.lower():
                raise HeraldError(f"cannot open the store {path}: {message}") from None
            if time.monotonic() >= deadline:
                raise HeraldError(
                    f"the store {path} is in use by another process (only one writer at a time); "
                    "wait for it to finish and try again"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    try:
        if read_only:
            check_version(con, path)
        else:
            ensure_schema(con, path)
    except BaseException:
        con.close()
        raise
    return con


def store_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version stored in the file, or None for an empty database."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "meta" not in tables:
        if tables:
            return -1  # some other DuckDB file
        return None
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else -1


def check_version(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Refuse a store this herald cannot read; a reader never migrates."""
    version = store_version(con)
    if version is None:
        raise HeraldError(f"{path} is an empty database, not a herald store; run `herald ingest`")
    _refuse_unknown(version, path)
    if version < SCHEMA_VERSION:
        raise HeraldError(
            f"the store {path} has schema version {version}, this herald needs {SCHEMA_VERSION}; "
            "run `herald ingest --db PATH` (with no new input it just migrates) to upgrade it"
        )


def _refuse_unknown(version: int, path: str) -> None:
    if version == -1:
        raise HeraldError(f"{path} is a DuckDB file but not a herald store; use another --db path")
    if version > SCHEMA_VERSION:
        raise HeraldError(
            f"the store {path} has schema version {version}, newer than this herald supports "
            f"({SCHEMA_VERSION}); upgrade herald to use it"
        )


def ensure_schema(con: duckdb.DuckDBPyConnection, path: str = "") -> None:
    """Create the tables of a new store, or migrate an older one, in one transaction."""
    version = store_version(con)
    if version is not None:
        _refuse_unknown(version, path)
        if version == SCHEMA_VERSION:
            return
    con.execute("BEGIN")
    try:
        if version is None:
            con.execute(TABLES)
            con.execute("CREATE SEQUENCE IF NOT EXISTS event_gid START 1")
            con.execute(
                "INSERT INTO meta VALUES ('schema_version', ?), ('created_by', 'herald')",
                [str(SCHEMA_VERSION)],
            )
        else:
            for v in range(version, SCHEMA_VERSION):
                if v not in MIGRATIONS:
                    raise HeraldError(
                        f"the store {path} has schema version {version} and there is no "
                        f"migration from version {v}; re-ingest into a new --db file"
                    )
                con.execute(MIGRATIONS[v])
            con.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)]
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise

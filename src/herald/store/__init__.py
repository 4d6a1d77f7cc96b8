"""herald's event store: one embedded DuckDB file with articles, events, mentions and quotes.

``connect`` opens a store; ``ingest`` codes and stores articles; ``herald.store.queries`` holds
the read API (events, dyad series, alerts, actors, quotes) that the CLI and the web app use.
See docs/store.md for the tables, the dedup rules and the concurrency model.
"""

from herald.store.schema import DEFAULT_DB, SCHEMA_VERSION, connect

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "connect"]

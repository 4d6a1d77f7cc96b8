"""`make demo`: code the bundled sample articles, write the records, print a summary."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from herald.model import Article
from herald.pipeline import code_records
from herald.read import read_inputs

SAMPLES = Path(__file__).parent / "samples" / "articles.jsonl"


def summary_tables(events: list[dict]) -> str:
    """Events by type and by directed country pair, as plain-text tables."""
    by_type = Counter(e["event"] for e in events if not e["negated"])
    negated = sum(1 for e in events if e["negated"])
    pairs: Counter[tuple[str, str]] = Counter()
    for e in events:
        if e["negated"]:
            continue
        for a in {x["country"] or "?" for x in e["actor"]} or {"?"}:
            for r in {x["country"] or "?" for x in e["recipient"]} or {"-"}:
                pairs[(a, r)] += 1
    lines = ["Events by type (negated events left out)", "", f"  {'type':<11} {'events':>6}"]
    for t, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {t:<11} {n:>6}")
    lines.append(f"  {'(negated)':<11} {negated:>6}")
    lines += ["", "Events by country pair (actor -> recipient), top 15", "",
              f"  {'actor':<6} {'recipient':<9} {'events':>6}"]
    for (a, r), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:15]:
        lines.append(f"  {a:<6} {r:<9} {n:>6}")
    return "\n".join(lines)


def run_demo(out_dir: Path, quiet: bool = False, serve: bool = True, port: int = 8000) -> int:
    """Code the samples, write events.jsonl and quotes.jsonl, store them in herald.duckdb (all in
    ``out_dir``), print a summary and, unless ``serve`` is false, serve the dashboard."""
    from herald.store.ingest import ingest

    out_dir.mkdir(parents=True, exist_ok=True)
    events_path = out_dir / "events.jsonl"
    quotes_path = out_dir / "quotes.jsonl"
    db_path = out_dir / "herald.duckdb"
    for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
        stale.unlink(missing_ok=True)  # the demo's own store, rebuilt from this run's records
    articles = [a for a in read_inputs([SAMPLES]) if isinstance(a, Article)]
    coded = list(code_records(articles))
    events = [e for c in coded for e in c.events]
    with events_path.open("w", encoding="utf-8") as ev:
        ev.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    with quotes_path.open("w", encoding="utf-8") as qu:
        qu.writelines(json.dumps(q, ensure_ascii=False) + "\n" for c in coded for q in c.quotes)
    by_id = {c.article.id: c for c in coded}
    # the store gets the records just made: nothing is coded twice
    stats = ingest(articles, db_path, coder=lambda batch: [by_id[a.id] for a in batch])
    print(f"herald demo: coded {len(articles)} sample articles (fictional text written for herald)\n")
    print(summary_tables(events))
    print(f"\nWrote {len(events)} event records to {events_path}")
    print(f"Wrote {sum(len(c.quotes) for c in coded)} quote records to {quotes_path}")
    print(f"Stored them in {db_path}: {stats.summary()}")
    print(f"\nTry:  .venv/bin/herald dyad USA CHN --by month --db {db_path}")
    sys.stdout.flush()
    if not serve:
        return 0
    from herald.web import serve as serve_dashboard

    print("\nServing the dashboard over the sample store (Ctrl-C to stop):")
    sys.stdout.flush()
    return serve_dashboard(db_path, host="127.0.0.1", port=port)

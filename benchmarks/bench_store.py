"""Benchmark the event store.

    .venv/bin/python benchmarks/bench_store.py                 # 1M events, 1,000 articles
    .venv/bin/python benchmarks/bench_store.py --events 100000 --articles 200

1. dyad: builds a store of N synthetic events (14 countries, two years) and times
   ``dyad_series`` in-process and ``herald dyad`` as a command (process start included),
   median of 5 runs each.
2. ingest: stores A synthetic articles (8 event records and 2 quotes each, built by hand, no
   spaCy) and reports the store's own cost per article; then re-ingests the same articles
   (everything skipped by hash) and reports that time as a share of the first run.
   With ``--coding`` it also codes a few articles through the real pipeline, to put the store's
   cost per article next to the coding cost per article.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from herald.model import Article
from herald.store import connect
from herald.store.ingest import ingest
from herald.store.queries import dyad_series
from herald.store.synthetic import TableCoder, load_events, make_quote, make_record, random_history

PARAGRAPH = ("Officials in {a} said on {d} that talks with {b} had made progress on {w1}, "
             "while analysts warned that the dispute over {w2} was far from settled and that "
             "{w3} and {w4} would weigh on both governments. ")
# Words to vary the synthetic stories, so that they are not near-duplicates of each other.
WORDS = ("trade energy security borders fisheries grain shipping pipelines tariffs visas "
         "students pensions railways ports satellites vaccines fertiliser steel aluminium "
         "banking currency elections refugees drought floods wildfires tourism textiles "
         "shipyards airspace minerals lithium copper wheat rice coffee cocoa debt loans "
         "subsidies telecoms cables drones patrols exercises courts prisoners hostages "
         "journalists activists unions strikes protests budgets taxes inflation wages").split()


def _median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_dyad(folder: Path, n_events: int) -> None:
    db = folder / "dyad.duckdb"
    t = time.perf_counter()
    con = connect(db, read_only=False)
    chunk = 200_000
    history = random_history(n_events)
    done = 0
    while done < n_events:
        rows = [next(history) for _ in range(min(chunk, n_events - done))]
        load_events(con, rows)
        done += len(rows)
    con.close()
    print(f"built a store of {n_events:,} events in {time.perf_counter() - t:.1f} s "
          f"({db.stat().st_size / 1e6:.0f} MB)")
    con = connect(db)
    for by in ("month", "week", "day"):
        s = _median_time(lambda by=by: dyad_series(con, "CHN", "RUS", by=by))
        print(f"dyad_series CHN RUS --by {by}: median {s * 1000:.1f} ms (in-process)")
    s = _median_time(lambda: dyad_series(con, "CHNMIL", "RUS", by="week", since="2022-06-01",
                                         until="2023-06-01", with_events=True))
    print(f"dyad_series CHNMIL RUS --by week --since/--until --events: median {s * 1000:.1f} ms")
    con.close()
    cmd = [sys.executable, "-m", "herald.store.cli", "dyad", "CHN", "RUS", "--by", "month",
           "--db", str(db)]
    s = _median_time(lambda: subprocess.run(cmd, check=True, capture_output=True))
    print(f"`herald dyad CHN RUS --by month` as a command: median {s * 1000:.0f} ms "
          "(including Python start-up)")


def _articles(n: int) -> tuple[list[Article], TableCoder]:
    countries = ["CHN", "RUS", "USA", "UKR", "FRA", "DEU", "IND", "PAK"]
    types = ["CONSULT", "ACCUSE", "AGREE", "ASSAULT", "SUPPORT", "REJECT", "AID", "THREATEN"]
    arts, records = [], {}
    rng = random.Random(11)
    for i in range(n):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=i % 365)
        a, b = countries[i % 8], countries[(i * 3 + 1) % 8]
        text = f"Story {i}. " + "".join(
            PARAGRAPH.format(a=countries[(i + k) % 8], b=b, d=day, w1=rng.choice(WORDS),
                             w2=rng.choice(WORDS), w3=rng.choice(WORDS), w4=rng.choice(WORDS))
            for k in range(12))
        aid = f"art{i:05d}"
        arts.append(Article(aid, text, published=day.isoformat(), source=f"outlet{i % 17}",
                            url=f"https://example.org/{aid}"))
        events = [make_record(aid, types[k], a, b if k % 2 else f"{b}GOV", day.isoformat(),
                              start=k * 200, sentence=text[k * 200: k * 200 + 180])
                  for k in range(8)]
        quotes = [make_quote(aid, f"{a}GOV", text[500 + k * 300: 600 + k * 300], 500 + k * 300)
                  for k in range(2)]
        records[aid] = (events, quotes)
    return arts, TableCoder(records)


def bench_ingest(folder: Path, n_articles: int, coding: bool) -> None:
    db = folder / "ingest.duckdb"
    arts, coder = _articles(n_articles)
    t = time.perf_counter()
    stats = ingest(arts, db, coder=coder)
    first = time.perf_counter() - t
    print(f"ingest {n_articles:,} articles (store only, records given): {first:.2f} s, "
          f"{first / n_articles * 1000:.2f} ms/article; {stats.summary()}")
    t = time.perf_counter()
    again = ingest(arts, db, coder=coder)
    second = time.perf_counter() - t
    print(f"re-ingest the same {n_articles:,}: {second:.2f} s = {second / first:.0%} of the "
          f"store-only first run ({again.unchanged} skipped by hash)")
    if coding:
        from herald.pipeline import code_documents

        sample = arts[:50]
        list(code_documents(sample[:2]))  # load the model outside the timing
        t = time.perf_counter()
        list(code_documents(sample))
        per = (time.perf_counter() - t) / len(sample)
        print(f"coding through the pipeline: {per * 1000:.1f} ms/article -> storing adds "
              f"{first / n_articles / per:.1%}; a re-run takes about "
              f"{second / (first + per * n_articles):.1%} of a first run")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--coding", action="store_true", help="also time the real pipeline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        bench_dyad(Path(d), args.events)
        bench_ingest(Path(d), args.articles, args.coding)


if __name__ == "__main__":
    main()

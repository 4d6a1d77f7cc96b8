"""Faults: real ``herald ingest`` and ``herald watch`` processes killed with SIGKILL at random
points, then restarted; every article must be stored exactly once, no record half written, and
the store must open cleanly. The kill times are drawn from a seeded generator, so a failure can
be replayed; each test prints how many kills landed while the process was still working.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from herald.store import connect
from herald.watch import State
from tests.test_watch import FeedServer, Route, rss

REPO = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(REPO / "src"))

# Sentence parts for a corpus of distinct, codable sample articles (written for this test).
ACTORS = ["Kenya", "Chile", "Brazil", "Japan", "Germany", "India", "Mexico", "Nigeria",
          "Canada", "Egypt", "Poland", "Vietnam"]
CITIES = ["Nairobi", "Santiago", "Brasilia", "Tokyo", "Berlin", "New Delhi", "Mexico City",
          "Abuja", "Ottawa", "Cairo", "Warsaw", "Hanoi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOPICS = ["a new trade agreement", "water rights along a shared river", "a stalled rail project",
          "fishing quotas", "the release of detained journalists", "visa rules for students"]


def corpus(n: int) -> list[tuple[str, str]]:
    """``n`` distinct sample articles as (id, text)."""
    out = []
    for i in range(n):
        a, b = ACTORS[i % 12], ACTORS[(i * 5 + 3) % 12]
        if a == b:
            b = ACTORS[(i + 1) % 12]
        city, day, topic = CITIES[(i * 7) % 12], DAYS[i % 5], TOPICS[i % 6]
        text = (f"Officials from {a} met their counterparts from {b} in {city} on {day} to "
                f"discuss {topic}, the {i + 1}th round of such talks this year. {a}'s foreign "
                f"minister praised {b} for its patience, while opposition leaders in {city} "
                f"accused the government of hiding the terms. {b} said it would send a "
                f"delegation to {CITIES[(i * 3 + 1) % 12]} next week (sample dispatch {i}).")
        out.append((f"dispatch-{i:03d}", text))
    return out


def check_store(db: Path, expected_ids: set[str]) -> dict[str, int]:
    """Exactly once, nothing partial, opens cleanly (read-only, as every reader opens it)."""
    con = connect(db, read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        sources = q("SELECT input_id, count(*) FROM article_sources GROUP BY 1")
        assert {i for i, _ in sources} == expected_ids  # none lost, none extra
        assert all(n == 1 for _, n in sources)  # none duplicated
        assert q("SELECT count(*) FROM article_sources WHERE article_id NOT IN "
                 "(SELECT id FROM articles)") == [(0,)]
        assert q("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles) "
                 "OR event_id NOT IN (SELECT id FROM events)") == [(0,)]
        # every article has all the records it was coded with: no half-written article
        assert q("SELECT count(*) FROM articles a WHERE n_events <> (SELECT count(DISTINCT "
                 "record_id) FROM mentions m WHERE m.article_id = a.id)") == [(0,)]
        assert q("SELECT count(*) FROM articles a WHERE n_quotes <> (SELECT count(*) FROM quotes "
                 "q WHERE q.article_id = a.id)") == [(0,)]
        assert q("SELECT count(*) FROM events e WHERE num_mentions <> "
                 "(SELECT count(*) FROM mentions m WHERE m.event_id = e.id)") == [(0,)]
        assert q("SELECT count(*) FROM (SELECT id FROM mentions GROUP BY id HAVING count(*) > 1)"
                 ) == [(0,)]
        return {"articles": q("SELECT count(*) FROM articles")[0][0],
                "mentions": q("SELECT count(*) FROM mentions")[0][0]}
    finally:
        con.close()


def kill_and_restart(cmd: list[str], seed: int, kills: int, window: tuple[float, float]
                     ) -> dict[str, int]:
    """Start ``cmd``, SIGKILL it after a random delay, ``kills`` times; then run it to the end."""
    rng = random.Random(seed)
    landed = 0
    for _ in range(kills):
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(*window))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            landed += 1
        proc.wait()
    final = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr[-2000:]
    return {"kills": kills, "landed": landed}


@pytest.mark.slow
def test_faults_ingest_killed_at_random_points(tmp_path: Path) -> None:
    folder, db = tmp_path / "corpus", tmp_path / "ingest.duckdb"
    folder.mkdir()
    articles = corpus(48)  # enough that a run outlasts the kill window on a fast machine too
    for aid, text in articles:
        (folder / f"{aid}.txt").write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "herald.cli", "ingest", str(folder), "--db", str(db),
           "--date", "2024-05-14", "--batch-size", "1", "-q"]
    figures = kill_and_restart(cmd, seed=9, kills=4, window=(2.5, 5.0))
    figures |= check_store(db, {aid for aid, _ in articles})
    # and once more, with nothing left to do: nothing changes
    assert subprocess.run(cmd, env=ENV, capture_output=True, timeout=300).returncode == 0
    assert check_store(db, {aid for aid, _ in articles}) == {
        k: figures[k] for k in ("articles", "mentions")}
    print(f"\nfaults ingest: {figures}")
    assert figures["landed"] >= 3  # most kills hit a working process


@pytest.mark.slow
def test_faults_watch_killed_at_random_points(tmp_path: Path) -> None:
    # enough pages that a run outlasts the kill window on a fast machine too
    articles = corpus(90)
    with FeedServer() as server:
        for aid, text in articles:
            server.routes[f"/news/{aid}.html"] = Route(body=(
                f"<html><head><title>{aid}</title></head><body><article><p>{text}</p>"
                "</article></body></html>").encode())
        half = [f"/news/{aid}.html" for aid, _ in articles]
        server.routes["/a.xml"] = Route(body=rss(server.base, half[:60]))
        server.routes["/b.xml"] = Route(body=rss(server.base, half[30:]))  # overlaps a.xml
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"{server.base}/a.xml\n{server.base}/b.xml\n")
        db = tmp_path / "watch.duckdb"
        cmd = [sys.executable, "-m", "herald.watch", str(feeds), "--db", str(db), "--once",
               "--host-delay", "0", "--batch-size", "2", "--timeout", "5", "-q"]
        figures = kill_and_restart(cmd, seed=11, kills=5, window=(2.0, 4.0))
        expected = {f"{server.base}/news/{aid}.html" for aid, _ in articles}
        figures |= check_store(db, expected)
        state = State(State.beside(db))
        try:
            assert state.counts() == {"stored": len(articles)}
        finally:
            state.close()
        fetched = {p: server.requested(p) for p in half}
    # pages are fetched again only when a kill came between fetching and committing
    figures["refetched"] = sum(n - 1 for n in fetched.values())
    print(f"\nfaults watch: {figures}")
    assert figures["landed"] >= 3

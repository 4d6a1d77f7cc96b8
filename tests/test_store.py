"""Store: ingest idempotence, article dedup, event dedup, schema versions, read-only SQL.

Records are built by hand (DESIGN §4 dicts) and fed through a table-driven coder, so these tests
exercise the store without spaCy. One slow test runs the real pipeline end to end.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from herald.errors import HeraldError
from herald.model import Article
from herald.store import connect
from herald.store.cli import main
from herald.store.dedup import minhash, similarity, text_hash
from herald.store.ingest import ingest
from herald.store.queries import get_event, list_events, quotes, run_sql
from herald.store.synthetic import TableCoder, entity, make_quote, make_record

SUMMIT = (
    "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday, "
    "the first of three days of talks that both governments described as a new era of "
    "partnership. The two leaders signed statements on energy trade and pledged to deepen "
    "military cooperation, while Western capitals watched the visit warily. Officials in "
    "Washington said the meeting showed how far Beijing was willing to go to support Moscow."
)
STRIKE = (
    "Israeli aircraft struck targets in southern Lebanon overnight, the army said on Tuesday, "
    "after rockets were fired across the border. Lebanese officials said two people were hurt."
)
# A longer story, as wire copy runs: near-duplicate detection is about whole articles.
LONG = " ".join([SUMMIT, STRIKE,
    "Analysts in Brussels noted that the summit came weeks after the European Union agreed a "
    "new package of sanctions, and that energy exports to Asia had grown sharply over the year.",
    "In New Delhi, the foreign ministry said India would keep buying fertiliser and oil where "
    "prices were lowest, and called on all parties to return to negotiations without delay.",
    "Turkish officials offered again to host talks, pointing to the grain corridor agreement "
    "they had brokered with the United Nations, though neither side accepted the offer.",
    "Markets in Shanghai and Moscow rose modestly after the statements were published, while "
    "the rouble held steady against the dollar for a third consecutive session."])
MOSCOW = {"name": "Moscow", "country": "RUS", "lat": 55.75, "lon": 37.62, "geonameid": 524901}


def _fetch(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = connect(db)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _summit_records(aid: str) -> tuple[list[dict], list[dict]]:
    return (
        [make_record(aid, "CONSULT", [entity("CHN", "GOV", "Xi Jinping", "person")],
                     [entity("RUS", "GOV", "Vladimir Putin", "person")], "2023-03-20",
                     sentence=SUMMIT[:110], loc=MOSCOW)],
        [make_quote(aid, "USAGOV", "how far Beijing was willing to go", 300)],
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


def test_store_ingest_is_idempotent_and_skips_before_coding(db: Path) -> None:
    arts = [Article("a1", SUMMIT, published="2023-03-20", source="Wire"),
            Article("a2", STRIKE, published="2023-03-21", source="Daily")]
    coder = TableCoder({"a1": _summit_records("a1"),
                        "a2": ([make_record("a2", "ASSAULT", "ISRMIL", "LBN", "2023-03-21")], [])})
    first = ingest(arts, db, coder=coder)
    assert (first.coded, first.mentions, first.quotes) == (2, 2, 1)
    counts = _fetch(db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
                    "(SELECT count(*) FROM mentions), (SELECT count(*) FROM quotes)")
    again = ingest(arts, db, coder=coder)
    assert again.unchanged == 2 and again.coded == 0
    assert coder.coded == ["a1", "a2"]  # the second run coded nothing
    assert _fetch(db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
                  "(SELECT count(*) FROM mentions), (SELECT count(*) FROM quotes)") == counts


def test_store_exact_duplicate_is_one_article_with_several_sources(db: Path) -> None:
    copy = "  " + SUMMIT.upper().replace(" ", "  ") + "\n"  # case and spacing do not matter
    arts = [Article("wire-1", SUMMIT, url="https://wire.example/1", published="2023-03-20"),
            Article("paper-7", copy, url="https://paper.example/x", source="Paper",
                    published="2023-03-21")]
    coder = TableCoder({"wire-1": _summit_records("wire-1")})
    stats = ingest(arts, db, coder=coder)
    assert (stats.coded, stats.duplicates) == (1, 1)
    assert coder.coded == ["wire-1"]
    assert _fetch(db, "SELECT count(*) FROM articles") == [(1,)]
    assert _fetch(db, "SELECT input_id, article_id, relation FROM article_sources ORDER BY 1") == [
        ("paper-7", "wire-1", "exact-duplicate"), ("wire-1", "wire-1", "original")]
    row = _fetch(db, "SELECT num_mentions, num_articles, num_sources, first_seen::VARCHAR, "
                 "last_seen::VARCHAR FROM events")
    assert row == [(1, 2, 2, "2023-03-20", "2023-03-21")]


def test_store_near_duplicate_is_a_source_and_a_different_story_is_not(db: Path) -> None:
    edited = "By a staff reporter. " + LONG.replace("three days", "two days")
    assert similarity(minhash(LONG), minhash(edited)) >= 0.9
    arts = [Article("a", LONG), Article("b", edited), Article("c", SUMMIT)]
    coder = TableCoder({})
    stats = ingest(arts, db, coder=coder)
    assert (stats.coded, stats.near_duplicates) == (2, 1)
    assert coder.coded == ["a", "c"]
    assert _fetch(db, "SELECT relation, article_id FROM article_sources WHERE input_id = 'b'") == [
        ("near-duplicate", "a")]


def test_store_changed_text_replaces_old_records(db: Path) -> None:
    ingest([Article("a1", SUMMIT, published="2023-03-20")], db,
           coder=TableCoder({"a1": _summit_records("a1")}))
    corrected = STRIKE + " The army later said the strikes hit an empty depot."
    coder = TableCoder({"a1": ([make_record("a1", "ASSAULT", "ISR", "LBN", "2023-03-21",
                                            sentence=corrected[:80])], [])})
    stats = ingest([Article("a1", corrected, published="2023-03-21")], db, coder=coder)
    assert stats.replaced == 1
    assert _fetch(db, "SELECT count(*), min(text_hash) FROM articles") == [(1, text_hash(corrected))]
    assert _fetch(db, "SELECT event FROM events") == [("ASSAULT",)]
    assert _fetch(db, "SELECT count(*) FROM quotes") == [(0,)]
    assert _fetch(db, "SELECT count(*) FROM entity_mentions WHERE name = 'Xi Jinping'") == [(0,)]


def test_store_mentions_keep_their_evidence(db: Path) -> None:
    ingest([Article("a1", SUMMIT, published="2023-03-20")], db,
           coder=TableCoder({"a1": _summit_records("a1")}))
    con = connect(db)
    event = list_events(con)[0]
    full = get_event(con, event["id"])
    said = quotes(con, speaker="USA")
    con.close()
    (m,) = full["mentions"]
    assert m["text"] == SUMMIT[:110] and (m["char_start"], m["char_end"]) == (0, 110)
    assert m["article_id"] == "a1" and m["confidence"] == 0.8
    assert full["sources"][0]["input_id"] == "a1"
    assert full["loc_name"] == "Moscow" and full["actor_text"] == "Xi Jinping"
    assert said[0]["content"] == "how far Beijing was willing to go"


# mention b against mention a (both about the same dyad): one event or two?
DEDUP_CASES = [
    ("same day, same place", {}, {}, 1),
    ("next day", {}, {"date": "2023-03-21"}, 1),
    ("two days later", {}, {"date": "2023-03-22"}, 2),
    ("other recipient sector", {}, {"recipient": "RUSMIL"}, 2),
    ("negated vs asserted", {}, {"negated": True}, 2),
    ("future vs asserted", {}, {"modality": "future"}, 2),
    ("reported vs asserted", {}, {"modality": "reported"}, 1),
    ("place unknown on one side", {}, {"loc": None}, 1),
    ("far-apart places", {}, {"loc": {"name": "Vladivostok", "country": "RUS", "lat": 43.1,
                                      "lon": 131.9, "geonameid": 2013348}}, 2),
    ("month precision vs day", {}, {"date": "2023-03"}, 2),
    ("other event type", {}, {"event": "AGREE"}, 2),
]


@pytest.mark.parametrize("label,a,b,expected", DEDUP_CASES, ids=[c[0] for c in DEDUP_CASES])
def test_store_event_dedup_rule(db: Path, label: str, a: dict, b: dict, expected: int) -> None:
    def rec(aid: str, over: dict) -> dict:
        args = {"event": "CONSULT", "recipient": "RUSGOV", "date": "2023-03-20", "loc": MOSCOW}
        args.update(over)
        return make_record(aid, args.pop("event"), "CHNGOV", args.pop("recipient"),
                           args.pop("date"), **args)

    arts = [Article("a", SUMMIT, source="Wire"), Article("b", STRIKE, source="Paper")]
    ingest(arts, db, coder=TableCoder({"a": ([rec("a", a)], []), "b": ([rec("b", b)], [])}))
    assert _fetch(db, "SELECT count(*) FROM events") == [(expected,)]
    assert _fetch(db, "SELECT count(*) FROM mentions") == [(2,)]  # both kept as evidence
    if expected == 1:
        assert _fetch(db, "SELECT num_mentions, num_articles, num_sources FROM events") == [
            (2, 2, 2)]


def test_store_dedup_across_runs_and_articles(db: Path) -> None:
    for i, day in enumerate(["2023-03-20", "2023-03-21", "2023-03-20"]):
        aid = f"a{i}"
        ingest([Article(aid, f"Report {i}. " + STRIKE, source=f"outlet{i % 2}")], db,
               coder=TableCoder({aid: ([make_record(aid, "ASSAULT", "ISRMIL", "LBN", day)], [])}))
    assert _fetch(db, "SELECT num_mentions, num_articles, num_sources FROM events") == [(3, 3, 2)]


def test_store_multi_actor_record_makes_one_mention_per_dyad(db: Path) -> None:
    record = make_record("a", "ACCUSE", [entity("CHN"), entity("RUS")], "USA", "2023-03-20")
    ingest([Article("a", SUMMIT)], db, coder=TableCoder({"a": ([record], [])}))
    assert _fetch(db, "SELECT actor_country, recipient_country, record_id FROM mentions "
                  "ORDER BY 1") == [("CHN", "USA", record["id"]), ("RUS", "USA", record["id"])]


def test_store_failed_batch_leaves_nothing_half_written(db: Path) -> None:
    arts = [Article(f"a{i}", f"Story number {i}. " + STRIKE) for i in range(4)]
    records = {a.id: ([make_record(a.id, "ASSAULT", "ISR", "LBN", "2023-03-21")], [])
               for a in arts}

    class Crash(Exception):
        pass

    def failing(articles: list[Article]):
        if articles[0].id == "a2":
            raise Crash
        return TableCoder(records)(articles)

    with pytest.raises(Crash):
        ingest(arts, db, coder=failing, batch_size=2)
    assert _fetch(db, "SELECT count(*) FROM article_sources") == [(2,)]
    ingest(arts, db, coder=TableCoder(records), batch_size=2)
    assert _fetch(db, "SELECT count(DISTINCT input_id), count(*) FROM article_sources") == [(4, 4)]
    assert _fetch(db, "SELECT count(*) FROM mentions") == [(4,)]
    assert _fetch(db, "SELECT num_mentions FROM events") == [(4,)]


def test_store_schema_version_is_checked(db: Path) -> None:
    ingest([], db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(HeraldError, match="newer than this herald"):
        connect(db)
    with pytest.raises(HeraldError, match="newer than this herald"):
        ingest([], db)


def test_store_refuses_a_foreign_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(HeraldError, match="not a herald store"):
        connect(path, read_only=False)


def test_store_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(HeraldError, match="herald ingest"):
        connect(tmp_path / "none.duckdb")


@pytest.mark.parametrize("sql,message", [
    ("DELETE FROM events", "read-only"),
    ("CREATE TABLE x AS SELECT 1", "read-only"),
    ("SELECT * FROM read_csv('/etc/passwd')", "cannot read or write files"),
    ("COPY events TO '/tmp/herald-leak.csv'", "cannot read or write files"),
    ("ATTACH '/tmp/herald-other.duckdb' AS o", "cannot read or write files"),
    ("SELEC 1", "query failed"),
])
def test_store_query_refuses_writes_and_files(db: Path, sql: str, message: str) -> None:
    ingest([], db)
    con = connect(db)
    with pytest.raises(HeraldError, match=message):
        run_sql(con, sql)
    con.close()


def test_store_query_limits_rows(db: Path) -> None:
    ingest([], db)
    con = connect(db)
    cols, rows, truncated = run_sql(con, "SELECT * FROM range(10) t(n)", limit=3)
    con.close()
    assert (cols, len(rows), truncated) == (["n"], 3, True)


def test_store_cli_query_prints_json_and_errors(db: Path, capsys: pytest.CaptureFixture) -> None:
    ingest([Article("a1", SUMMIT)], db, coder=TableCoder({"a1": _summit_records("a1")}))
    assert main(["query", "SELECT event, num_mentions FROM events", "--db", str(db), "--json"]) == 0
    assert '"event": "CONSULT"' in capsys.readouterr().out
    assert main(["query", "DROP TABLE events", "--db", str(db)]) == 2
    assert "read-only" in capsys.readouterr().err


def test_store_cli_help_has_examples(capsys: pytest.CaptureFixture) -> None:
    for command in ("ingest", "query", "dyad", "alerts", "export"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "--db PATH" in out and "examples:" in out, command


# --- the real pipeline (slow) ---------------------------------------------------------------

SAMPLE_ARTICLES = {
    "summit.txt": SUMMIT,
    "strike.txt": STRIKE,
    "talks.txt": "Indian and Pakistani diplomats met in Geneva on Thursday to discuss the water "
                 "treaty. India accused Pakistan of delaying the talks, officials said.",
}


def _write_corpus(folder: Path, n_copies: int = 1) -> None:
    folder.mkdir()
    for k in range(n_copies):
        for name, text in SAMPLE_ARTICLES.items():
            stem = name.removesuffix(".txt")
            (folder / f"{stem}-{k}.txt").write_text(f"Dispatch {k}.\n{text}\n", encoding="utf-8")


@pytest.mark.slow
def test_store_end_to_end_ingest_is_idempotent(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "e2e.duckdb"
    _write_corpus(corpus)
    assert main(["ingest", str(corpus), "--db", str(db), "--date", "2023-03-21", "-q"]) == 0
    before = _fetch(db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions)")
    assert before[0][0] == 3
    assert main(["ingest", str(corpus), "--db", str(db), "--date", "2023-03-21", "-q"]) == 0
    assert _fetch(db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions)"
                  ) == before


@pytest.mark.slow
def test_store_ingest_survives_kill_9(tmp_path: Path) -> None:
    """Kill a real ingest at random points, restart: every article stored exactly once."""
    corpus, db = tmp_path / "corpus", tmp_path / "crash.duckdb"
    _write_corpus(corpus, n_copies=8)  # 24 articles
    cmd = [sys.executable, "-m", "herald.store.cli", "ingest", str(corpus), "--db", str(db),
           "--date", "2023-03-21", "--batch-size", "2", "-q"]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1] / "src"))
    rng = random.Random(6)
    for _ in range(3):
        proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 6.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert subprocess.run(cmd, env=env, timeout=300).returncode == 0
    assert _fetch(db, "SELECT count(*), count(DISTINCT input_id) FROM article_sources") == [
        (24, 24)]
    assert _fetch(db, "SELECT count(*) FROM mentions WHERE article_id NOT IN "
                  "(SELECT id FROM articles) OR event_id NOT IN (SELECT id FROM events)") == [(0,)]
    assert _fetch(db, "SELECT count(*) FROM events e WHERE num_mentions <> "
                  "(SELECT count(*) FROM mentions m WHERE m.event_id = e.id)") == [(0,)]

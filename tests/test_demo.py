"""`make demo` runs `herald demo`: it codes the bundled samples, writes and stores the records."""

from __future__ import annotations

import json

import duckdb
import pytest

from herald import schemas
from herald.cli import main

pytestmark = pytest.mark.slow


def test_demo_writes_records_store_and_summary(tmp_path, capsys):
    assert main(["demo", "--no-serve", "--out-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Events by type" in out and "Events by country pair" in out
    events = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text("utf-8").splitlines()]
    quotes = [json.loads(x) for x in (tmp_path / "quotes.jsonl").read_text("utf-8").splitlines()]
    assert len(events) > 100 and len(quotes) > 50
    assert all(schemas.errors("event", e) == [] for e in events)
    # the samples are written to exercise every PLOVER type; most must come out
    assert len({e["event"] for e in events}) >= 14
    con = duckdb.connect(str(tmp_path / "herald.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from articles").fetchall()[0][0] == 32
    finally:
        con.close()


def test_readme_setup_is_exactly_two_commands():
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    setup = readme.split("## Set-up", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in setup.split("```")[1].splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci

"""Analysis: directed-dyad series and shift alerts over a synthetic event history."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from herald.analysis.alerts import find_alerts
from herald.analysis.dyad import dyad_series, parse_actor
from herald.errors import HeraldError
from herald.store import connect
from herald.store.cli import main
from herald.store.synthetic import event_row, load_events

D = dt.date


def _store(path: Path, rows: list[dict]) -> Path:
    con = connect(path, read_only=False)
    load_events(con, rows)
    con.close()
    return path


@pytest.fixture
def dyad_db(tmp_path: Path) -> Path:
    rows = [
        event_row("CHNGOV", "RUSGOV", D(2023, 3, 20), "CONSULT", i=1),
        event_row("CHNGOV", "RUSGOV", D(2023, 3, 21), "AGREE", i=2),
        event_row("CHNMIL", "RUSMIL", D(2023, 3, 22), "COOPERATE", i=3),
        event_row("CHN", "RUS", D(2023, 4, 2), "ACCUSE", i=4),
        event_row("CHN", "RUS", D(2023, 4, 3), "SANCTION", i=5, negated=True),
        event_row("CHN", "RUS", D(2023, 4, 4), "ASSAULT", i=6, modality="hypothetical"),
        event_row("CHN", "RUS", D(2023, 4, 1), "SUPPORT", i=7, precision="month"),
        event_row("RUS", "CHN", D(2023, 3, 20), "SUPPORT", i=8),
    ]
    return _store(tmp_path / "dyad.duckdb", rows)


def test_analysis_dyad_counts_quad_classes_and_goldstein(dyad_db: Path) -> None:
    con = connect(dyad_db)
    s = dyad_series(con, "CHN", "RUS", by="month")
    con.close()
    march, april = s["rows"]
    assert (march["period"], march["events"], march["verbal_coop"], march["material_coop"]) == (
        "2023-03", 3, 2, 1)
    assert march["goldstein_sum"] == pytest.approx(1.0 + 4.0 + 6.0)
    # April: ACCUSE and the month-dated SUPPORT; the negated and hypothetical ones do not count
    assert (april["events"], april["verbal_conflict"], april["verbal_coop"]) == (2, 1, 1)
    assert april["goldstein_mean"] == pytest.approx((-2.0 + 3.4) / 2)


def test_analysis_dyad_sector_and_options(dyad_db: Path) -> None:
    con = connect(dyad_db)
    mil = dyad_series(con, "CHNMIL", "RUS", by="month")
    everything = dyad_series(con, "CHN", "RUS", by="month", include_negated=True,
                             include_irrealis=True)
    weekly = dyad_series(con, "CHN", "RUS", by="week", since="2023-03-01", until="2023-04-30",
                         with_events=True)
    con.close()
    assert [r["events"] for r in mil["rows"]] == [1]
    assert [r["events"] for r in everything["rows"]] == [3, 4]
    # the month-dated event cannot be placed in a week: left out and counted as such
    assert weekly["excluded_coarse"] == 1
    assert weekly["rows"][0]["period"] == "2023-02-27" and len(weekly["rows"]) == 9
    week12 = next(r for r in weekly["rows"] if r["period"] == "2023-03-20")
    assert [e["event"] for e in week12["event_list"]] == ["CONSULT", "AGREE", "COOPERATE"]


@pytest.mark.parametrize("code,expected", [("CHN", ("CHN", None)), ("chnmil", ("CHN", "MIL")),
                                           ("IGO", ("IGO", None))])
def test_analysis_parse_actor(code: str, expected: tuple) -> None:
    assert parse_actor(code) == expected


@pytest.mark.parametrize("code", ["CH", "CHINA", "CHN1"])
def test_analysis_parse_actor_rejects_bad_codes(code: str) -> None:
    with pytest.raises(HeraldError, match="3-letter"):
        parse_actor(code)


def test_analysis_cli_dyad_outputs(dyad_db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["dyad", "CHN", "RUS", "--db", str(dyad_db)]) == 0
    out = capsys.readouterr().out
    assert "CHN -> RUS, by month" in out and "2023-03" in out and "verbal_coop" in out
    assert main(["dyad", "CHN", "RUS", "--both", "--json", "--db", str(dyad_db)]) == 0
    both = json.loads(capsys.readouterr().out)
    assert [(s["actor"], s["recipient"]) for s in both] == [("CHN", "RUS"), ("RUS", "CHN")]
    assert main(["dyad", "CHN", "RUS", "--csv", "--by", "year", "--db", str(dyad_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("actor,recipient,period,events") and lines[1].startswith(
        "CHN,RUS,2023,5,")


# --- alerts ---------------------------------------------------------------------------------

START = D(2022, 1, 3)  # a Monday
COOP = ["CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID"]
MIXED = ["CONSULT", "SUPPORT", "ACCUSE", "REJECT", "AGREE", "THREATEN", "REQUEST", "PROTEST"]


def _history(seed: int, dyads: dict[tuple[str, str], list[str]], weeks: int = 52) -> list[dict]:
    """Weekly events drawn from a fixed mix per dyad: a stationary (noisy) history."""
    rng = random.Random(seed)
    rows, i = [], 0
    for (a, b), mix in dyads.items():
        for w in range(weeks):
            for _ in range(rng.randint(4, 12)):
                i += 1
                day = START + dt.timedelta(weeks=w, days=rng.randrange(7))
                rows.append(event_row(a, b, day, rng.choice(mix), i=i))
    return rows


def test_analysis_alerts_find_a_planted_shift(tmp_path: Path) -> None:
    rows = _history(1, {("CHN", "USA"): COOP, ("IND", "PAK"): MIXED, ("FRA", "DEU"): COOP})
    # In the last week India -> Pakistan turns to force: a dozen assaults and mobilizations.
    last = START + dt.timedelta(weeks=51)
    for k in range(12):
        rows.append(event_row("IND", "PAK", last + dt.timedelta(days=k % 5),
                              "ASSAULT" if k % 3 else "MOBILIZE", i=100_000 + k,
                              text=f"Indian forces struck a position across the border ({k})."))
    con = connect(_store(tmp_path / "shift.duckdb", rows))
    found = find_alerts(con, since=(last - dt.timedelta(weeks=3)).isoformat())
    con.close()
    assert [(a["actor"], a["recipient"]) for a in found] == [("IND", "PAK")]
    alert = found[0]
    assert alert["week"] == last and alert["direction"] == "conflict" and alert["z"] < -3.5
    assert alert["drivers"][0]["event"] == "ASSAULT"
    assert "Indian forces struck" in alert["drivers"][0]["text"]


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_analysis_alerts_quiet_on_a_noisy_history(tmp_path: Path, seed: int) -> None:
    rows = _history(seed, {("CHN", "USA"): COOP, ("IND", "PAK"): MIXED, ("RUS", "UKR"): MIXED,
                           ("BRA", "ARG"): COOP})
    con = connect(_store(tmp_path / "noise.duckdb", rows))
    found = find_alerts(con, since=(START + dt.timedelta(weeks=30)).isoformat())
    con.close()
    assert found == []


def test_analysis_alerts_need_history(tmp_path: Path) -> None:
    # A dyad that appears for the first time, however violently, has no baseline to depart from.
    rows = [event_row("ISR", "LBN", D(2023, 5, 1) + dt.timedelta(days=k % 5), "ASSAULT", i=k)
            for k in range(20)]
    con = connect(_store(tmp_path / "new.duckdb", rows))
    assert find_alerts(con) == []
    con.close()


def test_analysis_cli_alerts_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rows = _history(1, {("IND", "PAK"): MIXED})
    last = START + dt.timedelta(weeks=51)
    rows += [event_row("IND", "PAK", last, "ASSAULT", i=900_000 + k) for k in range(12)]
    db = _store(tmp_path / "cli.duckdb", rows)
    assert main(["alerts", "--json", "--db", str(db)]) == 0
    (alert,) = json.loads(capsys.readouterr().out)
    assert alert["actor"] == "IND" and alert["drivers"]
    assert main(["alerts", "--db", str(db)]) == 0
    assert "toward conflict" in capsys.readouterr().out

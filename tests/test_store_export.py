"""Exports: GDELT 2.0 columns, PLOVER field names, Parquet partitioned by month, filters."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from herald.model import Article
from herald.store.cli import main
from herald.store.export import GDELT_COLUMNS
from herald.store.ingest import ingest
from herald.store.synthetic import TableCoder, make_record

KYIV = {"name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52, "geonameid": 703448}
TEXTS = {
    "a1": "Russian forces shelled Kyiv on Monday, Ukrainian officials said, damaging homes.",
    "a2": "The French foreign minister visited Kenya on Tuesday to discuss trade and climate.",
    "a3": "Russia and Ukraine did not agree to a ceasefire at talks in May, mediators said.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.duckdb"
    records = {
        "a1": ([make_record("a1", "ASSAULT", "RUSMIL", "UKR", "2023-03-20", loc=KYIV,
                            sentence=TEXTS["a1"], mode="aerial")], []),
        "a2": ([make_record("a2", "CONSULT", "FRAGOV", "KEN", "2023-04-04",
                            sentence=TEXTS["a2"], mode="visit")], []),
        "a3": ([make_record("a3", "AGREE", "RUS", "UKR", "2023-05", negated=True,
                            sentence=TEXTS["a3"])], []),
    }
    arts = [Article(k, v, url=f"https://news.example/{k}", source="Example News",
                    published="2023-05-10") for k, v in TEXTS.items()]
    ingest(arts, path, coder=TableCoder(records))
    return path


def test_store_export_gdelt_has_61_columns_in_codebook_order() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
                                 "FractionDate", "Actor1Code"]
    assert GDELT_COLUMNS[25:35] == ["IsRootEvent", "EventCode", "EventBaseCode",
                                    "EventRootCode", "QuadClass", "GoldsteinScale",
                                    "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    assert GDELT_COLUMNS[51:59] == ["ActionGeo_Type", "ActionGeo_FullName",
                                    "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
                                    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long",
                                    "ActionGeo_FeatureID"]
    assert GDELT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]


def test_store_export_gdelt_rows(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert main(["export", "--format", "gdelt", "--out", str(out), "--db", str(db), "-q"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3  # no header by default
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    strike = next(r for r in rows if r["EventCode"] == "190")
    assert (strike["SQLDATE"], strike["MonthYear"], strike["Year"]) == ("20230320", "202303",
                                                                       "2023")
    assert (strike["Actor1Code"], strike["Actor1CountryCode"], strike["Actor1Type1Code"]) == (
        "RUSMIL", "RUS", "MIL")
    assert (strike["EventBaseCode"], strike["EventRootCode"], strike["QuadClass"]) == (
        "190", "19", "4")
    assert strike["ActionGeo_FullName"] == "Kyiv" and strike["ActionGeo_CountryCode"] == "UP"
    assert strike["ActionGeo_FeatureID"] == "703448" and strike["AvgTone"] == ""
    assert strike["SOURCEURL"] == "https://news.example/a1" and len(strike["DATEADDED"]) == 14
    monthly = next(r for r in rows if r["EventCode"] == "030")
    assert monthly["SQLDATE"] == "20230501"  # month precision: first day of the month


def test_store_export_gdelt_header_and_filters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ru.tsv"
    assert main(["export", "--format", "gdelt", "--out", str(out), "--header", "--actor", "RUS",
                 "--event", "19", "--since", "2023-03-01", "--db", str(db), "-q"]) == 0
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.split("\t") == GDELT_COLUMNS
    assert len(rows) == 1 and "\tRUSMIL\t" in rows[0]


def test_store_export_plover_field_names(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert main(["export", "--format", "plover", "--out", str(out), "--event", "CONSULT",
                 "--db", str(db), "-q"]) == 0
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for key in ("id", "date", "source", "target", "event", "mode", "context", "eventText",
                "text", "eventLoc"):
        assert key in rec
    assert rec["source"] == [{"actorText": "France", "code": "FRA", "sector": "GOV",
                              "name": "France"}]
    assert rec["target"][0]["code"] == "KEN" and rec["mode"] == "visit"
    assert rec["text"] == TEXTS["a2"] and rec["num_mentions"] == 1


def test_store_export_parquet_partitioned_by_month(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    assert main(["export", "--format", "parquet", "--out", str(out), "--db", str(db), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["month=2023-03", "month=2023-04",
                                                     "month=2023-05"]
    rows = duckdb.sql(
        f"SELECT month, event, negated FROM read_parquet('{out}/**/*.parquet', "
        "hive_partitioning = true) ORDER BY month").fetchall()
    assert rows == [("2023-03", "ASSAULT", False), ("2023-04", "CONSULT", False),
                    ("2023-05", "AGREE", True)]

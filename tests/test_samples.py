"""The bundled sample corpus: well-formed, clearly marked, and its coverage claim written down."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).parents[1] / "src" / "herald" / "samples"
ARTICLES = SAMPLES / "articles.jsonl"
README = SAMPLES / "README.md"

REQUIRED_FIELDS = ("id", "url", "title", "text", "published", "source")
PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
).split()


@lru_cache(maxsize=1)
def _records() -> tuple[dict[str, Any], ...]:
    records = []
    with ARTICLES.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            assert line.strip(), f"articles.jsonl:{n}: blank line"
            record = json.loads(line)
            assert isinstance(record, dict), f"articles.jsonl:{n}: not a JSON object"
            records.append(record)
    return tuple(records)


def _readme_table_rows() -> list[str]:
    """The README's table rows that describe an article (start with "| sample-")."""
    return [
        ln for ln in README.read_text(encoding="utf-8").splitlines() if ln.startswith("| sample-")
    ]


def test_samples_file_parses_with_enough_articles() -> None:
    assert len(_records()) >= 24


def test_samples_ids_are_unique_and_well_formed() -> None:
    ids = [r["id"] for r in _records()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"sample-\d{3}", i) for i in ids), ids


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_samples_every_record_has_field(field: str) -> None:
    for r in _records():
        assert isinstance(r.get(field), str) and r[field].strip(), f"{r.get('id')}: {field}"


def test_samples_dates_valid_and_spread_over_2023_2024() -> None:
    dates = [dt.date.fromisoformat(r["published"]) for r in _records()]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"]) for r in _records())
    assert min(dates) >= dt.date(2023, 1, 1) and max(dates) <= dt.date(2024, 12, 31)
    # dyad series need several months, not one burst
    assert len({(d.year, d.month) for d in dates}) >= 12


def test_samples_all_marked_as_herald_sample() -> None:
    for r in _records():
        assert r["source"] == "herald sample", r["id"]
        assert r["url"].startswith("https://example.org/herald-sample/"), r["id"]


def test_samples_urls_unique() -> None:
    urls = [r["url"] for r in _records()]
    assert len(urls) == len(set(urls))


def test_samples_texts_are_short_articles_with_paragraphs() -> None:
    for r in _records():
        words = len(r["text"].split())
        assert 120 <= words <= 300, f"{r['id']}: {words} words"
        assert "\n\n" in r["text"], f"{r['id']}: no paragraph breaks"


def test_samples_readme_table_lists_every_article() -> None:
    listed = {row.split("|")[1].strip() for row in _readme_table_rows()}
    assert listed == {r["id"] for r in _records()}


def test_samples_readme_dates_match_articles() -> None:
    published = {r["id"]: r["published"] for r in _records()}
    for row in _readme_table_rows():
        cells = [c.strip() for c in row.split("|")]
        assert published[cells[1]] == cells[2], cells[1]


@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_samples_readme_claims_plover_type(event_type: str) -> None:
    # A cheap guard that the coverage claim stays written down as the corpus changes.
    table = "\n".join(_readme_table_rows())
    assert re.search(rf"\b{event_type}\b", table), f"{event_type} not in the README table"

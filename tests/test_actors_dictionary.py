"""PETRARCH/TABARI actor dictionaries as user actors."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald import actors
from herald.actors.dictionary import load_petrarch_actors, parse_code
from herald.errors import HeraldError

SHARED = Path(__file__).parents[1].parent / "shared"

# A small dictionary in the TABARI format, written for this test (fictional people).
DICTIONARY = """\
# test actors
MARTA_VELLO_  # a fictional minister
+VELLO_
+FOREIGN_MINISTER_MARTA_VELLO_
\t[ESTLEG 050101-150630]
\t[ESTGOV >150701]
\t[ESTELI]
OSKAR_TAMM_ [ESTMIL <101231]
BALTIC_SEA_FISHERIES_BOARD_ [IGOBUSFSH]
"""


@pytest.fixture()
def dictionary(tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("RUSGOV >080508", ("RUS", "GOV", "2008-05-08", None)),
        ("PERELI 670101-850728", ("PER", "ELI", "1967-01-01", "1985-07-28")),
        ("USAMIL <991231", ("USA", "MIL", None, "1999-12-31")),
        ("IGOWSTNAT", ("IGO", None, None, None)),
        ("NGOHRIAMN", ("NGO", None, None, None)),
    ],
)
def test_actors_dictionary_parse_code(code, expected):
    assert parse_code(code) == expected


def test_actors_dictionary_bad_date_is_reported():
    with pytest.raises(HeraldError, match="yymmdd"):
        parse_code("RUSGOV >08-05", "x.txt:3")


def test_actors_dictionary_strict_rejects_bad_codes(tmp_path):
    path = tmp_path / "bad.actors.txt"
    path.write_text("SOMEONE_ [ESTGOV 9008223]\n", encoding="utf-8")
    problems: list[str] = []
    assert load_petrarch_actors(path, problems=problems) == []
    assert problems and "bad.actors.txt:1" in problems[0]
    with pytest.raises(HeraldError, match="bad.actors.txt:1"):
        load_petrarch_actors(path, strict=True)


def test_actors_dictionary_reads_blocks(dictionary):
    rows = load_petrarch_actors(dictionary)
    vello = [r for r in rows if r.name == "Marta Vello"]
    assert len(vello) == 3
    assert "Vello" in vello[0].aliases
    assert {(r.sector, r.start, r.end) for r in vello} == {
        ("LEG", "2005-01-01", "2015-06-30"), ("GOV", "2015-07-01", None), ("ELI", None, None)}
    tamm = next(r for r in rows if r.name == "Oskar Tamm")
    assert (tamm.country, tamm.sector, tamm.end) == ("EST", "MIL", "2010-12-31")
    board = next(r for r in rows if r.name.startswith("Baltic"))
    assert (board.country, board.kind) == ("IGO", "organization")


@pytest.mark.parametrize(
    ("date", "sector"),
    [("2012-03-01", "LEG"), ("2019-03-01", "GOV"), ("1999-03-01", "ELI")],
)
def test_actors_dictionary_dated_roles_resolve(dictionary, date, sector):
    actors.add_user_actors(load_petrarch_actors(dictionary))
    try:
        entities = actors.resolve_phrase("Vello", date)
        assert [(e.name, e.country, e.sector) for e in entities] == [
            ("Marta Vello", "EST", sector)]
    finally:
        actors.clear_user_actors()


@pytest.mark.slow
def test_actors_dictionary_reads_phoenix_countries():
    path = SHARED / "gold" / "petrarch2" / "Phoenix.Countries.actors.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the repository)")
    problems: list[str] = []
    rows = load_petrarch_actors(path, problems=problems)
    assert len(problems) < 50 and all(":" in p for p in problems)
    putin = [r for r in rows if r.name == "Vladimir Putin"]
    assert any(r.sector == "GOV" and r.start == "2008-05-08" for r in putin)

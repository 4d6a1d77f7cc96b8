"""Checks on the built-in people knowledge file (actors/knowledge/people.tsv).

The file is read with the csv module only, so these tests guard the data format independently of
the loader that turns it into lookup tables.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pycountry
import pytest

PEOPLE_TSV = Path(__file__).parents[1] / "src" / "herald" / "actors" / "knowledge" / "people.tsv"
HEADER = ["name", "aliases", "country", "sector", "role", "start", "end"]

# Codes outside ISO 3166-1 that the file may use (IGO for international organisations).
EXTRA_COUNTRIES = {"IGO", "XKX", "PSE", "TWN"}
# PLOVER/CAMEO actor sectors from the design document.
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "REB", "UAF", "OPP", "CVL", "BUS", "MED",
    "JRN", "EDU", "REL", "LAB", "REF", "AGR", "CRM", "ELI", "PRE", "SOC", "UNK",
}
# Short aliases that are nonetheless unambiguous in news text.
SHORT_ALIAS_ALLOWED = {"Xi"}
# Bare names too common (as surnames or words) to identify one person without context.
COMMON_BARE_NAMES = {
    "Li", "Wang", "Zhang", "Kim", "Lee", "Park", "Choi", "Khan", "Singh", "Smith", "Johnson",
    "Brown", "May", "Sharif", "Hussein", "Mohamed", "Mohammed", "Ali", "Abdullah", "Salman",
    "Cohen", "Katz", "Wu", "Moon", "Hunt", "Cooper", "Wallace", "Blair", "Miller", "Austin",
    "Carter", "Hamad", "Maïga", "Maiga", "Traoré", "Traore", "Ouédraogo", "Keïta", "Keita",
}
# Rival governments: Libya had two cabinets claiming the premiership at the same time.
CONCURRENT_OFFICES = {("LBY", "Prime Minister")}


@lru_cache(maxsize=1)
def load_rows() -> tuple[dict[str, str], ...]:
    """Rows of people.tsv as dicts, comment lines skipped, with their 1-based file line number."""
    lines = PEOPLE_TSV.read_text(encoding="utf-8").splitlines()
    data = [(n, line) for n, line in enumerate(lines, 1) if line and not line.startswith("#")]
    reader = csv.reader((line for _, line in data), delimiter="\t", quoting=csv.QUOTE_NONE)
    parsed = list(reader)
    assert parsed[0] == HEADER, f"first non-comment line must be the header {HEADER}"
    rows = []
    for (lineno, _), fields in zip(data[1:], parsed[1:], strict=True):
        row = dict(zip(HEADER, fields, strict=False))
        row["_line"] = str(lineno)
        row["_nfields"] = str(len(fields))
        rows.append(row)
    return tuple(rows)


def date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def holders(country: str, role: str, day: str) -> set[str]:
    """Names holding `role` for `country` on `day` (tenures are half-open: start <= day < end)."""
    d = date(day)
    return {
        r["name"]
        for r in load_rows()
        if r["country"] == country
        and r["role"] == role
        and date(r["start"]) <= d
        and (not r["end"] or d < date(r["end"]))
    }


def alias_index() -> dict[str, set[str]]:
    """Lower-cased alias -> names of the people who carry it."""
    index: dict[str, set[str]] = defaultdict(set)
    for r in load_rows():
        for alias in filter(None, r["aliases"].split("|")):
            index[alias.lower()].add(r["name"])
    return index


def where(r: dict[str, str]) -> str:
    return f"people.tsv line {r['_line']} ({r['name']})"


def test_people_knowledge_has_comment_block_and_header():
    first = PEOPLE_TSV.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")
    assert load_rows()


def test_people_knowledge_row_count_in_expected_range():
    assert 400 <= len(load_rows()) <= 1200


def test_people_knowledge_every_row_has_seven_fields():
    bad = [where(r) for r in load_rows() if r["_nfields"] != "7"]
    assert not bad, bad


def test_people_knowledge_fields_are_clean():
    for r in load_rows():
        for key in HEADER:
            value = r[key]
            assert value == value.strip(), f"{where(r)}: {key} has surrounding spaces"
            assert "?" not in value and '"' not in value, f"{where(r)}: {key}={value!r}"
        for key in ("name", "country", "sector", "role", "start"):
            assert r[key], f"{where(r)}: {key} is empty"


def test_people_knowledge_countries_are_iso3_or_known_extras():
    for r in load_rows():
        code = r["country"]
        ok = code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None
        assert ok, f"{where(r)}: {code!r} is not an ISO 3166 alpha-3 code"


def test_people_knowledge_sectors_are_known():
    bad = [(where(r), r["sector"]) for r in load_rows() if r["sector"] not in SECTORS]
    assert not bad, bad


def test_people_knowledge_dates_are_valid_and_ordered():
    for r in load_rows():
        start = date(r["start"])
        assert len(r["start"]) == 10, where(r)
        if r["end"]:
            assert len(r["end"]) == 10, where(r)
            assert start <= date(r["end"]), f"{where(r)}: start after end"


# Offices whose holders are known back in time: historical news names them most often.
HISTORICAL_ROLES = {"President", "Prime Minister", "Chancellor", "Supreme Leader", "Leader",
                    "President of Yugoslavia", "Chairman of the PLO", "UN Secretary-General"}


def test_people_knowledge_tenures_reach_the_covered_period():
    # The file covers 2015 on in depth; before that, only heads of state and government (and the
    # UN Secretary-General) of the modern era, plus the earlier roles of people in office since.
    in_range = {r["name"] for r in load_rows() if not r["end"] or r["end"] >= "2015-01-01"}
    stale = [where(r) for r in load_rows() if r["name"] not in in_range
             and (r["role"] not in HISTORICAL_ROLES or r["start"] < "1945-01-01")]
    assert not stale, stale


def test_people_knowledge_same_person_has_same_aliases_on_every_row():
    seen: dict[str, str] = {}
    for r in load_rows():
        assert seen.setdefault(r["name"], r["aliases"]) == r["aliases"], where(r)


def test_people_knowledge_aliases_are_unambiguous():
    clashes = {a: names for a, names in alias_index().items() if len(names) > 1}
    assert not clashes, clashes


def test_people_knowledge_alias_never_names_someone_else():
    names = {r["name"].lower(): r["name"] for r in load_rows()}
    for alias, owners in alias_index().items():
        other = names.get(alias)
        assert other is None or other in owners, f"alias {alias!r} of {owners} is {other}'s name"


def test_people_knowledge_one_word_alias_is_not_a_word_of_another_name():
    # "Zardari" would be ambiguous between Asif Ali Zardari and Bilawal Bhutto Zardari. Parts of
    # hyphenated names do not count: "Dlamini-Zuma" is written whole, so "Zuma" stays Jacob Zuma.
    words: dict[str, set[str]] = defaultdict(set)
    for r in load_rows():
        for word in r["name"].lower().split():
            words[word].add(r["name"])
    for alias, owners in alias_index().items():
        if " " not in alias:
            others = words.get(alias, set()) - owners
            assert not others, f"alias {alias!r} of {owners} is also a word of {others}"


def test_people_knowledge_no_short_or_common_bare_aliases():
    common = {c.lower() for c in COMMON_BARE_NAMES}
    for r in load_rows():
        for alias in filter(None, r["aliases"].split("|")):
            if len(alias) < 3:
                assert alias in SHORT_ALIAS_ALLOWED, f"{where(r)}: alias {alias!r} too short"
            assert alias.lower() not in common, f"{where(r)}: alias {alias!r} is too common"


def test_people_knowledge_offices_have_one_holder_at_a_time():
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in load_rows():
        groups[(r["country"], r["role"])].append(r)
    for key, rows in groups.items():
        if key in CONCURRENT_OFFICES:
            continue
        rows = sorted(rows, key=lambda r: r["start"])
        for a, b in zip(rows, rows[1:], strict=False):
            assert a["end"] and a["end"] <= b["start"], f"{key}: {where(a)} overlaps {where(b)}"


def test_people_knowledge_covers_g20_and_conflict_states():
    countries = {r["country"] for r in load_rows()}
    required = {
        "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS",
        "SAU", "ZAF", "KOR", "TUR", "GBR", "USA", "IGO", "UKR", "ISR", "IRN", "SYR", "YEM",
        "AFG", "SDN", "SSD", "ETH", "MMR", "LBY", "IRQ", "PSE", "ARM", "AZE", "PRK", "VEN",
        "BLR", "COD", "SOM", "MLI", "BFA", "NER", "PAK", "QAT", "EGY", "HUN", "POL",
    }
    assert required <= countries, sorted(required - countries)


@pytest.mark.parametrize(
    ("day", "country", "role", "expected"),
    [
        ("2019-06-01", "USA", "President", "Donald Trump"),
        ("2021-01-20", "USA", "President", "Joe Biden"),
        ("2026-01-01", "USA", "President", "Donald Trump"),
        ("2016-03-01", "USA", "Secretary of State", "John Kerry"),
        ("2019-03-01", "USA", "Acting Secretary of Defense", "Patrick Shanahan"),
        ("2022-10-01", "GBR", "Prime Minister", "Liz Truss"),
        ("2016-07-12", "GBR", "Prime Minister", "David Cameron"),
        ("2016-07-13", "GBR", "Prime Minister", "Theresa May"),
        ("2023-04-16", "CHN", "Defence Minister", "Li Shangfu"),
        ("2023-04-16", "CHN", "Foreign Minister", "Qin Gang"),
        ("2023-04-16", "CHN", "President", "Xi Jinping"),
        ("2023-04-16", "RUS", "Foreign Minister", "Sergey Lavrov"),
        ("2024-06-01", "RUS", "Defence Minister", "Andrei Belousov"),
        ("2023-06-01", "RUS", "Defence Minister", "Sergei Shoigu"),
        ("2010-01-01", "RUS", "Prime Minister", "Vladimir Putin"),
        ("2022-03-01", "UKR", "President", "Volodymyr Zelenskyy"),
        ("2022-03-01", "UKR", "Defence Minister", "Oleksii Reznikov"),
        ("2022-03-01", "DEU", "Chancellor", "Olaf Scholz"),
        ("2020-06-01", "FRA", "Prime Minister", "Édouard Philippe"),
        ("2019-05-01", "JPN", "Emperor", "Naruhito"),
        ("2016-06-01", "IGO", "UN Secretary-General", "Ban Ki-moon"),
        ("2017-06-01", "IGO", "UN Secretary-General", "António Guterres"),
        ("2020-01-01", "IGO", "NATO Secretary-General", "Jens Stoltenberg"),
        ("2025-01-01", "IGO", "NATO Secretary-General", "Mark Rutte"),
        ("2021-07-01", "ISR", "Prime Minister", "Naftali Bennett"),
        ("2023-11-01", "ISR", "Defence Minister", "Yoav Gallant"),
        ("2024-06-01", "IRN", "Acting President", "Mohammad Mokhber"),
        ("2018-01-01", "SAU", "Crown Prince", "Mohammed bin Salman"),
        ("2016-01-01", "TUR", "Prime Minister", "Ahmet Davutoğlu"),
        ("2025-03-01", "KOR", "Acting President", "Choi Sang-mok"),
        ("2024-12-01", "SYR", "President", "Bashar al-Assad"),
        ("2025-06-01", "SYR", "President", "Ahmed al-Sharaa"),
        ("2022-05-01", "PAK", "Prime Minister", "Shehbaz Sharif"),
        ("2019-05-01", "SDN", "Chairman of the Transitional Military Council",
         "Abdel Fattah al-Burhan"),
        ("2018-06-01", "ARM", "Prime Minister", "Nikol Pashinyan"),
        ("2020-10-01", "AZE", "President", "Ilham Aliyev"),
        ("2019-01-24", "COD", "President", "Félix Tshisekedi"),
    ],
)
def test_people_knowledge_office_holder_on_date(day, country, role, expected):
    assert holders(country, role, day) == {expected}


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Xi", "Xi Jinping"),
        ("Zelensky", "Volodymyr Zelenskyy"),
        ("Zelenskiy", "Volodymyr Zelenskyy"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Erdoğan", "Recep Tayyip Erdoğan"),
        ("MBS", "Mohammed bin Salman"),
        ("Lavrov", "Sergey Lavrov"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("AMLO", "Andrés Manuel López Obrador"),
        ("Lula", "Luiz Inácio Lula da Silva"),
        ("Jokowi", "Joko Widodo"),
        ("Abu Mazen", "Mahmoud Abbas"),
    ],
)
def test_people_knowledge_alias_resolves_to_person(alias, expected):
    assert alias_index()[alias.lower()] == {expected}


@pytest.mark.parametrize("bare", ["Li", "Wang", "Kim", "Lee", "Khan", "Sharif", "Abbas", "Zardari"])
def test_people_knowledge_ambiguous_surname_is_not_an_alias(bare):
    assert bare.lower() not in alias_index()

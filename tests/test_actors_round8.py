"""Actor resolution, round 8 (issue #4): split spans, federal states, other spellings of capitals,
heads of services, peace movements, office holders by date."""

from __future__ import annotations

from functools import partial

import pytest

from herald import actors
from herald.model import Mention
from tests.conftest import mention_at as at
from tests.conftest import mentions_of as _mentions_of

# these sentences are dated 2004-06-14
DATE = "2004-06-14"
mentions_of = partial(_mentions_of, date=DATE)


def codes(m: Mention | None) -> list[tuple[str | None, str | None]]:
    return [(e.country, e.sector) for e in m.entities] if m else []


def resolve(phrase: str, date: str = DATE) -> list[tuple[str | None, str | None]]:
    return [(e.country, e.sector) for e in actors.resolve_phrase(phrase, date)]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Sierra Leonean ... refugees", [("SLE", "REF")]),
        ("U.S. \u2026 negotiators", [("USA", "GOV")]),
        ("Kenyan ... police", [("KEN", "COP")]),
    ],
)
def test_actors_ellipsis_joins_the_pieces_of_a_span(phrase, expected):
    assert resolve(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("West Darfur State", [("SDN", None)]),  # a federal state is a place, not a government
        ("Rivers State", [("NGA", None)]),
        ("the Palestinian State", [("PSE", "GOV")]),  # after a nationality it is that state
    ],
)
def test_actors_federal_state_name_is_a_place(phrase, expected):
    assert resolve(phrase) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Gunmen attacked a village in Borno State on Sunday.", "State"),
        ("The governor of Kano State met the rebels.", "State"),
    ],
)
def test_actors_federal_state_name_is_no_unnamed_government(nlp, text, word):
    assert ("GOV" not in {s for _, s in codes(at(mentions_of(nlp, text), word))})


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Mogadiscio accused the rebels of breaking the truce.", "Mogadiscio", [("SOM", "GOV")]),
        ("Pnom Penh accused the rebels of breaking the truce.", "Pnom", [("KHM", "GOV")]),
    ],
)
def test_actors_capital_under_another_spelling_is_its_government(nlp, text, word, expected):
    assert codes(at(mentions_of(nlp, text), word)) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Khatmandu", [("NPL", "GOV")]),  # a capital alone, as "Kathmandu" is
        ("Samarra", [("IRQ", None)]),  # a town that is no capital keeps no sector
    ],
)
def test_actors_bare_capital_under_another_spelling(phrase, expected):
    assert resolve(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Cairo's police chief", [("EGY", "COP")]),
        ("Pakistan's army chief", [("PAK", "MIL")]),
        ("the Iraqi intelligence chief", [("IRQ", "SPY")]),
        ("Saudi spy chief", [("SAU", "SPY")]),
    ],
)
def test_actors_head_of_a_service_has_its_sector(phrase, expected):
    assert resolve(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Israeli peace movement", [("ISR", "OPP")]),
        ("peace activists in Israel", [("ISR", "OPP")]),
    ],
)
def test_actors_peace_movement_is_opposition(phrase, expected):
    assert resolve(phrase) == expected


@pytest.mark.parametrize(
    ("date", "sector"),
    [
        ("1997-01-01", "GOV"),  # first term as prime minister
        ("2001-01-01", "ELI"),  # out of office after holding one
        ("2010-01-01", "GOV"),
    ],
)
def test_actors_office_holder_by_date(date, sector):
    assert resolve("Benjamin Netanyahu", date) == [("ISR", sector)]

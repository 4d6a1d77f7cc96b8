"""Actor resolution, round 6: patrons are not nationalities; complements, bodies and NGOs."""

from __future__ import annotations

from functools import partial

import pytest

from herald import actors
from herald.model import Mention
from tests.conftest import mention_at as at
from tests.conftest import mentions_of as _mentions_of

# these sentences are dated 2019-10-14
mentions_of = partial(_mentions_of, date="2019-10-14")





def codes(m: Mention | None) -> list[tuple[str | None, str | None]]:
    return [(e.country, e.sector) for e in m.entities] if m else []


def test_actors_round6_backer_is_not_the_actors_state(nlp):
    doc = mentions_of(nlp, "US-backed Syrian Democratic Forces troops met Russian-backed Syrian "
                           "government forces near the town on Monday.")
    assert [e.country for e in at(doc, "troops").entities] == ["SYR"]
    assert codes(at(doc, "government")) == [("SYR", "MIL")]
    # the patrons before the hyphen are nobody's country in the sentence
    assert not {e.country for m in doc.mentions for e in m.entities} & {"USA", "RUS"}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Saudi-funded rebels", [(None, "REB")]),
        ("Turkish-supported fighters", [(None, "UAF")]),
        ("Iran-aligned militias", [(None, "UAF")]),
        ("Moscow-backed separatists", [(None, "REB")]),
        ("Iranian-backed Houthi rebels", [("YEM", "REB")]),
        # "-led" names the leader, which is the actor's
        ("NATO-led force", [("IGO", "MIL")]),
        ("US-led coalition", [("USA", None)]),
        ("Iran-led militias", [("IRN", "UAF")]),
        # a stance is not membership either (unchanged)
        ("pro-Russian separatists", [(None, "REB")]),
    ],
)
def test_actors_round6_hyphenated_patron_or_leader(phrase, expected):
    got = [(e.country, e.sector) for e in actors.resolve_phrase(phrase, "2019-10-14")]
    assert got == expected


def test_actors_round6_brokered_talks_name_no_actor():
    assert actors.resolve_phrase("UN-brokered talks", "2019-10-14") == []


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        # a country-less actor takes the place named in its complement
        ("refugees fleeing the fighting in Mali", "MLI", "REF"),
        ("doctors from two Canadian aid groups", "CAN", "MED"),
        ("villages near Albania", "ALB", "CVL"),
        ("Thousands of residents .. in Mombasa", "KEN", "CVL"),
        # a people "of" a country is coded where it lives
        ("the Hungarians of southern Slovakia", "SVK", None),
        # the possessor's "'s" is not part of the person's name
        ("Olaf Scholz's party", "DEU", "PTY"),
        # a country's name opening the name of a body gives the body's country
        # ... and a name ending in a state office's word makes it GOV (issue #4, round 7; as
        # Phoenix codes an anti-graft commission)
        ("Ghana Anti-Corruption Commission", "GHA", "GOV"),
        ("Uganda Teachers Association", "UGA", "EDU"),
        # a named voluntary body that names no country is an NGO
        ("Association of Caribbean Lawyers", "NGO", None),
        ("Global Coastal Water Forum", "NGO", None),
        # unnamed rights groups are NGOs, unflagged peacekeepers a multinational mission
        ("a leading human rights group", "NGO", None),
        ("a regional peacekeeping force", "IGO", "MIL"),
        ("Kenyan rights groups", "KEN", None),
        ("Indian peacekeepers", "IND", "MIL"),
    ],
)
def test_actors_round6_country_from_complement_body_or_kind(phrase, country, sector):
    (e,) = actors.resolve_phrase(phrase, "2019-10-14")
    assert (e.country, e.sector) == (country, sector)


def test_actors_round6_first_name_like_a_country_is_still_a_person():
    (e,) = actors.resolve_phrase("Jordan Henderson said", "2019-10-14")
    assert (e.kind, e.country) == ("person", None)

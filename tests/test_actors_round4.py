"""Actor sectors added for issue 4 (round 4): role nouns and sector-giving modifiers."""

from __future__ import annotations

import pytest

from herald import actors


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        # a role among the modifiers of a noun that is no role gives the sector
        ("Kenyan opposition candidates", "KEN", "OPP"),
        ("French civilian contractors", "FRA", "CVL"),
        ("Turkish government vehicles", "TUR", "GOV"),
        # a state's aircraft stand for its air force, unless they are civilian
        ("Turkish aircraft", "TUR", "MIL"),
        ("Turkish civilian aircraft", "TUR", "CVL"),
        # role nouns
        ("Kenya's rulers", "KEN", "GOV"),
        ("Ghanaian administrators", "GHA", "GOV"),
        ("Somali clan elders", "SOM", "ELI"),
        ("an American missionary", "USA", "REL"),
        ("Egyptian websites", "EGY", "JRN"),
        ("a Chilean prisoner", "CHL", "CVL"),
    ],
)
def test_actors_round4_sector_from_role_or_modifier(phrase, country, sector):
    (e,) = actors.resolve_phrase(phrase, "2010-06-01")
    assert (e.country, e.sector) == (country, sector)


def test_actors_round4_country_modifier_without_role_keeps_no_sector():
    (e,) = actors.resolve_phrase("Turkish exports", "2010-06-01")
    assert (e.country, e.sector) == ("TUR", None)

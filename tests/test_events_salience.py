"""The main event of a short text: the lead's event, or the protest that police handled."""

from __future__ import annotations

import pytest

from herald import nlp
from herald.events import salience


def _main(text: str):
    return salience.main_event(nlp.load()(text), use_model=False)


@pytest.mark.parametrize("text,event,mode", [
    # police handling a crowd: the text reports a protest
    ("Police fired tear gas at crowds of protesters outside the parliament on Friday.",
     "PROTEST", "demo"),
    ("Officers detained dozens of demonstrators during a march against the new tax law.",
     "PROTEST", "demo"),
    ("Protesters detained by police sat in vans outside the square.", "PROTEST", "demo"),
    # the crowd fought back: a riot
    ("Police fired water cannon at protesters as clashes spread to the old town.",
     "PROTEST", "riot"),
    # people hurt or killed: force against protesters stays the assault
    ("Soldiers fired on demonstrators in the square, killing three people.", "ASSAULT",
     "firearms"),
    # no crowd among the participants: the lead stands
    ("Police arrested a journalist who had organised a protest last year.", "COERCE", "arrest"),
    ("The air force bombed rebel positions near the town on Monday.", "ASSAULT", "aerial"),
])
def test_salience_main_event(text, event, mode):
    rel = _main(text)
    assert rel is not None and (rel.event, rel.mode) == (event, mode), rel


def test_salience_riot_police_are_no_crowd_violence():
    rel = _main("Riot police detained dozens of students at a sit-in outside the ministry.")
    assert rel is not None and (rel.event, rel.mode) == ("PROTEST", "demo"), rel


def test_salience_evidence_names_the_rule_and_the_lead():
    rel = _main("Police fired tear gas at protesters in the capital.")
    assert rel is not None and rel.evidence.startswith("main-event:crowd-handled+rules:")


def test_salience_text_without_event_has_none():
    assert _main("The weather was mild in the capital on Sunday.") is None


def test_salience_claim_of_responsibility_is_a_statement():
    assert _main("The militant group claimed responsibility for the bombing of the market. "
                 "Police said six people were killed.") is None

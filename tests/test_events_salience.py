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


@pytest.mark.parametrize("text,event,mode", [
    # a crowd in a same-moment "as" clause is handled by the police
    ("Police fired tear gas as crowds marched towards the palace.", "PROTEST", "demo"),
    # live rounds, a violent crackdown: harm named by a modifier is force against protesters
    ("Troops shot live rounds to disperse the protest in the capital.", "ASSAULT", "firearms"),
    # whom crowd-control weapons disperse is a crowd; activists arrested are not
    ("Police used water cannon to disperse activists outside the ministry.", "PROTEST", "demo"),
    ("Police arrested three activists in the capital on Monday.", "COERCE", "arrest"),
])
def test_salience_crowd_handled_boundaries(text, event, mode):
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


@pytest.mark.parametrize("text,event,mode", [
    # an event noun that is the subject of a verb outranks a verb deep in a relative clause
    ("Angry demonstrations spread to three more cities after the vote, which opposition "
     "parties had urged supporters to boycott.", "PROTEST", "demo"),
    # the noun that says how the harm came about, not the consequence that followed
    ("Four soldiers were wounded in a roadside bomb blast, prompting the army to heighten alert "
     "along the highway.", "ASSAULT", "explosives"),
    # "-backed", "linked to": attributes of a party, not acts (the shelling is the event)
    ("Russian-backed separatists said shelling of their positions continued overnight.",
     "ASSAULT", "heavy-weapons"),
    # nouns of things are not read as their verbs ("rebels", "rifles", "a fire")
    ("The rebels came under attack by army tanks near the border.", "ASSAULT", None),
    ("Border guards intercepted two hundred rifles hidden in a lorry.", "COERCE", "seize"),
    # a crowd clashing at the same moment, or deeper in the clause, makes police force a riot
    ("Police fired tear gas while clashing with protesters outside the university.",
     "PROTEST", "riot"),
    ("Dozens were hurt as police used tear gas and water cannon in fierce clashes with "
     "protesters near the parliament.", "PROTEST", "riot"),
    ("Clashes broke out between police and protesters in the old city on Friday night.",
     "PROTEST", "riot"),
    # marching to demand is protesting; a protest suppressed is put down by force (175)
    ("Thousands of people took part in marches to call for action on climate change.",
     "PROTEST", "demo"),
    ("Soldiers violently suppressed a peaceful protest in the town on Sunday.", "ASSAULT",
     "crowd-control"),
])
def test_salience_lead_choice(text, event, mode):
    rel = _main(text)
    assert rel is not None and (rel.event, rel.mode) == (event, mode), rel


@pytest.mark.parametrize("text,event,mode", [
    ("A roadside bomb went off near a military convoy on Tuesday.", "ASSAULT", "explosives"),
    ("Two grenades exploded at a bus stop in the city centre.", "ASSAULT", "explosives"),
    ("A militant lobbed a grenade on a police post in the old city.", "ASSAULT", "explosives"),
    ("Rival groups pelted stones at each other in the village.", "ASSAULT", "primitive"),
    ("Three rockets slammed into a residential district on Monday.", "ASSAULT",
     "heavy-weapons"),
    ("Government troops drove the insurgents out of three villages.", "COERCE", "seize"),
    ("Militants gained control of the district headquarters after heavy fighting.", "COERCE",
     "seize"),
    ("Rebels retook the airport on Friday.", "COERCE", "seize"),
    ("Hundreds of youths went on a rampage in the market district.", "ASSAULT", None),
    ("The attack took place in a busy market area on Monday.", "ASSAULT", None),
    ("The army dispatched hundreds of soldiers and armoured vehicles to the frontline.",
     "MOBILIZE", "troops"),
])
def test_salience_conflict_lexicon(text, event, mode):
    rel = _main(text)
    assert rel is not None and (rel.event, rel.mode) == (event, mode), rel


@pytest.mark.parametrize("text", [
    "A fire broke out in a warehouse near the port.",
    "The debate went on for hours.",
])
def test_salience_no_conflict_event(text):
    rel = _main(text)
    assert rel is None or rel.event not in ("ASSAULT", "REJECT"), rel

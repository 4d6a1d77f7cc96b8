"""Issue 3 round 2: fewer false records from the main pipeline, and better typing rules.

Sentences are written for these tests (realistic news style, not taken from any corpus).
"""

from __future__ import annotations

import pytest

from herald.events import informative, relation, resolved
from herald.model import Entity
from herald.pipeline import code_text


def _records(text: str) -> list[dict]:
    document = code_text(text, published="2024-05-06")
    return [e.to_record(document.article) for e in document.events]


def _countries(entities: list[dict]) -> set[str]:
    return {e["country"] for e in entities}


@pytest.mark.parametrize("entity,expected", [
    (Entity("him", None, None, "person"), False),  # an unresolved pronoun
    (Entity("group", None, None, "group"), False),  # a generic noun
    (Entity("Anna Berg", None, None, "person"), True),  # a named person
    (Entity("police", None, "COP", "group"), True),  # a role with a sector
    (Entity("Kenya", "KEN"), True),
])
def test_events_informative_entities(entity, expected):
    assert informative(entity) is expected


def test_events_resolved_needs_country_or_placed_domestic_role():
    police = Entity("police", None, "COP", "group")
    assert resolved(Entity("Kenya", "KEN"), domestic_ok=False)
    assert resolved(police, domestic_ok=True)
    assert not resolved(police, domestic_ok=False)
    assert not resolved(Entity("Anna Berg", None, None, "person"), domestic_ok=True)


@pytest.mark.parametrize("text", [
    # nobody the reader can place does anything to anybody
    "They hit the clinic at dawn, a nurse said.",
    "He encouraged others to do the same.",
    # a warning with nobody warned is advice, not a threat
    "The World Food Programme warned that food stocks were running low.",
    # an active verb with an unnamed doer: the doer is missing, not implicit
    "Gunmen who stormed the market killed four Nigerian traders.",
])
def test_events_records_without_a_placed_actor_are_dropped(text):
    assert not [r for r in _records(text) if not r["actor"]], _records(text)


def test_events_passive_victim_kept_without_actor_at_lower_confidence():
    records = _records("Three Kenyan journalists were killed on Monday.")
    found = [r for r in records if r["event"] == "ASSAULT"]
    assert found, records
    assert found[0]["actor"] == [] and "KEN" in _countries(found[0]["recipient"])
    assert found[0]["confidence"] < 0.5 and "no-actor" in found[0]["evidence"]


def test_events_group_of_attackers_does_not_attack_itself():
    records = _records("The town was pounded by airstrikes by Syrian and Russian jets.")
    for r in records:
        assert not (_countries(r["actor"]) & {"SYR"} and _countries(r["recipient"]) & {"RUS"})


def test_events_fighting_alongside_is_cooperation():
    records = _records("French troops fought alongside Malian soldiers near Gao last week.")
    assert any(r["event"] == "COOPERATE" and "FRA" in _countries(r["actor"])
               and "MLI" in _countries(r["recipient"]) for r in records), records
    assert not any(r["event"] == "ASSAULT" for r in records)


def test_events_bringing_troops_home_is_a_withdrawal():
    records = _records("Canada will bring its troops home from Latvia next year.")
    assert any(r["event"] == "RETREAT" and r["mode"] == "withdraw" and r["modality"] == "future"
               for r in records), records


def test_events_time_adjunct_war_gives_no_actor():
    # "after the atrocity": the clause's subject did not commit it
    records = _records("After the massacre in the village, the Dutch prime minister called "
                       "an emergency cabinet meeting.")
    assert not any(r["event"] == "ASSAULT" for r in records), records


def _classify(marked: str) -> relation.Relation:
    text, s, t = relation.unmark(marked)
    return relation.classify(text, s, t, use_model=False)


@pytest.mark.parametrize("marked,event", [
    # a promise to act is AGREE (CAMEO 03x)
    ("<s>Poland</s> said it will release <t>the two Belarusian fishermen</t> next week.", "AGREE"),
    ("<s>Chad</s> is willing to withdraw its troops from <t>the border zone</t>.", "AGREE"),
    # done, it is the act itself
    ("<s>Poland</s> released <t>the two Belarusian fishermen</t> on Tuesday.", "RETREAT"),
    # what a crowd demands it demands by demonstrating (CAMEO 141)
    ("<s>Thousands of protesters</s> demanded the resignation of <t>the interior minister</t>.",
     "PROTEST"),
    # calling off a strike eases dissent
    ("<s>Dock workers</s> called off their strike after talks with <t>the port authority</t>.",
     "CONCEDE"),
    # giving something back
    ("<s>Belgium</s> returned a carved mask to <t>the Congolese government</t>.", "RETREAT"),
    # a verbal attack
    ("<s>The senator</s> launched a scathing attack on <t>the finance minister</t>.", "ACCUSE"),
    # the subject of an intransitive verb selects the sense
    ("<s>Hundreds of demonstrators</s> gathered outside <t>the parliament</t> in Tbilisi.",
     "PROTEST"),
])
def test_events_relation_round2_frames(marked, event):
    assert _classify(marked).event == event

"""Countries for unnamed domestic actors, and first person inside quotes."""

from __future__ import annotations

from herald.pipeline import code_text


def _records(text: str, published: str = "2024-06-19"):
    d = code_text(text, published)
    return [e.to_record(d.article) for e in d.events]


def test_actors_context_police_take_country_of_event_location():
    recs = _records("Police arrested three activists in Nairobi on Tuesday.")
    arrest = [r for r in recs if r["event"] == "COERCE"]
    assert arrest and arrest[0]["actor"][0]["country"] == "KEN"
    assert "country-from-location" in arrest[0]["evidence"]


def test_actors_context_dateline_gives_country_when_no_location():
    recs = _records("LAGOS, June 19 (herald sample) — Soldiers detained two journalists on Monday.")
    detain = [r for r in recs if r["event"] == "COERCE"]
    assert detain and detain[0]["actor"][0]["country"] == "NGA"


def test_actors_context_dateline_is_not_an_actor():
    recs = _records("NAIROBI, June 18 (herald sample) — Police fired tear gas at protesters.")
    names = {a["text"] for r in recs for a in r["actor"] + r["recipient"]}
    assert "NAIROBI" not in names


def test_actors_context_we_in_a_ministers_quote_is_their_country():
    text = ("\u201cWe will hold joint exercises with the Russian army next month,\u201d Chinese "
            "Defence Minister Li Shangfu said.")
    recs = _records(text, "2023-04-16")
    found = [r for r in recs if r["actor"] and r["actor"][0]["country"] == "CHN"
             and any(x["country"] == "RUS" for x in r["recipient"])]
    assert found, recs
    assert found[0]["modality"] == "future" and found[0].get("quote_id")


def test_actors_context_persons_keep_no_country():
    # where a person is arrested says nothing of their nationality
    recs = _records("Jane Wanjiru was arrested by police in Nairobi on Tuesday.")
    people = [a for r in recs for a in r["recipient"] if a["kind"] == "person"]
    assert people and all(a["country"] is None for a in people)

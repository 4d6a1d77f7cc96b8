"""End to end over the seed article (../shared/seeds/china-russia-new-era.txt, 2023-04-16)."""

from __future__ import annotations

import pytest

from herald.model import Article
from herald.pipeline import code_documents
from tests.conftest import shared_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed():
    path = shared_path("seeds", "china-russia-new-era.txt")
    article = Article(id="seed", text=path.read_text("utf-8"), published="2023-04-16")
    document = next(code_documents([article]))
    events = [e.to_record(article) for e in document.events]
    quotes = [q.to_record(article) for q in document.quotes]
    return events, quotes


def _countries(ents):
    return {e["country"] for e in ents}


def _with(events, event_type, actor=None, recipient=None, negated=False):
    """Events of a type between two countries; by default only those that happened (not negated,
    not hypothetical)."""
    out = []
    for e in events:
        if e["event"] != event_type or e["negated"] != negated:
            continue
        if not negated and e["modality"] == "hypothetical":
            continue
        if actor and actor not in _countries(e["actor"]):
            continue
        if recipient and recipient not in _countries(e["recipient"]):
            continue
        out.append(e)
    return out


def test_seed_li_putin_meeting_is_consult_on_sunday(seed):
    events, _ = seed
    found = [e for e in _with(events, "CONSULT", "CHN", "RUS") if e["date"] == "2023-04-16"]
    assert found, [(e["event"], e["event_text"], e["date"]) for e in events]


def test_seed_xi_putin_march_meeting_in_moscow(seed):
    events, _ = seed
    found = [e for e in _with(events, "CONSULT", "CHN", "RUS") if e["date"] == "2023-03"]
    assert found
    assert any(e["event_loc"] and e["event_loc"]["country"] == "RUS" for e in found)


def test_seed_praise_is_support_both_ways(seed):
    events, _ = seed
    assert _with(events, "SUPPORT", "CHN", "RUS")
    assert _with(events, "SUPPORT", "RUS", "CHN")


def test_seed_attack_on_the_west_is_an_accusation(seed):
    events, _ = seed
    assert _with(events, "ACCUSE", recipient="WST")
    assert not _with(events, "ASSAULT", recipient="WST")


def test_seed_peace_plan_rejected_by_kyiv(seed):
    events, _ = seed
    assert _with(events, "REJECT", actor="UKR")


def test_seed_what_did_not_happen_is_only_negated(seed):
    events, _ = seed
    # no lethal aid was promised, Russia was never condemned, Xi has not spoken to Zelenskyy
    assert not _with(events, "AID", "CHN", "RUS")
    assert not [e for e in _with(events, "AGREE", "CHN") if "promise" in e["event_text"]]
    assert [e for e in _with(events, "AGREE", "CHN", negated=True) if "promise" in e["event_text"]]
    assert not _with(events, "ACCUSE", "CHN", "RUS")
    assert _with(events, "ACCUSE", "CHN", "RUS", negated=True)
    assert not _with(events, "CONSULT", "CHN", "UKR")


def test_seed_no_violence_invented(seed):
    events, _ = seed
    assert not [e for e in events if e["event"] == "ASSAULT" and not e["negated"]]


def test_seed_cooperation_between_the_two(seed):
    events, _ = seed
    assert _with(events, "COOPERATE", "RUS", "CHN") or _with(events, "COOPERATE", "CHN", "RUS")


def test_seed_actor_sectors(seed):
    events, _ = seed
    people = {(a["name"], a["country"], a["sector"]) for e in events for a in e["actor"] + e["recipient"]
              if a["kind"] == "person"}
    assert any(n == "Li Shangfu" and c == "CHN" and s in ("MIL", "GOV") for n, c, s in people), people
    assert any(n == "Vladimir Putin" and c == "RUS" and s == "GOV" for n, c, s in people), people


def test_seed_quotes_attributed_to_li_and_putin(seed):
    _, quotes = seed
    speakers = {q["speaker"]["name"] for q in quotes if q["speaker"] and q["kind"] in ("direct", "mixed")}
    assert {"Li Shangfu", "Vladimir Putin"} <= speakers, quotes

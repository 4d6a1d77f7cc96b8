"""Event dates: the date expression governing an event, resolved against publication."""

from __future__ import annotations

from datetime import date

import pytest

from herald.model import Article, Document, Event
from herald.when import date_event, resolve_expression


@pytest.fixture(scope="module")
def nlp():
    from herald.nlp import load

    return load()


def dated(nlp, text: str, trigger: str, published: str | None, modality: str = "asserted"):
    doc = nlp(text)
    document = Document(article=Article(id="t", text=text, published=published), doc=doc)
    i = next(t.i for t in doc if t.text == trigger)
    sent = doc[i].sent
    event = Event(
        sentence_start=sent.start_char, sentence_end=sent.end_char, trigger=i,
        trigger_text=trigger, event="CONSULT", mode=None, cameo="040", modality=modality,
    )
    return date_event(document, event)


# 2023-04-16 is a Sunday.
@pytest.mark.parametrize(
    ("text", "trigger", "published", "expected", "precision"),
    [
        ("The ministers met on Sunday.", "met", "2023-04-16", "2023-04-16", "day"),
        ("The ministers met on Tuesday.", "met", "2023-04-16", "2023-04-11", "day"),
        ("Xi met Putin in Moscow on Tuesday.", "met", "2023-04-18", "2023-04-18", "day"),
        ("The two leaders will meet on Friday.", "meet", "2023-04-16", "2023-04-21", "day"),
        ("The envoys met last Sunday.", "met", "2023-04-16", "2023-04-09", "day"),
        ("In March, the leaders met in Moscow.", "met", "2023-04-16", "2023-03", "month"),
        ("In February, China published a peace plan.", "published", "2023-04-16", "2023-02",
         "month"),
        ("In November the talks collapsed.", "collapsed", "2023-04-16", "2022-11", "month"),
        ("The summit will take place in November.", "take", "2023-04-16", "2023-11", "month"),
        ("Police arrested 20 protesters yesterday.", "arrested", "2023-04-16", "2023-04-15",
         "day"),
        ("Rebels attacked the town last night.", "attacked", "2023-03-01", "2023-02-28", "day"),
        ("The two sides signed a ceasefire last week.", "signed", "2023-04-16", "2023-04",
         "month"),
        # Mon 27 Feb - Sun 5 Mar: most of that week is in March
        ("The two sides signed a ceasefire last week.", "signed", "2023-03-08", "2023-03",
         "month"),
        ("The treaty was signed on 4 October 2007.", "signed", "2023-04-16", "2007-10-04", "day"),
        ("The treaty was signed on October 4, 2007.", "signed", None, "2007-10-04", "day"),
        ("Protests erupted on March 28.", "erupted", "2023-04-16", "2023-03-28", "day"),
        ("Protests erupted on December 28.", "erupted", "2023-04-16", "2022-12-28", "day"),
        ("The ministry said talks ended earlier this month.", "ended", "2023-04-16", "2023-04",
         "month"),
        ("The government raised taxes last year.", "raised", "2023-04-16", "2022", "year"),
        ("The president visited Beijing in 2019.", "visited", "2023-04-16", "2019", "year"),
        ("The army withdrew three days ago.", "withdrew", "2023-04-16", "2023-04-13", "day"),
        ("Officials met their counterparts on 2023-01-09.", "met", "2023-04-16", "2023-01-09",
         "day"),
        # no date expression: the report's date
        ("The minister praised the agreement.", "praised", "2023-04-16", "2023-04-16", "day"),
        # a bound is not the event's date
        ("The rebels have held the town since 2019.", "held", "2023-04-16", "2023-04-16", "day"),
        # a relative date needs the publication date; an absolute one does not
        ("The ministers met on Sunday.", "met", None, None, None),
        ("In March 2022, the leaders met in Moscow.", "met", None, "2022-03", "month"),
    ],
)
def test_when_dates_event(nlp, text, trigger, published, expected, precision) -> None:
    assert dated(nlp, text, trigger, published) == (expected, precision)


def test_when_future_modality_picks_the_coming_weekday(nlp) -> None:
    text = "The delegations are to meet on Friday."
    assert dated(nlp, text, "meet", "2023-04-16", modality="future") == ("2023-04-21", "day")


def test_when_date_of_the_clause_governs_conjoined_events(nlp) -> None:
    text = "On Monday, the president arrived in Nairobi and met the opposition leader."
    assert dated(nlp, text, "met", "2023-04-16") == ("2023-04-10", "day")


def test_when_date_of_another_clause_is_not_taken(nlp) -> None:
    text = "The general, who resigned in 2019, criticised the new defence budget."
    assert dated(nlp, text, "criticised", "2023-04-16") == ("2023-04-16", "day")


def test_when_at_the_time_takes_the_earlier_date(nlp) -> None:
    text = (
        "In March, the president met his counterpart in Beijing. "
        "At the time, the two sides did not sign any agreement."
    )
    assert dated(nlp, text, "sign", "2023-04-16") == ("2023-03", "month")


def test_when_dateline_date_is_not_the_event_date(nlp) -> None:
    text = "KYIV, March 3 (Reuters) - Ukrainian forces repelled an attack on Thursday."
    assert dated(nlp, text, "repelled", "2023-03-03") == ("2023-03-02", "day")


PUB = date(2023, 4, 16)


@pytest.mark.parametrize(
    ("expr", "pub", "future", "expected"),
    [
        ("today", PUB, False, ("2023-04-16", "day")),
        ("tomorrow", PUB, True, ("2023-04-17", "day")),
        ("next Tuesday", PUB, True, ("2023-04-18", "day")),
        ("Sunday's", PUB, False, ("2023-04-16", "day")),
        ("last month", PUB, False, ("2023-03", "month")),
        ("next month", date(2023, 12, 5), True, ("2024-01", "month")),
        ("two months ago", PUB, False, ("2023-02", "month")),
        ("this year", PUB, False, ("2023", "year")),
        ("early 2021", None, False, ("2021", "year")),
        ("mid-March", PUB, False, ("2023-03", "month")),
        ("last March", PUB, False, ("2023-03", "month")),
        ("last May", PUB, False, ("2022-05", "month")),
        ("the 28th of March", PUB, False, ("2023-03-28", "day")),
        ("March 2022", None, False, ("2022-03", "month")),
        ("the 1990s", PUB, False, None),
        ("two years", PUB, False, None),
        ("decades", PUB, False, None),
        ("February 30", PUB, False, None),
    ],
)
def test_when_resolve_expression(expr, pub, future, expected) -> None:
    assert resolve_expression(expr, pub, future) == expected

"""The pipeline, in order. Reading this file tells the whole path from text to records.

    read -> parse -> actors -> places -> quotes -> events
         -> per event: when -> where -> domestic actors' country -> score
         -> ids -> link events to the quotes they sit in

Each stage is a plain function that reads and adds to one :class:`~herald.model.Document`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Any

from herald import actors, engines, events, nlp, quotes, when, where
from herald.actors import context
from herald.engines import Engine
from herald.events import cameo
from herald.model import Article, CodedArticle, Document, Quote, stable_id

# Work is split into partitions of whole articles for the worker processes.
PARTITION_ARTICLES = 32
PARTITION_CHARS = 200_000


def code_documents(articles: Iterable[Article], model: str | None = None) -> Iterator[Document]:
    """Parse articles in batches and run every stage on each; yields finished documents."""
    articles = iter(articles)
    pending: list[Article] = []

    def texts() -> Iterator[str]:
        for article in articles:
            pending.append(article)
            yield article.text

    for doc in nlp.parse(texts(), model):
        article = pending.pop(0)
        yield code_parsed(Document(article=article, doc=doc))


def code_parsed(document: Document) -> Document:
    """Run the stages after parsing, in order, on one parsed document."""
    actors.find_mentions(document)  # who is named, and who they are
    where.find_places(document)  # place names, resolved against the gazetteer
    quotes.find_quotes(document)  # who said what
    context.first_person_in_quotes(document)  # "we" in a minister's quote is their country
    events.find_events(document)  # triggers, arguments, type, negation, modality
    dateline = where.dateline(document)
    text = document.article.text
    for event in document.events:
        # a sentence's span ends at its last character, not at the blank lines after it
        while event.sentence_end > event.sentence_start and text[event.sentence_end - 1].isspace():
            event.sentence_end -= 1
        event.date, event.date_precision = when.date_event(document, event)
        event.location = where.locate(document, event)
        # police, protesters, ministries: domestic actors act where the event happens
        context.fill_countries(document, event, dateline.country if dateline else None)
        cameo.score(event)  # CAMEO code, Goldstein value, quad class
    assign_ids(document)
    link_quotes(document)  # events asserted inside someone's statement are reported speech
    return document


def link_quotes(document: Document) -> None:
    """An event whose trigger lies inside a quote's content points to that quote; if nothing else
    marked its modality, it is reported speech."""
    if not document.quotes:
        return
    spans = sorted((q.content_start, q.content_end, q.id) for q in document.quotes)
    for e in document.events:
        at = document.doc[e.trigger].idx
        for start, end, qid in spans:
            if start <= at < end:
                e.quote_id = qid
                if e.modality == "asserted":
                    e.modality = "reported"
                break
            if start > at:
                break


def assign_ids(document: Document) -> None:
    """Stable ids: the same input gives the same ids on every run and machine."""
    aid = document.article.id
    # one statement per content span: two readings of the same words are one quote
    unique: dict[tuple[int, int], Quote] = {}
    for q in document.quotes:
        unique.setdefault((q.content_start, q.content_end), q)
    document.quotes = list(unique.values())
    for q in document.quotes:
        q.id = stable_id("quote", aid, q.content_start, q.content_end)
    seen: dict[str, int] = {}
    for e in document.events:
        key = stable_id(
            "event", aid, e.sentence_start, document.doc[e.trigger].idx, e.event,
            "|".join(en.name for a in e.actor for en in a.entities),
            "|".join(en.name for a in e.recipient for en in a.entities),
        )
        n = seen.get(key, 0)
        seen[key] = n + 1
        e.id = key if n == 0 else stable_id(key, n)


def _code_partition(part: tuple[str | None, list[Article]]) -> list[CodedArticle]:
    model, batch = part
    return [CodedArticle.of(d) for d in code_documents(batch, model)]


def _partitions(articles: Iterable[Article], model: str | None,
                size: int = PARTITION_ARTICLES) -> Iterator[tuple[str | None, list[Article]]]:
    batch: list[Article] = []
    chars = 0
    for article in articles:
        batch.append(article)
        chars += len(article.text)
        if len(batch) >= size or chars >= PARTITION_CHARS:
            yield model, batch
            batch, chars = [], 0
    if batch:
        yield model, batch


def code_records(articles: Iterable[Article], model: str | None = None, workers: int = 1,
                 engine: Engine | None = None) -> Iterator[CodedArticle]:
    """Code articles with any engine; results come back in input order whatever the worker count."""
    if engine is None:
        warm_up(model)  # before forking, too: the workers then share the model and the tables
        if workers <= 1:
            for d in code_documents(articles, model):
                yield CodedArticle.of(d)
            return
        parts = _partitions(articles, model)
        head = list(islice(parts, 2))
        if len(head) < 2:  # one partition (e.g. one short article): starting a pool is slower
            for part in head:
                yield from _code_partition(part)
            return
        engine = engines.local(workers)
        partitions: Iterable[tuple[str | None, list[Article]]] = chain(head, parts)
    else:
        partitions = _partitions(articles, model)
    for coded in engine.map(_code_partition, partitions):
        yield from coded


# Written for herald: touches every stage, so that each loads its tables.
WARM_UP_TEXT = (
    'Foreign Minister Anna Berg met her Kenyan counterpart in Nairobi on Monday. "We will not '
    'accept threats," she said, and the two governments signed a trade agreement last week.'
)


_warm: set[str | None] = set()


def warm_up(model: str | None = None) -> None:
    """Load the spaCy model and every stage's lazily built tables in this process, once, then
    freeze what is alive out of the cyclic GC's reach (``gc.freeze``).

    herald's tables are half a million long-lived objects: a full collection over them takes
    most of a second, and over a corpus about 8% of the run time went into collections that
    could never free them.
    """
    if model in _warm:
        return
    list(code_documents([Article(id="warm-up", text=WARM_UP_TEXT, published="2024-01-01")], model))
    gc.freeze()
    _warm.add(model)


def code(articles: Iterable[Article], model: str | None = None, workers: int = 1,
         engine: Engine | None = None) -> Iterator[dict[str, Any]]:
    """Event records (DESIGN §4) for the articles, in input order."""
    for coded in code_records(articles, model, workers, engine):
        yield from coded.events


def code_quotes(articles: Iterable[Article], model: str | None = None, workers: int = 1,
                engine: Engine | None = None) -> Iterator[dict[str, Any]]:
    """Quote records (DESIGN §4) for the articles, in input order."""
    for coded in code_records(articles, model, workers, engine):
        yield from coded.quotes


def code_text(text: str, published: str | None = None, article_id: str = "text") -> Document:
    """Code one text: a convenience for tests, the API and interactive use."""
    return next(code_documents([Article(id=article_id, text=text, published=published)]))

"""The pipeline, in order. Reading this file tells the whole path from text to records.

    read -> parse -> actors -> places -> quotes -> events
         -> per event: when -> where -> domestic actors' country -> score
         -> ids -> link events to the quotes they sit in

Each stage is a plain function that reads and adds to one :class:`~herald.model.Document`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from herald import actors, engines, events, nlp, quotes, when, where
from herald.actors import context
from herald.engines import Engine
from herald.events import cameo
from herald.model import Article, Document, stable_id

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
    for event in document.events:
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


@dataclass
class Coded:
    """The records of one article: what crosses process boundaries (no spaCy objects)."""

    article: Article
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]


def _code_partition(part: tuple[str | None, list[Article]]) -> list[Coded]:
    model, batch = part
    return [
        Coded(d.article, [e.to_record(d.article) for e in d.events],
              [q.to_record(d.article) for q in d.quotes])
        for d in code_documents(batch, model)
    ]


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
                 engine: Engine | None = None) -> Iterator[Coded]:
    """Code articles with any engine; results come back in input order whatever the worker count."""
    if engine is None:
        if workers <= 1:
            for d in code_documents(articles, model):
                yield Coded(d.article, [e.to_record(d.article) for e in d.events],
                            [q.to_record(d.article) for q in d.quotes])
            return
        nlp.load(model)  # load once before forking: workers share the loaded model
        engine = engines.local(workers)
    for coded in engine.map(_code_partition, _partitions(articles, model)):
        yield from coded


def code(articles: Iterable[Article], model: str | None = None, workers: int = 1) -> Iterator[dict[str, Any]]:
    """Event records (DESIGN §4) for the articles, in input order."""
    for coded in code_records(articles, model, workers):
        yield from coded.events


def code_quotes(articles: Iterable[Article], model: str | None = None, workers: int = 1) -> Iterator[dict[str, Any]]:
    """Quote records (DESIGN §4) for the articles, in input order."""
    for coded in code_records(articles, model, workers):
        yield from coded.quotes


def code_text(text: str, published: str | None = None, article_id: str = "text") -> Document:
    """Code one text: a convenience for tests, the API and interactive use."""
    return next(code_documents([Article(id=article_id, text=text, published=published)]))

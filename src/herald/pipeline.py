"""The pipeline, in order. Reading this file tells the whole path from text to records.

    read -> parse -> mentions/actors -> places -> quotes -> events -> when -> where -> score

Each stage is a plain function that reads and adds to one :class:`~herald.model.Document`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from herald import actors, events, nlp, quotes, when, where
from herald.events import cameo
from herald.model import Article, Document, stable_id


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
    events.find_events(document)  # triggers, arguments, type, negation, modality
    for event in document.events:
        event.date, event.date_precision = when.date_event(document, event)
        event.location = where.locate(document, event)
        cameo.score(event)  # CAMEO code, Goldstein value, quad class
    assign_ids(document)
    return document


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


def code(articles: Iterable[Article], model: str | None = None) -> Iterator[dict[str, Any]]:
    """Event records (DESIGN §4) for the articles, in input order."""
    for document in code_documents(articles, model):
        for event in document.events:
            yield event.to_record(document.article)


def code_quotes(articles: Iterable[Article], model: str | None = None) -> Iterator[dict[str, Any]]:
    """Quote records (DESIGN §4) for the articles, in input order."""
    for document in code_documents(articles, model):
        for quote in document.quotes:
            yield quote.to_record(document.article)


def code_text(text: str, published: str | None = None, article_id: str = "text") -> Document:
    """Code one text: a convenience for tests, the API and interactive use."""
    return next(code_documents([Article(id=article_id, text=text, published=published)]))

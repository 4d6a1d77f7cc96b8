"""Event dates, resolved against the article's publication date, with their precision."""

from __future__ import annotations

from herald.model import Document, Event


def date_event(document: Document, event: Event) -> tuple[str | None, str | None]:
    return document.article.published, "day" if document.article.published else None

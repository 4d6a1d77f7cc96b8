"""Quotes: direct quotes, partial quotes and reported speech, with their speakers."""

from __future__ import annotations

from herald.model import Document


def find_quotes(document: Document) -> None:
    document.quotes = []

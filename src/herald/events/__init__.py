"""Events: triggers, arguments, type and mode, negation and modality."""

from __future__ import annotations

from herald.model import Document


def find_events(document: Document) -> None:
    document.events = []

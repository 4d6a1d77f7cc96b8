"""Actor mentions and their resolution to entities (country, sector, person).

Contract used by the pipeline: ``find_mentions(document)`` fills ``document.mentions`` (sorted by
start token, non-overlapping) and calls ``document.index_mentions()``.
"""

from __future__ import annotations

from herald.model import Document


def find_mentions(document: Document) -> None:
    document.mentions = []
    document.index_mentions()

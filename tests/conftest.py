"""Shared test helpers: where the shared gold data lives, and skipping when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: shared development data is not on this machine")
    return path


@pytest.fixture(scope="session")
def nlp():
    """herald's spaCy pipeline, loaded once for the whole run."""
    from herald import nlp as herald_nlp

    return herald_nlp.load()


def mentions_of(nlp, text: str, date: str | None = "2023-05-02"):
    """A document of ``text`` with its actor mentions found (the actors stage alone)."""
    from herald import actors
    from herald.model import Article, Document

    document = Document(article=Article(id="t", text=text, published=date), doc=nlp(text))
    actors.find_mentions(document)
    return document


def mention_at(document, word: str):
    """The mention covering the first token written ``word``, or None."""
    hits = [t.i for t in document.doc if t.text == word]
    return document.mention_at.get(hits[0]) if hits else None

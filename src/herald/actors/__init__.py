"""Actor mentions and their resolution to entities (country, sector, person).

Contract used by the pipeline: ``find_mentions(document)`` fills ``document.mentions`` (sorted by
start token, non-overlapping) and calls ``document.index_mentions()``. ``resolve_phrase(text)``
resolves a bare phrase ("the Russian defence minister", "Kyiv") for scorers that mark spans.
The rules are described in :mod:`herald.actors.mentions`; the knowledge is in ``knowledge/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from herald.actors import knowledge
from herald.actors.knowledge import ActorEntry, load_people
from herald.actors.mentions import country_entity, find, first_named, is_capital
from herald.model import Article, Document, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "ActorEntry",
    "add_user_actors",
    "clear_user_actors",
    "find_mentions",
    "load_people",
    "load_user_dictionaries",
    "resolve_phrase",
]

# "..." or "…" between the pieces of a discontinuous span
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")


def add_user_actors(entries: Iterable[ActorEntry]) -> None:
    """Register extra known actors (people rows, a PETRARCH dictionary) for this process."""
    knowledge.add_user_actors(entries)
    _resolve_phrase.cache_clear()


def load_user_dictionaries(paths: Iterable[str | Path],
                           problems: list[str] | None = None) -> int:
    """Load user actor dictionaries (herald's TSV table or PETRARCH/Phoenix format, told apart
    by the file's header) and register them for this process; returns the rows added.

    Malformed PETRARCH codes are skipped and described in ``problems``; a bad table raises
    :class:`~herald.errors.HeraldError` naming the file and line.
    """
    from herald.actors.dictionary import load_dictionary

    entries = [e for p in paths for e in load_dictionary(p, problems)]
    add_user_actors(entries)
    return len(entries)


def clear_user_actors() -> None:
    """Forget the actors added with :func:`add_user_actors`."""
    knowledge.clear_user_actors()
    _resolve_phrase.cache_clear()


def find_mentions(document: Document) -> None:
    """Fill ``document.mentions`` with resolved actor mentions and index them by token."""
    mentions = find(document)
    # "NAIROBI, June 18 (Reuters) — Police fired ...": the dateline says where the story was
    # filed, it does not act.
    from herald.where import DATELINE

    m = DATELINE.match(document.article.text[:160])
    if m:
        mentions = [x for x in mentions if x.char_start >= m.end()]
    document.mentions = mentions
    document.index_mentions()


def resolve_phrase(text: str, date: str | None = None) -> list[Entity]:
    """The entities a bare phrase stands for ([] when it names no known actor).

    The phrase is parsed on its own; the mention holding its syntactic root wins, together with
    mentions coordinated with it ("Hungarian and Romanian officials" gives both countries). An
    ellipsis marks words left out of a marked span ("Sierra Leonean ... refugees"): the pieces
    are read as one phrase.
    """
    return list(_resolve_phrase(ELLIPSIS.sub(" ", text).strip(), date))


@lru_cache(maxsize=4096)
def _resolve_phrase(text: str, date: str | None) -> tuple[Entity, ...]:
    from herald import nlp

    if not text:
        return ()
    doc = nlp.load()(text)
    document = Document(article=Article(id="phrase", text=text, published=date), doc=doc)
    mentions = find(document, locative=False)
    if not mentions:
        place = _bare_place(text)
        if place is not None:
            return (place,)
        entity = first_named(document)
        return (entity,) if entity is not None else ()
    roots = [t.i for t in doc if t.head.i == t.i]
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    main = next((at[r] for r in roots if r in at), None)
    top = main.head if main is not None else roots[0]
    if main is None:
        main = max(mentions, key=lambda m: (m.confidence, m.end - m.start))
    out = list(main.entities)
    if all(e.country is None for e in out):
        out = _placed(out, main, mentions, doc[top].subtree)
    for t in doc[main.head].conjuncts:
        m = at.get(t.i)
        if m is not None and m is not main:
            out.extend(e for e in m.entities if e not in out)
    return tuple(out)


def _placed(entities: list[Entity], main: Mention, mentions: list[Mention],
            scope: Iterable[Token]) -> list[Entity]:
    """A phrase's actor without a country takes the country of the first place or actor named
    after it in its phrase: a phrase given as one actor describes where it is from ("refugees
    fleeing the war in Liberia", "doctors from two American aid groups")."""
    inside = {t.i for t in scope}
    for m in mentions:
        if m is main or m.head not in inside or m.head < main.head:
            continue
        code = next((e.country for e in m.entities if e.country), None)
        if code:
            return [replace(e, country=code) for e in entities]
    return entities


def _bare_place(text: str) -> Entity | None:
    """A phrase that is just a town or region's name ("Samarra"): its country, no sector."""
    from herald.gazetteer import gazetteer

    if not text[:1].isupper():
        return None
    # "Khanty-Mansiysk (Siberia)": a gloss in brackets says where the town is, it is not its name
    text = re.sub(r"\s*\([^()]*\)?\s*$", "", text) or text
    gp = gazetteer().resolve(text)
    if gp is None or not gp.country or gp.kind == "country":
        return None
    if is_capital(gp):
        return country_entity(gp.country, "GOV")  # "Khatmandu" said: as "Kathmandu" said
    return Entity(name=gp.name, country=gp.country, sector=None, kind="state")

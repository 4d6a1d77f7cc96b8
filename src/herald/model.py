"""The one document model that flows through the pipeline.

An :class:`Article` is what a reader produces. The pipeline parses it once into a
:class:`Document` (the article plus its spaCy ``Doc``), and each stage reads and adds to that
document: actor :class:`Mention` s, :class:`Place` s, :class:`Quote` s and :class:`Event` s.
Records for output are made from the document at the end (``Event.to_record``,
``Quote.to_record``), so the field names of DESIGN §4 live in one place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

SECTORS = frozenset(
    "GOV MIL COP JUD LEG SPY PTY REB UAF OPP CVL BUS MED JRN EDU REL LAB REF AGR CRM ELI PRE "
    "SOC UNK IGO NGO MNC".split()
)
KINDS = frozenset({"state", "person", "organization", "group"})
MODALITIES = ("asserted", "future", "hypothetical", "reported")


@dataclass
class Article:
    """One news article as read from the input. Only ``text`` is required."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # "YYYY-MM-DD" (or None when unknown)
    source: str | None = None
    origin: str = ""  # where it was read from, "file:line", for messages


@dataclass(frozen=True)
class Entity:
    """Who an actor mention stands for: a state, person, organisation or group."""

    name: str  # canonical name ("Vladimir Putin", "Russia")
    country: str | None  # ISO 3166 alpha-3, or IGO/NGO/WST/...; None when unknown
    sector: str | None = None  # GOV, MIL, ... or None when the text does not say
    kind: str = "state"  # state | person | organization | group

    def as_record(self, text: str) -> dict[str, Any]:
        return {
            "text": text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "kind": self.kind,
        }


@dataclass
class Mention:
    """An actor mention: tokens ``[start, end)`` of the parsed doc, resolved to entities.

    ``entities`` holds one entity for a plain mention and several for a plural that stands for a
    set ("the two countries", "China and Russia" is two mentions, "the pair" is one with two).
    ``head`` is the index of the syntactic head token, which is how events find their arguments.
    """

    start: int
    end: int
    head: int
    text: str
    char_start: int
    char_end: int
    entities: list[Entity]
    rule: str = ""  # what resolved it: "country-name", "demonym", "person-description", ...
    confidence: float = 1.0


@dataclass
class Place:
    """A place name found in the text, resolved against the gazetteer."""

    start: int  # token span
    end: int
    text: str
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    geonameid: int | None
    char_start: int = 0
    char_end: int = 0
    kind: str = "city"  # city | country | region

    def as_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
        }


@dataclass
class Quote:
    """An attributed statement: content, cue and speaker."""

    content_start: int  # character span of the content in the article text
    content_end: int
    cue: str
    kind: str  # direct | indirect | mixed
    speaker: Entity | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None  # character span of the speaker mention as written
    speaker_end: int | None = None
    cue_start: int | None = None
    id: str = ""

    def to_record(self, article: Article) -> dict[str, Any]:
        speaker_span = (
            [self.speaker_start, self.speaker_end] if self.speaker_start is not None else None
        )
        return {
            "id": self.id,
            "article_id": article.id,
            "speaker": self.speaker.as_record(self.speaker_text or "") if self.speaker else None,
            "speaker_text": self.speaker_text,
            "speaker_span": speaker_span,
            "cue": self.cue,
            "content": article.text[self.content_start : self.content_end],
            "kind": self.kind,
            "char_span": [self.content_start, self.content_end],
        }


@dataclass
class Argument:
    """An event's actor or recipient: the entities and the text they were written as."""

    text: str
    entities: list[Entity]
    token: int  # head token index in the doc

    def records(self) -> list[dict[str, Any]]:
        return [e.as_record(self.text) for e in self.entities]


@dataclass
class Event:
    """One coded event in one sentence."""

    sentence_start: int  # character span of the sentence in the article text
    sentence_end: int
    trigger: int  # token index of the trigger's head
    trigger_text: str
    event: str  # PLOVER type
    mode: str | None
    cameo: str
    actor: list[Argument] = field(default_factory=list)
    recipient: list[Argument] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    location: Place | None = None
    goldstein: float = 0.0
    quad_code: int = 0
    confidence: float = 0.5
    evidence: str = ""
    contexts: list[str] = field(default_factory=list)
    quote_id: str | None = None
    id: str = ""

    def to_record(self, article: Article) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "article_id": article.id,
            "date": self.date,
            "event": self.event,
            "mode": self.mode,
            "negated": self.negated,
            "modality": self.modality,
            "actor": [r for a in self.actor for r in a.records()],
            "recipient": [r for a in self.recipient for r in a.records()],
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_code": self.quad_code,
            "event_loc": self.location.as_record() if self.location else None,
            "event_text": self.trigger_text,
            "text": article.text[self.sentence_start : self.sentence_end],
            "char_span": [self.sentence_start, self.sentence_end],
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence,
            "date_precision": self.date_precision,
            "contexts": self.contexts,
        }
        if self.quote_id:
            record["quote_id"] = self.quote_id
        return record


@dataclass
class Document:
    """An article being coded: the parse and everything the stages found in it."""

    article: Article
    doc: Doc
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # token index -> mention covering it; built by the actors stage for the events stage
    mention_at: dict[int, Mention] = field(default_factory=dict)

    def index_mentions(self) -> None:
        self.mention_at = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.mention_at[i] = m

    def sentence_of(self, token_index: int) -> Span:
        return self.doc[token_index].sent


@dataclass
class CodedArticle:
    """An article with its DESIGN §4 event and quote records: what crosses process boundaries
    and what the store takes (no spaCy objects)."""

    article: Article
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, document: Document) -> CodedArticle:
        a = document.article
        return cls(a, [e.to_record(a) for e in document.events],
                   [q.to_record(a) for q in document.quotes])


def stable_id(*parts: object) -> str:
    """A short id that is the same for the same parts on every run and machine."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return h[:16]

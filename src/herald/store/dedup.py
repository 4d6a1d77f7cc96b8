"""Deduplication: of article texts (exact and near) and of events across articles.

Articles
    *Exact* duplicates share the SHA-1 of their normalized text (Unicode NFKC, case-folded,
    whitespace collapsed), so a wire story under ten URLs is one article with ten sources.
    *Near* duplicates (a story re-run with a changed byline or one edited sentence) are found
    with MinHash over word 5-shingles: 128 min-hashes, banded 16 x 8 for locality-sensitive
    lookup, then confirmed when the estimated Jaccard similarity (share of equal min-hashes,
    standard error about 0.027 at 0.9) is at least 0.9. A pair at 0.9 shares a band with
    probability 0.9999; a pair at 0.5 becomes a candidate 6% of the time and is then rejected
    by the estimate. One changed word moves 5 shingles, so in a 400-word story a handful of
    edits (a byline, a dateline, a corrected figure) stays above 0.9.

Events
    Mentions of one real-world event become one event (GDELT's Events vs Mentions). Two mentions
    are the same event when they have the same *event key* -- PLOVER type, actor country and
    sector, recipient country and sector, negated flag, and realis (asserted or reported, as
    against future or hypothetical) -- and

    - their dates are within one day of the event's anchor date (the date of the mention that
      founded it) when both have day precision, or equal when coarser (month/year); a mention
      without a date never merges; and
    - their locations are compatible: either is unknown, or the countries agree and the places
      are the same or within 50 km of each other.

    Among several matching events the one with the nearest anchor date wins. Negated mentions
    are stored, but never merge with asserted ones (the negated flag is in the key).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

NEAR_DUPLICATE_THRESHOLD = 0.9
NUM_HASHES = 128
BANDS = 16
ROWS = NUM_HASHES // BANDS
SHINGLE = 5
SAME_PLACE_KM = 50.0
REALIS = frozenset({"asserted", "reported"})

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_MASK64 = (1 << 64) - 1


def normalize_text(text: str) -> str:
    """The text as compared for duplicates: NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def text_hash(text: str) -> str:
    """SHA-1 of the normalized text: equal for texts that differ only in case or spacing."""
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _hash_params() -> tuple[np.ndarray, np.ndarray]:
    # Fixed seeds: signatures must be identical on every run and machine.
    rng = np.random.default_rng(20230416)
    seeds = rng.integers(0, 2**63 - 1, size=NUM_HASHES, dtype=np.int64).astype(np.uint64)
    mults = (rng.integers(0, 2**62, size=NUM_HASHES, dtype=np.int64).astype(np.uint64) * 2 + 1)
    return seeds, mults.astype(np.uint64)


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def minhash(text: str) -> np.ndarray:
    """128 min-hashes (uint64) of the text's word 5-shingles; vectorized so it stays cheap."""
    words = _WORD.findall(normalize_text(text))
    if not words:
        words = [""]
    tokens = np.array([_word_hash(w) for w in words], dtype=np.uint64)
    k = min(SHINGLE, len(tokens))
    n = len(tokens) - k + 1
    # Shingle hash: a polynomial over its token hashes, wrapping at 2**64.
    shingles = np.zeros(n, dtype=np.uint64)
    prime = np.uint64(1099511628211)
    with np.errstate(over="ignore"):
        for i in range(k):
            shingles = shingles * prime + tokens[i : i + n]
        shingles = np.unique(shingles)
        seeds, mults = _hash_params()
        mixed = (shingles[None, :] ^ seeds[:, None]) * mults[:, None]
        mixed ^= mixed >> np.uint64(29)
    return mixed.min(axis=1)


def bands(signature: Sequence[int] | np.ndarray) -> list[int]:
    """LSH band keys of a signature: one 64-bit key per band of 4 rows, tagged by band index."""
    raw = np.asarray(signature, dtype=np.uint64).tobytes()
    step = ROWS * 8
    return [
        int.from_bytes(hashlib.blake2b(raw[b * step : (b + 1) * step], digest_size=8,
                                       person=b.to_bytes(2, "little")).digest(), "little")
        for b in range(BANDS)
    ]


def similarity(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal min-hashes."""
    return float(np.count_nonzero(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64))
                 / NUM_HASHES)


# ---------------------------------------------------------------------------------------------
# Events


def event_key(m: dict[str, Any]) -> str:
    """The part of a mention that must be equal for two mentions to be one event."""
    return "|".join(
        [
            m.get("event") or "",
            m.get("actor_country") or "",
            m.get("actor_sector") or "",
            m.get("recipient_country") or "",
            m.get("recipient_sector") or "",
            "N" if m.get("negated") else "A",
            "R" if is_realis(m.get("modality")) else "I",
        ]
    )


def is_realis(modality: str | None) -> bool:
    """Asserted and reported events happened (per the text); future/hypothetical ones did not."""
    return (modality or "asserted") in REALIS


def parse_day(date: str | None) -> tuple[dt.date | None, str | None]:
    """(first day, precision) of a "YYYY-MM-DD" | "YYYY-MM" | "YYYY" date; (None, None) if absent."""
    if not date:
        return None, None
    try:
        if len(date) == 10:
            return dt.date.fromisoformat(date), "day"
        if len(date) == 7:
            return dt.date(int(date[:4]), int(date[5:7]), 1), "month"
        if len(date) == 4:
            return dt.date(int(date), 1, 1), "year"
    except ValueError:
        pass
    return None, None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def locations_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Unknown on either side, or same country and the same place or within 50 km."""
    if not (a.get("loc_name") or a.get("loc_country")) or not (
        b.get("loc_name") or b.get("loc_country")
    ):
        return True
    if a.get("loc_country") and b.get("loc_country") and a["loc_country"] != b["loc_country"]:
        return False
    ga, gb = a.get("geonameid"), b.get("geonameid")
    if ga is not None and gb is not None and ga == gb:
        return True
    if None not in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= SAME_PLACE_KM
    na, nb = (a.get("loc_name") or "").casefold(), (b.get("loc_name") or "").casefold()
    return not na or not nb or na == nb


def dates_compatible(m: dict[str, Any], e: dict[str, Any]) -> int | None:
    """Distance in days from a mention to an event's anchor date if they may merge, else None."""
    if m.get("day") is None or e.get("day") is None:
        return None
    if m["date_precision"] == "day" and e["date_precision"] == "day":
        gap = abs((m["day"] - e["day"]).days)
        return gap if gap <= 1 else None
    if m["date_precision"] == e["date_precision"] and m["day"] == e["day"]:
        return 0
    return None


@dataclass
class EventIndex:
    """Candidate events by key: those already stored, plus those founded in this batch."""

    by_key: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, event: dict[str, Any]) -> None:
        self.by_key.setdefault(event["ekey"], []).append(event)

    def match(self, m: dict[str, Any]) -> dict[str, Any] | None:
        best, best_gap = None, None
        for e in self.by_key.get(m["ekey"], ()):
            gap = dates_compatible(m, e)
            if gap is None or not locations_compatible(m, e):
                continue
            if best_gap is None or gap < best_gap:
                best, best_gap = e, gap
        return best


def assign_events(
    mentions: Iterable[dict[str, Any]], existing: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Set ``event_id`` on each mention (in order); return the events newly founded.

    ``existing`` are stored events that may match (same key, nearby date); each is a dict with
    ``id, ekey, day, date_precision`` and the location fields.
    """
    index = EventIndex()
    for old in existing:
        index.add(old)
    founded: list[dict[str, Any]] = []
    for m in mentions:
        event = index.match(m)
        if event is None:
            event = {k: m.get(k) for k in ("ekey", "day", "date_precision", "loc_name",
                                            "loc_country", "lat", "lon", "geonameid")}
            event["id"] = m["id"]
            index.add(event)
            founded.append(event)
        elif not (event.get("loc_name") or event.get("loc_country")) and m.get("loc_name"):
            # An event first reported without a place takes the first place a mention gives.
            for k in ("loc_name", "loc_country", "lat", "lon", "geonameid"):
                event[k] = m.get(k)
        m["event_id"] = event["id"]
    return founded

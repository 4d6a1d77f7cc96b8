"""Event dates, resolved against the article's publication date, with their precision.

An event is dated by the date expression that governs it: a DATE entity (or a bare weekday,
"yesterday"…) attached to the trigger, else to the trigger's clause (its conjuncts, the verb of a
noun trigger, the verb it is reported under), else one hanging loose in the same sentence.
Expressions after "for", "since", "until", "by", "before", "after"… give a bound or a duration,
not the event's date, and are skipped. "At the time"/"at that time" takes the date of the latest
dated expression in the three sentences before. With no expression, the event's date is the
article's publication date with day precision: news reports what happened since the last
edition, and the report's date is the best estimate left.

Conventions (``pub`` is the publication date):

- a weekday is the latest such day on or before ``pub`` ("on Sunday" in a Sunday article is that
  day); for a future event, the first on or after ``pub``; "last Friday" is strictly before,
  "next Friday" strictly after;
- a month alone has month precision, in ``pub``'s year unless that lies after ``pub`` for a past
  event (then the year before) or before ``pub`` for a future one (then the year after); a month
  and day likewise with day precision;
- "yesterday"/"last night" is ``pub`` - 1 day, "today"/"this morning" ``pub``, "tomorrow"
  ``pub`` + 1; "N days ago" day precision; "N months ago", "last/this/next month" month;
  "N years ago", "last/this/next year" year;
- a week ("last week", "earlier this week", "next week", "N weeks ago") has no precision of its
  own here, so it gives the month that holds most of the days it can mean (the days of the week
  up to ``pub`` for a past event in "this week"), with month precision;
- absolute dates ("4 October 2007", "March 2022", "2019", ISO dates) resolve without ``pub``;
  relative ones need it and give nothing when it is unknown.

The common forms are parsed by the rules here; dateparser is used, cached, only for leftovers
that hold a digit (e.g. "3/4/2023").
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections import Counter
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from herald.model import Document, Event
from herald.where import DATELINE

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Resolved = tuple[str, str]  # (value, precision)

WEEKDAYS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split()
)}
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split()
)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# A date after these words bounds or measures the event rather than dating it.
# ("for next month" schedules and "over the past week" dates; durations such as "for two years"
# never resolve, so "for" and "over" need no entry.)
BOUND_PREPS = frozenset("since until till by before after through throughout ahead from".split())
PAST_MOD = frozenset({"last", "past", "previous"})
NEXT_MOD = frozenset({"next", "coming"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# "plans to meet", "is due to visit", "is expected to sign": the event lies ahead.
FUTURE_HEADS = frozenset("plan schedule expect due set intend prepare aim hope".split())
TIME_WORDS = ("yesterday", "today", "tonight", "tomorrow", "last night", "this morning",
              "this afternoon", "this evening")
ANAPHORA = re.compile(r"\bat (?:the|that) time\b", re.I)

_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ISO_MONTH = re.compile(r"\b(\d{4})-(\d{2})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAYNUM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(day|week|month|year)s?\s+ago\b")
_UNIT = re.compile(r"\b(last|past|previous|this|next|coming|current)\s+(week|month|year)\b")


def parse_published(published: str | None) -> date | None:
    """The publication date as a date, or None when absent or malformed."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _day(d: date) -> Resolved:
    return d.isoformat(), "day"


def _month(y: int, m: int) -> Resolved:
    return f"{y:04d}-{m:02d}", "month"


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + delta
    return n // 12, n % 12 + 1


def _span_month(start: date, end: date) -> Resolved:
    """The month holding most days of [start, end] (the earlier one on a tie)."""
    counts: Counter[tuple[int, int]] = Counter()
    d = start
    while d <= end:
        counts[(d.year, d.month)] += 1
        d += timedelta(days=1)
    (y, m), _ = max(sorted(counts.items()), key=lambda kv: kv[1])
    return _month(y, m)


def _week(pub: date, offset: int, future: bool) -> Resolved:
    monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
    sunday = monday + timedelta(days=6)
    if offset == 0:  # "this week": only the days on the event's side of publication
        monday, sunday = (pub, sunday) if future else (monday, pub)
    return _span_month(monday, sunday)


def _infer_year(pub: date, m: int, d: int | None, future: bool) -> int:
    """The year of a month (and day) written without one: the nearest on the event's side."""
    y = pub.year
    here = (m, d or 1) if d else (m, 0)
    now = (pub.month, pub.day) if d else (pub.month, 0)
    if future and here < now:
        return y + 1
    if not future and here > now:
        return y - 1
    return y


@lru_cache(maxsize=8192)
def resolve_expression(text: str, pub: date | None, future: bool = False) -> Resolved | None:
    """Resolve one date expression ("on Sunday", "last week", "4 October 2007") or None.

    ``pub`` anchors relative expressions; ``future`` says the event lies ahead of it.
    """
    low = " ".join(text.lower().replace("\u2019", "'").replace(",", " ").split())
    low = re.sub(r"^(?:on|in|at|during|of|the)\s+", "", low)
    words = re.findall(r"[a-z]+|\d+", low)
    if not words:
        return None

    m = _ISO_DAY.search(low)
    if m:
        try:
            return _day(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return None
    m = _ISO_MONTH.search(low)
    if m and 1 <= int(m[2]) <= 12:
        return _month(int(m[1]), int(m[2]))

    if re.search(r"\b\d{2,4}s\b|\bdecades?\b|\bcentur", low):
        return None  # "the 1990s", "decades": not a date of one event

    # Relative forms need the publication date.
    if pub is not None:
        if "day before yesterday" in low:
            return _day(pub - timedelta(days=2))
        if "yesterday" in words or "last night" in low:
            return _day(pub - timedelta(days=1))
        if "tomorrow" in words:
            return _day(pub + timedelta(days=1))
        if "today" in words or "tonight" in words or re.search(
            r"\bthis (morning|afternoon|evening)\b", low
        ):
            return _day(pub)
        m = _AGO.search(low)
        if m:
            n = int(m[1]) if m[1].isdigit() else NUMBERS[m[1]]
            unit = m[2]
            if unit == "day":
                return _day(pub - timedelta(days=n))
            if unit == "week":
                d = pub - timedelta(weeks=n)
                return _month(d.year, d.month)
            if unit == "month":
                return _month(*_shift_month(pub.year, pub.month, -n))
            return str(pub.year - n), "year"
        m = _UNIT.search(low)
        if m:
            mod, unit = m[1], m[2]
            step = -1 if mod in PAST_MOD else 1 if mod in NEXT_MOD else 0
            if unit == "week":
                return _week(pub, step, future)
            if unit == "month":
                return _month(*_shift_month(pub.year, pub.month, step))
            return str(pub.year + step), "year"

    month = next(((i, MONTHS[w]) for i, w in enumerate(words) if w in MONTHS), None)
    year_m = _YEAR.search(low)
    year = int(year_m[1]) if year_m else None
    if month is not None:
        mi, mo = month
        # A day number next to the month: "4 October", "October 4th", "the 28th of March".
        day = None
        for j in (mi + 1, mi - 1, mi - 2):
            if 0 <= j < len(words) and words[j].isdigit() and 1 <= int(words[j]) <= 31:
                if year is None or int(words[j]) != year:
                    day = int(words[j])
                    break
        if day is None:
            m2 = _DAYNUM.search(low)
            if m2 and (year is None or int(m2[1]) != year) and 1 <= int(m2[1]) <= 31:
                day = int(m2[1])
        if year is None:
            if pub is None:
                return None
            mods = set(words[:mi])
            if mods & PAST_MOD:  # "last March": the latest March before this month
                year = pub.year if mo < pub.month else pub.year - 1
            elif mods & NEXT_MOD:
                year = pub.year if mo > pub.month else pub.year + 1
            else:
                year = _infer_year(pub, mo, day, future)
        if day is not None:
            if day > monthrange(year, mo)[1]:
                return None
            return _day(date(year, mo, day))
        return _month(year, mo)

    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        if pub is None:
            return None
        mods = set(words)
        back = (pub.weekday() - weekday) % 7
        ahead = (weekday - pub.weekday()) % 7
        if mods & PAST_MOD:
            return _day(pub - timedelta(days=back or 7))
        if mods & NEXT_MOD:
            return _day(pub + timedelta(days=ahead or 7))
        return _day(pub + timedelta(days=ahead) if future else pub - timedelta(days=back))

    if year is not None and len(words) <= 3:
        if re.fullmatch(r"(?:early|late|mid|the year|year|in|of|\s|\d)+", low.replace("-", " ")):
            return str(year), "year"

    if any(c.isdigit() for c in low):
        return _dateparser(low, pub, future)
    return None


def _dateparser(text: str, pub: date | None, future: bool) -> Resolved | None:
    """Leftover numeric forms ("3/4/2023"): dateparser, on the short expression only."""
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": False,
    }
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    parser = _ddp(tuple(sorted(settings.items())))
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return str(d.year), "year"
    if period == "month":
        return _month(d.year, d.month)
    if period == "day":
        return _day(d)
    return None


@lru_cache(maxsize=64)
def _ddp(settings: tuple[tuple[str, object], ...]):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings))


def is_future(trigger: Token, event: Event) -> bool:
    """Whether the event lies ahead of the report: "will meet", "plans to visit"."""
    if event.modality == "future":
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in trigger.children):
        return True
    if trigger.dep_ == "xcomp" and trigger.head.lemma_ in FUTURE_HEADS:
        return True
    # "is going to meet"
    return trigger.dep_ == "xcomp" and trigger.head.lower_ == "going"


def _governor(root: Token, trigger: Token, inside: range) -> Token:
    """The first verb (or the trigger) above a date expression's root."""
    t = root
    for _ in range(12):
        if t.i == trigger.i:
            return t
        if t.i not in inside and t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _rank(gov: Token, trigger: Token, future: bool) -> int | None:
    """0: the date governs the trigger; 1: its clause; 2: loose in the sentence; None: elsewhere."""
    if gov.i == trigger.i:
        return 0
    if gov.head.i == trigger.i and (
        gov.dep_ == "conj" or (gov.dep_ == "advcl" and gov.tag_ == "VBG")
    ):
        return 1  # "arrived and met Putin on Monday", "Speaking in March, experts suggested"
    t = trigger
    for _ in range(12):
        if t.head.i == t.i:
            break
        if t.dep_ in ("relcl", "acl"):
            break  # an event inside a relative clause has its own time
        if t.dep_ in ("ccomp", "parataxis") and future:
            break  # "said on Sunday that they would meet": the saying's date is not the event's
        t = t.head
        if t.i == gov.i:
            return 1
    if gov.pos_ not in ("VERB", "AUX"):
        return 2
    return None


def _expressions(sent: Span) -> list[tuple[Span, Token]]:
    """Date expressions of a sentence with the token that anchors each in the tree."""
    doc = sent.doc
    out: list[tuple[Span, Token]] = []
    covered: set[int] = set()
    for ent in sent.ents:
        if ent.label_ == "DATE" or (
            ent.label_ == "TIME" and any(w in ent.text.lower() for w in TIME_WORDS)
        ):
            out.append((ent, ent.root))
            covered.update(range(ent.start, ent.end))
    for tok in sent:
        if tok.i in covered:
            continue
        low = tok.lower_
        bare_weekday = low in WEEKDAYS and tok.text[:1].isupper()
        # "May" and "March" are also a modal and a verb: only as proper nouns before a number.
        bare_month = (
            low in MONTHS and len(low) > 3 and tok.text[:1].isupper() and tok.pos_ == "PROPN"
            and (low not in ("may", "march") or (tok.i + 1 < len(doc) and doc[tok.i + 1].like_num))
        )
        if bare_weekday or bare_month or low in ("yesterday", "today", "tomorrow"):
            out.append((doc[tok.i : tok.i + 1], tok))
    return out


def _bounded(span: Span) -> bool:
    """A date after "since", "until", "for"…: a bound or duration, not the event's date."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in BOUND_PREPS:
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in BOUND_PREPS


def date_event(document: Document, event: Event) -> tuple[str | None, str | None]:
    """(date, precision) of the event: "YYYY-MM-DD"|"YYYY-MM"|"YYYY" and "day"|"month"|"year".

    See the module docstring for the conventions; without any date expression the publication
    date (day precision), or (None, None) when that is unknown too.
    """
    doc = document.doc
    pub = parse_published(document.article.published)
    trigger = doc[event.trigger]
    future = is_future(trigger, event)
    sent = trigger.sent
    # The dateline's date ("KYIV, March 3 (Reuters) -") is when the report was filed.
    head = DATELINE.match(document.article.text[:160]) if sent.start == 0 else None
    head_end = head.end() if head else 0
    ranked: list[tuple[int, int, Span]] = []
    for span, root in _expressions(sent):
        if _bounded(span) or span.start_char < head_end:
            continue
        gov = _governor(root, trigger, range(span.start, span.end))
        rank = _rank(gov, trigger, future)
        if rank is not None:
            ranked.append((rank, abs(span.start - trigger.i), span))
    for _, _, span in sorted(ranked, key=lambda r: (r[0], r[1])):
        resolved = resolve_expression(span.text, pub, future)
        if resolved is not None:
            return resolved
    if ANAPHORA.search(sent.text):
        resolved = _earlier_date(sent, pub)
        if resolved is not None:
            return resolved
    if pub is not None:
        return _day(pub)
    return None, None


def _earlier_date(sent: Span, pub: date | None, lookback: int = 3) -> Resolved | None:
    """The latest resolvable date expression in the few sentences before ``sent``."""
    doc = sent.doc
    sents: list[Span] = []
    i = sent.start - 1
    while i >= 0 and len(sents) < lookback:
        s = doc[i].sent
        sents.append(s)
        i = s.start - 1
    for s in sents:
        for span, _ in reversed(_expressions(s)):
            if _bounded(span):
                continue
            resolved = resolve_expression(span.text, pub, False)
            if resolved is not None:
                return resolved
    return None

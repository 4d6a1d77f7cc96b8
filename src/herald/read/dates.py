"""Publication dates as written in the input -> ``"YYYY-MM-DD"``.

The date is taken *as written*: "2023-04-16T23:30:00-05:00" is 2023-04-16, not converted to UTC,
because the article's own calendar day is what relative expressions ("on Sunday") refer to.
Cheap, strict parsers run first (ISO forms, RFC 2822, dateutil); dateparser, which is slow, is
only tried on what they all refuse, with relative parsing off so "yesterday" never means today.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_tz
from functools import lru_cache

EXPECTED = "expected a date such as 2023-04-16, 16 April 2023 or Sun, 16 Apr 2023 10:00:00 GMT"

# Year first: 2023-04-16, 2023/04/16, 2023.04.16, optionally followed by a time.
_YMD = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:$|[T\s_].*)", re.S)
# Compact forms used by news APIs and GDELT: 20230416, 20230416103000.
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{4}|\d{6})?")
# Year and month, or year alone: real dates, but without the day a publication date needs.
_PARTIAL = re.compile(r"\d{4}(?:[-/.]\d{1,2})?")
# Numbers only, day and month in an unknown order: 04/05/2023.
_NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YEAR = re.compile(r"\d{4}")
_RFC2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")


def _shown(value: str) -> str:
    """The value for a message, clipped: a megabyte of junk in a date field stays readable."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


class DateError(ValueError):
    """A publication date that cannot be read; the message says why and what is expected."""


def _make(year: int, month: int, day: int, value: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise DateError(f"impossible date {_shown(value)} (no such day); {EXPECTED}") from None


def parse_date(value: str) -> str:
    """Normalise a written publication date to ``"YYYY-MM-DD"``; raise :class:`DateError`."""
    result = _cached(value.strip())
    if isinstance(result, DateError):
        raise DateError(str(result))
    return result


# Publication years outside this range are typing or clock errors ("0023", "9999-12-31" as a
# "no date" marker), not news; they would also push relative dates ("next week") past the ends
# of the calendar. Printed news begins in the 1600s.
YEARS = (1600, 2999)


# Corpora repeat the same few dates (and the same bad ones) many times: remember both.
@lru_cache(maxsize=4096)
def _cached(s: str) -> str | DateError:
    try:
        result = _parse(s)
    except DateError as e:
        return e
    if not YEARS[0] <= int(result[:4]) <= YEARS[1]:
        return DateError(f"implausible publication date {_shown(s)} (the year must be between "
                         f"{YEARS[0]} and {YEARS[1]}); {EXPECTED}")
    return result


def _parse(s: str) -> str:
    if not s:
        raise DateError(f"empty date; {EXPECTED}")
    if m := _YMD.fullmatch(s):
        return _make(int(m[1]), int(m[3]), int(m[4]), s)
    if m := _COMPACT.fullmatch(s):
        return _make(int(m[1]), int(m[2]), int(m[3]), s)
    if _PARTIAL.fullmatch(s):
        raise DateError(f"incomplete date {_shown(s)}: a day is needed; {EXPECTED}")
    if m := _NUMERIC_DMY.fullmatch(s):
        a, b = int(m[1]), int(m[2])
        if a <= 12 and b <= 12 and a != b:
            # 04/05/2023 is 5 April in the US and 4 May in Europe: refuse to guess.
            raise DateError(f"ambiguous date {_shown(s)} (day/month or month/day?); write it as YYYY-MM-DD")
        day, month = (a, b) if a > 12 else (b, a)
        return _make(int(m[3]), month, day, s)
    if _RFC2822.match(s) and (t := parsedate_tz(s)) is not None:
        return _make(t[0], t[1], t[2], s)
    return _parse_written(s)


def _parse_written(s: str) -> str:
    from dateutil import parser

    # Parse against two different defaults: a part the text does not give shows up as a
    # difference, so "April 2023" is refused instead of silently taking today's day.
    results = []
    for default in (dt.datetime(2000, 1, 1), dt.datetime(2004, 3, 3)):
        try:
            results.append(parser.parse(s, default=default, ignoretz=True).date())
        except parser.ParserError as e:
            if "out of range" in str(e):
                raise DateError(f"impossible date {_shown(s)} (no such day); {EXPECTED}") from None
            return _parse_last_resort(s)
        except (ValueError, OverflowError):
            return _parse_last_resort(s)
    if results[0] != results[1]:
        raise DateError(f"incomplete date {_shown(s)}: day, month and year are needed; {EXPECTED}")
    return results[0].isoformat()


def _parse_last_resort(s: str) -> str:
    if not _YEAR.search(s):  # a full date has a written year; spare the slow parser the rest
        raise DateError(f"unreadable date {_shown(s)}; {EXPECTED}")
    import dateparser  # slow to import and to run: only for what the strict parsers refuse

    settings = {
        "PARSERS": ["custom-formats", "absolute-time"],  # no "yesterday" relative to today
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(s, settings=settings)
    if parsed is None:
        raise DateError(f"unreadable date {_shown(s)}; {EXPECTED}")
    return parsed.date().isoformat()

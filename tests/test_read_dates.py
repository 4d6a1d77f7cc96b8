"""Publication dates: written forms -> "YYYY-MM-DD", and clear refusals."""

from __future__ import annotations

import pytest

from herald.read.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2023-04-16", "2023-04-16"),
        ("2023-4-6", "2023-04-06"),
        ("2023/04/16", "2023-04-16"),
        ("2023-04-16T10:00:00Z", "2023-04-16"),
        # the date as written, not converted to UTC (that would be 17 April)
        ("2023-04-16T23:30:00-05:00", "2023-04-16"),
        ("2023-04-16 08:00:00.123+08:00", "2023-04-16"),
        ("20230416", "2023-04-16"),
        ("20230416103000", "2023-04-16"),
        ("Sun, 16 Apr 2023 10:00:00 GMT", "2023-04-16"),
        ("Sun, 16 Apr 2023 23:00:00 -0500", "2023-04-16"),
        ("16 April 2023", "2023-04-16"),
        ("April 16, 2023", "2023-04-16"),
        ("Apr. 16, 2023", "2023-04-16"),
        ("Sunday, April 16, 2023 10:00 EST", "2023-04-16"),
        ("16/04/2023", "2023-04-16"),  # day first: 16 cannot be a month
        ("04/16/2023", "2023-04-16"),  # month first: 16 cannot be a month
        ("  2023-04-16\n", "2023-04-16"),
    ],
)
def test_dates_written_forms_normalise(written: str, expected: str) -> None:
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("2023-02-30", "impossible"),
        ("February 30, 2023", "impossible"),
        ("31 Apr 2023 10:00:00 GMT", "impossible"),
        ("2023-13-01", "impossible"),
        ("April 2023", "incomplete"),
        ("2023-04", "incomplete"),
        ("2023", "incomplete"),
        ("04/05/2023", "ambiguous"),
        ("yesterday", "unreadable"),  # relative dates would depend on the day it is run
        ("next to the river", "unreadable"),
        ("", "empty"),
    ],
)
def test_dates_bad_dates_raise_with_reason(written: str, why: str) -> None:
    with pytest.raises(DateError, match=why):
        parse_date(written)


def test_dates_repeated_bad_date_raises_every_time() -> None:
    for _ in range(3):
        with pytest.raises(DateError, match="impossible"):
            parse_date("2021-02-29")


@pytest.mark.slow  # dateparser loads its language data on first use (~2 s)
def test_dates_other_languages_fall_back_to_dateparser() -> None:
    assert parse_date("16 avril 2023") == "2023-04-16"

"""One input record (a JSON object or a CSV row) -> :class:`Article` or :class:`ReadError`.

Field names are matched case-insensitively against ``fields.tsv`` (the Article's own names
first, then names common in news datasets). ``text_field`` / ``date_field`` name a field
explicitly and then replace the usual names; a dotted name ("fields.bodyText") reaches into
nested objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from herald.errors import ReadError
from herald.model import Article
from herald.read.dates import DateError, parse_date
from herald.read.text import too_long

FIELDS = ("id", "text", "title", "url", "published", "source")
_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def aliases() -> dict[str, tuple[str, ...]]:
    """Article field -> the input names accepted for it, lower-cased, in order of preference."""
    table: dict[str, list[str]] = {f: [] for f in FIELDS}
    path = Path(__file__).with_name("fields.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            field, name = line.split("\t")
            table[field].append(name.strip().lower())
    return {f: tuple(names) for f, names in table.items()}


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


@lru_cache(maxsize=256)  # records of one file almost always share one set of keys
def _plan(
    keys: tuple[str, ...], text_field: str | None, date_field: str | None
) -> dict[str, tuple[str, ...]]:
    """For each Article field, the record's keys that may hold it, in order of preference."""
    by_lower: dict[str, str] = {}
    for k in keys:
        by_lower.setdefault(k.strip().lower(), k)
    explicit = {"text": text_field, "published": date_field}
    plan: dict[str, tuple[str, ...]] = {}
    for field, names in aliases().items():
        if explicit.get(field):
            name = explicit[field]
            assert name is not None
            hit = name if name in keys else by_lower.get(name.lower())
            plan[field] = (hit,) if hit else ()
        else:
            plan[field] = tuple(by_lower[n] for n in names if n in by_lower)
    return plan


def _dotted(record: Mapping[str, Any], name: str) -> Any:
    """The value at a dotted path ("fields.bodyText"), or None when any step is missing."""
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _pick(record: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    """The first of ``keys`` with a non-empty value: (key, value), or (None, None)."""
    for k in keys:
        if not _empty(record[k]):
            return k, record[k]
    return None, None


def article_from_record(
    record: Mapping[str, Any],
    origin: str,
    default_id: str,
    *,
    text_field: str | None = None,
    date_field: str | None = None,
    date: str | None = None,
) -> Article | ReadError:
    """Build an Article from one record; ``date`` (already normalised) fills a missing date."""
    plan = _plan(tuple(record), text_field, date_field)
    picked: dict[str, tuple[str | None, Any]] = {f: _pick(record, plan[f]) for f in FIELDS}
    for field, name in (("text", text_field), ("published", date_field)):
        if name and not plan[field] and "." in name:
            value = _dotted(record, name)
            picked[field] = (name, None) if _empty(value) else (name, value)

    key, text = picked["text"]
    if text is None:
        field = plan["text"][0] if plan["text"] else (text_field or "text")
        return ReadError(origin, _missing_text(record, plan["text"], text_field), field)
    if not isinstance(text, str):
        return ReadError(origin, f"text must be a string, got {_type_name(text)}", key)
    if problem := too_long(text):
        return ReadError(origin, problem, key)

    values: dict[str, str | None] = {}
    for field in ("id", "title", "url", "source"):
        key, value = picked[field]
        if value is None:
            values[field] = None
        elif isinstance(value, str):
            values[field] = value.strip()
        elif isinstance(value, int) and not isinstance(value, bool):
            values[field] = str(value)  # numeric ids and the like
        elif field == "source" and isinstance(value, Mapping) and isinstance(value.get("name"), str):
            values[field] = value["name"].strip()  # NewsAPI: "source": {"id": ..., "name": ...}
        else:
            return ReadError(origin, f"{field} must be a string, got {_type_name(value)}", key)

    key, raw_date = picked["published"]
    published = date
    if raw_date is not None:
        if not isinstance(raw_date, str):
            return ReadError(
                origin, f"date must be a string such as 2023-04-16, got {_type_name(raw_date)}", key
            )
        try:
            published = parse_date(raw_date)
        except DateError as e:
            return ReadError(origin, str(e), key)

    for field, value in (("text", text), *values.items()):
        if value and (m := _SURROGATE.search(value)):
            # JSON's \udXXX escapes can carry half of a UTF-16 pair, which no UTF-8 text
            # (and so no store, parser or JSON output) can hold.
            return ReadError(origin, f"{field} holds an unpaired UTF-16 surrogate "
                             f"(\\u{ord(m[0]):04x} at character {m.start()}); expected valid "
                             "Unicode text", picked[field][0])
    return Article(
        id=values["id"] or default_id,
        text=text.replace("\r\n", "\n"),
        title=values["title"] or None,
        url=values["url"] or None,
        published=published,
        source=values["source"] or None,
        origin=origin,
    )


def _missing_text(record: Mapping[str, Any], keys: tuple[str, ...], text_field: str | None) -> str:
    if keys or (text_field and _dotted(record, text_field) is not None):
        name = keys[0] if keys else text_field
        return f"empty text in field {name!r}; expected the article text as a non-empty string"
    found = ", ".join(list(record)[:12]) or "none"
    if text_field:
        return f"no field {text_field!r} (named as the text field); fields present: {found}"
    names = ", ".join(aliases()["text"])
    return f"no text; expected a non-empty field named one of: {names} (fields present: {found})"

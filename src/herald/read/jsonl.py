"""JSON lines (``.jsonl``, ``.ndjson``, stdin) and ``.json`` files -> Articles.

JSON lines are streamed one line at a time, so memory does not grow with the file. A ``.json``
file whose first non-blank line is not a complete JSON value is taken to be one JSON document
(an object, or an array of objects) and is read whole: the standard library cannot stream an
array, and such files are small in practice (large corpora come as JSON lines).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any, BinaryIO

from herald.errors import ReadError
from herald.model import Article
from herald.read.record import _type_name, article_from_record
from herald.read.text import decode

Item = Article | ReadError
# The standard library's decoder recurses once per nesting level and hits Python's recursion
# limit near 1,000 levels; no article record nests that deep, so it is bad input, not a crash.
TOO_DEEP = "invalid JSON (nested too deeply); expected a flat JSON object per article"


def read_jsonl(lines: Iterable[bytes], name: str, stem: str, **options: Any) -> Iterator[Item]:
    """One Article per JSON-object line; blank lines are skipped, bad lines are ReadErrors."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        origin = f"{name}:{number}"
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield ReadError(origin, f"not UTF-8 text (byte 0x{raw[e.start]:02x} at column "
                            f"{e.start + 1}); expected UTF-8 JSON lines")
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(origin, f"invalid JSON ({e.msg} at column {e.colno}); "
                            "expected one JSON object per line")
            continue
        except RecursionError:
            yield ReadError(origin, TOO_DEEP)
            continue
        yield _item(value, origin, f"{stem}-{number}", options)


def read_json(stream: BinaryIO, name: str, stem: str, **options: Any) -> Iterator[Item]:
    """A ``.json`` file: JSON lines if its first line is a JSON value, else one JSON document."""
    head: list[bytes] = []
    for raw in stream:
        head.append(raw)
        if raw.strip():
            break
    try:
        json.loads(head[-1].removeprefix(b"\xef\xbb\xbf") if head else b"")
        whole_document = False
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        whole_document = True
    if not whole_document:
        yield from read_jsonl(chain(head, stream), name, stem, **options)
        return
    try:
        text = decode(b"".join(head) + stream.read())
    except ValueError as e:
        yield ReadError(name, str(e))
        return
    if not text.strip():
        yield ReadError(name, "empty file; expected JSON lines or a JSON array of objects")
        return
    yield from _read_document(text, name, stem, options)


def _read_document(text: str, name: str, stem: str, options: dict[str, Any]) -> Iterator[Item]:
    """One JSON document: an object is one article, an array holds one per element."""
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            yield ReadError(f"{name}:{e.lineno}", f"invalid JSON ({e.msg} at column {e.colno}); "
                            "expected JSON lines, a JSON object or an array of objects")
            return
        except RecursionError:
            yield ReadError(name, TOO_DEEP)
            return
        yield _item(value, name, stem, options)
        return
    # Decode the array element by element so each article and error carries its own line.
    decoder = json.JSONDecoder()
    line, counted = 1, 0

    def line_at(p: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, p)
        counted = p
        return line

    pos = _skip_space(text, pos + 1)
    index = 0
    while pos < len(text) and text[pos] != "]":
        index += 1
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            yield ReadError(f"{name}:{e.lineno}", f"invalid JSON ({e.msg} at column {e.colno}); "
                            "stopped reading this array")
            return
        except RecursionError:
            yield ReadError(f"{name}:{line_at(pos)}", f"{TOO_DEEP}; stopped reading this array")
            return
        yield _item(value, f"{name}:{line_at(pos)}", f"{stem}-{index}", options)
        pos = _skip_space(text, end)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
        elif not text.startswith("]", pos):
            yield ReadError(f"{name}:{line_at(pos)}",
                            "invalid JSON (expected ',' or ']' after an array element)")
            return
    if pos >= len(text):
        yield ReadError(f"{name}:{line_at(pos)}", "invalid JSON (the array is not closed by ']')")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _item(value: Any, origin: str, default_id: str, options: dict[str, Any]) -> Item:
    if not isinstance(value, dict):
        got = _type_name(value)
        return ReadError(origin, f"expected a JSON object with a 'text' field, got {got}")
    return article_from_record(value, origin, default_id, **options)

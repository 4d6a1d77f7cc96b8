"""Readers: txt, jsonl, csv, html and directories -> Article, errors with file and line.

:func:`read_inputs` is the one entry point. It yields lazily, in a fixed order (paths as given,
directories walked recursively in sorted name order), one :class:`~herald.model.Article` per
good item and one :class:`~herald.errors.ReadError` per bad one, and never raises for bad input:
the rest of the batch goes on.

Formats by extension (a trailing ``.gz`` is decompressed on the fly):

- ``.txt`` one article, id = file stem;
- ``.jsonl``, ``.ndjson`` JSON lines; ``.json`` JSON lines, or one object / array of objects;
- ``.csv``, ``.tsv`` one article per row, fields by header;
- ``.html``, ``.htm`` one article, main text, title and date extracted;
- ``-`` standard input, as JSON lines.

In a directory walk, hidden files and directories (``.name``) are skipped and other unknown
extensions are reported. A file named explicitly with an unknown extension is sniffed instead,
because the user asked for it by name: JSON lines if its first non-blank character is ``{``,
HTML if it starts with ``<!doctype html`` or ``<html``, else plain text.
"""

from __future__ import annotations

import gzip
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from herald.errors import ReadError
from herald.model import Article
from herald.read.dates import DateError, parse_date
from herald.read.html import read_html
from herald.read.jsonl import read_json, read_jsonl
from herald.read.table import read_table
from herald.read.text import read_txt

__all__ = ["SUPPORTED", "read_inputs", "parse_date", "DateError"]

Item = Article | ReadError
SUPPORTED = (".txt", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".html", ".htm")
EXPECTED = "expected .txt, .jsonl, .csv, .tsv or .html"
STDIN = "-"


def read_inputs(
    paths: Sequence[str | Path],
    *,
    date: str | None = None,
    text_field: str | None = None,
    date_field: str | None = None,
) -> Iterator[Item]:
    """Articles and ReadErrors from files, directories and ``-`` (stdin), lazily and in order.

    ``date`` fills in the publication date of items that carry none (an item's own date wins);
    ``text_field`` / ``date_field`` name the text and date fields of JSON and CSV records.
    """
    if isinstance(paths, str | Path):  # one path, not a sequence of characters
        paths = [paths]
    fallback = None
    if date:
        try:
            fallback = parse_date(date)
        except DateError as e:
            yield ReadError("--date", str(e), "published")
    options = {"date": fallback, "text_field": text_field, "date_field": date_field}
    for path in paths:
        if str(path) == STDIN:
            yield from read_jsonl(sys.stdin.buffer, "<stdin>", "stdin", **options)
        else:
            yield from _read_path(str(path), options)


def _read_path(name: str, options: dict[str, Any]) -> Iterator[Item]:
    try:
        is_dir = os.path.isdir(name)
        exists = is_dir or os.path.exists(name)
    except (OSError, ValueError) as e:  # e.g. a NUL byte in the name
        yield ReadError(name, f"cannot read this path ({e})")
        return
    if not exists:
        yield ReadError(name, "no such file or directory")
    elif is_dir:
        found = 0
        for item in _walk(name, options):
            if item is None:
                found += 1
            else:
                yield item
        if not found:
            yield ReadError(name, f"no readable files in this directory; {EXPECTED}")
    else:
        yield from _read_file(name, options, explicit=True)


def _walk(directory: str, options: dict[str, Any], seen: set[str] | None = None,
          ) -> Iterator[Item | None]:
    """Items of the files under ``directory``; a None marks each supported file found."""
    seen = set() if seen is None else seen
    real = os.path.realpath(directory)
    if real in seen:  # a symlink back up the tree
        return
    seen.add(real)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield ReadError(directory, f"cannot list this directory ({e.strerror or e})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files: editor backups, .DS_Store, .git
        path = os.path.join(directory, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, options, seen)
        elif not _is_file(entry):
            yield ReadError(path, "not a regular file (a pipe, socket or device); skipped")
        elif _format(path) is None:
            yield ReadError(path, f"unsupported file type; {EXPECTED}")
        else:
            yield None
            yield from _read_file(path, options, explicit=False)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _format(path: str) -> str | None:
    """The format suffix of ``path`` (looking through a final ``.gz``), or None if unknown."""
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    suffix = suffixes[-1] if suffixes else ""
    return suffix if suffix in SUPPORTED else None


def _stem(path: str) -> str:
    name = Path(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem


def _sniff(stream: BinaryIO) -> str:
    """Guess the format of a file named without a known extension (see the module docstring)."""
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return ".jsonl"
    if head[:14].lower().startswith((b"<!doctype html", b"<html")):
        return ".html"
    return ".txt"


def _read_file(name: str, options: dict[str, Any], explicit: bool) -> Iterator[Item]:
    suffix = _format(name)
    stem = _stem(name)
    try:
        raw = open(name, "rb")  # closed in `finally`, also when the consumer stops early
    except OSError as e:
        yield ReadError(name, f"cannot open this file ({e.strerror or e})")
        return
    try:
        stream: BinaryIO = raw
        if name.lower().endswith(".gz"):
            stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        if suffix is None:
            suffix = _sniff(stream) if explicit else ".txt"
        if suffix in (".txt", ".html", ".htm"):
            item = (read_txt if suffix == ".txt" else read_html)(stream, name, stem)
            if isinstance(item, Article) and item.published is None:
                item.published = options["date"]
            yield item
        elif suffix in (".csv", ".tsv"):
            yield from read_table(stream, name, stem, suffix, **options)
        elif suffix == ".json":
            yield from read_json(stream, name, stem, **options)
        else:
            yield from read_jsonl(stream, name, stem, **options)
    except (OSError, EOFError) as e:  # a disk error or a truncated .gz part-way through
        yield ReadError(name, f"cannot read this file ({getattr(e, 'strerror', None) or e})")
    finally:
        raw.close()

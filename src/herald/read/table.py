"""Tables (``.csv``, ``.tsv``) -> Articles, one per row, fields named by the header row.

Rows are streamed. Line numbers are physical lines of the file, counted by the csv module
(``reader.line_num``), so a row whose quoted text spans several lines is reported at the line
where it starts and the rows after it keep their true numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from herald.errors import ReadError
from herald.model import Article
from herald.read.record import aliases, article_from_record

# Large enough for any article, small enough that a stray unclosed quote, which swallows the
# rest of the file into one field, stops with a message instead of filling memory.
FIELD_LIMIT = 64 * 1024 * 1024
# Columns pandas writes for its index: "" or "Unnamed: 0".
_INDEX_COLUMN = re.compile(r"(?:unnamed: ?\d+)?", re.I)
# Undecodable bytes survive decoding as lone surrogates (surrogateescape); find them per row.
_UNDECODED = re.compile("[\udc80-\udcff]")


def _delimiter(header: str, suffix: str) -> str:
    """Tab for .tsv; for .csv a comma, unless the header plainly uses ';' or tabs (Excel)."""
    if suffix == ".tsv":
        return "\t"
    if "," not in header:
        for candidate in ("\t", ";", "|"):
            if candidate in header:
                return candidate
    return ","


def read_table(stream: BinaryIO, name: str, stem: str, suffix: str = ".csv",
               **options: Any) -> Iterator[Article | ReadError]:
    """One Article per data row; bad rows are ReadErrors naming the line."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _read_rows(text, name, stem, suffix, options)
    finally:
        text.detach()  # the caller owns the file and closes it


def _read_rows(text: io.TextIOWrapper, name: str, stem: str, suffix: str,
               options: dict[str, Any]) -> Iterator[Article | ReadError]:
    first = text.readline()
    if not first.strip():
        yield ReadError(name, "empty file; expected a header row naming the columns (text required)")
        return
    if "\x00" in first:  # an image or archive named .csv: say so, not "no text column"
        yield ReadError(name, "binary data (NUL bytes), not text; expected a UTF-8 CSV file "
                        "with a header row")
        return
    reader = csv.reader(_chain_first(first, text), delimiter=_delimiter(first, suffix), strict=True)
    header = [h.strip() for h in next(reader)]
    keep = [i for i, h in enumerate(header) if not _INDEX_COLUMN.fullmatch(h)]
    names = [header[i] for i in keep]
    if _UNDECODED.search(first):
        yield ReadError(f"{name}:1", "header is not UTF-8 text; expected a UTF-8 file")
        return
    if not _has_text_column(names, options.get("text_field")):
        wanted = options.get("text_field") or " or ".join(aliases()["text"][:4])
        yield ReadError(f"{name}:1", f"no text column; expected a column named {wanted} "
                        f"(columns found: {', '.join(names) or 'none'})", "text")
        return

    line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            # strict mode: a stray quote is reported, not silently glued to the next rows
            yield ReadError(f"{name}:{line + 1}", f"malformed CSV ({e}); check the quoting "
                            "of this row (a field with quotes must be quoted and its quotes doubled)")
            line = reader.line_num
            continue
        start, line = line + 1, reader.line_num
        if not row or not any(cell.strip() for cell in row):
            continue  # blank lines, as in JSON lines, are not items
        origin = f"{name}:{start}"
        if len(row) > len(header):
            yield ReadError(origin, f"row has {len(row)} fields but the header has "
                            f"{len(header)}; quote fields that contain the delimiter")
            continue
        record = {names[j]: row[i] for j, i in enumerate(keep) if i < len(row)}
        if any(_UNDECODED.search(v) for v in record.values()):
            yield ReadError(origin, "not UTF-8 text; expected a UTF-8 file")
            continue
        yield article_from_record(record, origin, f"{stem}-{start}", **options)


def _chain_first(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest


def _has_text_column(names: list[str], text_field: str | None) -> bool:
    lower = {n.lower() for n in names}
    if text_field:
        return text_field in names or text_field.lower() in lower
    return any(n in lower for n in aliases()["text"])

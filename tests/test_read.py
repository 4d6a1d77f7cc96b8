"""Readers: every format, good and bad, through the one entry point ``read_inputs``.

Fixtures are written here into ``tmp_path``; the article sentences are invented sample text.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from herald.errors import ReadError
from herald.model import Article
from herald.read import read_inputs

TALKS = "The foreign ministers of Chile and Peru met in Lima on Monday to discuss water rights."
STRIKE = "Dock workers in Rotterdam walked out on Friday, halting container traffic."


def read(*paths: Path | str, **options: str) -> list[Article | ReadError]:
    return list(read_inputs([str(p) for p in paths], **options))


def articles(items: list[Article | ReadError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | ReadError]) -> list[ReadError]:
    return [i for i in items if isinstance(i, ReadError)]


def jsonl(path: Path, *lines: object) -> Path:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
        encoding="utf-8",
    )
    return path


# --- .txt -------------------------------------------------------------------------------------


def test_read_txt_one_article_id_is_stem_and_text_kept(tmp_path: Path) -> None:
    path = tmp_path / "lima-talks.txt"
    path.write_bytes(f"  {TALKS}\r\n\r\nSecond paragraph.\n".encode())
    [item] = read(path)
    assert isinstance(item, Article)
    assert item.id == "lima-talks"
    assert item.text == f"  {TALKS}\n\nSecond paragraph.\n"  # only \r\n is normalised
    assert item.origin == str(path)
    assert item.published is None


def test_read_txt_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TALKS.encode())
    [item] = read(path)
    assert isinstance(item, Article) and item.text == TALKS


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        ("Caf\u00e9 owners protested in Lyon.".encode("latin-1"), "not UTF-8 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not UTF-8 text"),
        (b"ELF\x00\x00\x00\x01binary", "binary data"),
    ],
)
def test_read_txt_bad_file_is_read_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [item] = read(path)
    assert isinstance(item, ReadError)
    assert item.origin == str(path)
    assert reason in item.reason


def test_read_txt_date_option_fills_in(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TALKS, encoding="utf-8")
    [item] = read(tmp_path / "a.txt", date="16 April 2023")
    assert isinstance(item, Article) and item.published == "2023-04-16"


# --- JSON lines -------------------------------------------------------------------------------


def test_read_jsonl_canonical_fields(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "wire.jsonl", {
        "id": "w1", "url": "https://example.org/w1", "title": "Ministers meet", "text": TALKS,
        "published": "2023-04-17", "source": "Example Wire",
    })
    [item] = read(path)
    assert item == Article(id="w1", text=TALKS, title="Ministers meet",
                           url="https://example.org/w1", published="2023-04-17",
                           source="Example Wire", origin=f"{path}:1")


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        ({"body": TALKS}, "text", TALKS),
        ({"content": TALKS}, "text", TALKS),
        ({"bodyText": TALKS}, "text", TALKS),
        ({"Text": TALKS}, "text", TALKS),  # names match case-insensitively
        ({"text": TALKS, "headline": "Talks in Lima"}, "title", "Talks in Lima"),
        ({"text": TALKS, "link": "https://example.org/x"}, "url", "https://example.org/x"),
        ({"text": TALKS, "outlet": "Sample Times"}, "source", "Sample Times"),
        ({"text": TALKS, "source": {"id": None, "name": "Sample Times"}}, "source",
         "Sample Times"),
        ({"text": TALKS, "article_id": 4711}, "id", "4711"),
        ({"text": TALKS, "doc_id": "d-9"}, "id", "d-9"),
        ({"text": TALKS, "date": "2023-04-16"}, "published", "2023-04-16"),
        ({"text": TALKS, "pubdate": "Sun, 16 Apr 2023 10:00:00 GMT"}, "published", "2023-04-16"),
        ({"text": TALKS, "webPublicationDate": "2023-04-16T21:00:00Z"}, "published",
         "2023-04-16"),
        ({"text": TALKS, "publishedAt": "April 16, 2023"}, "published", "2023-04-16"),
        ({"text": "", "body": TALKS}, "text", TALKS),  # an empty field gives way to the next
        ({"text": "line one\r\nline two"}, "text", "line one\nline two"),
    ],
)
def test_read_jsonl_alternative_field_names(
    tmp_path: Path, record: dict[str, object], field: str, expected: str
) -> None:
    [item] = read(jsonl(tmp_path / "x.jsonl", record))
    assert isinstance(item, Article), item
    assert getattr(item, field) == expected


def test_read_jsonl_missing_id_defaults_to_stem_and_line(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "batch.jsonl", {"text": TALKS}, "", {"text": STRIKE})
    assert [a.id for a in articles(read(path))] == ["batch-1", "batch-3"]


def test_read_jsonl_bad_line_reports_line_and_keeps_others(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "mixed.jsonl",
        {"id": "a", "text": TALKS},
        '{"id": "b", "text": "unterminated',
        "",
        "   ",
        '["a", "list"]',
        {"id": "c", "title": "No body here"},
        {"id": "d", "text": "   "},
        {"id": "e", "text": 42},
        {"id": "f", "text": STRIKE, "date": "2023-02-30"},
        {"id": "g", "text": STRIKE, "published": 20230416},
        {"id": "h", "text": STRIKE},
    )
    items = read(path)
    assert [a.id for a in articles(items)] == ["a", "h"]
    assert [a.origin for a in articles(items)] == [f"{path}:1", f"{path}:11"]
    got = [(e.origin.rsplit(":", 1)[1], e.field) for e in errors(items)]
    assert got == [("2", None), ("5", None), ("6", "text"), ("7", "text"), ("8", "text"),
                   ("9", "date"), ("10", "published")]
    reasons = [e.reason for e in errors(items)]
    assert "invalid JSON" in reasons[0] and "one JSON object per line" in reasons[0]
    assert "got a list" in reasons[1]
    assert "no text" in reasons[2] and "title" in reasons[2]  # says which fields it did find
    assert "empty text" in reasons[3]
    assert "must be a string" in reasons[4]
    assert "impossible date" in reasons[5]


def test_read_jsonl_undecodable_line_is_error_and_others_read(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(
        json.dumps({"text": TALKS}).encode() + b"\n"
        + b'{"text": "Caf\xe9 owners protested."}\n'
        + json.dumps({"text": STRIKE}).encode() + b"\n"
    )
    items = read(path)
    assert len(articles(items)) == 2
    [error] = errors(items)
    assert error.origin == f"{path}:2" and "not UTF-8" in error.reason


@pytest.mark.parametrize(
    ("options", "record", "expected"),
    [
        ({"text_field": "story_html"}, {"text": "ignored", "story_html": TALKS}, TALKS),
        ({"text_field": "fields.bodyText"}, {"fields": {"bodyText": TALKS}}, TALKS),
    ],
)
def test_read_jsonl_text_field_option(
    tmp_path: Path, options: dict[str, str], record: dict[str, object], expected: str
) -> None:
    [item] = read(jsonl(tmp_path / "x.jsonl", record), **options)
    assert isinstance(item, Article) and item.text == expected


def test_read_jsonl_text_field_option_missing_names_the_field(tmp_path: Path) -> None:
    [item] = read(jsonl(tmp_path / "x.jsonl", {"text": TALKS}), text_field="story")
    assert isinstance(item, ReadError)
    assert "'story'" in item.reason and item.field == "story"


def test_read_jsonl_date_field_option_and_fallback_date(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "x.jsonl",
                 {"text": TALKS, "date": "2020-01-01", "crawl_day": "2023-04-18"},
                 {"text": STRIKE})
    items = read(path, date_field="crawl_day", date="2023-04-01")
    assert [a.published for a in articles(items)] == ["2023-04-18", "2023-04-01"]


def test_read_jsonl_item_date_wins_over_date_option(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "x.jsonl", {"text": TALKS, "date": "2023-04-16"}, {"text": STRIKE})
    items = read(path, date="2023-05-01")
    assert [a.published for a in articles(items)] == ["2023-04-16", "2023-05-01"]


def test_read_bad_date_option_is_reported_once_and_reading_goes_on(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "x.jsonl", {"text": TALKS})
    items = read(path, date="2023-02-30")
    assert isinstance(items[0], ReadError) and items[0].origin == "--date"
    assert isinstance(items[1], Article) and items[1].published is None


@pytest.mark.parametrize("suffix", [".ndjson", ".json", ".jsonl.gz"])
def test_read_jsonl_other_suffixes(tmp_path: Path, suffix: str) -> None:
    data = (json.dumps({"text": TALKS}) + "\n" + json.dumps({"text": STRIKE}) + "\n").encode()
    path = tmp_path / f"feed{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    items = read(path)
    assert [a.text for a in articles(items)] == [TALKS, STRIKE]
    assert articles(items)[0].id == "feed-1"


def test_read_json_array_one_article_per_element_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"text": TALKS}, "oops", {"text": STRIKE}], indent=2))
    items = read(path)
    assert [a.text for a in articles(items)] == [TALKS, STRIKE]
    assert [a.id for a in articles(items)] == ["export-1", "export-3"]
    assert [i.origin for i in items] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    assert isinstance(items[1], ReadError)


def test_read_json_pretty_object_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"headline": "Dock strike", "body": STRIKE}, indent=2))
    [item] = read(path)
    assert isinstance(item, Article) and item.title == "Dock strike" and item.id == "one"


def test_read_json_broken_document_is_one_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"text": "fine"},\n  {"text": \n]\n')
    items = read(path)
    assert isinstance(items[-1], ReadError) and items[-1].origin == f"{path}:4"


def test_read_stdin_is_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (json.dumps({"text": TALKS}) + "\nnot json\n").encode()
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))
    items = list(read_inputs(["-"]))
    assert isinstance(items[0], Article) and items[0].origin == "<stdin>:1"
    assert items[0].id == "stdin-1"
    assert isinstance(items[1], ReadError) and items[1].origin == "<stdin>:2"


# --- CSV / TSV --------------------------------------------------------------------------------


def test_read_csv_index_column_ignored_and_fields_by_header(tmp_path: Path) -> None:
    path = tmp_path / "frame.csv"
    path.write_text(
        ",Title,Text,Date\n"
        f'0,Water talks,"{TALKS}",2023-04-17\n'
        f"1,Dock strike,{STRIKE.replace(',', '')},16 April 2023\n",
        encoding="utf-8",
    )
    items = read(path)
    assert [(a.id, a.title, a.published) for a in articles(items)] == [
        ("frame-2", "Water talks", "2023-04-17"), ("frame-3", "Dock strike", "2023-04-16")]
    assert not errors(items)


def test_read_csv_pandas_unnamed_index_column_ignored(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(f'Unnamed: 0,text\n7,"{TALKS}"\n', encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, Article) and item.id == "p-2" and item.text == TALKS


def test_read_csv_multiline_quoted_text_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_bytes(
        b"id,text,published\r\n"
        b'a,"First paragraph.\r\n\r\nSecond paragraph.",2023-04-16\r\n'  # lines 2-4
        b"b,,2023-04-16\r\n"  # line 5: no text
        b'c,"One\nTwo\nThree",2023-04-16\r\n'  # lines 6-8
        b"d,Four,2023-02-30\r\n"  # line 9: impossible date
    )
    items = read(path)
    assert [i.origin for i in items] == [f"{path}:{n}" for n in (2, 5, 6, 9)]
    first = items[0]
    assert isinstance(first, Article)
    assert first.text == "First paragraph.\n\nSecond paragraph."
    assert isinstance(items[1], ReadError) and items[1].field == "text"
    assert isinstance(items[3], ReadError) and items[3].field == "published"


def test_read_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.csv"
    path.write_text("id,headline\n1,Talks\n2,Strike\n", encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, ReadError) and item.origin == f"{path}:1"
    assert "no text column" in item.reason and "headline" in item.reason


@pytest.mark.parametrize(
    ("content", "origin", "reason"),
    [
        (b"", "", "empty file"),
        (b'text,date\n"never closed,2023-04-16\nmore\n', ":2", "malformed CSV"),
        (b"text,date\nok,2023-04-16\nextra,2023-04-16,field\n", ":3", "header has 2"),
        (b"text,date\nCaf\xe9 owners protested,2023-04-16\n", ":2", "not UTF-8"),
    ],
)
def test_read_csv_bad_input_is_read_error(
    tmp_path: Path, content: bytes, origin: str, reason: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    [error] = errors(read(path))
    assert error.origin == f"{path}{origin}" and reason in error.reason


def test_read_csv_large_field_is_read(tmp_path: Path) -> None:
    big = "word " * 60_000  # beyond the csv module's default field limit of 131072
    path = tmp_path / "big.csv"
    path.write_text(f'text\n"{big}"\n', encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, Article) and item.text == big


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tabs.tsv", f"id\ttext\nt1\t{TALKS}\n"),
        ("excel.csv", f"id;text\nt1;{TALKS}\n"),
    ],
)
def test_read_tsv_and_semicolon_csv(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, Article) and (item.id, item.text) == ("t1", TALKS)


# --- paths and directories --------------------------------------------------------------------


def test_read_directory_recursion_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(STRIKE)
    (tmp_path / "b" / "a.txt").write_text(TALKS)
    (tmp_path / "a.txt").write_text(TALKS)
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": STRIKE}) + "\n")
    (tmp_path / ".hidden.txt").write_text(TALKS)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref")
    (tmp_path / "notes.md").write_text("# notes")
    items = read(tmp_path)
    assert [Path(i.origin).relative_to(tmp_path).as_posix() for i in items] == [
        "a.txt", "b/a.txt", "b/z.txt", "c.jsonl:1", "notes.md"]
    assert isinstance(items[-1], ReadError) and "unsupported file type" in items[-1].reason


def test_read_paths_in_given_order(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(TALKS)
    assert [a.id for a in articles(read(tmp_path / "two.txt", tmp_path / "one.txt"))] == [
        "two", "one"]


def test_read_nonexistent_path_and_empty_directory_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.txt").write_text(TALKS)
    items = read(tmp_path / "missing.jsonl", tmp_path / "empty", tmp_path / "a.txt")
    assert [type(i).__name__ for i in items] == ["ReadError", "ReadError", "Article"]
    assert "no such file" in items[0].reason  # type: ignore[union-attr]
    assert "no readable files" in items[1].reason  # type: ignore[union-attr]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_permission_denied_is_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(TALKS)
    path.chmod(0)
    try:
        [item] = read(path)
    finally:
        path.chmod(0o644)
    assert isinstance(item, ReadError) and "cannot open" in item.reason


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (json.dumps({"text": TALKS}) + "\n", "jsonl"),
        ("<!DOCTYPE html><html><body><p>" + TALKS + "</p></body></html>", "html"),
        (TALKS, "text"),
    ],
)
def test_read_explicit_unknown_extension_is_sniffed(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "download.dat"
    path.write_text(content, encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, Article) and item.text == (content if expected == "text" else TALKS)
    assert item.origin == (f"{path}:1" if expected == "jsonl" else str(path))


def test_read_is_lazy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TALKS)
    items = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "later.txt")])
    first = next(items)
    assert isinstance(first, Article)
    (tmp_path / "later.txt").write_text(STRIKE)  # written after reading began
    assert isinstance(next(items), Article)


def test_read_single_path_string_is_not_split_into_characters(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TALKS)
    assert [a.id for a in articles(list(read_inputs(str(tmp_path / "a.txt"))))] == ["a"]  # type: ignore[arg-type]


def test_read_csv_stray_quote_row_reported_and_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text(
        'id,text\na,"Quoted" then more\nb,He said "no" and left\nc,Plain\n', encoding="utf-8"
    )
    items = read(path)
    assert isinstance(items[0], ReadError) and items[0].origin == f"{path}:2"
    assert "malformed CSV" in items[0].reason
    assert [(a.id, a.text) for a in articles(items)] == [
        ("b", 'He said "no" and left'), ("c", "Plain")]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_read_memory_does_not_grow_with_file_size(tmp_path: Path, fmt: str) -> None:
    import tracemalloc

    path = tmp_path / f"big.{fmt}"
    rows = 5_000
    with path.open("w", encoding="utf-8") as f:
        if fmt == "csv":
            f.write("id,text,date\n")
        for n in range(rows):
            day = f"2023-04-{1 + n % 28:02d}"
            if fmt == "csv":
                f.write(f'{n},"{TALKS} Item {n}.",{day}\n')
            else:
                f.write(json.dumps({"id": n, "text": f"{TALKS} Item {n}.", "date": day}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for item in read_inputs([str(path)]) if isinstance(item, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == rows
    assert peak < size / 4, f"peak {peak} bytes for a {size}-byte file"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_read_directory_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TALKS)
    (tmp_path / "again").symlink_to(tmp_path, target_is_directory=True)
    assert [a.id for a in articles(read(tmp_path))] == ["a"]

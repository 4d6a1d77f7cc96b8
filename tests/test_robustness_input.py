"""Bad input everywhere: every reader (txt, jsonl, csv, html, feeds) given empty, binary,
truncated, wrongly typed, incomplete and huge input, invalid and impossible dates, and unusual
Unicode. Each bad item is one ReadError naming its file (and line); nothing raises; every good
item of the same batch is coded and stored.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from herald.cli import main as herald_main
from herald.errors import ReadError
from herald.model import Article
from herald.read import read_inputs
from herald.read.text import MAX_TEXT_CHARS
from herald.store import connect
from herald.watch import Entry, Response, article_from_page, parse_feed

GOOD = "Kenya's foreign minister met her Ugandan counterpart in Kampala on Monday."
RTL = "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202eKenya met Uganda\u202c."
ZERO_WIDTH = "Kenya\u200b met\u200d Uganda\ufeff in\u2060 Kampala."
EMOJI = "\U0001f1f0\U0001f1ea Kenya \U0001f91d met Uganda \U0001f44d\U0001f3fd in Kampala."
COMBINING = "Ke\u0301nya\u0308 met U\u0336ganda in Kampala\u0323 on Monday."
UNUSUAL = {"rtl": RTL, "zero-width": ZERO_WIDTH, "emoji": EMOJI, "combining": COMBINING}
HUGE = "word " * (MAX_TEXT_CHARS // 5 + 10)


def _html(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"


def _jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()


# (file name, bytes, None for a good item or a phrase the error must contain)
FILES: list[tuple[str, bytes, str | None]] = [
    # txt
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\n", "empty file"),
    ("binary.txt", bytes(range(256)) * 8, "not UTF-8"),
    ("nul.txt", b"Kenya met\x00Uganda", "binary data"),
    ("latin1.txt", "Caf\u00e9 talks in Kampala".encode("latin-1"), "not UTF-8"),
    ("huge.txt", HUGE.encode(), "longer than one article"),
    ("truncated-utf8.txt", GOOD.encode() + "\u00e9".encode()[:1], "not UTF-8"),
    ("truncated.txt.gz", gzip.compress(GOOD.encode())[:-12], "cannot read this file"),
    *[(f"{k}.txt", v.encode(), None) for k, v in UNUSUAL.items()],
    ("utf16.txt", GOOD.encode("utf-16"), None),
    # html
    ("empty.html", b"", "no article text"),
    ("binary.html", bytes(range(256)) * 8, "not UTF-8"),
    ("scripts-only.html", _html("<script>var a = 1;</script><nav>Home</nav>").encode(),
     "no article text"),
    ("truncated.html", _html(f"<p>{GOOD}</p>").encode()[:45], "no article text"),
    ("truncated-mid-text.html", _html(f"<p>{GOOD}</p>").encode()[:80], None),  # what arrived
    ("bad-date.html", _html(f"<p>{GOOD}</p>", '<meta property="article:published_time" '
                            'content="2023-02-30">').encode(), "impossible date"),
    ("far-date.html", _html(f"<p>{GOOD}</p>", '<meta property="article:published_time" '
                            'content="9999-12-31">').encode(), "implausible publication date"),
    ("huge.html", _html(f"<p>{HUGE}</p>").encode(), "longer than one article"),
    ("deep-jsonld.html", _html(f"<p>{GOOD}</p>", '<script type="application/ld+json">'
                               + "[" * 5000 + "]" * 5000 + "</script>").encode(), None),
    ("unclosed.html", f"<html><body><article><p>{GOOD}<p>{RTL}<div><span>".encode(), None),
    ("rtl.html", _html(f"<h1>{RTL}</h1><p>{GOOD} {RTL}</p>").encode(), None),
    ("entities.html", _html("<p>Kenya &amp; Uganda met &#x1F91D; &#xD800; &bogus; "
                            "&#0; in Kampala.</p>").encode(), None),
    # jsonl: one file holding one bad line each, and good lines between them
]
BAD_LINES: list[tuple[str, str]] = [  # (line, phrase)
    ("{", "invalid JSON"),
    ('{"text": "unterminated', "invalid JSON"),
    ("[1, 2, 3]", "got a list"),
    ('"just a string"', "got str"),
    ("null", "got null"),
    ('{"title": "no text here"}', "no text"),
    ('{"text": ""}', "empty text"),
    ('{"text": 42}', "text must be a string"),
    ('{"text": {"body": "nested"}}', "text must be a string"),
    ('{"text": "x", "id": ["a"]}', "id must be a string"),
    ('{"text": "x", "id": 1.5}', "id must be a string"),
    ('{"text": "x", "published": 20230416}', "date must be a string"),
    ('{"text": "x", "published": "2023-02-30"}', "impossible date"),
    ('{"text": "x", "published": "2023-13-01"}', "impossible date"),
    ('{"text": "x", "published": "yesterday-ish"}', "unreadable date"),
    ('{"text": "x", "published": "0000-01-01"}', "impossible date"),
    ('{"text": "x", "published": "9999-12-31"}', "implausible publication date"),
    ('{"text": "x", "published": "' + "9" * 5000 + '"}', "unreadable date"),
    ('{"text": "x", "published": "04/05/2023"}', "ambiguous date"),
    ('{"text": "Kenya \\udc80 Uganda"}', "unpaired UTF-16 surrogate"),
    ('{"text": "x", "title": "\\ud83d"}', "unpaired UTF-16 surrogate"),
    ('{"text": "' + "a " * (MAX_TEXT_CHARS // 2 + 5) + '"}', "longer than one article"),
    ('{"a": ' + "[" * 3000 + "]" * 3000 + ', "text": "x"}', "nested too deeply"),
    ("\xff\xfe not json", "invalid JSON"),
]
GOOD_LINES = [
    {"id": "j-plain", "text": GOOD, "published": "2024-05-13"},
    *[{"id": f"j-{k}", "text": v, "title": v[:12], "published": "2024-05-13"}
      for k, v in UNUSUAL.items()],
    {"id": "j-nul", "text": "Kenya met Uganda\u0000 in Kampala."},  # JSON may escape NUL
    {"id": "j-extra", "text": GOOD, "extra": {"deep": [1, 2, {"x": None}]}, "tags": [1, "a"]},
    {"id": "j-long-id-" + "x" * 5000, "text": GOOD + " (long id)"},
    {"id": "j-date-time", "text": GOOD + " (timed)", "published": "2024-05-13T23:30:00-05:00"},
]


def _mixed_jsonl() -> bytes:
    lines: list[str] = []
    for (bad, _), good in zip(BAD_LINES, GOOD_LINES * 4, strict=False):
        lines.append(bad)
        if good is not None and json.dumps(good) not in lines:
            lines.append(json.dumps(good))
    return "\n".join(lines).encode("utf-8", "surrogateescape") + b"\n"


CSV_ROWS = (
    "id,title,text,published\n"
    f"c-good,Talks,{GOOD},2024-05-13\n"
    "c-bad-date,Talks,Some text,2024-02-30\n"
    'c-open-quote,Talks,"an unclosed quote,2024-05-13\n'
)
CSV_GOOD_AFTER = f'c-rtl,"{RTL}","{RTL} {GOOD}",2024-05-13\n'


@pytest.mark.parametrize("name, data, problem", FILES, ids=[f[0] for f in FILES])
def test_robustness_input_each_file(tmp_path: Path, name: str, data: bytes,
                                    problem: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_inputs([path]))  # never raises
    assert len(items) == 1
    item = items[0]
    if problem is None:
        assert isinstance(item, Article), item
        assert item.text.strip()
    else:
        assert isinstance(item, ReadError), item
        assert name in str(item) and problem in str(item)
        assert len(str(item)) < 400  # clear, not a dump of the input


def test_robustness_input_jsonl_bad_lines_named_good_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(_mixed_jsonl())
    items = list(read_inputs([path]))
    errors = [i for i in items if isinstance(i, ReadError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert len(errors) == len(BAD_LINES)
    for err, (_, phrase) in zip(errors, BAD_LINES, strict=True):
        assert err.origin.startswith(f"{path}:") and phrase in err.reason, (err, phrase)
    assert {a.id for a in articles} == {g["id"] for g in GOOD_LINES}
    by_id = {a.id: a for a in articles}
    for k, v in UNUSUAL.items():
        assert by_id[f"j-{k}"].text == v  # unusual Unicode kept exactly as written


@pytest.mark.parametrize("content, phrase", [
    (b"", "empty file"),
    (b"title,url\nA,http://x\n", "no text column"),
    (bytes(range(256)) * 4, "binary data"),
    (b"id,text\n" + b"r1,\xff\xfe bad bytes\n", "not UTF-8"),
    (b"id,text\nr1,a,b,c\n", "row has 4 fields"),
])
def test_robustness_input_csv_bad_tables(tmp_path: Path, content: bytes, phrase: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    items = list(read_inputs([path]))
    assert items and all(isinstance(i, ReadError) for i in items)
    assert any(phrase in str(i) and "t.csv" in str(i) for i in items), items


def test_robustness_input_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(CSV_ROWS, encoding="utf-8")
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article) and items[0].id == "c-good"
    assert isinstance(items[1], ReadError) and f"{path}:3" in str(items[1])
    assert all(isinstance(i, ReadError) for i in items[2:])  # the open quote swallows the rest
    path.write_text(CSV_ROWS.replace('"an unclosed quote', "closed") + CSV_GOOD_AFTER,
                    encoding="utf-8")
    items = list(read_inputs([path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["c-good", "c-open-quote", "c-rtl"]


@pytest.mark.parametrize("name, text", UNUSUAL.items())
def test_robustness_input_feed_and_page_with_unusual_unicode(name: str, text: str) -> None:
    feed = (f'<?xml version="1.0" encoding="utf-8"?><rss><channel><title>{text}</title>'
            f"<item><title>{text}</title><link>/news/{name}</link>"
            "<pubDate>Mon, 31 Feb 2024 10:00:00 GMT</pubDate></item></channel></rss>").encode()
    [entry] = parse_feed(feed, "https://wire.example/feed.xml")
    assert entry.link == f"https://wire.example/news/{name}" and entry.title == text
    page = _html(f"<p>{text}</p><p>{GOOD}</p>").encode()
    article = article_from_page(Response(entry.link, 200, page, "text/html"), entry, entry.link)
    assert isinstance(article, Article) and text in article.text
    assert article.title == text and article.published is None  # impossible feed date dropped


def test_robustness_input_page_errors_name_the_url() -> None:
    entry = Entry("https://wire.example/news/a")
    for body, ctype, phrase in [
        (b"", "text/html", "no article text"),
        (bytes(range(256)) * 4, "text/html", "not UTF-8"),
        ("caf\u00e9".encode("utf-8"), "text/html; charset=no-such-codec", "not valid"),
        ("caf\u00e9".encode("latin-1"), "text/html; charset=us-ascii", "not valid"),
    ]:
        item = article_from_page(Response(entry.link, 200, body, ctype), entry, "a")
        assert isinstance(item, ReadError) and item.origin == entry.link and phrase in item.reason


@pytest.mark.slow
def test_robustness_input_batch_good_items_coded_and_stored_bad_ones_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """All of the above in one directory, through `herald ingest`: the good are all stored."""
    batch = tmp_path / "batch"
    batch.mkdir()
    for name, data, _ in FILES:
        (batch / name).write_bytes(data)
    (batch / "mixed.jsonl").write_bytes(_mixed_jsonl())
    (batch / "rows.csv").write_text(CSV_ROWS.replace('"an unclosed quote', "closed")
                                    + "c-bad,x,,2024-05-13\n" + CSV_GOOD_AFTER, encoding="utf-8")
    (batch / "notes.docx").write_bytes(b"PK\x03\x04")
    db = tmp_path / "batch.duckdb"
    code = herald_main(["ingest", str(batch), "--db", str(db), "--date", "2024-05-14", "-q"])
    err = capsys.readouterr().err
    assert code == 1  # some items were skipped, and said so

    good_files = {Path(n).stem for n, _, p in FILES if p is None}
    good_ids = good_files | {g["id"] for g in GOOD_LINES} | {"c-good", "c-open-quote", "c-rtl"}
    bad_count = sum(p is not None for _, _, p in FILES) + len(BAD_LINES) + 3  # + 2 csv rows, docx
    con = connect(db)
    try:
        stored = {r[0] for r in con.execute("SELECT input_id FROM article_sources").fetchall()}
        n_mentions = con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]
    finally:
        con.close()
    assert stored == good_ids
    skipped = [line for line in err.splitlines() if line.startswith("herald: skipped ")]
    assert len(skipped) == bad_count, "\n".join(skipped)
    for name, _, problem in FILES:
        if problem:
            assert any(name in line and problem in line for line in skipped), name
    assert f"{bad_count} input item(s) skipped" in err
    assert n_mentions > 5
    print(f"\nrobustness input: {len(good_ids)} good items stored, {bad_count} bad items named")

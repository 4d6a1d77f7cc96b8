"""HTML pages: main text, title, date, url and site, with the standard library only.

The pages are invented sample markup in the shapes news sites use.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.errors import ReadError
from herald.model import Article
from herald.read import read_inputs

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers meet in Hanoi | The Daily Sample</title>
<meta property="og:site_name" content="The Daily Sample">
<meta property="article:published_time" content="2023-05-02T08:15:00+07:00">
<link rel="canonical" href="https://example.org/2023/05/ministers-meet">
<style>p { color: #333 }</style>
<script>window.dataLayer = [];</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main>
<article>
<header><h1>Ministers meet in Hanoi</h1><p class="byline">By A. Sample</p></header>
<p>Foreign ministers from Vietnam and Indonesia met in Hanoi on Tuesday
   to discuss fishing rights &amp; maritime patrols.</p>
<figure><img src="talks.jpg" alt=""><figcaption>The two ministers. Photo: Sample Agency
</figcaption></figure>
<p>The talks were described as &quot;constructive&quot; by both sides.<script>track()</script></p>
<h2>Next steps</h2>
<ul><li>A joint patrol plan</li><li>A fisheries hotline</li></ul>
<form><button>Subscribe</button></form>
</article>
<aside><article><p>Related: Floods close schools in the north</p></article></aside>
</main>
<footer><p>Copyright 2023 The Daily Sample</p></footer>
</body></html>
"""

MAIN_TEXT = (
    "Foreign ministers from Vietnam and Indonesia met in Hanoi on Tuesday to discuss fishing "
    "rights & maritime patrols.\n\n"
    'The talks were described as "constructive" by both sides.\n\n'
    "Next steps\n\nA joint patrol plan\n\nA fisheries hotline"
)


def read_page(tmp_path: Path, markup: str | bytes, name: str = "page.html",
              **options: str) -> Article | ReadError:
    path = tmp_path / name
    if isinstance(markup, str):
        path.write_text(markup, encoding="utf-8")
    else:
        path.write_bytes(markup)
    [item] = list(read_inputs([str(path)], **options))
    return item


def test_read_html_article_text_title_date(tmp_path: Path) -> None:
    item = read_page(tmp_path, PAGE, "hanoi-talks.html")
    assert isinstance(item, Article)
    assert item.text == MAIN_TEXT
    assert item.id == "hanoi-talks"
    assert item.title == "Ministers meet in Hanoi"  # the h1, not the <title> with the site name
    assert item.published == "2023-05-02"  # as written, not converted to UTC
    assert item.url == "https://example.org/2023/05/ministers-meet"
    assert item.source == "The Daily Sample"
    assert item.origin == str(tmp_path / "hanoi-talks.html")


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta name="date" content="2023-04-16">', "", "2023-04-16"),
        ('<meta name="pubdate" content="16 April 2023">', "", "2023-04-16"),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
         '[{"@type": "NewsArticle", "datePublished": "2023-04-16T09:00:00Z"}]}</script>', "",
         "2023-04-16"),
        ("", '<time datetime="2023-04-16T10:00">Sunday</time>', "2023-04-16"),
        # a date in the navigation belongs to another story
        ("", '<nav><time datetime="2020-01-01">old</time></nav>'
             '<article><time datetime="2023-04-16">Sunday</time></article>', "2023-04-16"),
        # the article's own meta date wins over a <time> in the body
        ('<meta property="article:published_time" content="2023-04-16">',
         '<time datetime="2023-04-20">later</time>', "2023-04-16"),
        ("", "", None),
    ],
)
def test_read_html_date_sources(
    tmp_path: Path, head: str, body: str, expected: str | None
) -> None:
    markup = f"<html><head>{head}</head><body>{body}<p>Rebels shelled the town.</p></body></html>"
    item = read_page(tmp_path, markup)
    assert isinstance(item, Article) and item.published == expected


def test_read_html_unreadable_date_is_error_naming_field(tmp_path: Path) -> None:
    markup = ('<html><head><meta name="date" content="2023-02-30"></head>'
              "<body><p>Rebels shelled the town.</p></body></html>")
    item = read_page(tmp_path, markup)
    assert isinstance(item, ReadError) and item.field == "published"
    assert "impossible date" in item.reason


def test_read_html_date_option_fills_in_undated_page(tmp_path: Path) -> None:
    item = read_page(tmp_path, "<p>Rebels shelled the town.</p>", date="2023-04-16")
    assert isinstance(item, Article) and item.published == "2023-04-16"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta property="og:title" content="Talks end">', "<h1>Talks end, live</h1>",
         "Talks end"),
        ("<title>Talks end - Sample News</title>", "<h1>Talks end</h1>", "Talks end"),
        ("<title>Talks end - Sample News</title>", "", "Talks end - Sample News"),
        ("", "", None),
    ],
)
def test_read_html_title_sources(
    tmp_path: Path, head: str, body: str, expected: str | None
) -> None:
    markup = f"<html><head>{head}</head><body>{body}<p>Rebels shelled the town.</p></body></html>"
    item = read_page(tmp_path, markup)
    assert isinstance(item, Article) and item.title == expected


def test_read_html_main_preferred_over_body(tmp_path: Path) -> None:
    markup = ("<body><div>Cookie notice: we use cookies.</div>"
              "<main><p>Police dispersed the march.</p><p>Twelve were detained.</p></main>"
              "<div>Newsletter sign-up</div></body>")
    item = read_page(tmp_path, markup)
    assert isinstance(item, Article)
    assert item.text == "Police dispersed the march.\n\nTwelve were detained."


def test_read_html_longest_article_wins(tmp_path: Path) -> None:
    markup = ("<body><article><p>Teaser: strike ends.</p></article>"
              "<article><p>Dock workers in Rotterdam ended their strike on Friday.</p>"
              "<p>Unions said wages would rise.</p></article></body>")
    item = read_page(tmp_path, markup)
    assert isinstance(item, Article)
    assert item.text.startswith("Dock workers") and "Teaser" not in item.text


def test_read_html_preformatted_text_keeps_lines(tmp_path: Path) -> None:
    item = read_page(tmp_path, "<body><pre>Line one\n  Line two</pre></body>")
    assert isinstance(item, Article) and item.text == "Line one\n  Line two"


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>",
         "no article text"),
        (b"<p>Caf\xe9 owners protested.</p>", "not UTF-8"),
        ("", "no article text"),
    ],
)
def test_read_html_bad_page_is_read_error(
    tmp_path: Path, markup: str | bytes, reason: str
) -> None:
    item = read_page(tmp_path, markup)
    assert isinstance(item, ReadError) and reason in item.reason


def test_read_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    markup = ('<html><head><meta charset="iso-8859-1"></head>'
              "<body><p>Caf\u00e9 owners protested in Lyon.</p></body></html>")
    item = read_page(tmp_path, markup.encode("latin-1"), "lyon.htm")
    assert isinstance(item, Article) and item.text == "Caf\u00e9 owners protested in Lyon."

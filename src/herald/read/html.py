"""Web pages (``.html``, ``.htm``) -> one Article: main text, title, date, url and site.

Standard library only (``html.parser``). The main text is the text of the ``<article>`` holding
the most text, else of ``<main>``, else of the whole ``<body>``, without scripts, styles,
navigation, headers, footers, asides, forms and captions; block elements (paragraphs, list
items, subheadings) become paragraphs separated by blank lines. The ``<h1>`` is the title, not
part of the text.

Title: ``og:title``, then the first ``<h1>``, then ``<title>`` (which usually carries the site's
name as well). Date: ``article:published_time`` and similar meta tags, then JSON-LD
``datePublished``, then the first ``<time datetime>``; the first that parses wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, BinaryIO

from herald.errors import ReadError
from herald.model import Article
from herald.read.dates import DateError, parse_date
from herald.read.text import decode, too_long

SKIP = frozenset("script style noscript template svg nav header footer aside form button select "
                 "iframe figcaption".split())
BLOCKS = frozenset("p div li blockquote pre h1 h2 h3 h4 h5 h6 dd dt td th tr table ul ol section "
                   "article main br hr figure".split())
VOID = frozenset("br hr img meta link input area base col embed source track wbr".split())
# Meta tags that carry the publication date, most specific first.
DATE_META = ("article:published_time", "og:published_time", "datepublished", "date",
             "pubdate", "publish-date", "publishdate", "dc.date", "dc.date.issued",
             "dcterms.created", "parsely-pub-date", "sailthru.date", "article.published")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
_SPACE = re.compile(r"\s+")
_UNFINISHED_TAG = re.compile(r"<[A-Za-z/!][^<>]*\Z")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_stack: list[str] = []  # open elements whose text is not article text
        self.articles: list[int] = []  # open <article> elements, by number
        self.article_count = 0
        self.in_main = 0
        self.in_pre = 0
        self.in_title = False
        self.in_h1 = False
        self.in_jsonld = False
        self.buffer: list[str] = []
        # (article number or 0, inside <main>, is h1, text) per paragraph
        self.blocks: list[tuple[int, bool, bool, str]] = []
        self.title_tag: list[str] = []
        self.h1: list[str] = []
        self.headings: list[tuple[bool, bool, str]] = []  # (in an article, in skipped, text)
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self.times: list[str] = []
        self.canonical: str | None = None

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        text = raw.strip("\n") if self.in_pre else _SPACE.sub(" ", raw).strip()
        if text:
            article = self.articles[-1] if self.articles else 0
            self.blocks.append((article, self.in_main > 0, self.in_h1, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"]
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = self.canonical or a.get("href") or None
        elif tag == "time" and a.get("datetime") and not self.in_page_furniture():
            self.times.append(a["datetime"])
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self.in_jsonld = True
        elif tag == "title":
            self.in_title = True
        if tag in VOID:
            if tag in ("br", "hr") and not self.skip:
                self.flush()
            return
        if tag in SKIP:
            self.skip_stack.append(tag)
            return
        if tag in BLOCKS:
            self.flush()
        if tag == "article":
            self.article_count += 1
            self.articles.append(self.article_count)
        elif tag == "main":
            self.in_main += 1
        elif tag == "pre":
            self.in_pre += 1
        elif tag == "h1":
            self.in_h1 = True
            self.h1 = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_jsonld = False
        elif tag == "title":
            self.in_title = False
        if tag in SKIP:
            if tag in self.skip_stack:  # tolerate unbalanced markup: close what it encloses
                while self.skip_stack.pop() != tag:
                    pass
            return
        if tag in BLOCKS and not self.skip:
            self.flush()
        if tag == "article" and self.articles:
            self.articles.pop()
        elif tag == "main" and self.in_main:
            self.in_main -= 1
        elif tag == "pre" and self.in_pre:
            self.in_pre -= 1
        elif tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.headings.append((bool(self.articles), self.skip, "".join(self.h1)))

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:
            self.jsonld.append(data)
        elif self.in_title:
            self.title_tag.append(data)
        else:
            if self.in_h1:
                self.h1.append(data)  # even in a skipped <header>: it holds the headline
            if not self.skip:
                self.buffer.append(data)

    @property
    def skip(self) -> bool:
        return bool(self.skip_stack)

    def in_page_furniture(self) -> bool:
        return any(t in ("nav", "aside", "footer") for t in self.skip_stack)

    def headline(self) -> str | None:
        """The first <h1> in an article, else outside navigation, else any."""
        for wanted in ((True, False), (True, True), (False, False), (False, True)):
            for in_article, skipped, text in self.headings:
                if (in_article, skipped) == wanted and (clean := _clean(text)):
                    return clean
        return None

    def main_text(self) -> str:
        blocks = [b for b in self.blocks if not b[2]]
        chosen = blocks
        by_article: dict[int, int] = {}
        for article, _, _, text in blocks:
            if article:
                by_article[article] = by_article.get(article, 0) + len(text)
        if by_article:
            best = max(by_article, key=lambda k: by_article[k])  # ties: the first
            chosen = [b for b in blocks if b[0] == best]
        elif any(b[1] for b in blocks):
            chosen = [b for b in blocks if b[1]]
        return "\n\n".join(b[3] for b in chosen)


def _jsonld_dates(chunks: list[str]) -> Iterator[str]:
    """``datePublished`` values anywhere in the page's JSON-LD blocks (incl. ``@graph``)."""

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                yield node["datePublished"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for chunk in chunks:
        try:
            yield from walk(json.loads(chunk))
        except (json.JSONDecodeError, RecursionError):
            continue  # a broken JSON-LD block is the site's problem; other sources remain


def _decode_html(data: bytes) -> str:
    """UTF-8 (or BOM), else the encoding the page itself declares in ``<meta charset>``."""
    try:
        return decode(data)
    except ValueError:
        m = _CHARSET.search(data[:4096])
        if not m or m[1].decode("ascii").lower().replace("_", "-") in ("utf-8", "utf8"):
            raise
        return decode(data, fallback=m[1].decode("ascii"))


def _clean(value: str | None) -> str | None:
    return (_SPACE.sub(" ", value).strip() or None) if value else None


def read_html(stream: BinaryIO, name: str, stem: str) -> Article | ReadError:
    """Read one web page as an Article (``published`` is None when the page gives no date)."""
    try:
        markup = _decode_html(stream.read())
    except ValueError as e:
        return ReadError(name, str(e))
    # A page cut off inside a tag ("...<arti") would end with the tag's fragment as text.
    if cut := _UNFINISHED_TAG.search(markup):
        markup = markup[: cut.start()]
    page = _Page()
    page.feed(markup)
    page.close()
    page.flush()
    text = page.main_text()
    if not text:
        return ReadError(name, "no article text found; expected paragraphs in <article>, "
                         "<main> or <body>")
    if problem := too_long(text):
        return ReadError(name, problem)
    title = _clean(page.meta.get("og:title")) or page.headline() or _clean(
        "".join(page.title_tag))
    candidates = [page.meta[k] for k in DATE_META[:3] if k in page.meta]
    candidates += list(_jsonld_dates(page.jsonld))
    candidates += [page.meta[k] for k in DATE_META[3:] if k in page.meta]
    candidates += page.times
    published: str | None = None
    first_error: DateError | None = None
    for value in candidates:
        try:
            published = parse_date(value)
            break
        except DateError as e:
            first_error = first_error or e
    else:
        if first_error is not None:
            # The page names a date but none of its dates can be read: say so rather than
            # code the article against a wrong or missing date.
            return ReadError(name, str(first_error), "published")
    return Article(
        id=stem,
        text=text,
        title=title,
        url=_clean(page.meta.get("og:url")) or _clean(page.canonical),
        published=published,
        source=_clean(page.meta.get("og:site_name")),
        origin=name,
    )

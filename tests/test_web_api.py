"""The web API over a real store: filters, detail, dyads, SQL limits, ingest, coding, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from herald.errors import HeraldError
from herald.model import Article
from herald.store import queries
from herald.store.ingest import ingest
from herald.web import create_app
from herald.web.api import highlight_spans
from herald.web.app import is_loopback, serve

TOKEN = "test-token-3f9a"

# Written for these tests (fictional reporting, realistic wording).
ARTICLES = [
    Article(id="web-001", published="2023-03-21", title="Xi meets Putin in Moscow",
            url="https://example.org/web/001", source="Example Wire",
            text="Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on "
                 "Tuesday. The two leaders signed an agreement on energy cooperation. \"Our "
                 "partnership is growing stronger,\" Putin told reporters. Ukraine's foreign "
                 "ministry criticised the visit."),
    Article(id="web-002", published="2023-05-10", title="Shelling in Kharkiv",
            source="Example Wire",
            text="Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing four "
                 "civilians, local officials said. Ukraine accused Russia of deliberately "
                 "targeting homes. The United Nations urged both sides to protect civilians."),
    Article(id="web-003", published="2023-06-14", title="Joint drills",
            source="Example Post",
            text="China and Russia held joint naval exercises in the Sea of Japan on Wednesday. "
                 "Japan protested the drills, its defence ministry said. Beijing said the "
                 "exercises were not aimed at any third country."),
    Article(id="web-004", published="2023-06-20", title="New sanctions",
            source="Example Post",
            text="The European Union imposed new sanctions on Russia on Monday over the war in "
                 "Ukraine. Moscow condemned the measures and threatened to retaliate. \"These "
                 "sanctions will fail,\" said Kremlin spokesman Dmitry Peskov."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    ingest(ARTICLES, path)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, TOKEN), raise_server_exceptions=False)


@pytest.fixture()
def fresh_client(tmp_path: Path) -> TestClient:
    """A client over a store of its own, for tests that write."""
    path = tmp_path / "own.duckdb"
    ingest(ARTICLES[:1], path)
    return TestClient(create_app(path, TOKEN), raise_server_exceptions=False)


def _error(r: Any, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]["message"]


# --- events -----------------------------------------------------------------------------------


def test_web_api_events_total_and_pagination(client: TestClient) -> None:
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["events"]) > 3
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == everything["total"]
    assert [e["id"] for e in page["events"]] == [e["id"] for e in everything["events"][1:3]]


@pytest.mark.parametrize(("params", "check"), [
    ({"actor": "RUS"}, lambda e: e["actor_country"] == "RUS"),
    ({"recipient": "UKR"}, lambda e: e["recipient_country"] == "UKR"),
    ({"country": "CHN"}, lambda e: "CHN" in (e["actor_country"], e["recipient_country"])),
    ({"quad": 4}, lambda e: e["quad_code"] == 4),
    ({"event": "CONSULT"}, lambda e: e["event"] == "CONSULT"),
    ({"since": "2023-06-01"}, lambda e: e["day"] >= "2023-06-01"),
    ({"until": "2023-04-30"}, lambda e: e["day"] <= "2023-04-30"),
    ({"q": "drills"}, lambda e: "drills" in e["text"].lower()),
])
def test_web_api_events_filters_hold_for_every_row(client: TestClient, params: dict,
                                                    check: Any) -> None:
    r = client.get("/api/events", params={**params, "limit": 500})
    assert r.status_code == 200, r.text
    rows = r.json()["events"]
    assert rows, f"no events for {params}"
    assert all(check(e) for e in rows)


def test_web_api_events_text_search_treats_wildcards_literally(client: TestClient) -> None:
    assert client.get("/api/events", params={"q": "%"}).json()["total"] == 0


def test_web_api_events_sort_by_goldstein(client: TestClient) -> None:
    rows = client.get("/api/events", params={"sort": "goldstein", "limit": 500}).json()["events"]
    values = [e["goldstein"] for e in rows if e["goldstein"] is not None]
    assert values == sorted(values)


@pytest.mark.parametrize(("params", "fragment"), [
    ({"sort": "sideways"}, "sort"),
    ({"quad": 9}, "quad"),
    ({"since": "last tuesday"}, "not a date"),
    ({"event": "DANCE"}, "PLOVER type"),
    ({"actor": "RU"}, "3-letter"),
    ({"limit": 0}, "limit"),
])
def test_web_api_events_bad_filters_are_clear_json_errors(client: TestClient, params: dict,
                                                          fragment: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code in (400, 422)
    assert fragment in _error(r, r.status_code)


def test_web_api_event_detail_has_mentions_with_spans(client: TestClient) -> None:
    first = client.get("/api/events", params={"event": "CONSULT"}).json()["events"][0]
    ev = client.get(f"/api/events/{first['id']}").json()
    assert ev["id"] == first["id"] and ev["mentions"] and ev["sources"]
    m = ev["mentions"][0]
    text = client.get("/api/sql", params={
        "q": f"SELECT text FROM articles WHERE id = '{m['article_id']}'"}).json()["rows"][0][0]
    # The span points at the evidence sentence in the stored article text.
    assert text[m["char_start"]:m["char_end"]] == m["text"]
    roles = {h["role"] for h in m["highlights"]}
    assert "trigger" in roles
    for h in m["highlights"]:
        assert m["text"][h["start"]:h["end"]]


def test_web_api_unknown_event_is_404(client: TestClient) -> None:
    assert "no event" in _error(client.get("/api/events/no-such-id"), 404)


# --- dyads, alerts, actors, quotes --------------------------------------------------------------


def test_web_api_dyad_series_with_events(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "CHN", "b": "RUS", "by": "month",
                                           "events": "true"}).json()
    assert body["actor"] == "CHN" and body["recipient"] == "RUS" and body["by"] == "month"
    busy = [r for r in body["rows"] if r["events"]]
    assert busy and all(len(r["event_list"]) == r["events"] for r in busy)
    assert all(r["period"][:4] == "2023" for r in body["rows"])


def test_web_api_dyad_needs_both_codes(client: TestClient) -> None:
    assert "'b' is required" in _error(client.get("/api/dyad", params={"a": "CHN"}), 422)
    assert "--by" in _error(client.get("/api/dyad", params={"a": "CHN", "b": "RUS",
                                                              "by": "fortnight"}), 400)


def test_web_api_alerts_actors_quotes_speakers(client: TestClient) -> None:
    assert isinstance(client.get("/api/alerts").json()["alerts"], list)
    actors = client.get("/api/actors").json()["actors"]
    assert {"name", "country", "sector", "n_mentions"} <= set(actors[0])
    assert any(a["country"] == "RUS" for a in actors)
    quotes = client.get("/api/quotes").json()["quotes"]
    assert quotes and all(q["content"] for q in quotes)
    speakers = client.get("/api/speakers").json()["speakers"]
    name = speakers[0]["name"]
    theirs = client.get("/api/quotes", params={"speaker": name}).json()["quotes"]
    assert theirs and all(name.lower() in q["speaker_name"].lower() for q in theirs)
    sp = speakers[0]
    exact = client.get("/api/quotes", params={k: sp[k] for k in ("name", "country", "sector")
                                              if sp[k]}).json()["quotes"]
    assert len(exact) == sp["n_quotes"]
    assert {(q["speaker_name"], q["speaker_country"], q["speaker_sector"]) for q in exact} == {
        (sp["name"], sp["country"], sp["sector"])}


def test_web_api_overview_and_network(client: TestClient) -> None:
    ov = client.get("/api/overview").json()
    assert ov["counts"]["articles"] == len(ARTICLES)
    assert ov["counts"]["events"] > 0 and ov["volume"] and ov["latest"]
    assert sum(r["events"] for r in ov["volume"]) <= ov["counts"]["events"]
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["a"] in ids and e["b"] in ids for e in net["edges"])
    assert all(-10 <= e["goldstein_mean"] <= 10 for e in net["edges"])


# --- SQL ----------------------------------------------------------------------------------------


def test_web_api_sql_reads(client: TestClient) -> None:
    body = client.get("/api/sql", params={"q": "SELECT id, published FROM articles ORDER BY id"}).json()
    assert body["columns"] == ["id", "published"]
    assert body["rows"][0] == ["web-001", "2023-03-21"] and not body["truncated"]


def test_web_api_sql_row_limit(client: TestClient) -> None:
    body = client.get("/api/sql", params={"q": "SELECT * FROM range(50)", "limit": 10}).json()
    assert len(body["rows"]) == 10 and body["truncated"]


@pytest.mark.parametrize(("sql", "fragment"), [
    ("DELETE FROM events", "read-only"),
    ("CREATE TABLE t (x INT)", "read-only"),
    ("SELECT * FROM read_csv('/etc/passwd')", "files"),
    ("COPY events TO '/tmp/herald-web-test.csv'", "files"),
    ("ATTACH '/tmp/other.duckdb'", "files"),
    ("SET enable_external_access = true", "query failed"),
    ("SELEC 1", "query failed"),
])
def test_web_api_sql_refuses_writes_and_files(client: TestClient, sql: str, fragment: str) -> None:
    assert fragment in _error(client.get("/api/sql", params={"q": sql}), 400)
    assert not Path("/tmp/herald-web-test.csv").exists()


def test_web_api_sql_time_limit(db: Path) -> None:
    c = TestClient(create_app(db, TOKEN, sql_seconds=0.3), raise_server_exceptions=False)
    slow = "SELECT count(*) FROM range(3000000) a, range(3000) b WHERE (a.range * b.range) % 7 = 3"
    assert "longer than 0.3 s" in _error(c.get("/api/sql", params={"q": slow}), 400)
    # The store is still usable afterwards.
    assert c.get("/api/health").json()["status"] == "ok"


# --- POST /api/articles and /api/code --------------------------------------------------------------

NEW_ARTICLE = {"id": "web-101", "published": "2023-07-04", "title": "Talks in Ankara",
               "text": "Turkish Foreign Minister Hakan Fidan hosted his Iranian counterpart in "
                       "Ankara on Monday. The two ministers discussed trade and border security."}


def test_web_api_post_articles_needs_token(fresh_client: TestClient) -> None:
    r = fresh_client.post("/api/articles", json=NEW_ARTICLE)
    assert "Bearer" in _error(r, 401) and r.headers["www-authenticate"] == "Bearer"
    bad = {"Authorization": "Bearer wrong"}
    assert "wrong token" in _error(fresh_client.post("/api/articles", json=NEW_ARTICLE,
                                                     headers=bad), 403)


def test_web_api_post_articles_stores_and_is_idempotent(fresh_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = fresh_client.get("/api/overview").json()["counts"]
    r = fresh_client.post("/api/articles", json=[NEW_ARTICLE, {"text": ARTICLES[1].text}],
                          headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] == 2 and body["ids"][0] == "web-101"
    assert body["ids"][1].startswith("api-")
    after = fresh_client.get("/api/overview").json()["counts"]
    assert after["articles"] == before["articles"] + 2 and after["events"] > before["events"]
    again = fresh_client.post("/api/articles", json=NEW_ARTICLE, headers=auth).json()
    assert again["stored"] == 0 and again["unchanged"] == 1


@pytest.mark.parametrize(("body", "fragment"), [
    ([], "non-empty"),
    ([{"title": "no text"}], "text"),
    ([42], "JSON object"),
    ({"text": "Talks.", "published": "someday"}, "date"),
    ({"text": "   "}, "empty"),
])
def test_web_api_post_articles_bad_items(fresh_client: TestClient, body: Any,
                                         fragment: str) -> None:
    r = fresh_client.post("/api/articles", json=body,
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert fragment in _error(r, 422)


def test_web_api_post_needs_json_content_type(fresh_client: TestClient) -> None:
    r = fresh_client.post("/api/code", content=json.dumps({"text": "x"}),
                          headers={"Content-Type": "text/plain"})
    assert "application/json" in _error(r, 415)


def test_web_api_code_returns_records_without_storing(client: TestClient) -> None:
    before = client.get("/api/health").json()["events"]
    r = client.post("/api/code", json={
        "text": "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida "
                "in New Delhi on Monday. \"We are natural partners,\" Modi said.",
        "published": "2023-03-20"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["events"] and body["quotes"]
    e = body["events"][0]
    assert {"id", "event", "actor", "recipient", "text", "char_span", "highlights"} <= set(e)
    assert e["date"] == "2023-03-20"
    assert client.get("/api/health").json()["events"] == before


def test_web_api_code_limits(db: Path) -> None:
    c = TestClient(create_app(db, TOKEN, code_chars=1000), raise_server_exceptions=False)
    assert "at most 1000" in _error(c.post("/api/code", json={"text": "a" * 1001}), 413)
    assert "text" in _error(c.post("/api/code", json={"title": "x"}), 422)
    assert "date" in _error(c.post("/api/code", json={"text": "x", "published": "May"}), 422)


def test_web_api_code_needs_token_off_localhost(db: Path) -> None:
    c = TestClient(create_app(db, TOKEN, local=False), raise_server_exceptions=False)
    _error(c.post("/api/code", json={"text": "Talks were held."}), 401)


# --- limits, errors, safety ----------------------------------------------------------------------


def test_web_api_body_over_limit_is_413(client: TestClient) -> None:
    big = json.dumps({"text": "word " * 500_000})  # about 2.5 MB
    r = client.post("/api/code", content=big, headers={"Content-Type": "application/json"})
    assert "too large" in _error(r, 413)


def test_web_api_streamed_body_over_limit_is_413(client: TestClient) -> None:
    def chunks():  # no Content-Length: the limit must hold while reading
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 100_000
        yield b'"}'

    r = client.post("/api/code", content=chunks(), headers={"Content-Type": "application/json"})
    assert "too large" in _error(r, 413)


def test_web_api_internal_error_leaks_no_traceback(client: TestClient,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail /home/user/herald.py line 3")

    monkeypatch.setattr(queries, "actors", broken)
    r = client.get("/api/actors")
    message = _error(r, 500)
    assert "internal error" in message
    assert "Traceback" not in r.text and "secret" not in r.text and "RuntimeError" not in r.text


def test_web_api_unknown_path_and_method(client: TestClient) -> None:
    assert "/api/nothing" in _error(client.get("/api/nothing"), 404)
    assert "not allowed" in _error(client.delete("/api/events"), 405)


def test_web_api_host_header_guard(db: Path) -> None:
    c = TestClient(create_app(db, TOKEN, allowed_hosts=("127.0.0.1", "localhost")),
                   base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
    assert c.get("/api/health").status_code == 200
    r = c.get("/api/health", headers={"Host": "attacker.example:8000"})
    assert "Host" in _error(r, 400)


@pytest.mark.parametrize("path", ["/", "/events", "/dyad", "/network", "/quotes", "/code", "/sql"])
def test_web_api_pages_are_bundled_and_locked_down(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    html = r.text
    assert 'src="/static/vendor/plotly.min.js"' in html and 'href="/events"' in html
    assert "http://" not in html and "https://" not in html  # no CDN
    assert "Xi Jinping" not in html  # pages hold no data: the browser fetches it as JSON


def test_web_api_static_assets(client: TestClient) -> None:
    js = client.get("/static/vendor/plotly.min.js")
    assert js.status_code == 200 and "plotly" in js.text[:500].lower()
    app_js = client.get("/static/app.js").text
    assert "innerHTML" not in app_js and "insertAdjacentHTML" not in app_js
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "herald"


# --- units --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "trigger", "actors", "recipients", "expected"), [
    ("Russia condemned Ukraine on Monday.", "condemned", ["Russia"], ["Ukraine"],
     [("Russia", "actor"), ("condemned", "trigger"), ("Ukraine", "recipient")]),
    # Whole words only: "met" is not found inside "Metropolitan".
    ("Metropolitan police met protesters.", "met", ["police"], ["protesters"],
     [("police", "actor"), ("met", "trigger"), ("protesters", "recipient")]),
    # A phrase the sentence does not contain is skipped, not guessed.
    ("China warned Japan.", "warned", ["Beijing"], ["Japan"],
     [("warned", "trigger"), ("Japan", "recipient")]),
    # The same words for actor and recipient take two different occurrences.
    ("Police clashed with police in Lagos.", "clashed", ["Police"], ["police"],
     [("Police", "actor"), ("clashed", "trigger"), ("police", "recipient")]),
])
def test_web_highlight_spans(sentence: str, trigger: str, actors: list[str],
                             recipients: list[str], expected: list[tuple[str, str]]) -> None:
    spans = highlight_spans(sentence, trigger, actors, recipients)
    assert [(sentence[s["start"]:s["end"]], s["role"]) for s in spans] == expected


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False),
])
def test_web_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_web_serve_refuses_public_address_without_token(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HERALD_TOKEN", raising=False)
    with pytest.raises(HeraldError, match="without a token"):
        serve(tmp_path / "x.duckdb", host="0.0.0.0", port=8765)
    assert not (tmp_path / "x.duckdb").exists()


def test_web_cli_serve_arguments() -> None:
    import argparse

    from herald.web.cli import add_serve_parser

    parser = argparse.ArgumentParser()
    add_serve_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "--db", "x.duckdb", "--port", "9001"])
    assert (args.db, args.host, args.port, args.token) == ("x.duckdb", "127.0.0.1", 9001, None)
    assert args.func.__name__ == "cmd_serve"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_web_api_openapi_docs_load_nothing_from_a_cdn(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls and all(u.startswith("/") for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url

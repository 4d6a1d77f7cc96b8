"""The dashboard in headless Chromium: every page renders real data, filters and chart clicks
work, and stored article text never runs as markup. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from herald.model import Article
from herald.read import read_inputs
from herald.store.ingest import ingest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "test-artifacts" / "screenshots"
SAMPLES = REPO / "src" / "herald" / "samples" / "articles.jsonl"
CHROMIUM = os.environ.get("HERALD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'
# Written for this test: an article whose text and title carry markup that must stay text.
HOSTILE = Article(
    id="xss-001", published="2024-06-03", source="Example Wire",
    url="https://example.org/herald-test/kupiansk",
    title=f"Shelling in Kupiansk {XSS}",
    text=f"Residents reported {XSS} as Russian troops shelled the Ukrainian town of Kupiansk "
         "on Sunday, local officials said. \"<b>We</b> will not leave,\" said the town's mayor.",
)


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package: pip install playwright")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}: apt-get install -y chromium "
                    "(`make test` installs it when run as root), or set HERALD_CHROMIUM")
    return sync_playwright


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on a free loopback port, in a thread, over the sample corpus plus HOSTILE."""
    _playwright()
    import uvicorn

    from herald.web import create_app

    db = tmp_path_factory.mktemp("browser") / "web.duckdb"
    articles = [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    ingest([*articles, HOSTILE], db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db, "browser-token", allowed_hosts=("127.0.0.1",))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with _playwright()() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)  # a shared, loaded machine can be slow; failures stay failures
    pg.add_init_script("window.__xss = 0;")
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.errors = errors
    yield pg
    ctx.close()


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _traces(page: Any, selector: str) -> int:
    return page.evaluate(f"document.querySelector('{selector}').data.length")


def test_web_browser_overview_renders_chart_and_tables(page: Any, server: str) -> None:
    _open(page, server + "/")
    assert page.locator("#volume-chart.js-plotly-plot").count() == 1
    assert _traces(page, "#volume-chart") == 4
    assert page.locator("#volume-chart .bars path").count() > 0
    assert page.locator("#top-dyads tbody tr").count() > 3
    assert page.locator("#latest li").count() > 0
    assert page.locator("#counts .card").count() == 6
    _shot(page, "overview")
    assert page.errors == []


def test_web_browser_events_filter_and_expand(page: Any, server: str) -> None:
    _open(page, server + "/events")
    assert page.locator("#events-table tbody tr.event-row").count() == 50
    page.select_option("#filters select[name=quad]", "4")
    # waits go through locators and URLs, never string predicates: the pages' CSP forbids eval
    page.wait_for_url(re.compile(r"quad=4"))
    page.wait_for_load_state("networkidle")
    rows = page.locator("#events-table tbody tr.event-row")
    badges = page.locator("#events-table tbody tr.event-row .badge.q4")
    assert 0 < rows.count() and badges.count() == rows.count()
    rows.first.click()
    page.wait_for_selector("tr.detail ol.mentions li")
    detail = page.locator("tr.detail").first
    assert detail.locator("mark.trigger").count() >= 1
    assert detail.locator("mark.actor, mark.recipient").count() >= 1
    _shot(page, "events")
    assert page.errors == []


def test_web_browser_stored_markup_stays_text(page: Any, server: str) -> None:
    _open(page, server + "/events?q=Kupiansk")
    page.locator("#events-table tbody tr.event-row").first.click()
    page.wait_for_selector("tr.detail ol.mentions li")
    sentence = page.locator("tr.detail p.sentence").first.text_content()
    assert XSS in sentence  # shown literally
    assert page.locator("main script, main img").count() == 0
    assert XSS in page.locator("tr.detail a").first.text_content()  # the title, as a link
    _shot(page, "events-markup-escaped")
    assert page.evaluate("window.__xss") == 0
    for path in ("/quotes", "/"):
        _open(page, server + path)
        assert page.evaluate("window.__xss") == 0


def test_web_browser_dyad_chart_click_lists_period(page: Any, server: str) -> None:
    _open(page, server + "/dyad?a=CHN&b=RUS&by=month")
    page.wait_for_selector("#dyad-chart .scatterlayer .point")
    assert _traces(page, "#dyad-chart") == 2
    # Click a point that has events: plotly takes clicks on its drag layer at the point's spot.
    target = page.evaluate("""() => {
        const t = document.getElementById('dyad-chart').data[0];
        const i = t.customdata.findIndex((c) => c[0] > 0);
        return {period: t.x[i], n: t.customdata[i][0], i};
    }""")
    point = page.locator("#dyad-chart .scatterlayer .trace").first.locator(".point").nth(target["i"])
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator("#period-title", has_text=target["period"]).wait_for()
    title = page.locator("#period-title").text_content()
    assert title.startswith("CHN → RUS") and f"{target['n']} event" in title
    assert page.locator("#period-events li").count() == target["n"]
    # And through plotly's own event, as any script on the page would send it.
    other = page.evaluate("""() => {
        const gd = document.getElementById('dyad-chart');
        const t = gd.data[1];
        const i = t.customdata.findIndex((c) => c[0] > 0);
        gd.emit('plotly_click', {points: [{curveNumber: 1, pointNumber: i, x: t.x[i]}]});
        return t.x[i];
    }""")
    assert page.locator("#period-title").text_content().startswith(f"RUS → CHN, {other}")
    _shot(page, "dyad")
    assert page.errors == []


def test_web_browser_network_renders_nodes_and_edges(page: Any, server: str) -> None:
    _open(page, server + "/network")
    assert page.locator("#network-chart.js-plotly-plot").count() == 1
    n_nodes = page.evaluate("document.getElementById('network-chart').data[1].x.length")
    n_shapes = page.evaluate("document.getElementById('network-chart').layout.shapes.length")
    assert n_nodes > 5 and n_shapes > 5
    assert page.locator("#edges tbody tr").count() > 5
    _shot(page, "network")
    page.evaluate("""() => {
        const gd = document.getElementById('network-chart');
        gd.emit('plotly_click', {points: [{data: gd.data[1], customdata: gd.data[1].customdata[0]}]});
    }""")
    page.wait_for_url("**/events?country=*")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("#events-table tbody tr.event-row").count() > 0
    assert page.errors == []


def test_web_browser_quotes_by_speaker(page: Any, server: str) -> None:
    _open(page, server + "/quotes")
    assert page.locator("#speakers li").count() > 3
    assert page.locator("#quotes li").count() > 0
    name = page.locator("#speakers li").nth(1).locator("span.name").text_content()
    page.locator("#speakers li").nth(1).click()
    page.locator("#speaker-title", has_text=name).wait_for()
    assert page.locator("#speaker-title").text_content().startswith(name)
    assert page.locator("#quotes li").count() > 0
    _shot(page, "quotes")
    assert page.errors == []


def test_web_browser_code_page_shows_events_and_quotes(page: Any, server: str) -> None:
    _open(page, server + "/code")
    page.fill("textarea[name=text]",
              "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in "
              "New Delhi on Monday. \"We are natural partners,\" Modi said. " + XSS)
    page.fill("input[name=published]", "2023-03-20")
    page.click("#code-form button")
    page.wait_for_selector("#code-events li", timeout=60_000)
    assert page.locator("#code-events li mark.trigger").count() >= 1
    assert page.locator("#code-quotes li").count() >= 1
    assert page.evaluate("window.__xss") == 0
    _shot(page, "code")
    assert page.errors == []


def test_web_browser_sql_page(page: Any, server: str) -> None:
    _open(page, server + "/sql")
    page.wait_for_selector("#sql-result tbody tr")
    assert page.locator("#sql-result tbody tr").count() > 3
    page.fill("#sql-form textarea", "DELETE FROM events")
    page.click("#sql-form button")
    page.wait_for_selector("#toast:not([hidden])")
    assert "read-only" in page.locator("#toast").text_content()
    _shot(page, "sql")

"""The web page in a real headless Chromium, as a reader would use it.

Ingest ``examples/`` and the seed editorial into a fresh database, serve it on a random
loopback port, filter the explorer to USA–PRK, open the seed's article from the event list
and check that the evidence of the US request (Biegun asking North Korea to return to the
table) is highlighted, with its trigger. Screenshots go to ``test-output/web/``.

Needs Debian's ``chromium`` (``.ci/run`` installs it) and Playwright for Python; never
downloads a browser.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, REPO, SEED

from communique.settings import Settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = REPO / "test-output" / "web"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from communique import api
    from communique.server import create_app

    settings = Settings(db=str(tmp_path_factory.mktemp("web") / "web.db"))
    inputs = [str(EXAMPLES)] + ([str(SEED)] if SEED.exists() else [])
    summary = api.ingest(inputs, settings=settings)
    assert summary.stored >= 4
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # nothing outside this server may be fetched
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    yield page
    context.close()
    assert not errors, errors
    assert not outside, outside


def test_explore_filter_to_usa_prk_and_check_the_seed_request(page: Any, base_url: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.goto(base_url + "/")
    page.wait_for_selector('body[data-ready="/"]')
    assert page.locator("#timeline svg rect.bar").count() > 0
    assert page.locator("#network svg .edge").count() > 0

    page.select_option("#f-country-a", "USA")
    page.select_option("#f-country-b", "PRK")
    page.click("#apply")
    page.wait_for_function(
        "location.hash.includes('countries=USA%2CPRK') && document.body.dataset.ready === '/'"
    )
    rows = page.locator("#events tbody tr")
    assert rows.count() > 0
    for code_cell in page.locator("#events tbody tr td:nth-child(2) .code").all_inner_texts():
        assert "USA" in code_cell or "PRK" in code_cell
    # the timeline and the network follow the filter: the pair's edge is drawn
    assert page.locator('#network .edge[data-source="USA"][data-target="PRK"]').count() == 1
    page.screenshot(path=str(OUTPUT / "explore-usa-prk.png"), full_page=True)

    if not SEED.exists():
        pytest.skip("the seed editorial is not in ../shared; the article check needs it")
    request = rows.filter(has_text="Biegun").filter(has_text="REQUEST").first
    assert request.count() == 1, "the US request of the seed is not listed under USA–PRK"
    request.locator("a.article-link").click()
    page.wait_for_selector("#view-article:not([hidden]) .a-event.focus")
    page.wait_for_function(
        "document.body.dataset.ready && document.body.dataset.ready.startsWith('/article/')"
    )

    focused = page.eval_on_selector_all(
        "#article-text .a-event.focus", "els => els.map(el => el.textContent).join('')"
    )
    assert "Stephen Biegun" in focused and "asked North Korea to return to the negotiating table" in focused
    trigger = page.locator("#article-text .a-event.focus.focus-trigger")
    assert trigger.all_inner_texts() == ["asked"]
    # the highlighted evidence is visibly marked (a background colour, not just a class)
    background = trigger.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    card = page.locator(".side .item.focus")
    assert "REQUEST" in card.inner_text() and "Stephen Biegun" in card.inner_text()
    # actors and dates are highlighted in the text too, and the dates are shown
    assert page.locator("#article-text .a-actor").count() >= 5
    assert page.locator("#article-text .a-timex").count() >= 1
    assert "2019-09-09" in page.locator(".meta").inner_text()
    page.screenshot(path=str(OUTPUT / "seed-article.png"), full_page=False)

    # every coded field links back to its words: click an actor card, its mentions light up
    page.locator(".side .item[data-actor]").filter(has_text="Choe Son-hui").click()
    assert page.locator("#article-text .a-actor.hot").count() >= 1


def test_network_edge_click_filters_and_article_list(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector('body[data-ready="/"]')
    edge = page.locator("#network .edge").first
    source, target = edge.get_attribute("data-source"), edge.get_attribute("data-target")
    edge.dispatch_event("click")
    page.wait_for_function(f"location.hash.includes('countries={source}%2C{target}')")
    page.wait_for_selector('body[data-ready="/"]')
    assert page.locator("#events tbody tr").count() > 0
    page.click("#nav-articles")
    page.wait_for_selector('body[data-ready="/articles"]')
    assert page.locator("#list .list-item").count() >= 4
    page.fill("#search-q", "summit")
    page.press("#search-q", "Enter")
    page.wait_for_selector('body[data-ready="/search"]')
    assert page.locator("#list mark").count() >= 1

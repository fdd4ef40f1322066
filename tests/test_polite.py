"""Polite fetching against a local server: robots.txt obeyed, requests to one host spaced."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.local_http import LocalServer, Route, html_route, serve

from communique.errors import FetchError
from communique.fetch import fetch_document, make_client
from communique.polite import agent_token
from communique.settings import Settings
from communique.sources import iter_documents

PAGE = (Path(__file__).parent / "data" / "sources" / "talks.html").read_text(encoding="utf-8")
QUICK = Settings(fetch_timeout=2.0, fetch_host_delay=0.0)


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    yield from serve()


def robots(body: str, status: int = 200) -> Route:
    return Route(status, body.encode(), {"Content-Type": "text/plain"})


def test_disallowed_page_is_refused_with_the_reason(server: LocalServer) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow: /members/\n"))
    open_url = server.route("/news/talks", html_route(PAGE))
    closed_url = server.route("/members/talks", html_route(PAGE))
    assert fetch_document(open_url, settings=QUICK).content == PAGE
    with pytest.raises(FetchError, match=r"robots\.txt disallows") as info:
        fetch_document(closed_url, settings=QUICK)
    assert "fetch_robots" in str(info.value) and closed_url in str(info.value)
    assert not [s for s in server.seen if s.path == "/members/talks"]  # never requested
    permitted = Settings(fetch_timeout=2.0, fetch_host_delay=0.0, fetch_robots=False)
    assert fetch_document(closed_url, settings=permitted).content == PAGE


def test_rules_for_our_agent_win_over_the_wildcard(server: LocalServer) -> None:
    server.route("/robots.txt", robots("User-agent: communique\nDisallow: /\n\nUser-agent: *\nAllow: /\n"))
    url = server.route("/news/talks", html_route(PAGE))
    assert agent_token(QUICK.user_agent) == "communique"
    with pytest.raises(FetchError, match=r"robots\.txt disallows"):
        fetch_document(url, settings=QUICK)


def test_missing_robots_allows_and_server_error_refuses(server: LocalServer) -> None:
    url = server.route("/news/talks", html_route(PAGE))
    assert fetch_document(url, settings=QUICK).content == PAGE  # 404: everything allowed
    server.route("/robots.txt", robots("oops", status=503))
    with pytest.raises(FetchError, match=r"robots\.txt answered HTTP 503"):
        fetch_document(url, settings=QUICK)


def test_a_batch_reads_robots_once_and_keeps_other_pages(server: LocalServer) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow: /members/\n"))
    urls = [server.route(f"/news/{n}", html_route(PAGE.replace("Valletta", f"Port {n}"))) for n in range(3)]
    urls.insert(1, server.route("/members/x", html_route(PAGE)))
    out = list(iter_documents(urls, settings=QUICK))
    assert [type(x).__name__ for x in out] == ["Document", "Reject", "Document", "Document"]
    assert "robots.txt disallows" in out[1].reason  # type: ignore[union-attr]
    assert len([s for s in server.seen if s.path == "/robots.txt"]) == 1


def test_requests_to_one_host_are_spaced(server: LocalServer) -> None:
    first = server.route("/news/a", html_route(PAGE))
    second = server.route("/news/b", html_route(PAGE.replace("Valletta", "Tunis")))
    spaced = Settings(fetch_timeout=2.0, fetch_host_delay=0.4)
    with make_client(spaced) as client:  # the two requests start 0.4 s apart
        start = time.monotonic()
        fetch_document(first, settings=spaced, client=client)
        fetch_document(second, settings=spaced, client=client)
        assert time.monotonic() - start >= 0.4
    with make_client(QUICK) as client:  # no delay asked: no wait
        fetch_document(first, settings=QUICK, client=client)
        start = time.monotonic()
        fetch_document(second, settings=QUICK, client=client)
        assert time.monotonic() - start < 0.35


def test_crawl_delay_is_honoured(server: LocalServer) -> None:
    server.route("/robots.txt", robots("User-agent: *\nCrawl-delay: 1\n"))
    first = server.route("/news/a", html_route(PAGE))
    second = server.route("/news/b", html_route(PAGE))
    with httpx.Client() as client:
        start = time.monotonic()
        fetch_document(first, settings=QUICK, client=client)
        fetch_document(second, settings=QUICK, client=client)
        assert time.monotonic() - start >= 1.0


def test_robots_redirect_is_followed(server: LocalServer) -> None:
    server.route("/robots.txt", Route(301, b"", {"Location": "/site/robots.txt"}))
    server.route("/site/robots.txt", robots("User-agent: *\nDisallow: /members/\n"))
    url = server.route("/members/talks", html_route(PAGE))
    with pytest.raises(FetchError, match=r"robots\.txt disallows"):
        fetch_document(url, settings=QUICK)


def test_robots_redirect_loop_refuses_the_host(server: LocalServer) -> None:
    server.route("/robots.txt", Route(302, b"", {"Location": "/robots.txt"}))
    url = server.route("/news/talks", html_route(PAGE))
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch_document(url, settings=QUICK)

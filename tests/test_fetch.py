"""Fetching pages over HTTP from a local server: redirects, errors, limits, charsets, types."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from tests.local_http import LocalServer, Route, html_route, redirect, serve

from communique.errors import FetchError, InputTooLarge, NotText, SourceNotFound
from communique.fetch import fetch_document, fetch_page
from communique.models import content_hash
from communique.settings import Settings

DATA = Path(__file__).parent / "data" / "sources"
PAGE = (DATA / "talks.html").read_text(encoding="utf-8")
LATIN = (DATA / "legacy-latin.txt").read_text(encoding="utf-8")
KOREAN = (DATA / "legacy-korean.txt").read_text(encoding="utf-8")
SETTINGS = Settings(fetch_timeout=2.0, fetch_max_redirects=3, max_bytes=200_000)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    yield from serve()


def _page(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


def test_plain_page(server: LocalServer) -> None:
    url = server.route("/talks", html_route(PAGE))
    doc = fetch_document(url, settings=SETTINGS)
    assert doc.content == PAGE
    assert doc.content_type == "html"
    assert doc.source_kind == "url"
    assert doc.url == url
    assert doc.id == content_hash(PAGE)
    assert doc.encoding == "utf-8"
    assert doc.fetched_at is not None and datetime.fromisoformat(doc.fetched_at).utcoffset() is not None
    sent = [s for s in server.seen if s.path == "/talks"][-1]
    assert sent.headers["user-agent"] == SETTINGS.user_agent


def test_redirects_give_final_url(server: LocalServer) -> None:
    final = server.route("/final", html_route(PAGE))
    server.route("/hop2", redirect("/final", 301))
    start = server.route("/hop1", redirect(server.url("/hop2"), 302))
    fetched = fetch_page(start, settings=SETTINGS)
    assert fetched.final_url == final
    assert fetched.redirects == (server.url("/hop2"), final)
    assert fetch_document(start, settings=SETTINGS).url == final


def test_redirect_loop_is_named(server: LocalServer) -> None:
    server.route("/loop-a", redirect("/loop-b"))
    start = server.route("/loop-b", redirect("/loop-a"))
    with pytest.raises(FetchError) as info:
        fetch_document(start, settings=SETTINGS)
    message = str(info.value)
    assert "redirect loop" in message and "fetch_max_redirects" in message
    assert start in message


def test_redirects_over_the_limit(server: LocalServer) -> None:
    server.route("/chain4", html_route(PAGE))
    for n in (3, 2, 1, 0):
        server.route(f"/chain{n}", redirect(f"/chain{n + 1}"))
    with pytest.raises(FetchError, match=r"more than 3 redirects"):
        fetch_document(server.url("/chain0"), settings=SETTINGS)
    doc = fetch_document(server.url("/chain0"), settings=Settings(fetch_max_redirects=4))
    assert doc.url == server.url("/chain4")


def test_not_found_names_url_status_and_advice(server: LocalServer) -> None:
    url = server.url("/gone")
    with pytest.raises(FetchError) as info:
        fetch_document(url, settings=SETTINGS)
    message = str(info.value)
    assert url in message and "404" in message and "check the URL" in message
    assert info.value.code == "E012"


def test_server_error_says_try_later(server: LocalServer) -> None:
    url = server.route("/broken", Route(503, b"down", {"Content-Type": "text/plain"}))
    with pytest.raises(FetchError, match=r"503.*try again later"):
        fetch_document(url, settings=SETTINGS)


def test_slow_server_times_out(server: LocalServer) -> None:
    url = server.route("/slow", Route(200, PAGE.encode(), {"Content-Type": "text/html"}, delay=3.0))
    began = time.monotonic()
    with pytest.raises(FetchError, match="fetch_timeout"):
        fetch_document(url, settings=Settings(fetch_timeout=0.5))
    assert time.monotonic() - began < 2.5


def test_announced_size_over_cap_is_refused_before_download(server: LocalServer) -> None:
    big = b"<html><body>" + b"x" * 300_000 + b"</body></html>"
    url = server.route("/big", Route(200, big, {"Content-Type": "text/html"}))
    with pytest.raises(InputTooLarge, match="max_bytes"):
        fetch_document(url, settings=SETTINGS)


def test_size_cap_holds_while_streaming(server: LocalServer) -> None:
    # 100 MB without a Content-Length: only a cap enforced while reading stops this early.
    url = server.route(
        "/endless", Route(200, headers={"Content-Type": "text/html"}, stream_bytes=100_000_000)
    )
    began = time.monotonic()
    with pytest.raises(InputTooLarge, match="while downloading"):
        fetch_document(url, settings=SETTINGS)
    assert time.monotonic() - began < 5
    time.sleep(0.2)
    assert server.streamed["/endless"] < 100_000_000


def test_size_cap_counts_decompressed_bytes(server: LocalServer) -> None:
    bomb = gzip.compress(b"<html><body>" + b" " * 5_000_000 + b"</body></html>")
    assert len(bomb) < SETTINGS.max_bytes
    url = server.route("/bomb", Route(200, bomb, {"Content-Type": "text/html", "Content-Encoding": "gzip"}))
    with pytest.raises(InputTooLarge):
        fetch_document(url, settings=SETTINGS)


@pytest.mark.parametrize(
    ("text", "codec", "header", "meta"),
    [
        (LATIN, "cp1252", "windows-1252", ""),
        (LATIN, "cp1252", "iso-8859-1", ""),
        (LATIN, "cp1252", None, '<meta charset="windows-1252">'),
        (LATIN, "cp1252", None, ""),
        (KOREAN, "euc-kr", "euc-kr", ""),
        (KOREAN, "euc-kr", None, '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'),
        (KOREAN, "euc-kr", None, ""),
    ],
    ids=[
        "1252-header",
        "latin1-header",
        "1252-meta",
        "1252-nowhere",
        "euckr-header",
        "euckr-meta",
        "euckr-nowhere",
    ],
)
def test_legacy_encodings(server: LocalServer, text: str, codec: str, header: str | None, meta: str) -> None:
    page = _page(text, meta)
    path = f"/enc-{codec}-{header}-{bool(meta)}"
    url = server.route(path, html_route(page, charset=header, encoding=codec))
    doc = fetch_document(url, settings=SETTINGS)
    assert doc.content == page
    assert doc.encoding in {"windows-1252", "euc-kr"}


def test_header_latin1_on_utf8_bytes_reads_utf8(server: LocalServer) -> None:
    page = _page(LATIN)
    url = server.route("/mislabelled", html_route(page, charset="ISO-8859-1", encoding="utf-8"))
    doc = fetch_document(url, settings=SETTINGS)
    assert doc.content == page and doc.encoding == "utf-8"


def test_pdf_and_image_are_refused_with_reason(server: LocalServer) -> None:
    pdf = server.route("/report.pdf", Route(200, b"%PDF-1.7\n...", {"Content-Type": "application/pdf"}))
    png = server.route("/photo", Route(200, b"\x89PNG\r\n\x1a\n", {"Content-Type": "image/png"}))
    with pytest.raises(NotText, match="PDF document"):
        fetch_document(pdf, settings=SETTINGS)
    with pytest.raises(NotText, match=r"an image \(image/png\)"):
        fetch_document(png, settings=SETTINGS)


def test_plain_text_page(server: LocalServer) -> None:
    url = server.route(
        "/notes.txt", Route(200, LATIN.encode(), {"Content-Type": "text/plain; charset=utf-8"})
    )
    doc = fetch_document(url, settings=SETTINGS)
    assert doc.content_type == "text" and doc.content == LATIN


def test_feed_url_is_not_a_page(server: LocalServer) -> None:
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    url = server.route("/feed.xml", Route(200, rss, {"Content-Type": "application/xml"}))
    assert fetch_page(url, settings=SETTINGS).kind == "feed"
    with pytest.raises(NotText, match="RSS/Atom feed"):
        fetch_document(url, settings=SETTINGS)


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect"):
        fetch_document(f"http://127.0.0.1:{port}/x", settings=SETTINGS)


def test_not_a_url() -> None:
    with pytest.raises(SourceNotFound, match="http"):
        fetch_document("ftp://example.org/file", settings=SETTINGS)


def test_injected_client_is_used_and_left_open(server: LocalServer) -> None:
    url = server.route("/shared-client", html_route(PAGE))
    with httpx.Client(headers={"X-Test": "yes"}) as client:
        fetch_document(url, settings=SETTINGS, client=client)
        assert not client.is_closed
    sent = [s for s in server.seen if s.path == "/shared-client"][-1]
    assert sent.headers["x-test"] == "yes"
    assert sent.headers["user-agent"] == SETTINGS.user_agent


def test_settings_timeout_holds_for_an_injected_client(server: LocalServer) -> None:
    url = server.route("/slow2", Route(200, PAGE.encode(), {"Content-Type": "text/html"}, delay=3.0))
    began = time.monotonic()
    with httpx.Client(timeout=60.0) as client, pytest.raises(FetchError, match="fetch_timeout"):
        fetch_document(url, settings=Settings(fetch_timeout=0.5), client=client)
    assert time.monotonic() - began < 2.5

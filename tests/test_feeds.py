"""RSS/Atom feeds: every item's page fetched from a local server, dead links rejected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.local_http import LocalServer, Route, html_route, serve

from communique.feeds import feed_documents, feed_items
from communique.models import Document, Reject, content_hash
from communique.settings import Settings

DATA = Path(__file__).parent / "data" / "sources"
PAGE = (DATA / "talks.html").read_text(encoding="utf-8")
SECOND = PAGE.replace("Valletta", "Tunis").replace("Tuesday", "Thursday")
SETTINGS = Settings(fetch_timeout=2.0, fetch_host_delay=0.0)


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>Harbour news</title><link>{base}/</link><description>Coastal affairs</description>
  <item><title>Envoys meet again on the harbour treaty</title><link>{base}/a/talks</link>
    <pubDate>Tue, 10 Sep 2019 09:15:00 +0900</pubDate></item>
  <item><title>A page that was taken down</title><link>{base}/a/removed</link>
    <pubDate>Wed, 11 Sep 2019 10:00:00 +0900</pubDate></item>
  <item><title>Talks move to &lt;b&gt;Tunis&lt;/b&gt; &amp; continue</title><link>/a/tunis</link>
    <pubDate>Thu, 12 Sep 2019 18:45:00 GMT</pubDate></item>
</channel></rss>""".encode()


def atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour news</title><id>urn:x-harbour</id><updated>2019-09-12T10:00:00Z</updated>
  <entry><title>Envoys meet again</title><id>urn:x-1</id>
    <link rel="alternate" href="{base}/a/talks"/><updated>2019-09-10T09:15:00+09:00</updated></entry>
  <entry><title>No link at all</title><id>urn:x-2</id><updated>2019-09-11T00:00:00Z</updated></entry>
</feed>""".encode()


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    srv.route("/a/talks", html_route(PAGE))
    srv.route("/a/tunis", html_route(SECOND))
    srv.route("/feed.rss", Route(200, rss(srv.base), {"Content-Type": "application/rss+xml"}))
    srv.route("/feed.atom", Route(200, atom(srv.base), {"Content-Type": "application/atom+xml"}))
    yield srv
    srv.stop()


def _split(items: list[Document | Reject]) -> tuple[list[Document], list[Reject]]:
    return [d for d in items if isinstance(d, Document)], [r for r in items if isinstance(r, Reject)]


def test_rss_from_url_two_live_items_and_a_dead_link(server: LocalServer) -> None:
    feed = server.url("/feed.rss")
    out = list(feed_documents(feed, settings=SETTINGS))
    docs, rejects = _split(out)
    assert [type(x).__name__ for x in out] == ["Document", "Reject", "Document"]
    first, third = docs
    assert first.content == PAGE and first.id == content_hash(PAGE)
    assert first.source_kind == "feed" and first.source == f"{feed}#1"
    assert first.url == server.url("/a/talks")
    assert first.title_hint == "Envoys meet again on the harbour treaty"
    assert first.published_hint == "2019-09-10T09:15:00+09:00"
    assert third.url == server.url("/a/tunis")  # relative link resolved against the feed
    assert third.title_hint == "Talks move to Tunis & continue"
    assert third.published_hint == "2019-09-12T18:45:00+00:00"
    (dead,) = rejects
    assert dead.source == f"{feed}#2"
    assert "404" in dead.reason and server.url("/a/removed") in dead.reason


def test_rss_from_a_file_with_an_injected_client(server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "harbour.rss"
    path.write_bytes(rss(server.base))
    with httpx.Client(headers={"X-Feed-Test": "1"}) as client:
        docs, rejects = _split(list(feed_documents(str(path), settings=SETTINGS, client=client)))
        assert not client.is_closed
    assert len(docs) == 2 and len(rejects) == 1
    # the relative link resolves against the channel's <link>
    assert docs[1].url == server.url("/a/tunis")
    assert any(s.headers.get("x-feed-test") == "1" for s in server.seen if s.path == "/a/talks")


def test_atom_entries(server: LocalServer) -> None:
    out = list(feed_documents(server.url("/feed.atom"), settings=SETTINGS))
    docs, rejects = _split(out)
    assert [d.published_hint for d in docs] == ["2019-09-10T09:15:00+09:00"]
    assert docs[0].title_hint == "Envoys meet again"
    assert len(rejects) == 1 and "no link" in rejects[0].reason


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text("<html><body><p>just a page</p></body></html>")
    (reject,) = list(feed_documents(str(path), settings=SETTINGS))
    assert isinstance(reject, Reject) and "not an RSS or Atom feed" in reject.reason


def test_feed_url_that_is_dead(server: LocalServer) -> None:
    (reject,) = list(feed_documents(server.url("/no-feed.rss"), settings=SETTINGS))
    assert isinstance(reject, Reject) and "404" in reject.reason


def test_items_keep_feed_order_and_dates_without_fetching() -> None:
    items = feed_items(rss("https://harbour.example"), source="t")
    assert [i.index for i in items] == [1, 2, 3]
    assert items[2].link == "https://harbour.example/a/tunis"
    assert items[1].published == "2019-09-11T10:00:00+09:00"


def test_serve_helper_is_reusable() -> None:
    gen = serve()
    srv = next(gen)
    url = srv.route("/x", html_route(PAGE))
    assert httpx.get(url).status_code == 200
    gen.close()


def test_item_dates_keep_their_zone() -> None:
    feed = b"""<rss version="2.0"><channel><title>t</title>
      <item><link>https://h.example/1</link><pubDate>Mon, 09 Sep 2019 17:32:00 KST</pubDate></item>
      <item><link>https://h.example/2</link><pubDate>Mon, 09 Sep 2019 17:32:00 EST</pubDate></item>
      <item><link>https://h.example/3</link><pubDate>Mon, 09 Sep 2019 17:32:00</pubDate></item>
      <item><link>https://h.example/4</link></item></channel></rss>"""
    assert [i.published for i in feed_items(feed, source="t")] == [
        "2019-09-09T17:32:00+09:00",
        "2019-09-09T17:32:00-05:00",
        "2019-09-09T17:32:00",
        None,
    ]


def test_code_command_expands_a_feed_url(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """``communique code FEED_URL`` codes each item and reports the dead link, not just "a feed"."""
    import json

    monkeypatch.setenv("COMMUNIQUE_FETCH_HOST_DELAY", "0")

    from click.testing import CliRunner

    from communique.cli import cli

    result = CliRunner().invoke(cli, ["code", server.url("/feed.rss"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]  # stderr may carry warnings
    assert len(records) == 3
    coded = [r for r in records if "article" in r]
    assert [r["article"]["url"] for r in coded] == [server.url("/a/talks"), server.url("/a/tunis")]
    assert "Valletta" in coded[0]["article"]["text"] and "Tunis" in coded[1]["article"]["text"]
    (dead,) = [r for r in records if "error" in r]
    assert dead["error"]["source"] == server.url("/feed.rss") + "#2" and "404" in dead["error"]["reason"]


def test_code_command_on_one_page_url_still_codes_one_article(server: LocalServer) -> None:
    from click.testing import CliRunner

    from communique.cli import cli

    result = CliRunner().invoke(cli, ["code", server.url("/a/talks"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"document_id"' in result.output and "Valletta" in result.output
    dead = CliRunner().invoke(cli, ["code", server.url("/a/removed")])
    assert dead.exit_code == 1 and "404" in dead.output

"""Read RSS and Atom feeds: each item's page is fetched and becomes a document.

feedparser reads the feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, from a file or a URL).
Each item's link is fetched with :func:`communique.fetch.fetch_document` through one
shared httpx client (or the one the caller passes in); the item's date becomes the
document's ``published_hint`` (ISO 8601, with the feed's own UTC offset kept) and its
title the ``title_hint``. A dead link yields a :class:`~communique.models.Reject`
with the reason and the other items go on.

>>> looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel>')
True
>>> looks_like_feed(b"<!DOCTYPE html><html><body>rss</body></html>")
False
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from communique.errors import CommuniqueError, InputTooLarge, NotText, SourceNotFound
from communique.fetch import fetch_document, fetch_page, make_client
from communique.models import Document, Reject
from communique.settings import Settings

__all__ = ["FeedItem", "feed_documents", "feed_items", "items_to_documents", "looks_like_feed"]

log = logging.getLogger(__name__)

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_ROOT = re.compile(rb"<html[\s>]", re.I)
_TAG = re.compile(r"<[^>]+>")


def looks_like_feed(head: bytes) -> bool:
    """Tell from the first bytes of a document whether it is an RSS or Atom feed."""
    head = head[:4096]
    feed = _FEED_ROOT.search(head)
    if feed is None:
        return False
    html = _HTML_ROOT.search(head)
    return html is None or feed.start() < html.start()


@dataclasses.dataclass(frozen=True)
class FeedItem:
    """One feed entry: its link (absolute), title and date as found in the feed."""

    index: int
    link: str | None
    title: str | None
    published: str | None


# Zone abbreviations seen in news feeds that email.utils does not know (it reads them as
# "no zone"). Only unambiguous ones: CST, IST, AST mean different places in different feeds.
_ZONES = {
    "KST": 9, "JST": 9, "HKT": 8, "SGT": 8, "PHT": 8, "AWST": 8, "WIB": 7, "ICT": 7, "PKT": 5,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "MSK": 3, "EET": 2, "EEST": 3, "CET": 1,
    "CEST": 2, "BST": 1, "WET": 0, "WEST": 1,
}  # fmt: skip


def _rfc822(raw: str) -> datetime | None:
    """Parse an RSS date, with the zone it names.

    >>> _rfc822("Mon, 09 Sep 2019 17:32:00 KST").isoformat()
    '2019-09-09T17:32:00+09:00'
    >>> _rfc822("Mon, 09 Sep 2019 17:32:00 -0000").isoformat()
    '2019-09-09T17:32:00+00:00'
    """
    try:
        parsed = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        zone = raw.rsplit(None, 1)[-1].upper()
        if zone in _ZONES:
            parsed = parsed.replace(tzinfo=timezone(timedelta(hours=_ZONES[zone])))
        elif zone == "-0000":
            parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _iso_date(entry: Mapping[str, Any]) -> str | None:
    """Return the item's date as ISO 8601, keeping the UTC offset the feed gave.

    A date without a zone stays without one (the extraction stage decides); a date
    feedparser understood but this module did not is given in UTC, as feedparser reads it.
    """
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        raw = raw.strip()
        try:
            parsed: datetime | None = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            parsed = _rfc822(raw)
        if parsed is not None:
            return parsed.isoformat()
        structured = entry.get(f"{key}_parsed")
        if isinstance(structured, time.struct_time):
            return datetime(*structured[:6], tzinfo=UTC).isoformat()
    return None


def _clean_title(raw: object) -> str | None:
    if not isinstance(raw, str):
        return None
    title = " ".join(_TAG.sub(" ", raw).split())
    return title or None


def _entry_link(entry: Mapping[str, Any], base: str | None) -> str | None:
    """Return the item's page link, made absolute; ids such as ``urn:`` or ``tag:`` are not links."""
    candidates = [entry.get("link")]
    candidates += [c.get("href") for c in entry.get("links", []) if c.get("rel", "alternate") == "alternate"]
    for candidate in candidates:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        link = urljoin(base, candidate.strip()) if base else candidate.strip()
        scheme = urlsplit(link).scheme.lower()
        if scheme in ("http", "https", ""):
            return link
    return None


def feed_items(data: bytes, *, source: str, base_url: str | None = None) -> list[FeedItem]:
    """Parse feed bytes into items, in feed order.

    Raises:
        NotText: the bytes are not an RSS or Atom feed.

    >>> rss = b'''<rss version="2.0"><channel><title>T</title><item><title>A &amp; B</title>
    ... <link>/news/1</link><pubDate>Mon, 09 Sep 2019 17:32:00 +0900</pubDate></item></channel></rss>'''
    >>> item = feed_items(rss, source="t.rss", base_url="https://example.org/feed")[0]
    >>> item.link, item.title, item.published
    ('https://example.org/news/1', 'A & B', '2019-09-09T17:32:00+09:00')
    """
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise NotText(f"not an RSS or Atom feed{detail}; give a feed, a page or a WARC file", source=source)
    base = base_url
    if base is None:
        feed_link = parsed.feed.get("link")
        base = feed_link if isinstance(feed_link, str) and feed_link.startswith("http") else None
    return [
        FeedItem(
            index=number,
            link=_entry_link(entry, base),
            title=_clean_title(entry.get("title")),
            published=_iso_date(entry),
        )
        for number, entry in enumerate(parsed.entries, 1)
    ]


def _read_feed_file(path: Path, settings: Settings) -> bytes:
    if not path.is_file():
        raise SourceNotFound("no such file; check the path", source=str(path))
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise InputTooLarge(
            f"{size:,} bytes is over the max_bytes setting ({settings.max_bytes:,}); raise max_bytes",
            source=str(path),
        )
    return path.read_bytes()


def items_to_documents(
    items: list[FeedItem], *, source: str, settings: Settings, client: httpx.Client | None = None
) -> Iterator[Document | Reject]:
    """Fetch each item's page; a dead or bad link yields a reject and the rest go on."""
    with contextlib.ExitStack() as stack:
        active = client if client is not None else stack.enter_context(make_client(settings))
        for item in items:
            where = f"{source}#{item.index}"
            if not item.link:
                yield Reject(source=where, stage="sources", reason="the feed item has no link to fetch")
                continue
            try:
                doc = fetch_document(item.link, settings=settings, client=active)
            except CommuniqueError as exc:
                yield Reject(source=where, stage="sources", reason=f"item link {item.link}: {exc}")
                continue
            yield dataclasses.replace(
                doc,
                source=where,
                source_kind="feed",
                published_hint=item.published,
                title_hint=item.title,
            )


def feed_documents(
    path_or_url: str, *, settings: Settings | None = None, client: httpx.Client | None = None
) -> Iterator[Document | Reject]:
    """Yield one document per feed item (its fetched page), or a reject with the reason.

    ``path_or_url`` is a feed file or an http(s) URL. Each document has
    ``source_kind="feed"``, ``source`` ``<feed>#<item number>``, ``url`` the page's
    final URL, ``published_hint`` the item's date and ``title_hint`` its title.
    A feed that cannot be read at all yields a single reject.
    """
    settings = settings or Settings()
    with contextlib.ExitStack() as stack:
        active = client if client is not None else stack.enter_context(make_client(settings))
        try:
            if path_or_url.startswith(("http://", "https://")):
                fetched = fetch_page(path_or_url, settings=settings, client=active)
                data, base = fetched.data, fetched.final_url
            else:
                data, base = _read_feed_file(Path(path_or_url), settings), None
            items = feed_items(data, source=path_or_url, base_url=base)
        except CommuniqueError as exc:
            yield Reject(source=path_or_url, stage="sources", reason=str(exc))
            return
        log.debug("%s: %d feed items", path_or_url, len(items))
        yield from items_to_documents(items, source=path_or_url, settings=settings, client=active)

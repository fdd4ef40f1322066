"""Fetch news pages over HTTP(S) with httpx, safely.

A fetch follows at most ``fetch_max_redirects`` redirects (a loop is named as one),
gives up after ``fetch_timeout`` seconds in all, stops reading as soon as the body
passes ``max_bytes`` (the cap is enforced while streaming, so a huge or endless
response costs at most ``max_bytes``), sends ``user_agent``, obeys robots.txt and
spaces requests to one host (:mod:`communique.polite`), and refuses content
that is not a web page (PDFs, images, archives) before downloading its body.

The charset comes from the ``Content-Type`` header, then from the page itself
(see :func:`communique.sources.decode_bytes`). An HTTP error becomes a
:class:`~communique.errors.FetchError` that names the URL, the status and what to do.

>>> guess_kind("text/html", b"<html><p>hi</p></html>")
'html'
>>> guess_kind("application/xml", b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
'feed'
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urljoin

import httpx

from communique.errors import FetchError, InputTooLarge, NotText, SourceNotFound
from communique.models import Document, content_hash
from communique.polite import REDIRECT_STATUSES, policy_for
from communique.settings import Settings

__all__ = [
    "Fetched",
    "fetch_document",
    "fetch_page",
    "guess_kind",
    "make_client",
    "now_iso",
    "refuse_private_host",
    "to_document",
]

log = logging.getLogger(__name__)

PageKind = Literal["html", "text", "feed"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
XML_TYPES = frozenset({"application/xml", "text/xml"})

_ACCEPT = (
    "text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.8,"
    "application/atom+xml;q=0.8,text/plain;q=0.5,*/*;q=0.1"
)
_REFUSED_NAMES = {
    "application/pdf": "a PDF document",
    "application/zip": "a zip archive",
    "application/octet-stream": "binary data",
    "application/json": "JSON data",
    "application/msword": "a Word document",
}


@dataclass(frozen=True)
class Fetched:
    """The raw result of one fetch: the body bytes and what the server said about them.

    ``url`` is the URL asked for, ``final_url`` the one answered after redirects,
    ``media_type`` the lower-cased ``Content-Type`` without parameters (``""`` when
    the server sent none), ``charset`` its ``charset=`` parameter.
    """

    url: str
    final_url: str
    status: int
    media_type: str
    charset: str | None
    data: bytes
    fetched_at: str
    redirects: tuple[str, ...] = ()

    @property
    def kind(self) -> PageKind:
        """What the body is: ``html``, ``text`` or ``feed`` (see :func:`guess_kind`)."""
        return guess_kind(self.media_type, self.data, source=self.final_url)


def now_iso() -> str:
    """Return the current time as an ISO 8601 UTC timestamp, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def make_client(settings: Settings) -> httpx.Client:
    """Return an httpx client set up from the settings (timeout, user agent).

    :func:`fetch_page` follows redirects itself and sets the timeout on each request,
    so that the limits hold for any client, including one passed in by the caller.
    """
    return httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,
        max_redirects=settings.fetch_max_redirects,
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT},
    )


def _media_type(header: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into ``(media type, charset)``.

    >>> _media_type('text/html; charset="EUC-KR"')
    ('text/html', 'euc-kr')
    """
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return parts[0].lower(), charset


def _head_is_feed(head: bytes) -> bool:
    from communique.feeds import looks_like_feed

    return looks_like_feed(head)


def guess_kind(media_type: str, data: bytes, *, source: str = "<fetched>") -> PageKind:
    """Tell what a response body is from its media type and its first bytes.

    Raises:
        NotText: the server sent something that is not a web page or a feed.
    """
    head = data[:4096]
    if media_type in FEED_TYPES:
        return "feed"
    if media_type in XML_TYPES or not media_type:
        if _head_is_feed(head):
            return "feed"
        lowered = head.lower()
        if b"<html" in lowered or b"<!doctype html" in lowered or b"<body" in lowered:
            return "html"
        if not media_type:
            return "text"
        raise NotText(
            f"the server sent XML ({media_type}) that is neither a web page nor an RSS/Atom feed",
            source=source,
        )
    if media_type in HTML_TYPES:
        return "feed" if _head_is_feed(head) else "html"
    if media_type in TEXT_TYPES:
        return "text"
    raise _refused(media_type, source)


def _refused(media_type: str, source: str) -> NotText:
    if media_type.startswith("image/"):
        what = f"an image ({media_type})"
    elif media_type.startswith(("video/", "audio/")):
        what = f"a media file ({media_type})"
    else:
        what = f"{_REFUSED_NAMES.get(media_type, 'content')} ({media_type})"
    return NotText(
        f"the URL serves {what}, not a web page; communique reads HTML, plain text and "
        "RSS/Atom feeds (convert other documents to text first)",
        source=source,
    )


def _advice(status: int) -> str:
    if status in (404, 410):
        return "the page is not there (any more); check the URL"
    if status in (401, 403):
        return "the site refuses the request (a login, a paywall or a block on robots); fetch it another way"
    if status == 429:
        return "the site is limiting requests; wait and try again later"
    if status >= 500:
        return "the server failed; try again later"
    return "the request was refused; check the URL"


def _check_url(url: str) -> None:
    if not url.startswith(("http://", "https://")):
        raise SourceNotFound(
            "not an http(s) URL; give a full URL such as https://example.org/page", source=url
        )


def fetch_page(url: str, *, settings: Settings, client: httpx.Client | None = None) -> Fetched:
    """Fetch one URL and return its body with the server's description of it.

    Raises:
        FetchError: a network error, a timeout, an HTTP error status or too many redirects.
        InputTooLarge: the body is over ``max_bytes``.
        NotText: the server says the body is a PDF, an image or another non-page type.
    """
    _check_url(url)
    own = client is None
    active = make_client(settings) if client is None else client
    try:
        return _fetch(url, settings, active)
    except httpx.TimeoutException as exc:
        raise FetchError(
            f"no answer within {settings.fetch_timeout:g} s (fetch_timeout); the server is slow or "
            "unreachable: try again later or raise fetch_timeout",
            source=url,
        ) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"not a valid URL ({exc}); check it", source=url) from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect ({exc}); check the host name and your network", source=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(
            f"the fetch failed ({type(exc).__name__}: {exc}); try again later", source=url
        ) from exc
    finally:
        if own:
            active.close()


def refuse_private_host(url: str, *, source: str) -> None:
    """Refuse a URL whose host is, or resolves to, a loopback, private or link-local address.

    A server that fetches URLs its clients send must not be turned against the machines
    behind it; the ``fetch_private_hosts`` setting is off when the server binds a public address.
    """
    host = httpx.URL(url).host
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host!r} ({exc}); check the URL", source=source) from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"the host {host!r} is a private or local address ({address}); fetching it is turned "
                "off here (setting fetch_private_hosts)",
                source=source,
            )


def _fetch(url: str, settings: Settings, client: httpx.Client) -> Fetched:
    deadline = time.monotonic() + settings.fetch_timeout
    headers = {"User-Agent": settings.user_agent, "Accept": _ACCEPT}
    chain = [url]
    current = url
    while True:
        if not settings.fetch_private_hosts:
            refuse_private_host(current, source=url)
        policy_for(client, settings).before_request(current, client, source=url, space=len(chain) == 1)
        request = client.build_request("GET", current, headers=headers, timeout=settings.fetch_timeout)
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            if response.status_code in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(
                        f"HTTP {response.status_code} redirect without a Location header from {current}",
                        source=url,
                    )
                current = urljoin(str(response.url), location)
                chain.append(current)
                if len(chain) - 1 > settings.fetch_max_redirects:
                    loop = " (a redirect loop)" if len(set(chain)) < len(chain) else ""
                    raise FetchError(
                        f"more than {settings.fetch_max_redirects} redirects (fetch_max_redirects){loop}: "
                        f"{' -> '.join(chain)}; open the URL in a browser to find the page's real address",
                        source=url,
                    )
                continue
            if response.status_code >= 400:
                raise FetchError(
                    f"HTTP {response.status_code} {response.reason_phrase} from {current}: "
                    f"{_advice(response.status_code)}",
                    source=url,
                )
            media_type, charset = _media_type(response.headers.get("content-type"))
            if media_type and not (
                media_type in HTML_TYPES | TEXT_TYPES | FEED_TYPES | XML_TYPES or media_type.endswith("+xml")
            ):
                raise _refused(media_type, url)
            data = _read_capped(response, settings, deadline, url)
            return Fetched(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                media_type=media_type,
                charset=charset,
                data=data,
                fetched_at=now_iso(),
                redirects=tuple(chain[1:]),
            )
        finally:
            response.close()


def _read_capped(response: httpx.Response, settings: Settings, deadline: float, url: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise InputTooLarge(
            f"the server announces {int(declared):,} bytes, over the max_bytes setting "
            f"({settings.max_bytes:,}); raise max_bytes to read it",
            source=url,
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise InputTooLarge(
                f"the body passed the max_bytes setting ({settings.max_bytes:,}) while downloading; "
                "raise max_bytes to read it",
                source=url,
            )
        if time.monotonic() > deadline:
            raise FetchError(
                f"the download took longer than {settings.fetch_timeout:g} s (fetch_timeout); "
                "try again later or raise fetch_timeout",
                source=url,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def to_document(fetched: Fetched) -> Document:
    """Decode a fetched page into a :class:`~communique.models.Document` (``source_kind="url"``).

    Raises:
        NotText: the body is a feed (expand it with :func:`communique.feeds.feed_documents`),
            binary, or in an encoding that cannot be told.
        EmptyInput: the body is empty.
    """
    from communique.sources import decode_bytes

    kind = fetched.kind
    if kind == "feed":
        raise NotText(
            "the URL is an RSS/Atom feed, not a page; read its items with iter_documents or feed_documents",
            source=fetched.url,
        )
    text, encoding = decode_bytes(fetched.data, source=fetched.final_url, http_charset=fetched.charset)
    return Document(
        id=content_hash(text),
        content=text,
        content_type=kind,
        source=fetched.url,
        source_kind="url",
        url=fetched.final_url,
        fetched_at=fetched.fetched_at,
        encoding=encoding,
    )


def fetch_document(
    url: str, *, settings: Settings | None = None, client: httpx.Client | None = None
) -> Document:
    """Fetch one web page and return it as a document.

    ``url`` of the result is the final URL after redirects; ``id`` is the hash of the
    decoded content, so the same page fetched twice dedupes in the store.

    Raises:
        FetchError: network errors, timeouts, HTTP errors, too many redirects.
        InputTooLarge: over ``max_bytes``.
        NotText: not a web page (PDF, image, a feed), or undecodable.
    """
    settings = settings or Settings()
    return to_document(fetch_page(url, settings=settings, client=client))

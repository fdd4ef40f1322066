"""Polite fetching: robots.txt (RFC 9309) and a pause between requests to one host.

A batch that expands a feed fetches dozens of pages from one site. Each HTTP client
gets a :class:`HostPolicy` (kept beside the client, so every fetch through the same
client shares it): the first request to a host reads its ``/robots.txt`` once, a URL
it disallows for our user agent is refused with the reason, and requests to the same
host are spaced ``fetch_host_delay`` seconds apart (or the site's ``Crawl-delay``,
when that is longer).

RFC 9309's rules for an unreadable ``robots.txt``: a 4xx answer (none there) allows
everything; a 5xx answer or a network failure means the site cannot say, so nothing
is fetched from it in this run.

>>> allowed = parse_robots("User-agent: *\\nDisallow: /private/\\n")
>>> allowed.can_fetch("communique/0.1", "https://news.example/private/page")
False
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from communique.errors import FetchError
from communique.settings import Settings

__all__ = ["REDIRECT_STATUSES", "HostPolicy", "agent_token", "parse_robots", "policy_for"]

_POLICIES: weakref.WeakKeyDictionary[httpx.Client, HostPolicy] = weakref.WeakKeyDictionary()
_POLICIES_LOCK = threading.Lock()
#: HTTP statuses that redirect (pages and robots.txt alike).
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ROBOTS_REDIRECTS = 5
#: Largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB).
_ROBOTS_MAX_BYTES = 512 * 1024


def agent_token(user_agent: str) -> str:
    """Return the product token robots.txt rules are matched against (``communique``).

    >>> agent_token("communique/0.1 (news event coder)")
    'communique'
    """
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"


def parse_robots(text: str) -> RobotFileParser:
    """Parse a robots.txt body."""
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return parser


@dataclass
class _Host:
    robots: RobotFileParser | None = None  # None: everything allowed
    robots_read: bool = False
    refusal: str | None = None  # why nothing may be fetched from this host
    last_request: float = float("-inf")
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostPolicy:
    """What one HTTP client has learnt about each host: its robots.txt and last request."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def before_request(self, url: str, client: httpx.Client, *, source: str, space: bool = True) -> None:
        """Check ``url`` against its host's robots.txt, then wait for the host's turn.

        ``space=False`` skips the wait (a redirect's next hop is part of the same fetch).

        Raises:
            FetchError: robots.txt disallows the URL, or could not be read (5xx, network).
            httpx.HTTPError: the host could not be reached for its robots.txt.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            host = self._hosts.setdefault(origin, _Host())
        with host.lock:
            if self.settings.fetch_robots:
                if not host.robots_read:
                    host.robots_read = True
                    self._read_robots(origin, host, client)
                self._check(url, host, source=source)
            if space:
                self._wait_turn(host)
            else:
                host.last_request = time.monotonic()

    def _read_robots(self, origin: str, host: _Host, client: httpx.Client) -> None:
        url = f"{origin}/robots.txt"  # not spaced from the first page: a small static file
        body = b""
        try:
            for _ in range(_ROBOTS_REDIRECTS + 1):  # RFC 9309: follow at least five redirects
                if not self.settings.fetch_private_hosts:
                    from communique.fetch import refuse_private_host

                    refuse_private_host(url, source=url)  # each hop, as for pages
                request = client.build_request(
                    "GET",
                    url,
                    headers={"User-Agent": self.settings.user_agent},
                    timeout=self.settings.fetch_timeout,
                )
                response = client.send(request, stream=True, follow_redirects=False)
                try:
                    location = response.headers.get("location")
                    if response.status_code not in REDIRECT_STATUSES or not location:
                        if response.status_code < 300:
                            body = _read_at_most(response, _ROBOTS_MAX_BYTES)
                        break
                finally:
                    response.close()
                url = urljoin(str(response.url), location)
        except httpx.HTTPError as exc:
            # later URLs of this host are refused at once; this one fails as the page would
            host.refusal = f"its robots.txt could not be read ({type(exc).__name__})"
            raise
        except FetchError as exc:  # a redirect to a private address where those are refused
            host.refusal = f"its robots.txt could not be read ({exc.message})"
            return
        status = response.status_code
        if status >= 500:
            host.refusal = f"its robots.txt answered HTTP {status}"
        elif status in REDIRECT_STATUSES:
            host.refusal = f"its robots.txt redirects more than {_ROBOTS_REDIRECTS} times"
        elif status < 300:
            host.robots = parse_robots(body.decode("utf-8", errors="replace"))

    def _check(self, url: str, host: _Host, *, source: str) -> None:
        advice = "; set fetch_robots to false only if the site has given you permission"
        if host.refusal is not None:
            raise FetchError(
                f"not fetched: {host.refusal} (RFC 9309: treat as disallowed){advice}", source=source
            )
        if host.robots is not None and not host.robots.can_fetch(agent_token(self.settings.user_agent), url):
            raise FetchError(
                f"the site's robots.txt disallows {url} for our user agent{advice}", source=source
            )

    def _wait_turn(self, host: _Host) -> None:
        delay = self.settings.fetch_host_delay
        if host.robots is not None:
            crawl_delay = host.robots.crawl_delay(agent_token(self.settings.user_agent))
            if crawl_delay is not None:
                delay = max(delay, min(float(crawl_delay), 60.0))
        pause = host.last_request + delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        host.last_request = time.monotonic()


def _read_at_most(response: httpx.Response, limit: int) -> bytes:
    """Read a streamed body up to ``limit`` bytes; the rest is never downloaded."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


def policy_for(client: httpx.Client, settings: Settings) -> HostPolicy:
    """Return the policy kept for ``client`` (one is made on first use)."""
    with _POLICIES_LOCK:
        policy = _POLICIES.get(client)
        if policy is None or policy.settings != settings:
            policy = _POLICIES[client] = HostPolicy(settings)
        return policy

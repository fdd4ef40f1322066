"""A real HTTP server on 127.0.0.1 (random port) for the sources tests; never the internet.

Routes map a path to a :class:`Route`: status, headers, body, an optional delay before
answering, and an optional endless/huge body streamed in chunks. The server records
each request's path and headers so tests can check what the client sent.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream_bytes: int = 0  # when set: send this many bytes in chunks, without Content-Length


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class LocalServer:
    """Start with :meth:`start`, add routes with :meth:`route`, read :attr:`seen`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.streamed: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                server.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    route = Route(
                        404, b"<html><body><p>nothing here</p></body></html>", {"Content-Type": "text/html"}
                    )
                if route.delay:
                    time.sleep(route.delay)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._answer(route)

            def _answer(self, route: Route) -> None:
                self.send_response(route.status)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if route.stream_bytes:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                    self.end_headers()
                    sent = 0
                    chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
                    while sent < route.stream_bytes:
                        self.wfile.write(chunk)
                        sent += len(chunk)
                        server.streamed[self.path] = sent
                    return
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def html_route(body: str, *, charset: str | None = "utf-8", encoding: str = "utf-8") -> Route:
    """A 200 HTML answer; ``charset`` goes into the Content-Type header (or nothing when None)."""
    content_type = "text/html" + (f"; charset={charset}" if charset else "")
    return Route(200, body.encode(encoding), {"Content-Type": content_type})


def redirect(to: str, status: int = 302) -> Route:
    return Route(status, b"", {"Location": to})


def serve() -> Iterator[LocalServer]:
    """Generator for a pytest fixture: a started server, stopped afterwards."""
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.stop()

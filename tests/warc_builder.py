"""Build small WARC / WARC.gz archives in memory with warcio's writer, for the sources tests."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DATA = Path(__file__).parent / "data" / "sources"
PAGE = (DATA / "talks.html").read_text(encoding="utf-8")
KOREAN = (DATA / "legacy-korean.txt").read_text(encoding="utf-8")
KOREAN_PAGE = f"<html><body><p>{KOREAN}</p></body></html>"
WARC_DATE = "2019-09-09T08:32:00Z"


def _response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )
    writer.write_record(record)


def build_archive(gz: bool) -> tuple[bytes, list[int]]:
    """A small crawl: 3 HTML pages among a request, a 404, an image, a redirect and metadata.

    Returns the archive bytes and the offset where each record starts.
    """
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    offsets: list[int] = []

    def mark() -> None:
        offsets.append(buffer.tell())

    mark()
    request = writer.create_warc_record(
        "https://news.example/talks",
        "request",
        payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(
            "GET /talks HTTP/1.1", [("Host", "news.example")], is_http_request=True
        ),
    )
    writer.write_record(request)
    mark()
    _response(writer, "https://news.example/talks", PAGE.encode("utf-8"))
    mark()
    _response(
        writer, "https://news.example/missing", b"<html><body>Not found</body></html>", status="404 Not Found"
    )
    mark()
    _response(
        writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png"
    )
    mark()
    _response(
        writer, "https://news.example/old", b"", status="301 Moved Permanently", extra=[("Location", "/new")]
    )
    mark()
    _response(
        writer,
        "https://news.example/seoul",
        KOREAN_PAGE.encode("euc-kr"),
        content_type="text/html; charset=EUC-KR",
    )
    mark()
    gzipped = gzip.compress(PAGE.replace("Tuesday", "Wednesday").encode("utf-8"))
    _response(writer, "https://news.example/gz", gzipped, extra=[("Content-Encoding", "gzip")])
    mark()
    meta = writer.create_warc_record(
        "https://news.example/talks",
        "metadata",
        payload=io.BytesIO(b"via: crawler"),
        warc_content_type="text/plain",
    )
    writer.write_record(meta)
    offsets.append(buffer.tell())
    return buffer.getvalue(), offsets

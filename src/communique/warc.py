"""Read web archives (WARC, WARC.gz, ARC) with warcio: one document per HTML response.

A record becomes a :class:`~communique.models.Document` when it is a ``response``
with HTTP status 200 and an HTML media type (``text/html``, ``application/xhtml+xml``),
or a ``resource`` record with an HTML ``Content-Type``. Its ``WARC-Target-URI`` is
the document's ``url`` and its ``WARC-Date`` the ``fetched_at`` (the crawl date, not
a publication date). The charset comes from the archived HTTP headers, then the page.
Other records (requests, metadata, redirects, images, PDFs) are skipped; a debug log
line counts them.

An archive cut short or corrupt stops with a :class:`~communique.models.Reject` that
names the file and the byte offset where reading failed; the records read before it
are kept. A single page over ``max_bytes`` is rejected and the rest go on (the file
itself may be any size: it is read as a stream).
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from communique.errors import CommuniqueError, FetchError, SourceNotFound
from communique.fetch import make_client
from communique.models import Document, Reject, content_hash
from communique.settings import Settings

__all__ = ["warc_bytes_documents", "warc_documents"]

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class _CountingReader(io.RawIOBase):
    """A read-only, unseekable stream over a ``read(n)`` function that counts the bytes read."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self._read(len(view))
        view[: len(data)] = data
        self.count += len(data)
        return len(data)


def _chunk_reader(chunks: Iterator[bytes]) -> Callable[[int], bytes]:
    """Turn an iterator of byte chunks into a ``read(n)`` function."""
    pending = b""

    def read(size: int) -> bytes:
        nonlocal pending
        while not pending:
            chunk = next(chunks, None)
            if chunk is None:
                return b""
            pending = chunk
        data, pending = pending[:size], pending[size:]
        return data

    return read


def _iso(warc_date: str | None) -> str | None:
    """Normalise a ``WARC-Date`` to the ISO form used for ``fetched_at``.

    >>> _iso("2019-09-09T08:32:00Z")
    '2019-09-09T08:32:00+00:00'
    """
    if not warc_date:
        return None
    try:
        parsed = datetime.fromisoformat(warc_date.strip().replace("Z", "+00:00"))
    except ValueError:
        return warc_date.strip()
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="seconds")


def _media_type(value: str | None) -> tuple[str, str | None]:
    from communique.fetch import _media_type as split

    return split(value)


def _html_record(record: Any) -> tuple[bool, str | None, str]:
    """Return ``(is an HTML page, charset, why not)`` for a record."""
    kind = record.rec_type
    if kind == "response":
        headers = record.http_headers
        if headers is None:
            return False, None, "a response without HTTP headers"
        status = headers.get_statuscode()
        if status != "200":
            return False, None, f"HTTP status {status}"
        media, charset = _media_type(headers.get_header("Content-Type"))
    elif kind == "resource":
        media, charset = _media_type(record.rec_headers.get_header("Content-Type"))
    else:
        return False, None, f"a {kind} record"
    if media not in HTML_TYPES:
        return False, None, f"media type {media or 'unknown'}"
    return True, charset, ""


def _record_document(
    record: Any, *, where: str, charset: str | None, settings: Settings
) -> Document | Reject:
    from communique.sources import decode_bytes

    stream = record.content_stream()
    try:
        data = stream.read(settings.max_bytes + 1)
    except (zlib.error, OSError, ValueError) as exc:
        return Reject(
            source=where,
            stage="sources",
            reason=f"the archived page's body cannot be decoded ({type(exc).__name__}: {exc})",
        )
    if len(data) > settings.max_bytes:
        return Reject(
            source=where,
            stage="sources",
            reason=f"the archived page is over the max_bytes setting ({settings.max_bytes:,}); "
            "raise max_bytes to read it",
        )
    stream.read()  # drain, so the truncation check below sees the whole record
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        raise _Truncated(f"its last record ends {missing:,} bytes early")
    uri = record.rec_headers.get_header("WARC-Target-URI")
    try:
        text, encoding = decode_bytes(data, source=where, http_charset=charset)
    except CommuniqueError as exc:
        return Reject(source=where, stage="sources", reason=str(exc))
    return Document(
        id=content_hash(text),
        content=text,
        content_type="html",
        source=where,
        source_kind="warc",
        url=uri.strip() if uri else None,
        fetched_at=_iso(record.rec_headers.get_header("WARC-Date")),
        encoding=encoding,
    )


class _Truncated(Exception):
    pass


def _iter_archive(stream: _CountingReader, name: str, settings: Settings) -> Iterator[Document | Reject]:
    # ARC conversion only for .arc files: in WARC mode a stray line is an error, not an ARC header
    is_arc = name.lower().removesuffix(".gz").endswith(".arc")
    iterator = ArchiveIterator(stream, arc2warc=is_arc)
    read = skipped = 0
    offset = 0
    try:
        for record in iterator:
            offset = iterator.offset
            is_html, charset, why = _html_record(record)
            if not is_html:
                skipped += 1
                log.debug("%s@%d: skipped (%s)", name, offset, why)
                continue
            read += 1
            yield _record_document(record, where=f"{name}@{offset}", charset=charset, settings=settings)
        offset = iterator.offset
    except _Truncated as exc:
        yield _stop(name, offset, f"the archive is cut short: {exc}")
        return
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield _stop(name, iterator.offset, f"the archive is corrupt ({type(exc).__name__}: {exc})".strip())
        return
    if offset < stream.count:
        yield _stop(
            name,
            offset,
            f"the archive is cut short ({stream.count - offset:,} bytes of an incomplete record)",
        )
    log.debug("%s: %d HTML records, %d other records skipped", name, read, skipped)


def _stop(name: str, offset: int, why: str) -> Reject:
    return Reject(
        source=f"{name}@{offset}",
        stage="sources",
        reason=f"{why} at byte offset {offset:,}; reading of {name} stopped there, "
        "the records before it were kept",
    )


def warc_documents(path_or_uri: str, *, settings: Settings | None = None) -> Iterator[Document | Reject]:
    """Yield a document for each HTML page in a WARC/ARC file (gzipped or not).

    ``path_or_uri`` is a path, a ``file://`` URI, or an http(s) URL of an archive,
    which is streamed (not held in memory). Each document's ``source`` is
    ``<file>@<byte offset of the record>``.
    """
    settings = settings or Settings()
    if path_or_uri.startswith(("http://", "https://")):
        yield from _remote_archive(path_or_uri, settings)
        return
    path = Path(path_or_uri.removeprefix("file://"))
    if not path.is_file():
        yield Reject(
            source=path_or_uri, stage="sources", reason=str(SourceNotFound("no such file; check the path"))
        )
        return
    with path.open("rb") as handle:
        yield from _iter_archive(_CountingReader(handle.read), path_or_uri, settings)


def warc_bytes_documents(
    data: bytes, name: str, *, settings: Settings | None = None
) -> Iterator[Document | Reject]:
    """Read a WARC/ARC (plain or gzip) held in memory, e.g. a file Spark read with ``binaryFiles``.

    ``name`` is the file's path or URI, used as the source of its records and rejects.
    """
    yield from _iter_archive(_CountingReader(io.BytesIO(data).read), name, settings or Settings())


def _remote_archive(url: str, settings: Settings) -> Iterator[Document | Reject]:
    with make_client(settings) as client:
        try:
            with client.stream("GET", url, follow_redirects=True) as response:
                if response.status_code >= 400:
                    error = FetchError(
                        f"HTTP {response.status_code} {response.reason_phrase}; check the archive URL",
                        source=url,
                    )
                    yield Reject(source=url, stage="sources", reason=str(error))
                    return
                yield from _iter_archive(_CountingReader(_chunk_reader(response.iter_raw())), url, settings)
        except httpx.HTTPError as exc:
            error = FetchError(f"the archive download failed ({type(exc).__name__}: {exc})", source=url)
            yield Reject(source=url, stage="sources", reason=str(error))

"""The sources stage: turn what the user points at into :class:`~communique.models.Document` s.

Inputs are paths (files, directories, globs), ``-`` for standard input, and URLs. A file
is read by its kind: HTML (``.html``, ``.htm``), already-scraped text (``.txt``), JSON
lines (``.jsonl``: one document a line with ``id``, ``text`` or ``html``, optional
``url`` and ``published``), WARC (``.warc``, ``.warc.gz``) and RSS/Atom feeds
(``.rss``, ``.atom``, ``.xml`` that parse as a feed).

Bytes are decoded here, once: a byte-order mark, then a charset the page declares (when
it decodes cleanly), then charset detection. Binary data and text whose encoding cannot
be told apart from noise are rejected with the reason.

:func:`iter_documents` never raises for a bad input: it yields a
:class:`~communique.models.Reject` in its place, so a batch goes on.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from communique.errors import (
    CommuniqueError,
    EmptyInput,
    InputError,
    InputTooLarge,
    NotText,
    SourceNotFound,
)
from communique.models import ContentType, Document, Reject, SourceKind, content_hash
from communique.settings import Settings

__all__ = [
    "decode_bytes",
    "expand_inputs",
    "is_url",
    "iter_documents",
    "iter_source",
    "kind_suffix",
    "read_document",
]

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
ARCHIVE_SUFFIXES = WARC_SUFFIXES | {".warc.gz", ".arc.gz"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)


def is_url(value: str) -> bool:
    """Tell whether an input names a URL rather than a path.

    >>> is_url("https://example.org/a"), is_url("examples/page.html")
    (True, False)
    """
    return value.startswith(("http://", "https://"))


def kind_suffix(path: str | Path) -> str:
    """Return the suffix that says what a file holds (a path or a URI).

    >>> kind_suffix("page.html.gz"), kind_suffix("s3a://b/crawl.WARC.gz"), kind_suffix("a.jsonl")
    ('.html', '.warc.gz', '.jsonl')
    """
    name = Path(path).name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def expand_inputs(inputs: Sequence[str]) -> Iterator[str | Reject]:
    """Expand directories and globs into files, in a stable order.

    A missing path or a glob that matches nothing comes back as a
    :class:`~communique.models.Reject` so that the caller can record it.
    """
    for item in inputs:
        if item == "-" or is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and kind_suffix(p) in KNOWN_SUFFIXES | ARCHIVE_SUFFIXES
            )
            if not found:
                yield Reject(
                    source=item,
                    stage="sources",
                    reason=f"directory holds no news files (looked for {', '.join(sorted(KNOWN_SUFFIXES))})",
                )
            yield from (str(p) for p in found)
        elif path.is_file():
            yield item
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files:
                yield Reject(source=item, stage="sources", reason="the pattern matches no file")
            yield from files
        else:
            yield Reject(
                source=item,
                stage="sources",
                reason="no such file or directory; check the path, or quote a glob pattern",
            )


# Labels that browsers decode with a wider codec (the WHATWG Encoding Standard):
# pages labelled latin-1 are windows-1252 in practice, EUC-KR pages use the CP949
# extensions, GB2312 pages the GB18030 ones.
_WIDER_CODEC = {
    "iso8859-1": ("cp1252", "windows-1252"),
    "ascii": ("cp1252", "windows-1252"),
    "cp1252": ("cp1252", "windows-1252"),
    "euc_kr": ("cp949", "euc-kr"),
    "cp949": ("cp949", "euc-kr"),
    "gb2312": ("gb18030", "gb18030"),
    "gbk": ("gb18030", "gb18030"),
    "iso8859-9": ("cp1254", "windows-1254"),
    "tis-620": ("cp874", "windows-874"),
    "iso8859-11": ("cp874", "windows-874"),
    "shift_jis": ("cp932", "shift_jis"),
}


def _codec(label: str) -> tuple[str, str] | None:
    """Map a charset label to ``(python codec, name to report)``, or ``None`` if unknown.

    >>> _codec("ISO-8859-1"), _codec("ks_c_5601-1987"), _codec("no-such")
    (('cp1252', 'windows-1252'), ('cp949', 'euc-kr'), None)
    """
    name = label.strip().strip("\"'").lower()
    try:
        python_name = codecs.lookup(name).name
    except LookupError:
        return None
    return _WIDER_CODEC.get(python_name, (python_name, name))


def _decode_as(data: bytes, label: str) -> tuple[str, str] | None:
    found = _codec(label)
    if found is None:
        return None
    codec, name = found
    try:
        return data.decode(codec), name
    except UnicodeDecodeError:
        return None


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error("communique-cp1252", _cp1252_fallback)


def _mostly_utf8(data: bytes) -> bool:
    """Tell whether bytes that are not valid UTF-8 are still mostly UTF-8 text.

    Pages pasted together from parts often carry a few windows-1252 bytes (an ``alt``
    text, a footer) in a UTF-8 page. Valid multi-byte sequences are rare by chance in
    a single-byte page, so a page where they outnumber the invalid bytes is UTF-8.

    >>> _mostly_utf8("Küche, Straße, Grüße ".encode() + "Küchenblogs".encode("cp1252"))
    True
    >>> _mostly_utf8("Küche, Straße, Grüße".encode("cp1252"))
    False
    """
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 127) - invalid
    return valid >= 3 and valid > 2 * invalid


def _decode_utf8_mixed(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="communique-cp1252"), "utf-8+windows-1252"


def decode_bytes(data: bytes, *, source: str, http_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes to text and return ``(text, encoding)``.

    The order is a byte-order mark, then the charset of the HTTP ``Content-Type``
    header (``http_charset``; a ``latin-1`` label on bytes that are valid UTF-8 is
    taken as UTF-8, the usual server default gone wrong), then UTF-8, then a charset
    the page declares (``<meta charset>``, ``<?xml encoding>``), then detection.
    A declaration that does not decode the bytes is ignored.

    Raises:
        EmptyInput: no bytes, or only whitespace.
        NotText: binary data, or bytes no encoding explains.

    UTF-16 without a byte-order mark is recognised by where its NUL bytes fall.

    >>> decode_bytes('<meta charset="windows-1252"><p>Café à côté</p>'.encode("cp1252"), source="x")
    ('<meta charset="windows-1252"><p>Café à côté</p>', 'windows-1252')
    >>> decode_bytes("서울".encode("euc-kr"), source="x", http_charset="EUC-KR")
    ('서울', 'euc-kr')
    """
    if not data.strip():
        raise EmptyInput("the input is empty; give a page with text", source=source)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec.replace("-sig", "")
    sample = data[:65536]
    wide = _wide_unicode(sample, http_charset)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            text = ""
        controls = sum(1 for ch in text[:20000] if ch < " " and ch not in "\n\r\t")
        if text and controls <= len(text[:20000]) // 200:  # 16-bit binary data decodes to controls
            return text, wide
    if sample.count(0) > len(sample) // 1000:  # random bytes have 0.4% NULs, text none
        raise NotText("binary data (NUL bytes), not a news page; give HTML or text", source=source)
    data = data.replace(b"\x00", b"")  # a few stray NULs in a real page: drop them
    if http_charset:
        found = _codec(http_charset)
        if found is not None and found[1] == "windows-1252" and _mostly_utf8(data):
            return _decode_utf8_mixed(data)
        decoded = _decode_as(data, http_charset)
        if decoded is not None:
            return decoded
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(sample) or _XML_ENCODING.search(sample)
    if declared:
        decoded = _decode_as(data, declared.group(1).decode("ascii", errors="ignore"))
        if decoded is not None:
            return decoded
    if _mostly_utf8(data):
        return _decode_utf8_mixed(data)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise NotText(
            "cannot tell the text encoding (binary data?); re-save the page as UTF-8",
            source=source,
        )
    if best.chaos > 0.3:
        raise NotText(
            f"the bytes look like binary data, not text (best guess {best.encoding}, "
            f"{best.chaos:.0%} noise); give HTML or text",
            source=source,
        )
    guess = str(best.encoding)
    if guess in _LATIN_SINGLE_BYTE and _plausible_windows_1252(data):
        guess = "cp1252"
    found = _codec(guess)
    codec, name = found if found is not None else (guess, guess)
    return data.decode(codec, errors="replace"), name


def _wide_unicode(sample: bytes, http_charset: str | None) -> str | None:
    """Name the UTF-16 byte order of text saved without a byte-order mark, else ``None``.

    Told by the header's charset, or by where the NULs fall: Latin-script UTF-16 has a
    NUL in every other byte (the high byte of ASCII), all on one side.

    >>> _wide_unicode("<p>Seoul talks</p>".encode("utf-16-le"), None)
    'utf-16-le'
    """
    declared = _codec(http_charset) if http_charset else None
    if declared is not None and declared[0] in ("utf-16-le", "utf-16-be"):
        return declared[0]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    if odd > pairs * 0.3 and even < pairs * 0.01:
        return "utf-16-le"
    if even > pairs * 0.3 and odd < pairs * 0.01:
        return "utf-16-be"
    return None


# Single-byte codecs for Latin-script text. Detection cannot tell them apart on a short
# page (Café in windows-1252 and in windows-1257 are the same bytes), so an undeclared
# page in one of them is read as windows-1252, the web's most common legacy encoding,
# unless that reading gives characters that do not occur in words (¹ ³ ¤ controls).
_LATIN_SINGLE_BYTE = frozenset(
    {"cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "cp775", "cp850", "cp852", "cp858", "latin_1"}
    | {f"iso8859_{n}" for n in (1, 2, 3, 4, 9, 10, 13, 14, 15, 16)}
    | {"mac_roman", "mac_latin2", "mac_iceland", "mac_turkish"}
)
_TYPOGRAPHIC = frozenset("\u00a0«»°©®·§¶€‘’‚“”„–—…•†‡‰‹›™ªº¿¡")


def _plausible_windows_1252(data: bytes) -> bool:
    """Tell whether the bytes read as windows-1252 give only letters and typography.

    >>> _plausible_windows_1252("déjà vu, “naïve”".encode("cp1252"))
    True
    >>> _plausible_windows_1252("Łódź i Kraków".encode("cp1250"))
    False
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return all(
        ch in _TYPOGRAPHIC or unicodedata.category(ch).startswith("L") for ch in set(text) if ord(ch) > 127
    )


def _read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise SourceNotFound("no such file; check the path", source=str(path)) from exc
    if size > settings.max_bytes:
        raise InputTooLarge(
            f"{size:,} bytes is over the max_bytes setting ({settings.max_bytes:,}); "
            "split the file or raise max_bytes",
            source=str(path),
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", source=str(path)) from exc
    if path.name.lower().endswith(".gz") and not path.name.lower().endswith((".warc.gz", ".arc.gz")):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
                data = handle.read(settings.max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise NotText(
                f"not a valid gzip file ({exc}); give the page uncompressed", source=str(path)
            ) from exc
        if len(data) > settings.max_bytes:
            raise InputTooLarge(
                f"over the max_bytes setting ({settings.max_bytes:,}) once uncompressed", source=str(path)
            )
    return data


def _sniff_type(text: str) -> ContentType:
    return Document.from_text(text[:4096]).content_type


def read_document(
    item: str, *, settings: Settings | None = None, source_kind: SourceKind = "file"
) -> Document:
    """Read one HTML or text page from a path, ``-`` (stdin) or a URL.

    Raises:
        CommuniqueError: the input is missing, too large, binary or empty.
    """
    settings = settings or Settings()
    if is_url(item):
        from communique.fetch import fetch_document

        return fetch_document(item, settings=settings)
    if item == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            raise InputTooLarge(f"standard input is over max_bytes ({settings.max_bytes:,})", source="-")
        text, encoding = decode_bytes(data, source="<stdin>")
        return Document(
            id=content_hash(text),
            content=text,
            content_type=_sniff_type(text),
            source="<stdin>",
            source_kind="stdin",
            encoding=encoding,
        )
    path = Path(item)
    if not path.is_file():
        raise SourceNotFound("no such file; check the path", source=item)
    data = _read_bytes(path, settings)
    text, encoding = decode_bytes(data, source=item)
    suffix = kind_suffix(path)
    content_type: ContentType
    if suffix in HTML_SUFFIXES:
        content_type = "html"
    elif suffix in TEXT_SUFFIXES:
        content_type = "text"
    else:
        content_type = _sniff_type(text)
    return Document(
        id=content_hash(text),
        content=text,
        content_type=content_type,
        source=item,
        source_kind=source_kind,
        encoding=encoding,
    )


def _jsonl_documents(path: str, settings: Settings) -> Iterator[Document | Reject]:
    try:
        data = _read_bytes(Path(path), settings)
        text, _ = decode_bytes(data, source=path)
    except CommuniqueError as exc:
        yield Reject(source=path, stage="sources", reason=str(exc))
        return
    yield from jsonl_lines_to_documents(text.splitlines(), source=path)


def jsonl_lines_to_documents(lines: Iterable[str], *, source: str) -> Iterator[Document | Reject]:
    """Parse JSON lines (``id``, ``text`` or ``html``, ``url``, ``published``) into documents."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(
                source=where, stage="sources", reason=f"not valid JSON ({exc.msg}); one object a line"
            )
            continue
        if not isinstance(record, dict):
            yield Reject(source=where, stage="sources", reason="a line must be a JSON object")
            continue
        body = record.get("html") if record.get("html") else record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Reject(
                source=where,
                stage="sources",
                reason="the line has no 'text' or 'html' string; give one of them",
            )
            continue
        content_type: ContentType = "html" if record.get("html") else "text"
        doc_id = record.get("id")
        published = record.get("published")
        url = record.get("url")
        yield Document(
            id=str(doc_id) if doc_id is not None else content_hash(body),
            content=body,
            content_type=content_type,
            source=where,
            source_kind="jsonl",
            url=str(url) if url else None,
            published_hint=str(published) if published else None,
            title_hint=str(record["title"]) if record.get("title") else None,
        )


def iter_documents(inputs: Sequence[str], *, settings: Settings | None = None) -> Iterator[Document | Reject]:
    """Yield a document (or a reject, with its reason) for everything the inputs name.

    A URL is fetched; when it turns out to be an RSS/Atom feed its items are fetched
    instead, and a URL ending in ``.warc``/``.warc.gz`` is streamed as an archive.
    All fetches of one call share one HTTP client.

    >>> [type(x).__name__ for x in iter_documents(["no/such/file.html"])]
    ['Reject']
    """
    settings = settings or Settings()
    client: httpx.Client | None = None
    try:
        for item in expand_inputs(inputs):
            if isinstance(item, Reject):
                yield item
                continue
            if client is None and is_url(item):
                from communique.fetch import make_client

                client = make_client(settings)
            try:
                yield from iter_source(item, settings=settings, client=client)
            except CommuniqueError as exc:
                yield Reject(source=item, stage="sources", reason=str(exc))
    finally:
        if client is not None:
            client.close()


def iter_source(
    item: str, *, settings: Settings | None = None, client: httpx.Client | None = None
) -> Iterator[Document | Reject]:
    """Yield the documents of one input: a page, stdin, a JSONL file, a web archive or a feed.

    A URL is fetched once and expanded by what the server sent (a feed into its items,
    an archive into its records). Items that fail inside a collection (a bad JSONL line,
    a dead feed link) are yielded as rejects; a failure of the input itself raises.

    Raises:
        CommuniqueError: the input is missing, unreadable, too large or not a page.
    """
    settings = settings or Settings()
    if is_url(item):
        if client is not None:
            yield from _url_documents(item, settings, client)
            return
        from communique.fetch import make_client

        with make_client(settings) as own_client:
            yield from _url_documents(item, settings, own_client)
        return
    suffix = "" if item == "-" else kind_suffix(item)
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(item, settings)
    elif suffix in ARCHIVE_SUFFIXES:
        from communique.warc import warc_documents

        yield from warc_documents(item, settings=settings)
    elif suffix in FEED_SUFFIXES and _looks_like_feed(item):
        from communique.feeds import feed_documents

        yield from feed_documents(item, settings=settings, client=client)
    else:
        yield read_document(item, settings=settings)


def _url_documents(url: str, settings: Settings, client: httpx.Client) -> Iterator[Document | Reject]:
    """Fetch a URL: a page, a feed (expanded into its items) or a web archive (streamed)."""
    from communique.feeds import feed_items, items_to_documents
    from communique.fetch import fetch_page, to_document

    path = urlsplit(url).path.lower()
    if path.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        from communique.warc import warc_documents

        yield from warc_documents(url, settings=settings)
        return
    fetched = fetch_page(url, settings=settings, client=client)
    if fetched.kind == "feed":
        items = feed_items(fetched.data, source=url, base_url=fetched.final_url)
        yield from items_to_documents(items, source=url, settings=settings, client=client)
    else:
        yield to_document(fetched)


def _looks_like_feed(path: str) -> bool:
    from communique.feeds import looks_like_feed

    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return looks_like_feed(head)

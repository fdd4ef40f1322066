"""The sources stage end to end: a mixed batch of good and bad inputs through iter_documents."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.local_http import LocalServer, Route, html_route
from tests.warc_builder import DATA, KOREAN, PAGE, build_archive

from communique.errors import EmptyInput, InputTooLarge, NotText, SourceNotFound
from communique.models import Document, Reject, content_hash
from communique.settings import Settings
from communique.sources import decode_bytes, expand_inputs, iter_documents, read_document

LATIN = (DATA / "legacy-latin.txt").read_text(encoding="utf-8")
LATIN_PAGE = f"<html><head><title>Pêche</title></head><body><p>{LATIN}</p></body></html>"
SETTINGS = Settings(max_bytes=1_000_000, fetch_timeout=2.0, fetch_host_delay=0.0)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    srv.route("/news/talks", html_route(PAGE))
    srv.route("/news/latin", html_route(LATIN_PAGE, charset=None, encoding="cp1252"))
    srv.route("/old-address", Route(301, b"", {"Location": "/news/talks"}))
    feed = f"""<rss version="2.0"><channel><title>Harbour</title><link>{srv.base}/</link>
      <item><title>Envoys meet</title><link>/news/talks</link>
        <pubDate>Tue, 10 Sep 2019 09:15:00 +0900</pubDate></item>
      <item><title>Removed</title><link>/news/removed</link></item>
      <item><title>Pêche</title><link>/news/latin</link></item></channel></rss>"""
    srv.route("/feed", Route(200, feed.encode(), {"Content-Type": "text/xml"}))
    srv.route("/crawl.warc.gz", Route(200, build_archive(True)[0], {"Content-Type": "application/warc"}))
    yield srv
    srv.stop()


@pytest.fixture
def batch(tmp_path: Path, server: LocalServer) -> list[str]:
    """A batch with a good page after each kind of bad input."""
    (tmp_path / "talks.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    with open(tmp_path / "huge.html", "wb") as handle:  # 50 MB, sparse: no real disk use
        handle.truncate(50_000_000)
    (tmp_path / "latin.html").write_bytes(LATIN_PAGE.encode("cp1252"))
    (tmp_path / "korean.txt").write_bytes(KOREAN.encode("euc-kr"))
    data, offsets = build_archive(True)
    (tmp_path / "broken.warc.gz").write_bytes(data[: (offsets[5] + offsets[6]) // 2])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    return [
        str(tmp_path / "talks.html"),
        str(tmp_path / "photo.html"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "huge.html"),
        str(tmp_path / "latin.html"),
        str(tmp_path / "no-such-page.html"),
        str(tmp_path / "broken.warc.gz"),
        str(tmp_path / "crawl.warc.gz"),
        str(tmp_path / "korean.txt"),
        server.url("/old-address"),
        server.url("/feed"),
        server.url("/gone"),
        server.url("/crawl.warc.gz"),
    ]


def test_mixed_batch_every_good_page_out_every_bad_one_rejected(
    batch: list[str], server: LocalServer
) -> None:
    out = list(iter_documents(batch, settings=SETTINGS))
    docs = [x for x in out if isinstance(x, Document)]
    rejects = {r.source: r.reason for r in out if isinstance(r, Reject)}
    tmp = Path(batch[0]).parent

    kinds = [(d.source_kind, d.url or Path(d.source).name) for d in docs]
    archive = [("warc", f"https://news.example/{page}") for page in ("talks", "seoul", "gz")]
    assert kinds == [
        ("file", "talks.html"),
        ("file", "latin.html"),
        ("warc", "https://news.example/talks"),  # the cut archive keeps the record before the cut
        *archive,
        ("file", "korean.txt"),
        ("url", server.url("/news/talks")),
        ("feed", server.url("/news/talks")),
        ("feed", server.url("/news/latin")),
        *archive,
    ]
    contents = [d.content for d in docs]
    assert contents.count(PAGE) == 6 and contents.count(LATIN_PAGE) == 2 and KOREAN in contents
    assert all(d.id == content_hash(d.content) for d in docs)

    assert "NUL bytes" in rejects[str(tmp / "photo.html")]
    assert "empty" in rejects[str(tmp / "empty.txt")]
    assert (
        "50,000,000 bytes" in rejects[str(tmp / "huge.html")]
        and "max_bytes" in rejects[str(tmp / "huge.html")]
    )
    assert "no such file" in rejects[str(tmp / "no-such-page.html")]
    (cut,) = [reason for source, reason in rejects.items() if source.startswith(str(tmp / "broken.warc.gz"))]
    assert "cut short" in cut and "offset" in cut
    assert "404" in rejects[server.url("/gone")]
    assert "404" in rejects[server.url("/feed") + "#2"]
    assert len(rejects) == 7


def test_url_documents(batch: list[str], server: LocalServer) -> None:
    out = list(iter_documents([server.url("/old-address"), server.url("/feed")], settings=SETTINGS))
    redirected, item1, dead, item3 = out
    assert isinstance(redirected, Document) and redirected.url == server.url("/news/talks")
    assert redirected.source == server.url("/old-address") and redirected.source_kind == "url"
    assert isinstance(item1, Document) and item1.source_kind == "feed"
    assert item1.published_hint == "2019-09-10T09:15:00+09:00" and item1.title_hint == "Envoys meet"
    assert isinstance(dead, Reject)
    assert isinstance(item3, Document) and item3.content == LATIN_PAGE and item3.encoding == "windows-1252"


def test_directory_and_glob_expansion(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("A scraped article body.\n" * 3)
    (tmp_path / "sub" / "c.warc.gz").write_bytes(build_archive(True)[0])
    (tmp_path / "sub" / "ignored.png").write_bytes(b"\x89PNG")
    assert list(expand_inputs([str(tmp_path)])) == [
        str(tmp_path / "a.html"),
        str(tmp_path / "sub" / "b.txt"),
        str(tmp_path / "sub" / "c.warc.gz"),
    ]
    assert list(expand_inputs([str(tmp_path / "*.html")])) == [str(tmp_path / "a.html")]
    (reject,) = list(expand_inputs([str(tmp_path / "*.json")]))
    assert isinstance(reject, Reject) and "matches no file" in reject.reason
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    (reject,) = list(expand_inputs([str(empty)]))
    assert isinstance(reject, Reject) and "no news files" in reject.reason


def test_jsonl_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a1", "text": "Scraped body.", "url": "https://x.example/a", "published": "2019-09-09"}
        ),
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps({"html": PAGE, "title": "Envoys"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    first, bad, empty, html = list(iter_documents([str(path)]))
    assert isinstance(first, Document) and first.id == "a1" and first.published_hint == "2019-09-09"
    assert isinstance(bad, Reject) and bad.source == f"{path}:2" and "not valid JSON" in bad.reason
    assert isinstance(empty, Reject) and "'text' or 'html'" in empty.reason
    assert isinstance(html, Document) and html.content_type == "html" and html.id == content_hash(PAGE)


def test_gzipped_page_and_bad_gzip(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "bad.html.gz").write_bytes(b"not gzip at all")
    good, bad = list(iter_documents([str(tmp_path / "page.html.gz"), str(tmp_path / "bad.html.gz")]))
    assert isinstance(good, Document) and good.content == PAGE and good.content_type == "html"
    assert isinstance(bad, Reject) and "gzip" in bad.reason


def test_read_document_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound):
        read_document(str(tmp_path / "missing.html"))
    (tmp_path / "blank.txt").write_text("   \n\n")
    with pytest.raises(EmptyInput):
        read_document(str(tmp_path / "blank.txt"))
    (tmp_path / "big.txt").write_text("word " * 1000)
    with pytest.raises(InputTooLarge):
        read_document(str(tmp_path / "big.txt"), settings=Settings(max_bytes=100))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(LATIN.encode("cp1252"))

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    (doc,) = list(iter_documents(["-"]))
    assert isinstance(doc, Document) and doc.content == LATIN and doc.source_kind == "stdin"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInput, "empty"),
        (bytes(range(256)) * 8, NotText, "binary"),
    ],
)
def test_decode_rejects(data: bytes, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        decode_bytes(data, source="x")


def test_decode_order_bom_header_meta() -> None:
    page = '<meta charset="euc-kr"><p>' + KOREAN + "</p>"
    assert decode_bytes(page.encode("euc-kr"), source="x") == (page, "euc-kr")
    # a header charset that does not fit the bytes is ignored, the meta wins
    assert decode_bytes(page.encode("euc-kr"), source="x", http_charset="utf-8") == (page, "euc-kr")
    # a lying meta is ignored too
    lying = '<meta charset="utf-8"><p>' + LATIN + "</p>"
    assert decode_bytes(lying.encode("cp1252"), source="x")[0] == lying
    assert decode_bytes(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", source="x") == ("<p>café</p>", "utf-8")


def test_euc_kr_label_reads_cp949_extension_syllables() -> None:
    # 똠 is outside EUC-KR proper; pages labelled euc-kr use the CP949 bytes, as browsers accept.
    page = "<p>똠방각하 " + KOREAN + "</p>"
    assert decode_bytes(page.encode("cp949"), source="x", http_charset="euc-kr") == (page, "euc-kr")
    meta = '<meta charset="ks_c_5601-1987">' + page
    assert decode_bytes(meta.encode("cp949"), source="x") == (meta, "euc-kr")


def test_utf8_page_with_a_few_windows_1252_bytes() -> None:
    # a UTF-8 page whose alt text was pasted in windows-1252: keep the UTF-8, repair the rest
    page = '<meta charset="utf-8"><p>Grüße aus Köln – „Frühstück“</p>'.encode()
    page += '<img alt="Küchenblogs">'.encode("cp1252")
    text, encoding = decode_bytes(page, source="x")
    assert text == '<meta charset="utf-8"><p>Grüße aus Köln – „Frühstück“</p><img alt="Küchenblogs">'
    assert encoding == "utf-8+windows-1252"


def test_stray_nul_bytes_in_a_real_page_are_dropped() -> None:
    # as in a real page seen in the extraction benchmarks: 22 NULs in 190 KB of HTML
    page = (
        b"<html><body><p>" + b"A long paragraph of news text. " * 1500 + b"\x00" * 22 + b"</p></body></html>"
    )
    text, _ = decode_bytes(page, source="x")
    assert "\x00" not in text and text.count("news text") == 1500


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_read(codec: str) -> None:
    page = "<html><body><p>Choe Son-hui warned Washington on Monday.</p><p>서울</p></body></html>"
    assert decode_bytes(page.encode(codec), source="page.html") == (page, codec)


def test_sixteen_bit_binary_is_still_binary() -> None:
    import struct

    samples = struct.pack("<2000h", *[(i * 37) % 200 for i in range(2000)])  # 16-bit audio-like data
    with pytest.raises(NotText, match="binary"):
        decode_bytes(samples, source="clip.html")

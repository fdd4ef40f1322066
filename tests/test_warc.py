"""Reading WARC / WARC.gz archives built here with warcio's writer, including broken ones."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.local_http import LocalServer, Route, serve
from tests.warc_builder import KOREAN_PAGE, PAGE, build_archive
from warcio.warcwriter import WARCWriter

from communique.models import Document, Reject, content_hash
from communique.settings import Settings
from communique.warc import warc_documents


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _split(items: list[Document | Reject]) -> tuple[list[Document], list[Reject]]:
    return [d for d in items if isinstance(d, Document)], [r for r in items if isinstance(r, Reject)]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_html_responses_become_documents(tmp_path: Path, gz: bool) -> None:
    data, offsets = build_archive(gz)
    path = _write(tmp_path, "crawl.warc.gz" if gz else "crawl.warc", data)
    docs, rejects = _split(list(warc_documents(path, settings=Settings())))
    assert rejects == []
    assert [d.url for d in docs] == [
        "https://news.example/talks",
        "https://news.example/seoul",
        "https://news.example/gz",
    ]
    talks, seoul, unzipped = docs
    assert talks.content == PAGE and talks.content_type == "html" and talks.source_kind == "warc"
    assert talks.id == content_hash(PAGE)
    assert talks.fetched_at == "2019-09-09T08:32:00+00:00"
    assert talks.published_hint is None
    assert talks.source == f"{path}@{offsets[1]}"
    assert seoul.content == KOREAN_PAGE and seoul.encoding == "euc-kr"
    assert "Wednesday" in unzipped.content


def test_resource_record_with_html(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    record = writer.create_warc_record(
        "file:///saved/page.html",
        "resource",
        payload=io.BytesIO(PAGE.encode()),
        warc_content_type="text/html",
    )
    writer.write_record(record)
    docs, rejects = _split(list(warc_documents(_write(tmp_path, "saved.warc", buffer.getvalue()))))
    assert rejects == [] and [d.content for d in docs] == [PAGE]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_truncated_archive_keeps_earlier_records(tmp_path: Path, gz: bool) -> None:
    data, offsets = build_archive(gz)
    # cut in the middle of the euc-kr page, the 6th record
    cut = (offsets[5] + offsets[6]) // 2
    path = _write(tmp_path, "cut.warc.gz" if gz else "cut.warc", data[:cut])
    docs, rejects = _split(list(warc_documents(path)))
    assert [d.url for d in docs] == ["https://news.example/talks"]
    assert len(rejects) == 1
    reason = rejects[0].reason
    assert "cut short" in reason and path in reason and f"{offsets[5]:,}" in reason
    assert rejects[0].source == f"{path}@{offsets[5]}"


def test_garbage_in_the_middle_stops_with_offset(tmp_path: Path) -> None:
    data, offsets = build_archive(False)
    broken = data[: offsets[2]] + b"this is not a WARC record\r\n\r\n" + data[offsets[2] :]
    path = _write(tmp_path, "garbage.warc", broken)
    docs, rejects = _split(list(warc_documents(path)))
    assert [d.url for d in docs] == ["https://news.example/talks"]
    assert len(rejects) == 1
    assert "corrupt" in rejects[0].reason and f"{offsets[2]:,}" in rejects[0].reason


def test_not_an_archive_at_all(tmp_path: Path) -> None:
    path = _write(tmp_path, "fake.warc.gz", gzip.compress(b"hello, this is just text\n" * 10))
    docs, rejects = _split(list(warc_documents(path)))
    assert docs == [] and len(rejects) == 1 and "corrupt" in rejects[0].reason


def test_page_over_max_bytes_is_rejected_and_the_rest_go_on(tmp_path: Path) -> None:
    data, _ = build_archive(True)
    path = _write(tmp_path, "crawl.warc.gz", data)
    docs, rejects = _split(
        list(warc_documents(path, settings=Settings(max_bytes=len(KOREAN_PAGE.encode("euc-kr")) + 10)))
    )
    assert [d.url for d in docs] == ["https://news.example/seoul"]
    assert len(rejects) == 2 and all("max_bytes" in r.reason for r in rejects)


def test_missing_file(tmp_path: Path) -> None:
    (reject,) = list(warc_documents(str(tmp_path / "nope.warc.gz")))
    assert isinstance(reject, Reject) and "no such file" in reject.reason


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    yield from serve()


def test_archive_streamed_from_a_url(server: LocalServer) -> None:
    data, _ = build_archive(True)
    url = server.route("/crawl.warc.gz", Route(200, data, {"Content-Type": "application/warc"}))
    docs, rejects = _split(list(warc_documents(url)))
    assert rejects == [] and len(docs) == 3
    assert docs[0].source.startswith(url + "@")

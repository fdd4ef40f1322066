"""The scraped-text path: the seed page and scraped pages in several site layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.errors import CommuniqueError, EmptyInput, ExtractionError
from communique.extract import extract
from communique.models import Document

DATA = Path(__file__).parent / "data" / "extract"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "hankyoreh-2019-09-09-editorial.txt"


def _text_doc(content: str, source: str = "<test>") -> Document:
    return Document.from_text(content, content_type="text", source=source)


def _load(name: str) -> Document:
    path = DATA / name
    return _text_doc(path.read_text(encoding="utf-8"), source=str(path))


@pytest.mark.shared
def test_seed_page() -> None:
    if not SEED.is_file():
        pytest.skip("shared seed page not available")
    art = extract(_text_doc(SEED.read_text(encoding="utf-8"), source=str(SEED)))
    assert art.published == "2019-09-09T17:32:00+09:00"
    assert art.published_source == "dateline"
    assert art.modified == "2019-09-09T17:35:00+09:00"
    assert len(art.captions) == 1
    assert art.captions[0].credit == "Blue House photo pool"
    assert art.captions[0].text.startswith("US Secretary of State Mike Pompeo")
    # The page has four paragraphs of running text between the caption and the contact line.
    assert len(art.paragraphs) == 4
    assert art.paragraphs[0].text.startswith("The US has made a series of appeals")
    assert art.paragraphs[-1].text.endswith("leaving both sides the poorer for it.")
    assert "Blue House photo pool" not in art.text
    assert art.contact is not None and "english@hani.co.kr" in art.contact
    lowered = art.text.lower()
    for furniture in ("original", "related stories", "오피니언", "multimedia", "most viewed", "hot issue"):
        assert furniture not in lowered
    assert "english@hani.co.kr" not in art.text
    assert art.language == "en"
    assert art.extractor == "extract.scraped.v1"
    for span in art.paragraphs:
        assert art.text[span.start : span.end] == span.text


def test_us_wire_layout() -> None:
    art = extract(_load("us_wire.txt"))
    assert art.title == "Harbor city council approves flood barrier after years of debate"
    assert art.authors == ("Maria Lopez", "Daniel Okafor")
    assert art.modified == "2019-09-09T15:04:00-04:00"
    assert art.captions[0].credit == "AP Photo/Sam Reyes"
    assert len(art.paragraphs) == 4
    for junk in ("Read more", "Advertisement", "Share this", "Copyright", "Most Popular", "Ferry fares"):
        assert junk not in art.text
    assert art.contact is None


def test_uk_layout_with_standfirst_and_subheading() -> None:
    art = extract(_load("uk_daily.txt"))
    assert art.title == "Ministers agree new rules on fishing quotas after all-night talks"
    assert art.standfirst is not None and art.standfirst.startswith("Fisheries ministers reached a deal")
    assert art.authors == ("Anna Whitfield",)
    assert art.published == "2019-09-09T17:32:00+01:00"
    assert art.modified == "2019-09-10T09:15:00+01:00"
    assert art.captions[0].credit == "Carl Benson/Reuters"
    assert "What happens next" in art.text  # a subheading inside the body stays
    for junk in ("Share on", "Sign up", "Topics", "Reuse this content", "Photo:"):
        assert junk not in art.text


def test_hard_wrapped_text_is_rejoined() -> None:
    art = extract(_load("tokyo_wrapped.txt"))
    assert art.title == "Rail operator to test driverless trains on rural line"
    assert len(art.paragraphs) == 3
    assert "\n" not in art.paragraphs[0].text
    assert art.published == "2019-09-10T08:15:00+09:00"
    assert art.captions[0].credit == "Kyodo"
    assert art.contact == "Contact: newsdesk@example.org"
    assert "ランキング" not in art.text


def test_korean_page_records_language() -> None:
    art = extract(_load("korean.txt"))
    assert art.language == "ko"
    assert art.published == "2019-09-09T17:32:00"
    assert art.modified == "2019-09-09T17:35:00"
    assert "많이 본 기사" not in art.text


def test_empty_and_whitespace_input() -> None:
    with pytest.raises(EmptyInput):
        extract(_text_doc(""))
    with pytest.raises(EmptyInput):
        extract(_text_doc("  \n\n \t"))


def test_navigation_only_page_has_no_body() -> None:
    page = "Home\nWorld\nSports\nSign in\nSubscribe\n© 2019 Example Media\n"
    with pytest.raises(ExtractionError) as info:
        extract(_text_doc(page, source="nav.txt"))
    assert info.value.source == "nav.txt"
    assert "no article body" in str(info.value)


def test_binary_garbage_gives_a_clear_error() -> None:
    garbage = "".join(chr(c) for c in range(0, 32)) * 40 + "\ufffd\x00\x01PK\x03\x04" * 200
    with pytest.raises(ExtractionError):
        extract(_text_doc(garbage))


def test_huge_text_is_linear() -> None:
    import time

    paragraph = "The committee met again on Tuesday and agreed to publish its findings next week. " * 4
    page = ("\n\n".join([paragraph] * 3000)) + "\n" + "a" * 200_000
    began = time.perf_counter()
    art = extract(_text_doc(page))
    assert time.perf_counter() - began < 20
    assert len(art.paragraphs) >= 3000


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["html", "text"]))
def test_any_input_gives_an_article_or_a_clear_error(content: str, kind: str) -> None:
    doc = Document.from_text(content, content_type=kind)  # type: ignore[arg-type]
    try:
        art = extract(doc)
    except CommuniqueError:
        return
    for span in art.paragraphs:
        assert art.text[span.start : span.end] == span.text

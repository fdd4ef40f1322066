"""Scraped-text path: field datelines, breadcrumbs, lead captions with bare credits, hyphenated bylines."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.extract import extract
from communique.extract.scraped import _dateline_fields, _is_breadcrumb, _names
from communique.models import Document
from communique.sources import read_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

_BODY = (
    "The regional assembly voted on Tuesday to fund a new tram line across the river, ending a dispute "
    "that had stalled the project for four years.\n\n"
    "Supporters said the line would cut commuting times for tens of thousands of people living in the "
    "eastern districts, while opponents warned about the cost.\n\n"
    "Construction is expected to begin next spring and the first trams should run within three years, "
    "according to the transport office.\n"
)


def _doc(content: str) -> Document:
    return Document.from_text(content, content_type="text", source="<test>")


def test_field_dateline_under_headline_is_parsed_not_glued() -> None:
    page = (
        "Menu\n\n"
        "Assembly backs tram line over the river after long stand-off\n"
        "Local Politics | October 14, 2025 | 9:05 AM CDT\n\n" + _BODY + "\nShare this article\n"
    )
    art = extract(_doc(page))
    assert art.title == "Assembly backs tram line over the river after long stand-off"
    assert art.published == "2025-10-14T09:05:00-05:00"
    assert art.section == "Local Politics"
    assert art.published_source == "dateline"
    assert "October 14" not in art.text
    assert len(art.paragraphs) == 3


def test_bullet_byline_dateline_with_relative_time() -> None:
    page = (
        "Assembly backs tram line over the river\n"
        "By Lena Marquez-Ortiz • 3 hours ago • Updated Oct. 14, 2025\n\n" + _BODY
    )
    art = extract(_doc(page))
    assert art.title == "Assembly backs tram line over the river"
    assert art.authors == ("Lena Marquez-Ortiz",)
    assert art.published is not None and art.published.startswith("2025-10-14")


def test_slash_breadcrumb_is_not_the_title_and_lead_caption_is_taken() -> None:
    page = (
        "News / Cities / Transport\n\n"
        "Tram line approved\n\n"
        "Posted: 14 October 2025 10:20 BST\n\n"
        "A tram crosses the old bridge in the city centre during a trial run last year. "
        "(City Transit Office)\n\n" + _BODY + "\nBy Tomás Ferreira-Lima (tferreira@example-gazette.org)\n"
    )
    art = extract(_doc(page))
    assert art.title == "Tram line approved"
    assert art.published == "2025-10-14T10:20:00+01:00"
    assert len(art.captions) == 1
    assert art.captions[0].credit == "City Transit Office"
    assert art.captions[0].text.endswith("during a trial run last year.")
    assert "City Transit Office" not in art.text
    assert art.paragraphs[0].text.startswith("The regional assembly voted")
    assert art.authors == ("Tomás Ferreira-Lima",)
    assert art.contact == "tferreira@example-gazette.org"


def test_bracketed_remark_in_first_paragraph_without_dateline_stays_body() -> None:
    # Without a dateline or byline above it, a first paragraph ending in brackets is body text.
    page = (
        "Tram line approved\n\n"
        "The assembly approved the tram line after a debate that ran late into the night, with members "
        "of every party speaking at least once before the final vote. (Details below)\n\n" + _BODY
    )
    art = extract(_doc(page))
    assert art.captions == ()
    assert art.paragraphs[0].text.endswith("(Details below)")


def test_short_closing_paragraphs_stay_in_the_body() -> None:
    page = (
        "Tram line approved after four-year row\n\nHome | News | City\n\n"
        + _BODY
        + "\nNo one voted against.\n\n“We will build it,” the mayor said.\n\n“It is done.”\n\n"
        "Share this article\n\nSign up for our newsletter\n"
    )
    text = extract(_doc(page)).text
    assert text.endswith("No one voted against.\n\n“We will build it,” the mayor said.\n\n“It is done.”")
    assert "Share this" not in text and "newsletter" not in text


def test_helpers() -> None:
    assert _is_breadcrumb("Home › Sport › Football")
    assert not _is_breadcrumb("Prices rise / Markets fall")  # two items joined by a slash: a headline
    assert not _is_breadcrumb("Ministers meet in Geneva > talks continue into the night.")
    assert _dateline_fields("Business | 12 May 2024 | 14:30 GMT") == (True, "Business")
    assert _dateline_fields("Oil prices rise | Markets brace for winter") == (False, None)
    assert _names("By Kim Tong-hyung and Lee Su-jin") == ["Kim Tong-hyung", "Lee Su-jin"]
    assert _names("Kim Tong-hyung in Seoul") == ["Kim Tong-hyung"]


def test_un_general_assembly_example() -> None:
    path = EXAMPLES / "scraped-2022-03-02-un-general-assembly-vote.txt"
    if not path.is_file():
        pytest.skip("example page not available")
    art = extract(read_document(str(path)))
    assert art.title == "UN General Assembly demands Russia withdraw from Ukraine"
    assert art.published == "2022-03-02T17:48:00-05:00"
    assert art.section == "World News"
    assert art.captions and art.captions[0].credit == "UN Photo/Staff"
    assert art.paragraphs[0].text.startswith("The UN General Assembly voted")


def test_panmunjom_summit_example() -> None:
    path = EXAMPLES / "scraped-2018-04-27-panmunjom-summit.txt"
    if not path.is_file():
        pytest.skip("example page not available")
    art = extract(read_document(str(path)))
    assert art.title == "Leaders of two Koreas pledge to end war at border summit"
    assert art.published == "2018-04-27T21:10:00+09:00"
    assert art.modified == "2018-04-27T22:55:00+09:00"
    assert len(art.captions) == 1 and art.captions[0].credit == "Joint Press Corps"
    assert art.captions[0].text.endswith("at the truce village of Panmunjom on Friday.")
    assert "(Joint Press Corps)" not in art.text
    assert art.paragraphs[0].text.startswith("South Korean President Moon Jae-in and North Korean leader")
    assert "agreed on Friday" in art.paragraphs[0].text
    assert art.authors == ("Park Ji-won",)
    assert art.contact == "jwpark@example-herald.kr"

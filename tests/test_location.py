"""Event locations: the place the event's own clause names, through the parse; stored and exported."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.events.location import place_country
from communique.export import export_rows
from communique.models import CodedArticle, Document
from communique.store import open_store


def _code(pipeline, text: str) -> CodedArticle:  # type: ignore[no-untyped-def]
    return pipeline.code(Document.from_text(text, published_hint="2019-03-01"))


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("North Korean leader Kim Jong Un met President Donald Trump in Hanoi on Thursday.", "Hanoi", "VNM"),
        ("China and Japan held talks in Geneva last week.", "Geneva", "CHE"),
        ("Rebels attacked a government convoy near Aleppo on Sunday.", "Aleppo", "SYR"),
        ("The Russian foreign minister criticized NATO at a news conference in Moscow.", "Moscow", "RUS"),
    ],
)
def test_the_clause_names_the_place(pipeline, text: str, place: str, country: str | None) -> None:  # type: ignore[no-untyped-def]
    coded = _code(pipeline, text)
    assert coded.events, "no event coded"
    located = [e for e in coded.events if e.location is not None]
    assert located, [e.event_type for e in coded.events]
    event = located[0]
    assert event.location is not None
    assert event.location.text == place
    assert text[event.location.start : event.location.end] == place
    assert event.location_country == country


def test_no_place_in_the_clause_gives_none(pipeline) -> None:  # type: ignore[no-untyped-def]
    # the place belongs to the reporting clause, not to the reported attack
    coded = _code(pipeline, "Speaking in Washington, Pompeo said Iran attacked two tankers.")
    attacks = [e for e in coded.events if e.event_type == "ASSAULT"]
    assert attacks and all(e.location is None for e in attacks)
    coded = _code(pipeline, "China criticized Japan on Monday for its whaling in the Antarctic waters.")
    assert coded.events and all(e.location is None for e in coded.events)


def test_place_country_only_for_countries_and_capitals(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert place_country(pipeline.kb, "Pyongyang") == "PRK"
    assert place_country(pipeline.kb, "South Korea") == "KOR"
    assert place_country(pipeline.kb, "Mike Pompeo") is None  # a person, not a place
    assert place_country(pipeline.kb, "") is None


def test_location_is_stored_and_exported(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coded = _code(
        pipeline, "North Korean leader Kim Jong Un met President Donald Trump in Hanoi on Thursday."
    )
    with open_store(tmp_path / "loc.db") as store:
        store.add(coded)
        (stored,) = [e for e in store.events() if e.location]
        assert (stored.location, stored.location_country) == ("Hanoi", "VNM")
        assert store.article(coded.article.id) == coded  # lossless, location included
        (row,) = [r for r in export_rows(store) if r["ActionGeo_FullName"]]
        assert row["ActionGeo_CountryCode"] == "VNM"


def test_a_short_english_sentence_is_not_skipped_as_another_language(pipeline) -> None:  # type: ignore[no-untyped-def]
    from communique.extract.language import detect_language

    text = "North Korean leader Kim Jong Un met President Donald Trump in Hanoi on Thursday."
    assert detect_language(text) in (None, "en")
    assert _code(pipeline, text).skipped is None

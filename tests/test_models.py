"""The data model: frozen records and lossless JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.models import (
    Actor,
    Article,
    Caption,
    CodedArticle,
    Event,
    Mention,
    Quote,
    Span,
    Timex,
    content_hash,
    granularity_of,
    to_dict,
)

texts = st.text(min_size=0, max_size=40)


@st.composite
def coded_articles(draw: st.DrawFn) -> CodedArticle:
    text = draw(st.text(min_size=1, max_size=200))
    span = Span(0, len(text), text)
    article = Article(
        id=content_hash(text),
        text=text,
        paragraphs=(span,),
        source=draw(texts),
        title=draw(st.none() | texts),
        authors=tuple(draw(st.lists(texts, max_size=3))),
        captions=tuple(Caption(draw(texts), draw(st.none() | texts)) for _ in range(draw(st.integers(0, 2)))),
        published=draw(st.none() | st.just("2019-09-09T17:32:00+09:00")),
    )
    mention = Mention(0, 1, text[:1], "A1", 0, "surname")
    actor = Actor("A1", draw(texts), draw(st.none() | st.just("PRK")), "GOV", (mention,), kind="person")
    event = Event(
        "E1", "REQUEST", ("A1",), (), span, Span(0, 1, text[:1]),
        context=tuple(draw(st.lists(texts, max_size=2))), negated=draw(st.booleans()),
        confidence=draw(st.floats(0, 1)), date_source="text",
    )  # fmt: skip
    quote = Quote("Q1", span, None, "indirect", speaker=Span(0, 1, text[:1]), speaker_actor_id="A1")
    timex = Timex("T1", 0, 1, text[:1], "DATE", None, reason="no anchor")
    return CodedArticle(article, (actor,), (timex,), (quote,), (event,), document_id=draw(st.none() | texts))


@given(coded_articles())
def test_json_round_trip_is_lossless(coded: CodedArticle) -> None:
    data = json.loads(json.dumps(to_dict(coded)))
    assert CodedArticle.from_dict(data) == coded


def test_records_are_frozen() -> None:
    span = Span(0, 2, "ab")
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 1  # type: ignore[misc]


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown fields for Caption: \['colour'\]"):
        Caption.from_dict({"text": "a", "credit": None, "colour": "red"})


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019-09-06", "day"), ("2019-08", "month"), ("2019", "year"), ("2019-W36", "week"),
     ("2019-09-06T17:32", "minute"), ("PAST_REF", None), ("P1Y", None), (None, None)],
)  # fmt: skip
def test_granularity(value: str | None, expected: str | None) -> None:
    assert granularity_of(value) == expected

"""What the coder leaves out of ordinary news (``communique.events.scope``).

Every sentence here is our own. The whole pipeline codes each page, so the actors are
what the actors stage finds.
"""

from __future__ import annotations

import pytest

from communique.events.scope import political, reduced_relative, sports_page
from communique.models import Actor, CodedArticle, Document

FILLER = " This sentence is only here so that the page has enough running text to be read as an article."


def _code(pipeline, text: str) -> CodedArticle:  # type: ignore[no-untyped-def]
    return pipeline.code(Document.from_text(text + FILLER, published_hint="2024-05-06", content_type="text"))


def _types(pipeline, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.event_type for e in _code(pipeline, text).events if not e.negated]


def test_a_political_actor_is_a_political_code_an_igo_or_a_country() -> None:
    assert political(Actor("A", "Ministry of Defence", "GBR", "MIL", ()))
    assert political(Actor("B", "United Nations", "IGO", None, (), kind="igo"))
    assert political(Actor("C", "Peru", "PER", None, (), kind="country"))
    assert not political(Actor("C", "Peru", "PER", None, (), kind="country"), countries=False)
    assert not political(Actor("D", "Acme", "USA", "BUS", (), kind="organization"))
    assert not political(Actor("E", "A singer", "USA", None, (), kind="person"))
    assert not political(None)


@pytest.mark.parametrize(
    "text",
    [
        # business, software and entertainment: no political actor on either side
        "The streaming service will offer viewers a cheaper plan with advertising next month.",
        "Microsoft said its new console would support older games.",
        "The band's drummer broke his wrist before the tour and will miss three concerts.",
        # whoever dies is a victim, never the source of an attack
        "Three Bolivian miners and a Chilean engineer died in the town of Potosi on Monday.",
        # a dictionary verb with no recipient and a lone source
        "Canada still has plenty of room left in its budget, the economists wrote.",
    ],
)
def test_acts_outside_politics_are_not_events(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("The Peruvian government accused Chile of violating the fishing agreement.", "ACCUSE"),
        ("Police arrested the opposition leader in Lima on Tuesday.", "COERCE"),
        ("Iranian forces attacked two oil tankers in the Gulf of Oman on Thursday.", "ASSAULT"),
    ],
)
def test_political_acts_are_still_events(pipeline, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert etype in _types(pipeline, text)


def test_a_participle_describing_a_noun_is_not_an_act(pipeline, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The fund, led by a former Chilean minister, bought the hotel.")
    led = next(t for t in doc if t.text == "led")
    assert reduced_relative(led)
    assert "COOPERATE" not in _types(pipeline, doc.text)


def test_a_place_of_talks_is_their_location_not_a_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    coded = _code(pipeline, "The Japanese and South Korean foreign ministers held talks in Hanoi on Monday.")
    (talks,) = [e for e in coded.events if e.event_type == "CONSULT"]
    codes = {coded.actor(a).code for a in talks.source_actor_ids}  # type: ignore[union-attr]
    assert codes == {"JPNGOV", "KORGOV"}
    assert talks.location is not None and talks.location.text == "Hanoi"


def test_the_place_of_a_meeting_is_not_its_recipient(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Chilean and Peruvian presidents will meet in Lima on Friday to talk about fishing."
    coded = _code(pipeline, text)
    meetings = [e for e in coded.events if e.event_type in {"CONSULT", "AGREE"}]
    assert meetings
    for event in meetings:
        assert all(coded.actor(a).sector != "CVL" for a in event.target_actor_ids)  # type: ignore[union-attr]
    # a visit is to its host: "arrived in X" keeps X (CAMEO 042)
    coded = _code(pipeline, "The Chilean foreign minister arrived in Peru on Friday for a three-day visit.")
    assert any(e.target_actor_ids for e in coded.events if e.event_type == "CONSULT")


SPORTS = (
    "Brazil beat Argentina 2-1 in the World Cup qualifier on Tuesday night. The striker scored twice "
    "in the second half, and the goalkeeper saved a penalty late in the match. The coach said the "
    "team would rest three players before the next game of the season, a home match against Peru."
)


def test_on_a_sports_page_a_country_is_a_team(pipeline, nlp, lexicon) -> None:  # type: ignore[no-untyped-def]
    assert sports_page(nlp(SPORTS), lexicon.words)
    assert not sports_page(nlp("Brazil and Argentina signed a trade agreement on Tuesday."), lexicon.words)
    assert _code(pipeline, SPORTS).events == ()

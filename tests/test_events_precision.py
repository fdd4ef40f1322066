"""Rules against false events on ordinary pages (``bench/precision.py``, round of 2026-11-29).

Every sentence here is our own. The whole pipeline codes each page, so the actors are what
the actors stage finds.
"""

from __future__ import annotations

from typing import Any

import pytest

from communique.models import Document

FILLER = " This sentence is only here so that the page has enough running text to be read as an article."


def _types(pipeline: Any, text: str) -> list[str]:
    doc = Document.from_text(text + FILLER, published_hint="2024-05-06", content_type="text")
    return [e.event_type for e in pipeline.code(doc).events if not e.negated]


@pytest.mark.parametrize(
    "text",
    [
        # a country named only as where something happened does not make an act political
        "A hiker was found dead near his tent in Norway last week.",
        "The retired banker has contributed to the music scene in Austria for decades.",
        # an agentless passive of a verb that is no violence is no attack on its subject
        "The Brazilian start-up was launched last year to sell cheaper solar panels.",
        # "face" is no meeting, a bare "take" no seizure, "demonstrate" with an object no protest
        "Madrid and Valencia face lows of two degrees on Wednesday, forecasters said.",
        "The Mexican quartet plays on Sundays and they take requests from the audience.",
        "Chilean and Peruvian leaders demonstrated a willingness to compromise.",
        # fighting a thing is no attack
        "Portugal is battling an outbreak of measles in its southern provinces.",
    ],
)
def test_ordinary_sentences_give_no_event(pipeline: Any, text: str) -> None:
    assert _types(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # the place of a protest is the authority it is aimed at
        ("Hundreds of prisoners rioted at a jail in northern Chile on Monday.", "PROTEST"),
        # a place that says whose the subject is still names the actor's country
        ("Unions in Kenya called off their strike on Sunday after talks with the government.", "CONCEDE"),
        # agentless passives of violence stay attacks
        ("Two Colombian soldiers were shot near the border with Venezuela on Friday.", "ASSAULT"),
        # real protests, seizures and attacks keep their codes
        ("Thousands of students demonstrated against the Peruvian government in Lima on Monday.", "PROTEST"),
        ("Iraqi rebels took control of the town of Mosul on Monday.", "COERCE"),
        ("Russian jets bombed a bridge near the Ukrainian border on Tuesday.", "ASSAULT"),
    ],
)
def test_political_events_are_kept(pipeline: Any, text: str, etype: str) -> None:
    assert etype in _types(pipeline, text)

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
        # an agentless passive of a verb that is no violence is no attack on its subject
        "The new Brazilian airline was launched last year with six leased jets.",
        # "face" is no meeting, a bare "take" no seizure, "demonstrate" with an object no protest
        "Madrid and Valencia face a cold and windy week, forecasters said.",
        "The Chilean embassy takes visa requests only on Mondays and Thursdays.",
        "Chilean election officials demonstrated the new voting machines to foreign observers.",
        # fighting a thing is no attack
        "Portugal is battling a measles outbreak in its southern provinces.",
    ],
)
def test_ordinary_sentences_give_no_event(pipeline: Any, text: str) -> None:
    assert _types(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # a place in the sentence still makes a protest, an arrest or a concession political
        ("Hundreds of prisoners rioted at a jail in northern Chile on Monday.", "PROTEST"),
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

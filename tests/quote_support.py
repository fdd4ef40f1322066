"""What the quote tests share: code a passage through the pipeline, find one quote, its speaker's actor."""

from __future__ import annotations

from typing import Any

from communique.models import Actor, CodedArticle, Document, Quote


def code(pipeline: Any, text: str) -> CodedArticle:
    """Code ``text`` as a plain-text article; fail the test if it was rejected."""
    coded = pipeline.code(Document.from_text(text))
    assert isinstance(coded, CodedArticle)
    return coded


def quote(coded: CodedArticle, needle: str) -> Quote:
    """The one quote whose content holds ``needle``."""
    found = [q for q in coded.quotes if needle in q.content.text]
    assert len(found) == 1, [q.content.text for q in coded.quotes]
    return found[0]


def actor(coded: CodedArticle, said: Quote) -> Actor | None:
    """The actor a quote's speaker was resolved to, if any."""
    return next((a for a in coded.actors if a.id == said.speaker_actor_id), None)

"""Actors and temporal expressions on the tokens of a parse, and the article's date.

>>> article_date("2019-09-06T10:00:00Z")
'2019-09-06'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from communique.models import Actor, Timex

__all__ = ["DATE_VALUE", "article_date", "generic", "named_again", "token_actors", "token_timexes"]

Doc = Any  # spacy.tokens.Doc

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def token_actors(doc: Doc, actors: Sequence[Actor]) -> dict[int, str]:
    """Map token index -> actor id, the narrowest mention winning."""
    spans: list[tuple[int, int, str]] = []
    for actor in actors:
        for m in actor.mentions:
            spans.append((m.start, m.end, actor.id))
    spans.sort(key=lambda s: s[1] - s[0], reverse=True)
    out: dict[int, str] = {}
    for start, end, actor_id in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out[tok.i] = actor_id
    return out


def generic(actor: Actor) -> bool:
    """An actor with no country, no KB entry and no name: "officials", "a senior official"."""
    if actor.country or actor.kb_id:
        return False
    return not any(m.kind in {"name", "surname"} for m in actor.mentions)


def token_timexes(doc: Doc, timexes: Sequence[Timex]) -> dict[int, Timex]:
    out: dict[int, Timex] = {}
    for tx in timexes:
        if tx.type not in {"DATE", "TIME"} or not tx.value or not DATE_VALUE.match(tx.value):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out.setdefault(tok.i, tx)
    return out


def article_date(published: str | None) -> str | None:
    if not published:
        return None
    m = DATE_VALUE.match(published)
    return m.group(0) if m else None


def named_again(actor: str, sent: Any, token_actor: dict[int, str]) -> bool:
    """Whether a sentence names an actor in two places ("Montenegro officials demanded support
    from the Montenegro Assembly"): then the actor may be its own recipient."""
    runs, prev = 0, False
    for tok in sent:
        cur = token_actor.get(tok.i) == actor
        runs += cur and not prev
        prev = cur
    return runs > 1

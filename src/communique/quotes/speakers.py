"""Link a quote's speaker span to one of the article's actors.

A speaker that overlaps an actor mention is that actor. A pronoun ("he", "they") or a
description ("the minister", "officials") is resolved to the nearest preceding compatible
actor mention, preferring mentions that were grammatical subjects (the usual antecedent
of a reporting clause's subject in news prose).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc

from communique.models import Actor

__all__ = ["SpeakerResolver", "resolve_speaker"]

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "we"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
_PERSON_KINDS = frozenset({"person"})
_NONPERSON_KINDS = frozenset({"country", "organization", "group", "igo", "other"})
_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# How far back (in characters) an antecedent may be.
_WINDOW = 1500


def _compatible(actor: Actor, word: str, plural: bool) -> bool:
    if word in _PERSON_PRONOUNS:
        return actor.kind in _PERSON_KINDS or actor.kind == "other"
    if word in {"it", "its"}:
        return actor.kind in _NONPERSON_KINDS
    if plural:
        return True
    return actor.kind in _PERSON_KINDS or actor.kind in {"organization", "igo", "other"}


def resolve_speaker(doc: Doc, start: int, end: int, actors: Sequence[Actor]) -> str | None:
    """Return the id of the actor who is speaking in ``doc.text[start:end]``, or ``None``.

    Args:
        doc: the parsed article text.
        start: start offset of the speaker span.
        end: end offset of the speaker span.
        actors: the article's actors with their mentions.
    """
    return SpeakerResolver(doc, actors).resolve(start, end)


class SpeakerResolver:
    """:func:`resolve_speaker` for many speakers of one article: the mentions are indexed once.

    Args:
        doc: the parsed article text.
        actors: the article's actors with their mentions.
    """

    def __init__(self, doc: Doc, actors: Sequence[Actor]) -> None:
        self.doc = doc
        # (start, end, order, actor) by start; ``order`` is the mention's place in the actors'
        # own order, which breaks ties the way a plain walk over the actors would.
        mentions = [(m.start, m.end, actor) for actor in actors for m in actor.mentions]
        self._mentions = sorted(
            ((s, e, order, actor) for order, (s, e, actor) in enumerate(mentions)), key=lambda m: m[0]
        )
        self._starts = [m[0] for m in self._mentions]
        self._longest = max((e - s for s, e, _ in mentions), default=0)
        self._subject: dict[tuple[int, int], bool] = {}

    def _between(self, low: int, high: int) -> list[tuple[int, int, int, Actor]]:
        """Mentions starting in ``[low, high)``, in the actors' order."""
        found = self._mentions[bisect_left(self._starts, low) : bisect_left(self._starts, high)]
        return sorted(found, key=lambda m: m[2])

    def _is_subject(self, start: int, end: int) -> bool:
        subject = self._subject.get((start, end))
        if subject is None:
            mspan = self.doc.char_span(start, end, alignment_mode="expand")
            subject = mspan is not None and mspan.root.dep_ in {"nsubj", "nsubjpass"}
            self._subject[start, end] = subject
        return subject

    def resolve(self, start: int, end: int) -> str | None:
        """The id of the actor speaking in ``doc.text[start:end]``, or ``None``."""
        best: tuple[int, str] | None = None
        for m_start, m_end, _, actor in self._between(start - self._longest, end):
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor.id)
        if best is not None:
            return best[1]
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        head = span.root
        word = head.lower_
        anaphoric = head.pos_ == "PRON" or (
            head.pos_ == "NOUN"
            and not any(t.pos_ == "PROPN" for t in span)
            and (any(t.lower_ in _DETERMINERS for t in head.lefts) or head.tag_ == "NNS")
        )
        if not anaphoric:
            return None
        plural = head.tag_ in {"NNS", "NNPS"} or word in {"they", "them", "their", "we"}
        choices: list[tuple[bool, int, str]] = []
        compatible: dict[str, bool] = {}
        for m_start, m_end, _, actor in self._between(start - _WINDOW - self._longest, start + 1):
            if not (m_end <= start and start - m_end <= _WINDOW):
                continue
            ok = compatible.get(actor.id)
            if ok is None:
                ok = compatible[actor.id] = _compatible(actor, word, plural)
            if ok:
                choices.append((self._is_subject(m_start, m_end), m_end, actor.id))
        if not choices:
            return None
        # most recent subject mention within the last sentences, else the most recent mention
        latest = max(c[1] for c in choices)
        recent_subjects = [c for c in choices if c[0] and latest - c[1] <= 400]
        pool = recent_subjects or choices
        return max(pool, key=lambda c: c[1])[2]

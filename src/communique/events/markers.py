"""PETRARCH's slot markers: a pattern that says where its source and target are.

A PETRARCH verb pattern may mark noun-phrase slots: ``$`` is the source, ``+`` the
target and ``^`` a noun phrase passed over (``- + * (FROM $)``: "Gondor was freed from
Mordor" is Mordor freeing Gondor; ``- * TABASKI ^ $``: the second noun phrase after
"Tabaski" is the source). The lexicon reports where each marker lies among the words of
the predicate's clause (:attr:`~communique.lexicon.Match.slots`); here each marker is
given the noun phrase at that place, in the clause's own words, and its actors.

A marked slot overrides the parse's default role. When a pattern marks only the source,
the predicate's subject becomes the target (PETRARCH's reading of "X will host Y to
celebrate May Day *with Z*": Z→X); when it marks only the target, the subject stays the
source. A marked slot whose noun phrase is no actor leaves the default role alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from communique.events.args import Token, np_actors
from communique.lexicon import Match

__all__ = ["bind_slots", "noun_phrases"]

# dependents that are part of a larger noun phrase, not a phrase of their own
_INNER = {"compound", "amod", "poss", "det", "nummod", "case", "predet", "quantmod"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}


def noun_phrases(doc: object, positions: Sequence[int]) -> list[Token]:
    """The heads of the noun phrases among these token positions, in text order.

    "the parliament of Gondor" has two (as PETRARCH's parse trees do): *parliament* and
    *Gondor*; "Ithilen's palace guard militia" has one, *militia*.
    """
    out: list[Token] = []
    for i in positions:
        tok = doc[i]  # type: ignore[index]
        if tok.pos_ in _NOMINAL and tok.dep_ not in _INNER:
            out.append(tok)
    return out


def bind_slots(
    pred: Token,
    match: Match,
    after_at: Sequence[int],
    before_at: Sequence[int],
    token_actor: dict[int, str],
    sources: Sequence[str],
    targets: Sequence[str],
) -> tuple[list[str], list[str]]:
    """Sources and targets of a predicate whose pattern marks slots.

    Args:
        pred: the predicate token.
        match: the lexicon match, with :attr:`~communique.lexicon.Match.slots`.
        after_at: the token positions of the clause words after the predicate (the
            words the pattern was matched against), in the same order.
        before_at: the same for the words before it.
        token_actor: token index -> actor id.
        sources: the parse's default sources.
        targets: the parse's default targets.

    Returns:
        ``(sources, targets)`` with the marked slots bound.
    """
    doc = pred.doc
    bound: dict[str, list[str]] = {}
    used: dict[tuple[str, int, int], int] = {}
    # before the predicate the nearest phrase comes first: walk those markers right to left
    order = [s for s in match.slots if s[0] == "after"] + [
        s for s in reversed(match.slots) if s[0] == "before"
    ]
    for side, marker, lo, hi in order:
        positions = (after_at if side == "after" else before_at)[lo:hi]
        phrases = noun_phrases(doc, sorted(positions))
        if side == "before":
            phrases.reverse()
        key = (side, lo, hi)
        n = used.get(key, 0)
        used[key] = n + 1
        if n >= len(phrases) or marker == "^":
            continue
        actors = np_actors(phrases[n], token_actor, conj=True)
        if actors and marker not in bound:
            bound[marker] = actors
    src, tgt = list(sources), list(targets)
    if "$" in bound:
        new = bound["$"]
        if "+" not in bound and src and not set(src) & set(new):
            tgt = src  # the subject is the one acted upon
        src = new
    if "+" in bound:
        tgt = bound["+"]
    tgt = [t for t in tgt if t not in src]
    return src, tgt

"""Coding rules and how a rule matches the words of a clause.

A :class:`Pattern` is one rule (a predicate lemma, the words that must follow or precede
it, a CAMEO code); a :class:`Match` is the rule that fired with its PLOVER reading. The
matching helpers compare a pattern's words with a clause's ``word|lemma`` forms, a
pattern word matching a form or a form less a common suffix ("talk" for "talked").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ARG_RELATIONS", "PLOVER_QUAD", "Element", "Match", "Pattern", "arg_words"]

#: PLOVER event type -> quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
#: 4 material conflict), as the PLOVER manual assigns them.
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

# One element of a pattern: alternatives, each a sequence of lower-case words.
Element = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Pattern:
    """One coding rule.

    ``lemma`` is the predicate's lemma (lower case); ``pos`` is ``verb`` or ``noun``.
    ``after`` lists the words that must follow the predicate in its clause, in order
    (gaps allowed); ``before`` the words that must precede it. ``xcomp`` restricts the
    rule to predicates whose open complement has one of these lemmas. ``cameo`` is the
    code for source→target; ``reverse`` an optional code for the reciprocal event
    (target→source), as PETRARCH's ``[042:043]``. ``event_type``/``mode`` override the
    crosswalk when given. ``rank`` orders sources: user 3, ours 2, CAMEO.2.0 1.
    ``compound`` restricts the rule to a compound subject acting on its own members
    (PETRARCH's ``%`` marker: "Gondor and Osgiliath postponed their meeting").
    ``markers`` are PETRARCH's slot markers, in the order written: ``(side, marker, k)``
    with ``side`` ``"after"``/``"before"``, ``marker`` ``$`` (the source), ``+`` (the
    target) or ``^`` (a noun phrase skipped), and ``k`` the number of that side's
    elements written before the marker (``- + * (FROM $)``: ``("before", "+", 0)``,
    ``("after", "$", 1)``).
    ``args`` are conditions on the predicate's own dependents, each a set of choices one of
    which the clause's :func:`argument keys <communique.events.view.arguments>` must hold:
    ``obj:offices`` (the head of its direct object, or of a passive subject; also
    ``obj:emergency_measures`` with a modifier, ``obj:state_of_emergency`` with an *of*
    phrase), ``prt:up`` (a particle), ``on:charges`` (a preposition on the predicate and
    the head of its object), ``xobj:demonstrators`` (the object of its complement verb),
    ``subj:troops`` (the head of its active subject); ``obj:@place`` and ``subj:@state``
    stand for a named place as the object and a named country or city as the subject.
    """

    lemma: str
    cameo: str
    pos: str = "verb"
    after: tuple[Element, ...] = ()
    before: tuple[Element, ...] = ()
    xcomp: frozenset[str] = frozenset()
    reverse: str | None = None
    event_type: str | None = None
    mode: str | None = None
    origin: str = ""
    rank: int = 1
    compound: bool = False
    markers: tuple[tuple[str, str, int], ...] = ()
    args: tuple[frozenset[str], ...] = ()

    @functools.cached_property
    def specificity(self) -> int:
        """How many conditions the rule sets (more wins); an element counts its fewest words."""
        words = sum(min(len(alt) for alt in e) if e else 1 for e in (*self.after, *self.before))
        words += sum(min(arg_words(k) for k in a) if a else 1 for a in self.args)
        return words + (2 if self.xcomp else 0) + (2 if self.compound else 0)


#: argument-key prefixes that name a relation, not a word (``on:charges`` is two words)
ARG_RELATIONS = frozenset({"obj", "prt", "xobj", "subj"})


def arg_words(key: str) -> int:
    """How many words an argument key stands for: ``obj:state_of_emergency`` 3, ``on:charges`` 2."""
    rel, _, value = key.partition(":")
    return len([w for w in value.split("_") if w]) + (rel not in ARG_RELATIONS)


@dataclass(frozen=True)
class Match:
    """The rule that fired for a predicate, with its PLOVER reading."""

    pattern: Pattern
    cameo: str
    event_type: str | None
    mode: str | None
    context: tuple[str, ...]
    reverse: str | None = None
    #: where the pattern's slot markers lie in the clause: ``(side, marker, lo, hi)``,
    #: the noun phrase of the marker being found among that side's words ``lo..hi-1``.
    slots: tuple[tuple[str, str, int, int], ...] = ()


# ----------------------------------------------------------------------------------
# matching helpers


# A clause word as the matcher sees it: its forms ("talks", "talk") and every form a
# pattern word could be to match it (a form, or a form less a suffix: "talk" for "talked").
_Word = tuple[tuple[str, ...], frozenset[str]]

_SUFFIXES = frozenset({"s", "es", "ed", "d", "ing", "'s", "ies", "ly", "er", "ers"})


@functools.lru_cache(maxsize=65536)
def _clause_word(word: str) -> _Word:
    forms = tuple(word.split("|"))
    stems: set[str] = set(forms)
    for f in forms:
        for suffix in _SUFFIXES:
            if f.endswith(suffix) and len(f) > len(suffix):
                stems.add(f[: -len(suffix)])
    return forms, frozenset(stems)


def _stems(tokens: Sequence[_Word]) -> set[str]:
    """Every pattern word that could match one of these clause words."""
    out: set[str] = set()
    for _, stems in tokens:
        out |= stems
    return out


def _word_matches(pat: str, word: _Word) -> bool:
    """Pattern words match a form, or a form with a suffix; short or ``-``-final ones match exactly."""
    if pat[-1] == "-" or len(pat) <= 3:
        return pat in word[0]
    return pat in word[1]


_COORDINATORS = frozenset({"and", "or"})
_DETERMINERS = frozenset(
    {"a", "an", "the", "some", "any", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
)


def _alt_end(alt: tuple[str, ...], tokens: Sequence[_Word], i: int) -> int | None:
    """Where a word sequence that starts at ``i`` ends, or ``None``.

    The words follow one another, except that an article or possessive may come before a
    later word ("over *the* efforts") and a coordinated modifier between them: "death *and
    injury* toll" is a death toll.
    """
    n = len(tokens)
    if i >= n or not _word_matches(alt[0], tokens[i]):
        return None  # the usual case, decided at once
    if len(alt) == 1:
        return i + 1
    j = i
    for k, w in enumerate(alt):
        if j >= n:
            return None
        if not _word_matches(w, tokens[j]):
            if k > 0 and _DETERMINERS & set(tokens[j][0]) and j + 1 < len(tokens):
                j += 1  # "over *the* efforts", "on *some* programs"
            if not _word_matches(w, tokens[j]):
                coordinated = k > 0 and j + 2 < len(tokens) and _COORDINATORS & set(tokens[j][0])
                if not coordinated or not _word_matches(w, tokens[j + 2]):
                    return None
                j += 2
        j += 1
    return j


def _in_order(elements: Sequence[Element], tokens: Sequence[_Word]) -> bool:
    return _spans(elements, tokens) is not None


@functools.lru_cache(maxsize=65536)
def _by_first_word(element: Element) -> dict[str, tuple[int, ...]]:
    """The positions of an element's alternatives, by their first word."""
    out: dict[str, list[int]] = {}
    for k, alt in enumerate(element):
        out.setdefault(alt[0], []).append(k)
    return {w: tuple(ks) for w, ks in out.items()}


def _spans(elements: Sequence[Element], tokens: Sequence[_Word]) -> list[tuple[int, int]] | None:
    """Where each element matched (start, end), the first in-order match; ``None`` if none."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    for element in elements:
        found = False
        by_first = _by_first_word(element)
        while i < n:
            end = None
            forms, stems = tokens[i]
            # only the alternatives whose first word this clause word could be, in order
            for k in sorted({k for w in (*forms, *stems) for k in by_first.get(w, ())}):
                end = _alt_end(element[k], tokens, i)
                if end is not None:
                    break
            if end is not None:
                out.append((i, end))
                i = end
                found = True
                break
            i += 1
        if not found:
            return None
    return out


def slot_ranges(
    pattern: Pattern, after: Sequence[_Word], before: Sequence[_Word]
) -> tuple[tuple[str, str, int, int], ...]:
    """The clause ranges of a matched pattern's markers (see :attr:`Match.slots`).

    A marker after ``k`` elements lies between the end of element ``k - 1`` and the
    start of element ``k`` (or the end of its side).
    """
    if not pattern.markers:
        return ()
    spans = {"after": _spans(pattern.after, after) or [], "before": _spans(pattern.before, before) or []}
    sizes = {"after": len(after), "before": len(before)}
    out: list[tuple[str, str, int, int]] = []
    for side, marker, k in pattern.markers:
        found = spans[side]
        lo = found[k - 1][1] if 0 < k <= len(found) else 0
        hi = found[k][0] if k < len(found) else sizes[side]
        out.append((side, marker, lo, max(lo, hi)))
    return tuple(out)

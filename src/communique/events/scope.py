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
from itertools import pairwise
from typing import Any

from communique.lexicon import PLOVER_QUAD, Match
from communique.models import Actor, Event

__all__ = [
    "armed_force",
    "bare_one_sided",
    "force_on_things",
    "force_verb",
    "in_scope",
    "meeting",
    "place_actors",
    "place_only",
    "political",
    "reduced_relative",
    "sports_page",
    "stands_alone",
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


def in_scope(event: Event, by_id: dict[str, Actor], *, sports: bool = False, force: bool = True) -> bool:
    """Whether an event has a political actor on either side.

    An attack with a victim or attacker of known country is kept whatever the actors'
    roles ("a bomb killed two villagers"); on a sports page only when its verb is one of
    armed force (``force``: "shelled the city", not "beat Peru"). On a sports page
    (``sports``) a country or city names a team, so otherwise only a political agent
    code counts.
    """
    ids = (*event.source_actor_ids, *event.target_actor_ids)
    actors = [by_id[i] for i in ids if i in by_id]
    if event.event_type == "ASSAULT" and (force or not sports) and any(a.country for a in actors):
        return True
    return any(political(a, countries=not sports) for a in actors)


def sports_page(doc: Any, words: dict[str, frozenset[str]]) -> bool:
    """Whether a page reads as a sports report: at least 3 of its words or two-word
    phrases, and 1 in 300 words, are ones only sport uses (the lexicon's
    ``sports_words``: "wicket", "midfielder", "playoffs", "penalty shootout" …).

    Words that war and election reports share with sport ("won", "defeat", "round",
    "final") are not counted, so such a report is never a sports page."""
    vocab = words.get("sports_words", frozenset())
    if not vocab:
        return False
    pairs = {w for w in vocab if " " in w}
    lower = [t.lower_ for t in doc]
    hits = sum(1 for w in lower if w in vocab)
    if pairs:
        hits += sum(1 for w, v in pairwise(lower) if f"{w} {v}" in pairs)
    return hits >= 3 and hits * 300 >= len(lower)


def armed_force(trigger: Any, words: dict[str, frozenset[str]]) -> bool:
    """Whether an event's trigger token is a word of armed force that sport does not use
    ("shelled", "bombed", "ambushed": the lexicon's ``armed_force_verbs``)."""
    verbs = words.get("armed_force_verbs", frozenset())
    return trigger is not None and (trigger.lemma_.lower() in verbs or trigger.lower_ in verbs)


#: "fired on", "fired at": only with such a phrase is "fire" a shot ("ministers were fired" is a dismissal)
_FIRE_AT = frozenset({"on", "at", "upon"})


def force_verb(verb: Token, words: dict[str, frozenset[str]]) -> bool:
    """Whether ``verb`` is a verb of force (the lexicon's ``armed_force_verbs`` and
    ``victim_verbs``), or "fire" with a weapon as its object ("fired two missiles": the
    lexicon's ``blast_nouns`` and ``fired_objects``) or with what it was fired on or at
    ("troops were fired on", "fired at the convoy"; not "were fired on Monday", a dismissal
    on a day, nor "fired two ministers")."""
    force = words.get("armed_force_verbs", frozenset()) | words.get("victim_verbs", frozenset())
    lemma = verb.lemma_.lower()
    if lemma in force or verb.lower_ in force:
        return True
    if lemma != "fire":
        return False
    shot = words.get("blast_nouns", frozenset()) | words.get("fired_objects", frozenset())
    if any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in shot for c in verb.children):
        return True  # "fired two missiles", "shots were fired"
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _FIRE_AT:
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if not objs or all(o.ent_type_ not in {"DATE", "TIME"} for o in objs):
                return True
    return False


def bare_one_sided(match: Match, sources: Sequence[str], targets: Sequence[str]) -> bool:
    """A CAMEO.2.0 rule with no context words whose act has no recipient and one source.

    "The firm will review every claim", "the band headed west for the festival", "the new
    fees came into force": PETRARCH would code these only with a target actor. Our own
    rules, the dictionary's rules with context words and acts of several sources stand
    alone ("X and Y held talks"); so do the acts :func:`stands_alone` and
    :func:`force_on_things` accept.
    """
    pattern = match.pattern
    return not targets and len(sources) < 2 and pattern.rank == 1 and pattern.specificity == 0


def stands_alone(
    verb: Token, sources: Sequence[str], politic: frozenset[str], words: dict[str, frozenset[str]]
) -> bool:
    """A political actor's act that is whole with no recipient: a verb of the lexicon's
    ``standalone_verbs`` ("condemn", "welcome", "concede", "meet", "veto") whose source is
    a government, an IGO or NGO, a party or a country ("the Security Council condemned the
    attack", "the opposition conceded defeat", "the president met his counterpart in the
    capital" once the place is out of the recipients).

    Common verbs a political actor also uses in other senses ("go", "join", "find", "pay",
    "ask", "support") are not on the list: alone they still need a recipient."""
    verbs = words.get("standalone_verbs", frozenset())
    lemma = verb.lemma_.lower()
    return (lemma in verbs or verb.lower_ in verbs) and any(s in politic for s in sources)


def force_on_things(
    match: Match,
    verb: Token,
    sources: Sequence[str],
    politic: frozenset[str],
    words: dict[str, frozenset[str]] | None = None,
) -> bool:
    """Force a political actor uses on a thing, not on an actor: "the army shelled the
    bridge", "the ministry banned the rallies" (material conflict with a direct object).
    Such an act stands without a recipient even from a bare dictionary rule.

    An attack on a thing needs a verb of force (the lexicon's ``armed_force_verbs`` and
    ``victim_verbs``: "targeted", "destroyed", "encircled"): a country "battling a
    measles outbreak", "fighting corruption" or "dominating the headlines" uses no force."""
    if match.event_type == "ASSAULT" and words is not None and not force_verb(verb, words):
        return False
    material = PLOVER_QUAD.get(match.event_type or "") == 4
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return material and has_object and any(s in politic for s in sources)


def reduced_relative(tok: Token) -> bool:
    """A past participle describing a noun: "a committee *chaired by* a retired judge", "a
    valley *ringed by* mountains", "levies *set by* the council" tell what a thing is, not an
    act the sentence reports."""
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
    """Actors a sentence names only as places where something happened ("*in Hanoi*").

    Only the sentence's own tokens are looked at, so a call costs the sentence's length."""
    doc = sent.doc
    seen: dict[str, bool] = {}
    for i in range(sent.start, sent.end):
        actor = token_actor.get(i)
        if actor is not None:
            seen[actor] = seen.get(actor, True) and place_only(doc[i])
    return {a for a, only in seen.items() if only}


def meeting(match: Match) -> bool:
    """A consultation that is not a visit: a meeting or talks happen *in* a place, while a
    visit (CAMEO 042/043) is *to* its host ("arrived in Y" is a visit to Y)."""
    return match.event_type == "CONSULT" and not match.cameo.startswith(("042", "043"))

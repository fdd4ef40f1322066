"""Clause filters of the events coder: which predicates are not events of their own, and
where a few event types find their recipient.

* light verbs defer to their event noun ("staged rallies");
* purpose and participial clauses of a coded act, the writer's advice, relative clauses
  describing a non-actor noun, and participles describing a coded act's subject are not
  events;
* requests are addressed to the subject of the demanded act, accusations to the party
  complained about, and protests to the target of their purpose clause.
"""

from __future__ import annotations

from communique.events.args import (
    COMPLEMENT,
    SUBJ,
    SUBJ_PASS,
    Token,
    children,
    clause_target,
    np_actors,
    prep_objects,
)
from communique.events.scope import force_verb
from communique.lexicon import Lexicon, Match
from communique.models import Event

__all__ = [
    "accused",
    "addressee",
    "adjunct",
    "advice",
    "blast_site",
    "complement_subject",
    "condition",
    "defers",
    "describes_agent",
    "describes_noun",
    "infinitive_target",
    "purpose_target",
    "unattributed",
    "unrepeated",
]


def defers(verb: Token, match: Match, lexicon: Lexicon, words: dict[str, frozenset[str]]) -> bool:
    """A light verb whose object or subject is an event noun defers to the noun.

    "staged rallies", "completed their withdrawal", "riots are continuing": the noun is the
    event, unless one of our rules names the noun for this verb ("called off the strike").
    """
    if verb.lemma_.lower() not in words.get("light_verbs", frozenset()):
        return False
    if match.pattern.rank >= 2 and match.pattern.specificity > 0:
        return False
    nouns = [o for o in children(verb, {"dobj", "nsubj"}) if lexicon.has(o.lemma_.lower(), "noun")]
    named = {w for e in match.pattern.after for alt in e for w in alt}
    return bool(nouns) and not any(o.lower_ in named or o.lemma_.lower() in named for o in nouns)


def accused(verb: Token, token_actor: dict[int, str]) -> list[str]:
    """Whom a complaint is about: "complained to the UN *over Israeli raids*" accuses Israel."""
    for pobj in prep_objects(verb, ("over", "about", "against")):
        hit = np_actors(pobj, token_actor)
        for by in prep_objects(pobj, ("by",)) if not hit else ():
            hit = np_actors(by, token_actor)  # "over raids by Israel"
        if hit:
            return hit
    return []


def describes_agent(tok: Token, coded: set[int]) -> bool:
    """ "British aircraft *using* missiles killed ...": a participle describing the subject of a coded act."""
    if tok.dep_ != "acl" or tok.tag_ not in {"VBG", "VBN"}:
        return False
    noun = tok.head
    return noun.dep_ in SUBJ and noun.head.i in coded


def purpose_target(pred: Token, token_actor: dict[int, str], exclude: set[str]) -> list[str]:
    """Whom a protest is against, from its purpose clause: "blocked roads *to press demands from X*"."""
    head = pred.head if pred.dep_ in {"dobj", "nsubj"} else pred
    for clause in (*children(head, {"advcl", "xcomp"}), *children(pred, {"acl", "prep"})):
        if clause.dep_ == "prep" and clause.lower_ not in {"in", "against"}:
            continue  # "in protest of X's arrest"
        found = clause_target(clause, token_actor, exclude) if clause.dep_ != "prep" else []
        if clause.dep_ == "prep":
            for pobj in children(clause, {"pobj"}):
                found = clause_target(pobj, token_actor, exclude)
        if found:
            return found
    return []


def infinitive_target(pred: Token, token_actor: dict[int, str], exclude: set[str]) -> list[str]:
    """The recipient named in a subjectless "to" purpose clause of the act or its object.

    "signed an accord *to supply Gondor with wheat*": the accord is with Gondor.
    """
    objects = children(pred, {"dobj"})
    for clause in (*children(pred, {"advcl"}), *(c for o in objects for c in children(o, {"acl"}))):
        if clause.pos_ != "VERB" or any(c.dep_ in SUBJ | SUBJ_PASS for c in clause.children):
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        for obj in children(clause, {"dobj", "dative"}):
            hit = [a for a in np_actors(obj, token_actor) if a not in exclude]
            if hit:
                return hit
    return []


def addressee(verb: Token, token_actor: dict[int, str]) -> list[str]:
    """Who is asked: the subject of the demanded act ("demanded that the US cancel ...")."""
    for comp in children(verb, {"ccomp"}):
        for subj in children(comp, SUBJ | SUBJ_PASS):
            hit = np_actors(subj, token_actor)
            if hit:
                return hit
    return []


def complement_subject(verb: Token, token_actor: dict[int, str], exclude: set[str]) -> list[str]:
    """Whom an act is about when its object is a clause: "allowed that *Mordor* isn't a pleasant place".

    The subject of a finite ``that`` complement, when the complement's own predicate
    is no verb of action (a copula: "is", "seems"); the act is then about that actor.
    """
    for comp in children(verb, {"ccomp"}):
        if comp.lemma_.lower() not in _COPULAS:
            continue
        for subj in children(comp, SUBJ | SUBJ_PASS):
            hit = [a for a in np_actors(subj, token_actor) if a not in exclude]
            if hit:
                return hit
    return []


_COPULAS = {"be", "seem", "appear", "remain", "become"}
_DEONTIC = {"should", "must", "ought"}


def advice(tok: Token) -> bool:
    """ "North Korea should start by returning to dialogue": the writer's advice, not an act.

    A predicate under *should/must/ought* that no one is reported as saying (the
    reported case, "X said Y must ...", is a REQUEST from X: :func:`_reported_demand`).
    """
    if not any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in tok.children):
        return False
    cur = tok
    for _ in range(6):
        if cur.dep_ not in COMPLEMENT | {"conj", "advcl"} or cur.head is cur:
            return True
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"} and cur.dep_ not in {"conj"} and children(cur, SUBJ):
            return False  # inside someone's reported clause
    return True


def describes_noun(tok: Token, token_actor: dict[int, str]) -> bool:
    """ "the right to self-defense that North Korea has long advocated": a relative clause whose
    object is the (non-actor) noun it describes says what the noun is, not what happened to
    an actor."""
    if tok.dep_ not in {"relcl", "acl"} or tok.head.i in token_actor:
        return False
    if tok.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    objects = children(tok, {"dobj", "dative"})
    relative = any(c.tag_ in {"WDT", "WP"} for c in objects)
    if any(c.tag_ not in {"WDT", "WP"} for c in objects) or any(c.dep_ == "prep" for c in tok.children):
        return False
    return relative or tok.dep_ == "relcl"


def adjunct(tok: Token) -> bool:
    """A purpose clause ("to discuss ...") of a verb: what the act was for, not another act."""
    if tok.dep_ != "advcl" or tok.pos_ != "VERB":
        return False
    if tok.tag_ == "VBG" and not any(c.dep_ in SUBJ | {"mark"} for c in tok.children):
        return True  # "blocked roads, demanding ...", "opened fire, killing one"
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def condition(tok: Token) -> bool:
    """ "... unless the president agrees to step down", "if he is elected": a condition, not an act."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    clause = tok
    if tok.dep_ == "conj" and tok.head.dep_ == "advcl":
        clause = tok.head
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children
    )


def unattributed(verb: Token, words: dict[str, frozenset[str]]) -> bool:
    """An attack with a victim but no attacker: a passive with no agent ("three civilians were
    killed"), or a blast as the subject ("a roadside bombing killed one soldier").

    The passive's verb must be one of violence (lexicon ``armed_force_verbs`` and
    ``victim_verbs``): "the new airline was launched" is no attack.
    """
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        if not force_verb(verb, words):
            return False
        return not any(c.dep_ == "agent" for c in verb.children)
    subj = children(verb, SUBJ)
    return bool(subj) and subj[0].lemma_.lower() in words.get("blast_nouns", frozenset())


def blast_site(verb: Token, token_actor: dict[int, str]) -> list[str]:
    """Where a blast went off, as the GSR codes an unclaimed bombing: "a bombing near Samarra"."""
    for subj in children(verb, SUBJ):
        return np_actors(subj, token_actor, places=True)
    return []


def unrepeated(events: list[Event]) -> list[Event]:
    """Drop an event with no recipient when the sentence has the same act by the same actor
    with one ("established ties with and opened an embassy in Tehran": one SUPPORT of Iran)."""
    aimed = {
        (e.event_type, e.source_actor_ids, e.negated)
        for e in events
        if e.target_actor_ids and e.source_actor_ids
    }
    return [
        e for e in events if e.target_actor_ids or (e.event_type, e.source_actor_ids, e.negated) not in aimed
    ]

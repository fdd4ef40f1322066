"""Arguments of a predicate: which actors its subject, agent, objects and clause refer to.

A token refers to an actor only when it lies inside one of the actor's mentions; the
search never leaves the predicate's own clause (see ``docs/coding.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "CLAUSE_BREAK",
    "COMPLEMENT",
    "SUBJ",
    "SUBJ_PASS",
    "Token",
    "children",
    "clause_target",
    "dangling_target",
    "np_actors",
    "owner",
    "patients",
    "prep_objects",
    "verb_subjects",
    "verb_targets",
]

Token = Any  # spacy.tokens.Token (spaCy ships no usable type stubs)

SUBJ = {"nsubj", "csubj", "expl"}
SUBJ_PASS = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "dative", "attr", "oprd", "obj", "iobj"}
_TARGET_PREPS = (
    "to",
    "with",
    "against",
    "on",
    "at",
    "from",
    "into",
    "toward",
    "towards",
    "upon",
    "for",
    "in",
)
CLAUSE_BREAK = {
    "nsubj",
    "nsubjpass",
    "csubj",
    "csubjpass",
    "advcl",
    "relcl",
    "parataxis",
    "punct",
    "cc",
    "mark",
}
COMPLEMENT = {"xcomp", "ccomp", "pcomp"}
_NESTED_PREPS = ("against", "on", "to", "with")
_NP_CORE = {"compound", "amod", "poss", "nmod", "appos", "nummod", "npadvmod", "det"}


# ----------------------------------------------------------------------------------
# arguments


def np_actors(
    head: Token, token_actor: dict[int, str], *, conj: bool = True, places: bool = False
) -> list[str]:
    """Actors an argument refers to: its head, the core of its noun phrase, its conjuncts.

    The core is reached through compound/amod/poss/nmod/appos-like dependents and "of"
    phrases ("the government of Iran"); a common-noun head also takes its "in"/"from"
    phrase when ``places`` is set (subjects: "lawmakers in Arnor", "soldiers from Gondor").
    Conjoined actors make a compound.
    """
    found: list[tuple[int, str]] = []
    seen: set[int] = set()

    def walk(tok: Token, depth: int) -> None:
        if tok.i in seen or depth > 4:
            return
        seen.add(tok.i)
        actor = token_actor.get(tok.i)
        if actor is not None:
            found.append((tok.i, actor))
        for child in tok.children:
            core = child.dep_ in _NP_CORE and actor is None
            # a list of actors parsed as appositions or modifiers: "Arnor, the Shire and Bree"
            listed = (
                actor is not None
                and conj
                and child.dep_ in {"appos", "nmod"}
                and child.pos_ == "PROPN"
                and any(c.dep_ == "conj" for c in (*child.children, *tok.children))
            )  # not a title in apposition: "Kenzo Oshima, the UN Relief Coordinator"
            # "Hungarian and Romanian officials": a conjoined modifier names a second actor
            listed = listed or (
                actor is not None
                and conj
                and child.dep_ in {"amod", "compound"}
                and token_actor.get(child.i, actor) != actor
                and any(c.dep_ == "conj" for c in child.children)
            )
            # "Turkish Kurd refugees": a nationality qualifying a named group says whose it is
            qualifier = (
                actor is not None
                and child.dep_ == "amod"
                and child.i < tok.i
                and token_actor.get(child.i, actor) != actor
            )
            if (
                core
                or listed
                or qualifier
                or (child.dep_ == "conj" and conj and child.pos_ in {"NOUN", "PROPN", "PRON"})
            ):
                walk(child, depth + 1)
            elif child.dep_ == "prep" and (actor is None or conj) and _np_prep(tok, child, depth, places):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        walk(pobj, depth + 1)

    walk(head, 0)
    out: list[str] = []
    for _, actor in sorted(found):
        if actor not in out:
            out.append(actor)
    return out if conj else out[:1]


def _np_prep(tok: Token, prep: Token, depth: int, places: bool) -> bool:
    word = prep.lower_
    if word == "of":
        return True
    # "lawmakers in Arnor", "tens of thousands of students throughout Gondor"
    return places and word in _PLACE_PREPS and depth <= 1 and tok.pos_ == "NOUN"


_PLACE_PREPS = {"in", "from", "throughout", "across", "near"}


def children(tok: Token, deps: set[str] | frozenset[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in wanted:
            out.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
    return out


def patients(verb: Token) -> list[Token]:
    """A passive verb's subject, also where the parser hung it off the auxiliary.

    "The Netherlands *was* loudly and unfairly blamed": *Netherlands* is parsed as
    the subject of *was* (``auxpass``).
    """
    found = children(verb, SUBJ_PASS)
    if found:
        return found
    if verb.tag_ != "VBN" or children(verb, SUBJ):
        return []
    return [c for aux in children(verb, {"auxpass"}) for c in aux.children if c.dep_ == "nsubj"]


def verb_subjects(verb: Token, token_actor: dict[int, str], words: dict[str, frozenset[str]]) -> list[str]:
    """The agent of a verb: its subject, a passive's ``by`` agent, or an inherited one."""
    for agent in children(verb, {"agent"}):
        for pobj in children(agent, {"pobj"}):
            hit = np_actors(pobj, token_actor)
            if hit:
                return hit
    subj = children(verb, SUBJ)
    if len(subj) > 1:  # a list the parser split: "Lions, tigers, and Gondor welcomed ..."
        subj = [s for s in subj if np_actors(s, token_actor, places=True)] or subj
    if subj:
        head = subj[0]
        if head.pos_ == "VERB" and head.tag_ in {"VBG", "VBN"}:
            # "The Red Cross operating in Iraq said ...": a participle parsed as the subject
            head = next((c for c in head.children if c.dep_ in SUBJ), head)
        hit = np_actors(head, token_actor, places=True)
        if not hit and head.pos_ == "PRON" and head.lower_ in _SPEAKER_PRONOUNS:
            return speaker(verb, token_actor, words)
        if not hit and any(c.dep_ == "poss" and c.lower_ in _SPEAKER_POSSESSIVES for c in head.children):
            hit = speaker(verb, token_actor, words)  # "X said *their forces* had completed ..."
        return hit or owner(head, token_actor, words)
    if patients(verb):
        return []
    if verb.dep_ in {"conj", "advcl"} and verb.i > verb.sent.start:
        # "recalled X on Monday and *Peru* expelled ...": a subject the parse joined to the date
        prev = verb.doc[verb.i - 1]
        if prev.dep_ == "conj" and prev.head.ent_type_ in {"DATE", "TIME"}:
            hit = np_actors(prev, token_actor, places=True)
            if hit:
                return hit
    return inherited_subject(verb, token_actor, words, 0)


_SPEAKER_PRONOUNS = {"he", "she", "they", "it", "we"}
_SPEAKER_POSSESSIVES = {"his", "her", "their", "its", "our"}


def speaker(verb: Token, token_actor: dict[int, str], words: dict[str, frozenset[str]]) -> list[str]:
    """A pronoun subject of a reported clause is the reporter: "X said it would allow ..."."""
    tok = verb
    for _ in range(3):
        if tok.dep_ not in {"ccomp", "xcomp", "conj"} or tok.head is tok:
            return []
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ != "conj":
            subj = children(tok, SUBJ)
            return np_actors(subj[0], token_actor) if subj else []
    return []


def inherited_subject(
    verb: Token, token_actor: dict[int, str], words: dict[str, frozenset[str]], depth: int
) -> list[str]:
    if depth > 4 or verb.head is verb:
        return []
    head = verb.head
    dep = verb.dep_
    if dep in {"pcomp", "xcomp"} and head.pos_ in {"ADP", "ADJ"}:  # "is about to restore"
        return inherited_subject(head, token_actor, words, depth + 1)
    if dep == "prep":
        return inherited_subject(head, token_actor, words, depth + 1) if head.pos_ in {"AUX", "VERB"} else []
    if head.pos_ in {"AUX", "VERB"} and dep in {"pcomp", "acomp"}:
        return verb_subjects(head, token_actor, words)
    if dep == "xcomp":
        # object control: "asked North Korea to return" -> North Korea returns
        if head.lemma_.lower() in words.get("object_control", frozenset()):
            for obj in children(head, {"dobj", "dative"}):
                hit = np_actors(obj, token_actor)
                if hit:
                    return hit
        return verb_subjects(head, token_actor, words) if head.pos_ in {"VERB", "AUX"} else []
    if dep in {"conj", "advcl"} and head.pos_ in {"VERB", "AUX"}:
        patient = children(head, SUBJ_PASS)
        if patient and dep == "conj" and not _passive(verb):
            # "X has been indicted by Y and will resign": X resigns
            return np_actors(patient[0], token_actor, places=True)
        if patient and not children(head, {"agent"}):
            return []
        return verb_subjects(head, token_actor, words)
    if dep in {"acl", "relcl"} and verb.tag_ != "VBN":
        hit = np_actors(head, token_actor)
        return hit or owner(head, token_actor, words)
    return []


def _passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)


def owner(noun: Token, token_actor: dict[int, str], words: dict[str, frozenset[str]]) -> list[str]:
    """Who a message, statement or appeal belongs to: its possessor or its sender."""
    if noun.lemma_.lower() not in words.get("speech_nouns", frozenset()) | words.get(
        "event_nouns", frozenset()
    ):
        return []
    for poss in children(noun, {"poss"}):
        hit = np_actors(poss, token_actor)
        if hit:
            return hit
    for mod in children(noun, {"amod", "compound", "nmod"}) if noun.dep_ != "pobj" else ():
        # "Palestinian riots", "a US offer"; not "anti-Israel protests"
        if mod.i < noun.i and not mod.lower_.startswith(("anti", "pro-")):
            hit = np_actors(mod, token_actor, conj=False)
            if hit:
                return hit
    for pobj in prep_objects(noun, ("by", "from")):
        hit = np_actors(pobj, token_actor)
        if hit:
            return hit
    # "sent a message", "made a series of appeals": the subject of the light verb
    tok = noun
    for _ in range(5):
        head = tok.head
        if head is tok or not _object_path(tok):
            break  # "extended the curfew in response to unrest": not the verb's object
        if head.pos_ in {"VERB", "AUX"}:
            if head.lemma_.lower() in words.get("light_verbs", frozenset()):
                if tok.dep_ in SUBJ:
                    return []  # "riots are continuing": the noun is the light verb's own subject
                return verb_subjects(head, token_actor, words)
            # another verb with a subject of its own ends the search
            own = children(head, SUBJ)
            if own and own[0].i != tok.i:
                break
        tok = head
    return []


_OBJECT_PATH = {"dobj", "attr", "oprd", "conj", "appos", "compound", "nsubjpass", "xcomp", "ccomp", "acl"}


def _object_path(tok: Token) -> bool:
    """Whether ``tok`` is (part of) its head's object: "made *a series of appeals*"."""
    if tok.dep_ in _OBJECT_PATH:
        return True
    if tok.dep_ == "nsubj" and tok.head.dep_ in {"ccomp", "xcomp"}:
        return True  # a misparse of "made appeals for Cuba to rejoin": appeals is the object
    return bool(tok.lower_ == "of" if tok.dep_ == "prep" else tok.dep_ == "pobj" and tok.head.lower_ == "of")


def clause_target(verb: Token, token_actor: dict[int, str], exclude: set[str]) -> list[str]:
    """The first actor in the rest of the predicate's own clause ("restore ties with Gondor").

    Searches the object, prepositional and complement phrases after the predicate,
    never its subject, a relative or adverbial clause, or a clause with its own subject.
    """
    stop: set[int] = set()
    for child in verb.children:
        own = child.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJ | SUBJ_PASS for c in child.children)
        if child.dep_ in CLAUSE_BREAK or child.dep_ in {"conj", "appos"} or own:
            stop.update(t.i for t in child.subtree)
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.i in stop:
            continue
        if tok.dep_ == "relcl" or (tok.dep_ == "advcl" and tok.head.i != verb.i) or _attribution(tok):
            stop.update(t.i for t in tok.subtree)
            continue
        actor = token_actor.get(tok.i)
        if actor and actor not in exclude and not _border_side(tok):
            found = [actor]
            head = tok
            while head.head.i in token_actor and head.head.i != head.i and token_actor[head.head.i] == actor:
                head = head.head
            for c in head.conjuncts:
                other = np_actors(c, token_actor, conj=False)
                found.extend(a for a in other if a not in found and a not in exclude)
            return found
    return []


_BORDERS = frozenset({"border", "frontier", "boundary", "borders"})
_BESIDE = frozenset({"near", "along", "at", "on", "by", "close", "alongside"})


def _border_side(tok: Token) -> bool:
    """A country that only names the side of a border where something happened ("attacked
    *near the Cameroonian border*"): a place, neither party to the act."""
    head = tok.head
    return (
        tok.dep_ in {"amod", "compound", "poss"}
        and head.lemma_.lower() in _BORDERS
        and head.dep_ == "pobj"
        and head.head.lower_ in _BESIDE
    )


def _attribution(tok: Token) -> bool:
    """ "according to Pentagon sources", "despite ...", "without returning to X": where the news
    came from, why, or an act that was not done."""
    return bool(tok.dep_ == "prep" and tok.lower_ in {"according", "despite", "amid", "without"})


def verb_targets(verb: Token, token_actor: dict[int, str]) -> list[str]:
    """Recipients: a passive's subject, object, dative, then prepositional objects.

    "An Eriadorian was shot dead in Osgiliath": the one acted upon, not the place.
    """
    for subj in patients(verb):
        hit = np_actors(subj, token_actor)
        if hit:
            return hit
    for obj in children(verb, _OBJ):
        hit = np_actors(obj, token_actor)
        if hit:
            return hit
    for prep in _TARGET_PREPS:
        for pobj in prep_objects(verb, (prep,)):
            # "called for sanctions *against* Nigeria": the phrase's own recipient phrase
            for head in (pobj, *prep_objects(pobj, _NESTED_PREPS)):
                hit = np_actors(head, token_actor)
                if hit:
                    return hit
    return []


def dangling_target(verb: Token, token_actor: dict[int, str], exclude: set[str]) -> list[str]:
    """The object of a preposition the parser left without one.

    A preposition shared by conjoined verbs ("established ties *with* and opened an
    embassy in Tehran") or whose object was read as the subject of a following clause
    ("granted asylum *to* five officers holed up in ...") has no ``pobj``; its object is
    then the first actor in the next few words, before any punctuation.
    """
    holders = [verb, *children(verb, _OBJ)]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in _TARGET_PREPS or any(True for _ in prep.children):
                continue
            for tok in prep.doc[prep.i + 1 : min(prep.i + 7, prep.sent.end)]:
                if tok.is_punct:
                    break
                actor = token_actor.get(tok.i)
                if actor is not None and actor not in exclude:
                    return [actor]
    return []

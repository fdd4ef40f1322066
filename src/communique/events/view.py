"""A sentence's parse as the coder reads it: plain-Python copies of its tree, the words
a predicate's patterns are matched against, and lemma repairs.

* :class:`View` copies a sentence's words, heads and children once (spaCy attribute
  access is slow and the coder asks for the same subtrees many times);
* :func:`clause_words` gives the words after and before a predicate in its own clause,
  as ``lower|lemma`` (dates dropped, adverbs and the first half of a correlative not
  pattern words before the verb, an infinitive's "to" written ``to-inf``);
* :func:`arguments` gives the keys of a predicate's own dependents that rules may ask
  for (``obj:offices``, ``prt:up``, ``on:charges``, ``xobj:demonstrators``);
* :func:`stem_lemma` recovers a verb the lexicon knows from a regular inflection when
  the tagger's lemma is unknown ("cordoned" -> *cordon*).
"""

from __future__ import annotations

from typing import Any

from communique.events.args import CLAUSE_BREAK, SUBJ, SUBJ_PASS, Token
from communique.lexicon import Lexicon

__all__ = ["View", "arguments", "clause_words", "correlative", "depths", "stem_lemma", "temporal", "word_of"]


class View:
    """Plain-Python copies of a sentence's parse (words, heads, children), read once.

    Reading token attributes through spaCy is slow; the coder asks for the same
    subtrees and word forms many times per sentence, so they are copied here.
    """

    def __init__(self, sent: Any) -> None:
        self.start = start = sent.start
        toks = list(sent)
        self.words = [word_of(t) for t in toks]
        self.lexical = [f"{t.lower_}|{t.lemma_.lower()}" for t in toks]
        self.temporal = [temporal(t) for t in toks]
        self.preconj = [correlative(t) for t in toks]  # "*neither* X nor Y": no pattern word
        self.kids: list[list[int]] = [[] for _ in toks]
        self.heads = [t.head.i - start for t in toks]
        for i, h in enumerate(self.heads):
            if h != i and 0 <= h < len(toks):
                self.kids[h].append(i)

    def subtree(self, i: int) -> list[int]:
        """Sentence-relative indices of the subtree of relative token ``i``, sorted."""
        out = [i]
        stack = [i]
        while stack:
            for k in self.kids[stack.pop()]:
                out.append(k)
                stack.append(k)
        out.sort()
        return out


def correlative(tok: Token) -> bool:
    """The first half of a correlative conjunction ("*neither* X nor Y", "*both* X and Y")."""
    if tok.dep_ == "preconj":
        return True
    return tok.lower_ in {"neither", "either", "both"} and any(c.dep_ == "conj" for c in tok.head.children)


def clause_words(pred: Token, view: View) -> tuple[list[str], list[str], list[int], list[int]]:
    """Words after and before the predicate in its own clause, as ``lower|lemma``, and their tokens."""
    start = view.start
    skip: set[int] = set()
    for child in pred.children:
        own_clause = child.dep_ in {"ccomp", "conj"} and (
            child.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJ | SUBJ_PASS for c in child.children)
        )
        if (
            child.dep_ in CLAUSE_BREAK
            or own_clause
            or (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"})
        ):
            skip.update(view.subtree(child.i - start))
    p = pred.i - start
    words, is_temporal = view.words, view.temporal
    after_at = [i + start for i in view.subtree(p) if i > p and i not in skip and not is_temporal[i]]
    before_at: list[int] = []
    if pred.dep_ in {"acl", "relcl"}:  # "statements released by the North": the noun is the patient
        before_at.append(pred.head.i)
    for child in pred.children:
        # not a manner or time adverb: "Gollum recently allowed", "was heavily criticized"
        # (PETRARCH matches the words before the verb inside its verb phrase only)
        if child.dep_ in SUBJ | SUBJ_PASS or (child.i < pred.i and child.dep_ not in _NOT_BEFORE):
            before_at.extend(i + start for i in view.subtree(child.i - start) if not view.preconj[i])
    after = [words[i - start] for i in after_at]
    before = [
        view.words[i - start] if view.words[i - start] == "to-inf" else view.lexical[i - start]
        for i in before_at
    ]
    return after, before, after_at, before_at


_NOT_BEFORE = {"punct", "cc", "advmod"}


#: entity types of a named place
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _forms(tok: Token) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _conjoined(tok: Token) -> list[Token]:
    """A word and the words coordinated with it ("homes and civilian buildings")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_conjoined(c))
    return out


_QUANTITY = frozenset(
    {
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "number",
        "couple",
        "pair",
        "handful",
        "lot",
        "lots",
        "several",
        "some",
        "many",
        "all",
        "most",
        "one",
        "two",
        "three",
    }
)


def _noun_keys(noun: Token) -> set[str]:
    """A noun's head, with each modifier before it and with an *of* phrase.

    "emergency measures" -> ``measures``, ``emergency_measures``; "a state of emergency"
    -> ``state``, ``state_of_emergency``; "dozens of web sites" -> also those of ``sites``.
    """
    heads = _forms(noun)
    if noun.lower_ in _QUANTITY:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        heads |= _noun_keys(pobj)
    keys = set(heads)
    for c in noun.children:
        if c.i < noun.i and c.dep_ in {"compound", "amod", "nmod"}:
            keys.update(f"{m}_{h}" for m in _forms(c) for h in heads)
        elif c.dep_ == "prep" and c.lower_ == "of":
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    keys.update(f"{h}_of_{o}" for o in _forms(pobj) for h in heads)
    return keys


def arguments(
    pred: Token, complement: Token | None = None, places: frozenset[int] = frozenset()
) -> frozenset[str]:
    """Keys of a verb's own dependents that rules may ask for (``Pattern.args``).

    ``obj:x`` for the head of a direct object or a passive subject (and the words
    coordinated with it), ``prt:x`` for a particle, ``on:x`` for the object of a
    preposition on the verb itself, ``xobj:x`` for the direct object of its complement
    verb ("used tear gas to disperse *demonstrators*"), ``obj:*`` when there is any
    direct object, ``obj:@place`` when it is a named place (a place entity, or a token in
    ``places``: the coder's actors that are places), ``subj:x`` for the head of an active
    subject and ``subj:@state`` when that is a named country or city. Both the word and
    its lemma are given; a word further down the clause ("set up a deal *on the
    pipeline*") is not.
    """
    keys: set[str] = set()
    for c in pred.children:
        if c.dep_ in {"dobj", "obj"}:
            keys.add("obj:*")  # any direct object ("demonstrated *the machines*")
            if c.ent_type_ in _PLACES or c.i in places:
                keys.add("obj:@place")  # "took *Goma*"
        if c.dep_ in {"dobj", "obj", "nsubjpass"}:
            for n in _conjoined(c):
                keys.update(f"obj:{k}" for k in _noun_keys(n))
        elif c.dep_ == "nsubj":
            keys.update(f"subj:{f}" for f in _forms(c))
            if c.ent_type_ == "GPE":
                keys.add("subj:@state")  # "Russia took ..."
        elif c.dep_ == "prt":
            keys.add(f"prt:{c.lower_}")
        elif c.dep_ == "prep":
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    for n in _conjoined(pobj):
                        keys.update(f"{c.lower_}:{f}" for f in _forms(n))
    if complement is not None:
        for c in complement.children:
            if c.dep_ in {"dobj", "obj"}:
                for n in _conjoined(c):
                    keys.update(f"xobj:{f}" for f in _forms(n))
    return frozenset(keys)


def word_of(tok: Token) -> str:
    """A token as the lexicon sees it; an infinitive's "to" is not the preposition."""
    if tok.tag_ == "TO" and tok.dep_ == "aux":
        return "to-inf"
    return f"{tok.lower_}|{tok.lemma_.lower()}"


def temporal(tok: Token) -> bool:
    """Dates and their prepositions ("on Tuesday") say nothing about the event type."""
    if tok.ent_type_ in {"DATE", "TIME"}:
        head = tok
        while head.dep_ in {"compound", "amod", "nummod", "det"} and head.head is not head:
            head = head.head
        return head.dep_ not in {"dobj", "nsubj", "nsubjpass"}  # "celebrated Eid": a day as a thing
    return tok.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in tok.children
    )


_INFLECTIONS = ("ing", "ed", "es", "s", "d")


def stem_lemma(word: str, lexicon: Lexicon) -> str | None:
    """A verb the lexicon knows under a regular inflection of ``word``, when the tagger's lemma is unknown.

    "cordoned" -> *cordon*, "stopping" -> *stop*; only regular suffixes are tried.
    """
    for suffix in _INFLECTIONS:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[: -len(suffix)]
        for cand in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
            if cand and lexicon.has(cand):
                return cand
    return None


def depths(heads: list[int]) -> list[int]:
    """Depth of every token of a sentence in its parse tree (root 0), in one pass."""
    depth = [-1] * len(heads)
    for i in range(len(heads)):
        path: list[int] = []
        j = i
        while depth[j] < 0 and heads[j] != j and 0 <= heads[j] < len(heads) and len(path) < 60:
            path.append(j)
            j = heads[j]
        d = depth[j] if depth[j] >= 0 else 0
        depth[j] = d
        for k in reversed(path):
            d += 1
            depth[k] = d
    return depth

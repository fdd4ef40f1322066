"""The coder's working record of one predicate (:class:`Frame`) and the rewrites applied to it.

A reported obligation becomes a request ("X said Y must ..."), a consultation between equals
gets both parties as sources, and a negated act becomes its opposite where the lexicon says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from communique.events.args import SUBJ, Token, children, np_actors, verb_subjects
from communique.events.modality import read_modality
from communique.lexicon import Lexicon, Match, Pattern

__all__ = ["Frame", "mutual", "recode", "reported_demand"]


@dataclass
class Frame:
    """A predicate with its lexicon match and its parties, before it becomes Event records."""

    token: Token
    pos: Literal["verb", "noun"]
    match: Match
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    consumed: tuple[Token, ...]
    recoded: bool = False  # a negated act recoded as its opposite (``recode_negated``)
    agentless: bool = False  # "civilians were killed in a bombing": a victim, no named attacker


_OBLIGATION = {"must", "should", "ought"}
_DEMAND = Match(
    pattern=Pattern("must", "100", origin="rule:reported-obligation", rank=2),
    cameo="100",
    event_type="REQUEST",
    mode=None,
    context=(),
)


def reported_demand(
    tok: Token, token_actor: dict[int, str], words: dict[str, frozenset[str]]
) -> Frame | None:
    """ "X said Y must/should do Z" is X asking Y to do Z: a REQUEST from X to Y (PLOVER GSR)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in words.get("speech_verbs", frozenset()):
        return None
    for comp in children(tok, {"ccomp"}):
        if not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in comp.children):
            continue
        if any(c.dep_ == "neg" for c in comp.children):
            continue
        subj = children(comp, SUBJ)
        targets = np_actors(subj[0], token_actor) if subj else []
        sources = verb_subjects(tok, token_actor, words)
        if not targets:
            continue  # with no known source the frame gives no event, but Z is still not done
        targets = [t for t in targets if t not in sources] or targets
        eaten = tuple(t for t in comp.subtree if t.i != comp.i)
        eaten = (comp, *eaten)
        return Frame(comp, "verb", _DEMAND, tuple(sources), tuple(targets), eaten)
    return None


def mutual(frame: Frame, words: dict[str, frozenset[str]]) -> Frame:
    """A consultation between equals ("X telephoned Y", "held talks with Y"): both are sources.

    A place named only as where the talks were ("held talks *in Hanoi*") was already taken
    out of the targets (:func:`_sentence_frames`): it is the event's location, not a source.
    """
    if frame.match.event_type != "CONSULT" or not (frame.sources and frame.targets):
        return frame
    mutual = words.get("mutual_consult", frozenset())
    heads = [frame.token, *children(frame.token, {"dobj"})]  # "held *talks* with Y"
    if not any(t.lemma_.lower() in mutual for t in heads):
        return frame
    parties = tuple(t for t in frame.targets if t not in frame.sources)
    both = frame.sources + parties
    return Frame(frame.token, frame.pos, frame.match, both, (), frame.consumed, frame.recoded)


def recode(frame: Frame, lexicon: Lexicon, words: dict[str, frozenset[str]]) -> Frame:
    """A negated act as its opposite, where the lexicon's negation table names one."""
    opposite = lexicon.negations.get(frame.match.cameo)
    if opposite is None or not read_modality(frame.token, words)[0]:
        return frame
    etype, mode, context = lexicon.plover(opposite)
    pattern = Pattern(frame.match.pattern.lemma, opposite, origin="negation", rank=frame.match.pattern.rank)
    match = Match(pattern=pattern, cameo=opposite, event_type=etype, mode=mode, context=context)
    return Frame(frame.token, frame.pos, match, frame.sources, frame.targets, frame.consumed, recoded=True)

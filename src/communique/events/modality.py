"""Negation, modality and intent of a coded predicate.

PLOVER codes a promised cooperative act as AGREE and a promised attack as THREATEN (the
manual: "the coder should always return the single event category"); this module reads
negation, modal auxiliaries, *if* clauses and intention verbs off the parse, and maps an
event type under a modality to the type PLOVER wants.
"""

from __future__ import annotations

from communique.events.args import COMPLEMENT, Token
from communique.lexicon import PLOVER_QUAD, Match

__all__ = ["intent", "read_modality", "readying", "reverse_type"]

_MODALS = {
    "will",
    "would",
    "could",
    "may",
    "might",
    "shall",
    "should",
    "can",
    "must",
    "wo",
    "ca",
    "'ll",
    "'d",
}
_MODAL_NORM = {"wo": "will", "ca": "can", "'ll": "will", "'d": "would"}


def read_modality(pred: Token, words: dict[str, frozenset[str]]) -> tuple[bool, str | None, bool]:
    """Return ``(negated, modality, hypothetical)`` for a predicate."""
    # "did not even ever clash": the parser may hang "not" off an adverb of the verb
    negated = any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.i < pred.i and any(g.dep_ == "neg" for g in c.children))
        for c in pred.children
    )
    modality: str | None = None
    hypothetical = False
    for c in pred.children:
        if c.dep_ == "aux" and c.lower_ in _MODALS:
            modality = _MODAL_NORM.get(c.lower_, c.lower_)
            hypothetical = True
    if any(c.dep_ == "det" and c.lower_ in {"no"} for c in pred.children):
        negated = True
    # governing verbs: "denied attacking", "failed to", "plans to", "if ..."
    tok = pred
    for _ in range(6):
        if tok.head is tok:
            break
        if tok.dep_ in {"advcl"} and any(
            c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in tok.children
        ):
            hypothetical = True
            modality = modality or "if"
        head = tok.head
        if tok.dep_ in COMPLEMENT or tok.dep_ == "pobj":
            hl = head.lemma_.lower()
            if hl in words.get("negating_verbs", frozenset()):
                negated = True
                modality = modality or head.lower_
            elif tok.dep_ == "xcomp" and hl in words.get("intent_verbs", frozenset()):
                hypothetical = True
                modality = modality or hl
        if tok.dep_ not in COMPLEMENT | {"prep", "pobj"}:
            break
        tok = head
    return negated, modality, hypothetical


# PLOVER codes a promised cooperative act as AGREE and a promised attack as THREATEN
# ("the coder should always return the single event category, not a category+auxiliary").
# The GSR codes promised concessions and retreats as AGREE too, except resignations ("will
# resign" is RETREAT). A promised withdrawal of observers or peacekeepers (SANCTION
# withdraw/expel) is a threat; an announced ban or cut (SANCTION discontinue) is the act.
_INTENT_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "CONCEDE": "035", "RETREAT": "035", "COOPERATE": "031"}
_INTENT_CAMEO |= {"AID": "033"}
_THREAT_CAMEO = {"ASSAULT": ("138", "violence"), "COERCE": ("130", None), "SANCTION": ("131", None)}
_FUTURE = {"will", "would", "shall"}
_PLANNED = {"plan", "intend", "prepare", "ready", "prepared", "consider", "mull", "weigh"}


def _conditional(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in tok.children
    )


def readying(pred: Token, words: dict[str, frozenset[str]]) -> bool:
    """Whether a predicate is an act its actor was seen making ready ("the army *prepared*
    to resume shelling"): the complement, through complements, of "prepare" in the simple
    past, itself neither reported ("said it prepared to ...") nor a condition, and no *if*
    clause on the way. "Is ready to", "is prepared to", "prepares to" are stated intent.
    """
    tok = pred
    for _ in range(6):
        if tok.head is tok or _conditional(tok):
            return False
        head = tok.head
        if tok.dep_ == "xcomp" and head.lemma_.lower() == "prepare" and head.tag_ == "VBD":
            if _conditional(head) or any(c.dep_ in {"aux", "auxpass"} for c in head.children):
                return False
            reported = head.dep_ in {"ccomp", "xcomp", "advcl"} and (
                head.head.lemma_.lower() in words.get("speech_verbs", frozenset())
            )
            return not reported
        if tok.dep_ not in COMPLEMENT:
            return False
        tok = head
    return False


def intent(
    etype: str,
    match: Match,
    modality: str | None,
    words: dict[str, frozenset[str]],
    readied: bool = False,
) -> tuple[str, str, str | None, tuple[str, ...]]:
    """The event type, CAMEO code, mode and context PLOVER wants under a modality.

    ``readied`` says the act was being made ready (:func:`readying`): an attack being
    readied is mobilization (CAMEO 152), with no mode the text does not give.
    """
    promised = modality is not None and (
        modality in _FUTURE or modality.lower() in words.get("intent_verbs", frozenset())
    )
    if promised and etype in _INTENT_CAMEO and match.mode != "resign":
        return "AGREE", _INTENT_CAMEO[etype], None, match.context
    if etype == "ASSAULT" and readied:
        # "the army prepared to resume shelling": readying force is mobilization (the GSR)
        return "MOBILIZE", "152", None, match.context or ("military",)
    threat = etype in _THREAT_CAMEO and (etype != "SANCTION" or match.mode in {"withdraw", "expel"})
    if threat and modality is not None and (modality in _FUTURE or modality in _PLANNED):
        cameo, mode = _THREAT_CAMEO[etype]
        return "THREATEN", cameo, mode, match.context
    return etype, match.cameo, match.mode, match.context


def reverse_type(code: str, match: Match, etype: str) -> str | None:
    # The reciprocal code is almost always in the same CAMEO family (042:043 visit/host).
    if code[:2] == match.cameo[:2]:
        return etype if etype in PLOVER_QUAD else None
    return None

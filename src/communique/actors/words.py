"""Small readings of phrases and names for the actors stage (``coder``).

Public names here are for ``communique.actors.coder`` only: PETRARCH-style stacked codes,
relation nouns after a noun phrase ("Israel's militia ally"), locative objects ("in
Hanoi"), and names cleaned of possessives and split into surnames.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.actors.scan import Cluster

_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "from", "to", "into", "across", "around"})
# Nouns for someone related to the possessor: "Israel's militia ally" is not Israel's militia.
_RELATIONS = frozenset(
    {"ally", "proxy", "partner", "client", "rival", "enemy", "foe", "adversary", "opponent", "surrogate"}
)
_FAMILY_NAME_FIRST = frozenset({"PRK", "KOR", "CHN", "TWN", "VNM", "KHM", "MNG", "HKG", "MAC"})


def stacked_code(cluster: Cluster, country: str, sector: str) -> tuple[str, str]:
    """PETRARCH codes: every agent of the noun phrase, prefix agents before the country.

    "An MSF Arnor diplomat" (``[NGO~]``, ``[~GOV]``) is ``NGOARN`` + ``GOV``; "the Danish
    Islamist media" is ``DNK`` + ``MUSMED``.
    """
    prefixes: list[str] = []
    suffixes: list[str] = []
    lender = cluster.shared
    # "the Danish Islamist media and government": the lender's modifiers carry over too.
    lent = [h for h in lender.hits if h is not lender.agent_hit] if lender is not None else []
    for hit in [*lent, *cluster.hits]:
        agent = hit.agent
        if agent is None:
            continue
        codes = prefixes if agent.prefix else suffixes
        if agent.sector not in codes:
            codes.append(agent.sector)
    if sector not in prefixes and sector not in suffixes:
        suffixes.append(sector)  # a branch's sector ("intelligence officials")
    return "".join(prefixes) + country, "".join(suffixes)


def relation_after(doc: Doc, end: int) -> bool:
    """Whether the noun phrase ends in a relation the cluster only qualifies ("militia ally")."""
    return end < len(doc) and doc[end].lemma_.lower() in _RELATIONS and doc[end - 1].head.i == end


_DATELINE_END = frozenset({",", "—", "–", "-", "(", ":"})


def dateline_tokens(doc: Doc) -> set[int]:
    """Tokens of a news dateline: a place in capitals that opens a sentence and is followed by
    a comma, dash or bracket ("PARIS —", "HANOI, Vietnam (AP) —"), with the country name that
    may follow it. A dateline says where the story was filed, not who acted.
    """
    out: set[int] = set()
    for sent in doc.sents:
        i = sent.start
        while i < sent.end and doc[i].is_space:
            i += 1
        j = i
        while j < sent.end and doc[j].is_alpha and doc[j].text.isupper() and len(doc[j].text) > 1:
            j += 1
        if j == i or j >= sent.end or doc[j].text not in _DATELINE_END:
            continue
        out.update(range(i, j))
        if doc[j].text == ",":  # "HANOI, Vietnam (AP) —": the country after the city too
            k = j + 1
            while k < sent.end and doc[k].is_title and doc[k].is_alpha:
                k += 1
            if k > j + 1 and k < sent.end and doc[k].text in _DATELINE_END - {","}:
                out.update(range(j + 1, k))
        out.update(_agency(doc, j, min(sent.end, j + _DATELINE_SPAN)))
    return out


#: how many tokens after the place a dateline's agency may stand ("SEOUL, Sept. 9 (Agency) --")
_DATELINE_SPAN = 10
_DASHES = frozenset({"--", "—", "–", "-", "---"})


def _agency(doc: Doc, start: int, end: int) -> range:
    """The bracketed news agency of a dateline, closed by a dash: "(Agency) --"."""
    for k in range(start, end):
        if doc[k].text != "(":
            continue
        for close in range(k + 1, min(end, k + 6)):
            if doc[close].text == ")":
                after = doc[close + 1].text if close + 1 < len(doc) else ""
                return range(k + 1, close) if after in _DASHES else range(0)
        return range(0)
    return range(0)


def locative(token: Token) -> bool:
    """Whether a place name is the object of a locative preposition ("in Hanoi")."""
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE


def head_of(doc: Doc, start: int, end: int) -> Token:
    """The syntactic head of the tokens ``start:end``."""
    span = doc[start:end]
    return span.root


def clean_name(text: str) -> str:
    """A name without its possessive ending and extra spaces.

    >>> clean_name("Choe  Son-hui's")
    'Choe Son-hui'
    """
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return " ".join(text.split())


def surnames(name: str, surname: str | None, country: str | None) -> set[str]:
    """The surname a later mention may use alone (family name first for East Asian names).

    >>> surnames("Mike Pompeo", None, "USA"), surnames("Kim Yo Jong", None, "PRK")
    ({'Pompeo'}, {'Kim'})
    """
    if surname:
        return {surname}
    words = [w for w in name.replace("-", " - ").split() if w != "-"]
    parts = name.split()
    if len(parts) < 2:
        return set()
    if country in _FAMILY_NAME_FIRST:
        return {parts[0]}
    last = parts[-1]
    if last.rstrip(".").lower() in ("jr", "sr", "ii", "iii") and len(parts) > 2:
        last = parts[-2]
    return {last} if words else set()

"""Countries for people from the text around them: role organisations, appositions, the sentence.

Runs after the actors of an article are drafted. A person the knowledge base does not
place ("President Laurent Gbago", "Judge Alejandro Rivera") gets a country from

* the organisation of the role the text gives them: a premodifier or an apposition naming an
  IGO ("U.N. mediator Diego Cordovez", "Kenzo Oshima, the UN ... Coordinator") makes them IGO,
  whatever their nationality (PLOVER codes UN officials IGO);
* an apposition with a country ("X, the president of Ghana");
* the sentence, for a titled state office (President, Judge, Minister …): when exactly one
  country is named in the sentence outside that person, and it is not what the person acts on
  (a direct object or a "to/against/with" recipient of their verb).

``settle_domestic`` then gives uncoded groups, role nouns and organisations ("the opposition
coalition", "workers", "the Islamic Salvation Front") the one state their sentence names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from spacy.tokens import Doc, Token

from communique.actors.scan import SIDING

_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "UAF"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
_RECIPIENT_PREPS = frozenset({"to", "against", "with", "on", "at", "toward", "towards", "for", "from"})


class Drafted(Protocol):
    """What this module reads and sets on a drafted actor."""

    country: str | None
    sector: str | None
    kind: str
    title: str | None
    kb_id: str | None
    mentions: list[tuple[int, int, str]]


D = TypeVar("D", bound=Drafted)


def place_people(doc: Doc, drafts: list[Drafted], sentence_of: list[int]) -> None:
    """Give drafted people the country their role organisation, apposition or sentence states."""
    owner: dict[int, Drafted] = {}
    for draft in drafts:
        for s, e, _ in draft.mentions:
            for i in range(s, e):
                owner[i] = draft
    for draft in drafts:
        if draft.kind != "person" or not draft.mentions:
            continue
        start, end, kind = min(draft.mentions)
        if kind == "role":
            continue
        head = doc[start:end].root
        near = [d for d in _role_context(doc, head, start, owner) if d is not draft]
        if any(d.country == "IGO" for d in near) and not any(d.country not in (None, "IGO") for d in near):
            draft.country = "IGO"
            draft.sector = draft.sector or "GOV"
            continue
        if draft.country is not None:
            continue
        stated = {d.country for d in near if d.country is not None and d.country not in _NON_STATE}
        if len(stated) == 1:
            source = next(d for d in near if d.country in stated)
            draft.country = stated.pop()
            if draft.sector is None and source.kind == "person":
                draft.sector, draft.title = source.sector, draft.title or source.title
            continue
        if draft.sector in _STATE_SECTORS and draft.title:
            draft.country = _sentence_country(doc, draft, head, owner, sentence_of)


def _role_context(doc: Doc, head: Token, start: int, owner: dict[int, Drafted]) -> list[Drafted]:
    """Actors named in the person's premodifiers ("U.N. mediator X") and apposition ("X, the …")."""
    tokens: list[Token] = []
    j = start - 1
    while j >= 0 and start - j <= 6 and head.i >= doc[j].head.i > j and not doc[j].is_punct:
        tokens.append(doc[j])
        j -= 1
    if tokens and not any(t.pos_ == "NOUN" and t.i not in owner for t in tokens):
        tokens = []  # no role word of its own: "U.N. Diego" is no office
    apposed = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ != "PERSON"]
    if head.dep_ == "appos" and head.head.ent_type_ != "PERSON":
        apposed.append(head.head)
    for appos in apposed:
        tokens.extend(appos.subtree)
    found: list[Drafted] = []
    for token in tokens:
        draft = owner.get(token.i)
        if draft is not None and draft not in found:
            found.append(draft)
    return found


def _sentence_country(
    doc: Doc, person: Drafted, head: Token, owner: dict[int, Drafted], sentence_of: list[int]
) -> str | None:
    """The one country the person's sentence names, unless it is what the person acts on."""
    sentence = sentence_of[head.i]
    countries: set[str] = set()
    attested: set[str] = set()
    acted_on: set[str] = set()
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else None
    for draft in {id(d): d for d in owner.values()}.values():
        if draft is person or draft.country is None:
            continue
        mentions = [(s, e) for s, e, _ in draft.mentions if sentence_of[s] == sentence]
        if not mentions:
            continue
        countries.add(draft.country)
        if draft.kind != "person":
            attested.add(draft.country)
        if verb is not None and any(_acted_on(doc[s:e].root, verb) for s, e in mentions):
            acted_on.add(draft.country)
    # A judge or prosecutor acts within their own state: "Judge X opened investigations against
    # Chilean officials" is Chilean; anyone else acting on the one state is likely foreign.
    if person.sector == "JUD":
        acted_on = set()
    if len(countries) != 1 or countries != attested or countries & acted_on:
        return None
    country = countries.pop()
    return None if country in _NON_STATE else country


def _acted_on(token: Token, verb: Token) -> bool:
    """Whether a mention is the object or recipient of the verb (or of the verbs it governs)."""
    verbs = {verb.i, *(c.i for c in verb.children if c.dep_ in ("xcomp", "conj"))}
    # the noun phrase the mention modifies ("the Iraqi government"): climb compounds and amods
    while token.dep_ in ("compound", "amod", "poss", "nmod") and token.head.i != token.i:
        token = token.head
    if token.dep_ in _OBJECT_DEPS and token.head.i in verbs:
        return True
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in _RECIPIENT_PREPS and prep.head.i in verbs


_PLACE_PREPS = frozenset({"in", "near", "inside", "within", "across", "throughout"})


def settle_ethnic_groups(
    doc: Doc,
    drafts: list[Drafted],
    sentence_of: list[int],
    country_actor: Callable[[str, str | None], Drafted],
) -> None:
    """Code "ethnic X" as people of the country the sentence places them in (PLOVER GSR convention).

    "ethnic Albanians demonstrated in Serbia" are Serbian actors, not Albanian ones: a mention
    right after the word "ethnic" moves to the one country its sentence names as a place (the
    object of "in/near …", or its possessor: "near Macedonia's border"). With no such place, or
    more than one, the mention keeps its own country.
    """
    places: dict[int, set[str]] = {}
    for draft in drafts:
        if draft.country is None or draft.country in _NON_STATE or draft.kind == "person":
            continue
        for s, e, _ in draft.mentions:
            if _is_place(doc[s:e].root):
                places.setdefault(sentence_of[s], set()).add(draft.country)
    for draft in list(drafts):
        if draft.country is None or draft.kind == "person":
            continue
        for mention in list(draft.mentions):
            s = mention[0]
            if s == 0 or doc[s - 1].lower_ != "ethnic":
                continue
            where = places.get(sentence_of[s], set()) - {draft.country}
            if len(where) != 1:
                continue
            draft.mentions.remove(mention)
            country_actor(where.pop(), draft.sector).mentions.append(mention)


def _is_place(token: Token) -> bool:
    """Whether a country mention names where something happens ("in Serbia", "near X's border")."""
    while token.dep_ in ("compound", "amod") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS


# Sectors of actors that are international by nature: "a human rights group" is NGO, not local.
_NGO_SECTORS = frozenset({"HRI", "NGO"})
_INTERNATIONAL_SECTORS = frozenset({"HRI", "NGO", "IGO", "IMG", "MNC"})
# Heads of people sent from abroad (as in ``scan``): "peacekeeping forces" are not the host's.
_DEPLOYED = frozenset(
    {"peacekeepers", "peacekeeper", "force", "forces", "troops", "inspectors", "observers", "monitors"}
)


def settle_domestic(
    doc: Doc,
    drafts: list[D],
    sentence_of: list[int],
    relocate: Callable[[D, tuple[int, int, str], str], None],
) -> None:
    """Code uncoded groups, roles and organisations by the one country their sentence names.

    A news sentence that names one state and "the opposition coalition", "rebels",
    "workers" or "the Islamic Salvation Front" without a country is about that state's
    opposition, rebels and workers: PLOVER's coders give them its code, and so does this
    pass (``relocate`` moves the mention to the country's actor). It leaves alone people
    the KB knows, people with a state title (``place_people`` decides those), a named person
    whose verb acts on the state ("Bishop X called for sanctions against Togo": a voice from
    outside), organisations the KB
    lists without a country as media (news agencies report on others), actors of an
    international sector (human rights groups, NGOs), and people sent abroad
    ("peacekeeping forces", "inspectors"). A sentence naming two states, or none, gives
    nothing.
    """
    named: dict[int, set[str]] = {}
    at: dict[int, list[int]] = {}  # sentence -> token indexes of its state mentions
    for draft in drafts:
        if draft.country is None or draft.country in _NON_STATE:
            continue
        for s, e, _ in draft.mentions:
            if e + 1 < len(doc) and doc[e].text in "-–" and doc[e + 1].lower_ in SIDING:
                continue  # "Russian-backed": the backer, not where the sentence happens
            named.setdefault(sentence_of[s], set()).add(draft.country)
            at.setdefault(sentence_of[s], []).append(s)
    owned = {i for draft in drafts for s, e, _ in draft.mentions for i in range(s, e)}
    people = {
        i for d in drafts if d.kind == "person" for s, e, k in d.mentions if k != "role" for i in range(s, e)
    }
    for draft in drafts:
        if draft.country is None and draft.kb_id is None and draft.sector in _NGO_SECTORS:
            for mention in sorted(draft.mentions):
                relocate(draft, mention, "NGO")  # "a human rights group": PLOVER's NGO
            continue
        if draft.country is not None or not draft.mentions or draft.sector in _INTERNATIONAL_SECTORS:
            continue
        if draft.kb_id is not None and (draft.kind == "person" or draft.sector in (None, "MED")):
            continue
        for mention in sorted(draft.mentions):
            s, e, kind = mention
            if kind != "role" and draft.kind == "person" and draft.sector in _STATE_SECTORS and draft.title:
                continue  # a titled state office: ``place_people`` has decided
            if doc[e - 1].lower_ in _DEPLOYED or any(t.lower_.startswith("peacekeep") for t in doc[s:e]):
                continue
            where = named.get(sentence_of[s], set())
            if len(where) != 1 or _sided(doc, doc[s:e].root, s):
                continue
            root = doc[s:e].root
            if any(c.dep_ == "poss" and c.pos_ != "PRON" and c.i not in owned for c in root.children):
                continue  # "the North's leader" (no North Korea in the text): the possessor says whose
            if kind == "role" and _names_someone(root, people):
                continue  # "the then president, Goodluck Jonathan,": that person's title, not a new actor
            if root.lower_ == "state" and e + 1 < len(doc) and doc[e].lower_ == "of" and doc[e + 1].is_lower:
                continue  # "a state of emergency" is no actor (but "the Sovereign State of Biafra" names one)
            if draft.sector == "CVL" and _in_place(doc[s:e].root):
                continue  # "surrendered in the eastern town": where it happened, not who
            if kind != "role" and draft.kind == "person" and _acts_on(doc, doc[s:e].root, at[sentence_of[s]]):
                continue  # "Archbishop X called for sanctions against Nigeria": a foreign voice
            relocate(draft, mention, next(iter(where)))


_WHERE = frozenset({"in", "at", "near", "from", "into", "inside", "outside", "across", "around", "within"})


def _names_someone(token: Token, people: set[int]) -> bool:
    """Whether a role noun and a named person are in apposition ("the president, X,")."""
    if token.dep_ == "appos" and token.head.i in people:
        return True
    return any(c.dep_ == "appos" and c.i in people for c in token.children)


def _in_place(token: Token) -> bool:
    """Whether a mention is the object of a locative preposition ("in the town")."""
    return token.dep_ == "pobj" and token.head.lower_ in _WHERE


def _sided(doc: Doc, head: Token, start: int) -> bool:
    """Whether the words before a mention in its noun phrase tie it to some state."""
    return any(t.lower_ in SIDING for t in doc[min(head.left_edge.i, start) : start])


_ACTED_ON_DEPS = frozenset({"dobj", "dative", "prep", "xcomp", "attr", "oprd"})


def _acts_on(doc: Doc, head: Token, mentions: list[int]) -> bool:
    """Whether a person is the subject of a verb whose object or recipient phrase holds a mention."""
    if head.dep_ != "nsubj":
        return False
    verb = head.head
    for child in verb.children:
        if child.dep_ not in _ACTED_ON_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ not in _RECIPIENT_PREPS:
            continue
        if any(child.left_edge.i <= i <= child.right_edge.i for i in mentions):
            return True
    return False

"""Finding knowledge-base phrases in a parse and joining them into noun-phrase clusters."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Token

from communique.kb import KnowledgeBase
from communique.kb.core import Agent, Alias, Entry, norm_word
from communique.time.lexicon import MONTHS, WEEKDAY_NAMES

__all__ = ["Cluster", "Hit", "Word", "build_clusters", "discards", "scan", "words_of"]

# Words that may sit inside a title between a country word and a role noun.
TITLE_MODIFIERS = frozenset(
    [
        "first",
        "second",
        "vice",
        "deputy",
        "senior",
        "acting",
        "chief",
        "special",
        "top",
        "principal",
        "assistant",
        "associate",
        "executive",
        "under",
        "interim",
        "new",
        "former",
        "chief-of-staff",
        "permanent",
        "high-ranking",
        "high-level",
    ]
)
_HYPHENS = frozenset({"-", "–", "‑"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# "the prime minister February 3": a month or weekday after a role noun is not a name ("May" may be).
_CALENDAR = frozenset(set(MONTHS) - {"may"}) | frozenset(WEEKDAY_NAMES)
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "abu", "de", "da", "di", "van", "von", "der", "le", "la", "du"}
)
_SMALL = frozenset({"of", "for", "the", "and", "on", "to", "in"})
_STANCE = frozenset({"anti", "pro"})
_PRODUCT = frozenset({"made", "built", "designed", "manufactured", "produced"})
# "Russian-backed separatists": the state backs the group; it is not the group's own.
SIDING = frozenset({"backed", "led", "allied", "sponsored", "funded", "supported", "aligned", "armed"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# Role nouns for people sent from abroad: "peacekeepers in Iraq" are not Iraq's.
_DEPLOYED = frozenset(
    {"peacekeepers", "peacekeeper", "force", "forces", "troops", "inspectors", "observers", "monitors"}
)
# Role nouns that say little besides the office: the noun before them names the branch.
GENERIC_HEADS = frozenset(
    {
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "source",
        "leader",
        "member",
        "chief",
        "officer",
        "commander",
        "representative",
        "personnel",
        "staff",
        "head",
    }
)


class Word(NamedTuple):
    """One matchable word: a token's normalised text and its case (a tuple: built per token)."""

    norm: str
    i: int
    upper: bool
    cap: bool


@dataclass
class Hit:
    """A knowledge-base phrase found in the text: an entry alias or an agent noun."""

    tok_start: int
    tok_end: int
    sentence: int
    entry: Entry | None = None
    alias: Alias | None = None
    agent: Agent | None = None

    @property
    def country(self) -> str | None:
        """The entry's country code (for a country entry, its own code)."""
        entry = self.entry
        if entry is None:
            return None
        if entry.kind == "country":
            if len(entry.id) == 3 and entry.id.isupper():
                return entry.id  # the shipped KB keys countries by their current ISO code
            current = entry.role_at(None)
            return (current.country if current else None) or entry.country or entry.id
        return entry.country


@dataclass
class Cluster:
    """Hits that form one noun phrase, and how to read it."""

    hits: list[Hit]
    start: int
    end: int
    agent_hit: Hit | None = None
    agent_effective: bool = False
    group: bool = False
    title: str | None = None
    name_tokens: tuple[int, int] | None = None
    joins: list[tuple[int, str]] = field(default_factory=list)  # (hit index, how it was joined)
    shared: Cluster | None = None  # "Hungarian and [Romanian officials]": the cluster lending its role noun
    branch: Agent | None = None  # "intelligence officials": the head noun with the branch's sector

    @property
    def bare_countries(self) -> bool:
        """Whether the cluster is only country names or demonyms."""
        return all(h.entry is not None and h.entry.kind == "country" for h in self.hits)

    @property
    def agent(self) -> Agent | None:
        """The cluster's head role noun, if any (with the sector of a branch before a generic head)."""
        if self.branch is not None:
            return self.branch
        return self.agent_hit.agent if self.agent_hit is not None else None


@lru_cache(maxsize=1 << 16)
def _shape(text: str) -> tuple[str, bool, bool]:
    """A token text's normalised form, whether it is all capitals, whether it is capitalised."""
    return norm_word(text), text.replace(".", "").isupper(), text[:1].isupper()


def words_of(doc: Doc) -> list[Word]:
    """Return the matchable words of a parse; hyphens inside words ("Son-hui") are dropped."""
    if not len(doc):
        return []
    # Read token attributes as arrays: creating spaCy Token objects is the slow part.
    attrs = doc.to_array(["ORTH", "SPACY", "IS_SPACE"]).tolist()
    strings = doc.vocab.strings
    words: list[Word] = []
    previous_spaced = True  # the first token has nothing to join
    for i, (orth, spaced, is_space) in enumerate(attrs):
        if not is_space:
            text = strings[orth]
            if not (text in _HYPHENS and not previous_spaced and not spaced):
                norm, upper, cap = _shape(text)
                words.append(Word(norm, i, upper, cap))
        previous_spaced = spaced
    return words


def _valid(alias_words: int, words: list[Word], j: int, n: int) -> bool:
    first = j + 1 if words[j].norm == "the" and n > 1 else j
    while first < j + n - 1 and words[first].norm in _NAME_PARTICLES:
        first += 1  # "al-Qaeda", "al-Shabaab": a lower-case particle before the name
    if not words[first].cap:
        return False
    return not (n == 1 and len(words[j].norm) <= 3 and not words[j].upper)


def scan(words: list[Word], kb: KnowledgeBase) -> list[Hit]:
    """Find the longest KB phrases (entry aliases or agent nouns), left to right."""
    hits: list[Hit] = []
    norms = [w.norm for w in words]
    # Only words that can start an alias or an agent noun need a look-up.
    distinct = set(norms)
    starters = kb.actors.starters(distinct) | kb.agents.starters(distinct)
    starts = [j for j, norm in enumerate(norms) if norm in starters]
    j = 0
    while True:
        next_start = bisect_left(starts, j)
        if next_start == len(starts):
            break
        j = starts[next_start]
        n_actor, aliases = kb.actors.longest(norms, j)
        if n_actor and not _valid(n_actor, words, j, n_actor):
            n_actor = 0
        if n_actor and norms[j] == "the":
            # "the North Korean regime": prefer "North Korean" over the short form "the North".
            n_next, _ = kb.actors.longest(norms, j + 1)
            if 1 + n_next >= n_actor and _valid(n_next, words, j + 1, n_next):
                j += 1
                continue
        n_agent, agents = kb.agents.longest(norms, j)
        if not n_actor and not n_agent:
            j += 1
            continue
        start = words[j].i
        if n_actor >= n_agent:
            end = words[j + n_actor - 1].i + 1
            alias = aliases[0]
            entry = kb.entries.get(alias.entry_id)
            # "anti-Syria journalist", "pro-Iranian militias": the name qualifies someone else.
            against = j > 0 and words[j - 1].norm in _STANCE and words[j].i - words[j - 1].i == 2
            # "Chinese-made drones": where a product comes from, not an actor.
            k = j + n_actor
            product = k < len(words) and words[k].norm in _PRODUCT and words[k].i - end == 1
            if entry is not None and not against and not product:
                hits.append(Hit(start, end, 0, entry=entry, alias=alias))
            j += n_actor
        else:
            end = words[j + n_agent - 1].i + 1
            hits.append(Hit(start, end, 0, agent=agents[0]))
            j += n_agent
    return hits


def discards(doc: Doc, kb: KnowledgeBase) -> tuple[bool, frozenset[int]]:
    """Return ``(story_discarded, discarded sentence indexes)`` from the KB's discard phrases.

    PETRARCH skips event coding in sentences (or whole stories, for ``+`` phrases) that
    contain a discard phrase, such as sports reports. The actors stage still codes actors
    there; the events stage decides with this.
    """
    if not len(kb.discards):
        return False, frozenset()
    words = words_of(doc)
    norms = [w.norm for w in words]
    sentence_of = {t.i: n for n, sent in enumerate(doc.sents) for t in sent}
    found: set[int] = set()
    for j in kb.discards.starts(norms):
        n, flags = kb.discards.longest(norms, j)
        if n:
            if any(flags):
                return True, frozenset(sentence_of.values())
            found.add(sentence_of[words[j].i])
    return False, frozenset(found)


def _gap_kind(doc: Doc, start: int, end: int) -> str | None:
    """Classify the tokens between two hits: '' (adjacent/modifiers), 'poss', 'prep', or None."""
    kind = ""
    for token in doc[start:end]:
        low = token.text.lower()
        if low in TITLE_MODIFIERS or token.text in _HYPHENS:
            continue
        if low in _POSSESSIVE or token.tag_ == "POS":
            kind = "poss"
            continue
        if kind == "poss" and (token.pos_ == "ADJ" or (low in ("and", ",") and token.i + 1 < end)):
            continue  # "Ithilen's awful and evil minister": adjectives between possessor and role
        if (
            not kind
            and _modifies_after(token, end)
            and (token.pos_ == "ADJ" or token.dep_ == "amod")
            and low not in SIDING
        ):
            continue  # "Syrian Kurdish fighters", "Israeli elite troops": a modifier of the role noun
        if low in ("for", "of", "in", "from") and not kind:
            kind = "prep"
            continue
        if low == "the" and kind == "prep":
            continue
        return None
    return kind


def _modifies_after(token: Token, end: int) -> bool:
    """Whether a token modifies a word at or after ``end`` (the next hit), not before it."""
    return token.dep_ in ("amod", "compound", "nmod") and token.head.i >= end


def build_clusters(doc: Doc, hits: list[Hit]) -> list[Cluster]:
    """Join hits into noun-phrase clusters and work out each cluster's role noun and name."""
    clusters: list[Cluster] = []
    for hit in hits:
        if clusters:
            last = clusters[-1]
            prev = last.hits[-1]
            gap = _gap_kind(doc, prev.tok_end, hit.tok_start) if prev.sentence == hit.sentence else None
            ok = gap == "" or (gap == "poss" and hit.agent is not None)
            ok = ok or (
                gap == "prep"
                and prev.agent is not None
                and hit.entry is not None
                and (hit.entry.kind == "country" or _state_body(hit.entry))
                and doc[prev.tok_end - 1].lower_ not in _DEPLOYED
            )
            if ok:
                last.joins.append((len(last.hits), gap or ""))
                last.hits.append(hit)
                last.end = hit.tok_end
                continue
        clusters.append(Cluster([hit], hit.tok_start, hit.tok_end))
    out: list[Cluster] = []
    for cluster in clusters:
        out.extend(_finish(doc, cluster))
    out = _attach_origins(doc, out)
    _share_agents(doc, out)
    return out


def _state_body(entry: Entry) -> bool:
    """Whether an entry is a state institution or an IGO ("a spokesman for the Pentagon")."""
    if entry.kind == "igo":
        return True
    role = entry.roles[0] if entry.roles else None
    return (
        entry.kind in ("organization", "group")
        and role is not None
        and role.country is not None
        and role.sector in _STATE_SECTORS
    )


def _attach_origins(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Join "of <country>" to the person before it: "King Hassan of Morocco" is one mention."""
    out: list[Cluster] = []
    for cluster in clusters:
        if out:
            last = out[-1]
            person = last.name_tokens is not None or any(
                h.entry is not None and h.entry.kind == "person" for h in last.hits
            )
            between = (
                [t.lower_ for t in doc[last.end : cluster.start]] if cluster.start - last.end <= 2 else []
            )
            if (
                person
                and between in (["of"], ["of", "the"])
                and len(cluster.hits) == 1
                and cluster.bare_countries
                and cluster.hits[0].sentence == last.hits[-1].sentence
            ):
                last.joins.append((len(last.hits), "prep"))
                last.hits.append(cluster.hits[0])
                last.end = cluster.end
                continue
        out.append(cluster)
    return out


def _coordinated(doc: Doc, left: Cluster, right: Cluster) -> bool:
    between = doc[left.end : right.start]
    return bool(between) and all(t.lower_ in (",", "and", "or") for t in between)


def _share_agents(doc: Doc, clusters: list[Cluster]) -> None:
    """Distribute a role noun over coordinated countries.

    "Hungarian and Romanian officials" codes both as GOV; so does "the ambassadors of
    Arnor, Osgiliath and Gondor".
    """
    for n, cluster in enumerate(clusters):
        if cluster.agent_hit is None or not cluster.agent_effective or cluster.name_tokens is not None:
            continue
        first, last = cluster.hits[0], cluster.hits[-1]
        if (
            first.entry is not None
            and first.entry.kind == "country"
            and first.agent is None
            and n > 0
            and _coordinated(doc, clusters[n - 1], cluster)
            and any(t.lower_ in ("and", "or") for t in doc[clusters[n - 1].end : cluster.start])
        ):
            # "Hungarian and Romanian officials", "Czech, Slovak and Polish troops"; not a list
            # that only a comma joins ("border with Bulgaria, Macedonian officials said").
            k = n - 1
            while k >= 0 and clusters[k].bare_countries and _coordinated(doc, clusters[k], clusters[k + 1]):
                clusters[k].shared = cluster
                k -= 1
        if first.entry is not None and first.entry.kind == "country":
            # "Danish media and government": the country carries over to a bare role noun.
            k = n + 1
            while k < len(clusters) and _coordinated(doc, clusters[k - 1], clusters[k]):
                follower = clusters[k]
                if follower.agent_hit is None or any(h.entry is not None for h in follower.hits):
                    break
                follower.shared = cluster
                k += 1
        if (
            any(how == "prep" for _, how in cluster.joins)
            and last.entry is not None
            and last.entry.kind == "country"
        ):
            # "lawmakers and officials in Arnor": the place is shared by the coordinated role nouns
            k = n - 1
            while (
                k >= 0
                and len(clusters[k].hits) == 1
                and clusters[k].agent_hit is not None
                and clusters[k].hits[0].entry is None
                and clusters[k].shared is None
                and _coordinated(doc, clusters[k], clusters[k + 1])
                and (
                    k < n - 1
                    or any(t.lower_ in ("and", "or") for t in doc[clusters[k].end : clusters[n].start])
                )
            ):
                clusters[k].shared = cluster
                k -= 1
            k = n + 1
            while (
                k < len(clusters)
                and clusters[k].bare_countries
                and _coordinated(doc, clusters[k - 1], clusters[k])
            ):
                clusters[k].shared = cluster
                k += 1


def _finish(doc: Doc, cluster: Cluster) -> list[Cluster]:
    agents = [n for n, h in enumerate(cluster.hits) if h.agent is not None]
    has_person = any(h.entry is not None and h.entry.kind == "person" for h in cluster.hits)
    if agents and not has_person:
        last_agent = cluster.hits[agents[-1]]
        if last_agent is cluster.hits[-1] and last_agent.agent is not None and not last_agent.agent.group:
            cluster.name_tokens = _name_after(doc, cluster.end)
            if cluster.name_tokens is not None:
                cluster.end = cluster.name_tokens[1]
    person_follows = has_person or cluster.name_tokens is not None
    # "X for/of <country>" joins stand only when a name follows, or the country is the agent's own.
    for n, how in cluster.joins:
        if how != "prep" or person_follows:
            continue
        before = cluster.hits[:n]
        if any(h.entry is not None and h.entry.kind == "country" for h in before):
            head = Cluster(before, cluster.start, before[-1].tok_end)
            tail = Cluster(cluster.hits[n:], cluster.hits[n].tok_start, cluster.end)
            return [*_finish(doc, head), *_finish(doc, tail)]
    if agents:
        idx = agents[-1]
        agent_hit = cluster.hits[idx]
        cluster.agent_hit = agent_hit
        last = doc[agent_hit.tok_end - 1]
        # An adjective agent modifying a noun outside the cluster ("joint military exercises") is not
        # the actor; a noun one ("police custody", "opposition candidates") or a possessor is.
        modifier = last.dep_ in ("amod", "nmod", "npadvmod") and last.head.i >= cluster.end
        cluster.agent_effective = person_follows or not modifier
        cluster.group = bool(agent_hit.agent and agent_hit.agent.group) or last.tag_ in ("NNS", "NNPS")
        cluster.title = _title(doc, cluster, idx)
        branch = cluster.hits[idx - 1] if idx > 0 else None
        if (
            branch is not None
            and branch.agent is not None
            and agent_hit.agent is not None
            and branch.agent.sector != agent_hit.agent.sector
            and (idx, "") in cluster.joins
            and agent_hit.tok_end - agent_hit.tok_start == 1
            and _singular_of(last.lower_) in GENERIC_HEADS
        ):
            # "intelligence officials", "rebel spokesman": the branch says who they are.
            cluster.branch = Agent(branch.agent.sector, group=agent_hit.agent.group)
    return [cluster]


def _singular_of(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _name_after(doc: Doc, i: int) -> tuple[int, int] | None:
    j = i
    while j < len(doc):
        token = doc[j]
        if token.pos_ == "PROPN" and token.text[:1].isupper() and token.lower_ not in _CALENDAR:
            j += 1
            continue
        if j > i and token.lower_ in _NAME_PARTICLES and j + 1 < len(doc):
            # "Omar Hassan al-Bashir", "Ursula von der Leyen"
            k = j + 1
            while k < len(doc) and (doc[k].lower_ in _NAME_PARTICLES or doc[k].text in _HYPHENS):
                k += 1
            if k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
                j = k
                continue
        if token.text in _HYPHENS and j > i and not token.whitespace_ and not doc[j - 1].whitespace_:
            j += 1
            continue
        break
    while j > i and doc[j - 1].text in _HYPHENS:
        j -= 1
    return (i, j) if j > i else None


def _title(doc: Doc, cluster: Cluster, idx: int) -> str | None:
    agent_hit = cluster.hits[idx]
    start = agent_hit.tok_start
    floor = cluster.hits[idx - 1].tok_end if idx > 0 else cluster.start
    while (
        start > floor and doc[start - 1].text.lower() in TITLE_MODIFIERS and doc[start - 1].text[:1].isupper()
    ):
        start -= 1
    end = agent_hit.tok_end
    if cluster.name_tokens is not None or any(
        h.entry is not None and h.entry.kind == "person" for h in cluster.hits
    ):
        for n, how in cluster.joins:
            if how == "prep" and n == idx + 1:
                end = cluster.hits[n].tok_end
    words = [t.text for t in doc[start:end] if t.text not in _HYPHENS or t.whitespace_]
    if not words:
        return None
    titled = [w if w[:1].isupper() or w.lower() in _SMALL else w.capitalize() for w in words]
    if titled[0].lower() in _SMALL:
        titled[0] = titled[0].capitalize()
    return " ".join(titled)

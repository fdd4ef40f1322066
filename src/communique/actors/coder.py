"""The actors stage: find who an article talks about, resolve them, group their mentions.

For each sentence the stage looks up knowledge-base phrases (countries, demonyms,
capitals, institutions, people) and agent nouns ("foreign minister", "troops") in the
spaCy tokens, joins adjacent ones into noun-phrase clusters ("North Korean First Vice
Foreign Minister Choe Son-hui"), and reads each cluster as a person, an organisation,
a country's agent ("the North Korean regime" -> PRK GOV) or one or more countries
("South Korea-US exercises" -> KOR and USA). People's roles are taken on the
publication date. Within the article, surnames ("Pompeo's remarks"), short forms
("the North", only when the article names North Korea) and appositive roles
("Stephen Biegun, the senior American envoy") are linked to the actor already seen.

Conventions (see docs/kb.md): a country named as such has ``sector=None``; an IGO has
``country="IGO"``, ``sector=None`` and its KB id in ``kb_id``; actors that share a
country+sector without a KB identity (a capital used as a metonym, "Seoul's
government", "the Blue House") are one actor named ``"Government of South Korea"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.symbols import PROPN, VERB
from spacy.tokens import Doc

from communique.actors.context import place_people, settle_domestic, settle_ethnic_groups
from communique.actors.scan import Cluster, Hit, Word, build_clusters, discards, scan, words_of
from communique.actors.words import (
    clean_name,
    dateline_tokens,
    head_of,
    locative,
    relation_after,
    stacked_code,
    surnames,
)
from communique.kb import KnowledgeBase
from communique.kb.core import Agent, Alias, Entry, Role, norm_word
from communique.models import Actor, Article, Mention

__all__ = ["code_actors", "discards", "published_date"]

_SECTOR_NAMES = {
    "GOV": "Government",
    "MIL": "Military",
    "LEG": "Legislature",
    "JUD": "Judiciary",
    "COP": "Police",
    "SPY": "Intelligence services",
    "OPP": "Opposition",
    "REB": "Rebels",
    "MED": "Media",
    "BUS": "Business",
    "CVL": "Civilians",
    "EDU": "Education",
    "REF": "Refugees",
    "ELI": "Elites",
    "LAB": "Labour",
    "HRI": "Human rights groups",
    "NGO": "NGOs",
}
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# "the North", "the South": the article is part of these short names.
_SHORT_FORM_HEADS = frozenset({"north", "south", "east", "west"})
_FORMER = frozenset({"former", "ex", "late", "ousted", "deposed", "exiled", "retired", "then"})
# Where an unknown organisation's name can stand as an actor (not "KST" in a dateline).
_ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj", "poss", "attr", "agent"}
)
# Words that make an organisation's name transnational ("Third World Water Forum").
_INTERNATIONAL_NAME = frozenset({"international", "world", "global", "worldwide", "transnational"})


def published_date(published: str | None) -> date | None:
    """Return the date part of an ISO publication timestamp, or ``None``.

    >>> published_date("2019-09-09T17:32:00+09:00"), published_date(None), published_date("Sep 9")
    (datetime.date(2019, 9, 9), None, None)
    """
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@dataclass
class _Draft:
    key: tuple[str | None, ...]
    name: str
    country: str | None
    sector: str | None
    kind: str
    title: str | None = None
    kb_id: str | None = None
    surnames: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start tok, end tok, kind)


class _Builder:
    def __init__(self, doc: Doc, kb: KnowledgeBase, when: date | None) -> None:
        self.doc = doc
        self.kb = kb
        self.when = when
        self.drafts: dict[tuple[str | None, ...], _Draft] = {}
        self.covered: set[int] = set()

    # -- actors -----------------------------------------------------------------
    def _draft(self, key: tuple[str | None, ...], **fields: object) -> _Draft:
        draft = self.drafts.get(key)
        if draft is None:
            draft = _Draft(key=key, **fields)  # type: ignore[arg-type]
            self.drafts[key] = draft
        return draft

    def _mention(self, draft: _Draft, start: int, end: int, kind: str) -> None:
        while start < end and self.doc[start].is_punct:
            start += 1
        while end > start and (self.doc[end - 1].is_punct or self.doc[end - 1].tag_ == "POS"):
            end -= 1
        if kind != "name" or (end - start > 1 and self.doc[start + 1].text.lower() not in _SHORT_FORM_HEADS):
            while start < end - 1 and self.doc[start].lower_ == "the":
                start += 1
        if start >= end or any(i in self.covered for i in range(start, end)):
            return
        draft.mentions.append((start, end, kind))
        self.covered.update(range(start, end))

    def country_actor(self, code: str, sector: str | None) -> _Draft:
        name = self.kb.country_name(code) or code
        if sector is None:
            kind = "igo" if code == "IGO" else "country"
            return self._draft(
                ("code", code, None), name=name, country=code, sector=None, kind=kind, kb_id=code
            )
        label = _SECTOR_NAMES.get(sector[:3], sector)
        if name.startswith(("United ", "Democratic ", "Republic ")) or name.endswith(
            ("lands", "pines", "Emirates")
        ):
            name = f"the {name}"
        return self._draft(
            ("code", code, sector),
            name=f"{label} of {name}",
            country=code,
            sector=sector,
            kind="organization",
        )

    def entry_actor(self, entry: Entry, role: Role | None, alias: Alias) -> tuple[_Draft, str]:
        country = role.country if role else entry.country
        sector = alias.sector or (role.sector if role else None)
        if entry.kind == "country":
            # A country of the shipped KB is keyed by its current ISO code, whatever it was called then.
            if len(entry.id) == 3 and entry.id.isupper():
                return self.country_actor(entry.id, alias.sector), alias.kind
            return self.country_actor(country or entry.id, sector), alias.kind
        if (
            entry.kind in ("organization", "group", "other")
            and country
            and sector in _STATE_SECTORS
            and not self.kb.full_codes
        ):
            return self.country_actor(country, sector), "institution"
        if entry.kind == "person":
            if country == "IGO" and sector is None and not self.kb.full_codes:
                sector = "GOV"  # an IGO's office holder (Kofi Annan): PLOVER codes IGO GOV
            draft = self._draft(
                ("entry", entry.id),
                name=entry.name,
                country=country,
                sector=sector,
                kind="person",
                title=role.title if role else None,
                kb_id=entry.id,
            )
            draft.surnames.update(surnames(entry.name, entry.surname, country))
            return draft, alias.kind
        kind = entry.kind if entry.kind in ("igo", "group", "organization") else "other"
        return (
            self._draft(
                ("entry", entry.id),
                name=entry.name,
                country=country,
                sector=sector,
                kind=kind,
                kb_id=entry.id,
            ),
            alias.kind,
        )

    # -- clusters ---------------------------------------------------------------
    def add(self, cluster: Cluster) -> None:
        person = next((h for h in cluster.hits if h.entry is not None and h.entry.kind == "person"), None)
        org = next(
            (h for h in cluster.hits if h.entry is not None and h.entry.kind not in ("person", "country")),
            None,
        )
        countries = [h for h in cluster.hits if h.entry is not None and h.entry.kind == "country"]
        agent = cluster.agent
        start, end = cluster.start, cluster.end
        if org is not None and countries and person is None and agent is None and self._hyphened(cluster):
            # "EU-Turkey deal", "NATO-Russia council": each side is an actor of its own.
            for hit in cluster.hits:
                self.add(Cluster([hit], hit.tok_start, hit.tok_end))
            return
        if person is not None and person.entry is not None and person.alias is not None:
            role = person.entry.role_at(self.when)
            stated = next((h.country for h in countries if h.country), None)
            if (
                stated is not None
                and person.tok_end - person.tok_start == 1
                and role is not None
                and role.country not in (None, stated)
            ):
                # "King Hassan of Morocco": a single name, and the text gives another country than
                # the KB's Hassan (of Jordan) has: someone else of that name.
                name = clean_name(self.doc[person.tok_start : person.tok_end].text)
                self._new_person(cluster, name, stated, org, start, end)
                return
            draft, kind = self.entry_actor(person.entry, role, person.alias)
            if draft.country is None and countries:
                draft.country = countries[0].country
            if draft.title is None and cluster.title:
                draft.title = cluster.title
            office = agent if agent is not None and cluster.agent_effective else self._alias_office(person)
            self._stated_office(draft, cluster, office)
            self._mention(draft, start, end, kind)
            return
        if cluster.name_tokens is not None:
            self._add_new_person(cluster, countries, org, start, end)
            return
        if org is not None and org.entry is not None and org.alias is not None:
            role = org.entry.role_at(self.when)
            if agent is not None and cluster.agent_effective:
                country = role.country if role else org.entry.country
                self._add_agent_actor(cluster, country, agent.sector, start, end)
                return
            draft, kind = self.entry_actor(org.entry, role, org.alias)
            self._mention(draft, start, end, kind)
            return
        if agent is not None and cluster.agent_effective and countries:
            if relation_after(self.doc, end):
                # "Israel's militia ally": an ally, proxy or rival of Israel is not Israeli.
                self._add_agent_actor(cluster, None, agent.sector, start, end)
                return
            self._add_agent_actor(cluster, countries[0].country, agent.sector, start, end)
            return
        if agent is not None and cluster.agent_effective and not countries:
            lender = cluster.shared
            country = next((h.country for h in lender.hits if h.country), None) if lender else None
            self._add_agent_actor(cluster, country, agent.sector, start, end)
            return
        shared = cluster.shared.agent if cluster.shared is not None else None
        if shared is not None and cluster.shared is not None and cluster.shared.group and countries:
            for hit in countries:
                actor = self.country_actor(hit.country or "", shared.sector)
                self._mention(actor, hit.tok_start, hit.tok_end, "group")
            return
        if len(cluster.hits) == 2 and len(countries) == 2 and self._people_of(countries[0], countries[1]):
            # "Bosnian Serbs", "Iraqi Kurds": a people living in the first country.
            first = countries[0]
            self._mention(self.country_actor(first.country or "", None), start, end, "group")
            return
        for hit in countries:
            if hit.entry is None or hit.alias is None:
                continue
            if hit.alias.kind == "metonym" and locative(self.doc[hit.tok_end - 1]):
                # "talks in Hanoi": the place, not the government (PLOVER: a capital is the
                # government only as subject or object, otherwise civilians).
                place = self.country_actor(hit.country or hit.entry.id, "CVL")
                self._mention(place, hit.tok_start, hit.tok_end, "metonym")
                continue
            draft, kind = self.entry_actor(hit.entry, hit.entry.role_at(self.when), hit.alias)
            self._mention(draft, hit.tok_start, hit.tok_end, kind)

    def _hyphened(self, cluster: Cluster) -> bool:
        """Whether a cluster's hits are names joined only by hyphens ("EU-Turkey")."""
        pairs = zip(cluster.hits, cluster.hits[1:], strict=False)
        return all(b.tok_start - a.tok_end == 1 and self.doc[a.tok_end].text in "-–‑" for a, b in pairs)

    def _people_of(self, where: Hit, who: Hit) -> bool:
        """Whether a demonym or country name directly modifies a plural people noun ("Bosnian Serbs")."""
        adjective, people = self.doc[where.tok_end - 1], self.doc[who.tok_end - 1]
        return (
            where.tok_end == who.tok_start
            and where.country is not None
            and where.country != who.country
            and (adjective.tag_ == "JJ" or adjective.dep_ == "compound")  # "Kosovo Albanians"
            and adjective.head.i == people.i
            and people.tag_ in ("NNS", "NNPS")
        )

    def _known_person(self, name: str) -> Entry | None:
        """The one KB person with this surname in office on the article's date, if exactly one.

        A full name ("Carlos Menem", first name and surname) also resolves to the one KB
        person of that first name and surname when none holds a dated role on the date.
        """
        words = name.replace("-", " ").split()
        if not words:
            return None
        found = self.kb.people_named(words[-1], self.when)
        if len(words) > 1:
            # "Omar Hassan al-Bashir": the surname must match and so must the first name.
            first = words[0].lower()
            found = [e for e in found if e.name.lower().split()[0] == first]
            if not found:
                found = [
                    e
                    for e in self.kb.people_named(words[-1], self.when, any_time=True)
                    if e.name.lower().split()[0] == first
                ]
        return found[0] if len(found) == 1 else None

    def _stated_office(self, draft: _Draft, cluster: Cluster, office: Agent | None) -> None:
        """The text gives an office the KB does not date ("President Suharto"): trust the text."""
        former = any(t.lower_ in _FORMER for t in self.doc[max(cluster.start - 1, 0) : cluster.end])
        if office is not None and draft.sector in (None, "ELI") and not former:
            draft.sector = office.sector
            draft.title = cluster.title or draft.title

    def _alias_office(self, hit: Hit) -> Agent | None:
        """The office a person's alias starts with ("President Obama"), if any."""
        norms = [norm_word(t.text) for t in self.doc[hit.tok_start : hit.tok_end] if t.text not in "-–"]
        n, agents = self.kb.agents.longest(norms, 0)
        return agents[0] if agents and 0 < n < len(norms) else None

    def _add_new_person(
        self, cluster: Cluster, countries: list[Hit], org: Hit | None, start: int, end: int
    ) -> None:
        assert cluster.name_tokens is not None
        name_start, name_end = cluster.name_tokens
        name = clean_name(self.doc[name_start:name_end].text)
        known = self._known_person(name)
        if known is not None:
            draft, _ = self.entry_actor(known, known.role_at(self.when), Alias(known.id, "surname"))
            self._stated_office(draft, cluster, cluster.agent if cluster.agent_effective else None)
            self._mention(draft, start, end, "name")
            return
        self._new_person(cluster, name, countries[0].country if countries else None, org, start, end)

    def _new_person(
        self, cluster: Cluster, name: str, country: str | None, org: Hit | None, start: int, end: int
    ) -> None:
        """A person the KB does not know, coded by the country and office the noun phrase gives."""
        if country is None and org is not None and org.entry is not None:
            # "Arab League Secretary-General Chedli Klibi": the organisation's country (IGO).
            role = org.entry.role_at(self.when)
            country = role.country if role else org.entry.country
        sector = cluster.agent.sector if cluster.agent is not None else None
        draft = self._draft(
            ("person", name.lower()),
            name=name,
            country=country,
            sector=sector,
            kind="person",
            title=cluster.title,
        )
        draft.surnames.update(surnames(name, None, country))
        self._mention(draft, start, end, "name")

    def _add_agent_actor(
        self, cluster: Cluster, country: str | None, sector: str, start: int, end: int
    ) -> None:
        if self.kb.full_codes and country is not None:
            country, sector = stacked_code(cluster, country, sector)
        if country is None:
            # "Clerics and lawmakers", "a senior official": the role without a country (---REL).
            title = cluster.title or sector
            if cluster.group:
                draft = self._draft(
                    ("code", None, sector), name=title, country=None, sector=sector, kind="group"
                )
            else:
                draft = self._draft(
                    ("role", None, sector, title.lower()),
                    name=title,
                    country=None,
                    sector=sector,
                    kind="person",
                    title=title,
                )
            self._mention(draft, start, end, "group" if cluster.group else "role")
            return
        if cluster.group:
            self._mention(self.country_actor(country, sector), start, end, "group")
            return
        title = cluster.title or sector
        # A role noun names the person already seen with that title, or the one it is in apposition to.
        target = self._apposed_person(start, end) or next(
            (
                d
                for d in self.drafts.values()
                if d.kind == "person"
                and d.country == country
                and d.title
                and d.title.lower() == title.lower()
            ),
            None,
        )
        if target is None:
            target = self._role_draft(country, sector, title)
        self._mention(target, start, end, "role")

    def _role_draft(self, country: str, sector: str | None, title: str) -> _Draft:
        """The actor a role noun names in a country ("the Syrian defence minister")."""
        return self._draft(
            ("role", country, sector, title.lower()),
            name=f"{self.kb.demonyms.get(country, self.kb.country_name(country) or country)} {title}",
            country=country,
            sector=sector,
            kind="person",
            title=title,
        )

    def relocate(self, draft: _Draft, mention: tuple[int, int, str], country: str) -> None:
        """Give an uncoded actor's mention a country: a named actor takes it, a role noun moves."""
        if draft.key[0] == "org" and _INTERNATIONAL_NAME.intersection(draft.name.lower().split()):
            return  # "the Third World Water Forum" is nobody's domestic body
        if draft.key[0] in ("entry", "person", "org"):
            draft.country = country  # "the Islamic Salvation Front", "Zoran Djindjic": the actor itself
            return
        draft.mentions.remove(mention)
        sector = draft.sector or "CVL"
        if draft.kind != "person" or draft.title is None:
            self.country_actor(country, sector).mentions.append(mention)
            return
        self._role_draft(country, sector, draft.title).mentions.append(mention)

    def _apposed_person(self, start: int, end: int) -> _Draft | None:
        head = head_of(self.doc, start, end)
        if head.dep_ != "appos":
            return None
        anchor = head.head.i
        for draft in self.drafts.values():
            if draft.kind == "person" and any(s <= anchor < e for s, e, _ in draft.mentions):
                return draft
        return None

    # -- surnames and unknown people ------------------------------------------
    def add_names(self) -> None:
        doc = self.doc
        by_surname: dict[str, tuple[_Draft, int]] = {}
        for draft in self.drafts.values():
            if draft.kind != "person" or not draft.mentions:
                continue
            first = min(s for s, _, _ in draft.mentions)
            for surname in draft.surnames:
                by_surname.setdefault(surname.lower(), (draft, first))
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "GPE", "ORG", "NORP") or any(t.i in self.covered for t in ent):
                continue
            tokens = [t for t in ent if not t.is_punct and t.tag_ != "POS"]
            if not tokens:
                continue
            text = " ".join(t.text for t in tokens).lower()
            found = by_surname.get(text)
            if found is not None and found[1] < ent.start:
                self._mention(found[0], ent.start, ent.end, "surname")
                continue
            if ent.label_ == "PERSON" and all(t.pos_ == "PROPN" for t in tokens):
                name = clean_name(ent.text)
                known = self._known_person(name)
                if known is not None:
                    draft, _ = self.entry_actor(known, known.role_at(self.when), Alias(known.id, "surname"))
                    self._mention(draft, ent.start, ent.end, "surname")
                    continue
                draft = self._draft(
                    ("person", name.lower()), name=name, country=None, sector=None, kind="person"
                )
                draft.surnames.update(surnames(name, None, None))
                self._mention(draft, ent.start, ent.end, "name")
                if draft.mentions:
                    for surname in draft.surnames:
                        by_surname.setdefault(surname.lower(), (draft, ent.start))
                continue
            if (
                ent.label_ == "ORG"
                and not self.kb.full_codes
                and any(t.pos_ == "PROPN" for t in tokens)
                and ent.root.pos_ in ("PROPN", "NOUN")
                and ent.root.dep_ in _ARGUMENT_DEPS
            ):
                # An organisation the KB does not know ("Alibaba Group", "the Umma party"): an
                # actor if its sentence names one state (``settle_domestic``), else dropped.
                start = ent.start + (doc[ent.start].lower_ == "the")
                name = clean_name(doc[start : ent.end].text)
                draft = self._draft(
                    ("org", name.lower()), name=name, country=None, sector=None, kind="organization"
                )
                self._mention(draft, start, ent.end, "name")
        if not by_surname:
            return
        # Read parts of speech as an array: iterating spaCy tokens is the slow part.
        pos = doc.to_array("POS")
        for i in range(len(doc)):
            if pos[i] != PROPN or i in self.covered:
                continue
            found = by_surname.get(doc[i].lower_)
            if found is not None and found[1] < i:
                self._mention(found[0], i, i + 1, "surname")

    # -- output -------------------------------------------------------------------
    def actors(self, sentence_of: list[int], text: str) -> tuple[Actor, ...]:
        doc = self.doc
        # An organisation the KB does not know is kept only once its sentence gave it a country.
        drafts = [d for d in self.drafts.values() if d.mentions and (d.key[0] != "org" or d.country)]
        drafts.sort(key=lambda d: min(s for s, _, _ in d.mentions))
        out: list[Actor] = []
        for n, draft in enumerate(drafts, 1):
            actor_id = f"A{n}"
            mentions = tuple(
                Mention(
                    start=doc[s].idx,
                    end=doc[e - 1].idx + len(doc[e - 1].text),
                    text=text[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)],
                    actor_id=actor_id,
                    sentence=sentence_of[s],
                    kind=kind,  # type: ignore[arg-type]
                )
                for s, e, kind in sorted(draft.mentions)
            )
            out.append(
                Actor(
                    id=actor_id,
                    name=draft.name,
                    country=draft.country,
                    sector=draft.sector,
                    mentions=mentions,
                    title=draft.title,
                    kb_id=draft.kb_id,
                    kind=draft.kind,  # type: ignore[arg-type]
                )
            )
        return tuple(out)


def code_actors(doc: Doc, article: Article, kb: KnowledgeBase) -> tuple[Actor, ...]:
    """Find, resolve and group the actors of an article.

    Args:
        doc: the spaCy parse of ``article.text`` (token offsets are offsets into it).
        article: the article; its ``published`` date selects people's dated roles.
        kb: the knowledge base (:func:`communique.kb.load_kb` or ``KnowledgeBase.from_petrarch``).

    Returns:
        Actors in order of first mention, ids ``A1``, ``A2`` …; every mention's
        ``text == article.text[start:end]``.
    """
    when = published_date(article.published)
    words: list[Word] = words_of(doc)
    sentence_of = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        sentence_of[sent.start : sent.end] = [n] * (sent.end - sent.start)
    # A role noun the parser reads as a verb ("Hamas, which advocates Israel's destruction") is none.
    hits = [h for h in scan(words, kb) if h.agent is None or doc[h.tok_end - 1].pos != VERB]
    for hit in hits:
        hit.sentence = sentence_of[hit.tok_start]
    context = {
        h.entry.id for h in hits if h.entry is not None and h.alias is not None and not h.alias.needs_context
    }
    # Short forms ("the North") count only when the article names the country (or a context country).
    hits = [
        h
        for h in hits
        if h.alias is None
        or not h.alias.needs_context
        or context.intersection((h.alias.entry_id, *h.alias.context))
    ]
    filed = dateline_tokens(doc)  # "PARIS —": where the story was filed, not an actor
    hits = [h for h in hits if h.tok_start not in filed]
    builder = _Builder(doc, kb, when)
    for cluster in build_clusters(doc, hits):
        builder.add(cluster)
    builder.add_names()
    settle_ethnic_groups(doc, list(builder.drafts.values()), sentence_of, builder.country_actor)
    place_people(doc, list(builder.drafts.values()), sentence_of)
    if not kb.full_codes:
        settle_domestic(doc, list(builder.drafts.values()), sentence_of, builder.relocate)
    text = article.text
    if len(doc) and doc[-1].idx + len(doc[-1].text) > len(text):
        text = doc.text  # a parse of some other text: offsets follow the parse
    return builder.actors(sentence_of, text)

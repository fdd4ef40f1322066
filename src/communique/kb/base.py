"""The :class:`KnowledgeBase`: entries plus the phrase indexes the actors stage reads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from communique.kb.core import Agent, Alias, Entry, EntryTable, PhraseIndex, norm_phrase

__all__ = ["GROUP_NOUNS", "KnowledgeBase"]

# Collective agent nouns: "the government", "troops". Other agent nouns name one office
# holder ("minister", "envoy") and give the actor a title.
GROUP_NOUNS = frozenset(
    [
        "government",
        "administration",
        "regime",
        "cabinet",
        "authorities",
        "authority",
        "military",
        "army",
        "navy",
        "forces",
        "force",
        "troops",
        "police",
        "parliament",
        "congress",
        "senate",
        "assembly",
        "legislature",
        "ministry",
        "department",
        "office",
        "agency",
        "council",
        "court",
        "judiciary",
        "opposition",
        "rebels",
        "insurgents",
        "militants",
        "militia",
        "guerrillas",
        "media",
        "press",
        "officials",
        "diplomats",
        "lawmakers",
        "legislators",
        "soldiers",
        "protesters",
        "demonstrators",
        "students",
        "workers",
        "people",
        "citizens",
        "residents",
        "civilians",
        "population",
        "public",
        "businesses",
        "companies",
        "industry",
        "party",
        "security",
        "services",
        "service",
        "delegation",
        "commission",
        "committee",
        "team",
        "coalition",
        "alliance",
        "junta",
        "leadership",
        "staff",
        "personnel",
        "forces",
    ]
)


@dataclass
class KnowledgeBase:
    """Actors, agents and discard phrases, indexed for longest-match lookup.

    Build one with :func:`communique.kb.load_kb` (the shipped KB plus user files) or
    :meth:`from_petrarch` (PETRARCH/TABARI dictionaries). Phrases added later take
    precedence over earlier ones, so user entries override shipped ones.

    ``full_codes`` keeps PETRARCH's whole sector remainder (``GOVFRM``, ``REBHMS``) so
    that :attr:`communique.models.Actor.code` reproduces the dictionary's code; when
    false (the shipped KB) sectors are reduced to their primary agent code.
    """

    entries: EntryTable = field(default_factory=EntryTable)
    actors: PhraseIndex[Alias] = field(default_factory=PhraseIndex)
    agents: PhraseIndex[Agent] = field(default_factory=PhraseIndex)
    discards: PhraseIndex[bool] = field(default_factory=PhraseIndex)
    demonyms: dict[str, str] = field(default_factory=dict)
    full_codes: bool = False
    sources: list[str] = field(default_factory=list)
    _surnames: dict[str, list[str]] | None = field(default=None, repr=False)

    @classmethod
    def from_petrarch(
        cls,
        actors: Sequence[str] = (),
        agents: Sequence[str] = (),
        discards: Sequence[str] = (),
        *,
        full_codes: bool = True,
    ) -> KnowledgeBase:
        """Build a knowledge base from PETRARCH/TABARI dictionary files.

        Args:
            actors: ``.actors.txt`` files (``NAME [CODE]``, ``+ALIAS`` lines, dated codes).
            agents: agent files (``NOUN [~SECTOR]``, ``!SET!`` substitution sets).
            discards: discard files (``+PHRASE`` discards the story, ``PHRASE`` the sentence).
            full_codes: keep whole CAMEO sector remainders (see the class docstring).

        Raises:
            DictionaryError: a file is missing or malformed.
        """
        from communique.kb.petrarch import read_actors, read_agent_phrases, read_discards

        kb = cls(full_codes=full_codes)
        for path in actors:
            for entry, phrases in read_actors(path, full_codes=full_codes):
                kb.add_entry(entry, [(p, Alias(entry.id), stem) for p, stem in phrases])
            kb.sources.append(str(path))
        for path in agents:
            for words, agent, stem, plural in read_agent_phrases(path, full_codes=full_codes):
                kb.agents.add(words, agent, stem=stem, plural=plural)
            kb.sources.append(str(path))
        for path in discards:
            for words, story in read_discards(path):
                kb.discards.add(words, story)
            kb.sources.append(str(path))
        return kb

    def add_entry(self, entry: Entry, aliases: Iterable[tuple[Sequence[str] | str, Alias, bool]]) -> None:
        """Add (or replace) an entry and index its aliases.

        ``aliases`` are ``(phrase, alias, stem)``; a phrase is a string or normalised words.
        An entry's own name is not indexed unless listed.
        """
        self.entries[entry.id] = entry
        self._surnames = None
        for phrase, alias, stem in aliases:
            words = norm_phrase(phrase) if isinstance(phrase, str) else tuple(phrase)
            self._add_alias(words, alias, stem)

    def _add_alias(self, words: tuple[str, ...], alias: Alias, stem: bool) -> None:
        table = self.actors.stems if stem else self.actors.exact
        existing = table.get(words)
        if existing:
            # Newer sources win: put this alias first and drop a duplicate for the same entry.
            table[words] = [alias, *(a for a in existing if a.entry_id != alias.entry_id)]
        else:
            self.actors.add(words, alias, stem=stem)

    def add_agent(self, phrase: str, agent: Agent, *, stem: bool = False) -> None:
        """Index an agent noun phrase; a newer definition of the same phrase wins."""
        words = norm_phrase(phrase)
        table = self.agents.stems if stem else self.agents.exact
        if words in table:
            table[words] = [agent]
        else:
            self.agents.add(words, agent, stem=stem)

    def update(self, other: KnowledgeBase) -> None:
        """Merge ``other`` into this knowledge base; ``other`` wins on conflicts."""
        self.entries.update(other.entries)
        self._surnames = None
        for table_name in ("exact", "stems"):
            for words, aliases in getattr(other.actors, table_name).items():
                for alias in reversed(aliases):
                    self._add_alias(words, alias, table_name == "stems")
            for words, agents in getattr(other.agents, table_name).items():
                plural = words not in other.agents.no_plural
                for agent in agents:
                    self.agents.add(words, agent, stem=table_name == "stems", plural=plural)
                getattr(self.agents, table_name)[words] = list(agents)
            for words, flags in getattr(other.discards, table_name).items():
                for flag in flags:
                    self.discards.add(words, flag, stem=table_name == "stems")
        self.demonyms.update(other.demonyms)
        self.sources.extend(other.sources)

    def entry(self, entry_id: str) -> Entry | None:
        """Return the entry with this id, or ``None``."""
        return self.entries.get(entry_id)

    def people_named(self, surname: str, when: date | None, *, any_time: bool = False) -> list[Entry]:
        """Return the people with this surname who held a dated role on ``when``.

        Lets "President Mugabe" resolve to the one Mugabe in office on the date. With
        ``any_time`` every person of that surname is returned, whatever the date. The
        surname index is built on first use.
        """
        if when is None and not any_time:
            return []
        if self._surnames is None:
            index: dict[str, list[str]] = {}
            for entry_id, name, family in self.entries.names("person"):
                words = norm_phrase(family) if family else norm_phrase(name)[-1:]
                if words:
                    index.setdefault(" ".join(words), []).append(entry_id)
            self._surnames = index
        found = []
        for entry_id in self._surnames.get(" ".join(norm_phrase(surname)), ()):
            entry = self.entries[entry_id]
            if any_time or any(r.dated and when is not None and r.covers(when) for r in entry.roles):
                found.append(entry)
        return found

    def country_name(self, code: str | None) -> str | None:
        """Return the canonical name of a country code (``PRK`` -> ``North Korea``)."""
        if code is None:
            return None
        entry = self.entries.get(code)
        return entry.name if entry is not None else None

    def stats(self) -> dict[str, int]:
        """Counts for reports: entries, people, people with dated roles, phrases."""
        people = [e for e in self.entries.values() if e.kind == "person"]
        return {
            "entries": len(self.entries),
            "countries": sum(1 for e in self.entries.values() if e.kind == "country"),
            "people": len(people),
            "people_with_dated_roles": sum(1 for e in people if any(r.dated for r in e.roles)),
            "actor_phrases": len(self.actors),
            "agent_phrases": len(self.agents),
            "discard_phrases": len(self.discards),
        }

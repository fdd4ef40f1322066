"""The knowledge base: entries with dated roles, aliases, agents, and phrase lookup.

An :class:`Entry` is one thing an article can name (a person, a country, an
organisation). Each has one or more :class:`Role` records: a country code, a sector
(agent) code, an optional title and an optional validity window. :meth:`Entry.role_at`
picks the role that applies on the publication date, so Mike Pompeo is ``USA GOV`` in
a 2019 article and ``USA LEG`` in a 2015 one.

Phrases (aliases of entries, agent nouns such as "foreign minister", discard phrases)
live in :class:`PhraseIndex`, which matches the longest phrase at a position of a
normalised word sequence. Words are normalised by :func:`norm_word`: lower case,
periods dropped, curly apostrophes straightened, so ``U.S.`` and ``US`` are one word.

>>> words = norm_phrase("NORTH_KOREA_")
>>> words
('north', 'korea')
>>> index: PhraseIndex[str] = PhraseIndex()
>>> index.add(words, "PRK")
>>> index.longest(["the", "north", "korean", "regime"], 1)
(0, [])
>>> index.longest(["north", "korea", "said"], 0)
(2, ['PRK'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, Literal, TypeVar

__all__ = [
    "Agent",
    "Alias",
    "Entry",
    "EntryKind",
    "EntryTable",
    "MentionKind",
    "PhraseIndex",
    "Role",
    "norm_phrase",
    "norm_word",
    "split_code",
]

EntryKind = Literal["person", "country", "organization", "group", "igo", "other"]
MentionKind = Literal["name", "surname", "metonym", "institution", "role", "demonym", "pronoun", "group"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_PHRASE_SPLIT = re.compile(r"[\s_\-]+")
# spaCy splits possessives off ("People's" -> "People" "'s"), so phrases do too.
_POSSESSIVE = re.compile(r"(?<=\w)('[sS]|(?<=[sS])')(?=[\s_]|$)")
V = TypeVar("V")

# Segments that, following GOV in a CAMEO code, name a more specific branch of state.
_BRANCHES = frozenset({"LEG", "JUD"})


def norm_word(text: str) -> str:
    """Normalise one word for matching: lower case, no periods, straight apostrophes.

    >>> norm_word("U.S."), norm_word("Korea’s"), norm_word("Pyongyang")
    ('us', "korea's", 'pyongyang')
    """
    return text.translate(_APOSTROPHES).replace(".", "").lower()


def norm_phrase(phrase: str) -> tuple[str, ...]:
    """Split a dictionary phrase (``NORTH_KOREA_``, ``Choe Son-hui``) into normalised words.

    Underscores, spaces and hyphens separate words, as the article side drops the
    hyphens that spaCy splits off.

    >>> norm_phrase("Choe Son-hui"), norm_phrase("D.P.R.K._")
    (('choe', 'son', 'hui'), ('dprk',))
    >>> norm_phrase("Democratic People's Republic"), norm_phrase("WORKERS'_PARTY")
    (('democratic', 'people', "'s", 'republic'), ('workers', "'", 'party'))
    """
    text = _POSSESSIVE.sub(r" \1", phrase.translate(_APOSTROPHES))
    words = [norm_word(w) for w in _PHRASE_SPLIT.split(text)]
    return tuple(w for w in words if w)


def split_code(code: str) -> tuple[str | None, str | None]:
    """Split a CAMEO actor code into (country, sector remainder).

    >>> split_code("USAGOV"), split_code("PRK"), split_code("IGOUNOIAE"), split_code("---GOV")
    (('USA', 'GOV'), ('PRK', None), ('IGO', 'UNOIAE'), (None, 'GOV'))
    """
    code = code.strip().upper()
    country = code[:3] or None
    if country == "---":
        country = None
    rest = code[3:] or None
    return country, rest


def primary_sector(rest: str | None) -> str | None:
    """Reduce a CAMEO sector remainder to its primary agent code.

    ``GOVLEG`` (a legislature) becomes ``LEG`` and ``GOVJUD`` becomes ``JUD``; otherwise
    the first three letters are kept (``GOVMIL`` -> ``GOV``, a defence ministry).

    >>> primary_sector("GOVLEG"), primary_sector("GOVMIL"), primary_sector("REBHMS"), primary_sector(None)
    ('LEG', 'GOV', 'REB', None)
    """
    if not rest:
        return None
    head = rest[:3]
    if head == "GOV" and rest[3:6] in _BRANCHES:
        return rest[3:6]
    return head


@dataclass(frozen=True)
class Role:
    """One coded role: who the entry counts as, and when.

    ``start`` and ``end`` are inclusive; ``None`` means open-ended. A role with
    neither is the entry's default, used when no dated role covers the date.
    """

    country: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None
    title: str | None = None

    @property
    def dated(self) -> bool:
        """Whether the role has a validity window."""
        return self.start is not None or self.end is not None

    def covers(self, when: date) -> bool:
        """Whether the role was held on ``when``."""
        if self.start is not None and when < self.start:
            return False
        return not (self.end is not None and when > self.end)


@dataclass(frozen=True)
class Entry:
    """A knowledge-base entry: a person, country or organisation with its roles.

    ``id`` is stable (``USA``, ``phoenix:barack-obama``, ``people:mike-pompeo``);
    ``surname`` is the word used alone for the person later in an article.
    """

    id: str
    name: str
    kind: EntryKind
    roles: tuple[Role, ...]
    surname: str | None = None
    source: str = ""

    def role_at(self, when: date | None) -> Role | None:
        """Return the role held on ``when``.

        Among dated roles covering the date, the one that started last wins (so a
        short special assignment overrides a long one); else the first undated role;
        with no date, the most recent role (or the default).

        >>> r1 = Role("USA", "LEG", date(2011, 1, 3), date(2017, 1, 23), "Representative")
        >>> r2 = Role("USA", "GOV", date(2018, 4, 26), date(2021, 1, 20), "Secretary of State")
        >>> e = Entry("x", "Mike Pompeo", "person", (r1, r2))
        >>> e.role_at(date(2019, 9, 9)).title, e.role_at(date(2015, 5, 1)).sector
        ('Secretary of State', 'LEG')
        """
        dated = [r for r in self.roles if r.dated]
        undated = [r for r in self.roles if not r.dated]
        if when is not None:
            covering = [r for r in dated if r.covers(when)]
            if covering:
                return max(covering, key=lambda r: r.start or date.min)
            if undated:
                return undated[0]
            return None
        if undated:
            return undated[0]
        if dated:
            return max(dated, key=lambda r: r.start or date.min)
        return None

    @property
    def country(self) -> str | None:
        """The entry's usual country: the first role's that names one."""
        for role in self.roles:
            if role.country:
                return role.country
        return None


# A compiled entry row: id, name, kind, roles as [country, sector, start, end, title], phrases, source.
RawEntry = list[Any]


def _iso(value: str | None, cache: dict[str, date]) -> date | None:
    if not value:
        return None
    found = cache.get(value)
    if found is None:
        found = cache[value] = date.fromisoformat(value)
    return found


class EntryTable(MutableMapping[str, Entry]):
    """Entries by id; compiled rows become :class:`Entry` objects only when first read.

    Loading the shipped KB then costs no object per entry: an article reads a few hundred
    of the 27,000 entries.

    >>> table = EntryTable()
    >>> table.add_raw(["USA", "United States", "country", [["USA", None, None, None, None]], [], "x"])
    >>> table["USA"].roles[0].country, len(table), "USA" in table
    ('USA', 1, True)
    """

    def __init__(self) -> None:
        self._built: dict[str, Entry] = {}
        self._raw: dict[str, RawEntry] = {}
        self._dates: dict[str, date] = {}

    def add_raw(self, row: RawEntry) -> None:
        """Add a compiled row (replacing an entry with the same id)."""
        self._built.pop(row[0], None)
        self._raw[row[0]] = row

    def _build(self, row: RawEntry) -> Entry:
        roles = tuple(Role(c, s, _iso(a, self._dates), _iso(b, self._dates), t) for c, s, a, b, t in row[3])
        return Entry(row[0], row[1], row[2], roles, source=row[5])

    def __getitem__(self, key: str) -> Entry:
        found = self._built.get(key)
        if found is not None:
            return found
        row = self._raw.pop(key)  # KeyError when absent, as a dict
        entry = self._built[key] = self._build(row)
        return entry

    def __setitem__(self, key: str, value: Entry) -> None:
        self._raw.pop(key, None)
        self._built[key] = value

    def __delitem__(self, key: str) -> None:
        if key in self._built:
            del self._built[key]
        else:
            del self._raw[key]

    def __contains__(self, key: object) -> bool:
        return key in self._built or key in self._raw

    def __iter__(self) -> Iterator[str]:
        yield from list(self._built)
        yield from list(self._raw)

    def __len__(self) -> int:
        return len(self._built) + len(self._raw)

    def names(self, kind: str) -> Iterator[tuple[str, str, str | None]]:
        """Yield ``(id, name, surname)`` of the entries of one kind, without building them."""
        for entry in self._built.values():
            if entry.kind == kind:
                yield entry.id, entry.name, entry.surname
        for row in self._raw.values():
            if row[2] == kind:
                yield row[0], row[1], None


@dataclass(frozen=True)
class Alias:
    """One phrase that names an entry, and how it names it.

    ``sector`` overrides the entry's sector for this phrase (a capital used as a
    metonym names the country's government: ``Pyongyang`` -> PRK + GOV).
    ``needs_context`` marks short forms ("the North") that only count when the
    article names the entry, or one of the ``context`` entries, another way too
    ("the North" is North Korea in an article that names either Korea).
    """

    entry_id: str
    kind: MentionKind = "name"
    sector: str | None = None
    needs_context: bool = False
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agent:
    """A role or group noun ("foreign minister", "troops") and its sector code.

    ``group`` is true for collective nouns (government, troops, officials) and false
    for a single office holder (minister, envoy), who gets a ``title``. ``prefix`` marks a
    PETRARCH ``[NGO~]`` agent, whose code goes before the actor's (``NGOARN``).
    """

    sector: str
    group: bool = False
    country: str | None = None
    prefix: bool = False


@dataclass
class PhraseIndex(Generic[V]):
    """Longest-match lookup of normalised phrases in a word sequence.

    Phrases added with ``stem=True`` match any word starting with their last word
    (PETRARCH's convention for entries without a trailing underscore); every phrase
    also matches a regular plural of its last word, unless it was added with
    ``plural=False`` (PETRARCH's ``PHRASE {}``: the word has no regular plural).

    >>> index: PhraseIndex[str] = PhraseIndex()
    >>> index.add(("police",), "COP", stem=True, plural=False)
    >>> index.add(("soldier",), "MIL")
    >>> index.longest(["polices"], 0), index.longest(["policemen"], 0), index.longest(["soldiers"], 0)
    ((0, []), (1, ['COP']), (1, ['MIL']))
    """

    exact: dict[tuple[str, ...], list[V]] = field(default_factory=dict)
    stems: dict[tuple[str, ...], list[V]] = field(default_factory=dict)
    firsts: set[str] = field(default_factory=set)
    stem_firsts: set[str] = field(default_factory=set)
    max_len: int = 0
    first_max: dict[str, int] = field(default_factory=dict)
    #: The longest phrase of three or more words starting with each pair of words.
    pair_max: dict[tuple[str, str], int] = field(default_factory=dict)
    #: Phrases with no regular plural: every definition of them said so.
    no_plural: set[tuple[str, ...]] = field(default_factory=set)

    def add(self, words: Sequence[str], value: V, *, stem: bool = False, plural: bool = True) -> None:
        """Add ``value`` under the phrase ``words`` (later values come after earlier ones).

        Args:
            words: the normalised phrase.
            value: what the phrase stands for.
            stem: the last word is a stem, matching any word that starts with it.
            plural: the phrase also matches a regular plural of its last word. A phrase
                loses its plural only if every definition of it says so.
        """
        key = tuple(words)
        if not key:
            return
        table = self.stems if stem else self.exact
        if plural:
            self.no_plural.discard(key)
        elif key not in table:
            self.no_plural.add(key)
        table.setdefault(key, []).append(value)
        if stem and len(key) == 1:
            self.stem_firsts.add(key[0])
        else:
            self.firsts.add(key[0])
            self.first_max[key[0]] = max(self.first_max.get(key[0], 0), len(key))
        if len(key) > 2:
            pair = (key[0], key[1])
            self.pair_max[pair] = max(self.pair_max.get(pair, 0), len(key))
        self.max_len = max(self.max_len, len(key))

    def add_many(self, items: Iterable[tuple[tuple[str, ...], V]]) -> None:
        """Add many exact (not stem) phrases at once; the same as :meth:`add` for each, faster."""
        exact = self.exact
        first_max = self.first_max
        pair_max = self.pair_max
        for key, value in items:
            if not key:
                continue
            found = exact.get(key)
            if found is None:
                exact[key] = [value]
                n = len(key)
                if first_max.get(key[0], 0) < n:
                    first_max[key[0]] = n
                if n > 2 and pair_max.get((key[0], key[1]), 0) < n:
                    pair_max[key[0], key[1]] = n
            else:
                found.append(value)
        self.firsts.update(first_max)
        self.max_len = max(self.max_len, max(first_max.values(), default=0))

    def __len__(self) -> int:
        return len(self.exact) + len(self.stems)

    def starters(self, words: Iterable[str]) -> set[str]:
        """Those of ``words`` that may start a phrase (a superset of those that do).

        :meth:`longest` finds nothing at any other word, so a scan need only try these.

        >>> index: PhraseIndex[int] = PhraseIndex()
        >>> index.add(("north", "korea"), 1)
        >>> sorted(index.starters(["the", "north", "norths", "said"]))
        ['north', 'norths']
        """
        if self.stems:
            return set(words)
        first_max, firsts = self.first_max, self.firsts
        return {
            word
            for word in words
            if word in first_max or (word[-1:] == "s" and any(form in firsts for form in _singular(word)))
        }

    def starts(self, words: Sequence[str]) -> list[int]:
        """The positions of ``words`` where a phrase may start (see :meth:`starters`).

        >>> index: PhraseIndex[int] = PhraseIndex()
        >>> index.add(("north", "korea"), 1)
        >>> index.starts(["the", "north", "said"])
        [1]
        """
        starters = self.starters(set(words))
        return [i for i, word in enumerate(words) if word in starters]

    def longest(self, words: Sequence[str], i: int) -> tuple[int, list[V]]:
        """Return ``(length, values)`` of the longest phrase starting at ``words[i]``.

        Returns ``(0, [])`` when nothing matches.
        """
        if i >= len(words):
            return 0, []
        # How long a phrase may start here: most words start none, so this is the fast exit.
        if self.stems:
            reach = self.max_len  # stems may match any word: no shortcut
        else:
            word = words[i]
            reach = self.first_max.get(word, 0)
            if not reach:
                if word[-1:] != "s" or not any(form in self.firsts for form in _singular(word)):
                    return 0, []
                reach = 1
            elif reach > 2 and i + 1 < len(words):
                # A phrase of three words or more must start with a known pair.
                reach = max(2, self.pair_max.get((word, words[i + 1]), 0))
        exact = self.exact
        stems = self.stems
        no_plural = self.no_plural
        for n in range(min(reach, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            found = exact.get(key)
            if found:
                return n, found
            last = key[-1]
            singulars = _singular(last)
            for form in singulars:
                base = (*key[:-1], form)
                found = exact.get(base)
                if found and not (no_plural and base in no_plural):
                    return n, found
            if stems:
                head = key[:-1]
                for cut in range(len(last), 1, -1):
                    stem = (*head, last[:cut])
                    found = stems.get(stem)
                    if found and not (stem[-1] in singulars and stem in no_plural):
                        return n, found
        return 0, []

    def phrases(self) -> Iterable[tuple[str, ...]]:
        """Every phrase in the index."""
        yield from self.exact
        yield from self.stems


def _singular(word: str) -> tuple[str, ...]:
    """Singular forms a regular plural may have ("countries" -> "countrie", "country")."""
    if len(word) <= 3 or word[-1] != "s" or word.endswith("ss"):
        return ()
    if word.endswith("ies"):
        return word[:-1], word[:-3] + "y"
    if word.endswith("es"):
        return word[:-1], word[:-2]
    return (word[:-1],)

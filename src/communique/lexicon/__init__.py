"""The verb lexicon: which predicates code which events.

A :class:`Lexicon` maps a predicate (a verb or an event noun, by lemma) plus what
follows it in its clause (object heads, prepositional phrases, particles, the verb of
an ``xcomp``) to a CAMEO code, and CAMEO codes to PLOVER event types, modes and
contexts through the CAMEO→PLOVER crosswalk.

Coding rules are data. The shipped lexicon is three files under
``communique/data/lexicon/``:

* ``cameo_verbs.jsonl`` – the 4,668 patterns of PETRARCH-2's ``CAMEO.2.0.txt`` verb
  dictionary, converted by ``tools/convert_lexicon.py`` (one pattern a line);
* ``plover.toml`` – our own patterns (event nouns such as "appeal for", xcomp rules such
  as "ask X to return to talks", refusals), which win over CAMEO.2.0 on ties;
* ``crosswalk.json`` – the CAMEO→PLOVER table (``CAMEO2PLOVER-2021.txt``) plus our
  documented additions for CAMEO 02 (APPEAL → REQUEST).

Users add or replace patterns with ``settings.dictionaries``: TOML files in the
``plover.toml`` format, JSONL files in the converted format, or PETRARCH/TABARI verb
dictionaries (``*.txt``), read with :meth:`Lexicon.from_petrarch_verbs`.

>>> lex = Lexicon.from_toml_text('''
... [[pattern]]
... lemma = "condemn"
... cameo = "111"
... ''')
>>> lex.match("condemn", "verb", ["the", "attack"]).cameo
'111'
>>> load_lexicon().plover("111")
('ACCUSE', 'disapprove', ())
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import DictionaryError
from communique.lexicon.formats import (
    _crosswalk_row,
    _element,
    _toml_patterns,
    parse_crosswalk,
    parse_petrarch_verbs,
    parse_pico_negations,
)
from communique.lexicon.patterns import (
    PLOVER_QUAD,
    Element,
    Match,
    Pattern,
    _clause_word,
    _in_order,
    _spans,
    _stems,
    slot_ranges,
)
from communique.settings import Settings

__all__ = [
    "PLOVER_QUAD",
    "Element",
    "Lexicon",
    "Match",
    "Pattern",
    "load_lexicon",
    "parse_crosswalk",
    "parse_petrarch_verbs",
    "parse_pico_negations",
    "shipped_lexicon",
    "shipped_verb_lemmas",
]


@dataclass(frozen=True)
class _Compiled:
    """A pattern with, per element, the words one of which must be in the clause."""

    pattern: Pattern
    after: tuple[frozenset[str], ...]
    before: tuple[frozenset[str], ...]


class _Index:
    """A predicate's compiled rules in preference order, with an inverted index.

    Each rule with words is filed under the words of its first element (one of which
    must be present); rules without words always apply. A lookup only visits rules
    some of whose words are in the clause, in preference order.
    """

    def __init__(self, rules: list[_Compiled]) -> None:
        self.rules = rules
        self.free: list[int] = []
        self.after: dict[str, list[int]] = {}
        self.before: dict[str, list[int]] = {}
        for n, rule in enumerate(rules):
            if rule.after:
                for w in rule.after[0]:
                    self.after.setdefault(w, []).append(n)
            elif rule.before:
                for w in rule.before[0]:
                    self.before.setdefault(w, []).append(n)
            else:
                self.free.append(n)

    def candidates(self, after: set[str], before: set[str]) -> list[_Compiled]:
        hits: set[int] = set(self.free)
        for words, table in ((after, self.after), (before, self.before)):
            if len(words) < len(table):
                for w in words:
                    found = table.get(w)
                    if found:
                        hits.update(found)
            else:
                for w, found in table.items():
                    if w in words:
                        hits.update(found)
        return [self.rules[n] for n in sorted(hits)]


def _needs(elements: Sequence[Element]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(alt[0] for alt in element if alt) for element in elements)


def _covered(pattern: Pattern, after: Sequence[Any], before: Sequence[Any]) -> int:
    """How many clause words a matching pattern's elements cover."""
    total = 0
    for elements, tokens in ((pattern.after, after), (pattern.before, before)):
        if elements:
            total += sum(end - start for start, end in _spans(elements, tokens) or [])
    return total


@dataclass
class Lexicon:
    """Predicate patterns and the CAMEO→PLOVER crosswalk."""

    patterns: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)
    crosswalk: dict[str, tuple[str, str | None, tuple[str, ...]]] = field(default_factory=dict)
    word_sets: dict[str, frozenset[str]] = field(default_factory=dict)
    #: CAMEO code -> the code of its negation ("did not clash": 110 -> 050), used by
    #: ``code_events(..., recode_negated=True)``; empty unless loaded (:meth:`read_pico`).
    negations: dict[str, str] = field(default_factory=dict)
    # caches built on first use and dropped whenever patterns or word lists change
    _ordered: dict[tuple[str, str], _Index] = field(default_factory=dict, repr=False)
    _words: dict[str, frozenset[str]] | None = field(default=None, repr=False)

    @property
    def words(self) -> dict[str, frozenset[str]]:
        """Named word lists the coder uses (``[words]`` in TOML), plus ``event_nouns``.

        ``object_control`` (verbs whose object does the complement: "asked X to return"),
        ``light_verbs`` ("made appeals"), ``speech_nouns``, ``negating_verbs`` ("denied"),
        ``intent_verbs`` ("plans to"), ``statement_codes`` (CAMEO prefixes that do not
        consume their complement).
        """
        if self._words is None:
            out = dict(self.word_sets)
            out["event_nouns"] = frozenset(lemma for lemma, pos in self.patterns if pos == "noun")
            self._words = out
        return self._words

    # -- building -------------------------------------------------------------------
    def add(self, patterns: Iterable[Pattern]) -> Lexicon:
        """Add patterns (in place) and return the lexicon."""
        for p in patterns:
            self.patterns.setdefault((p.lemma, p.pos), []).append(p)
            self._ordered.pop((p.lemma, p.pos), None)
        self._words = None
        return self

    def extend(self, other: Lexicon) -> Lexicon:
        """Add another lexicon's patterns and crosswalk rows (theirs win)."""
        for plist in other.patterns.values():
            self.add(plist)
        self.crosswalk.update(other.crosswalk)
        self.negations.update(other.negations)
        for name, values in other.word_sets.items():
            self.word_sets[name] = self.word_sets.get(name, frozenset()) | values
        self._words = None
        return self

    def __len__(self) -> int:
        return sum(len(v) for v in self.patterns.values())

    @property
    def lemmas(self) -> frozenset[tuple[str, str]]:
        """Every ``(lemma, pos)`` that has at least one rule."""
        return frozenset(self.patterns)

    @classmethod
    def from_toml_text(cls, text: str, *, origin: str = "<toml>", rank: int = 2) -> Lexicon:
        """Read patterns in our TOML format (see ``data/lexicon/plover.toml``)."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DictionaryError(f"not valid TOML: {exc}", source=origin) from exc
        lex = cls()
        for i, row in enumerate(data.get("pattern", [])):
            lex.add(_toml_patterns(row, origin=f"{origin}#{i + 1}", rank=rank))
        for code, row in data.get("crosswalk", {}).items():
            lex.crosswalk[str(code)] = _crosswalk_row(row, origin)
        for name, values in data.get("words", {}).items():
            if not isinstance(values, list):
                raise DictionaryError(f"[words] {name} must be a list of words", source=origin)
            lex.word_sets[str(name)] = frozenset(str(v).lower() for v in values)
        return lex

    @classmethod
    def from_toml(cls, path: str | Path, *, rank: int = 3) -> Lexicon:
        """Read a TOML pattern file."""
        p = Path(path)
        return cls.from_toml_text(_read(p), origin=p.name, rank=rank)

    @classmethod
    def from_jsonl(cls, path: str | Path, *, rank: int = 1) -> Lexicon:
        """Read patterns in the converted one-pattern-a-line JSON format."""
        p = Path(path)
        return cls.from_jsonl_text(_read(p), origin=p.name, rank=rank)

    @classmethod
    def from_jsonl_text(cls, text: str, *, origin: str, rank: int = 1) -> Lexicon:
        """Parse JSONL pattern text (see :meth:`to_jsonl`)."""
        lex = cls()
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                lemmas = [row["lemma"]] if isinstance(row["lemma"], str) else row["lemma"]
                after = tuple(_element(e) for e in row.get("after", []))
                before = tuple(_element(e) for e in row.get("before", []))
                lex.add(
                    [
                        Pattern(
                            lemma=lemma,
                            cameo=row["cameo"],
                            pos=row.get("pos", "verb"),
                            after=after,
                            before=before,
                            xcomp=frozenset(row.get("xcomp", [])),
                            reverse=row.get("reverse"),
                            origin=row.get("origin", f"{origin}:{n}"),
                            rank=rank,
                            compound=bool(row.get("compound", False)),
                            markers=tuple(
                                (str(side), str(mark), int(k)) for side, mark, k in row.get("markers", [])
                            ),
                            args=tuple(frozenset(str(k) for k in a) for a in row.get("args", [])),
                        )
                        for lemma in lemmas
                    ]
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise DictionaryError(f"line {n}: bad pattern: {exc}", source=origin) from exc
        return lex

    def to_jsonl(self) -> str:
        """Dump the patterns, one JSON object a line (the shipped ``cameo_verbs.jsonl``).

        Patterns that differ only in their lemma share a line (``"lemma": [..]``).
        """
        grouped: dict[str, dict[str, Any]] = {}
        for plist in self.patterns.values():
            for p in plist:
                row: dict[str, Any] = {"cameo": p.cameo}
                if p.pos != "verb":
                    row["pos"] = p.pos
                if p.after:
                    row["after"] = [["_".join(alt) for alt in e] for e in p.after]
                if p.before:
                    row["before"] = [["_".join(alt) for alt in e] for e in p.before]
                if p.reverse:
                    row["reverse"] = p.reverse
                if p.compound:
                    row["compound"] = True
                if p.markers:
                    row["markers"] = [list(m) for m in p.markers]
                if p.args:
                    row["args"] = [sorted(a) for a in p.args]
                row["origin"] = p.origin.split(":")[0] + (
                    ":" + p.origin.split(":")[1]
                    if p.origin.count(":") and p.origin.split(":")[1].isdigit()
                    else ""
                )
                key = json.dumps(row, sort_keys=True)
                grouped.setdefault(key, {"lemma": [], **row})["lemma"].append(p.lemma)
        lines = []
        for row in grouped.values():
            row["lemma"] = sorted(set(row["lemma"]))
            lines.append(json.dumps(row, ensure_ascii=False))
        return "\n".join(lines) + "\n"

    @classmethod
    def from_petrarch_verbs(cls, path: str | Path, *, rank: int = 3) -> Lexicon:
        """Read a PETRARCH/TABARI verb dictionary (``CAMEO.2.0.txt``, ``PETR_Validate_verbs``)."""
        p = Path(path)
        return cls().add(parse_petrarch_verbs(_read(p), origin=p.name, rank=rank))

    @classmethod
    def from_file(cls, path: str | Path, *, rank: int = 3) -> Lexicon | None:
        """Read any verb dictionary we know; ``None`` for files that hold no verb patterns."""
        p = Path(path)
        if p.suffix == ".toml":
            lex = cls.from_toml(p, rank=rank)
            return lex if len(lex) or lex.crosswalk else None
        if p.suffix == ".jsonl":
            return cls.from_jsonl(p, rank=rank)
        text = _read(p)
        if "VERB PATTERNS" in text or re.search(r"^---\s+\S+\s+\[", text, re.M):
            return cls().add(parse_petrarch_verbs(text, origin=p.name, rank=rank))
        return None

    def read_pico(self, path: str | Path) -> Lexicon:
        """Load negations from a PETRARCH internal coding ontology (PICO) file, in place.

        PICO writes each CAMEO code as a sum of hex values, a negated act being its
        opposite's value plus (or minus) ``0xFFFF`` (``110:0x1007f`` is ``0x0080 + 0xFFFF``,
        the negation of ``050:0x0080``). Codes whose opposite has a code of its own get
        a :attr:`negations` entry, in both directions.
        """
        p = Path(path)
        self.negations.update(parse_pico_negations(_read(p)))
        return self

    # -- using ----------------------------------------------------------------------
    def has(self, lemma: str, pos: str = "verb") -> bool:
        """Whether any rule starts from this predicate."""
        return (lemma, pos) in self.patterns

    def match(
        self,
        lemma: str,
        pos: str,
        after: Sequence[str],
        *,
        before: Sequence[str] = (),
        xcomp: str | None = None,
        compound: bool = False,
        args: AbstractSet[str] = frozenset(),
    ) -> Match | None:
        """Find the most specific rule for a predicate in its context.

        ``after``/``before`` are the lower-cased words (surface and lemma forms may both
        be given, as ``"word|lemma"``) that follow/precede the predicate in its clause.
        ``compound`` says the subject is a compound actor with no object, for the
        rules that need one (PETRARCH's ``%``). ``args`` are the keys of the predicate's
        own dependents (``obj:offices``, ``prt:up``, ``on:charges``: see
        :attr:`Pattern.args`); rules with such conditions need them.
        """
        index = self._index(lemma, pos)
        if index is None:
            return None
        after_tokens = [_clause_word(w) for w in after]
        before_tokens = [_clause_word(w) for w in before]
        after_stems = _stems(after_tokens)
        before_stems = _stems(before_tokens)
        best: Pattern | None = None
        best_words = -1  # computed only when a second rule of the tier matches
        # candidates are in preference order: the first rule that matches wins, except that
        # among equally specific rules of one rank the one covering more words does
        # ("austrian gold florin" is &HYPERCURR's member, not &CURRENCY's "florin")
        for c in index.candidates(after_stems, before_stems):
            p = c.pattern
            if best is not None and (p.specificity, p.rank) != (best.specificity, best.rank):
                break
            if (p.xcomp and (xcomp is None or xcomp not in p.xcomp)) or (p.compound and not compound):
                continue
            if p.args and not all(not need.isdisjoint(args) for need in p.args):
                continue
            if c.after and not (
                all(not need.isdisjoint(after_stems) for need in c.after) and _in_order(p.after, after_tokens)
            ):
                continue
            if c.before and not (
                all(not need.isdisjoint(before_stems) for need in c.before)
                and _in_order(p.before, before_tokens)
            ):
                continue
            if best is None:
                best = p
                continue
            if best_words < 0:
                best_words = _covered(best, after_tokens, before_tokens)
            covered = _covered(p, after_tokens, before_tokens)
            if covered > best_words:
                best, best_words = p, covered
        if best is None or best.cameo in {"---", ""}:
            return None
        slots = slot_ranges(best, after_tokens, before_tokens) if best.markers else ()
        etype, mode, context = self.plover(best.cameo)
        return Match(
            pattern=best,
            cameo=best.cameo,
            event_type=best.event_type or etype,
            mode=best.mode if best.mode is not None else mode,
            context=context,
            reverse=best.reverse,
            slots=slots,
        )

    def _index(self, lemma: str, pos: str) -> _Index | None:
        """The rules of a predicate, most preferred first, indexed by a word each needs."""
        index = self._ordered.get((lemma, pos))
        if index is None:
            plist = self.patterns.get((lemma, pos))
            if not plist:
                return None
            ranked = sorted(plist, key=lambda p: (p.specificity, p.rank, -len(p.origin)), reverse=True)
            index = _Index([_Compiled(p, _needs(p.after), _needs(p.before)) for p in ranked])
            self._ordered[(lemma, pos)] = index
        return index

    def plover(self, cameo: str) -> tuple[str | None, str | None, tuple[str, ...]]:
        """Return ``(event_type, mode, context)`` for a CAMEO code via the crosswalk.

        Falls back to the parent code (``0231`` → ``023`` → ``02``); ``(None, None, ())``
        for codes PLOVER drops (01 public statements) or does not know.
        """
        code = cameo.strip()
        while code:
            row = self.crosswalk.get(code)
            if row is not None:
                return row
            code = code[:-1]
            if len(code) < 2:
                break
        return None, None, ()


# ----------------------------------------------------------------------------------
# loading


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"cannot read lexicon file: {exc}", source=str(path)) from exc


def _data(name: str) -> str:
    return resources.files("communique").joinpath("data", "lexicon", name).read_text(encoding="utf-8")


@functools.cache
def shipped_verb_lemmas() -> frozenset[str]:
    """Every verb lemma the shipped CAMEO verb patterns name (about 1,700), read once.

    A list of English verbs for stages that need one without a parse (the time tagger's
    headline infinitives: "PM to visit", not "back to normal").

    >>> {"visit", "attack", "meet"} <= shipped_verb_lemmas(), "normal" in shipped_verb_lemmas()
    (True, False)
    """
    return frozenset(
        lemma
        for line in _data("cameo_verbs.jsonl").splitlines()
        if line
        for lemma in json.loads(line)["lemma"]
    )


def shipped_lexicon() -> Lexicon:
    """The lexicon that ships with communique (CAMEO.2.0 patterns + ours + crosswalk)."""
    lex = Lexicon.from_jsonl_text(_data("cameo_verbs.jsonl"), origin="cameo_verbs.jsonl", rank=1)
    raw = json.loads(_data("crosswalk.json"))
    lex.crosswalk.update({k: _crosswalk_row(v, "crosswalk.json") for k, v in raw.items()})
    lex.extend(Lexicon.from_toml_text(_data("plover.toml"), origin="plover.toml", rank=2))
    return lex


def load_lexicon(settings: Settings | None = None) -> Lexicon:
    """Load the shipped lexicon plus the verb dictionaries named in ``settings.dictionaries``.

    With ``settings.replace_dictionaries`` only the user's patterns are used (the
    crosswalk is always kept). Files that hold no verb patterns (actor dictionaries) are
    skipped: the knowledge base reads those.
    """
    settings = settings or Settings()
    base = shipped_lexicon()
    if settings.replace_dictionaries:
        lex = Lexicon(crosswalk=dict(base.crosswalk), word_sets=dict(base.word_sets))
    else:
        lex = base
    for name in settings.dictionaries:
        path = Path(name)
        if not path.is_file():
            raise DictionaryError("dictionary file does not exist", source=str(path))
        extra = Lexicon.from_file(path)
        if extra is not None:
            lex.extend(extra)
    return lex

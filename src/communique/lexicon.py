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
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import DictionaryError
from communique.settings import Settings

__all__ = [
    "PLOVER_QUAD",
    "Lexicon",
    "Match",
    "Pattern",
    "load_lexicon",
    "parse_petrarch_verbs",
]

#: PLOVER event type -> quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
#: 4 material conflict), as the PLOVER manual assigns them.
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

# One element of a pattern: alternatives, each a sequence of lower-case words.
Element = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Pattern:
    """One coding rule.

    ``lemma`` is the predicate's lemma (lower case); ``pos`` is ``verb`` or ``noun``.
    ``after`` lists the words that must follow the predicate in its clause, in order
    (gaps allowed); ``before`` the words that must precede it. ``xcomp`` restricts the
    rule to predicates whose open complement has one of these lemmas. ``cameo`` is the
    code for source→target; ``reverse`` an optional code for the reciprocal event
    (target→source), as PETRARCH's ``[042:043]``. ``event_type``/``mode`` override the
    crosswalk when given. ``rank`` orders sources: user 3, ours 2, CAMEO.2.0 1.
    """

    lemma: str
    cameo: str
    pos: str = "verb"
    after: tuple[Element, ...] = ()
    before: tuple[Element, ...] = ()
    xcomp: frozenset[str] = frozenset()
    reverse: str | None = None
    event_type: str | None = None
    mode: str | None = None
    origin: str = ""
    rank: int = 1

    @property
    def specificity(self) -> int:
        """How many conditions the rule sets (more wins)."""
        return len(self.after) + len(self.before) + (2 if self.xcomp else 0)


@dataclass(frozen=True)
class Match:
    """The rule that fired for a predicate, with its PLOVER reading."""

    pattern: Pattern
    cameo: str
    event_type: str | None
    mode: str | None
    context: tuple[str, ...]
    reverse: str | None = None


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
    ) -> Match | None:
        """Find the most specific rule for a predicate in its context.

        ``after``/``before`` are the lower-cased words (surface and lemma forms may both
        be given, as ``"word|lemma"``) that follow/precede the predicate in its clause.
        """
        index = self._index(lemma, pos)
        if index is None:
            return None
        after_tokens = [_clause_word(w) for w in after]
        before_tokens = [_clause_word(w) for w in before]
        after_stems = _stems(after_tokens)
        before_stems = _stems(before_tokens)
        best: Pattern | None = None
        # candidates are in preference order: the first rule that matches wins
        for c in index.candidates(after_stems, before_stems):
            p = c.pattern
            if p.xcomp and (xcomp is None or xcomp not in p.xcomp):
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
            best = p
            break
        if best is None or best.cameo in {"---", ""}:
            return None
        etype, mode, context = self.plover(best.cameo)
        return Match(
            pattern=best,
            cameo=best.cameo,
            event_type=best.event_type or etype,
            mode=best.mode if best.mode is not None else mode,
            context=context,
            reverse=best.reverse,
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
# PETRARCH verb dictionaries


_CODE = re.compile(r"\[([^\]]*)\]")


def _split_code(raw: str) -> tuple[str, str | None]:
    main, _, rev = raw.strip().partition(":")
    return main.strip() or "---", (rev.strip() or None)


def _words(spec: str, synsets: dict[str, list[tuple[str, ...]]]) -> list[Element]:
    """Turn a PETRARCH pattern side into elements (markers dropped, synsets expanded)."""
    out: list[Element] = []
    for raw in re.findall(r"[^\s{}()]+", spec):
        word = raw.strip()
        if word in {"*", "$", "+", "%", "^", "~"} or not word:
            continue
        word = word.lstrip("$+%^~")
        if not word:
            continue
        if word.startswith("&"):
            members = synsets.get(word.rstrip("_").upper())
            if members:
                out.append(tuple(members))
            continue
        out.append((tuple(w for w in word.lower().split("_") if w) or (word.lower(),),))
    return [e for e in out if e and all(e)]


def parse_petrarch_verbs(text: str, *, origin: str = "<verbs>", rank: int = 3) -> list[Pattern]:
    """Parse a PETRARCH-2 verb dictionary into :class:`Pattern` objects.

    Verb blocks (``--- NAME [code] ---``) list verbs (``ASK [020]``, multi-word forms
    such as ``+CALL_OFF``) and patterns (``- * (FOR HELP) [020]``); each pattern applies
    to every verb of its block. ``[a:b]`` codes give a reciprocal event. Synonym sets
    (``&NAME`` followed by ``+MEMBER`` lines) are expanded.

    >>> text = '''
    ... ---  APPEAL   [020]  ---
    ... APPEAL
    ... PLEAD
    ... - * (FOR {FINANCIAL AID})   [0231]  # PLEAD
    ... '''
    >>> sorted((p.lemma, p.cameo) for p in parse_petrarch_verbs(text))
    [('appeal', '020'), ('appeal', '0231'), ('plead', '020'), ('plead', '0231')]
    """
    synsets: dict[str, list[tuple[str, ...]]] = {}
    current_syn: str | None = None
    patterns: list[Pattern] = []
    block_code = "---"
    block_rev: str | None = None
    verbs: list[tuple[str, tuple[Element, ...], str, str | None]] = []
    in_block = False

    def flush_defaults() -> None:
        for lemma, after, code, rev in verbs:
            patterns.append(
                Pattern(lemma, code, after=after, reverse=rev, origin=f"{origin}:{lemma}", rank=rank)
            )

    for n, line in enumerate(text.splitlines(), 1):
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        stripped = body.strip()
        if stripped.startswith("---"):
            flush_defaults()
            verbs = []
            in_block = True
            current_syn = None
            m = _CODE.search(stripped)
            block_code, block_rev = _split_code(m.group(1)) if m else ("---", None)
            continue
        if stripped.startswith("&") and not in_block:
            current_syn = stripped.rstrip("_").upper()
            synsets[current_syn] = []
            continue
        if current_syn is not None and stripped.startswith("+") and not in_block:
            synsets[current_syn].append(tuple(w for w in stripped[1:].lower().split("_") if w))
            continue
        if not in_block:
            continue
        if stripped.startswith("-"):
            m = _CODE.search(stripped)
            if not m:
                continue
            code, rev = _split_code(m.group(1))
            spec = stripped[1 : m.start()].strip()
            pre, star, post = spec.partition("*")
            if not star:
                pre, post = "", spec
            after_elems = tuple(_words(post, synsets))
            before_elems = tuple(_words(pre, synsets))
            for lemma, vafter, _vcode, _vrev in verbs:
                patterns.append(
                    Pattern(
                        lemma,
                        code,
                        after=vafter + after_elems,
                        before=before_elems,
                        reverse=rev,
                        origin=f"{origin}:{n}",
                        rank=rank,
                    )
                )
            continue
        # a verb line: FORM {irregular forms} [code]
        m = _CODE.search(stripped)
        code, rev = _split_code(m.group(1)) if m else (block_code, block_rev)
        head = re.sub(r"\{[^}]*\}", " ", stripped[: m.start()] if m else stripped).split()
        if not head:
            continue
        form = head[0]
        parts = [w for w in form.split("_") if w]
        if not parts:
            continue
        verb_idx = next((i for i, w in enumerate(parts) if w.startswith("+")), 0)
        words = [w.lstrip("+").lower() for w in parts]
        lemma = words[verb_idx]
        after = tuple(((w,),) for w in words[verb_idx + 1 :])
        verbs.append((lemma, after, code, rev))
    flush_defaults()
    return patterns


# ----------------------------------------------------------------------------------
# our TOML format


def _element(spec: Any) -> Element:
    """``"talks"`` or ``["talks", "negotiations"]`` or ``"negotiating_table"`` -> element."""
    alts = [spec] if isinstance(spec, str) else list(spec)
    return tuple(tuple(w for w in str(a).lower().replace(" ", "_").split("_") if w) for a in alts)


def _toml_patterns(row: dict[str, Any], *, origin: str, rank: int) -> list[Pattern]:
    try:
        lemmas = row["lemma"]
        lemmas = [lemmas] if isinstance(lemmas, str) else list(lemmas)
        cameo = str(row["cameo"])
    except KeyError as exc:
        raise DictionaryError(f"pattern needs 'lemma' and 'cameo': {row}", source=origin) from exc
    after = tuple(_element(e) for e in row.get("after", []))
    before = tuple(_element(e) for e in row.get("before", []))
    xcomp = frozenset(str(x).lower() for x in row.get("xcomp", []))
    pos = str(row.get("pos", "verb"))
    if pos not in {"verb", "noun"}:
        raise DictionaryError(f"pos must be 'verb' or 'noun', not {pos!r}", source=origin)
    return [
        Pattern(
            lemma=str(lemma).lower(),
            cameo=cameo,
            pos=pos,
            after=after,
            before=before,
            xcomp=xcomp,
            reverse=row.get("reverse"),
            event_type=row.get("event_type"),
            mode=row.get("mode"),
            origin=origin,
            rank=rank,
        )
        for lemma in lemmas
    ]


def _crosswalk_row(row: Any, origin: str) -> tuple[str, str | None, tuple[str, ...]]:
    if isinstance(row, dict):
        etype, mode, context = row.get("type"), row.get("mode"), row.get("context", [])
    else:
        etype, mode, context = [*list(row), None, []][:3]
    if not etype:
        raise DictionaryError(f"crosswalk row without a type: {row}", source=origin)
    ctx = tuple(context) if isinstance(context, list | tuple) else tuple(c for c in [context] if c)
    return str(etype), (str(mode) if mode else None), ctx


_PICO = re.compile(r"^(\d{2,4}):\s*([-+0-9a-fA-Fx\s]+)")


def parse_pico_negations(text: str) -> dict[str, str]:
    """CAMEO code -> code of its negation, from a PICO ontology file (see :meth:`Lexicon.read_pico`).

    >>> sorted(parse_pico_negations("050:0x0080#Coop\\n110:0x1007f#Disapprove").items())
    [('050', '110'), ('110', '050')]
    """
    values: dict[int, str] = {}
    codes: dict[str, int] = {}
    for line in text.splitlines():
        m = _PICO.match(line.split("#", 1)[0].strip())
        if not m:
            continue
        terms = re.findall(r"([-+]?)\s*0x([0-9a-fA-F]+)", m.group(2))
        if not terms:
            continue
        value = sum((-1 if sign == "-" else 1) * int(digits, 16) for sign, digits in terms)
        codes[m.group(1)] = value
        values.setdefault(value, m.group(1))
    out: dict[str, str] = {}
    for code, value in codes.items():
        if value >= 0xFFFF:
            opposite = values.get(value - 0xFFFF)
        elif value < 0:
            opposite = values.get(value + 0xFFFF)
        else:
            continue
        if opposite is not None and opposite != code:
            out[code] = opposite
            out.setdefault(opposite, code)
    return out


def parse_crosswalk(text: str) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    """Parse ``CAMEO2PLOVER-2021.txt`` (``code: TYPE, mode, context # comment``).

    >>> parse_crosswalk("106: REQUEST, meet, diplomatic # Demand meeting")
    {'106': ('REQUEST', 'meet', ('diplomatic',))}
    """
    table: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for line in text.splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split(",")]
        if not fields or not fields[0]:
            continue
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        context = tuple(c.strip() for c in fields[2].split(";") if c.strip()) if len(fields) > 2 else ()
        table.setdefault(m.group(1), (fields[0], mode, context))
    return table


# ----------------------------------------------------------------------------------
# matching helpers


# A clause word as the matcher sees it: its forms ("talks", "talk") and every form a
# pattern word could be to match it (a form, or a form less a suffix: "talk" for "talked").
_Word = tuple[tuple[str, ...], frozenset[str]]

_SUFFIXES = frozenset({"s", "es", "ed", "d", "ing", "'s", "ies", "ly", "er", "ers"})


@functools.lru_cache(maxsize=65536)
def _clause_word(word: str) -> _Word:
    forms = tuple(word.split("|"))
    stems: set[str] = set(forms)
    for f in forms:
        for suffix in _SUFFIXES:
            if f.endswith(suffix) and len(f) > len(suffix):
                stems.add(f[: -len(suffix)])
    return forms, frozenset(stems)


def _stems(tokens: Sequence[_Word]) -> set[str]:
    """Every pattern word that could match one of these clause words."""
    out: set[str] = set()
    for _, stems in tokens:
        out |= stems
    return out


def _word_matches(pat: str, word: _Word) -> bool:
    """Pattern words match a form, or a form with a suffix; short or ``-``-final ones match exactly."""
    if pat[-1] == "-" or len(pat) <= 3:
        return pat in word[0]
    return pat in word[1]


def _alt_at(alt: tuple[str, ...], tokens: Sequence[_Word], i: int) -> bool:
    if i + len(alt) > len(tokens):
        return False
    return all(_word_matches(w, tokens[i + k]) for k, w in enumerate(alt))


def _in_order(elements: Sequence[Element], tokens: Sequence[_Word]) -> bool:
    i = 0
    n = len(tokens)
    for element in elements:
        found = False
        while i < n:
            hit = None
            for alt in element:
                if _alt_at(alt, tokens, i):
                    hit = alt
                    break
            if hit is not None:
                i += len(hit)
                found = True
                break
            i += 1
        if not found:
            return False
    return True


# ----------------------------------------------------------------------------------
# loading


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"cannot read lexicon file: {exc}", source=str(path)) from exc


def _data(name: str) -> str:
    return resources.files("communique").joinpath("data", "lexicon", name).read_text(encoding="utf-8")


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

"""Readers for the dictionary formats the lexicon accepts.

PETRARCH/TABARI verb dictionaries (``CAMEO.2.0.txt``), our TOML rows, PETRARCH's
internal coding ontology (PICO, for negations) and the ``CAMEO2PLOVER`` crosswalk text.
"""

from __future__ import annotations

import re
from typing import Any

from communique.errors import DictionaryError
from communique.lexicon.patterns import Element, Pattern

__all__ = ["parse_crosswalk", "parse_petrarch_verbs", "parse_pico_negations"]

# ----------------------------------------------------------------------------------
# PETRARCH verb dictionaries


_CODE = re.compile(r"\[([^\]]*)\]")


def _split_code(raw: str) -> tuple[str, str | None]:
    main, _, rev = raw.strip().partition(":")
    return main.strip() or "---", (rev.strip() or None)


def _members(name: str, synsets: dict[str, list[tuple[str, ...]]], depth: int = 0) -> list[tuple[str, ...]]:
    """The word sequences of a synset, synsets named inside it expanded (``+&TIETYPES``)."""
    out: list[tuple[str, ...]] = []
    for member in synsets.get(name.rstrip("_").upper(), []):
        if len(member) == 1 and member[0].startswith("&") and depth < 4:
            out.extend(_members(member[0], synsets, depth + 1))
        elif member:
            out.append(member)
    return out


def _element_of(word: str, synsets: dict[str, list[tuple[str, ...]]]) -> Element | None:
    word = word.lstrip("$+%^~")
    if not word:
        return None
    if word.startswith("&"):
        return tuple(_members(word, synsets)) or None
    return (tuple(w for w in word.lower().split("_") if w) or (word.lower(),),)


def _words(spec: str, synsets: dict[str, list[tuple[str, ...]]]) -> list[Element]:
    """Turn a PETRARCH pattern side into elements (markers dropped, synsets expanded).

    The words of a braced phrase (``{NEW &TIETYPES RELATIONS}``) must follow in order,
    with gaps allowed, like the others: PETRARCH's own suite wants "new global economic
    relations" to match that phrase.
    """
    return _side(spec, synsets, "after")[0]


def _side(
    spec: str,
    synsets: dict[str, list[tuple[str, ...]]],
    side: str,
    offset: int = 0,
    literal: bool = True,
) -> tuple[list[Element], list[tuple[str, str, int]]]:
    """A pattern side's elements and its slot markers (``$``, ``+``, ``^``) with their place.

    A marker's place is the number of elements written before it on its side, plus
    ``offset`` (the words of a multi-word verb, which come first).
    """
    out: list[Element] = []
    markers: list[tuple[str, str, int]] = []
    opened = -1
    paren: list[str] | None = None
    start = 0
    for raw in re.findall(r"[{}()]|[^\s{}()]+", spec):
        word = raw.strip()
        if word == "(":
            paren, start = [], len(out)
            continue
        if word == ")":
            if literal and paren is not None and len(paren) == 2 and len(out) - start == 2 and opened < 0:
                # "(FOR ASYLUM)": a preposition and its noun, with at most an article
                # between ("over the efforts"), not an adjective ("for foreign asylum")
                out[-2:] = [tuple(a + b for a in out[-2] for b in out[-1])]
            paren = None
            continue
        if paren is not None:
            paren = [*paren, word] if re.fullmatch(r"[A-Za-z_-]+", word) else None
        if word == "{":
            opened = len(out)
            continue
        if word == "}":
            if opened >= 0 and len(out) - opened >= 2:
                # a braced phrase ends in its head noun, right after the word before it:
                # "new global *economic relations*", not "economic trade relations"
                out[-2:] = [tuple(a + b for a in out[-2] for b in out[-1])]
            opened = -1
            continue
        if word in {"$", "+", "^"}:
            markers.append((side, word, offset + len(out)))
            continue
        if word in {"*", "%", "~"} or not word:
            continue
        element = _element_of(word, synsets)
        if element and all(element):
            out.append(element)
    return out, markers


def _undefined(spec: str, synsets: dict[str, list[tuple[str, ...]]]) -> bool:
    """Whether a pattern names a synset the dictionary does not define (or defines empty)."""
    for raw in re.findall(r"[^\s{}()]+", spec):
        word = raw.lstrip("$+%^~")
        if word.startswith("&") and not _members(word, synsets):
            return True
    return False


def parse_petrarch_verbs(
    text: str, *, origin: str = "<verbs>", rank: int = 3, literal_phrases: bool = True
) -> list[Pattern]:
    """Parse a PETRARCH-2 verb dictionary into :class:`Pattern` objects.

    Verb blocks (``--- NAME [code] ---``) list verbs (``ASK [020]``, multi-word forms
    such as ``+CALL_OFF``) and patterns (``- * (FOR HELP) [020]``); each pattern applies
    to every verb of its block. ``[a:b]`` codes give a reciprocal event. Synonym sets
    (``&NAME`` followed by ``+MEMBER`` lines) are expanded.

    ``literal_phrases`` reads a two-word prepositional phrase as PETRARCH does: the
    preposition and its noun side by side, an article allowed between ("(OVER EFFORTS)"
    matches "over the efforts", "(FOR ASYLUM)" not "for foreign asylum"). ``False`` lets
    other words come between, as for the other pattern words; the shipped CAMEO.2.0
    conversion uses that, which codes more real news ("defended X against *Western*
    criticism").

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
            words = re.findall(r"[^\s{}()_]+", stripped[1:])  # "+(TO THE END)", "+DIFFERENCE_OF_OPINION_"
            synsets[current_syn].append(tuple(w if w.startswith("&") else w.lower() for w in words))
            continue
        if not in_block:
            continue
        if stripped.startswith("-"):
            m = _CODE.search(stripped)
            if not m:
                continue
            code, rev = _split_code(m.group(1))
            spec = stripped[1 : m.start()].strip()
            if _undefined(spec, synsets):
                continue  # "- * &PKO" with no &PKO synset never matches (it must not always match)
            pre, star, post = spec.partition("*")
            if not star:
                pre, post = "", spec
            after_list, _ = _side(post, synsets, "after", literal=literal_phrases)
            before_list, before_marks = _side(pre, synsets, "before", literal=literal_phrases)
            after_elems, before_elems = tuple(after_list), tuple(before_list)
            compound = "%" in re.findall(r"[^\s{}()]+", spec)
            for lemma, vafter, _vcode, _vrev in verbs:
                marks = tuple(before_marks) + tuple(
                    _side(post, synsets, "after", len(vafter), literal_phrases)[1]
                )
                patterns.append(
                    Pattern(
                        lemma,
                        code,
                        after=vafter + after_elems,
                        before=before_elems,
                        reverse=rev,
                        origin=f"{origin}:{n}",
                        rank=rank,
                        compound=compound,
                        markers=marks,
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
    args = _toml_args(row, origin)
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
            args=args,
        )
        for lemma in lemmas
    ]


def _keys(spec: Any) -> list[str]:
    """``"offices"`` or ``["home", "homes"]`` -> lower-case words, spaces as ``_``."""
    alts = [spec] if isinstance(spec, str) else list(spec)
    return [str(a).lower().strip().replace(" ", "_") for a in alts if str(a).strip()]


def _toml_args(row: dict[str, Any], origin: str) -> tuple[frozenset[str], ...]:
    """A TOML pattern's conditions on the predicate's dependents (see :attr:`Pattern.args`).

    ``object`` – heads of the direct object; ``particle`` – particles; ``attached`` – a
    preposition on the predicate and the heads of its object (``[["on"], ["charges"]]``);
    ``complement_object`` – heads of the object of the complement verb (``xcomp``);
    ``subject`` – heads of the active subject.
    """
    out: list[frozenset[str]] = []
    pairs = (("object", "obj"), ("particle", "prt"), ("complement_object", "xobj"), ("subject", "subj"))
    for name, rel in pairs:
        if name in row:
            keys = frozenset(f"{rel}:{w}" for w in _keys(row[name]))
            if not keys:
                raise DictionaryError(f"empty {name!r} in pattern: {row}", source=origin)
            out.append(keys)
    if "attached" in row:
        spec = row["attached"]
        if not (isinstance(spec, list) and len(spec) == 2):
            raise DictionaryError(f"'attached' needs [prepositions, nouns]: {row}", source=origin)
        keys = frozenset(f"{p}:{n}" for p in _keys(spec[0]) for n in _keys(spec[1]))
        if not keys:
            raise DictionaryError(f"empty 'attached' in pattern: {row}", source=origin)
        out.append(keys)
    return tuple(out)


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

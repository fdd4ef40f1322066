"""A first-character guard for regular expressions: the same matches, found faster.

Python's regex engine tries a pattern at every position of the text, and a pattern that
opens with a long case-insensitive alternation ("one|two|three|…", month names) costs
much at each one. :func:`guarded` works out from the parsed pattern which characters a
match can begin with and puts a lookahead for them in front (``(?=[…])``), so most
positions are rejected by one character-class test. The lookahead only admits positions
where the pattern could match anyway, so the matches, groups and spans are unchanged.

>>> p = guarded(re.compile(r"(?:the\\s+)?(?:one|two|\\d+)\\s+days?", re.I))
>>> p.pattern
'(?=[to\\\\d])(?:(?:the\\\\s+)?(?:one|two|\\\\d+)\\\\s+days?)'
>>> p.search("in two days").span()
(3, 11)
"""

from __future__ import annotations

import importlib
import re
from typing import Any

__all__ = ["first_chars", "guarded", "max_width"]

try:  # the parser behind ``re``; without it the patterns are used as they are
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - CPython 3.11+ has both
    _parser = None
    _c = None


def _category(value: Any) -> str | None:
    names = {
        "CATEGORY_DIGIT": r"\d",
        "CATEGORY_NOT_DIGIT": r"\D",
        "CATEGORY_SPACE": r"\s",
        "CATEGORY_NOT_SPACE": r"\S",
        "CATEGORY_WORD": r"\w",
        "CATEGORY_NOT_WORD": r"\W",
    }
    return names.get(str(value))


def _first(items: Any, ignorecase: bool) -> tuple[list[str], bool] | None:
    """Class items a match of ``items`` can start with, and whether it can be empty.

    ``None`` when the analysis cannot tell (backreferences, ``.``, negated classes …).
    """
    out: list[str] = []
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the next item gives the first character
        if op is _c.LITERAL:
            out.append(re.escape(chr(av)))
            return out, False
        if op is _c.IN:
            for kind, value in av:
                if kind is _c.LITERAL:
                    out.append(re.escape(chr(value)))
                elif kind is _c.RANGE:
                    out.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is _c.CATEGORY and _category(value) is not None:
                    out.append(str(_category(value)))
                else:
                    return None
            return out, False
        if op is _c.SUBPATTERN:
            if av[1] & re.IGNORECASE and not ignorecase:
                return None  # "(?i:…)" in a case-sensitive pattern: a class would be too narrow
            found = _first(av[-1], ignorecase)
        elif op is _c.BRANCH:
            found = ([], False)
            for alternative in av[1]:
                branch = _first(alternative, ignorecase)
                if branch is None:
                    return None
                found = (found[0] + branch[0], found[1] or branch[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
            low, _, sub = av
            inner = _first(sub, ignorecase)
            found = None if inner is None else (inner[0], inner[1] or low == 0)
        else:
            return None
        if found is None:
            return None
        out.extend(found[0])
        if not found[1]:
            return out, False
    return out, True


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """A character class that every match of ``pattern`` starts with; ``None`` if unknown.

    Patterns that can match the empty string have no such class.

    >>> first_chars(re.compile(r"\\b(?:jan|feb)\\.?"))
    '[jf]'
    >>> first_chars(re.compile(r"a*")) is None
    True
    """
    if _parser is None:
        return None
    try:
        found = _first(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE))
    except Exception:
        return None
    if found is None or found[1] or not found[0]:
        return None
    return "[" + "".join(dict.fromkeys(found[0])) + "]"


def _starts_with_class(pattern: re.Pattern[str]) -> bool:
    """Whether the pattern opens with a character or class: the engine then skips ahead itself."""
    items = _parser.parse(pattern.pattern, pattern.flags)
    if len(items) and items[0][0] in (_c.MAX_REPEAT, _c.MIN_REPEAT) and items[0][1][0] > 0:
        items = items[0][1][2]  # "\\d{4}": a repeated class
    return len(items) > 0 and items[0][0] in (_c.LITERAL, _c.IN)


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a lookahead for its first characters in front (itself if unknown).

    The lookahead adds no group, so group numbers and names stay the same. A pattern that
    opens with a character class (``\\d{4}``) is left alone: the engine already skips to
    the positions where that class matches.

    >>> guarded(re.compile(r"\\d:\\d")).pattern
    '\\\\d:\\\\d'
    """
    chars = first_chars(pattern)
    if chars is None or _starts_with_class(pattern):
        return pattern
    try:
        return re.compile(f"(?={chars})(?:{pattern.pattern})", pattern.flags)
    except re.error:  # inline global flags ("(?i)…") must stay at the start
        return pattern


def max_width(pattern: re.Pattern[str]) -> int | None:
    """The longest match ``pattern`` can have; ``None`` if unbounded or unknown.

    >>> max_width(re.compile(r"\\d{4}-")), max_width(re.compile(r"\\d\\s*pm"))
    (5, None)
    """
    if _parser is None:
        return None
    try:
        _, high = _parser.parse(pattern.pattern, pattern.flags).getwidth()
    except Exception:  # an analysis we cannot do is one we skip
        return None
    return int(high) if high < _c.MAXREPEAT else None

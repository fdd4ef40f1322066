"""Rules for reporting periods: quarters and halves ("the third quarter", "Q3 2019",
"the first half of the year", "the year-earlier quarter").

Importing this module registers the rules.
"""

from __future__ import annotations

import re

from communique.time.calendar import quarter_of
from communique.time.context import Context, Reading
from communique.time.grammar import YEAR4, rule

__all__ = ["quarter_year"]


def quarter_year(number: int, ctx: Context, start: int, end: int, period: int = 4) -> int | None:
    """Year of a quarter (or half, ``period=2``) written without one: the latest reported one."""
    if ctx.day is None:
        return None
    current = quarter_of(ctx.day) if period == 4 else (ctx.day.month - 1) // 6 + 1
    if number <= current:
        return ctx.day.year
    return ctx.day.year - 1 if ctx.tense(start, end) == "past" else ctx.day.year


_REL_YEAR = {"this": 0, "last": -1, "next": 1, "the": 0}


def _period(m: re.Match[str], ctx: Context, number: int, letter: str, period: int) -> Reading:
    year: int | None = None
    anchored = False
    written = m["y1"] or m["y2"]
    rel = m["rel"] or m["rel2"]
    if written:
        year = int(written)
    elif ctx.day is None:
        return Reading("DATE", f"XXXX-{letter}{number}", reason=None)
    elif rel:
        year = ctx.day.year + _REL_YEAR[rel.lower()]
        anchored = True
    else:
        year = quarter_year(number, ctx, m.start(), m.end(), period)
        anchored = True
    return Reading("DATE", f"{year:04d}-{letter}{number}", anchored=anchored)


_YEAR_TAIL = (
    r"(?:\s+(?:of\s+)?(?:(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?(?P<y2>"
    + YEAR4
    + r")|(?P<rel2>this|last|next|the)\s+(?:fiscal\s+)?year))?"
)
_YEAR_HEAD = r"(?:the\s+)?(?:(?P<y1>" + YEAR4 + r")(?:['’]s)?\s+|(?P<rel>this|last|next)\s+year['’]s\s+)?"


@rule(
    "quarter",
    _YEAR_HEAD + r"(?:fiscal\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?"
    r"quarter\b" + _YEAR_TAIL,
)
def _quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    number = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m["q"].lower()) or int(m["q"][0])
    return _period(m, ctx, number, "Q", 4)


@rule(
    "half",
    _YEAR_HEAD
    + r"(?:fiscal\s+)?(?:(?P<h>first|second|1st|2nd|last|latter)[\s-]+half|"
    + r"(?P<h2>first|last)\s+two\s+quarters)\b"
    + _YEAR_TAIL,
)
def _half(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the second half", "the latter half of 2012", the first or last two quarters with a year."""
    word = (m["h"] or m["h2"]).lower()
    if (m["h2"] or word in ("last", "latter")) and not (m["y1"] or m["y2"] or m["rel"] or m["rel2"]):
        return None  # a half of a decade ("the latter half of the '80s"), or quarters with no year
    number = 1 if word in ("first", "1st") else 2
    return _period(m, ctx, number, "H", 2)


@rule("quarter-code", r"\b(?:Q(?P<a>[1-4])|(?P<b>[1-4])Q)(?:\s+(?P<y>" + YEAR4 + r"))?\b")
def _quarter_code(m: re.Match[str], ctx: Context) -> Reading | None:
    if not m.group()[0:2].isupper() and not m.group()[0].isdigit():
        return None
    number = int(m["a"] or m["b"])
    if m["y"]:
        return Reading("DATE", f"{m['y']}-Q{number}")
    year = quarter_year(number, ctx, m.start(), m.end())
    if year is None:
        return Reading("DATE", f"XXXX-Q{number}")
    return Reading("DATE", f"{year:04d}-Q{number}", anchored=True)

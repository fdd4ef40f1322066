"""The rule registry and the regex building blocks every rule is written with.

A rule is a compiled pattern and a normalisation function; the tagger runs them all,
keeps the longest non-overlapping matches and asks each winner's function for a value.
Patterns are case-insensitive; functions that need a capital (month names, so that
"may" the verb is not May) check the matched text themselves.

>>> import re
>>> bool(re.fullmatch(MONTH.format(g="m"), "Sept.", re.I)), bool(re.fullmatch(NUM, "twenty-four", re.I))
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from communique.time.context import Context, Reading
from communique.time.lexicon import DECADE_WORDS, NUMBER_WORDS, ORDINALS, WEEKDAYS, alternation
from communique.time.prefilter import guarded, max_width

__all__ = [
    "MONTH",
    "NESTED_TRIGGERS",
    "NUM",
    "ORDINAL",
    "RULES",
    "RULE_TRIGGERS",
    "TRIGGER",
    "UNIT",
    "VAGUE",
    "WEEKDAY",
    "WINDOW",
    "YEAR4",
    "Handler",
    "Rule",
    "rule",
]

Handler = Callable[[re.Match[str], Context], Reading | None]


@dataclass(frozen=True)
class Rule:
    """One pattern of the grammar and the function that normalises its matches."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    priority: int = 0


RULES: list[Rule] = []


def rule(name: str, pattern: str, *, priority: int = 0) -> Callable[[Handler], Handler]:
    """Register ``handler`` for ``pattern`` (case-insensitive, verbose off, first-character guarded)."""

    def register(handler: Handler) -> Handler:
        RULES.append(Rule(name, guarded(re.compile(pattern, re.IGNORECASE)), handler, priority))
        return handler

    return register


_FULL_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_ABBR_MONTHS = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"

#: A month name; ``{g}`` is the group name to capture it under.
MONTH = r"(?P<{g}>(?:" + _FULL_MONTHS + r")\b|(?:" + _ABBR_MONTHS + r")(?:\.|\b))"

#: A full weekday name, optionally possessive.
WEEKDAY = (
    r"(?P<{g}>" + alternation([w for w in WEEKDAYS if len(w) > 5 and w.endswith("day")]) + r")(?:['’]s)?\b"
)

_NUMBER_WORD = alternation([w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an")])

#: A cardinal: digits (``1,200``, ``2.5``, ``5 1/2``) or words (``twenty-four``, ``a couple of``).
NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+1/2)?|(?:a\s+couple\s+of|a\s+dozen|a\s+hundred|"
    + _NUMBER_WORD
    + r"(?:[\s-]+"
    + _NUMBER_WORD
    + r")*)(?:\s+and\s+a\s+half)?|\ban?)"
)

#: Quantities with no number: "a few", "several".
VAGUE = r"(?:a\s+few|few|several|many|some|a\s+couple\s+of|a\s+number\s+of|numerous|countless)"

#: An ordinal word or figure ("third", "3rd").
ORDINAL = r"(?:" + alternation([w for w in ORDINALS if ORDINALS[w] > 0]) + r"|\d{1,2}(?:st|nd|rd|th))"

#: A calendar unit, singular or plural; ``{g}`` is the group name.
UNIT = (
    r"(?P<{g}>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|"
    r"quarters?|years?|decades?|century|centuries)\b"
)

#: A four-digit year from 1000 to 2199.
YEAR4 = r"(?:1\d{3}|20\d{2}|21\d{2})"

DECADE_WORD = alternation(list(DECADE_WORDS))

#: Every rule's match contains one of these: the tagger only runs the rules near them. (A run of
#: digits is one trigger: the regions are the same as digit by digit, in fewer steps.)
TRIGGER = guarded(
    re.compile(
        r"\d+|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
        r"today|yesterday|tomorrow|tonight|now|current|present|recent|lately|past|future|soon|shortly|"
        r"coming|upcoming|term\b|later\s+date|year|month|week|day|decade|centur|quarter|half|period|spring|"
        r"summer|fall|autumn|"
        r"winter|morning|afternoon|evening|night|overnight|noon|midnight|midday|o['’]clock|hour|minute|"
        r"second|fortnight|annual|christmas|new\s+year|thanksgiving|independence|labor|memorial|halloween|"
        r"dail|valentine|veterans|boxing|easter|good\s+friday|moment|twenties|thirties|forties|fifties|sixties|"
        r"seventies|eighties|nineties|nineteen|eighteen|two\s+thousand|q[1-4]\b|fy|fiscal)",
        re.IGNORECASE,
    )
)
#: How far around a trigger a match may reach.
WINDOW = 90

_MONTH_WORD = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_UNIT_WORD = r"\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur)"
#: Shared by several rules, so that the tagger scans for each once ("overnight" holds "night").
_PART_OF_DAY_WORD = r"(?:morning|afternoon|evening|night)"
_COUNTED_WORDS = r"\b(?:one\s+day|half\s+an?\s|(?:once|twice|thrice|times)\s+(?:a|an|per|each|every)\s)"
#: Narrower triggers for the rules whose patterns are costly to try at every position.
_TRIGGER_PATTERNS: dict[str, str] = {
    "month-day-year": _MONTH_WORD,
    "day-month-year": _MONTH_WORD,
    "month-day": _MONTH_WORD,
    "day-month": _MONTH_WORD,
    "month-year": _MONTH_WORD,
    "month": _MONTH_WORD,
    "weekday": r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    "ago": _UNIT_WORD,
    "duration": _UNIT_WORD,
    "relative-unit": _UNIT_WORD + r"|\bperiod",
    "set-every": r"\b(?:every|each|per)\b",
    "bare-units": _UNIT_WORD,
    "century": r"\bcentury",
    "quarter": r"\bquarter",
    "half": r"\bhalf|\bquarters",
    "season": r"\b(?:spring|summer|fall|autumn|winter)",
    "year": r"\d{4}",
    "iso-date": r"\d{4}-",
    "numeric-date": r"\d/",
    "clock-ampm": r"\d\s*[ap]\.?\s?m\b",
    "clock-24h": r"\d:\d",
    "clock-part-of-day": _PART_OF_DAY_WORD,
    "clock-mid-part-of-day": _PART_OF_DAY_WORD,
    "story-part-of-day": _PART_OF_DAY_WORD,
    "overnight": _PART_OF_DAY_WORD,
    "spelled-day-month": _MONTH_WORD,
    "week-of-month": _MONTH_WORD,
    "ordinal-day": r"\d(?:st|nd|rd|th)\b",
    "year-range-start": r"\d{4}[-–]\d",
    "year-range-end": r"\d{4}[-–]\d",
    "one-day-future": _COUNTED_WORDS,
    "half-unit": _COUNTED_WORDS,
    "set-times": _COUNTED_WORDS,
}
_COMPILED = {p: guarded(re.compile(p, re.IGNORECASE)) for p in set(_TRIGGER_PATTERNS.values())}
#: Rules with the same trigger share one compiled pattern: the tagger scans for each once.
RULE_TRIGGERS: dict[str, re.Pattern[str]] = {name: _COMPILED[p] for name, p in _TRIGGER_PATTERNS.items()}
#: Narrow triggers whose words (or digits) TRIGGER also finds, so each of their matches lies
#: inside a TRIGGER region, at least WINDOW from its edges when it is shorter than WINDOW:
#: the tagger looks for them only there. The others are not covered by TRIGGER's words.
_NOT_IN_TRIGGER = {_TRIGGER_PATTERNS["set-every"]}
NESTED_TRIGGERS: frozenset[re.Pattern[str]] = frozenset(
    compiled
    for p, compiled in _COMPILED.items()
    if p not in _NOT_IN_TRIGGER and (max_width(compiled) or WINDOW) < WINDOW
)

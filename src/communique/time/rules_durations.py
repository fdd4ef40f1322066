"""Rules for durations: "three weeks", "the past two years", "a year and a half", "hours",
"half an hour".

Importing this module registers the rules.
"""

from __future__ import annotations

import re

from communique.time.context import Context, Reading
from communique.time.grammar import NUM, UNIT, VAGUE, rule
from communique.time.lexicon import NUMBER_WORDS
from communique.time.rules_relative import amount_value, duration_value, unit_key

__all__: list[str] = []


_AGE_AFTER = re.compile(r"[\s-]+old\b", re.IGNORECASE)
_QUANTITY_BEFORE = re.compile(
    r"(?:[\d%$]|\b(?:times|once|twice|thrice|cents?|dollars?|percent|hundred|thousand|million|billion)|"
    r"[a-z]{3,}s)\s*$",
    re.I,
)


@rule(
    "duration",
    # "last" after a modal or "to" is the verb ("will last a week"), and no modifier comes before "a"
    r"(?:(?P<the>the)\s+)?(?:(?P<rel>(?<!will\s)(?<!to\s)(?<!would\s)(?<!could\s)(?<!may\s)(?<!might\s)"
    r"(?<!can\s)(?<!should\s)(?<!not\s)(?<!must\s)last|past|previous|next|coming|following|first|final|latest|"
    r"remaining|initial|another|additional|recent|further)\s+(?!an?\s))?(?P<num>"
    + NUM
    + "|"
    + VAGUE
    + r")(?:\s+|-)(?:(?:more|additional|extra|straight|consecutive|full|long|short)\s+)?"
    + UNIT.format(g="unit")
    + r"(?P<half>\s+and\s+a\s+half)?(?P<adj>-(?:long|old))?",
)
def _duration(m: re.Match[str], ctx: Context) -> Reading | None:
    if (m["adj"] and m["adj"].lower() == "-old") or _AGE_AFTER.match(ctx.text, m.end()):
        return None
    unit = unit_key(m["unit"])
    if unit == "quarter" and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None  # "three quarters of the voters": a fraction, not a span
    number = m["num"].lower()
    plural = m["unit"].lower().endswith("s") or m["unit"].lower() == "centuries"
    if number in ("a", "an"):
        if plural or unit in ("second", "quarter", "night"):
            return None
        if _QUANTITY_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
            return None  # a rate ("$2 million a year"), not a time
    amount = amount_value(number)
    if amount is not None and m["half"]:
        amount += 0.5
    if amount is None and not re.fullmatch(VAGUE, number, re.IGNORECASE):
        return None
    if amount is not None and number in NUMBER_WORDS and amount == 1 and plural:
        return None
    return Reading("DURATION", duration_value(amount, unit))


@rule(
    "bare-units",
    r"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\bafter\s)|(?<=\btook\s)|(?<=\btake\s)|"
    r"(?<=\btakes\s)|(?<=\blasted\s))(?P<unit>years|months|weeks|days|hours|"
    r"decades|centuries|minutes)\b",
)
def _bare_units(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DURATION", duration_value(None, unit_key(m["unit"])))


@rule(
    "half-unit",
    r"\b(?:a\s+)?half\s+(?:an?\s+)(?P<unit>hour|day|week|month|year|decade|century)\b"
    r"(?![\s-]+(?:ago|old|long)\b)",
    priority=1,
)
def _half_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "half an hour (later)", "half a century": half of one unit (not "half a year ago")."""
    return Reading("DURATION", duration_value(0.5, unit_key(m["unit"])))

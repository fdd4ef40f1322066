"""Rules for sets and clock times: "every day", "weekly", "5 p.m.", "14:30 GMT", "noon".

Importing this module registers the rules (after :mod:`communique.time.rules_relative`).
"""

from __future__ import annotations

import datetime as dt
import re

from communique.time.context import Context, Reading
from communique.time.grammar import MONTH, NUM, UNIT, WEEKDAY, rule
from communique.time.lexicon import MONTHS, WEEKDAYS, number_value
from communique.time.rules_relative import amount_value, duration_value, unit_key

__all__: list[str] = []


_SET_ADVERBS = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
    "semiannually": "P6M",
}


@rule(
    "set-adverb",
    r"\b(?P<w>daily|nightly|weekly|biweekly|monthly|annually|yearly|hourly|semiannually)\b",
)
def _set_adverb(m: re.Match[str], ctx: Context) -> Reading | None:
    if (
        m["w"][0].isupper()
        and re.match(r"\s+[A-Z]", ctx.text[m.end() : m.end() + 3])
        and re.search(r"(?:\b[Tt]he|['’]s)\s+$", ctx.text[max(0, m.start() - 6) : m.start()])
    ):
        return None  # "the Daily Mail", "Britain's Daily Telegraph": a title
    return Reading("SET", _SET_ADVERBS[m["w"].lower()])


@rule(
    "set-every",
    r"\b(?:every|each|per)\s+(?:(?P<other>other)\s+|(?P<num>"
    + NUM
    + r")\s+)?(?:"
    + UNIT.format(g="unit")
    + "|"
    + WEEKDAY.format(g="wd")
    + "|"
    + MONTH.format(g="mon")
    + r")",
)
def _set_every(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["mon"]:
        month = MONTHS.get(m["mon"].rstrip(".").lower())
        return Reading("SET", f"XXXX-{month:02d}") if month and m["mon"][0].isupper() else None
    if m["wd"]:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}")
    unit = unit_key(m["unit"])
    amount = 2.0 if m["other"] else (amount_value(m["num"]) if m["num"] else 1.0)
    return Reading("SET", duration_value(amount, unit))


@rule(
    "set-times",
    r"\b(?:once|twice|thrice|(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+times)\s+"
    r"(?:a|an|per|each|every)\s+(?P<unit>day|week|fortnight|month|quarter|year|hour|decade)\b",
)
def _set_times(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "twice a week", "three times a year": a SET over the unit (TimeML's ``freq`` is not kept)."""
    return Reading("SET", duration_value(1.0, unit_key(m["unit"])))


_TZ = r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|KST|JST|BST|CET|CEST))?"


def _clock(m: re.Match[str], ctx: Context, hour: int, minute: int) -> Reading | None:
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return None
    clock = f"T{hour:02d}:{minute:02d}"
    if ctx.day is None:
        return Reading("TIME", f"XXXX-XX-XX{clock}")
    return Reading("TIME", f"{ctx.day.isoformat()}{clock}", anchored=True)


@rule(
    "clock-ampm",
    r"(?<![\d:.,$])(?P<h>1[0-2]|0?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?" + _TZ,
)
def _clock_ampm(m: re.Match[str], ctx: Context) -> Reading | None:
    hour = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0)
    if (
        m.group().rstrip(".").endswith(("am", "AM"))
        and " " in m.group()
        and "." not in m.group()
        and not m["mi"]
    ):
        after = ctx.text[m.end() : m.end() + 2]
        if after[:1].isalpha():
            return None
    return _clock(m, ctx, hour, int(m["mi"] or 0))


@rule("clock-24h", r"(?<![\d:.,$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?![\d:])" + _TZ)
def _clock_24h(m: re.Match[str], ctx: Context) -> Reading | None:
    return _clock(m, ctx, int(m["h"]), int(m["mi"]))


@rule("clock-word", r"\b(?:(?P<w>noon|midnight|midday)|(?P<h>\d{1,2}|[a-z]+)\s+o['’]clock)\b")
def _clock_word(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["w"]:
        hour = 24 if m["w"].lower() == "midnight" else 12
        return _clock(m, ctx, hour, 0)
    spoken = number_value(m["h"])
    if spoken is None or not 1 <= spoken <= 12:
        return None
    return _clock(m, ctx, spoken, 0)


#: What may stand before a bare hour of "5 in the morning" ("at", "until about", "4 or").
_CLOCK_PREPOSITION = re.compile(
    r"(?:^|\b(?:at|by|around|about|until|till|from|before|after|since|past|to|near|nearly|almost|"
    r"approximately|roughly|some|and|or|than)\s+)$",
    re.IGNORECASE,
)


@rule(
    "clock-part-of-day",
    r"\b(?P<h>1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?P<oclock>\s+o['’]clock)?\s+in\s+the\s+(?P<pod>morning|afternoon|evening)\b"
    r"(?![\s-]+(?!(?:and|or|but|as|at|in|on|to|with|from|after|before|while|when|until|the|a|an|his|her|"
    r"their|its|that|which|by|for|of|is|was|were|will|would|had|has|local|time|near|outside|amid|"
    r"there|then|he|she|they|it|we|police)\b)[a-z])",
)
def _clock_part_of_day(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "at 5 in the morning", "six o'clock in the evening": a clock after a preposition of
    time or with "o'clock", and no noun after the part of the day ("lost 4 in the morning
    session" is a count)."""
    if not m["oclock"] and not _CLOCK_PREPOSITION.search(ctx.text, max(0, m.start() - 16), m.start()):
        return None
    hour = number_value(m["h"]) if not m["h"].isdigit() else int(m["h"])
    if hour is None or not 1 <= hour <= 12:
        return None
    pod = m["pod"].lower()
    if pod == "morning":
        hour %= 12
    elif hour < 12:
        hour += 12
    reading = _clock(m, ctx, hour, 0)
    if pod == "morning" and ctx.day is not None and reading and ctx.tense(m.start(), m.end()) == "future":
        # "will set off at 5 in the morning": said with no day, the coming morning
        day = ctx.day + dt.timedelta(days=1)
        return Reading("TIME", f"{day.isoformat()}T{hour:02d}:00", anchored=True)
    return reading


@rule("clock-mid-part-of-day", r"\bmid[\s-]?(?P<pod>morning|afternoon)\b")
def _mid_part_of_day(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "by mid-afternoon": that part of the publication day (of the day next to it when one
    is written: "mid-afternoon yesterday", "Friday mid-morning")."""
    if ctx.day is None:
        return ctx.unanchored(m.group())
    part = "MO" if m["pod"].lower() == "morning" else "AF"
    return Reading("TIME", f"{ctx.day.isoformat()}T{part}", mod="MID", anchored=True)

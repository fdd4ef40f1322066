"""Word tables of the time grammar: months, weekdays, number words, units, seasons.

Kept apart from the rules so that the grammar reads as patterns and the tables as data.

>>> MONTHS["sept"], WEEKDAYS["thu"], number_value("twenty-four"), UNITS["fortnight"]
(9, 4, 24, ('D', 14))
"""

from __future__ import annotations

import re

__all__ = [
    "DECADE_WORDS",
    "MONTHS",
    "MONTH_NAMES",
    "NUMBER_WORDS",
    "ORDINALS",
    "PARTS_OF_DAY",
    "SEASONS",
    "UNITS",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "alternation",
    "number_value",
]

#: Month words (full names and abbreviations) to month numbers.
MONTHS: dict[str, int] = {}
#: The full month names, January first.
MONTH_NAMES: list[str] = []
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    MONTH_NAMES.append(_names[0])
    for _name in _names:
        MONTHS[_name] = _number

#: ISO weekday numbers (Monday = 1) of weekday names and abbreviations.
WEEKDAYS: dict[str, int] = {}
#: The full weekday names, Monday first.
WEEKDAY_NAMES: list[str] = []
for _number, _names in enumerate(
    (
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    ),
    start=1,
):
    WEEKDAY_NAMES.append(_names[0])
    for _name in _names:
        WEEKDAYS[_name] = _number

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "half a dozen": 6,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a pair of": 2,
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "last": -1,
    "final": -1,
}

#: unit word -> (TIMEX3 unit letter, multiplier). Time units use T-prefixed letters.
UNITS: dict[str, tuple[str, int]] = {
    "second": ("TS", 1),
    "minute": ("TM", 1),
    "hour": ("TH", 1),
    "day": ("D", 1),
    "night": ("D", 1),
    "week": ("W", 1),
    "weekend": ("WE", 1),
    "fortnight": ("D", 14),
    "month": ("M", 1),
    "quarter": ("Q", 1),
    "year": ("Y", 1),
    "decade": ("DE", 1),
    "century": ("CE", 1),
}

#: season word -> TIMEX3 season code.
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}

#: part-of-day word -> TIMEX3 code.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

_SPLIT = re.compile(r"[\s-]+")


def number_value(words: str) -> int | None:
    """Return the integer a number phrase stands for, or ``None``.

    Handles digits (``"12"``, ``"1,200"``), words (``"two"``), compounds (``"twenty four"``,
    ``"twenty-four"``) and ``"a couple of"``.

    >>> number_value("a couple of"), number_value("1,200"), number_value("seventeen")
    (2, 1200, 17)
    """
    phrase = words.strip().lower()
    if not phrase:
        return None
    if phrase in NUMBER_WORDS:
        return NUMBER_WORDS[phrase]
    digits = phrase.replace(",", "")
    if digits.isdigit():
        return int(digits)
    total = 0
    for part in _SPLIT.split(phrase):
        if part in ("and", ""):
            continue
        value = NUMBER_WORDS.get(part)
        if value is None:
            return None
        if value == 100:
            total = max(total, 1) * 100
        else:
            total += value
    return total


def alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """Return a regex alternation of ``words``, longest first, dots escaped.

    >>> alternation(["may", "mayday"])
    '(?:mayday|may)'
    """
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"

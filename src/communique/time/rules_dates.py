"""Rules for calendar expressions: dates, months, years, decades, seasons.

Quarters and halves are in :mod:`communique.time.rules_periods`, holidays in
:mod:`communique.time.rules_holidays`.

Each function normalises one pattern. Importing this module registers the rules.
"""

from __future__ import annotations

import datetime as dt
import re

from communique.time.calendar import (
    closest_year,
    iso_week,
    season_of,
    shift_month,
    valid_date,
)
from communique.time.context import Context, Reading
from communique.time.grammar import MONTH, ORDINAL, WEEKDAY, YEAR4, rule
from communique.time.lexicon import DECADE_WORDS, MONTHS, NUMBER_WORDS, ORDINALS, SEASONS, WEEKDAYS

__all__ = ["month_number", "year_of"]

_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_MONTH_NAMES = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
#: "the March referendum", "its March meeting": a month before a noun, after an article. The
#: noun must be one of a calendar, a report or a scheduled event, since "March" alone is also a
#: procession ("the March organizers", "joined the March against austerity").
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our)\s+$", re.IGNORECASE)
_SCHEDULED_NOUN_AFTER = re.compile(
    r"\s+(?:[a-z]+[\s-]+)?(?:meetings?|deadlines?|referendum|elections?|votes?|voting|polls?|ballot|"
    r"primar(?:y|ies)|runoff|issues?|edition|figures|numbers|data|statistics|report|reports|survey|index|"
    r"reading|quarter|session|summit|talks|negotiations|agreement|accord|deal|treaty|ceasefire|truce|"
    r"budget|sales|payrolls?|results|forecast|estimates?|hearing|conference|congress|convention|visit|"
    r"trip|launch|release|auction|decision|ruling|announcement|review|accession|offensive|"
    r"uprising|attacks?|bombings?|floods?|earthquake|storms?|revolution|revolt|coup|crackdown|"
    r"rate\s+(?:cut|hike|rise|increase|decision)|cut|hike)\b"
)
_BARE_MONTH_CUE = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|throughout|during|of|from|to|before|after|between|and|or|"
    r"early|late|mid|last|next|this|past|coming|each|every)\s*-?\s*)$",
    re.IGNORECASE,
)


def month_number(word: str) -> int | None:
    """Month number of a capitalised month name or abbreviation, else ``None``.

    >>> month_number("Sept."), month_number("may")
    (9, None)
    """
    if not word or not word[0].isupper():
        return None
    return MONTHS.get(word.rstrip(".").lower())


#: How far past the publication year a two-digit year may point: news writes "'56" for a
#: year gone by far more often than for one decades ahead.
_TWO_DIGIT_FUTURE = 10


def year_of(token: str, ctx: Context, *, past: bool = False) -> tuple[int | None, str | None]:
    """Read a written year: ``2018``, or ``'98``: the latest such year at most ten years after
    the anchor's ("'56" is 1956 and "'25" 2025 in 2019), and no later than the anchor's in a
    ``past`` clause ("the market crashed in '29" is 1929)."""
    digits = token.lstrip("'’")
    if len(digits) == 4:
        return int(digits), None
    if ctx.day is None:
        return None, f"no publication date to decide the century of {token}"
    yy = int(digits)
    base = ctx.day.year - ctx.day.year % 100
    latest = ctx.day.year + (0 if past else _TWO_DIGIT_FUTURE)
    return max(y for y in (base - 100 + yy, base + yy) if y <= latest), None


def _day_reading(year: int | None, month: int, day: int, *, anchored: bool, reason: str | None) -> Reading:
    name = _MONTH_NAMES[month - 1]
    if year is None:
        if not 1 <= day <= 31 or not valid_date(2000, month, day):
            return Reading("DATE", None, reason=f"{name} {day} is not a date")
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", reason=reason)
    if not valid_date(year, month, day):
        return Reading("DATE", None, reason=f"{name} {day}, {year} is not a date")
    return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", anchored=anchored)


@rule(
    "iso-date",
    r"(?<![\w-])(?P<y>" + YEAR4 + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<H>[0-2]\d):(?P<M>[0-5]\d))?\b",
)
def _iso(m: re.Match[str], ctx: Context) -> Reading | None:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not 1 <= month <= 12:
        return None
    reading = _day_reading(year, month, day, anchored=False, reason=None)
    if m["H"] and reading.value:
        return Reading("TIME", f"{reading.value}T{m['H']}:{m['M']}")
    return reading


@rule("numeric-date", r"(?<![\d/.])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])")
def _numeric(m: re.Match[str], ctx: Context) -> Reading | None:
    first, second = int(m["a"]), int(m["b"])
    month, day = (first, second) if first <= 12 else (second, first)
    if not 1 <= month <= 12:
        return None
    year, reason = year_of(m["y"], ctx)
    if year is None:
        return Reading("DATE", None, reason=reason)
    return _day_reading(year, month, day, anchored=False, reason=None)


_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"


@rule(
    "month-day-year",
    r"(?:"
    + WEEKDAY.format(g="wd")
    + r",?\s+)?"
    + MONTH.format(g="mon")
    + r"\s*"
    + _DAY
    + r"(?:,\s*|\s+)(?P<y>"
    + YEAR4
    + r"|['’]\d{2})\b",
)
@rule("day-month-year", _DAY + r"\s+(?:of\s+)?" + MONTH.format(g="mon") + r",?\s+(?P<y>" + YEAR4 + r")\b")
def _full_date(m: re.Match[str], ctx: Context) -> Reading | None:
    month = month_number(m["mon"])
    if month is None:
        return None
    year, reason = year_of(m["y"], ctx)
    if year is None:
        return Reading("DATE", None, reason=reason)
    return _day_reading(year, month, int(m["d"]), anchored=False, reason=None)


@rule(
    "month-day",
    r"(?:"
    + WEEKDAY.format(g="wd")
    + r",?\s+)?"
    + MONTH.format(g="mon")
    + r"\s*(?:the\s+(?=[0-3]?\d(?:st|nd|rd|th)\b))?"
    + _DAY
    + r"(?![.:]\d|,\d{3})(?=(?:\s*[-–]\s*[0-3]?\d)?(?:,\s*|\s+)(?P<y>"
    + YEAR4
    + r")\b)?",
)
@rule("day-month", r"(?<![\d.,$])" + _DAY + r"\s+(?:of\s+)?" + MONTH.format(g="mon"))
def _month_day(m: re.Match[str], ctx: Context) -> Reading | None:
    month = month_number(m["mon"])
    if month is None:
        return None
    day = int(m["d"])
    if day == 0 or day > 31:
        return None
    groups = m.groupdict()  # "day-month" has no year or weekday group
    if groups.get("y"):
        return _day_reading(int(groups["y"]), month, day, anchored=False, reason=None)
    if ctx.day is None:
        return _day_reading(None, month, day, anchored=False, reason=None)
    if not valid_date(2000, month, day):
        return _day_reading(None, month, day, anchored=False, reason=None)
    year = closest_year(ctx.day, month, day, ctx.tense(m.start(), m.end()))
    if groups.get("wd"):
        weekday = WEEKDAYS[groups["wd"].lower().rstrip("s").rstrip("'’")]
        for candidate in (year, year - 1, year + 1):
            if valid_date(candidate, month, day) and dt.date(candidate, month, day).isoweekday() == weekday:
                year = candidate
                break
    if month == 2 and day == 29 and not valid_date(year, 2, 29):
        return Reading("DATE", None, reason=f"Feb. 29 is not a date in {year}")
    return _day_reading(year, month, day, anchored=True, reason=None)


#: "on the 6th": a day of the month named by its ordinal alone, after a preposition of time and
#: before no noun ("the 6th floor", "the 21st century" are none; "the 6th of May" is day-month).
_ORDINAL_DAY_BEFORE = re.compile(r"\b(?:on|by|until|till|since|from|before|after|through)\s+$", re.IGNORECASE)
_NOUN_OR_OF_AFTER = re.compile(
    r"\s*(?:[-–]\s*)?(?:of\b|(?!(?:and|or|but|at|in|on|when|while|as|after|before|until|till|to|with|"
    r"the|a|an|this|that|from|for|so|then|he|she|they|it|we|is|was|were|will|would|and)\b)[a-z]|[A-Z])"
)


@rule("ordinal-day", r"\bthe\s+(?P<d>[1-3]?\d)(?:st|nd|rd|th)\b")
def _ordinal_day(m: re.Match[str], ctx: Context) -> Reading | None:
    day = int(m["d"])
    suffix = m.group()[-2:].lower()
    expected = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    if (
        not 1 <= day <= 31
        or suffix != expected
        or not _ORDINAL_DAY_BEFORE.search(ctx.text, max(0, m.start() - 10), m.start())
        or _NOUN_OR_OF_AFTER.match(ctx.text, m.end())
    ):
        return None
    if ctx.day is None:
        reason = f"no publication date to anchor '{m.group()}'"
        return Reading("DATE", None, reason=reason, refer=("month-day", day))
    # The month the story last named, when it named one and the clause's tense allows it (the
    # discourse pass; "month-day-past" keeps it only up to the publication day, "-future" only
    # from it on); else the publication month, or the nearest month before (after) with that
    # day when the clause looks back (ahead) past it ("will be on the 31st" in September).
    tense = ctx.tense(m.start(), m.end())
    refer = ("month-day" + (f"-{tense}" if tense in ("past", "future") else ""), day)
    step = -1 if tense == "past" else 1
    shift = 0
    if (tense == "past" and day > ctx.day.day) or (tense == "future" and day < ctx.day.day):
        shift = step
    for _ in range(3 if tense in ("past", "future") else 1):
        year, month = shift_month(ctx.day.year, ctx.day.month, shift)
        if not 1 <= year <= 9999:
            reason = f"'{m.group()}' falls beyond the calendar (years 1-9999)"
            return Reading("DATE", None, reason=reason, refer=refer)
        if valid_date(year, month, day):
            return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}", anchored=True, refer=refer)
        shift += step
    year, month = shift_month(ctx.day.year, ctx.day.month, shift - step)
    return Reading("DATE", None, reason=f"{_MONTH_NAMES[month - 1]} {day} is not a date", refer=refer)


_SPELLED_ORDINAL = "|".join(w for w, n in ORDINALS.items() if 1 <= n <= 31)


@rule(
    "spelled-day-month",
    r"\b(?:(?P<tens>twenty|thirty)[\s-]+)?(?P<o>"
    + _SPELLED_ORDINAL
    + r")\s+of\s+"
    + MONTH.format(g="mon")
    + r"(?:,?\s+(?P<y>"
    + YEAR4
    + r")\b)?",
)
def _spelled_day_month(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the sixth of September", "the twenty-first of June, 2018"."""
    month = month_number(m["mon"])
    if month is None:
        return None
    day = ORDINALS[m["o"].lower()] + {"twenty": 20, "thirty": 30}.get((m["tens"] or "").lower(), 0)
    if m["y"]:
        return _day_reading(int(m["y"]), month, day, anchored=False, reason=None)
    if ctx.day is None or not valid_date(2000, month, day):
        return _day_reading(None, month, day, anchored=False, reason=None)
    year = closest_year(ctx.day, month, day, ctx.tense(m.start(), m.end()))
    return _day_reading(year, month, day, anchored=True, reason=None)


_WEEK_ORDINAL = {"first": 4, "second": 11, "third": 18, "fourth": 25}


@rule(
    "week-of-month",
    r"\bthe\s+(?P<o>first|second|third|fourth|last|final)\s+week\s+of\s+"
    + MONTH.format(g="mon")
    + r"(?:,?\s+(?P<y>"
    + YEAR4
    + r")\b)?",
)
def _week_of_month(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the first week of August": the ISO week holding the 4th (11th, 18th, 25th; "the last
    week" the one holding the 4th day from the end), as ISO counts a year's first week."""
    month = month_number(m["mon"])
    if month is None:
        return None
    if m["y"]:
        year = int(m["y"])
    elif ctx.day is None:
        return ctx.unanchored(m.group())
    else:
        year = closest_year(ctx.day, month, None, ctx.tense(m.start(), m.end()))
    order = m["o"].lower()
    if order in ("last", "final"):
        following = dt.date(*shift_month(year, month, 1), 1)
        day = following - dt.timedelta(days=4)
    else:
        day = dt.date(year, month, _WEEK_ORDINAL[order])
    return Reading("DATE", iso_week(day), anchored=not m["y"])


@rule(
    "month-year",
    MONTH.format(g="mon")
    + r",?\s+(?:of\s+)?(?:(?P<y>"
    + YEAR4
    + r"|['’]\d{2})\b|(?P<rel>this|last|next)\s+year\b)",
)
def _month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    month = month_number(m["mon"])
    if month is None:
        return None
    if m["rel"]:
        if ctx.day is None:
            return ctx.unanchored(m.group())
        shifted = ctx.day.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return Reading("DATE", f"{shifted:04d}-{month:02d}", anchored=True)
    year, reason = year_of(m["y"], ctx)
    if year is None:
        return Reading("DATE", None, reason=reason)
    return Reading("DATE", f"{year:04d}-{month:02d}")


_DAY_AFTER = re.compile(r"\s*[0-3]?\d\b(?!\s*(?:%|percent))")


@rule(
    "month",
    r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming)\s+)?" + MONTH.format(g="mon"),
)
def _month(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m["mon"]
    month = month_number(word)
    if month is None:
        return None
    bare = m["rel"] is None
    if bare and word.lower() in _ABBREVIATIONS:
        return None  # "Jan Kavan", "Mar" : abbreviations without their dot are names
    short = len(word) <= 3 or word.lower() in ("may", "march", "sep", "jan", "mar", "jun", "jul", "dec")
    if (
        bare
        and short
        and not _BARE_MONTH_CUE.search(ctx.text, max(0, m.start() - 20), m.start())
        and not (
            word == "March"  # not "May": "the May government" is more often a prime minister's
            and _ATTRIBUTIVE_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())
            and _SCHEDULED_NOUN_AFTER.match(ctx.text, m.end())
        )
    ):
        return None
    if bare and m.end() < len(ctx.text) and ctx.text[m.end() : m.end() + 1].isalpha():
        return None
    if ctx.day is None:
        if bare:
            return Reading("DATE", f"XXXX-{month:02d}")
        return ctx.unanchored(m.group())
    rel = (m["rel"] or "").lower().split()
    if rel and _DAY_AFTER.match(ctx.text, m.end()):
        return None  # "last Oct. 23": the month-day rule reads the day
    anchor = ctx.day
    if rel == ["last"] and shift_month(anchor.year, anchor.month, -1)[1] == month:
        year = anchor.year - 1 if month < anchor.month else anchor.year - 2
        # "last February" written in March is a year back: the month just gone is "last month"
    elif rel and rel[-1] in ("past", "last"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel and rel[-1] in ("next", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == ["this"]:
        year = anchor.year
    else:
        year = closest_year(anchor, month, None, ctx.tense(m.start(), m.end()))
    return Reading("DATE", f"{year:04d}-{month:02d}", anchored=True)


@rule(
    "year",
    r"(?<![\w$£€.,/#])(?<!\d-)(?:(?P<fy>fiscal(?:\s+year)?\s+|FY\s?['’]?))?(?P<y>" + YEAR4 + r")(?:['’]s)?"
    r"(?![\w%/-]|[.,:]\d|\s*(?:percent|per\s*cent|GMT|UTC|[ECMP][SD]T|hours|hrs)\b)",
)
def _year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m["y"])
    if not m["fy"] and _DESIGNATION_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return None  # "H.R. 2010", "Resolution 1999": a number
    if not m["fy"] and year < 1800:
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        if not re.search(r"\b(?:in|since|of|from|until|by|before|after|around|circa|c\.)\s+$", before):
            return None
    return Reading("DATE", f"{year:04d}")


#: A range of years written with a dash, "2010-2014", "2010-14": two timexes, as "Feb. 27-28".
_YEAR_RANGE_END = r"(?:" + YEAR4 + r"|\d{2})(?![\w%/-]|[.,:]\d|\s*(?:percent|per\s*cent))"


def _range_end(start: int, written: str) -> int | None:
    """The year a range's end names, given its start; ``None`` when it is no later year. A
    two-digit end is a later year of the same century ("2011-12", "2003-11": a season, a
    fiscal year, a span); a full date "2003-11-05" never reaches here."""
    end = int(written) if len(written) == 4 else start - start % 100 + int(written)
    return end if start < end <= start + 100 else None


#: A number after these is a bill's, a case's or a list's, not a year ("H.R. 2010-14").
_DESIGNATION_BEFORE = re.compile(
    r"(?:\b[HS]\.\s?(?:[RJ]\.\s?)?|\b[Nn]os?\.\s?|\b(?:[Oo]rdinance|[Rr]esolution|[Cc]ase|[Bb]ill|[Dd]ocket|"
    r"[Rr]oute|[Ff]light|[Mm]odel)\s+)$"
)


@rule("year-range-start", r"(?<![\w$£€.,/#-])(?P<y>" + YEAR4 + r")(?=[-–](?P<end>" + _YEAR_RANGE_END + r"))")
def _year_range_start(m: re.Match[str], ctx: Context) -> Reading | None:
    start = int(m["y"])
    if _DESIGNATION_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return None
    return Reading("DATE", f"{start:04d}") if _range_end(start, m["end"]) is not None else None


@rule("year-range-end", r"(?<=\d{4}[-–])(?P<y>" + _YEAR_RANGE_END + r")")
def _year_range_end(m: re.Match[str], ctx: Context) -> Reading | None:
    before = ctx.text[max(0, m.start() - 6) : m.start() - 1]
    if not re.fullmatch(r"(?:^|[^\w$£€.,/#-])" + YEAR4, before) and not re.fullmatch(YEAR4, before):
        return None
    if _DESIGNATION_BEFORE.search(ctx.text, max(0, m.start() - 17), m.start() - 5):
        return None
    end = _range_end(int(before[-4:]), m["y"])
    return Reading("DATE", f"{end:04d}") if end is not None else None


_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"


@rule(
    "spelled-year",
    r"\b(?:(?P<c>nineteen|eighteen)\s+(?P<rest>"
    + _TENS
    + r"(?:[\s-]"
    + _ONES
    + r")?|"
    + _TEENS
    + r"|hundred)|(?:the\s+year\s+)?two\s+thousand(?:\s+(?:and\s+)?(?P<small>"
    + _ONES
    + "|"
    + _TEENS
    + r"))?)\b",
)
def _spelled_year(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["c"]:
        century = NUMBER_WORDS[m["c"].lower()] * 100
        rest = m["rest"].lower()
        tail = 0 if rest == "hundred" else sum(NUMBER_WORDS[w] for w in re.split(r"[\s-]+", rest))
        return Reading("DATE", f"{century + tail:04d}")
    if not m.group().lower().startswith("the year") and not re.search(
        r"\b(?:in|since|by|until|of)\s+$", ctx.text[max(0, m.start() - 8) : m.start()], re.I
    ):
        return None
    return Reading("DATE", f"{2000 + (NUMBER_WORDS[m['small'].lower()] if m['small'] else 0):04d}")


_BARE_TWO_DIGIT_BEFORE = re.compile(r"\b(?:[Ii]n|back\s+in)\s+$")
#: After "since" a bare number up to 24 is as likely a clock hour ("queuing since 11.").
_BARE_SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+$")


@rule("two-digit-year", r"(?<![\w'’])['’](?P<y>\d{2})(?![\w'’%])")
@rule("bare-two-digit-year", r"(?<![\w'’$£€.,])(?P<y>\d{2})(?=\s*[.;:!?](?:\s|$)|\s*$)")
def _two_digit_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "in '98"; written bare, only after "in" at the end of a clause ("founded in 98."), or
    after "since" when it can be no clock hour ("since 98.", not "since 11.")."""
    if (
        m.group()[0].isdigit()
        and not _BARE_TWO_DIGIT_BEFORE.search(ctx.text, max(0, m.start() - 10), m.start())
        and not (
            (int(m["y"]) > 24 or m["y"][0] == "0")  # "since 09" is a year, "since 11" may be an hour
            and _BARE_SINCE_BEFORE.search(ctx.text, max(0, m.start() - 10), m.start())
        )
    ):
        return None
    year, reason = year_of(m.group(), ctx, past=ctx.tense(m.start(), m.end()) == "past")
    if year is None:
        return Reading("DATE", None, reason=reason)
    return Reading("DATE", f"{year:04d}", anchored=True)


@rule(
    "decade",
    r"(?:(?P<the>the)\s+)?(?:(?P<dec>1\d\d0|20\d0)['’]?s|['’](?P<d2>\d0)['’]?s|(?P<dw>twenties|thirties|"
    r"forties|fifties|sixties|seventies|eighties|nineties))\b",
)
def _decade(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["dec"]:
        return Reading("DATE", m["dec"][:3])
    if m["dw"] and not m["the"]:
        return None
    tens = int(m["d2"][0]) if m["d2"] else DECADE_WORDS[m["dw"].lower()]
    if ctx.day is None:
        return Reading("DATE", None, reason=f"no publication date to decide the century of '{m.group()}'")
    century = ctx.day.year // 100
    start = century * 100 + tens * 10
    if start > ctx.day.year:
        start -= 100
    return Reading("DATE", f"{start // 10:03d}", anchored=True)


@rule("century", r"(?:the\s+)?(?P<ord>" + ORDINAL + r"|twenty[\s-]first)[\s-]+century\b")
def _century(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m["ord"].lower().replace(" ", "-")
    number = 21 if word == "twenty-first" else ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= number <= 30:
        return None
    return Reading("DATE", f"{number - 1:02d}")


_SEASON_INDEX = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


@rule(
    "season",
    r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming|the|early|late)\s+)?"
    r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>" + YEAR4 + r"))?\b",
)
def _season(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m["season"].lower()
    rel = (m["rel"] or "").lower().split()
    if word in ("fall", "spring") and not rel and not m["y"]:
        return None
    if rel in (["early"], ["late"]) and not m["y"]:
        before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
        if "the" not in before and "in" not in before:
            return None
    code = SEASONS[word]
    mod = {"early": "START", "late": "END"}.get(rel[0]) if rel else None  # "late summer"
    if m["y"]:
        return Reading("DATE", f"{m['y']}-{code}", mod=mod)
    if ctx.day is None:
        return Reading("DATE", f"XXXX-{code}") if rel in ([], ["the"]) else ctx.unanchored(m.group())
    current_year, current_code = season_of(ctx.day)
    current = current_year * 4 + _SEASON_INDEX[current_code]
    options = [y * 4 + _SEASON_INDEX[code] for y in range(current_year - 2, current_year + 3)]
    if rel == ["this"]:
        chosen = (ctx.day.year if code != "WI" or ctx.day.month == 12 else ctx.day.year - 1) * 4
        chosen += _SEASON_INDEX[code]
    elif rel and rel[-1] in ("last", "past"):
        chosen = max(k for k in options if k < current)
    elif rel and rel[-1] in ("next", "coming"):
        chosen = min(k for k in options if k > current)
    else:
        tense = ctx.tense(m.start(), m.end())
        if tense == "past":
            chosen = max(k for k in options if k <= current)
        elif tense == "future":
            chosen = min(k for k in options if k >= current)
        else:
            chosen = (ctx.day.year if code != "WI" or ctx.day.month == 12 else ctx.day.year - 1) * 4
            chosen += _SEASON_INDEX[code]
    return Reading("DATE", f"{chosen // 4:04d}-{code}", mod=mod, anchored=True)


def month_shift_value(year: int, month: int, months: int) -> str:
    """``YYYY-MM`` of a month moved by ``months``."""
    y, mo = shift_month(year, month, months)
    return f"{y:04d}-{mo:02d}"

"""Rules for expressions that hang on the publication date.

"yesterday", "on Tuesday", "last month", "two years ago". Durations are in
:mod:`communique.time.rules_durations`, sets and clock times in
:mod:`communique.time.rules_clock`. Importing this module registers the rules.
"""

from __future__ import annotations

import datetime as dt
import re

from communique.time.calendar import Tense, iso_week, quarter_of, shift_month, weekday_date
from communique.time.context import Context, Reading
from communique.time.grammar import MONTH, NUM, UNIT, VAGUE, WEEKDAY, rule
from communique.time.lexicon import MONTHS, PARTS_OF_DAY, UNITS, WEEKDAYS, number_value
from communique.time.possessive import possessive_tense

__all__ = ["amount_value", "duration_value", "unit_key", "unit_value"]


def unit_key(word: str) -> str:
    """Singular unit name of a unit word (``"centuries"`` -> ``"century"``)."""
    lower = word.lower()
    if lower == "centuries":
        return "century"
    return lower[:-1] if lower.endswith("s") else lower


def unit_value(anchor: dt.date, unit: str, shift: int) -> str | None:
    """TIMEX3 value of the calendar ``unit`` containing the anchor, moved by ``shift`` units.

    >>> unit_value(dt.date(1989, 10, 30), "quarter", -1), unit_value(dt.date(1989, 10, 30), "week", -1)
    ('1989-Q3', '1989-W43')
    """
    if unit == "year":
        return f"{anchor.year + shift:04d}"
    if unit == "month":
        year, month = shift_month(anchor.year, anchor.month, shift)
        return f"{year:04d}-{month:02d}"
    if unit in ("week", "weekend"):
        week = iso_week(anchor + dt.timedelta(weeks=shift))
        return week + ("-WE" if unit == "weekend" else "")
    if unit in ("day", "night"):
        return (anchor + dt.timedelta(days=shift)).isoformat()
    if unit == "quarter":
        index = anchor.year * 4 + quarter_of(anchor) - 1 + shift
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "decade":
        return f"{anchor.year // 10 + shift:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + shift:02d}"
    return None


_SMALLER_DATE = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
_SMALLER_TIME = {"H": ("M", 60), "M": ("S", 60)}


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration of ``amount`` units; ``None`` amount gives the vague ``PX…``.

    >>> duration_value(2, "year"), duration_value(5.5, "hour"), duration_value(None, "week")
    ('P2Y', 'PT5H30M', 'PXW')
    >>> duration_value(1.5, "minute"), duration_value(2.5, "year")
    ('PT1M30S', 'P2Y6M')
    """
    letter, multiple = UNITS[unit]
    if unit == "weekend":
        letter, multiple = "D", 2
    elif unit == "decade":
        letter, multiple = ("E", 1) if amount is None else ("Y", 10)
    elif unit == "century":
        letter, multiple = ("C", 1) if amount is None else ("Y", 100)
    prefix = "PT" if letter.startswith("T") else "P"
    letter = letter[-1]
    smaller = _SMALLER_TIME if prefix == "PT" else _SMALLER_DATE
    if amount is None:
        return f"{prefix}X{letter}"
    total = amount * multiple
    if total == int(total):
        return f"{prefix}{int(total)}{letter}"
    whole = int(total)
    sub_letter, factor = smaller.get(letter, ("", 0))
    rest = round((total - whole) * factor)
    if not factor or rest == 0:
        return f"{prefix}{total:g}{letter}"
    if letter == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    head = f"{whole}{letter}" if whole else ""
    return f"{prefix}{head}{rest}{sub_letter}"


def amount_value(phrase: str) -> float | None:
    text = phrase.lower().strip()
    half = 0.0
    if text.endswith("and a half"):
        text, half = text[: -len("and a half")].strip(), 0.5
    if text.endswith("1/2"):
        text, half = text[:-3].strip(), 0.5
    value = number_value(text)
    return None if value is None else value + half


def _with_pod(day: dt.date, pod: str | None) -> Reading:
    if pod:
        return Reading("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[pod.lower()]}", anchored=True)
    return Reading("DATE", day.isoformat(), anchored=True)


_DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@rule(
    "deictic-day",
    r"\b(?P<w>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
    r"(?:['’]s)?\b(?:\s+(?P<pod>morning|afternoon|evening|night))?",
)
def _deictic(m: re.Match[str], ctx: Context) -> Reading | None:
    word = re.sub(r"\s+", " ", m["w"].lower())
    if ctx.day is None:
        return ctx.unanchored(m.group())
    shift = _DEICTIC.get(word, -2 if "before" in word else 2)
    return _with_pod(ctx.day + dt.timedelta(days=shift), "night" if word == "tonight" else m["pod"])


@rule(
    "story-part-of-day",
    r"\bthe\s+(?P<rel>next|following|previous|preceding)\s+(?P<pod>morning|afternoon|evening|night)\b",
)
def _story_part_of_day(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the next morning": the part of the day after (before) the day the story last named,
    else the publication date's."""
    shift = 1 if m["rel"].lower() in ("next", "following") else -1
    refer = ("day-" + PARTS_OF_DAY[m["pod"].lower()], shift)
    if ctx.day is None:
        return Reading("TIME", None, reason=f"no publication date to anchor '{m.group()}'", refer=refer)
    if shift > 0 and ctx.tense(m.start(), m.end()) == "past":
        # told in the past, it follows a day the story named: tomorrow would be the future
        reason = f"'{m.group()}' follows a day the text does not name"
        return Reading("TIME", None, reason=reason, refer=refer)
    reading = _with_pod(ctx.day + dt.timedelta(days=shift), m["pod"])
    return Reading(reading.type, reading.value, anchored=True, refer=refer)


@rule("part-of-day", r"\b(?P<rel>this|last|yesterday|tomorrow)\s+(?P<pod>morning|afternoon|evening|night)\b")
def _part_of_day(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.day is None:
        return ctx.unanchored(m.group())
    rel = m["rel"].lower()
    shift = {"this": 0, "last": -1 if m["pod"].lower() == "night" else 0, "yesterday": -1, "tomorrow": 1}[rel]
    return _with_pod(ctx.day + dt.timedelta(days=shift), m["pod"])


#: "overnight" before a noun is mostly a kind of thing, not a time ("the overnight rate",
#: "an overnight stay"); after a preposition it is a duration's head ("stayed for overnight").
_NOT_A_NIGHT_AFTER = re.compile(
    r"\s+(?!(?:and|or|but|as|at|in|on|to|with|from|after|before|while|when|the|a|an|his|her|their|its|"
    r"into|near|across|along|around|outside|inside|after|by|for|that|which|amid)\b)[a-z]"
)


#: "overnight" meaning "suddenly": after "almost", "virtually" …, or in a denial ("it will not
#: happen overnight", "change cannot come overnight").
_SUDDENLY_BEFORE = re.compile(
    r"(?:\b(?:almost|virtually|practically|literally|seemingly|nearly|all\s+but)\s+$|"
    r"(?:\b(?:not|never|cannot)\b|n['’]t\b)[^.;:!?]*$|"
    # a change of fortune a few words before: "became famous overnight", "rose to fame overnight"
    r"\b(?:famous|fame|stardom|celebrit(?:y|ies)|success(?:ful)?|rich|wealthy|millionaires?|"
    r"billionaires?|sensations?|household\s+names?)\b(?:\s+[\w'’-]+){0,3}\s+$)",
    re.IGNORECASE,
)


@rule("overnight", r"\bovernight\b")
def _overnight(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "Rockets hit the city overnight": the night before the publication date (the night
    to come when the clause looks ahead), a TIME as TimeML types parts of days."""
    if _NOT_A_NIGHT_AFTER.match(ctx.text, m.end()) or _SUDDENLY_BEFORE.search(
        ctx.text, max(0, m.start() - 60), m.start()
    ):
        return None
    if ctx.day is None:  # a part of a day, as when anchored
        return Reading("TIME", None, reason=f"no publication date to anchor '{m.group()}'")
    shift = 0 if ctx.tense(m.start(), m.end()) == "future" else -1
    return _with_pod(ctx.day + dt.timedelta(days=shift), "night")


@rule(
    "present",
    r"\b(?:right\s+)?now\b|\b(?:nowadays|currently|presently|these\s+days|"
    r"the\s+present(?!\s+(?:day|time|value|case|system|government|situation))|the\s+moment)\b",
)
def _present(m: re.Match[str], ctx: Context) -> Reading | None:
    if m.group().lower() == "the moment" and not re.search(
        r"\b(?:at|for)\s+$", ctx.text[max(0, m.start() - 5) : m.start()], re.I
    ):
        return None
    return Reading("DATE", "PRESENT_REF", anchored=ctx.day is not None)


@rule(
    "current",
    r"\b(?P<then>then[\s-]+)?current(?!\s+(?:account|accounts|assets|liabilities|affairs|events|dollars|"
    r"prices|flows?|density|year|quarter|month|week|fiscal|period|season|decade|century)\b)(?=\s+[a-z])",
)
def _current(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "current weakness", "his current wife": the present; "the then-current price": the past."""
    return Reading("DATE", "PAST_REF" if m["then"] else "PRESENT_REF", anchored=ctx.day is not None)


@rule(
    "past-ref",
    r"\b(?:recently|lately|(?:the|recent)\s+past(?!\s+(?:\w+\s+)?(?:year|month|week|day|decade|quarter)s?\b)|"
    r"recent\s+(?:years|months|weeks|days|decades|times))\b",
)
def _past_ref(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DATE", "PAST_REF", anchored=ctx.day is not None)


@rule(
    "future-ref",
    r"(?<!\bas\s)\b(?:(?:soon|shortly)(?!\s+(?:after|before|as|thereafter))|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|"
    r"(?:the\s+)?(?:coming|upcoming|future)\s+(?:days|weeks|months|quarters|years|decades)|"
    r"the\s+(?:near|short)\s+term|a\s+later\s+date)\b",
)
def _future_ref(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("DATE", "FUTURE_REF", anchored=ctx.day is not None)


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|can|may|might|should|must|shall|to)\s+$", re.IGNORECASE)


@rule(
    "one-day-future", r"\bone\s+day\b(?![\s-]+(?:after|before|later|earlier|of|a|per|ago|each)\b)", priority=1
)
def _one_day_future(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "will one day lead the party", "hopes to one day return": some day ahead, not a day long."""
    if not _MODAL_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
        return None
    return Reading("DATE", "FUTURE_REF", anchored=ctx.day is not None)


@rule(
    "weekday",
    r"(?:(?P<story>the\s+(?:previous|preceding|following))\s+|(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?"
    + WEEKDAY.format(g="wd")
    + r"(?:\s+(?P<pod>morning|afternoon|evening|night))?",
)
def _weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    if not m["wd"][0].isupper() or (
        not m["pod"]
        and _PAPER_AFTER.match(ctx.text, m.end())
        and _PAPER_BEFORE.search(ctx.text, max(0, m.start() - 6), m.start())
    ):
        return None
    if ctx.day is None:
        return ctx.unanchored(re.sub(r"['’]s\b", "", m.group()))  # the extent drops the possessive
    weekday = WEEKDAYS[m["wd"].lower()]
    if m["story"]:
        # "down from the previous Friday": the one before the day the story is telling about
        # (the discourse pass), else the one before the publication date.
        after = m["story"].lower().endswith("following")
        day = weekday_date(ctx.day, weekday, None, shift=1 if after else -1)
        return Reading(
            "DATE",
            day.isoformat(),
            anchored=True,
            refer=("weekday-after" if after else "weekday-before", weekday),
        )
    rel = (m["rel"] or "").lower().split()
    shift = 0
    tense = ctx.tense(m.start(), m.end())
    if rel and rel[-1] in ("last", "past"):
        shift = -1
    elif rel and rel[-1] in ("next", "coming"):
        shift = 1
    elif rel == ["this"]:
        tense = tense if tense == "past" else "future"
    elif not rel and m.group().endswith(("'s", "’s")):
        tense = possessive_tense(ctx.text, m.start(), m.end(), tense)
    elif (
        not rel
        and tense not in ("future", "past")
        and _FOR_A_DAY.search(ctx.text, max(0, m.start() - 12), m.start())
    ):
        tense = "future"  # "Opposition calls strike for Friday": a day fixed ahead
    day = weekday_date(ctx.day, weekday, tense, shift=shift)
    if shift > 0 and day == ctx.day + dt.timedelta(days=1):
        day += dt.timedelta(weeks=1)  # "next Tuesday" said on a Monday is not tomorrow
    return _with_pod(day, m["pod"])


#: "for" right before a bare weekday names the day something is fixed for; a pluperfect
#: ("had been set for Friday") leaves the tense to the clause.
_FOR_A_DAY = re.compile(r"(?<!\bhad\sbeen\s)(?<!\bhad\s)\b(?<!\w\s(?:wait|look)ed\s)for\s+$", re.IGNORECASE)


#: A weekday before these names a newspaper ("the Sunday Times", "Britain's Sunday Post", a
#: headline's first words "Sunday Times Reports ..."), but only after "the", a possessive or
#: at a line's start: "said on Sunday Times Square would close" keeps its Sunday.
_PAPER_BEFORE = re.compile(r"(?:\b[Tt]he\s+|['’]s\s+|^\s*)$", re.MULTILINE)
#: These words after a weekday name a newspaper ("the Sunday Times", "Daily Mail").
_PAPER_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Star|Independent|Tribune|Standard|Nation|"
    r"Sport|Record|Observer|Guardian|Age|Monitor|Journal|Gleaner|Citizen)\b"
)

_SHIFT = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "prior": -1,
    "preceding": -1,
    "latest": -1,
    "this": 0,
    "current": 0,
    "present": 0,
    "same": 0,
    "next": 1,
    "coming": 1,
    "upcoming": 1,
    "following": 1,
}
#: "the past/last <unit>" is the previous calendar unit, a DATE ("in the past year" -> 1988,
#: as TimeBank mostly annotates it), except for spans usually meant as the last so many days
#: ("for the last week", "over the past decade"), which stay durations.
_SPAN_UNITS = {"day", "week", "decade", "century", "period"}
_QUARTER_WORDS = re.compile(r"\bquarter|\bperiod\b|\bfiscal\b", re.IGNORECASE)
_DURATIVE_BEFORE = re.compile(r"\b(?:over|during|for|within|in|throughout)\s+$", re.IGNORECASE)


@rule(
    "relative-unit",
    r"(?:(?P<the>the)\s+)?(?P<rel>this\s+past|this\s+coming|last|past|previous|prior|preceding|this|current|"
    r"present|next|coming|upcoming|following|same|latest)\s+(?:(?P<fiscal>fiscal)\s+)?(?P<unit>year|month|week|"
    r"weekend|decade|"
    r"century|quarter|period|day)\b(?!-)",
)
def _relative_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    the = m["the"] is not None
    if rel in ("this past", "this coming"):
        # "this past weekend" is the one just gone, "this coming week" the next: a date, not a span
        if unit == "weekend":
            return _weekend(m, ctx, "past" if rel == "this past" else "future", explicit=True)
        rel = "last" if rel == "this past" else "next"
    if unit == "period":
        if rel not in ("latest", "same", "current", "previous", "last"):
            return None
        unit = "quarter"
    if (rel == "past" and not the) or (the and rel in ("past", "last") and unit in _SPAN_UNITS):
        return Reading("DURATION", duration_value(1, unit))
    if the and rel == "next" and _DURATIVE_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return Reading("DURATION", duration_value(1, unit))
    if ctx.day is None:
        return ctx.unanchored(m.group())
    if unit == "day" and rel in ("this", "current", "present", "latest", "coming", "upcoming"):
        return None
    shift = _SHIFT[rel]
    base = ctx.day
    # "the next day" in a story is the day after the one it tells about, not tomorrow
    narrative = rel in ("following", "same", "preceding") or (
        the and (rel in ("previous", "prior") or (rel == "next" and unit == "day"))
    )
    refer = (unit, shift) if narrative and unit in ("year", "quarter", "month", "week", "day") else None
    if narrative and unit == "year" and (year := ctx.reference_year(m.start())) is not None:
        return Reading("DATE", f"{year + shift:04d}", anchored=False, refer=refer)
    if refer and shift > 0 and ctx.tense(m.start(), m.end()) == "past":
        # "attacked the town the next day": after a time the story named (the discourse pass
        # fills it in); with none named, the day after publication would put the past ahead
        reason = f"'{m.group()}' follows a time the text does not name"
        return Reading("DATE", None, reason=reason, refer=refer)
    if unit == "quarter" and rel in ("same",):
        shift = -1
    if unit == "weekend" and shift == 0:
        return _the_weekend(m, ctx)
    if (
        unit == "week"
        and rel == "this"
        and base.isoweekday() >= 6
        and ctx.tense(m.start(), m.end()) == "future"
    ):
        shift = 1  # written on a weekend, the week to come is the one ahead ("will meet this week")
    value = unit_value(base, unit, shift)
    return Reading("DATE", value, anchored=True, refer=refer)


@rule(
    "the-year",
    r"\b(?:(?P<that>that)|the(?:\s+(?P<adj>full|fiscal|entire|whole))?)\s+year\b(?![-\s]+(?:earlier|ago|"
    r"before|after|later|end|old|long|round|\d)\b|['’]s\s+end\b|\s+(?:two|nineteen|of\s+the|in\s+which|when)\b)",
)
def _the_year(m: re.Match[str], ctx: Context) -> Reading | None:
    if re.match(r"\s+(?:that\s+)?(?:ended|ending|ends|through)\b", ctx.text[m.end() : m.end() + 20]):
        return Reading("DURATION", "P1Y")
    if m["that"]:
        year = ctx.reference_year(m.start())
        if year is None:
            if ctx.day is None:
                return ctx.unanchored(m.group())
            year = ctx.day.year
        return Reading("DATE", f"{year:04d}", refer=("year", 0))
    if ctx.day is None:
        return ctx.unanchored(m.group())
    return Reading("DATE", f"{ctx.day.year:04d}", anchored=True)


@rule("that-unit", r"\bthat\s+(?:same\s+)?(?P<unit>day|week|month|quarter)\b")
def _that_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    unit = m["unit"].lower()
    if ctx.day is None:
        return ctx.unanchored(m.group())
    return Reading("DATE", unit_value(ctx.day, unit, -1 if unit == "quarter" else 0), refer=(unit, 0))


@rule("the-weekend", r"\bthe\s+weekend\b")
def _the_weekend(m: re.Match[str], ctx: Context) -> Reading | None:
    return _weekend(m, ctx, None)


def _weekend(
    m: re.Match[str], ctx: Context, tense: Tense | None, *, explicit: bool = False
) -> Reading | None:
    """The weekend just gone (a past clause, on a weekday) or the one of this week.

    ``explicit`` ("this past weekend", "this coming weekend"): written on a Saturday or Sunday
    the weekend under way is neither, so the past one is the week before's and the coming one
    the next week's.
    """
    if ctx.day is None:
        return ctx.unanchored(m.group())
    tense = tense or ctx.tense(m.start(), m.end())
    weekday = ctx.day.isoweekday()
    if explicit:
        shift = -1 if tense == "past" else (1 if weekday >= 6 else 0)
    else:
        shift = -1 if tense == "past" and weekday < 6 else 0
    return Reading("DATE", unit_value(ctx.day, "weekend", shift), anchored=True)


@rule("the-quarter", r"\bthe\s+(?:(?P<fiscal>fiscal)\s+)?(?P<unit>quarter|period)\b(?![\s-]+(?:of|to)\b)")
def _the_quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["unit"].lower() == "period" and not ctx.sentence_has(m.start(), _QUARTER_WORDS):
        return None
    if ctx.day is None:
        return ctx.unanchored(m.group())
    ended = _ENDED.match(ctx.text, m.end())
    month = MONTHS.get(ended["mon"].rstrip(".").lower()) if ended and ended["mon"][0].isupper() else None
    if ended and month:
        # "the quarter ended June 30": the quarter holding most of the three months before.
        year = ctx.day.year - (1 if month > ctx.day.month else 0)
        middle = dt.date(year, month, 1) - dt.timedelta(days=15)
        return Reading("DATE", unit_value(middle, "quarter", 0), anchored=True, refer=("quarter", 0))
    return Reading("DATE", unit_value(ctx.day, "quarter", -1), anchored=True, refer=("quarter", 0))


@rule("year-quarter", r"\bthe\s+(?P<y>(?:19|20)\d\d)\s+(?:fiscal\s+)?(?:quarter|period)\b")
def _year_quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the 1988 quarter", "the 1989 period": the quarter being reported, in that year."""
    year = int(m["y"])
    if ctx.day is None:
        return Reading("DATE", f"{year:04d}", refer=("quarter-in", year))
    quarter = quarter_of(ctx.day) - 1 or 4
    return Reading("DATE", f"{year:04d}-Q{quarter}", refer=("quarter-in", year))


_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending)\s+(?:on\s+)?" + MONTH.format(g="mon") + r"\s*\d", re.I)


@rule(
    "year-ago",
    r"\b(?:the\s+)?year[-\s](?:ago|earlier)(?:\s+(?P<what>(?:fiscal\s+)?(?:(?P<nth>first|second|third|fourth)"
    r"[\s-]+)?(?:quarter|period|month|year)))?",
)
def _year_ago(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.day is None:
        return ctx.unanchored(m.group())
    if m["nth"]:
        # "the year-earlier third quarter": that quarter of the year before
        number = {"first": 1, "second": 2, "third": 3, "fourth": 4}[m["nth"].lower()]
        return Reading("DATE", f"{ctx.day.year - 1:04d}-Q{number}", anchored=True)
    what = (m["what"] or "").lower()
    refer = ("quarter-year", -1)
    if what.endswith(("quarter", "period")) or (not what and ctx.sentence_has(m.start(), _QUARTER_WORDS)):
        return Reading("DATE", unit_value(ctx.day, "quarter", -5), anchored=True, refer=refer)
    return Reading("DATE", unit_value(ctx.day, "year", -1), anchored=True, refer=refer)


@rule(
    "quarter-last-year",
    r"\bthe\s+(?:(?:same|comparable|corresponding|year-earlier)\s+)?(?:fiscal\s+)?(?:quarter|period)\s+"
    r"(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year)\b|\blast\s+year['’]s\s+(?:fiscal\s+)?quarter\b",
)
def _quarter_last_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the quarter a year ago", "the comparable period last year", "last year's quarter"."""
    if ctx.day is None:
        return ctx.unanchored(m.group())
    return Reading("DATE", unit_value(ctx.day, "quarter", -5), anchored=True, refer=("quarter-year", -1))


@rule(
    "end-of-unit",
    r"\b(?:the\s+)?(?P<pos>end|close|start|beginning|middle|turn)\s+of\s+(?:the|this)\s+"
    r"(?P<unit>year|month|week|decade|century|quarter)\b",
)
def _end_of_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.day is None:
        return ctx.unanchored(m.group())
    pos = m["pos"].lower()
    mod = {"end": "END", "close": "END", "middle": "MID"}.get(pos, "START")
    return Reading("DATE", unit_value(ctx.day, m["unit"].lower(), 0), mod=mod, anchored=True)


@rule("year-end", r"\byear(?:[-\s]|['’]s\s+)end\b")
def _year_end(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "by year end", "by year's end": the year, ``mod="END"``, as TimeML writes "the end of
    the year" (the value is the period, the part of it goes in ``mod``)."""
    if ctx.day is None:
        return ctx.unanchored(m.group())
    year = ctx.day.year - (1 if ctx.tense(m.start(), m.end()) == "past" else 0)
    return Reading("DATE", f"{year:04d}", mod="END", anchored=True)


_AGO = {"ago": -1, "earlier": -1, "back": -1, "later": 1, "from now": 1, "hence": 1}


@rule(
    "ago",
    r"(?P<num>"
    + NUM
    + "|"
    + VAGUE
    + r")(?:\s+|-)(?:(?:more|full|long)\s+)?"
    + UNIT.format(g="unit")
    # "three days later" is a duration ("three days") with a signal; "a year earlier" a date.
    + r"\s+(?P<dir>ago|back|from\s+now|hence|"
    + r"earlier(?<=year\searlier)|later(?<=year\slater)|earlier(?<=years\searlier)|later(?<=years\slater))\b",
)
def _ago(m: re.Match[str], ctx: Context) -> Reading | None:
    direction = _AGO[re.sub(r"\s+", " ", m["dir"].lower())]
    unit = unit_key(m["unit"])
    amount = amount_value(m["num"])
    if amount is None:
        return Reading("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", anchored=ctx.day is not None)
    if ctx.day is None:
        return ctx.unanchored(m.group())
    steps = int(amount) * direction
    if unit in ("hour", "minute", "second"):
        return Reading("DATE", ctx.day.isoformat(), anchored=True)
    if unit == "decade":
        unit, steps = "year", steps * 10
    if unit == "century":
        unit, steps = "year", steps * 100
    if unit == "fortnight":
        unit, steps = "week", steps * 2
    if unit == "year" and steps in (-1, 1):
        # In a quarterly report "a year earlier" is the same quarter of the year before.
        # ... and after a year the story named ("In 2018 he won; a year later he lost"), that year's
        # neighbour ("ago" and "back" count from the publication date)
        in_story = m["dir"].lower() in ("earlier", "later")
        refer = ("quarter-or-year" if in_story else "quarter-year", steps)
        if ctx.sentence_has(m.start(), _QUARTER_WORDS):
            return Reading("DATE", unit_value(ctx.day, "quarter", -1 + 4 * steps), anchored=True, refer=refer)
        return Reading("DATE", unit_value(ctx.day, unit, steps), anchored=True, refer=refer)
    # "freed 20 years later": counted from the year the story last named, not from today
    story = ("year", steps) if unit == "year" and m["dir"].lower() in ("earlier", "later") else None
    return Reading("DATE", unit_value(ctx.day, unit, steps), anchored=True, refer=story)

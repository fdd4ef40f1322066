"""Run the grammar over a text: pick the winning matches, extend, merge, number them.

>>> found = find_timexes("He left on Sept. 6 and returned last month.", anchor="2019-09-09")
>>> [(t.text, t.value) for t in found]
[('Sept. 6', '2019-09-06'), ('last month', '2019-08')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from communique.models import Timex, granularity_of
from communique.time import (  # noqa: F401  (importing registers the rules)
    rules_clock,
    rules_dates,
    rules_durations,
    rules_holidays,
    rules_periods,
    rules_relative,
)
from communique.time.calendar import iso_week, parse_anchor, shift_month, valid_date
from communique.time.context import Context, Reading
from communique.time.discourse import resolve_references
from communique.time.grammar import NESTED_TRIGGERS, RULE_TRIGGERS, RULES, TRIGGER, WINDOW
from communique.time.lexicon import PARTS_OF_DAY

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_timexes", "normalise"]


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    reading: Reading
    rule: str


_POSITION_MOD = re.compile(
    r"(?:\b(?:the\s+)?(?:very\s+)?(?P<pos>early|late|mid|middle)(?:\s*-\s*|\s+)|"
    r"\b(?:the\s+)?(?P<of>end|close|start|beginning|middle|turn|dawn|first\s+part|latter\s+part)\s+of\s+"
    r"(?:the\s+)?|\b(?P<rel>earlier|later)\s+(?P<in>in\s+)?)$",
    re.IGNORECASE,
)
_APPROX_MOD = re.compile(
    r"\b(?P<m>about|around|approximately|roughly|some|nearly|almost|close\s+to|more\s+than|less\s+than|"
    r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than)\s+$",
    re.IGNORECASE,
)
_POSITION_VALUE = {
    "early": "START",
    "start": "START",
    "beginning": "START",
    "dawn": "START",
    "first part": "START",
    "earlier": "START",
    "late": "END",
    "end": "END",
    "close": "END",
    "latter part": "END",
    "later": "END",
    "mid": "MID",
    "middle": "MID",
    "turn": "START",
}
_APPROX_VALUE = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "close to": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "just under": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "just over": "MORE_THAN",
    "well over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}
_POSITIONAL_GRANULARITY = {"month", "year", "quarter-or-season", "decade", "century", "week"}
_DETERMINED = ("the", "this", "last", "next", "past", "recent", "coming")
_RANGE_TAIL = re.compile(
    r"(?:\s*[-–]\s*|\s+(?:and|or|to|through|until)\s+(?=[0-3]?\d(?:\s*[.,;)]|,?\s+\d{4}\b|$)))"
    r"(?P<d>[0-3]?\d)\b(?!\s*[-–:/]|[.,]\d)(?:,?\s+(?P<y>\d{4})\b)?"
)
_CLOCK_DATE_GAP = re.compile(r"^(?:\s*,?\s*|\s+on\s+)$")


def _regions(
    text: str, trigger_pattern: re.Pattern[str] = TRIGGER, within: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged; matches can only occur inside them.

    ``within``: look for the triggers only inside these stretches (the regions of a trigger
    whose every match lies well inside them). A match touching a cut-off edge of a stretch is
    an artefact of the cut (``\\b`` cannot see past it), not a trigger, and is skipped.
    """
    regions: list[tuple[int, int]] = []
    size = len(text)
    for first, last in [(0, size)] if within is None else within:
        for trigger in trigger_pattern.finditer(text, first, last):
            if (first > 0 and trigger.start() == first) or (last < size and trigger.end() == last):
                continue
            start, end = max(0, trigger.start() - WINDOW), min(size, trigger.end() + WINDOW)
            if regions and start <= regions[-1][1]:
                regions[-1] = (regions[-1][0], max(regions[-1][1], end))
            else:
                regions.append((start, end))
    return regions


_CAPITAL_UNIT = re.compile(r"\b(?:Days?|Weeks?|Minutes?|Hours?|Noon|Years?|Months?|Seconds?)\b")
_LINE_WORD = re.compile(r"[A-Za-z]+")
_LINE_REACH = 300
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)[\"“‘'(\[]*\s*$")


def _in_a_name(text: str, start: int, end: int, rule: str) -> bool:
    """Whether a time word written with a capital inside a sentence makes the match part of a
    name or title (a judge named Mary Day, a "This Week" show, "60 Minutes", "High Noon").

    Holidays ("Thanksgiving Day") and Title Case lines (headlines) keep their capitals.
    """
    if rule == "holiday":
        return False
    for word in _CAPITAL_UNIT.finditer(text, start, end):
        if _SENTENCE_OPEN.search(text, max(0, word.start() - 40), word.start()):
            continue
        # The line around the match, but no more than ``_LINE_REACH`` characters either side:
        # a text written on one line (a 10 MB article body) would otherwise be copied and
        # scanned again for every candidate.
        floor, ceiling = max(0, start - _LINE_REACH), min(len(text), end + _LINE_REACH)
        line_start = text.rfind("\n", floor, start) + 1 or floor
        line_end = text.find("\n", end, ceiling)
        line = text[line_start : ceiling if line_end < 0 else line_end]
        words = [w for w in _LINE_WORD.findall(line) if len(w) > 3]
        return not words or sum(w[0].isupper() for w in words) < 0.8 * len(words)
    return False


def _select(text: str, ctx: Context) -> list[_Found]:
    candidates: list[tuple[int, int, int, int, re.Match[str]]] = []
    # Several rules share a trigger (``re.compile`` hands back one object per pattern string):
    # scan the text once per distinct trigger.
    everywhere = _regions(text)
    regions: dict[re.Pattern[str], list[tuple[int, int]]] = {TRIGGER: everywhere}
    for index, rule in enumerate(RULES):
        trigger = RULE_TRIGGERS.get(rule.name, TRIGGER)
        if trigger not in regions:
            regions[trigger] = _regions(text, trigger, everywhere if trigger in NESTED_TRIGGERS else None)
        for region_start, region_end in regions[trigger]:
            for match in rule.pattern.finditer(text, region_start, region_end):
                if match.end() > match.start():
                    key = (-(match.end() - match.start()), -rule.priority, index, match.start())
                    candidates.append((*key, match))
    candidates.sort(key=lambda c: c[:4])
    taken = bytearray(len(text) + 1)
    found: list[_Found] = []
    for _, _, index, _, match in candidates:
        start, end = match.span()
        if any(taken[start:end]):
            continue
        try:
            reading = RULES[index].handler(match, ctx)
        except (ValueError, OverflowError, KeyError) as error:
            reading = Reading("DATE", None, reason=f"could not normalise '{match.group()}': {error}")
        if reading is None or _in_a_name(text, start, end, RULES[index].name):
            continue
        taken[start:end] = b"\x01" * (end - start)
        found.append(_Found(start, end, reading, RULES[index].name))
    found.sort(key=lambda f: f.start)
    return found


def _extend(found: list[_Found], text: str) -> list[_Found]:
    result: list[_Found] = []
    for index, item in enumerate(found):
        floor = result[-1].end if result else 0
        window_start = max(floor, item.start - 30)
        before = text[window_start : item.start]
        reading = item.reading
        start = item.start
        granularity = granularity_of(reading.value)
        position = _POSITION_MOD.search(before)
        approx = _APPROX_MOD.search(before)
        if position and reading.type == "DATE" and granularity in _POSITIONAL_GRANULARITY:
            word = re.sub(r"\s+", " ", (position["pos"] or position["of"] or position["rel"]).lower())
            relative_ok = not position["rel"] or text[item.start : item.end].lower().startswith(
                ("the",) if position["in"] else ("this", "last", "next", "that")
            )
            if relative_ok:
                start = window_start + position.start()
                reading = replace(reading, mod=_POSITION_VALUE[word])
        elif (
            approx
            and (reading.type in ("DURATION", "TIME") or item.rule == "ago")
            and not text[item.start : item.end].lower().startswith(_DETERMINED)
        ):
            start = window_start + approx.start()
            reading = replace(reading, mod=_APPROX_VALUE.get(re.sub(r"\s+", " ", approx["m"].lower())))
        result.append(_Found(start, item.end, reading, item.rule))
        del index
    return result


def _ranges(found: list[_Found], text: str) -> list[_Found]:
    result: list[_Found] = []
    absorbed: set[int] = set()
    for index, item in enumerate(found):
        if index in absorbed:
            continue
        result.append(item)
        value = item.reading.value
        if item.rule != "month-day" or granularity_of(value) != "day" or value is None:
            continue
        tail = _RANGE_TAIL.match(text, item.end)
        if tail is None:
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None and tail.end() > following.start:
            if not (tail["y"] and (following.start, following.end) == tail.span("y")):
                continue
            absorbed.add(index + 1)  # "Feb. 27-28, 2019": the year belongs to the range's end
        day = int(tail["d"])
        # A year written after the range's end ("Feb. 27 and 28, 2016") is the year of both
        # days; without one the range keeps the start's year (``XXXX`` when undated).
        year = tail["y"] or value[:4]
        check = int(year) if year.isdigit() else 2000
        month, first = int(value[5:7]), int(value[8:10])
        if day <= first or not (valid_date(check, month, first) and valid_date(check, month, day)):
            absorbed.discard(index + 1)
            continue
        start_reading = item.reading
        if year != value[:4]:
            start_reading = replace(item.reading, value=year + value[4:], anchored=False, reason=None)
            result[-1] = replace(item, reading=start_reading)
        end_reading = replace(start_reading, value=f"{year}{value[4:8]}{day:02d}")
        result.append(_Found(tail.start("d"), tail.end(), end_reading, "range-end"))
    return result


def _merge_clock(found: list[_Found], text: str) -> list[_Found]:
    result: list[_Found] = []
    for item in found:
        previous = result[-1] if result else None
        if previous is not None and _CLOCK_DATE_GAP.match(text[previous.end : item.start]):
            pair = {previous.rule.startswith("clock"), item.rule.startswith("clock")}
            clock, day = (previous, item) if previous.rule.startswith("clock") else (item, previous)
            day_value = day.reading.value
            if (
                pair == {True, False}
                and clock.reading.value
                and day_value
                and granularity_of(day_value) == "day"
            ):
                value = day_value + clock.reading.value[clock.reading.value.index("T") :]
                merged = Reading("TIME", value, clock.reading.mod, day.reading.anchored)
                result[-1] = _Found(previous.start, item.end, merged, "clock-date")
                continue
        if (
            previous is not None
            and previous.rule.startswith("clock")
            and previous.reading.value
            and item.reading.value
            and granularity_of(item.reading.value) == "day"
            and _CLOCK_THEN_DAY_GAP.match(text[previous.end : item.start])
            and not _POSSESSIVE_AFTER.search(text, item.start, item.end + 2)  # ", Tuesday's talks ended"
        ):
            # "at 3 p.m. local time on Tuesday", "at 10 a.m. (0800 GMT) Friday": two timexes,
            # the clock on that day
            clock_value = previous.reading.value
            value = item.reading.value + clock_value[clock_value.index("T") :]
            result[-1] = replace(previous, reading=replace(previous.reading, value=value))
        result.append(item)
    return result


_DAY_BEFORE_RANGE = re.compile(
    r"(?<![\w.,$/-])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*|\s+(?:and|to|or)\s+)$"
)


def _day_first_ranges(found: list[_Found], text: str) -> list[_Found]:
    """ "9-10 September", "9 and 10 September": the first day is a timex of its own in the
    second's month and year (the day-first twin of "Sept. 9-10")."""
    result: list[_Found] = []
    for item in found:
        value = item.reading.value
        head = (
            _DAY_BEFORE_RANGE.search(text, max(0, item.start - 12), item.start)
            if item.rule.startswith("day-month") and value and granularity_of(value) == "day"
            else None
        )
        if head is not None and value is not None and (not result or result[-1].end <= head.start()):
            day = int(head["d"])
            check = int(value[:4]) if value[:4].isdigit() else 2000
            if 1 <= day < int(value[8:10]) and valid_date(check, int(value[5:7]), day):
                first = replace(item.reading, value=f"{value[:8]}{day:02d}")
                result.append(_Found(head.start("d"), head.end("d"), first, "range-start"))
        result.append(item)
    return result


_WEEKDAY_RANGE_GAP = re.compile(r"^\s*(?:through|thru|to|until|till|[-–])\s*$", re.IGNORECASE)


def _weekday_ranges(found: list[_Found], text: str, ctx: Context) -> list[_Found]:
    """ "Monday through Wednesday": a range's last day is not before its first (each weekday was
    resolved alone, and the publication day's own weekday is that day). When the first is the
    publication day and the clause is past, the range is the week gone by; else the last day
    moves a week on."""
    result = list(found)
    for index in range(1, len(result)):
        first, last = result[index - 1], result[index]
        if (
            first.rule == last.rule == "weekday"
            and first.reading.value
            and last.reading.value
            and granularity_of(first.reading.value) == granularity_of(last.reading.value) == "day"
            and last.reading.value < first.reading.value
            and _WEEKDAY_RANGE_GAP.match(text[first.end : last.start])
        ):
            today = ctx.day
            if (
                today is not None
                and today > dt.date.min + dt.timedelta(weeks=1)
                and first.reading.value == today.isoformat()
                and ctx.tense(first.start, last.end) == "past"
            ):
                day = today - dt.timedelta(weeks=1)
                result[index - 1] = replace(first, reading=replace(first.reading, value=day.isoformat()))
                continue
            try:
                day = dt.date.fromisoformat(last.reading.value) + dt.timedelta(weeks=1)
            except (ValueError, OverflowError):
                continue  # the end of the calendar
            result[index] = replace(last, reading=replace(last.reading, value=day.isoformat()))
    return result


_CLOCK_THEN_DAY_GAP = re.compile(r"^\s*(?:local\s+time|\([^()\n]{1,24}\))\s*,?\s*(?:on\s+)?$", re.IGNORECASE)


_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_OF_GAP = re.compile(r"^\s+(?:of\s+)?$")


def _merge_spelled_year(found: list[_Found], text: str) -> list[_Found]:
    """ "January nineteen ninety-seven", "the winter of nineteen eighty-six": one timex in that year."""
    result: list[_Found] = []
    for item in found:
        previous = result[-1] if result else None
        value = previous.reading.value if previous is not None else None
        if (
            previous is not None
            and value
            and item.rule == "spelled-year"
            and item.reading.value
            and previous.rule in ("month", "season")
            and _OF_GAP.match(text[previous.end : item.start])
        ):
            merged = Reading("DATE", item.reading.value + value[4:], previous.reading.mod)
            result[-1] = _Found(previous.start, item.end, merged, previous.rule)
            continue
        result.append(item)
    return result


_AROUND_A_DAY = re.compile(
    r"\b(?:the\s+)?(?:(?P<week>week)\s+of|(?P<unit>day|night|morning|afternoon|evening)\s+(?P<dir>before|after))\s+$",
    re.IGNORECASE,
)


def _around_a_day(found: list[_Found], text: str) -> list[_Found]:
    """ "the week of June 12" is the ISO week holding that day; "the day before Tuesday's
    hearing", "the day after Christmas" the day next to it: one timex, as TimeML draws them;
    "the night before June 5" is a TIME, that part of the day before (``2006-06-04TNI``);
    "the night of Oct. 23" stays the day, as the TempEval-3 corpus draws it."""
    result: list[_Found] = []
    for item in found:
        value = item.reading.value
        counted = _counted_from(result[-1], item, text) if result else None
        if counted is not None:
            result[-1] = counted  # "two days before Christmas": one date
            continue
        floor = result[-1].end if result else 0
        window = max(floor, item.start - 20)
        phrase = _AROUND_A_DAY.search(text, window, item.start)
        if phrase is None or item.reading.type != "DATE" or not value or granularity_of(value) != "day":
            result.append(item)
            continue
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            result.append(item)
            continue
        reading = item.reading
        if phrase["week"]:
            reading = replace(reading, value=iso_week(day))
        else:
            shifted = (day + dt.timedelta(days=-1 if phrase["dir"].lower() == "before" else 1)).isoformat()
            part = PARTS_OF_DAY.get(phrase["unit"].lower())
            reading = (
                replace(reading, type="TIME", value=f"{shifted}T{part}")
                if part
                else replace(reading, value=shifted)
            )
        result.append(_Found(phrase.start(), item.end, reading, item.rule))
    return result


#: A preposition of extent before the count makes it a span ("for two days before ...").
_SPAN_BEFORE = re.compile(r"\b(?:for|over|during|within|lasting|throughout)\s+$", re.IGNORECASE)
_COUNTED_GAP = re.compile(r"^\s+(?P<dir>before|after)\s+$", re.IGNORECASE)
_COUNT = re.compile(r"^P(?P<n>\d+)(?P<unit>[DWMY])$")


def _counted_from(duration: _Found, item: _Found, text: str) -> _Found | None:
    """ "two days before Christmas", "three weeks after March 3": the day that many days, weeks,
    months or years from a written day, as one DATE (as "the day before <date>" is)."""
    value = item.reading.value
    count = _COUNT.match(duration.reading.value or "") if duration.reading.type == "DURATION" else None
    gap = _COUNTED_GAP.match(text[duration.end : item.start])
    if count is None or gap is None or item.reading.type != "DATE" or not value:
        return None
    if granularity_of(value) != "day" or duration.reading.mod is not None:
        return None
    if text[duration.start : duration.end].lower().startswith(_DETERMINED):
        return None  # "the two days before Christmas": a span, not a day
    if _SPAN_BEFORE.search(text, max(0, duration.start - 12), duration.start):
        return None  # "detained for two days before Christmas": how long, then when
    sign = -1 if gap["dir"].lower() == "before" else 1
    amount, unit = int(count["n"]) * sign, count["unit"]
    try:
        day = dt.date.fromisoformat(value[:10])
        if unit in "DW":
            day += dt.timedelta(days=amount * (7 if unit == "W" else 1))
        else:
            year, month = shift_month(day.year, day.month, amount * (12 if unit == "Y" else 1))
            if not valid_date(year, month, day.day):
                return None
            day = dt.date(year, month, day.day)
    except (ValueError, OverflowError):
        return None
    reading = replace(item.reading, value=day.isoformat(), refer=None)
    return _Found(duration.start, item.end, reading, item.rule)


_POSSESSIVE_END = re.compile(r"(?<=[A-Za-z])['’]s$")
_THE_MODIFIER = re.compile(r"the\s+(?=(?:fiscal\s+)?[\w.]+-[\w-]+$)", re.IGNORECASE)
#: A hyphenated timex ending in a period's name ("mid-1990s", "mid-'80s", "mid-century") is
#: a noun phrase of its own and keeps "the" unless it modifies a noun; compound adjectives
#: ("eight-year", "third-quarter", "year-earlier") always give "the" to their noun.
_NOUN_PERIOD = re.compile(r"-\s*(?:\d{2,4}s?|['’]\d{2}s?|century|millennium)$", re.IGNORECASE)
#: The timex modifies a noun when a word follows it that is not a closed-class word
#: (preposition, conjunction, determiner, auxiliary, pronoun): "the mid-1990s boom", but not
#: "in the mid-1990s, ..." nor "the mid-1990s and after" nor "the mid-1990s was ...".
_OPEN_CLASS_WORD_AFTER = re.compile(
    r"(?i)\s+(?!(?:a|an|the|and|or|but|nor|as|at|by|for|from|in|into|of|on|onto|over|to|under|"
    r"until|with|without|when|while|after|before|since|than|that|which|who|is|are|was|were|"
    r"be|been|has|have|had|will|would|could|should|can|may|might|must|it|they|he|she|we|i|"
    r"you|this|these|those|there|then|so|if|because|though|although)\b)[a-z][a-z-]*\b"
)


def _trim_extent(item: _Found, text: str) -> _Found:
    """TimeML extents: no possessive ending ("Sunday's" -> "Sunday") and no article before a
    hyphenated modifier ("the eight-year plan", "the third-quarter loss" -> "eight-year",
    "third-quarter"), where "the" belongs to the noun the timex modifies; a hyphenated timex
    that is itself the noun phrase keeps it ("in the mid-1990s")."""
    start, end = item.start, item.end
    possessive = _POSSESSIVE_END.search(text, start, end)
    if possessive is not None and possessive.start() > start:
        end = possessive.start()
    article = _THE_MODIFIER.match(text, start, end)
    if (
        article is not None
        and article.end() < end
        and (_NOUN_PERIOD.search(text, start, end) is None or _OPEN_CLASS_WORD_AFTER.match(text, item.end))
    ):
        start = article.end()
    return item if (start, end) == (item.start, item.end) else replace(item, start=start, end=end)


def find_timexes(text: str, *, anchor: str | None, doc: Doc | None = None) -> tuple[Timex, ...]:
    """Find the temporal expressions of ``text`` and normalise them to TIMEX3 values.

    Args:
        text: the article body; offsets in the result index into it.
        anchor: the publication date as ISO 8601 (``2019-09-09T17:32:00+09:00`` or
            ``2019-09-09``); ``None`` when unknown, in which case relative expressions
            ("last month") get ``value=None`` and a ``reason``.
        doc: spaCy parse of the same text, used for tense when given.

    Returns:
        The timexes in text order, ids ``T1``, ``T2`` ….

    >>> [t.value for t in find_timexes("It ended last month.", anchor=None)]
    [None]
    """
    if not text:
        return ()
    parsed = parse_anchor(anchor)
    ctx = Context(text, parsed, doc)
    found = _day_first_ranges(_ranges(_extend(_select(text, ctx), text), text), text)
    found = _merge_clock(_weekday_ranges(found, text, ctx), text)
    found = _around_a_day(_merge_spelled_year(found, text), text)
    readings = resolve_references([item.reading for item in found])
    found = [replace(item, reading=reading) for item, reading in zip(found, readings, strict=True)]
    timexes: list[Timex] = []
    found = [_trim_extent(item, text) for item in found]
    for number, item in enumerate(found, start=1):
        reading = item.reading
        reason = reading.reason
        if reading.value is None and reason and anchor and parsed is None and "no publication date" in reason:
            reason = (
                f"publication date {anchor!r} is not an ISO 8601 date, so '{text[item.start : item.end]}'"
            )
            reason += " cannot be anchored"
        timexes.append(
            Timex(
                id=f"T{number}",
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                type=reading.type,
                value=reading.value,
                mod=reading.mod,
                anchored=reading.anchored,
                reason=reason,
            )
        )
    return tuple(timexes)


def normalise(expression: str, *, anchor: str | None = None) -> Timex | None:
    """Normalise one temporal expression written on its own; ``None`` if it is not one.

    Returns the longest timex found in ``expression`` (offsets into ``expression``).

    >>> normalise("the third quarter", anchor="1989-10-30").value
    '1989-Q3'
    >>> normalise("Feb. 30, 2019").reason
    'Feb. 30, 2019 is not a date'
    """
    found = find_timexes(expression, anchor=anchor)
    if not found:
        return None
    return max(found, key=lambda t: (t.end - t.start, -t.start))

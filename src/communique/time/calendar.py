"""Calendar arithmetic and TIMEX3 value formatting, relative to an anchor date.

Everything here is a pure function of its arguments: no clock is ever read, so a
relative expression is resolved against the article's publication date or not at all.

>>> a = parse_anchor("2019-09-09T17:32:00+09:00")
>>> a.date.isoformat(), a.hour, a.minute
('2019-09-09', 17, 32)
>>> shift_month(2019, 1, -1), iso_week(a.date), quarter_of(a.date)
((2018, 12), '2019-W37', 3)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Anchor",
    "Tense",
    "closest_year",
    "easter",
    "iso_week",
    "nth_weekday",
    "parse_anchor",
    "quarter_of",
    "season_of",
    "shift_month",
    "valid_date",
    "weekday_date",
]

Tense = Literal["past", "present", "future"]

_ANCHOR = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)


@dataclass(frozen=True)
class Anchor:
    """The publication date (and time, when known) that relative expressions hang on."""

    date: dt.date
    hour: int | None = None
    minute: int | None = None


def parse_anchor(value: str | None) -> Anchor | None:
    """Parse an ISO 8601 date or date-time into an :class:`Anchor`; ``None`` if it is not one.

    The local date is kept as written (no conversion to UTC): "published on Sep. 9 KST"
    means Sep. 9 to the reader of that page.

    >>> parse_anchor("2019-09-09").date
    datetime.date(2019, 9, 9)
    >>> parse_anchor("last Tuesday") is None
    True
    """
    if not value:
        return None
    match = _ANCHOR.match(value)
    if not match:
        return None
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    hour = int(match["H"]) if match["H"] else None
    minute = int(match["M"]) if match["M"] else None
    if hour is not None and (hour > 23 or (minute or 0) > 59):
        hour = minute = None
    return Anchor(day, hour, minute)


def valid_date(year: int, month: int, day: int) -> bool:
    """Return whether the day exists in the calendar.

    >>> valid_date(2019, 2, 30), valid_date(2020, 2, 29)
    (False, True)
    """
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """Return ``(year, month)`` moved by ``months`` (negative goes back).

    >>> shift_month(2019, 11, 3)
    (2020, 2)
    """
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def iso_week(day: dt.date) -> str:
    """Return the ISO week of a day as a TIMEX3 value (``2019-W37``)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    """Return the calendar quarter (1-4) of a day."""
    return (day.month - 1) // 3 + 1


def season_of(day: dt.date) -> tuple[int, str]:
    """Return ``(year, code)`` of the (northern, meteorological) season a day falls in.

    Winter belongs to the year in which it began (December).

    >>> season_of(dt.date(1998, 2, 1)), season_of(dt.date(1998, 7, 1))
    ((1997, 'WI'), (1998, 'SU'))
    """
    month = day.month
    if month in (12, 1, 2):
        return (day.year if month == 12 else day.year - 1), "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


def weekday_date(anchor: dt.date, weekday: int, tense: Tense | None, *, shift: int = 0) -> dt.date:
    """Resolve a bare weekday (ISO number, Monday = 1) against the anchor.

    ``tense`` decides the direction: the future looks forward, anything else looks back
    (news mostly reports what happened). The anchor's own weekday is the anchor day.
    ``shift`` is ``-1`` for "last Friday", ``+1`` for "next Friday".

    >>> monday = dt.date(1989, 10, 30)
    >>> weekday_date(monday, 5, "past"), weekday_date(monday, 5, "future")
    (datetime.date(1989, 10, 27), datetime.date(1989, 11, 3))
    """
    delta = weekday - anchor.isoweekday()
    if shift < 0:
        back = (anchor.isoweekday() - weekday) % 7 or 7
        return anchor - dt.timedelta(days=back)
    if shift > 0:
        forward = delta % 7 or 7
        return anchor + dt.timedelta(days=forward)
    if delta == 0:
        return anchor
    if tense == "future":
        return anchor + dt.timedelta(days=delta % 7)
    return anchor - dt.timedelta(days=(-delta) % 7)


def closest_year(anchor: dt.date, month: int, day: int | None, tense: Tense | None) -> int:
    """Pick the year of a month (and day) written without one.

    Past tense takes the latest such date not after the anchor, future tense the first
    not before it, both allowing a month and a half the other way (a past-tense verb
    often reports the announcement of something soon to come). Without a tense the
    nearest one wins, ties going to the anchor's year.

    >>> anchor = dt.date(2019, 9, 9)
    >>> closest_year(anchor, 6, 30, None), closest_year(anchor, 2, None, "past")
    (2019, 2019)
    >>> closest_year(anchor, 12, None, "past"), closest_year(dt.date(2000, 1, 7), 12, 25, None)
    (2018, 1999)
    >>> closest_year(dt.date(2000, 1, 7), 1, 14, "past")
    2000
    """
    year = anchor.year
    months_ahead = (month - anchor.month) + ((day if day is not None else anchor.day) - anchor.day) / 31
    if tense == "past":
        return year if months_ahead <= _TOLERANCE else year - 1
    if tense == "future":
        return year if months_ahead >= -_TOLERANCE else year + 1
    months_apart = (month - anchor.month) + ((day or 15) - anchor.day) / 31
    if months_apart > 6:
        return year - 1
    if months_apart < -6:
        return year + 1
    return year


_TOLERANCE = 1.5  # months: "was put off until Jan. 14" written on Jan. 7 is still this January


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """Return the n-th given weekday of a month (``n = -1`` for the last one).

    >>> nth_weekday(1999, 11, 4, 4)  # US Thanksgiving
    datetime.date(1999, 11, 25)
    """
    if n > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    next_first = dt.date(*shift_month(year, month, 1), 1)
    last = next_first - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Return Western Easter Sunday (anonymous Gregorian algorithm).

    >>> easter(2019)
    datetime.date(2019, 4, 21)
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)

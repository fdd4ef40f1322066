"""Rules for holidays: "Christmas", "last Thanksgiving", "Easter week", "Election Day".

Importing this module registers the rules.
"""

from __future__ import annotations

import datetime as dt
import re

from communique.time.calendar import closest_year, easter, iso_week, nth_weekday
from communique.time.context import Context, Reading
from communique.time.election import is_us_election, us_context, us_election_day
from communique.time.grammar import YEAR4, rule

__all__: list[str] = []


def _holiday_date(name: str, year: int) -> dt.date:
    key = name.lower()
    if key.startswith("christmas"):
        return dt.date(year, 12, 24 if "eve" in key else 25)
    if key.startswith("new year"):
        return dt.date(year, 12, 31) if "eve" in key else dt.date(year, 1, 1)
    if key.startswith("thanksgiving"):
        return nth_weekday(year, 11, 4, 4)
    if key.startswith("independence"):
        return dt.date(year, 7, 4)
    if key.startswith("labor"):
        return nth_weekday(year, 9, 1, 1)
    if key.startswith("memorial"):
        return nth_weekday(year, 5, 1, -1)
    if key.startswith("halloween"):
        return dt.date(year, 10, 31)
    if key.startswith("valentine"):
        return dt.date(year, 2, 14)
    if key.startswith("veterans"):
        return dt.date(year, 11, 11)
    if key.startswith("boxing"):
        return dt.date(year, 12, 26)
    if key.startswith("good friday"):
        return easter(year) - dt.timedelta(days=2)
    if key.startswith("election"):
        return us_election_day(year)
    return easter(year)


@rule(
    "holiday",
    r"(?:(?P<rel>last|next|this)\s+)?"
    r"(?P<h>Christmas(?:\s+Day|\s+Eve)?|New\s+Year['’]s(?:\s+Day|\s+Eve)?|Thanksgiving(?:\s+Day)?|"
    r"Independence\s+Day|Labor\s+Day|Memorial\s+Day|Halloween|Valentine['’]s\s+Day|Veterans\s+Day|"
    r"Boxing\s+Day|Election\s+Day|Easter(?:\s+Sunday)?|Good\s+Friday)(?:\s+(?P<week>week)\b)?"
    r"(?:,?\s+(?P<y>" + YEAR4 + r"))?\b",
)
def _holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    """A holiday: the day, or with "week" after it the ISO week holding it ("Easter week");
    "last Thanksgiving" is the one before the publication date, "next Christmas" the one after."""
    if not m["h"][0].isupper():
        return None
    if m["h"].startswith("Election") and not is_us_election(ctx.text, m.start(), ctx.day, m.end()):
        return Reading("DATE", None, reason="'Election Day' outside a US election has no fixed date")
    if m["h"].startswith("Independence") and us_context(ctx.text, m.start(), m.end()) is False:
        return Reading("DATE", None, reason="another country's 'Independence Day' has no date here")
    rel = (m["rel"] or "").lower()
    if m["y"]:
        day = _holiday_date(m["h"], int(m["y"]))
        return Reading("DATE", iso_week(day) if m["week"] else day.isoformat())
    if ctx.day is None:
        return ctx.unanchored(m.group())
    this_year = _holiday_date(m["h"], ctx.day.year)
    if rel == "last":
        year = ctx.day.year - (1 if this_year >= ctx.day else 0)
    elif rel == "next":
        year = ctx.day.year + (1 if this_year <= ctx.day else 0)
    else:
        tense = ctx.tense(m.start(), m.end())
        if rel == "this" and tense != "past":
            tense = "future"
        year = closest_year(ctx.day, this_year.month, this_year.day, tense)
    day = _holiday_date(m["h"], year)
    return Reading("DATE", iso_week(day) if m["week"] else day.isoformat(), anchored=True)

"""The second pass: expressions that hang on the story's reference time, not the DCT.

Some expressions do not point at the publication date but at the last time the text
talked about: "that year", "the following month", "later that day", and, in a quarterly
report, "a year earlier" (the same quarter of the year before the one being reported).
HeidelTime calls this the reference time of narrative text. Rules mark such readings with
``refer=(unit, shift)``; this pass walks the timexes in text order, remembers the last
concrete date mentioned, and re-resolves the marked ones against it. When the text has
offered no usable reference yet, the rule's own (publication-date) value stands.

>>> from communique.time.context import Reading
>>> story = [Reading("DATE", "1996-03"), Reading("DATE", "1998", refer=("year", 0))]
>>> [r.value for r in resolve_references(story)]
['1996-03', '1996']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from communique.time.calendar import iso_week, shift_month, valid_date, weekday_date
from communique.time.context import Reading

__all__ = ["Reference", "reference_of", "resolve_references"]

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?(?:T|$)"
)


@dataclass(frozen=True)
class Reference:
    """A concrete date the text mentioned, down to the finest part it gave."""

    year: int
    quarter: int | None = None
    month: int | None = None
    day: int | None = None


def reference_of(value: str | None) -> Reference | None:
    """Read a TIMEX3 date value as a reference; ``None`` for durations, sets, ``PAST_REF`` ….

    >>> reference_of("1989-Q3"), reference_of("1989-10-27TEV").day, reference_of("P1Y")
    (Reference(year=1989, quarter=3, month=None, day=None), 27, None)
    """
    if not value:
        return None
    match = _VALUE.match(value)
    if match is None:
        return None
    year = int(match["y"])
    if match["q"]:
        return Reference(year, quarter=int(match["q"]))
    if match["m"]:
        month = int(match["m"])
        if not 1 <= month <= 12:
            return None
        day = int(match["d"]) if match["d"] else None
        return Reference(year, quarter=(month - 1) // 3 + 1, month=month, day=day)
    return Reference(year)


_WEEKDAY_UNITS = ("weekday-before", "weekday-after")


def _shifted(reference: Reference, unit: str, shift: int) -> str | None:
    if unit == "year":
        return f"{reference.year + shift:04d}"
    if unit == "quarter-in" and reference.quarter is not None:
        return f"{shift:04d}-Q{reference.quarter}"
    if unit in ("quarter", "quarter-year") and reference.quarter is not None:
        step = shift * 4 if unit == "quarter-year" else shift
        index = reference.year * 4 + reference.quarter - 1 + step
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "month-day" and reference.month is not None:  # "on the 6th": ``shift`` is the day
        if not valid_date(reference.year, reference.month, shift):
            return None
        return f"{reference.year:04d}-{reference.month:02d}-{shift:02d}"
    if unit == "month" and reference.month is not None:
        year, month = shift_month(reference.year, reference.month, shift)
        return f"{year:04d}-{month:02d}"
    if unit in ("day", "week", *_WEEKDAY_UNITS) and reference.month is not None and reference.day is not None:
        try:
            day = dt.date(reference.year, reference.month, reference.day)
        except ValueError:
            return None
        if unit in _WEEKDAY_UNITS:  # "the previous Friday": ``shift`` is the ISO weekday
            back = unit == "weekday-before"
            return weekday_date(day, shift, None, shift=-1 if back else 1).isoformat()
        if unit == "week":
            return iso_week(day + dt.timedelta(weeks=shift))
        return (day + dt.timedelta(days=shift)).isoformat()
    return None


def _fits(reference: Reference, unit: str) -> bool:
    if unit in ("quarter-year", "quarter", "quarter-in"):
        return reference.quarter is not None and reference.month is None
    if unit == "month-day":
        return reference.month is not None
    return _shifted(reference, unit, 0) is not None


_COMPARISONS = ("quarter-year", "quarter-in", "quarter-or-year")
_PERIOD = re.compile(r"^P\d+[MY]$|^\d{4}$")


def resolve_references(readings: Sequence[Reading]) -> list[Reading]:
    """Re-resolve the readings marked ``refer`` against the last date before them (text order).

    A comparison ("a year earlier") takes the quarter only while the last period the text
    reported was a quarter: after "the nine months" or "the year" it stays a year.
    """
    result: list[Reading] = []
    seen: list[Reference] = []
    quarterly = False
    for reading in readings:
        if reading.refer is not None and reading.type in ("DATE", "TIME"):
            unit, shift = reading.refer
            if unit == "quarter-or-year":  # a quarter while the text reports quarters, else a year
                unit = "quarter-year" if quarterly else "year"
            reading = _against(reading, unit, shift, seen if unit != "quarter-year" or quarterly else [])
        result.append(reading)
        if reading.refer is not None and reading.refer[0] in _COMPARISONS:
            continue  # a comparison does not move the story's time
        found = reference_of(reading.value) if reading.type in ("DATE", "TIME") else None
        if found is not None:
            seen.append(found)
            quarterly = quarterly or (found.quarter is not None and found.month is None)
        if reading.value and reading.mod is None and _PERIOD.match(reading.value):
            quarterly = False
    return result


def _against(reading: Reading, unit: str, shift: int, seen: Sequence[Reference]) -> Reading:
    side = suffix = ""
    if unit.startswith("month-day-"):  # "on the 16th" in a past (future) clause
        unit, side = "month-day", unit.rsplit("-", 1)[1]
    elif unit.startswith("day-"):  # "the next morning": a part of the day next to the story's day
        unit, suffix = "day", "T" + unit[4:]
    for reference in reversed(seen):
        if not _fits(reference, unit):
            continue
        value = _shifted(reference, unit, shift)
        if value is None:
            return reading
        # The rule's own value is the nearest such day on the clause's side of the publication
        # date: a named month's day beyond it is on the wrong side ("talks were held in June;
        # the next round is on the 16th" is this month's 16th, not June's).
        own = reading.value
        if own and ((side == "past" and value > own[:10]) or (side == "future" and value < own[:10])):
            return reading
        old = reading.value or ""
        suffix = old[old.index("T") :] if "T" in old else suffix
        return replace(reading, value=value + suffix, anchored=False, reason=None)
    return reading

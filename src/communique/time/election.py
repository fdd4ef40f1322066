"""Whose "Election Day"? The US date only where the text is about a US election.

"Election Day" names the Tuesday after the first Monday of November in the United States,
but other countries' papers use it for their own polling day. The US date is given when the
sentence (else its paragraph) has a US cue ("U.S.", "Congress", "midterms", a state) and
names no other country first, or when the publication date is within about three months of
an even-year US election and neither names another country; otherwise the expression is
tagged without a value.

>>> us_election_day(2018)
datetime.date(2018, 11, 6)
>>> text = "Britain votes on Dec. 12; Election Day turnout may be high."
>>> is_us_election(text, text.index("Election"), dt.date(2019, 11, 20))
False
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import lru_cache
from importlib import resources

from communique.time.calendar import nth_weekday

__all__ = ["is_us_election", "us_election_day"]

_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New\\s+Hampshire|New\\s+Jersey|New\\s+Mexico|New\\s+York|"
    "North\\s+Carolina|North\\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\\s+Island|South\\s+Carolina|"
    "South\\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Wisconsin|Wyoming"
)
_US_CUE = re.compile(
    r"\b(?:U\.S\.|US|USA|United\s+States|America|Americans?|Congress(?:ional)?|Senate|House\s+of\s+"
    r"Representatives|midterms?|Democrats?|Republicans?|GOP|Electoral\s+College|White\s+House|"
    + _US_STATES
    + r")(?![\w])"
)
#: How close to a US general election the publication date must be for a bare "Election Day".
_SEASON_DAYS = 90


def us_election_day(year: int) -> dt.date:
    """The US general election day of ``year``: the Tuesday after the first Monday of November."""
    return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)


@lru_cache(maxsize=1)
def _other_country() -> re.Pattern[str]:
    """Names, aliases and demonyms of every country but the United States (the shipped KB list)."""
    path = resources.files("communique") / "data" / "kb" / "countries.toml"
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("country", [])
    except (OSError, tomllib.TOMLDecodeError):
        entries = []
    names: set[str] = set()
    for entry in entries:
        if entry.get("code") == "USA":
            continue
        for key in ("name", "aliases", "demonyms"):
            value = entry.get(key, [])
            for name in [value] if isinstance(value, str) else value:
                if len(name) > 3 and name[0].isupper():
                    names.add(re.escape(name))
    if not names:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(sorted(names, key=len, reverse=True)) + r")\b")


def _span(text: str, position: int, pattern: str) -> tuple[int, int]:
    left = max((m.end() for m in re.finditer(pattern, text[:position])), default=0)
    right_match = re.compile(pattern).search(text, position)
    return left, right_match.start() if right_match else len(text)


def is_us_election(text: str, position: int, anchor: dt.date | None) -> bool:
    """Whether "Election Day" at ``position`` is the US one (see the module docstring)."""
    for pattern in (r"[.!?]\s+(?=[A-Z\"“])|\n", r"\n\s*\n"):  # the sentence, then the paragraph
        left, right = _span(text, position, pattern)
        if _US_CUE.search(text, left, right):
            return True
        if _other_country().search(text, left, right):
            return False
    if anchor is None:
        return False
    return any(
        year % 2 == 0 and abs((us_election_day(year) - anchor).days) <= _SEASON_DAYS
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
    )

"""Whose "Election Day" or "Independence Day"? The US date only where the text is about the US.

"Election Day" names the Tuesday after the first Monday of November in the United States,
but other countries' papers use it for their own polling day. The US date is given when the
sentence (else its paragraph) has a US cue ("U.S.", "Congress", "midterms", a state) and
names no other country first, or when the publication date is within about three months of
an even-year US election and neither names another country; otherwise the expression is
tagged without a value. "Independence Day" likewise: July 4 unless another country is named
first ("India's Independence Day").

>>> us_election_day(2018)
datetime.date(2018, 11, 6)
>>> text = "Britain votes on Dec. 12; Election Day turnout may be high."
>>> is_us_election(text, text.index("Election"), dt.date(2019, 11, 20))
False
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import tomllib
from functools import lru_cache
from importlib import resources

from communique.time.calendar import nth_weekday

__all__ = ["is_us_election", "us_context", "us_election_day"]

_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New\\s+Hampshire|New\\s+Jersey|New\\s+Mexico|New\\s+York|"
    "North\\s+Carolina|North\\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\\s+Island|South\\s+Carolina|"
    "South\\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|Wisconsin|Wyoming"
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


_COUNTRY_ENTRY = re.compile(r'\["([A-Z]{3})",\s*"([^"\\]+)",\s*"country"')
#: Country names that are as often a person's or a US state's name.
_AMBIGUOUS = {"Chad", "Jordan", "Georgia"}


@lru_cache(maxsize=1)
def _other_country() -> re.Pattern[str]:
    """Names, aliases and demonyms of every country but the United States, from the shipped
    knowledge base (its hand-written country list and the compiled dictionaries' country names)."""
    folder = resources.files("communique") / "data" / "kb"
    names: set[str] = set()
    try:
        entries = tomllib.loads((folder / "countries.toml").read_text(encoding="utf-8")).get("country", [])
        compiled = gzip.decompress((folder / "phoenix.json.gz").read_bytes()).decode("utf-8")
    except (OSError, ValueError):
        entries, compiled = [], ""
    for entry in entries:
        if entry.get("code") == "USA":
            continue
        for key in ("name", "aliases", "demonyms"):
            value = entry.get(key, [])
            names.update([value] if isinstance(value, str) else value)
    # the entries' heads only (code, name, kind): a scan, not a parse of the whole dictionary
    names.update(m[2] for m in _COUNTRY_ENTRY.finditer(compiled) if m[1] != "USA")
    kept = {
        re.escape(name.replace(" And ", " and ").replace(" Of ", " of "))
        for name in names - _AMBIGUOUS
        if (len(name) > 3 and name[0].isupper()) or (len(name) > 1 and name.isupper())  # "U.K.", "UK"
    }
    if not kept:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(sorted(kept, key=len, reverse=True)) + r")\b")


def _span(text: str, position: int, pattern: str) -> tuple[int, int]:
    left = max((m.end() for m in re.finditer(pattern, text[:position])), default=0)
    right_match = re.compile(pattern).search(text, position)
    return left, right_match.start() if right_match else len(text)


def us_context(text: str, position: int) -> bool | None:
    """Whether the text around ``position`` is about the United States: ``True`` for a US cue,
    ``False`` for another country named, in the sentence first, then the paragraph; ``None``
    when neither names a country."""
    for pattern in (r"[.!?]\s+(?=[A-Z\"“])|\n", r"\n\s*\n"):  # the sentence, then the paragraph
        left, right = _span(text, position, pattern)
        if _US_CUE.search(text, left, right):
            return True
        if _other_country().search(text, left, right):
            return False
    return None


def is_us_election(text: str, position: int, anchor: dt.date | None) -> bool:
    """Whether "Election Day" at ``position`` is the US one (see the module docstring)."""
    us = us_context(text, position)
    if us is not None:
        return us
    if anchor is None:
        return False
    return any(
        year % 2 == 0 and abs((us_election_day(year) - anchor).days) <= _SEASON_DAYS
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
    )

"""Whose "Election Day" or "Independence Day"? The US date only where the text is about the US.

"Election Day" names the Tuesday after the first Monday of November in the United States,
but other countries' papers use it for their own polling day. The US date is given when the
US cue ("U.S.", "Congress", "midterms", a state) nearest the holiday in its sentence (else its
paragraph) is nearer than any other country named there, or when the publication date is
within about three months of an even-year US election and neither names a country; otherwise
the expression is tagged without a value. "Independence Day" likewise: July 4 unless another
country is named nearer it ("India's Independence Day"). Another country counts in any of its
forms: name, possessive, adjective or people ("Kenya's", "Philippine", "Nigerians"). "Senate",
"House", "Democrats" and "Republicans" are no US cues: other countries have them too.

>>> us_election_day(2018)
datetime.date(2018, 11, 6)
>>> text = "Britain votes on Dec. 12; Election Day turnout may be high."
>>> is_us_election(text, text.index("Election"), dt.date(2019, 11, 20))
False
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from communique.kb import country_names
from communique.time.calendar import nth_weekday

__all__ = ["is_us_election", "us_context", "us_election_day"]

_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New\\s+Hampshire|New\\s+Jersey|New\\s+Mexico|New\\s+York|"
    "North\\s+Carolina|North\\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\\s+Island|South\\s+Carolina|"
    "South\\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|Wisconsin|Wyoming"
)
#: Cues only the United States gives ("Senate", "House", "Democrats" and "Republicans" are no
#: cues: other countries have them); "America" not after Latin/South/Central/North.
_US_CUE = re.compile(
    r"\b(?=[A-Z])(?:U\.S\.|US|USA|United\s+States|(?<!Latin\s)(?<!South\s)(?<!Central\s)(?<!North\s)"
    r"America(?:ns?)?|Congress(?:ional)?|midterms?|GOP|Electoral\s+College|White\s+House|"
    + _US_STATES
    + r")(?![\w])"
)
#: How far around the holiday its sentence and paragraph are looked for (characters; a news
#: paragraph is rarely over 1,000): a bound that keeps a long text with many mentions linear.
_SENTENCE_REACH = 1_000
_PARAGRAPH_REACH = 2_500
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n")
_PARAGRAPH_END = re.compile(r"\n\s*\n")
#: What parts two clauses: a country beyond one is farther than any within the holiday's own.
_CLAUSE_BREAK = re.compile(r"[;:—–]|\s-\s|[.!?](?:\s|$)|\n")
#: How close to a US general election the publication date must be for a bare "Election Day".
_SEASON_DAYS = 90


def us_election_day(year: int) -> dt.date:
    """The US general election day of ``year``: the Tuesday after the first Monday of November."""
    return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)


#: Country names that are as often a person's or a US state's name.
_AMBIGUOUS = {"Chad", "Jordan", "Georgia"}


@lru_cache(maxsize=1)
def _other_country() -> re.Pattern[str]:
    """Names, aliases and demonyms of every country but the United States, from the shipped
    knowledge base (``communique.kb.country_names``: its hand-written country list and the
    compiled dictionaries' country names)."""
    names: set[str] = set()
    for code, found in country_names().items():
        if code != "USA":
            names.update(found)
    kept = {
        name.replace(" And ", " and ").replace(" Of ", " of ")
        for name in names - _AMBIGUOUS
        if (len(name) > 3 and name[0].isupper()) or (len(name) > 1 and name.isupper())  # "U.K.", "UK"
    }
    if not kept:
        return re.compile(r"(?!x)x")
    # grouped by first letter, so that a word is tried against its letter's names only (a flat
    # alternation of ~350 names costs about 8x more per character)
    groups: dict[str, list[str]] = {}
    for name in sorted(kept, key=len, reverse=True):
        groups.setdefault(name[0], []).append(re.escape(name[1:]))
    alternatives = "|".join(
        re.escape(first) + "(?:" + "|".join(rest) + ")" for first, rest in sorted(groups.items())
    )
    # a people in the plural counts as its country ("Nigerians", "Kenyans")
    return re.compile(r"\b(?:" + alternatives + r")s?\b")


def _span(text: str, position: int, end: int, boundary: re.Pattern[str], reach: int) -> tuple[int, int]:
    """The sentence or paragraph (``boundary`` ends it) around ``text[position:end]``, at most
    ``reach`` characters to either side, so that each mention costs a bounded scan."""
    low = max(0, position - reach)
    left = max((m.end() for m in boundary.finditer(text, low, position)), default=low)
    right_match = boundary.search(text, end, min(len(text), end + reach))
    return left, right_match.start() if right_match else min(len(text), end + reach)


def _nearest(matches: list[re.Match[str]], text: str, position: int, end: int) -> tuple[int, int] | None:
    """How far from ``text[position:end]`` the nearest of ``matches`` outside it is: the clause
    breaks between them (";", a dash, a sentence end), then the characters; ``None`` when there
    is none."""
    best: tuple[int, int] | None = None
    for m in matches:
        if m.end() <= position:
            gap = (m.end(), position)
        elif m.start() >= end:
            gap = (end, m.start())
        else:
            continue
        distance = (len(_CLAUSE_BREAK.findall(text, *gap)), gap[1] - gap[0])
        if best is None or distance < best:
            best = distance
    return best


def us_context(text: str, position: int, end: int | None = None) -> bool | None:
    """Whether the text around ``text[position:end]`` is about the United States, from the
    country named nearest it (fewest clause breaks between, then fewest characters) in its
    sentence, else its paragraph: ``True`` for a US cue, ``False`` for another country, ``None``
    when neither names one.

    >>> us_context("Ghana marks Independence Day; the US envoy attended.", 12, 28)
    False
    """
    end = position if end is None else end
    for boundary, reach in ((_SENTENCE_END, _SENTENCE_REACH), (_PARAGRAPH_END, _PARAGRAPH_REACH)):
        left, right = _span(text, position, end, boundary, reach)
        cues = list(_US_CUE.finditer(text, left, right))
        # a country's name inside a US cue is none ("New Mexico", "New Jersey")
        others = [
            m
            for m in _other_country().finditer(text, left, right)
            if not any(c.start() <= m.start() < c.end() for c in cues)
        ]
        us, other = _nearest(cues, text, position, end), _nearest(others, text, position, end)
        if us is not None or other is not None:
            return other is None or (us is not None and us < other)
    return None


def is_us_election(text: str, position: int, anchor: dt.date | None, end: int | None = None) -> bool:
    """Whether "Election Day" at ``text[position:end]`` is the US one (see the module docstring)."""
    us = us_context(text, position, end)
    if us is not None:
        return us
    if anchor is None:
        return False
    return any(
        year % 2 == 0 and abs((us_election_day(year) - anchor).days) <= _SEASON_DAYS
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
    )

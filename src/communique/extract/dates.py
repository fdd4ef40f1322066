"""Datelines: find dates, times and time zones in page text and normalise them to ISO 8601.

News pages state their dates in many ways (``Posted on : Sep.9,2019 17:32 KST``,
``Updated 3:04 p.m. ET, Mon September 9, 2019``, ``Published: 9 September 2019``,
``2019-09-09T17:32:00+09:00``, ``2019년 9월 9일``). :func:`find_dates` finds each one,
keeps the stated local time with its UTC offset, and says whether a label in front
of it marks it as the publication or the modification date.

All patterns are bounded (no nested quantifiers), so scanning is linear in the text.

>>> [d.value for d in find_dates("Posted on : Sep.9,2019 17:32 KST Modified on : Sep.9,2019 17:35 KST")]
['2019-09-09T17:32:00+09:00', '2019-09-09T17:35:00+09:00']
>>> find_dates("Updated 3:04 p.m. ET, Mon September 9, 2019")[0].value
'2019-09-09T15:04:00-04:00'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Literal
from zoneinfo import ZoneInfo

__all__ = ["FoundDate", "find_dates", "normalise_iso", "parse_offset", "without_ranges"]

DateRole = Literal["published", "modified"]

# Month names and their usual abbreviations in English, German, French, Spanish, Italian, Portuguese
# and Dutch (with and without accents). A name only counts next to a day and a four-digit year.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
        "januari"),
    2: ("february", "feb", "febr", "februar", "feber", "février", "fevrier", "févr", "fevr", "febrero",
        "febbraio", "fevereiro", "fev", "februari"),
    3: ("march", "mar", "märz", "maerz", "marz", "mär", "mrz", "mars", "marzo", "março", "marco", "maart",
        "mrt"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"),
    11: ("november", "nov", "novembre", "noviembre", "novembro"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre",
        "dezembro"),
}  # fmt: skip
# Russian and Ukrainian (the genitive a date uses, the nominative, short forms) and Arabic (the names
# used in Egypt and the Maghreb, and the Syriac names used in the Levant and Iraq).
_MONTH_NAMES_MORE: dict[int, tuple[str, ...]] = {
    1: ("января", "январь", "янв", "січня", "січень", "يناير", "كانون الثاني"),
    2: ("февраля", "февраль", "фев", "февр", "лютого", "лютий", "فبراير", "شباط"),
    3: ("марта", "март", "березня", "березень", "مارس", "آذار", "اذار"),
    4: ("апреля", "апрель", "апр", "квітня", "квітень", "أبريل", "ابريل", "إبريل", "نيسان"),
    5: ("мая", "май", "травня", "травень", "مايو", "أيار", "ايار"),
    6: ("июня", "июнь", "червня", "червень", "يونيو", "يونيه", "حزيران"),
    7: ("июля", "июль", "липня", "липень", "يوليو", "يوليه", "تموز"),
    8: ("августа", "август", "авг", "серпня", "серпень", "أغسطس", "اغسطس", "آب"),
    9: ("сентября", "сентябрь", "сен", "сент", "вересня", "вересень", "سبتمبر", "أيلول", "ايلول"),
    10: ("октября", "октябрь", "окт", "жовтня", "жовтень", "أكتوبر", "اكتوبر", "تشرين الأول"),
    11: ("ноября", "ноябрь", "ноя", "нояб", "листопада", "листопад", "نوفمبر", "تشرين الثاني"),
    12: ("декабря", "декабрь", "дек", "грудня", "грудень", "ديسمبر", "كانون الأول"),
}  # fmt: skip
_MONTHS = {
    name: number
    for table in (_MONTH_NAMES, _MONTH_NAMES_MORE)
    for number, names in table.items()
    for name in names
}
_MONTH = (
    r"(?P<mon>"
    + "|".join(re.escape(name) for name in sorted(_MONTHS, key=len, reverse=True))
    + r")(?![^\W\d_])\.?"
)
_ORD = r"(?:st|nd|rd|th|er|º|°)?"
# A year ends at a word boundary, or where a clock follows with no space ("28 luglio 202010:43", two
# page elements rendered side by side); never at a colon and digits (a clock, not a year).
_YEAR_END = r"(?:\b(?!:\d)|(?=[0-2]?\d:[0-5]\d))"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s{0,3})?"

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        re.compile(
            r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
            r"(?:[T ](?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?:[.,]\d{1,9})?"
            r"\s?(?P<tz>Z|[+-][01]\d:?[0-5]\d)?)?(?!\d)",
            re.I,
        ),
    ),
    (
        "mdy",
        re.compile(
            # The day is not glued to more digits: "Juli 201928" is no 20 July 1928. The lookahead (a word,
            # then a number) rejects most words before the long list of month names is tried.
            r"\b(?=[^\W\d_]{2,12}\.?\s{0,3}\d)"
            + _MONTH
            + r"\s{0,3}(?P<d>[0-3]?\d)(?!\d)"
            + _ORD
            + r"\s{0,2},?\s{0,3}(?P<y>(?:19|20)\d\d)"
            + _YEAR_END,
            re.I,
        ),
    ),
    (
        "dmy",
        re.compile(
            r"(?<!\d)(?P<d>[0-3]?\d)"
            + _ORD
            + r"\.?\s{0,3}(?:(?:of|de)\s{1,3})?(?=[^\W\d_])"
            + _MONTH
            # a second name for the same month ("24 نيسان / أبريل 2020": Levantine and Egyptian names)
            + r"(?:\s{0,2}/\s{0,2}[^\W\d_]{2,12})?"
            + r",?\s{0,3}(?:(?:de|del)\s{1,3})?(?P<y>(?:19|20)\d\d)"
            + _YEAR_END,
            re.I,
        ),
    ),
    (
        "cjk",
        re.compile(r"(?P<y>(?:19|20)\d\d)\s?[年년]\s?(?P<m>[01]?\d)\s?[月월]\s?(?P<d>[0-3]?\d)\s?[日일]"),
    ),
    ("ymd", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[./](?P<m>[01]?\d)[./](?P<d>[0-3]?\d)(?![\d])")),
    (
        "numeric",
        re.compile(
            # "4. 2. 2022": a space after each dot, as German typesetting has it; "26 | 01 | 2022"
            r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[./]| \| )(?P<sp> ?)(?P<b>[0-3]?\d)(?P=sep)(?P=sp)"
            r"(?P<y>(?:19|20)\d\d)(?!\d|:\d)"
        ),
    ),
    # 28.09.19: a two-digit year, only with both day and month written with two digits.
    ("short", re.compile(r"(?<![\d./])(?P<a>[0-3]\d)\.(?P<b>[01]\d)\.(?P<y>\d\d)(?![\d.])")),
]

# Every pattern above holds a four-digit year or the short form's "dd.mm.yy": a text without either
# has no date, and one search for them is much cheaper than running all the patterns.
_MAYBE_DATE = re.compile(r"(?:19|20)\d\d|\d\d\.[01]\d\.\d\d")
# A clock is not part of a longer number: "18.03" in "18.03.2022" is a day and month (nor is "03.20"
# after "18.").
_TIME = re.compile(
    r"(?<![\d:.])(?<!\d/)(?P<H>[0-2]?\d)(?:(?P<sep>[:.h])(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?![./]\d))?"
    r"\s?(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?",
    re.I,
)

# Abbreviations seen in datelines. Zones with daylight saving that are written
# without saying which half of the year (ET, PT) resolve through the tz database.
_FIXED_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 60,
    "WET": 0,
    "WEST": 60,
    "CET": 60,
    "CEST": 120,
    "MEZ": 60,
    "MESZ": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "IST": 330,
    "PKT": 300,
    "ICT": 420,
    "WIB": 420,
    "SGT": 480,
    "HKT": 480,
    "AWST": 480,
    "KST": 540,
    "JST": 540,
    "AEST": 600,
    "AEDT": 660,
    "ACST": 570,
    "NZST": 720,
    "NZDT": 780,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
}
_REGION_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "AET": "Australia/Sydney",
    "CET": "Europe/Berlin",
}
_TZ = re.compile(
    r"\s{0,2}\(?(?:(?P<name>[A-Z]{1,5})\b(?:\s?(?P<sign1>[+-])\s?(?P<oh1>\d{1,2})(?::?(?P<om1>\d\d))?)?"
    r"|(?P<sign2>[+-])(?P<oh2>[01]\d):?(?P<om2>[0-5]\d)\b)",
)

_LABEL_LINK = r"(?:(?:on|at|am|le|el|em|il|op|den|:)\W{0,4})?"
# A label saying the date is today's, not the article's ("Aktuelle Zeit: 14.10.2020, 12:18").
_LABEL_NOW = re.compile(r"(?:current\stime|today\sis|aktuelle\szeit|heute\sist|it\sis\snow)\W{0,4}$", re.I)
_LABEL_MODIFIED = re.compile(
    r"\b(?:updated|modified|last\s(?:updated|modified|edited)|edited|revised|update|aktualisiert|geändert|stand|"
    r"(?:letzte\s)?änderung|zuletzt\s(?:aktualisiert|geändert)|"
    r"mis\sà\sjour|actualizado|atualizado|aggiornato|bijgewerkt|обновлено|оновлено|изменено|змінено|수정|更新)\W{0,4}"
    + _LABEL_LINK
    + _WEEKDAY
    + "$",
    re.I,
)
_LABEL_PUBLISHED = re.compile(
    r"\b(?:posted|published|first\spublished|created|date|dated|released|issued|veröffentlicht|erstellt|datum|"
    r"fecha|publiziert|"
    r"erschienen|publié|publicado|publicada|pubblicato|gepubliceerd|опубликовано|опубліковано|"
    r"дата\sпубликации|дата\sпублікації|입력|등록|公開|发布|發布)\W{0,4}" + _LABEL_LINK + _WEEKDAY + "$",
    re.I,
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: its offsets, ISO value and the role its label gives it."""

    start: int
    end: int
    value: str
    role: DateRole | None
    has_time: bool
    has_tz: bool

    @property
    def day(self) -> str:
        """The ``YYYY-MM-DD`` part of the value."""
        return self.value[:10]


def parse_offset(text: str, when: date | None = None) -> timezone | None:
    """Return the UTC offset a zone name or numeric offset stands for, or ``None``.

    >>> parse_offset("KST")
    datetime.timezone(datetime.timedelta(seconds=32400))
    >>> parse_offset("+0530")
    datetime.timezone(datetime.timedelta(seconds=19800))
    """
    m = _TZ.fullmatch(text.strip())
    if not m:
        return None
    return _offset_from_match(m, when)


def _offset_from_match(m: re.Match[str], when: date | None) -> timezone | None:
    name = m.group("name")
    if name:
        base: int | None = None
        upper = name.upper()
        if upper in _REGION_ZONES and upper not in _FIXED_ZONES:
            day = when or date(2000, 1, 1)
            probe = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(_REGION_ZONES[upper]))
            off = probe.utcoffset()
            base = int(off.total_seconds() // 60) if off is not None else None
        elif upper in _FIXED_ZONES and name == upper:
            base = _FIXED_ZONES[upper]
        if base is None:
            return None
        if m.group("sign1") and upper in {"UTC", "GMT"}:
            sign = 1 if m.group("sign1") == "+" else -1
            hours = int(m.group("oh1"))
            minutes = int(m.group("om1") or 0)
            if hours > 14:
                return None
            base = sign * (hours * 60 + minutes)
        return timezone(timedelta(minutes=base))
    if m.group("sign2"):
        sign = 1 if m.group("sign2") == "+" else -1
        hours, minutes = int(m.group("oh2")), int(m.group("om2"))
        if hours > 14:
            return None
        return timezone(timedelta(minutes=sign * (hours * 60 + minutes)))
    return None


def _format(day: date, hour: int | None, minute: int, second: int, tz: timezone | None) -> str:
    if hour is None:
        return day.isoformat()
    stamp = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)
    return stamp.isoformat()


def _make_day(year: int, month: int, day_: int) -> date | None:
    try:
        return date(year, month, day_)
    except ValueError:
        return None


def _day_of(kind: str, m: re.Match[str], day_first: bool = False) -> date | None:
    year = int(m.group("y"))
    if kind == "short":
        return _make_day(year + (2000 if year < 50 else 1900), int(m.group("b")), int(m.group("a")))
    if kind in {"mdy", "dmy"}:
        month = _MONTHS[m.group("mon").lower()]
        return _make_day(year, month, int(m.group("d")))
    if kind == "numeric":
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12:
            return _make_day(year, b, a)
        if b > 12 or (m.group("sep") == "/" and not day_first):
            return _make_day(year, a, b)
        return _make_day(year, b, a)  # 09.09.2019: day first, the European usage of dots
    return _make_day(year, int(m.group("m")), int(m.group("d")))


def _clock(m: re.Match[str]) -> tuple[int, int, int] | None:
    hour = int(m.group("H"))
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if m.group("M") is None and not ampm:
        return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23:
        return None
    return hour, int(m.group("M") or 0), int(m.group("S") or 0)


# What may stand between a date and its time: punctuation, "at", "um", "à", "a las", "alle", "om", "u".
_TIME_LEAD = re.compile(
    r"[\s,|/·•@\-–—(]{0,5}(?:(?:at|um|à|a\slas|alle(?:\sore)?|ore|às|om|u|kl\.?)\s{1,2})?", re.I
)


def _time_near(text: str, start: int, end: int) -> tuple[tuple[int, int, int], int, int] | None:
    """Find a clock time just after the date (preferred) or just before it."""
    after = text[end : end + 30]
    lead = _TIME_LEAD.match(after)
    offset = lead.end() if lead else 0
    m = _TIME.match(after, offset)
    if m:
        clock = _clock(m)
        if clock:
            return clock, end + m.start(), end + m.end()
    before = text[max(0, start - 40) : start]
    for m in reversed(list(_TIME.finditer(before))):
        tail = before[m.end() :]
        if len(tail) > 26 or re.search(r"[.;!?]\s", tail):
            break
        clock = _clock(m)
        if clock and (m.group("ampm") or m.group("M")):
            base = start - len(before)
            return clock, base + m.start(), base + m.end()
    return None


def _tz_after(text: str, pos: int, when: date) -> tuple[timezone, int] | None:
    m = _TZ.match(text, pos)
    if not m:
        return None
    tz = _offset_from_match(m, when)
    if tz is None:
        return None
    return tz, m.end()


# German and Dutch put the participle last: "… am 3. Dezember 2011 um 10:12 Uhr veröffentlicht".
_PARTICIPLE_LEAD = r"[\s,.]*(?:(?:um|gegen|om)\s+\S{1,8}(?:\s+Uhr)?\s+)?"
_LABEL_PUBLISHED_AFTER = re.compile(
    _PARTICIPLE_LEAD + r"(?:veröffentlicht|erschienen|publiziert|gepubliceerd)\b", re.I
)
_LABEL_MODIFIED_AFTER = re.compile(
    _PARTICIPLE_LEAD + r"(?:aktualisiert|geändert|bijgewerkt|gewijzigd)\b", re.I
)


def _role_before(prefix: str) -> DateRole | None:
    tail = prefix[-40:]
    if _LABEL_MODIFIED.search(tail):
        return "modified"
    if _LABEL_PUBLISHED.search(tail):
        return "published"
    return None


def find_dates(text: str, *, limit: int = 20, day_first: bool = False) -> list[FoundDate]:
    """Return the dates stated in ``text``, in order, each with time and offset when given.

    ``limit`` bounds how many are returned (datelines come first on a page). ``day_first`` reads an
    ambiguous ``02/10/2020`` as the 2nd of October (dotted dates are always read day first).

    >>> find_dates("Published: 9 September 2019")[0]
    FoundDate(start=11, end=27, value='2019-09-09', role='published', has_time=False, has_tz=False)
    >>> find_dates("Dieser Beitrag wurde am Samstag, 3. Dezember 2011 veröffentlicht")[0].role
    'published'
    """
    if not _MAYBE_DATE.search(text):
        return []
    hits: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            hits.append((m.start(), m.end(), kind, m))
    hits.sort(key=lambda h: (h[0], -h[1]))
    found: list[FoundDate] = []
    last_end = 0
    for start, end, kind, m in hits:
        if start < last_end:
            continue
        day = _day_of(kind, m, day_first)
        if day is None:
            continue
        hour: int | None = None
        minute = second = 0
        tz: timezone | None = None
        span_start, span_end = start, end
        if kind == "iso" and m.group("H"):
            hour, minute, second = int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
            if hour > 23:
                hour = None
            if m.group("tz"):
                tz = parse_offset(m.group("tz").upper()) if m.group("tz") != "Z" else UTC
            else:
                got = _tz_after(text, end, day)
                if got:
                    tz, span_end = got
        else:
            near = _time_near(text, start, end)
            if near:
                (hour, minute, second), t_start, t_end = near
                span_start, span_end = min(start, t_start), max(end, t_end)
                got = _tz_after(text, t_end, day)
                if got:
                    tz, tz_end = got
                    span_end = max(span_end, tz_end)
        prefix = text[max(last_end, span_start - 40) : span_start]
        if _LABEL_NOW.search(prefix):
            last_end = span_end
            continue
        role = _role_before(prefix)
        if role is None and _LABEL_PUBLISHED_AFTER.match(text, span_end, span_end + 60):
            role = "published"
        elif role is None and _LABEL_MODIFIED_AFTER.match(text, span_end, span_end + 60):
            role = "modified"
        found.append(
            FoundDate(
                start=span_start,
                end=span_end,
                value=_format(day, hour, minute, second, tz),
                role=role,
                has_time=hour is not None,
                has_tz=tz is not None,
            )
        )
        last_end = span_end
        if len(found) >= limit:
            break
    return found


# What joins the two ends of a period: "10.07.2023 – 21.07.2023", "3 May 2021 to 7 May 2021".
_RANGE_JOIN = re.compile(r"\s{0,3}(?:[-–—]|bis|to|until|till|au|al|tot)\s{0,3}", re.I)


def without_ranges(text: str, found: list[FoundDate]) -> list[FoundDate]:
    """Drop the dates that begin or end a period in ``text``: an event's dates, not a dateline.

    Two dates of which one is labelled as the publication or modification date are no period: the
    label makes them datelines ("Posted 2 Mar 2023 - updated 3 Mar 2023").

    >>> text = "Sommerkurs: 10.07.2023 – 21.07.2023, 3 Jul 2023"
    >>> [d.value for d in without_ranges(text, find_dates(text))]
    ['2023-07-03']
    >>> text = "Veröffentlicht am 01.03.2023 – 02.03.2023 aktualisiert"
    >>> [(d.value, d.role) for d in without_ranges(text, find_dates(text))]
    [('2023-03-01', 'published'), ('2023-03-02', 'modified')]
    """
    drop: set[int] = set()
    for i in range(len(found) - 1):
        first, second = found[i], found[i + 1]
        if (
            first.role is None
            and second.role is None
            and _RANGE_JOIN.fullmatch(text, first.end, second.start)
        ):
            drop.update((i, i + 1))
    return [d for i, d in enumerate(found) if i not in drop] if drop else found


def normalise_iso(value: str) -> str | None:
    """Normalise a machine-readable date (meta tag, JSON-LD, ``<time datetime>``).

    Keeps the stated local time and offset; returns a bare day when no time is given,
    and ``None`` when the value is not a date.

    >>> normalise_iso("2019-09-09T08:32:00.000Z")
    '2019-09-09T08:32:00+00:00'
    >>> normalise_iso("2019-09-09T17:32:00+0900")
    '2019-09-09T17:32:00+09:00'
    >>> normalise_iso("Mon, 09 Sep 2019 17:32:00 +0900")
    '2019-09-09T17:32:00+09:00'
    """
    value = value.strip()[:80]
    if not value:
        return None
    dates = find_dates(value, limit=1)
    if not dates:
        return None
    found = dates[0]
    if found.has_time and not found.has_tz and found.value.endswith(":00") and value.rstrip().endswith("Z"):
        return found.value + "+00:00"
    return found.value

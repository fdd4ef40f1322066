"""Put a page's machine-readable date into the page's own local time, and check it against its URL.

Many pages state ``datePublished`` in UTC. An article posted at 9 p.m. in New York is stamped the
next day in UTC, so its day is wrong for anyone dating events by it. The local zone is taken, in
this order, from other timestamps on the page that carry an offset (:func:`page_zones`), from the
site's country code, and from a date in the URL (``/2020/02/24/``), which news sites write in local
time. A time the page states without a zone is left without one: a guessed zone is not a stated one.

>>> url_day("https://example.com/2020/02/24/some-story/")
'2020-02-24'
>>> localise("2020-02-25T02:25:54+00:00", url="https://example.com/2020/02/24/story", stated=[])
('2020-02-24T21:25:54-05:00', False)
>>> localise("2019-10-18T22:04:00+00:00", url="https://www.example.at/story", stated=[])
('2019-10-19T00:04:00+02:00', False)
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, available_timezones

__all__ = ["localise", "page_zones", "url_day", "url_month"]

# A one-digit day must end a path segment ("/2023/10/3-questions" is not the 3rd).
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]([01]?\d)[/_-]([0-3]\d(?=[/_.-]|$)|\d(?=[/_.]|$))")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d\d)([01]\d)([0-3]\d)(?=[/_-])")
# A day and month before the year (``/29-10-2021``): read only where the order is plain (one number over 12).
_URL_DATE_YEAR_LAST = re.compile(r"(?<![\d.])([0-3]?\d)[/_.-]([0-3]?\d)[/_.-]((?:19|20)\d\d)(?=[/_.-]|$)")

# The main time zone of a site's country code; where a country has several, the most populous.
_TLD_ZONES = {
    "de": "Europe/Berlin",
    "at": "Europe/Vienna",
    "ch": "Europe/Zurich",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "nl": "Europe/Amsterdam",
    "be": "Europe/Brussels",
    "pl": "Europe/Warsaw",
    "cz": "Europe/Prague",
    "se": "Europe/Stockholm",
    "no": "Europe/Oslo",
    "dk": "Europe/Copenhagen",
    "fi": "Europe/Helsinki",
    "pt": "Europe/Lisbon",
    "ie": "Europe/Dublin",
    "uk": "Europe/London",
    "gr": "Europe/Athens",
    "tr": "Europe/Istanbul",
    "ru": "Europe/Moscow",
    "ua": "Europe/Kyiv",
    "ro": "Europe/Bucharest",
    "hu": "Europe/Budapest",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "cn": "Asia/Shanghai",
    "tw": "Asia/Taipei",
    "hk": "Asia/Hong_Kong",
    "sg": "Asia/Singapore",
    "in": "Asia/Kolkata",
    "pk": "Asia/Karachi",
    "id": "Asia/Jakarta",
    "ph": "Asia/Manila",
    "vn": "Asia/Ho_Chi_Minh",
    "th": "Asia/Bangkok",
    "il": "Asia/Jerusalem",
    "ae": "Asia/Dubai",
    "au": "Australia/Sydney",
    "nz": "Pacific/Auckland",
    "br": "America/Sao_Paulo",
    "ar": "America/Argentina/Buenos_Aires",
    "mx": "America/Mexico_City",
    "ca": "America/Toronto",
    "za": "Africa/Johannesburg",
    "ng": "Africa/Lagos",
    "ke": "Africa/Nairobi",
    "eg": "Africa/Cairo",
}
# Zones tried, in order, when only the URL's day says where the page is.
_PROBE_ZONES = ("America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney")


def url_day(url: str | None) -> str | None:
    """Return the ``YYYY-MM-DD`` written in a URL's path, or ``None``.

    >>> url_day("https://example.com/2019/10/09/a-story"), url_day("https://example.com/news/29-10-2021")
    ('2019-10-09', '2021-10-29')
    >>> url_day("https://example.com/news/05-10-2021") is None  # 5 October or May 10: not said
    True
    """
    if not url:
        return None
    path = urlsplit(url).path
    m = _URL_DATE.search(path) or _URL_DATE_COMPACT.search(path)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        m = _URL_DATE_YEAR_LAST.search(path)
        if not m:
            return None
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if first > 12 >= second:
            return date(year, second, first).isoformat()
        if second > 12 >= first:
            return date(year, first, second).isoformat()
    except ValueError:
        return None
    return None


_URL_MONTH = re.compile(r"/((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])(?=[/_-])")


def url_month(url: str | None) -> str | None:
    """Return the ``YYYY-MM`` written in a URL's path (``/2019/10/``), or ``None``.

    >>> url_month("https://example.com/2019/10/a-story/"), url_month("https://example.com/a-story")
    ('2019-10', None)
    """
    if not url:
        return None
    m = _URL_MONTH.search(urlsplit(url).path)
    return f"{m.group(1)}-{int(m.group(2)):02d}" if m else None


def _tld_zone(url: str | None) -> ZoneInfo | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    name = _TLD_ZONES.get(tld)
    return ZoneInfo(name) if name else None


@cache
def _all_zones() -> tuple[ZoneInfo, ...]:
    return tuple(ZoneInfo(name) for name in sorted(available_timezones()))


def _carries(offset: timedelta, seen: datetime, when: datetime) -> bool:
    """Whether every zone that has ``offset`` at ``seen`` has it at ``when`` too (no summer time between).

    Without a time zone database nothing can be said, and the offset is not carried.
    """
    zones = _all_zones()
    if not zones:
        return False
    for zone in zones:
        if seen.astimezone(zone).utcoffset() == offset and when.astimezone(zone).utcoffset() != offset:
            return False
    return True


def page_zones(stamp: datetime, *, url: str | None, stated: list[datetime]) -> list[tzinfo]:
    """The zones the page's own words put ``stamp`` in, best first.

    First the offsets the page's other timestamps state: as the zone of the site's country where
    that zone had the offset then (its summer time follows), else as that fixed offset only where no
    zone with it changes to or from summer time between the two instants. Then the site's country.

    >>> from datetime import timezone
    >>> july = datetime(2022, 7, 1, 10, tzinfo=timezone(timedelta(hours=2)))
    >>> january = datetime(2022, 1, 21, 12, tzinfo=timezone.utc)
    >>> page_zones(january, url="https://example.com/a", stated=[july])  # +02:00 in July is not January's
    []
    >>> [str(z) for z in page_zones(january, url="https://example.de/a", stated=[july])]
    ['Europe/Berlin']
    """
    tld = _tld_zone(url)
    zones: list[tzinfo] = []
    for seen in stated:
        offset = seen.utcoffset()
        if offset is None or not offset:
            continue
        if tld is not None and seen.astimezone(tld).utcoffset() == offset:
            zone: tzinfo = tld
        elif _carries(offset, seen, stamp):
            zone = timezone(offset)
        else:
            continue
        if zone not in zones:
            zones.append(zone)
    if tld is not None and tld not in zones:
        zones.append(tld)
    return zones


def localise(
    value: str, *, url: str | None, stated: list[datetime], day: str | None = None
) -> tuple[str, bool]:
    """Return ``(value, replaced)``: the value in the page's local time, or the day the page gives.

    ``value`` is kept as it is unless it is stated in UTC, or disagrees with the day the page gives:
    ``day`` (the day it shows by its headline) or else the day in its URL. ``replaced`` is True when
    that day replaced the value (a bare day is returned then).

    >>> localise("2019-12-27T04:15:00+00:00", url="https://example.com/story", stated=[], day="2019-12-26")
    ('2019-12-26T23:15:00-05:00', False)
    """
    in_url = url_day(url)
    day = day or in_url
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return value, False
    utc = stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
    if utc:
        for zone in page_zones(stamp, url=url, stated=stated):
            local = stamp.astimezone(zone)
            if day is None or local.date().isoformat() == day:
                return local.isoformat(), False
        if day is not None and value[:10] == day and in_url is None:
            # Shown on its UTC day and no zone known: nothing says the page's zone; UTC stays.
            return value, False
        if day is not None:
            for name in _PROBE_ZONES:
                local = stamp.astimezone(ZoneInfo(name))
                if local.date().isoformat() == day:
                    return local.isoformat(), False
    if day is not None and value[:10] != day:
        return day, True
    return value, False

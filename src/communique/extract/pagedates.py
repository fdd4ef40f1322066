"""A page's publication and modification dates, from its markup and from what it shows.

Sources are tried best first: JSON-LD, then ``<meta>`` (Open Graph, Dublin Core, parsely, sailthru …),
then ``itemprop`` and ``<time datetime>``, then visible datelines near the headline. The one day the
page shows right around its headline wins over another day in the markup (a draft's or a sitemap's
day); a visible dateline with time and zone that names the same day refines a bare markup date; a
date stated in UTC is put into the page's local time (:mod:`.localtime`), on the day the page shows
when it shows one; a time stated without a zone stays without one.

>>> from lxml import html
>>> from communique.extract.meta import page_metadata
>>> page = html.fromstring('''<html lang="de"><head>
... <meta property="article:published_time" content="2021-05-03T10:00:00+02:00"></head><body>
... <h1>Neue Radwege für die Altstadt</h1><div class="article-date">12.05.2021</div></body></html>''')
>>> info = page_metadata(page)
>>> info.published, info.published_source
('2021-05-12', 'dateline')
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from communique.extract.common import text_key
from communique.extract.dates import FoundDate, find_dates, normalise_iso, without_ranges
from communique.extract.lines import word_count
from communique.extract.localtime import localise, url_day, url_month
from communique.extract.textdate import text_dateline

if TYPE_CHECKING:
    from communique.extract.meta import PageMeta

__all__ = ["day_first", "element_text", "page_dates"]

_SPACES = re.compile(r"\s+")
_HAS_DIGIT = re.compile(r"\d").search


def element_text(el: HtmlElement) -> str:
    """An element's text, its runs of white space made one space."""
    return _SPACES.sub(" ", el.text_content() or "").strip()


def _spaced_text(el: HtmlElement) -> str:
    """An element's text with a space between its children's (a date and its time in two spans)."""
    return _SPACES.sub(" ", " ".join(el.itertext())).strip()


_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "date",
    "originalpublicationdate",
    "article:published",
    "og:pubdate",
    "cxenseparse:recs:publishtime",
    "article_date_original",
    "displaydate",
    "datecreated",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "article:modified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
)

_DATE_PUBLISHED_PROPS = etree.XPath("//*[@itemprop='datePublished']")
# Marked elements (meta.marked_elements) that may hold a dateline: their tag, a word in their class or id.
_DATE_TAGS = frozenset(["span", "div", "p", "time", "li", "small", "em", "header", "dd"])
_DATE_CLASS = re.compile(r"date|time|posted|publish|byline|dateline|meta|updated|info|stamp", re.I)


def _instant(value: str) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None


# Parts of a page that hold other articles' dates or readers' comments, not the article's own.
_ASIDE_TAGS = frozenset(["aside", "nav", "blockquote"])
_ASIDE_MARK = re.compile(
    r"comment|related|sidebar|widget|teaser|recommend|popular|trending|repl(?:y|ies)|respons|most-?read|"
    r"more-?stories|read-?next|carousel",
    re.I,
)

_ARTICLE_META = re.compile(r"\b(?:meta|article-?meta|post-?meta|entry-?meta|article-?info|dateline)\b", re.I)


def _in_aside(el: HtmlElement) -> bool:
    """Return True when ``el`` sits in a sidebar, a list of other stories, an embed or the comments."""
    for anc in el.iterancestors():
        tag = anc.tag
        if tag in ("body", "html"):
            return False
        marker = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if tag in _ASIDE_TAGS:
            # an <aside> marked as the article's meta box: its own date, source and author
            return not (tag == "aside" and _ARTICLE_META.search(marker))
        if len(marker) > 1 and _ASIDE_MARK.search(marker):
            return True
    return False


def _visible_dates(marked: list[tuple[HtmlElement, str]]) -> list[str]:
    """Short texts of elements whose class or id says they hold a date or byline, in page order.

    Elements in sidebars, teaser lists and comments are left out: their dates are other articles'.
    """
    texts: list[str] = []
    for el, _marker in marked:
        if el.tag not in _DATE_TAGS:
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not marker.strip() or not _DATE_CLASS.search(marker):
            continue
        text = _spaced_text(el)
        if 6 <= len(text) <= 160 and not _in_aside(el):
            texts.append(text)
        if len(texts) >= 12:
            break
    return texts


# Date elements that hold an event's date, a deadline or an offer's end, not the page's own.
_NOT_DATELINE = re.compile(
    r"event|termin|veranstalt|schedule|agenda|deadline|expir|valid|frist|start-?date|end-?date", re.I
)
# The elements around the headline: a dateline sits just under it, or just above it as a kicker.
_AROUND_HEADLINE = etree.XPath("preceding::*[position() <= 3] | following::*[position() <= 30]")


def _key(text: str) -> str:
    return text_key(text)[:20]


def _like(key: str, title_key: str) -> bool:
    return len(title_key) >= 8 and len(key) >= 8 and (key.startswith(title_key) or title_key.startswith(key))


def _headline_element(tree: HtmlElement, title: str | None, site: str | None) -> HtmlElement | None:
    """The element that holds the headline: the ``<h1>`` the title starts like, else the first that is
    not empty and not the site's name (a logo is often an ``<h1>`` too); on a page with neither, an
    ``<h2>`` or ``<h3>`` the title starts like."""
    title_key, site_key = _key(title or ""), _key(site or "")
    fallback = None
    for el in tree.iter("h1"):
        key = _key(element_text(el))
        if not key or key == site_key:
            continue
        if _like(key, title_key):
            return el
        fallback = fallback if fallback is not None else el
    if fallback is None:
        return next((el for el in tree.iter("h2", "h3") if _like(_key(element_text(el)), title_key)), None)
    return fallback


def _headline_dates(tree: HtmlElement, info: PageMeta, *, day_first: bool) -> list[FoundDate]:
    """Dates right around the page's headline (three elements before it, thirty after): in elements
    marked as dates, or alone in an element.

    Dates labelled as modifications are left out. A page's own dateline is here; the dates of a site
    header ("today"), of teaser lists and of a print edition sit farther away.
    """
    headline = _headline_element(tree, info.title, info.site)
    if headline is None:
        return []
    found: list[FoundDate] = []
    for el in _AROUND_HEADLINE(headline):
        if el.tag not in _DATE_TAGS:
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        if len(marker) > 1 and _DATE_CLASS.search(marker):
            if len(el) > 12 or _NOT_DATELINE.search(marker):  # a container (the article, a list), an event
                continue
            text = _spaced_text(el)
            if 6 <= len(text) <= 160 and _HAS_DIGIT(text) and not _in_aside(el):
                found.extend(_dates_in([text], day_first=day_first))
        elif len(el) == 0 and el.text and 6 <= len(text := el.text.strip()) <= 40 and _HAS_DIGIT(text):
            # an unmarked element that holds only a date (and its time): <li>27 juin 2019</li>
            dates = find_dates(text, limit=2, day_first=day_first)
            if (
                len(dates) == 1
                and dates[0].end - dates[0].start >= len(text.strip(" .,|-–—()"))
                and not _in_aside(el)
            ):
                found.append(dates[0])
    return [d for d in found if d.role != "modified"]


def _swapped(day: str, other: str) -> bool:
    """Whether two ``YYYY-MM-DD`` days differ only in the order of day and month."""
    return day != other and day[:4] == other[:4] and day[5:7] == other[8:10] and day[8:10] == other[5:7]


def _same_day(value: str, day: str) -> bool:
    """Whether a stated date is on ``day``, or is a UTC stamp that is on ``day`` in some time zone."""
    if value[:10] == day:
        return True
    stamp = _instant(value)
    if stamp is None or stamp.utcoffset() != timedelta(0):
        return False
    return day in (
        (stamp - timedelta(hours=12)).date().isoformat(),
        (stamp + timedelta(hours=14)).date().isoformat(),
    )


def _stamps(values: list[str | None]) -> list[datetime]:
    """The page's timestamps that state a zone other than UTC: they tell its local zone."""
    found: list[datetime] = []
    for value in values:
        stamp = _instant(value) if value else None
        if stamp is not None and stamp.utcoffset() and stamp not in found:
            found.append(stamp)
    return found


_DAY_FIRST_TLDS = frozenset(["uk", "au", "nz", "ie", "in", "za", "sg", "pk", "ng", "ke"])
_LOCALE_IN_URL = re.compile(r"/([a-z]{2})[-_]([a-z]{2})(?:/|$)", re.I)


def day_first(lang: str | None, url: str | None) -> bool:
    """Whether the page writes 02/10/2020 for the 2nd of October: all but US English do.

    >>> day_first("en-GB", None), day_first("en-US", None), day_first("fr", None), day_first(None, None)
    (True, False, True, False)
    """
    code = (lang or "").strip().lower().replace("_", "-")
    primary, _, region = code.partition("-")
    if not region and url:
        m = _LOCALE_IN_URL.search(urlsplit(url).path)
        if m and (not primary or m.group(1).lower() == primary):
            primary, region = m.group(1).lower(), m.group(2).lower()
    if primary and primary != "en":
        return True
    if region:
        return region not in ("us", "ph")
    host = (urlsplit(url).hostname or "") if url else ""
    return host.rsplit(".", 1)[-1] in _DAY_FIRST_TLDS


def _dates_in(texts: list[str], *, day_first: bool) -> list[FoundDate]:
    """Dates in dateline texts; in a longer text (a sentence, a teaser) only the labelled or timed ones."""
    found: list[FoundDate] = []
    for text in texts:
        dates = without_ranges(text, find_dates(text, limit=3, day_first=day_first))
        if word_count(text) > 14:
            dates = [d for d in dates if d.role is not None or d.has_time]
        found.extend(dates)
    return found


def page_dates(
    tree: HtmlElement, tags: dict[str, str], ld: dict[str, Any], info: PageMeta, url: str | None
) -> None:
    """Set ``info.published``, ``info.published_source`` and ``info.modified`` from the page.

    ``tags`` are the page's ``<meta>`` tags by lowercased name, ``ld`` the fields of its JSON-LD
    article; ``info`` already holds the title, site, language and marked elements.
    """
    candidates: list[tuple[str, str | None]] = [("jsonld", normalise_iso(str(ld.get("datePublished") or "")))]
    candidates += [("meta", normalise_iso(tags[k])) for k in _PUBLISHED_KEYS if k in tags]
    for el in _DATE_PUBLISHED_PROPS(tree):
        value = el.get("content") or el.get("datetime") or element_text(el)
        candidates.append(("itemprop", normalise_iso(value)))
        break
    for el in tree.iter("time"):
        value = el.get("datetime") or ""
        if value and not _in_aside(el):
            candidates.append(("time", normalise_iso(value)))
            break
    published = next(((src, v) for src, v in candidates if v), None)
    stated_modified = normalise_iso(str(ld.get("dateModified") or "")) or next(
        (v for v in (normalise_iso(tags[k]) for k in _MODIFIED_KEYS if k in tags) if v), None
    )
    dmy = day_first(info.lang, url)
    near = _headline_dates(tree, info, day_first=dmy)
    days = {d.day for d in near}
    shown_day = days.pop() if len(days) == 1 else None  # the one day the page shows by its headline
    if shown_day is not None and published is not None and _swapped(shown_day, published[1][:10]):
        shown_day = None  # 11/01/2021 read day first, the markup says 1 November: the markup settles it
    if shown_day is not None and (published is None or not _same_day(published[1], shown_day)):
        # The page shows another day by its headline than its markup states: the markup holds
        # another date (the draft's, a sitemap's), and the dateline is what readers see.
        published = ("dateline", near[0].value)
    # Visible datelines are read when the machine-readable date lacks a time, or gives it in UTC
    # (often converted from the local time the page shows), or is missing, or when the page was
    # modified on another day than it was published.
    need_visible = (
        published is None
        or published[0] == "dateline"  # no markup date, or the page shows another: its "Updated" line too
        or "T" not in published[1]
        or published[1].endswith("+00:00")
        or (stated_modified is not None and stated_modified[:10] != published[1][:10])
    )
    visible = _dates_in(_visible_dates(info.marked), day_first=dmy) if need_visible else []

    def text_date_of_page() -> str | None:  # the dateline under the headline in the page's text
        return text_dateline(tree, headline=info.h1, title=info.title, day_first=dmy, url=url)

    if published is not None and stated_modified is not None and stated_modified[:10] != published[1][:10]:
        # The page shows the day it was modified as its date, and not the day it was first published
        # (and no "Updated" label says so): it was republished, and that is the date it gives readers.
        shown = [d.value for d in visible if d.role != "modified"]
        if not any(v[:10] in (published[1][:10], stated_modified[:10]) for v in shown):
            # No marked element says: read the dateline under the headline in the page's text.
            text_date = text_date_of_page()
            shown = [text_date] if text_date else []
        if not any(v[:10] == published[1][:10] for v in shown):
            republished = next((v for v in shown if v[:10] == stated_modified[:10]), None)
            if republished is not None:
                published = ("dateline", republished)
    elif published is not None and published[0] != "dateline" and "T" not in published[1]:
        # Markup that gives a bare day is often a listing or sitemap date; a dateline the page shows
        # by its headline, on another day, is the article's own.
        shown = [d.value for d in visible if d.role != "modified"]
        if not any(v[:10] == published[1][:10] for v in shown):
            text_date = text_date_of_page()
            if text_date is None and len({v[:10] for v in shown}) == 1:
                text_date = shown[0]  # the one day the page's date elements show
            month = url_month(url)
            if text_date and text_date[:10] != published[1][:10] and month in (None, text_date[:7]):
                published = ("dateline", text_date)
    if published is None and visible:
        labelled = [d for d in visible if d.role == "published"] or [d for d in visible if d.role is None]
        if labelled:
            # A date the URL also gives is the article's; otherwise the first one on the page.
            day = url_day(url)
            chosen = next((d for d in labelled if d.day == day), labelled[0])
            published = ("dateline", chosen.value)
    stated = [v for _, v in candidates] + [normalise_iso(str(ld.get("dateModified") or ""))]
    stated += [normalise_iso(tags[k]) for k in _MODIFIED_KEYS if k in tags]
    stamps = _stamps(stated)
    if published is not None:
        source, value = published
        stamp = _instant(value)
        for found in visible:
            if found.role == "modified" or not (found.has_time and found.has_tz):
                continue
            other = _instant(found.value)
            if (stamp is not None and other == stamp) or (stamp is None and found.day == value[:10]):
                source, value = "dateline", found.value
                break
        if source != "dateline":
            # A UTC stamp is put into the page's local time, on the day the page shows if it shows one.
            value, replaced = localise(value, url=url, stated=stamps, day=shown_day)
            if replaced:
                value, source = (near[0].value, "dateline") if shown_day else (value, "url")
        info.published, info.published_source = value, source
    elif (day := url_day(url)) is not None:
        info.published, info.published_source = day, "url"
    modified = stated_modified
    if modified is None:
        modified = next((d.value for d in visible if d.role == "modified"), None)
    info.modified = modified

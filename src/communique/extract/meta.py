"""What an HTML page says about its article: meta tags, JSON-LD, ``<time>``, bylines, captions.

Dates keep the local time and UTC offset the page states. Sources are tried best first:
JSON-LD, then ``<meta>`` (Open Graph, Dublin Core, parsely, sailthru …), then ``itemprop`` and
``<time datetime>``, then visible datelines near the headline; a visible dateline with time and
zone that names the same day refines a bare meta date.

>>> from lxml import html
>>> page = html.fromstring('''<html lang="en"><head>
... <meta property="article:published_time" content="2019-09-09T17:32:00+09:00">
... <meta property="og:site_name" content="The Example Times"><meta name="author" content="Jane Doe">
... </head><body><h1>Talks resume</h1></body></html>''')
>>> info = page_metadata(page)
>>> info.published, info.published_source, info.site, info.authors, info.lang
('2019-09-09T17:32:00+09:00', 'meta', 'The Example Times', ['Jane Doe'], 'en')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from communique.extract.dates import FoundDate, find_dates, normalise_iso
from communique.extract.lines import byline_names, credit_only, split_caption, word_count
from communique.extract.localtime import localise, url_day, url_month
from communique.extract.textdate import text_dateline
from communique.models import Caption

__all__ = ["PageMeta", "day_first", "marked_elements", "page_metadata"]

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
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
    "dcterms.creator",
)
_SECTION_KEYS = (
    "article:section",
    "section",
    "parsely-section",
    "category",
    "article.section",
    "cxenseparse:section",
)
# Compiled XPath runs in C; ElementPath's iterfind with a predicate runs in Python and is slower.
_JSONLD_SCRIPTS = etree.XPath("//script[@type='application/ld+json']")
_AUTHOR_LINKS = etree.XPath("//a[@rel='author']")
_DATE_PUBLISHED_PROPS = etree.XPath("//*[@itemprop='datePublished']")
_ARTICLE_TYPES = re.compile(r"(?:Article|Posting|Report|NewsArticle|WebPage|Blog)$")
_DATE_CLASS = re.compile(r"date|time|posted|publish|byline|dateline|meta|updated|info|stamp", re.I)
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"\W+")


@dataclass
class PageMeta:
    """Metadata read from an HTML page."""

    title: str | None = None
    h1: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    published: str | None = None
    published_source: str | None = None
    modified: str | None = None
    lang: str | None = None
    description: str | None = None
    captions: list[Caption] = field(default_factory=list)
    # elements whose class, id or itemprop names what they hold, with that marker (see marked_elements)
    marked: list[tuple[HtmlElement, str]] = field(default_factory=list, repr=False)
    # spans whose class or id names a pop-up (tooltip, hover card), found in the same pass
    pop_ups: list[HtmlElement] = field(default_factory=list, repr=False)


def _text(el: HtmlElement) -> str:
    return _SPACES.sub(" ", el.text_content() or "").strip()


def _walk_jsonld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _walk_jsonld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_jsonld(data["@graph"], depth + 1)
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, dict):
            yield from _walk_jsonld(main, depth + 1)


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if not value.startswith(("http://", "https://")) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value[:10] for n in _names(item)]
    return []


def _first_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value:
        return _first_str(value[0])
    if isinstance(value, dict):
        return _first_str(value.get("name"))
    return None


def _jsonld(tree: HtmlElement) -> dict[str, Any]:
    """Return the fields of the page's main JSON-LD article object (first one of an article type)."""
    found: dict[str, Any] = {}
    for script in _JSONLD_SCRIPTS(tree):
        raw = (script.text or "").strip()
        if not raw or len(raw) > 2_000_000:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        for obj in _walk_jsonld(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            is_article = any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)
            if not is_article:
                continue
            for key in (
                "headline",
                "datePublished",
                "dateModified",
                "articleSection",
                "inLanguage",
                "dateCreated",
            ):
                if key not in found and obj.get(key):
                    found[key] = obj[key]
            if "author" not in found and obj.get("author"):
                found["author"] = obj["author"]
            if "publisher" not in found and isinstance(obj.get("publisher"), dict):
                found["publisher"] = obj["publisher"].get("name")
    return found


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (el.get(attr) or "").strip().lower()
            if key and key not in tags and content.strip():
                tags[key] = content.strip()
    return tags


def _instant(value: str) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None


# Elements whose class, id or itemprop may say what they hold (a date, a byline, a caption, a dek).
_MARKED_TAGS = (
    "div", "span", "p", "time", "li", "small", "em", "header", "dd", "a", "address", "h2", "h3", "section",
)  # fmt: skip
_DATE_TAGS = frozenset(["span", "div", "p", "time", "li", "small", "em", "header", "dd"])


def _useful_marker(marker: str) -> bool:
    """Return True when a lowercased marker holds a word one of the readers below looks for.

    Each reader then applies its own pattern; a chain of substring tests is several times faster
    than one regular expression (or a generator over the words) on the thousands of elements a page has.
    """
    return (
        "date" in marker
        or "time" in marker
        or "stamp" in marker
        or "posted" in marker
        or "publish" in marker
        or "byline" in marker
        or "meta" in marker
        or "info" in marker
        or "author" in marker
        or "caption" in marker
        or "credit" in marker
        or "desc" in marker
        or "standfirst" in marker
        or "dek" in marker
        or "deck" in marker
        or "subhead" in marker
        or "sub-head" in marker
        or "subtitle" in marker
        or "sub-title" in marker
        or "summary" in marker
        or "excerpt" in marker
        or "teaser" in marker
        or "strap" in marker
    )


def marked_elements(
    tree: HtmlElement, pop_ups: list[HtmlElement] | None = None
) -> list[tuple[HtmlElement, str]]:
    """Elements whose ``class``, ``id`` or ``itemprop`` names a date, byline, caption or dek, in page order.

    Each comes with its marker, ``"<class> <id> <itemprop>"``. One pass over the tree, which is
    several times faster than an XPath predicate on the attributes. ``pop_ups``, when given,
    receives the spans whose marker names a tooltip, pop-over or hover card.
    """
    found: list[tuple[HtmlElement, str]] = []
    for el in tree.iter(*_MARKED_TAGS):
        attrib = el.attrib
        if attrib:
            marker = f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('itemprop', '')}"
            if len(marker) > 2:
                low = marker.lower()
                if _useful_marker(low):
                    found.append((el, marker))
                elif pop_ups is not None and el.tag == "span" and _pop_up_marker(low):
                    pop_ups.append(el)
    return found


def _pop_up_marker(marker: str) -> bool:
    return "rollover" in marker or "tooltip" in marker or "popover" in marker or "hovercard" in marker


# Parts of a page that hold other articles' dates or readers' comments, not the article's own.
_ASIDE_TAGS = frozenset(["aside", "nav", "blockquote"])
_ASIDE_MARK = re.compile(
    r"comment|related|sidebar|widget|teaser|recommend|popular|trending|repl(?:y|ies)|respons|most-?read|"
    r"more-?stories|read-?next|carousel",
    re.I,
)


def _in_aside(el: HtmlElement) -> bool:
    """Return True when ``el`` sits in a sidebar, a list of other stories, an embed or the comments."""
    for anc in el.iterancestors():
        tag = anc.tag
        if tag in ("body", "html"):
            return False
        if tag in _ASIDE_TAGS:
            return True
        marker = f"{anc.get('class') or ''} {anc.get('id') or ''}"
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
        text = _SPACES.sub(" ", " ".join(el.itertext())).strip()
        if 6 <= len(text) <= 160 and not _in_aside(el):
            texts.append(text)
        if len(texts) >= 12:
            break
    return texts


# The elements around the headline: a dateline sits just under it, or just above it as a kicker.
_AROUND_HEADLINE = etree.XPath("preceding::*[position() <= 3] | following::*[position() <= 30]")


def _key(text: str) -> str:
    return _NON_WORD.sub("", text.casefold())[:20]


def _headline_h1(tree: HtmlElement, title: str | None, site: str | None) -> HtmlElement | None:
    """The ``<h1>`` that holds the headline: the one the title starts like, else the first that is not
    empty and not the site's name (a logo is often an ``<h1>`` too)."""
    title_key, site_key = _key(title or ""), _key(site or "")
    fallback = None
    for el in tree.iter("h1"):
        key = _key(_text(el))
        if not key or key == site_key:
            continue
        if len(title_key) >= 8 and len(key) >= 8 and (key.startswith(title_key) or title_key.startswith(key)):
            return el
        fallback = fallback if fallback is not None else el
    return fallback


def _headline_dates(tree: HtmlElement, info: PageMeta, *, day_first: bool) -> list[FoundDate]:
    """Dates in the elements marked as dates right around the page's headline ``<h1>``.

    Dates labelled as modifications are left out. A page's own dateline is here; the dates of a site
    header ("today"), of teaser lists and of a print edition sit farther away.
    """
    h1 = _headline_h1(tree, info.title, info.site)
    if h1 is None:
        return []
    around = set(_AROUND_HEADLINE(h1))
    texts: list[str] = []
    for el, _marker in info.marked:
        if (
            el in around
            and el.tag in _DATE_TAGS
            and _DATE_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}")
        ):
            text = _SPACES.sub(" ", " ".join(el.itertext())).strip()
            if 6 <= len(text) <= 160 and not _in_aside(el):
                texts.append(text)
    return [d for d in _dates_in(texts, day_first=day_first) if d.role != "modified"]


_CAPTION_CLASS = re.compile(r"caption|credit|wp-caption-text|image-desc|photo-desc", re.I)


def _caption_elements(tree: HtmlElement, marked: list[tuple[HtmlElement, str]]) -> Iterator[HtmlElement]:
    yield from tree.iter("figcaption")
    for el, _marker in marked:
        if el.tag not in {"div", "p", "span"}:
            continue
        marker = el.get("class") or ""
        if marker and _CAPTION_CLASS.search(marker) and el.getparent() is not None:
            parent = el.getparent()
            if parent is not None and parent.tag != "figcaption":
                yield el


def _captions(tree: HtmlElement, marked: list[tuple[HtmlElement, str]]) -> list[Caption]:
    captions: list[Caption] = []
    for fig in _caption_elements(tree, marked):
        credit_el = None
        for child in fig.iter():
            marker = f"{child.get('class') or ''} {child.get('id') or ''}".lower()
            if child is not fig and re.search(r"credit|copyright|source|byline|author|photographer", marker):
                credit_el = child
                break
        text = _text(fig)
        if len(text) > 600:
            continue
        credit: str | None = None
        if credit_el is not None:
            credit = _text(credit_el)
            text = text.replace(credit, "").strip()
        elif (split := split_caption(text)) is not None:
            text, credit = split
        elif (only := credit_only(text)) is not None:
            text, credit = "", only
        if text or credit:
            captions.append(Caption(text, credit or None))
        if len(captions) >= 30:
            break
    return captions


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """Read title, site, authors, section, dates, language, description and captions from a page.

    ``url`` helps place a date stated in UTC into the page's local time (see :mod:`.localtime`).
    """
    info = PageMeta()
    marked = marked_elements(tree, info.pop_ups)
    info.marked = marked
    tags = _meta_tags(tree)
    ld = _jsonld(tree)
    title_el = tree.find(".//title")
    h1 = next(iter(tree.iter("h1")), None)
    info.h1 = _text(h1) if h1 is not None else None
    info.title = (
        _first_str(ld.get("headline"))
        or tags.get("og:title")
        or tags.get("twitter:title")
        or info.h1
        or (_text(title_el) if title_el is not None else None)
    )
    info.site = tags.get("og:site_name") or _first_str(ld.get("publisher")) or tags.get("application-name")
    authors = _names(ld.get("author"))
    if not authors:
        for key in _AUTHOR_KEYS:
            value = tags.get(key)
            if value and not value.startswith(("http://", "https://")) and len(value) <= 120:
                authors = [a.strip() for a in re.split(r"\s*(?:,|;|\band\b|&)\s*", value) if a.strip()]
                break
    if not authors:
        for el in _AUTHOR_LINKS(tree):
            name = _text(el)
            if name and len(name) <= 60:
                authors.append(name)
    if not authors:
        for el, _marker in marked:
            if el.tag not in {"span", "div", "p", "a", "address"}:
                continue
            marker = f"{el.get('class') or ''} {el.get('itemprop') or ''}".lower()
            if "byline" in marker or "author" in marker:
                text = _text(el)
                names = byline_names(text) if text.lower().startswith(("by ", "von ", "par ", "por ")) else ()
                if not names and 2 <= len(text.split()) <= 4 and text.istitle():
                    names = (text,)
                if names:
                    authors.extend(names)
                    break
    info.authors = authors
    info.section = _first_str(ld.get("articleSection")) or next(
        (tags[k] for k in _SECTION_KEYS if k in tags and len(tags[k]) <= 60), None
    )
    html_lang = (
        tree.get("lang") or tree.get("xml:lang") or tags.get("content-language") or tags.get("og:locale")
    )
    info.lang = html_lang.strip() if html_lang else None
    info.description = (
        tags.get("og:description") or tags.get("description") or tags.get("twitter:description")
    )
    _dates(tree, tags, ld, info, url)
    info.captions = _captions(tree, marked)
    return info


def _offsets(values: list[str | None]) -> list[timezone]:
    """The distinct non-UTC offsets stated by the page's timestamps: its local zone."""
    found: list[timezone] = []
    for value in values:
        stamp = _instant(value) if value else None
        if stamp is None:
            continue
        offset = stamp.utcoffset()
        if offset and timezone(offset) not in found:
            found.append(timezone(offset))
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
        dates = find_dates(text, limit=3, day_first=day_first)
        if word_count(text) > 14:
            dates = [d for d in dates if d.role is not None or d.has_time]
        found.extend(dates)
    return found


def _dates(
    tree: HtmlElement, tags: dict[str, str], ld: dict[str, Any], info: PageMeta, url: str | None
) -> None:
    candidates: list[tuple[str, str | None]] = [("jsonld", normalise_iso(str(ld.get("datePublished") or "")))]
    candidates += [("meta", normalise_iso(tags[k])) for k in _PUBLISHED_KEYS if k in tags]
    for el in _DATE_PUBLISHED_PROPS(tree):
        value = el.get("content") or el.get("datetime") or _text(el)
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
    shown_day: str | None = None  # the one day the page shows by its headline, if it shows one
    if published is not None:
        near = _headline_dates(tree, info, day_first=day_first(info.lang, url))
        days = {d.day for d in near}
        shown_day = days.pop() if len(days) == 1 else None
        if shown_day is not None and published[1][:10] != shown_day:
            # The page shows another day by its headline than its markup states: the markup holds
            # another date (the draft's, a sitemap's, a UTC stamp), and the dateline is what readers see.
            published = ("dateline", near[0].value)
    # Visible datelines are read when the machine-readable date lacks a time, or gives it in UTC
    # (often converted from the local time the page shows), or is missing, or when the page was
    # modified on another day than it was published.
    need_visible = (
        published is None
        or "T" not in published[1]
        or published[1].endswith("+00:00")
        or (stated_modified is not None and stated_modified[:10] != published[1][:10])
    )
    visible = (
        _dates_in(_visible_dates(info.marked), day_first=day_first(info.lang, url)) if need_visible else []
    )
    if published is not None and stated_modified is not None and stated_modified[:10] != published[1][:10]:
        # The page shows the day it was modified as its date, and not the day it was first published
        # (and no "Updated" label says so): it was republished, and that is the date it gives readers.
        shown = [d.value for d in visible if d.role != "modified"]
        if not any(v[:10] in (published[1][:10], stated_modified[:10]) for v in shown):
            # No marked element says: read the dateline under the headline in the page's text.
            text_date = text_dateline(
                tree, headline=info.h1, title=info.title, day_first=day_first(info.lang, url), url=url
            )
            shown = [text_date] if text_date else []
        if not any(v[:10] == published[1][:10] for v in shown):
            republished = next((v for v in shown if v[:10] == stated_modified[:10]), None)
            if republished is not None:
                published = ("dateline", republished)
    elif published is not None and "T" not in published[1]:
        # Markup that gives a bare day is often a listing or sitemap date; a dateline the page shows
        # by its headline, on another day, is the article's own.
        shown = [d.value for d in visible if d.role != "modified"]
        if not any(v[:10] == published[1][:10] for v in shown):
            text_date = text_dateline(
                tree, headline=info.h1, title=info.title, day_first=day_first(info.lang, url), url=url
            )
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
        # A UTC stamp is put into the page's local time, unless the page shows its UTC day by the headline.
        if source != "dateline" and value[:10] != shown_day:
            stated = [v for _, v in candidates] + [normalise_iso(str(ld.get("dateModified") or ""))]
            stated += [normalise_iso(tags[k]) for k in _MODIFIED_KEYS if k in tags]
            value, from_url = localise(value, url=url, offsets=_offsets(stated))
            source = "url" if from_url else source
        info.published, info.published_source = value, source
    elif (day := url_day(url)) is not None:
        info.published, info.published_source = day, "url"
    modified = stated_modified
    if modified is None:
        modified = next((d.value for d in visible if d.role == "modified"), None)
    info.modified = modified

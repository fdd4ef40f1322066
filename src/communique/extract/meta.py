"""What an HTML page says about its article: meta tags, JSON-LD, ``<time>``, bylines, captions.

Dates keep the local time and UTC offset the page states; :mod:`.pagedates` chooses them.

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
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from communique.extract.lines import byline_names, credit_only, split_caption
from communique.extract.pagedates import day_first, element_text, page_dates
from communique.models import Caption

__all__ = ["PageMeta", "day_first", "marked_elements", "page_metadata"]

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
_ARTICLE_TYPES = re.compile(r"(?:Article|Posting|Report|NewsArticle|WebPage|Blog)$")


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


# Elements whose class, id or itemprop may say what they hold (a date, a byline, a caption, a dek).
_MARKED_TAGS = (
    "div", "span", "p", "time", "li", "small", "em", "header", "dd", "a", "address", "h2", "h3", "section",
)  # fmt: skip


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
        text = element_text(fig)
        if len(text) > 600:
            continue
        credit: str | None = None
        if credit_el is not None:
            credit = element_text(credit_el)
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
    info.h1 = element_text(h1) if h1 is not None else None
    info.title = (
        _first_str(ld.get("headline"))
        or tags.get("og:title")
        or tags.get("twitter:title")
        or info.h1
        or (element_text(title_el) if title_el is not None else None)
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
            name = element_text(el)
            if name and len(name) <= 60:
                authors.append(name)
    if not authors:
        for el, _marker in marked:
            if el.tag not in {"span", "div", "p", "a", "address"}:
                continue
            marker = f"{el.get('class') or ''} {el.get('itemprop') or ''}".lower()
            if "byline" in marker or "author" in marker:
                text = element_text(el)
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
    page_dates(tree, tags, ld, info, url)
    info.captions = _captions(tree, marked)
    return info

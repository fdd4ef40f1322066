"""HTML pages: trafilatura for the body, our own clean-up and metadata around it.

trafilatura finds the main text well; it leaves in headlines and standfirsts, caption lines with
their credits, inline promos ("Read more: …") and trailing furniture ("Most viewed", share and
newsletter lines), and its dates are days without the stated time and zone. Those are handled here.
When trafilatura finds no body, the page's visible text goes through the scraped-text path.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from communique.errors import ExtractionError
from communique.extract.common import MetaFields, assemble, same_text
from communique.extract.dates import find_dates
from communique.extract.language import detect_language
from communique.extract.lines import (
    byline_names,
    credit_only,
    dominant_script,
    is_contact,
    is_furniture,
    is_prose,
    script_of,
    split_caption,
    word_count,
)
from communique.extract.meta import PageMeta, page_metadata
from communique.extract.render import render_text
from communique.extract.scraped import extract_scraped
from communique.models import Article, Caption

__all__ = ["EXTRACTOR", "extract_dates", "extract_html", "parse_html"]

EXTRACTOR = "extract.html.v1"
_LOG = logging.getLogger(__name__)
_LIST_MARK = re.compile(r"^[-•*]\s+")
_PROMO_PREFIX = re.compile(
    r"^\W{0,2}(?:related|read\s(?:more|next|also)|see\salso|also\sread|more|recommended|watch|listen|"
    r"don'?t\smiss|must\sread|trending|popular|latest|click\shere|sign\sup|subscribe)\s?(?:[:|»>]|\s[-–—]\s)"
    r".{0,200}$",
    re.I,
)
_TITLE_SUFFIX = re.compile(r"\s+[|–—:-]\s+[^|–—]{2,60}$")


def parse_html(content: str) -> HtmlElement | None:
    """Parse HTML text into an lxml tree, or ``None`` when nothing can be parsed.

    An ``encoding`` declaration inside the (already decoded) text is ignored.
    """
    content = re.sub(r"^\s*<\?xml[^>]{0,200}\?>", "", content[:500]) + content[500:]
    try:
        tree = load_html(content)
    except (ValueError, TypeError) as exc:  # lxml rejects some inputs outright
        _LOG.debug("lxml could not parse the page: %s", exc)
        return None
    return tree if isinstance(tree, HtmlElement) else None


def _body_lines(tree: HtmlElement, url: str | None) -> list[str]:
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
            deduplicate=False,
        )
    except Exception as exc:
        _LOG.debug("trafilatura failed: %s", exc)
        return []
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return []
    return [_LIST_MARK.sub("", line).strip() for line in str(text).split("\n") if line.strip()]


def _is_caption_line(line: str, captions: list[Caption]) -> bool:
    prose = is_prose(line)
    for cap in captions:
        if not cap.text:
            continue
        if same_text(line, cap.text) or (len(cap.text) > 30 and line.startswith(cap.text[:60])):
            # A sentence the page shows both under a picture and in the text is part of the text.
            return not prose
    if credit_only(line):
        return True
    split = split_caption(line)
    return split is not None and not is_prose(split[0])


def _clean_body(lines: list[str], info: PageMeta, meta: MetaFields) -> list[str]:
    script = dominant_script(" ".join(lines[:40]))
    kept: list[str] = []
    for i, line in enumerate(lines):
        head_zone = not any(is_prose(k) for k in kept)
        if _is_caption_line(line, info.captions):
            split = split_caption(line)
            if split and not any(same_text(split[0], c.text) for c in meta.captions):
                meta.captions.append(Caption(split[0], split[1]))
            continue
        if is_furniture(line) or _PROMO_PREFIX.match(line):
            continue
        if head_zone and not is_prose(line):
            if (info.title and same_text(line, info.title)) or (info.h1 and same_text(line, info.h1)):
                continue
            names = byline_names(line)
            if names:
                meta.authors.extend(n for n in names if n not in meta.authors)
                continue
            found = find_dates(line, limit=2)
            if found and len(line) - sum(f.end - f.start for f in found) <= 60:
                continue
        if head_zone and i == 0 and info.title and same_text(line, info.title):
            continue
        if not is_prose(line) and is_contact(line) and i >= len(lines) - 4:
            if meta.contact is None:
                meta.contact = line
            continue
        kept.append(line)
    # Trailing furniture: navigation and promo lines, lines in another script, contact lines.
    while kept:
        last = kept[-1]
        letters = [c for c in last[:100] if c.isalpha()]
        foreign = bool(letters) and script is not None and all(script_of(c) != script for c in letters)
        if not (foreign or not letters or is_furniture(last) or (is_contact(last) and not is_prose(last))):
            break
        if is_contact(last) and meta.contact is None:
            meta.contact = last
        kept.pop()
    return kept


def _htmldate(tree: HtmlElement) -> str | None:
    """htmldate's guess, as a bare day (it gives no time); the last resort for a page's date."""
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except Exception as exc:
        _LOG.debug("htmldate failed: %s", exc)
        return None
    return str(found) if found else None


def extract_dates(content: str) -> tuple[str | None, str | None, str | None]:
    """Return (published, published_source, modified) of an HTML page without extracting its body.

    >>> extract_dates('<html><head><meta property="article:published_time" '
    ...               'content="2019-09-09T08:32:00Z"></head><body><p>x</p></body></html>')
    ('2019-09-09T08:32:00+00:00', 'meta', None)
    """
    tree = parse_html(content)
    if tree is None:
        return None, None, None
    info = page_metadata(tree)
    if info.published is None:
        day = _htmldate(tree)
        if day:
            return day, "htmldate", info.modified
    return info.published, info.published_source, info.modified


def _clean_title(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    title = title.strip()
    m = _TITLE_SUFFIX.search(title)
    if m and (site is None or site.lower() in m.group(0).lower() or len(title) - m.start() < 30):
        title = title[: m.start()].strip()
    return title or None


def extract_html(
    content: str,
    *,
    source: str,
    url: str | None = None,
    title_hint: str | None = None,
    published_hint: str | None = None,
) -> Article:
    """Extract the article from an HTML page.

    Raises:
        ExtractionError: when the page has no article body, or cannot be parsed at all.
    """
    tree = parse_html(content)
    if tree is None:
        raise ExtractionError("no article body: the HTML could not be parsed", source=source)
    info = page_metadata(tree)
    lines = _body_lines(tree, url)
    meta = MetaFields()
    meta.title = _clean_title(info.title, info.site) or title_hint
    meta.site = info.site
    meta.section = info.section
    meta.authors = list(info.authors)
    meta.captions = list(info.captions)
    meta.dates.published, meta.dates.published_source = info.published, info.published_source
    meta.dates.modified = info.modified
    body = _clean_body(lines, info, meta)
    if not any(is_prose(line) for line in body):
        text = render_text(tree)
        if not text.strip():
            raise ExtractionError("no article body: the page has no visible text", source=source)
        fallback = extract_scraped(
            text, source=source, url=url, title_hint=meta.title, published_hint=published_hint
        )
        body = [p.text for p in fallback.paragraphs]
        meta.captions.extend(fallback.captions)
        meta.authors.extend(a for a in fallback.authors if a not in meta.authors)
        meta.contact = meta.contact or fallback.contact
        if fallback.published and not meta.dates.published:
            meta.dates.offer_published(fallback.published, fallback.published_source or "dateline")
    if info.description and 40 <= len(info.description) <= 400 and word_count(info.description) >= 6:
        first = body[0] if body else ""
        if not first.startswith(info.description[:40]):
            meta.standfirst = info.description
    if meta.dates.published is None and not published_hint:
        meta.dates.offer_published(_htmldate(tree), "htmldate")
    meta.language = detect_language("\n".join(body), hint=info.lang)
    return assemble(
        body,
        source=source,
        extractor=EXTRACTOR,
        url=url,
        meta=meta,
        hint_published=published_hint,
    )

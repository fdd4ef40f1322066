"""Lead paragraphs and deks: which text above the body is the article's own first paragraph.

A lead (lede, intro, teaser, chapô, Vorspann) is the article's first paragraph, set apart in type; a
dek (subtitle, subhead, summary, standfirst) is a second headline. trafilatura often leaves both out.
Pages name them in their class attributes: a lead goes back into the body, a dek goes to
``standfirst``.

>>> from lxml import html
>>> text = "The council voted on Tuesday night to wait for a second study of the riverbed."
>>> page = html.fromstring(f'<html><body><article><div class="story-intro"><p>{text}</p></div>'
...                        f'<div class="story"><p>{"The members spoke at length about it. " * 3}</p>'
...                        '</div></article></body></html>')
>>> first = page.find(".//div[@class='story']/p")
>>> lead_before(lead_candidates(page, first), first, ["The members spoke"], None) == text
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement

from communique.extract.common import same_text, text_key
from communique.extract.lines import is_prose, word_count
from communique.extract.render import render_text

__all__ = ["lead_before", "lead_candidates", "lead_matching", "standfirsts"]

_STANDFIRST_CLASS = re.compile(
    r"standfirst|dek\b|deck|sub-?head|sub-?title|summary|description|excerpt|teaser|strap",
    re.I,
)
# A lead (lede, intro, teaser, chapô, Vorspann) is the article's own first paragraph, set apart in
# type; a dek (subtitle, subhead, summary, standfirst) is a second headline. Pages name them so.
# A description counts only when it is the article's ("article-description", "postDescr"), not an
# author's, a product's or a video's.
_LEAD_CLASS = re.compile(
    r"lead|intro|teaser|preface|chap[oô]|vorspann|excerpt|(?:article|post|entry|story|news|noticias?|recipe|content|document)[-_]*descr",
    re.I,
)
_DEK_CLASS = re.compile(r"standfirst|dek\b|deck|sub-?head|sub-?line|sub-?title|summary|strap", re.I)
_LEAD_MARKS = (
    "[@class][contains(@class,'lead') or contains(@class,'Lead') or contains(@class,'ntro') or "
    "contains(@class,'easer') or contains(@class,'reface') or contains(@class,'chap') or "
    "contains(@class,'orspann') or contains(@class,'xcerpt') or contains(@class,'escr')]"
)
_LEAD_CANDIDATES = etree.XPath("//*" + _LEAD_MARKS)
_MARKED_WITHIN = etree.XPath("descendant-or-self::*" + _LEAD_MARKS)
_LEAD_NOT_TEXT = etree.XPath("boolean(.//script | .//style | .//figure | .//img | .//figcaption | .//h1)")
_HEADING_WITHIN = etree.XPath("boolean(.//h2 | .//h3 | .//h4 | .//h5 | .//h6)")
_LINKS_WITHIN = etree.XPath(".//a[@href]")
_MEDIA_MARK = re.compile(r"image|media|photo|figure|video|caption", re.I)
_LEAD_LEVELS = 5  # a lead shares an ancestor with the first paragraph at most this far above it
_LEAD_OUTSIDE = re.compile(
    r"related|recommend|sidebar|widget|comment|promo|more-|newsletter|teaser-?list", re.I
)
# The element's own class may also say it introduces something other than the article: a cookie
# notice, a newsletter box, an author's biography.
_LEAD_NOT_OWN = re.compile(
    r"consent|cookie|gdpr|privacy|subscri|sign-?up|author|byline|profile|(?<![a-z])bio(?:$|[^a-z])",
    re.I,
)


def standfirsts(marked: list[tuple[HtmlElement, str]]) -> list[tuple[str, bool]]:
    """Texts of elements the page marks as a standfirst (dek, summary, intro …), each with whether
    the mark names a lead (the article's own first paragraph) rather than a dek."""
    found: list[tuple[str, bool]] = []
    for el, marker in marked:
        if el.tag not in {"div", "h2", "h3", "span", "section"}:
            continue
        if _STANDFIRST_CLASS.search(marker):
            text = " ".join((el.text_content() or "").split())
            if 20 <= len(text) <= 500:
                found.append((text, _is_lead_mark(marker)))
        if len(found) >= 10:
            break
    return found


def _is_lead_mark(marker: str) -> bool:
    return bool(_LEAD_CLASS.search(marker)) and not _DEK_CLASS.search(marker)


def _lead_text(el: HtmlElement, reject: Callable[[str], bool] | None, *, strict: bool = True) -> str | None:
    """The text of an element the page marks as a lead, intro or teaser (not as a dek), when it reads as one.

    Eight words or more, in an element whose own class names no cookie notice, newsletter box or
    author, and which ``reject`` (the body's furniture and promo tests) lets through; its blocks are
    joined with spaces. ``strict`` (the lead is found by its place alone) asks for a sentence or more
    of plain text outside sidebars and lists of other stories, in an element that holds no script, no
    picture or caption, no heading and no link (a card for another story); a lead that matches the
    page's description needs less.
    """
    mark = el.get("class") or ""
    if not _is_lead_mark(mark) or _LEAD_OUTSIDE.search(mark) or _LEAD_NOT_OWN.search(mark):
        return None
    raw = el.text_content() or ""
    if not 40 <= len(raw) <= 1500:
        return None
    text = " ".join(render_text(el).split())
    words = word_count(text)
    if words < 8 or not (is_prose(text) or words >= 15 or not strict):
        return None
    if reject is not None and reject(text):
        return None
    if not strict:
        return text
    if _LEAD_NOT_TEXT(el) or _MEDIA_MARK.search(mark) or _is_card(el, text):
        return None
    for anc in el.iterancestors():
        if anc.tag in ("aside", "nav", "footer") or _LEAD_OUTSIDE.search(anc.get("class") or ""):
            return None
    return text


def _is_card(el: HtmlElement, text: str) -> bool:
    """Return True when ``el`` (its text ``text``) is a card for another story: a heading inside, or a
    link that opens the text or holds half of it (a linked title and its blurb). A link inside the
    lead's sentences is no sign."""
    if _HEADING_WITHIN(el):
        return True
    links = _LINKS_WITHIN(el)
    if not isinstance(links, list) or not links:
        return False
    linked = [" ".join((a.text_content() or "").split()) for a in links]
    if 2 * sum(len(t) for t in linked) >= len(text):
        return True
    return len(linked[0]) >= 15 and text.startswith(linked[0])


def lead_candidates(tree: HtmlElement, first: HtmlElement | None) -> list[HtmlElement]:
    """Elements whose class may name a lead, in page order: those before the body's first paragraph
    ``first`` and under its ancestor five levels up when it is known, else all of the page's.

    Only the part of the page before ``first`` is searched: the preceding siblings of ``first`` and of
    its ancestors, nearest first.
    """
    if first is None:
        found = _LEAD_CANDIDATES(tree)
        return found if isinstance(found, list) else []
    blocks: list[list[HtmlElement]] = []
    node: HtmlElement | None = first
    for _ in range(_LEAD_LEVELS):
        if node is None:
            break
        for sibling in node.itersiblings(preceding=True):
            found = _MARKED_WITHIN(sibling)
            if isinstance(found, list) and found:
                blocks.append(found)
        node = node.getparent()
    return [el for block in reversed(blocks) for el in block]


def lead_before(
    candidates: list[HtmlElement],
    first: HtmlElement | None,
    body: list[str],
    headline: str | None,
    reject: Callable[[str], bool] | None = None,
) -> str | None:
    """The article's lead when the page sets it apart above the body and trafilatura left it out.

    It is the nearest lead (:func:`_lead_text`) among ``candidates`` (:func:`lead_candidates`: before
    the body's first paragraph ``first``, with a common ancestor at most five levels up), when the
    body lacks it. ``reject`` tells furniture and promos (a text it accepts is no lead).
    """
    if first is None:
        return None
    for el in reversed(candidates):
        text = _lead_text(el, reject)
        if text is None or (headline and same_text(text, headline)):
            continue
        return None if text_key(text)[:60] in text_key(" ".join(body)) else text
    return None


def lead_matching(
    candidates: list[HtmlElement],
    description: str,
    body: list[str],
    reject: Callable[[str], bool] | None = None,
) -> str | None:
    """The lead (:func:`_lead_text`) among ``candidates`` that says what the page's description says,
    when the body lacks it: its text is the description, or begins it, or is begun by it (descriptions
    are often cut short). ``reject`` as for :func:`lead_before`.
    """
    want = text_key(description)
    if len(want) < 30:
        return None
    for el in candidates:
        text = _lead_text(el, reject, strict=False)
        if text is None:
            continue
        key = text_key(text)
        if key.startswith(want[:60]) or want.startswith(key[:60]):
            return None if key[:60] in text_key(" ".join(body)) else text
    return None

"""An article body the page splits into several containers of the same kind.

Some sites cut a long article into chunks, each in its own ``<div class="body">`` with an ad or an
embed between them. trafilatura keeps the first chunk only. :func:`sibling_chunks` finds the
container of the body trafilatura returned, looks for other elements with the same tag and class
close to it in the tree (a common ancestor at most four levels up, the same ``<article>``), reached
through elements of the same tag and class, not in a footer, sidebar, author box or list of other
stories, and holding two paragraphs of prose; it
returns the paragraphs and subheads those hold that the body lacks, in page order.

>>> from lxml import html
>>> part = "a paragraph of the story, with enough words in it to read as prose and not as a label. " * 2
>>> page = html.fromstring(f'''<html><body><article>
... <div class="chunk"><p>The first part: {part}</p></div><aside>Advertisement</aside>
... <div class="chunk"><h2>Later</h2><p>The second part: {part}</p><p>And more: {part}</p></div>
... </article></body></html>''')
>>> first = " ".join(page.find(".//p").text_content().split())
>>> before, after = sibling_chunks(page, [first], first_paragraph(page, [first]))
>>> before, after[0], after[1][:40]
([], 'Later', 'The second part: a paragraph of the stor')
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from communique.extract.common import text_key
from communique.extract.lines import is_prose

__all__ = ["first_paragraph", "sibling_chunks"]

_LONG = 80  # a body line this long is matched to its paragraph in the page
_LEVELS = 4  # chunks share an ancestor at most this far above them
_CHUNK_CHILDREN = ("p", "h2", "h3", "h4")
_START = 24  # characters of a body line looked for at the start of a paragraph
_MIN_PARAGRAPH = 150  # a chunk holds at least two paragraphs of prose this long
_MIN_PROSE = 2
_OUTSIDE_TAGS = frozenset(["footer", "aside", "nav", "header", "form"])
_OUTSIDE_MARK = re.compile(
    r"foot|sidebar|widget|related|recommend|teaser|promo|author|bio\b|comment|newsletter|share|social|more-",
    re.I,
)


def _ancestors(el: HtmlElement, levels: int) -> list[HtmlElement]:
    found: list[HtmlElement] = []
    for anc in el.iterancestors():
        found.append(anc)
        if len(found) >= levels:
            break
    return found


def _same_template(mine: list[HtmlElement], theirs: list[HtmlElement]) -> bool:
    """Return True when two chunks hang from a common ancestor through elements of the same tag and class.

    A split article repeats one template (``div.grid > div.body``); a list of posts gives each wrapper
    its own class (``post-6195``), and a sidebar a different path altogether.
    """
    for depth, anc in enumerate(mine):
        if depth < len(theirs) and theirs[depth] is anc:
            return all(
                a.tag == b.tag and a.get("class") == b.get("class")
                for a, b in zip(mine[:depth], theirs[:depth], strict=True)
            )
    return False


def _article_of(el: HtmlElement) -> HtmlElement | None:
    return next(el.iterancestors("article"), None)


def _outside_body(el: HtmlElement) -> bool:
    """Return True when ``el`` sits in a footer, sidebar, author box, list of other stories…"""
    for anc in el.iterancestors():
        if anc.tag in _OUTSIDE_TAGS:
            return True
        marker = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if len(marker) > 1 and _OUTSIDE_MARK.search(marker):
            return True
    return False


def _chunk_lines(chunk: HtmlElement, known: set[str]) -> list[str]:
    lines: list[str] = []
    prose = 0
    for child in chunk.iterchildren(*_CHUNK_CHILDREN):
        text = " ".join((child.text_content() or "").split())
        if not text or text_key(text) in known:
            continue
        prose += child.tag == "p" and len(text) >= _MIN_PARAGRAPH and is_prose(text)
        lines.append(text)
    return lines if prose >= _MIN_PROSE else []


def first_paragraph(tree: HtmlElement, lines: list[str]) -> HtmlElement | None:
    """The first ``<p>`` that holds one of the long body lines and starts with its plain text.

    Comparing each paragraph's first text node is far cheaper than reading every paragraph's text.
    """
    starts: dict[str, list[str]] = {}
    for line in lines:
        if len(line) >= _LONG:
            starts.setdefault(" ".join(line.split())[:_START], []).append(line)
    if not starts:
        return None
    for p in tree.iter("p"):
        head = p.text
        start = " ".join(head.lstrip()[: _START * 2].split())[:_START] if head else ""
        if start in starts:
            key = text_key(p.text_content() or "")
            if any(key == text_key(line) for line in starts[start]):
                return p
    return None


def sibling_chunks(
    tree: HtmlElement, lines: list[str], first: HtmlElement | None
) -> tuple[list[str], list[str]]:
    """Return the lines of the body's sibling chunks: ``(before, after)`` the chunk ``lines`` came from.

    ``first`` is the body's first paragraph in the page (:func:`first_paragraph`).
    """
    container = first.getparent() if first is not None else None
    if container is None or not container.get("class") or not str(container.tag).isalnum():
        return [], []
    ancestors = _ancestors(container, _LEVELS)
    article = _article_of(container)
    known: set[str] | None = None
    before: list[str] = []
    after: list[str] = []
    passed = False
    # Same tag and class, under the highest ancestor a chunk may share; the same-template test (a common
    # ancestor at the same depth) leaves out the container's own ancestors and descendants.
    scope = ancestors[-1] if ancestors else container
    for el in scope.xpath(f".//{container.tag}[@class=$cls]", cls=container.get("class")):
        if el is container:
            passed = True
            continue
        if not _same_template(ancestors, _ancestors(el, _LEVELS)) or _article_of(el) is not article:
            continue
        if _outside_body(el):
            continue
        if known is None:
            known = {text_key(line) for line in lines}
        got = _chunk_lines(el, known)
        known.update(text_key(line) for line in got)
        (after if passed else before).extend(got)
    return before, after

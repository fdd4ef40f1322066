"""Render an HTML tree to its visible text, one block per line, the way a simple scraper would.

Used as the fallback when trafilatura finds no body, and by ``bench/extraction.py`` to make the
"already-scraped text" version of a benchmark page.

>>> from lxml import html
>>> page = "<html><body><h1>Title</h1><p>One <b>two</b>.</p><script>x()</script></body></html>"
>>> render_text(html.fromstring(page))
'Title\\nOne two.'
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

__all__ = ["BLOCK_TAGS", "render_text"]

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "center",
        "option",
    ]
)
_INVISIBLE = frozenset(
    ["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed", "canvas", "math"]
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NEWLINES = re.compile(r"\s*\n\s*")


def render_text(tree: HtmlElement) -> str:
    """Return the visible text of ``tree``: block elements start new lines, hidden ones are dropped."""
    root = tree.find(".//body")
    if root is None:
        root = tree
    parts: list[str] = []
    append = parts.append
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if tag.__class__ is not str:
                walker.skip_subtree()  # its end event still comes, for the tail
                continue
            tag = tag.lower()
            if tag in _INVISIBLE:
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                append("\n")
            if el.text:
                append(el.text)
        else:
            if tag.__class__ is str:
                tag = tag.lower()
                if tag in BLOCK_TAGS:
                    append("\n")
            if el.tail and el is not root:
                append(el.tail)
    text = _SPACES.sub(" ", "".join(parts))
    return _NEWLINES.sub("\n", text).strip()

"""Pair quotation marks into quoted stretches of text.

News text mixes curly and straight marks, forgets closing marks, and continues a quote
over several paragraphs by leaving the paragraph open and starting the next one with an
opening mark. :func:`quoted_spans` turns that into ``(start, end)`` character ranges that
include the marks themselves. It never raises on malformed input.
"""

from __future__ import annotations

import re

__all__ = ["CLOSING", "OPENING", "markup_spans", "quoted_spans"]

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
_STRAIGHT = '"'
_DOUBLED = "''"
_ALL = OPENING | CLOSING | {_STRAIGHT}
_MARK = re.compile("''|[" + "".join(sorted(_ALL)) + "]")
_PARAGRAPH = re.compile(r"[^\n]+")
# Left-over markup such as <tweet id="…" author="…">: its quotation marks quote nothing.
_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of left-over markup tags in ``text``.

    >>> markup_spans('a <tweet id="1">b</tweet>')
    [(2, 16), (17, 25)]
    """
    return [(m.start(), m.end()) for m in _MARKUP.finditer(text)] if "<" in text else []


# Characters after which a straight quote opens rather than closes.
_OPEN_CONTEXT = frozenset(" \t\n([{—–-/:;")


def _width(text: str, i: int) -> int:
    """Length of the quotation mark at ``i`` (0 when there is none).

    Two apostrophes (``''``) stand for a straight double quote in some archives.
    """
    if text[i] in _ALL:
        return 1
    return 2 if text.startswith(_DOUBLED, i) else 0


def _role(text: str, i: int, is_open: bool, width: int = 1) -> str:
    """Decide whether the mark at ``i`` opens or closes a quotation."""
    ch = text[i]
    if ch in OPENING:
        return "open"
    if ch in CLOSING:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before in _OPEN_CONTEXT and not after.isspace():
        return "open"
    if after.isspace() or not after.isalnum() or is_open:
        return "close"
    return "open"


def _first_mark(text: str, start: int, end: int) -> int | None:
    """Offset of the paragraph's first non-space character if it opens a quote."""
    for i in range(start, end):
        if not text[i].isspace():
            width = _width(text, i)
            if text[i] in OPENING or (width and _role(text, i, False, width) == "open"):
                return i
            return None
    return None


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return the quoted stretches of ``text`` as ``(start, end)`` offsets, marks included.

    A quotation left open at the end of a paragraph continues when the next paragraph
    starts with an opening mark (news convention) and otherwise ends with the paragraph.
    A closing mark with no opening one is ignored; an opening mark inside an open
    quotation ends the earlier, unclosed one.

    >>> t = 'He said: “We will win.” Then “more” came.'
    >>> [t[s:e] for s, e in quoted_spans(t)]
    ['“We will win.”', '“more”']
    >>> t = "He called it ''a mistake,'' aides said."
    >>> [t[s:e] for s, e in quoted_spans(t)]
    ["''a mistake,''"]
    >>> t = '“First part,\\n“second part,” she said.'
    >>> [t[s:e] for s, e in quoted_spans(t)]
    ['“First part,\\n“second part,”']
    """
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    markup = markup_spans(text)
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    skip: int | None = None
    for k, (p_start, p_end) in enumerate(paragraphs):
        for m in _MARK.finditer(text, p_start, p_end):
            i, width = m.start(), m.end() - m.start()
            if i == skip or (markup and any(s <= i < e for s, e in markup)):
                continue
            role = _role(text, i, open_at is not None, width)
            if role == "open":
                if open_at is not None:
                    spans.append((open_at, _rstrip(text, open_at, i)))
                open_at = i
            elif open_at is not None:
                spans.append((open_at, i + width))
                open_at = None
        if open_at is None:
            continue
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        mark = _first_mark(text, *nxt) if nxt else None
        if mark is not None:
            skip = mark  # the opening mark continues the quotation
        else:
            spans.append((open_at, _rstrip(text, open_at, p_end)))
            open_at = None
    return [(s, e) for s, e in spans if e - s > 2]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end

"""Pair quotation marks into quoted stretches of text.

News text mixes curly and straight marks, forgets closing marks, and continues a quote
over several paragraphs by leaving the paragraph open and starting the next one with an
opening mark. :func:`quoted_spans` turns that into ``(start, end)`` character ranges that
include the marks themselves. It never raises on malformed input.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

__all__ = [
    "CLOSING",
    "OPENING",
    "PARAGRAPH",
    "MarkIndex",
    "Ranges",
    "headline_lines",
    "markup_spans",
    "quoted_spans",
]

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
_STRAIGHT = '"'
_DOUBLED = "''"
_ALL = OPENING | CLOSING | {_STRAIGHT}
_MARK = re.compile("''|[" + "".join(sorted(_ALL)) + "]")
PARAGRAPH = re.compile(r"[^\n]+")  # a line: a paragraph of the text
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


# The closing mark of a quotation opened by this one, where it is not the usual one:
# German „…“ and »…«.
_REVERSED = {"„": "“", "»": "«"}
_GUILLEMETS = frozenset("«»")


def _role(text: str, i: int, is_open: bool, width: int = 1, opener: str = "") -> str:
    """Decide whether the mark at ``i`` opens or closes a quotation (``opener``: the mark
    that opened the quotation still open, if any)."""
    ch = text[i]
    if ch == _REVERSED.get(opener):
        return "close"
    if is_open and (ch in _GUILLEMETS) != (opener in _GUILLEMETS):
        return "nested"  # “… »nested« …”, «… “nested” …»: marks of the other kind quote inside
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if ch == "»" and not is_open and before in _OPEN_CONTEXT and not after.isspace():
        return "open"  # »…« (German, Danish)
    if ch in OPENING:
        return "open"
    if ch in CLOSING:
        return "close"
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
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)]
    markup = markup_spans(text)
    in_markup = Ranges(markup)
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    skip: int | None = None
    for k, (p_start, p_end) in enumerate(paragraphs):
        for m in _MARK.finditer(text, p_start, p_end):
            i, width = m.start(), m.end() - m.start()
            if i == skip or in_markup.holds(i):
                continue
            opener = text[open_at] if open_at is not None else ""
            role = _role(text, i, open_at is not None, width, opener)
            if role == "nested":
                continue
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
    doubles = [(s, e) for s, e in spans if e - s > 2]
    singles = _single_spans(text, paragraphs, doubles, in_markup)
    if not singles:
        return doubles
    # British style: single marks quote, double marks nest inside them
    single_starts = [s for s, _ in singles]

    def enclosed(d: tuple[int, int]) -> bool:
        k = bisect.bisect_right(single_starts, d[0]) - 1
        return k >= 0 and d[1] <= singles[k][1]

    inner = [d for d in doubles if enclosed(d)]
    return sorted(set(doubles) - set(inner) | set(singles))


_SINGLE = re.compile("[‘’']")
_SINGLE_OPENING = frozenset("‘'")
_SINGLE_CLOSING = frozenset("’'")
# "’90s", "'til": an apostrophe standing for left-out letters, not an opening mark.
_ELISION = re.compile(r"['‘’](?:\d\ds\b|til\b|em\b|n\b|cause\b)", re.I)
# Words after which "s' " ends a quotation rather than marking a plural possessive.
_AFTER_CLOSE = frozenset(
    {"and", "or", "but", "he", "she", "they", "it", "we", "i", "said", "says", "say", "to", "in", "on"}
    | {"at", "for", "of", "with", "as", "is", "was", "were", "are"}
)


def _single_role(text: str, i: int) -> str | None:
    """Whether the single mark at ``i`` may open or close a quotation (``None``: apostrophe)."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if "'" in (before, after) and ch == "'":
        return None  # part of a doubled mark ('') read as a double quotation mark
    if ch in _SINGLE_OPENING and (before in _OPEN_CONTEXT or before in OPENING or before == _STRAIGHT):
        if after.isalnum() and _ELISION.match(text, i) is None:
            return "open"
        return None
    if ch in _SINGLE_CLOSING and not before.isspace() and not after.isalnum():
        if before in "sS" and after == " ":
            # "the workers' rights": a plural possessive, unless a quotation could end here
            m = re.match(r" +([A-Za-z]+)", text[i + 1 : i + 40])
            if m is not None and m.group(1)[0].islower() and m.group(1) not in _AFTER_CLOSE:
                return None
        return "close"
    return None


def _single_spans(
    text: str,
    paragraphs: list[tuple[int, int]],
    doubles: list[tuple[int, int]],
    in_markup: Ranges,
) -> list[tuple[int, int]]:
    """Quotations in single marks (‘…’, '…') outside any double-marked quotation.

    Single marks double as apostrophes, so a quotation is only taken when it closes: an
    opening mark left open at the end of its paragraph is dropped unless the next paragraph
    opens with a single mark (a quotation continued over paragraphs).
    """
    if "'" not in text and "‘" not in text:
        return []
    starts = [s for s, _ in doubles]
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for k, (p_start, p_end) in enumerate(paragraphs):
        for m in _SINGLE.finditer(text, p_start, p_end):
            i = m.start()
            d = bisect.bisect_right(starts, i) - 1
            if (d >= 0 and i < doubles[d][1]) or in_markup.holds(i):
                continue
            role = _single_role(text, i)
            if role == "open" and open_at is None:
                open_at = i
            elif role == "close" and open_at is not None and i > open_at:
                spans.append((open_at, i + 1))
                open_at = None
        if open_at is None:
            continue
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        first = _first_char(text, *nxt) if nxt else None
        if first is None or text[first] not in _SINGLE_OPENING or _single_role(text, first) != "open":
            open_at = None
    return [(s, e) for s, e in spans if e - s > 2]


def _first_char(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class MarkIndex:
    """Quoted stretches from :func:`quoted_spans` (sorted, never overlapping), looked up by
    position with bisection so that long articles with many quotations stay linear."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations sharing at least one character with ``[start, end)``."""
        return self.spans[bisect.bisect_right(self.ends, start) : bisect.bisect_left(self.starts, end)]

    def inside(self, pos: int) -> bool:
        """Whether ``pos`` lies strictly inside a quotation (not on its first character)."""
        k = bisect.bisect_left(self.starts, pos) - 1
        return k >= 0 and self.starts[k] < pos < self.ends[k]

    def starts_at(self, pos: int) -> bool:
        k = bisect.bisect_left(self.starts, pos)
        return k < len(self.starts) and self.starts[k] == pos


_TITLE_WORD = re.compile(r"[A-Za-z]{4,}")


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Title Case lines (headlines), where the tagger and parser are unreliable."""
    out = []
    for m in PARAGRAPH.finditer(text):
        words = _TITLE_WORD.findall(m.group())
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.append((m.start(), m.end()))
    return out


class Ranges:
    """Sorted, non-overlapping character ranges (lines, tags), asked whether they hold a
    position by bisection."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in ranges]
        self.ends = [e for _, e in ranges]

    def holds(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]

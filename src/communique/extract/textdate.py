"""A page's date from its visible text, for pages whose markup states none.

The page is rendered to its lines of visible text (:func:`~communique.extract.render.render_text`).
A date labelled as the publication date ("Published", "Veröffentlicht am", "Datum:") anywhere on
the page is taken first; otherwise an unlabelled date on a short line near the headline (five
lines before it to 25 after), or at the start of a paragraph ("Karlsruhe, (12.11.2021). …"). A
date the URL also gives wins among equals. As a weaker sign, a date that opens a paragraph before a
dash ("27.1.2022 – Bei der …") anywhere on the page, when the page has only one such date. Dates
labelled as modified, or as today's, are not publication dates.

>>> from lxml import html
>>> page = html.fromstring('''<html><body><nav>Home</nav><h1>Storm closes the harbour</h1>
... <p>von Anna Weber</p><p>12.11.2021</p><p>The harbour stayed shut on Friday as the storm went on.</p>
... </body></html>''')
>>> text_dateline(page, headline="Storm closes the harbour", day_first=True)
'2021-11-12'
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from communique.extract.common import text_key
from communique.extract.dates import FoundDate, find_dates, without_ranges
from communique.extract.lines import word_count
from communique.extract.localtime import url_day
from communique.extract.render import render_text

__all__ = ["text_dateline"]

_BEFORE_HEADLINE = 5
_AFTER_HEADLINE = 25
_LONG_LINE = 400  # a longer line is body text; only its labelled dates count, and only near the headline
_SHORT_LINE_WORDS = 14  # a dateline, byline or meta line; a longer one is prose
_PARAGRAPH_HEAD = 40  # a date this close to the start of a prose line is its dateline


_HAS_DIGIT = re.compile(r"\d").search


def _key(text: str) -> str:
    # Case folding and dropping non-word characters go character by character, so the key of a
    # line's first 160 characters starts the key of the whole line: enough when it is 40 long.
    if len(text) > 160:
        head = text_key(text[:160])
        if len(head) >= 40:
            return head[:40]
    return text_key(text)[:40]


def _headline_line(lines: list[str], headlines: tuple[str | None, ...]) -> int | None:
    keys: list[str] | None = None
    for headline in headlines:
        key = _key(headline or "")
        if len(key) >= 8:
            keys = keys if keys is not None else [_key(line) for line in lines]
            for i, line_key in enumerate(keys):
                if line_key.startswith(key):
                    return i
    return None


def text_dateline(
    tree: HtmlElement,
    *,
    headline: str | None,
    title: str | None = None,
    day_first: bool = False,
    url: str | None = None,
    text: str | None = None,
    loose: bool = False,
) -> str | None:
    """Return the publication date the page's visible text states, as ISO 8601, or ``None``.

    Args:
        tree: the parsed page.
        headline: the page's ``<h1>`` text; ``title`` is tried when it is not found in the text.
        title: the page's title.
        day_first: read ``02/10/2020`` as the 2nd of October (all but US English pages).
        url: the page's URL; a date it gives wins among equals.
        text: the page's visible text when already rendered.
        loose: also take the first line that is only a date, anywhere on the page (a weaker sign,
            tried after htmldate's quick search), or failing that the date that opens a paragraph
            before a dash, when the page has one such date.
    """
    lines = (text if text is not None else render_text(tree)).split("\n")
    anchor = _headline_line(lines, (headline, title))
    labelled: list[FoundDate] = []
    near: list[FoundDate] = []
    alone: list[FoundDate] = []
    leads: list[FoundDate] = []  # "27.1.2022 – Bei der Erinnerung …": a paragraph's dateline, anywhere
    for i, line in enumerate(lines):
        if not _HAS_DIGIT(line):  # most lines: no date to look for
            continue
        close = anchor is not None and anchor - _BEFORE_HEADLINE <= i <= anchor + _AFTER_HEADLINE
        if len(line) > _LONG_LINE and not close:
            continue
        for found in without_ranges(line, find_dates(line, limit=3, day_first=day_first)):
            if found.role is None and len(line.strip(" .,|-–—()")) <= found.end - found.start:
                alone.append(found)
            elif (
                found.role is None
                and found.start < _PARAGRAPH_HEAD
                and line[found.end : found.end + 3].lstrip().startswith(("-", "–", "—"))
                and word_count(line) > _SHORT_LINE_WORDS
            ):
                leads.append(found)
            if found.role == "published":
                labelled.append(found)
            elif (
                found.role is None
                and close
                and (word_count(line) <= _SHORT_LINE_WORDS or found.start < _PARAGRAPH_HEAD or found.has_time)
            ):
                near.append(found)
    day = url_day(url)
    # Several lines that are only dates make a list (teasers, comments), not one article's dateline.
    single = alone[:1] if len({d.day for d in alone}) == 1 else []
    lead = leads[:1] if len({d.day for d in leads}) == 1 else []
    for group in (labelled, near, single if loose else [], lead if loose else []):
        if group:
            return next((d for d in group if d.day == day), group[0]).value
    return None

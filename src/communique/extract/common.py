"""Pieces both extraction paths share: paragraph clean-up, date choice, and building the Article.

>>> art = assemble(["First paragraph.", "Second one."], source="<t>", extractor="x.v1")
>>> art.text
'First paragraph.\\n\\nSecond one.'
>>> art.paragraphs[1]
Span(start=18, end=29, text='Second one.')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from communique.extract.dates import FoundDate, find_dates, normalise_iso
from communique.models import Article, Caption, Span, content_hash

__all__ = [
    "DateChoice",
    "MetaFields",
    "assemble",
    "clean_paragraph",
    "dates_from_lines",
    "same_text",
    "text_key",
]

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_NON_WORD = re.compile(r"\W+")


def clean_paragraph(text: str) -> str:
    """Normalise a paragraph: NFC, control characters out, runs of spaces to one, trimmed."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    return _SPACE.sub(" ", text).strip()


def text_key(text: str) -> str:
    """A text with case, spaces and punctuation taken out: what two copies of a line share.

    >>> text_key("North Korea: talks resume!")
    'northkoreatalksresume'
    """
    return _NON_WORD.sub("", text.casefold())


def same_text(a: str, b: str) -> bool:
    """Return True when two strings say the same once case, spaces and punctuation are ignored.

    >>> same_text("North Korea: talks resume", "north korea  talks resume!")
    True
    """
    norm_a = text_key(a)
    return bool(norm_a) and norm_a == text_key(b)


@dataclass
class DateChoice:
    """The publication and modification dates found so far, with where they came from."""

    published: str | None = None
    published_source: str | None = None
    modified: str | None = None

    def offer_published(self, value: str | None, source: str) -> None:
        """Take ``value`` unless a date is already chosen (callers offer the best source first)."""
        if value and self.published is None:
            self.published, self.published_source = value, source

    def offer_modified(self, value: str | None) -> None:
        """Take ``value`` as the modification date unless one is already chosen."""
        if value and self.modified is None:
            self.modified = value

    def refine(self, value: str | None) -> None:
        """Use a same-day value that says more (time and offset) than the chosen one."""
        if not value or not self.published:
            return
        if value[:10] == self.published[:10] and len(value) > len(self.published):
            self.published = value


def dates_from_lines(lines: Iterable[str]) -> tuple[list[FoundDate], list[FoundDate]]:
    """Split the dates of dateline lines into (published-or-unlabelled, modified)."""
    published: list[FoundDate] = []
    modified: list[FoundDate] = []
    for line in lines:
        for found in find_dates(line, limit=4):
            (modified if found.role == "modified" else published).append(found)
    published.sort(key=lambda f: f.role != "published")
    return published, modified


@dataclass
class MetaFields:
    """What an extraction path found besides the body."""

    title: str | None = None
    standfirst: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    dates: DateChoice = field(default_factory=DateChoice)
    language: str | None = None
    captions: list[Caption] = field(default_factory=list)
    contact: str | None = None


def _dedupe_authors(names: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        name = clean_paragraph(name)
        key = name.casefold()
        if name and key not in seen and len(name) <= 80:
            seen[key] = name
    return tuple(seen.values())


def assemble(
    paragraphs: Sequence[str],
    *,
    source: str,
    extractor: str,
    url: str | None = None,
    meta: MetaFields | None = None,
    hint_published: str | None = None,
) -> Article:
    """Join paragraphs into an :class:`Article`, with offsets for every paragraph."""
    meta = meta or MetaFields()
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for raw in paragraphs:
        text = clean_paragraph(raw)
        if not text:
            continue
        if parts:
            pos += 2
        spans.append(Span(pos, pos + len(text), text))
        parts.append(text)
        pos += len(text)
    body = "\n\n".join(parts)
    dates = meta.dates
    if hint_published:
        dates.offer_published(normalise_iso(hint_published), "hint")
    captions: list[Caption] = []
    for cap in meta.captions:
        text = clean_paragraph(cap.text)
        credit = clean_paragraph(cap.credit) if cap.credit else None
        if (text or credit) and all(c.text != text for c in captions):
            captions.append(Caption(text, credit or None))
    return Article(
        id=content_hash(body),
        text=body,
        paragraphs=tuple(spans),
        source=source,
        url=url,
        title=clean_paragraph(meta.title) if meta.title else None,
        standfirst=clean_paragraph(meta.standfirst) if meta.standfirst else None,
        site=clean_paragraph(meta.site) if meta.site else None,
        authors=_dedupe_authors(meta.authors),
        section=clean_paragraph(meta.section) if meta.section else None,
        published=dates.published,
        published_source=dates.published_source,
        modified=dates.modified,
        language=meta.language,
        captions=tuple(captions),
        contact=clean_paragraph(meta.contact) if meta.contact else None,
        extractor=extractor,
    )

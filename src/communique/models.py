"""The records that pass between pipeline stages.

Every stage takes and returns frozen dataclasses defined here, and nothing else.
Every field that was read from text carries character offsets (``start``, ``end``)
into :attr:`Article.text`, the cleaned body of the article, so that a reader can
always see the words behind a coded field: ``article.text[m.start:m.end] == m.text``.

All records convert to plain JSON-compatible dicts with :func:`to_dict` and back with
the class's ``from_dict`` (lossless: ``X.from_dict(to_dict(x)) == x``).

DOCS: docs/schema.md
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

__all__ = [
    "Actor",
    "Article",
    "Caption",
    "CodedArticle",
    "Document",
    "Event",
    "Mention",
    "Quote",
    "Reject",
    "Span",
    "Timex",
    "content_hash",
    "granularity_of",
    "to_dict",
]

SourceKind = Literal["file", "url", "warc", "feed", "jsonl", "stdin", "text", "api"]
ContentType = Literal["html", "text"]


def content_hash(text: str) -> str:
    """Return the stable id of a piece of content: sha256 of its NFC text, 16 hex digits.

    >>> content_hash("hello")
    '2cf24dba5fb0a30e'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Span:
    """A stretch of article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """A page as it came in, before extraction.

    ``content`` is decoded text (the sources stage detects the charset); ``content_type``
    says whether it is HTML or already-scraped plain text. ``published_hint`` and
    ``title_hint`` come from the container (a feed item, a JSONL line, a WARC header)
    and are only used when the page itself says nothing better.
    """

    id: str
    content: str
    content_type: ContentType
    source: str
    source_kind: SourceKind
    url: str | None = None
    published_hint: str | None = None
    title_hint: str | None = None
    fetched_at: str | None = None
    encoding: str | None = None

    @classmethod
    def from_text(
        cls,
        content: str,
        *,
        source: str = "<text>",
        content_type: ContentType | None = None,
        source_kind: SourceKind = "text",
        url: str | None = None,
        published_hint: str | None = None,
        id: str | None = None,
    ) -> Document:
        """Build a document from a string, guessing HTML vs text when not given."""
        if content_type is None:
            head = content[:2048].lstrip().lower()
            is_html = head.startswith(("<!doctype html", "<html", "<?xml")) or (
                "<body" in head or "<div" in head or "<p>" in head or "<head" in head
            )
            content_type = "html" if is_html else "text"
        return cls(
            id=id or content_hash(content),
            content=content,
            content_type=content_type,
            source=source,
            source_kind=source_kind,
            url=url,
            published_hint=published_hint,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Caption:
    """A photo caption, kept out of the body, with its credit split off.

    Captions are not part of :attr:`Article.text`; their offsets are into ``text``.
    """

    text: str
    credit: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Caption:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Article:
    """The clean article: body text and what the page says about it.

    ``text`` is the body: ``paragraphs`` joined by blank lines. ``published`` and
    ``modified`` are ISO 8601 strings with time and UTC offset where the page states
    them (``2019-09-09T17:32:00+09:00``), a bare date where it gives only the day.
    ``published_source`` names where the date came from (``dateline``, ``meta``,
    ``jsonld``, ``htmldate``, ``hint``) so a user can judge it.
    """

    id: str
    text: str
    paragraphs: tuple[Span, ...]
    source: str
    url: str | None = None
    title: str | None = None
    standfirst: str | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    published: str | None = None
    published_source: str | None = None
    modified: str | None = None
    language: str | None = None
    captions: tuple[Caption, ...] = ()
    contact: str | None = None
    extractor: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Mention:
    """One place in the text that refers to an actor."""

    start: int
    end: int
    text: str
    actor_id: str
    sentence: int
    kind: Literal["name", "surname", "metonym", "institution", "role", "demonym", "pronoun", "group"] = "name"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Actor:
    """A canonical actor of one article, with all its mentions.

    ``country`` is ISO 3166 alpha-3 (or an IGO code such as ``IGO`` with ``kb_id``
    ``UNO``); ``sector`` is a PLOVER/CAMEO agent code (``GOV``, ``MIL``, ``REB`` …);
    ``kb_id`` is the knowledge-base entry the actor was resolved to, if any.
    """

    id: str
    name: str
    country: str | None
    sector: str | None
    mentions: tuple[Mention, ...]
    title: str | None = None
    kb_id: str | None = None
    kind: Literal["person", "country", "organization", "group", "igo", "other"] = "other"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return _from_dict(cls, data)

    @property
    def code(self) -> str:
        """CAMEO-style actor code: country followed by sector (``USAGOV``)."""
        return f"{self.country or '---'}{self.sector or ''}"


@dataclass(frozen=True)
class Timex:
    """A temporal expression normalised to a TIMEX3 value.

    ``value`` is a TIMEX3 value (``2019-09-06``, ``2019-08``, ``PAST_REF``, ``P1Y``);
    ``None`` with ``reason`` set when it could not be resolved honestly (no
    publication date to anchor on, an impossible date such as Feb. 30).
    """

    id: str
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    mod: str | None = None
    anchored: bool = False
    reason: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Timex:
        return _from_dict(cls, data)

    @property
    def granularity(self) -> str | None:
        """``day``, ``month``, ``year`` … for date values, else ``None``."""
        return granularity_of(self.value)


@dataclass(frozen=True)
class Quote:
    """Something someone said: the cue, the content and the speaker.

    ``kind`` is ``direct`` (all in quotation marks), ``indirect`` (no marks) or
    ``mixed`` (a partial quote inside reported speech).
    """

    id: str
    content: Span
    cue: Span | None
    kind: Literal["direct", "indirect", "mixed"]
    speaker: Span | None = None
    speaker_actor_id: str | None = None
    reason: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Event:
    """A coded event: who did what to whom, when, with the evidence.

    ``source_actor_ids``/``target_actor_ids`` point at :class:`Actor` ids of the same
    article; ``evidence`` is the sentence, ``trigger`` the predicate. ``date`` is
    the event's date, ``date_source`` says whether it came from a temporal expression
    in the same clause (``text``) or is the article's date (``article``). ``location``
    is the place the clause names ("met *in Hanoi*"), ``location_country`` its country
    when it is a country or a capital the knowledge base knows.
    """

    id: str
    event_type: str
    source_actor_ids: tuple[str, ...]
    target_actor_ids: tuple[str, ...]
    evidence: Span
    trigger: Span
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    quad_class: int | None = None
    negated: bool = False
    modality: str | None = None
    hypothetical: bool = False
    date: str | None = None
    date_source: Literal["text", "article", "none"] = "none"
    date_granularity: str | None = None
    timex_id: str | None = None
    location: Span | None = None
    location_country: str | None = None
    confidence: float = 0.0
    coder: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class CodedArticle:
    """Everything the pipeline made of one document."""

    article: Article
    actors: tuple[Actor, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    skipped: str | None = None
    document_id: str | None = None
    duplicate_of: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CodedArticle:
        return _from_dict(cls, data)

    def actor(self, actor_id: str) -> Actor | None:
        """Return the actor with this id, or ``None``."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None


@dataclass(frozen=True)
class Reject:
    """A document the pipeline could not handle, and why."""

    source: str
    stage: str
    reason: str
    document_id: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reject:
        return _from_dict(cls, data)


_GRANULARITY = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"), "minute"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T"), "part-of-day"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(Q\d|SP|SU|FA|WI|H\d)$"), "quarter-or-season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
]


def granularity_of(value: str | None) -> str | None:
    """Return the granularity of a TIMEX3 date value, or ``None`` for others.

    >>> granularity_of("2019-09-06"), granularity_of("2019-08"), granularity_of("PAST_REF")
    ('day', 'month', None)
    """
    if not value:
        return None
    for pattern, name in _GRANULARITY:
        if pattern.match(value):
            return name
    return None


def to_dict(record: Any) -> dict[str, Any]:
    """Return a JSON-compatible dict of a record (tuples become lists)."""
    result = dataclasses.asdict(record)
    return dict(result)


T = TypeVar("T")


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    hints = get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"unknown fields for {cls.__name__}: {sorted(unknown)}")
    for name, value in data.items():
        kwargs[name] = _convert(hints[name], value)
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin is tuple:
        (item_type, *_) = get_args(hint)
        return tuple(_convert(item_type, v) for v in value)
    if origin is not None and origin is not Literal:
        # Optional[X] / X | None
        for arg in get_args(hint):
            if arg is type(None):
                continue
            return _convert(arg, value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _from_dict(hint, value)
    return value

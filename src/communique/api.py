"""The Python API: what the CLI and the HTTP server call.

>>> from communique.api import code_text
>>> coded = code_text("Japan and China agreed on Monday to resume talks.", published="2024-05-06")
>>> coded.article.published
'2024-05-06'
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from communique.errors import EmptyInput, StoreError
from communique.models import CodedArticle, Document, Reject
from communique.pipeline import IngestSummary, Pipeline
from communique.settings import Settings
from communique.store import EventFilter, Store, StoredEvent, open_store

__all__ = [
    "article",
    "code_document",
    "code_source",
    "code_text",
    "events",
    "get_pipeline",
    "ingest",
    "ingest_document",
    "open_existing",
    "rejects",
]


@functools.lru_cache(maxsize=4)
def get_pipeline(settings: Settings) -> Pipeline:
    """One pipeline (one spaCy model in memory) per settings, per process."""
    return Pipeline(settings)


#: Document kinds that come from a collection (one input, many documents).
_COLLECTION_KINDS = frozenset({"jsonl", "warc", "feed"})


def _with_hint(document: Document, published: str | None) -> Document:
    if published and not document.published_hint:
        return dataclasses.replace(document, published_hint=published)
    return document


def code_document(document: Document, *, settings: Settings | None = None) -> CodedArticle:
    """Code one document, raising on failure (nothing is stored)."""
    return get_pipeline(settings or Settings()).code(document)


def code_text(
    text: str,
    *,
    published: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    settings: Settings | None = None,
) -> CodedArticle:
    """Code a page given as a string (HTML or scraped text; guessed when not given)."""
    kind = content_type if content_type in ("html", "text") else None
    document = Document.from_text(text, url=url, published_hint=published, content_type=kind)  # type: ignore[arg-type]
    return code_document(document, settings=settings)


def code_source(
    source: str, *, settings: Settings | None = None, published: str | None = None
) -> Iterator[CodedArticle | Reject]:
    """Code what a path, URL or ``-`` names, without storing anything.

    A collection (a JSONL file, a web archive, an RSS/Atom feed, given as a file or
    found behind a URL) yields one result per document: a :class:`Reject` for a bad
    one, and the run goes on. A single page yields one coded article or raises.
    """
    from communique.sources import iter_source

    settings = settings or Settings()
    pipeline = get_pipeline(settings)
    documents = iter_source(source, settings=settings)
    first = next(documents, None)
    if first is None:
        raise EmptyInput("no documents in this input", source=source)
    if isinstance(first, Document) and first.source_kind not in _COLLECTION_KINDS:
        yield pipeline.code(_with_hint(first, published))
        return
    items = (_with_hint(d, published) if isinstance(d, Document) else d for d in chain([first], documents))
    yield from pipeline.code_many(items, errors="record")


def open_existing(settings: Settings) -> Store:
    """Open the database named by the settings, which must exist."""
    if settings.db != ":memory:" and not Path(settings.db).is_file():
        raise StoreError(
            "no database here; run 'communique ingest PATH --db ...' first, or give --db",
            source=settings.db,
        )
    return open_store(settings.db)


def ingest(
    inputs: list[str],
    *,
    settings: Settings | None = None,
    on_progress: Callable[[str, int | None], Any] | None = None,
) -> IngestSummary:
    """Code and store everything the inputs name; see :func:`communique.pipeline.ingest`."""
    from communique.pipeline import ingest as run_ingest

    settings = settings or Settings()
    pipeline = get_pipeline(settings)  # first: it refuses to run inside a helper's start-up
    with open_store(settings.db) as store:
        return run_ingest(inputs, store=store, settings=settings, pipeline=pipeline, on_progress=on_progress)


def ingest_document(
    document: Document, *, store: Store, settings: Settings | None = None
) -> tuple[CodedArticle, bool]:
    """Code and store one document; a document stored before is returned, not coded again.

    Returns:
        The coded article and whether it was stored now (``False``: it was there already).
    """
    from communique.models import content_hash

    key = content_hash(document.content)
    known = store.has_document(key)
    if known:
        return store.article(known), False
    coded = code_document(document, settings=settings)
    return coded, store.add(coded, document_key=key)


def events(settings: Settings, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[StoredEvent]:
    """Stored events matching the filters (see :class:`communique.store.EventFilter`)."""
    with open_existing(settings) as store:
        return store.events(EventFilter(**filters), limit=limit, offset=offset)


def article(settings: Settings, article_id: str) -> CodedArticle:
    """A stored article by id or unique id prefix."""
    with open_existing(settings) as store:
        return store.article(article_id)


def rejects(settings: Settings, *, limit: int = 50) -> list[dict[str, Any]]:
    """Rejected inputs, newest first."""
    with open_existing(settings) as store:
        return store.rejects(limit=limit)

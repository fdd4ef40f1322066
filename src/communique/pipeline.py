"""The runner: documents in, coded articles out, one stage after another.

::

    sources -> extract -> nlp -> actors -> time -> quotes -> events -> store

The spaCy model, the knowledge base and the verb lexicon are loaded once per
:class:`Pipeline`. Parsing is batched with ``nlp.pipe``. Each stage is a plain function
over the records of :mod:`communique.models`; the runner checks what it returns and sends
failures to a handler: ``raise`` (the default, for one document) or ``record`` (batch
mode: the document becomes a :class:`~communique.models.Reject` with the stage and the
reason, and the run goes on).
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from communique.errors import CommuniqueError
from communique.models import Article, CodedArticle, Document, Reject, content_hash
from communique.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from communique.kb import KnowledgeBase
    from communique.lexicon import Lexicon
    from communique.store import Store

__all__ = ["IngestSummary", "Pipeline", "StageError", "estimate_total", "ingest"]

LOGGER = logging.getLogger(__name__)

ErrorMode = Literal["raise", "record"]


class StageError(CommuniqueError):
    """A stage failed on a document; ``stage`` names it."""

    code = "E070"

    def __init__(self, message: str, *, stage: str, source: str | None = None) -> None:
        super().__init__(message, source=source)
        self.stage = stage


def _describe(exc: BaseException) -> str:
    if isinstance(exc, CommuniqueError):
        return exc.message
    return f"internal error {type(exc).__name__}: {exc} (please report it with this input)"


def refuse_helper_bootstrap() -> None:
    """Raise when called while a spawned helper process is still importing its main module.

    A script that runs communique at import time, without an ``if __name__ == "__main__":``
    guard, is imported again by every process Python's multiprocessing spawns: without this
    check the batch run's helper process would run the script's whole job a second time.
    """
    import multiprocessing

    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise CommuniqueError(
            "communique was started again inside its own helper process, because the script that "
            "runs it does its work at import time; put that work under "
            "'if __name__ == \"__main__\":' (multiprocessing needs it), or set extract_processes = 0"
        )


class Pipeline:
    """Codes documents. Build one per process and reuse it.

    >>> from communique.models import Document
    >>> pipeline = Pipeline()
    >>> coded = pipeline.code(Document.from_text("Japan and China agreed on Monday to resume talks."))
    >>> [e.event_type for e in coded.events]
    ['AGREE']
    """

    def __init__(self, settings: Settings | None = None) -> None:
        refuse_helper_bootstrap()
        self.settings = settings or Settings()

    @functools.cached_property
    def nlp(self) -> Language:
        from communique.nlp import load_model

        return load_model(self.settings.model)

    @functools.cached_property
    def kb(self) -> KnowledgeBase:
        from communique.kb import load_kb

        return load_kb(self.settings)

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        from communique.lexicon import load_lexicon

        return load_lexicon(self.settings)

    # -- stages ----------------------------------------------------------------------------

    def extract(self, document: Document) -> Article:
        """Run the extract stage on one document."""
        from communique.extract import extract

        article = extract(document, settings=self.settings)
        if not isinstance(article, Article):
            raise TypeError(f"extract returned {type(article).__name__}, not Article")
        return article

    def _skip_reason(self, article: Article) -> str | None:
        if not article.text.strip():
            return "no body text"
        if article.language and article.language not in self.settings.languages:
            return (
                f"language {article.language!r} is not event-coded "
                f"(languages setting: {', '.join(self.settings.languages)})"
            )
        return None

    def code_parsed(self, document: Document, article: Article, doc: Doc) -> CodedArticle:
        """Run the stages after parsing. Raises :class:`StageError` naming the failed stage."""
        from communique.actors import code_actors
        from communique.events import code_events
        from communique.events.location import add_locations
        from communique.quotes import find_quotes
        from communique.time import find_timexes

        stage = "actors"
        try:
            actors = tuple(code_actors(doc, article, self.kb))
            stage = "time"
            # the parsed part of the text only (max_chars_parsed), so the timexes match the parse
            timexes = tuple(find_timexes(doc.text, anchor=article.published, doc=doc))
            stage = "quotes"
            quotes = tuple(find_quotes(doc, actors))
            stage = "events"
            events = add_locations(doc, code_events(doc, article, actors, timexes, self.lexicon), self.kb)
        except Exception as exc:
            raise StageError(_describe(exc), stage=stage, source=document.source) from exc
        return CodedArticle(
            article=article,
            actors=actors,
            timexes=timexes,
            quotes=quotes,
            events=events,
            document_id=document.id,
        )

    def code(self, document: Document) -> CodedArticle:
        """Code one document; errors are raised (:class:`StageError` names the stage)."""
        results = list(self.code_many([document], errors="raise"))
        result = results[0]
        assert isinstance(result, CodedArticle)
        return result

    def code_many(
        self, items: Iterable[Document | Reject], *, errors: ErrorMode = "record"
    ) -> Iterator[CodedArticle | Reject]:
        """Code documents in batches, in order; rejects pass through (or are raised).

        In batch mode (``errors="record"``) with the ``extract_processes`` setting above
        zero, a helper process extracts pages one batch ahead of the parse and runs the
        stages after it one batch behind, so only spaCy's parse runs here
        (:mod:`communique.workers`); results come out in input order all the same.
        """
        batches = _batched(items, max(1, self.settings.batch_size))
        if errors == "record" and self.settings.extract_processes > 0:
            yield from self._code_ahead(batches)
            return
        for batch in batches:
            yield from self._code_extracted(batch, [self._extract_one(x, errors) for x in batch], errors)

    def _extract_one(self, item: Document | Reject, errors: ErrorMode) -> Article | Reject:
        if isinstance(item, Reject):
            if errors == "raise":
                raise StageError(item.reason, stage=item.stage, source=item.source)
            return item
        try:
            return self.extract(item)
        except Exception as exc:
            if errors == "raise":
                raise
            return Reject(item.source, "extract", _describe(exc), item.id)

    def _code_ahead(
        self, batches: Iterator[tuple[Document | Reject, ...]]
    ) -> Iterator[CodedArticle | Reject]:
        """Batch mode with a helper process: it extracts batch n+1 and runs our stages on
        batch n-1 while this process parses batch n (see :mod:`communique.workers`)."""
        from communique.workers import code_batch, extract_batch, pack_doc

        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None)
        if second is None:  # one batch: a worker process would only add its start-up time
            yield from self._code_extracted(first, [self._extract_one(x, "record") for x in first], "record")
            return
        with _Helper() as helper:
            # the helper starts up and extracts batch 2 while batch 1 is extracted here
            pending = helper.submit(extract_batch, second, self.settings)
            current: tuple[Document | Reject, ...] | None = first
            extracted = [self._extract_one(x, "record") for x in first]
            following: tuple[Document | Reject, ...] | None = second
            behind: tuple[list[CodedArticle | Reject | None], list[_Parsed], Any] | None = None
            while current is not None:
                upcoming = next(batches, None)
                out, parsed = self._parse_batch(current, extracted, "record")
                packed = [(d, a, pack_doc(doc)) for _, d, a, doc in parsed] if helper.alive else []
                staged = helper.submit(code_batch, packed, self.settings) if packed else None
                ahead = helper.submit(extract_batch, upcoming, self.settings) if upcoming else None
                if behind is not None:
                    yield from self._finish(*behind, helper)
                behind = (out, parsed, staged)
                current, following = following, upcoming
                if current is not None:
                    got = helper.result(pending)
                    extracted = got if got is not None else [self._extract_one(x, "record") for x in current]
                pending = ahead
            if behind is not None:
                yield from self._finish(*behind, helper)

    def _finish(
        self, out: list[CodedArticle | Reject | None], parsed: list[_Parsed], staged: Any, helper: _Helper
    ) -> Iterator[CodedArticle | Reject]:
        """Fill a batch's results from the helper's stages (or run them here) and yield them."""
        results = helper.result(staged) if staged is not None else None
        if results is None:
            results = [self._stages_or_reject(d, a, doc, "record") for _, d, a, doc in parsed]
        for (i, _, _, _), result in zip(parsed, results, strict=True):
            out[i] = result
        yield from _filled(out)

    def _code_extracted(
        self, batch: Sequence[Document | Reject], extracted: Sequence[Article | Reject], errors: ErrorMode
    ) -> Iterator[CodedArticle | Reject]:
        out, parsed = self._parse_batch(batch, extracted, errors)
        for i, document, article, doc in parsed:
            out[i] = self._stages_or_reject(document, article, doc, errors)
        yield from _filled(out)

    def _parse_batch(
        self, batch: Sequence[Document | Reject], extracted: Sequence[Article | Reject], errors: ErrorMode
    ) -> tuple[list[CodedArticle | Reject | None], list[_Parsed]]:
        """Sort a batch into results known now (rejects, skipped articles) and parsed docs."""
        ready: list[tuple[int, Document, Article]] = []
        out: list[CodedArticle | Reject | None] = [None] * len(batch)
        for i, (item, article) in enumerate(zip(batch, extracted, strict=True)):
            if isinstance(article, Reject) or isinstance(item, Reject):
                out[i] = article if isinstance(article, Reject) else item  # type: ignore[assignment]
                continue
            reason = self._skip_reason(article)
            if reason:
                out[i] = CodedArticle(article=article, skipped=reason, document_id=item.id)
            else:
                ready.append((i, item, article))
        parsed: list[_Parsed] = []
        for (i, document, article), doc in zip(
            ready, self._parse([a for _, _, a in ready], errors), strict=True
        ):
            if isinstance(doc, Reject):
                out[i] = Reject(document.source, "nlp", doc.reason, document.id)
            else:
                parsed.append((i, document, article, doc))
        return out, parsed

    def _stages_or_reject(
        self, document: Document, article: Article, doc: Doc, errors: ErrorMode
    ) -> CodedArticle | Reject:
        try:
            return self.code_parsed(document, article, doc)
        except StageError as exc:
            if errors == "raise":
                raise
            return Reject(document.source, exc.stage, exc.message, document.id)

    def _parse(self, articles: Sequence[Article], errors: ErrorMode) -> list[Doc | Reject]:
        limit = self.settings.max_chars_parsed
        texts = [a.text[:limit] for a in articles]
        try:
            return list(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        except Exception as exc:
            if errors == "raise":
                raise StageError(_describe(exc), stage="nlp") from exc
        # One document broke the batch: parse one by one to find it and keep the rest.
        parsed: list[Doc | Reject] = []
        for article, text in zip(articles, texts, strict=True):
            try:
                parsed.append(self.nlp(text))
            except Exception as exc:
                parsed.append(Reject(article.source, "nlp", _describe(exc)))
        return parsed


#: One parsed document of a batch: its slot in the batch, the document, its article, its Doc.
_Parsed = tuple[int, Document, Article, "Doc"]


class _Helper:
    """The one helper process of a batch run; after it fails, everything runs in-process."""

    def __init__(self) -> None:
        import concurrent.futures
        import multiprocessing

        self._pool = concurrent.futures.ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("spawn")
        )
        self.alive = True

    def __enter__(self) -> _Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Submit work; ``None`` when the helper is gone (the caller does it in-process)."""
        if not self.alive:
            return None
        try:
            return self._pool.submit(fn, *args)
        except RuntimeError:  # BrokenProcessPool is a RuntimeError
            self._failed()
            return None

    def result(self, future: Any) -> Any:
        """The future's result, or ``None`` when the helper died (the caller does it in-process)."""
        if future is None or not self.alive:
            return None
        try:
            return future.result()
        except Exception:
            self._failed()
            return None

    def _failed(self) -> None:
        if self.alive:
            LOGGER.warning("the helper process failed; going on in-process", exc_info=True)
        self.alive = False


def _filled(out: list[CodedArticle | Reject | None]) -> Iterator[CodedArticle | Reject]:
    """The results of a batch, every slot of which is filled by now."""
    for result in out:
        assert result is not None
        yield result


def _batched(items: Iterable[Any], size: int) -> Iterator[tuple[Any, ...]]:
    iterator = iter(items)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


@dataclass(frozen=True)
class IngestSummary:
    """What an ingest did."""

    run_id: int
    stored: int
    duplicates: int
    rejected: int
    skipped: int
    events: int
    rejects: tuple[Reject, ...] = ()
    skip_reasons: dict[str, int] = field(default_factory=dict)
    near_duplicates: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return self.rejected == 0


def estimate_total(inputs: Sequence[str]) -> int | None:
    """Count the documents the inputs hold, when that is cheap to know (else ``None``)."""
    from communique.sources import (
        ARCHIVE_SUFFIXES,
        FEED_SUFFIXES,
        JSONL_SUFFIXES,
        expand_inputs,
        is_url,
        kind_suffix,
    )

    total = 0
    for item in expand_inputs(inputs):
        if isinstance(item, Reject):
            total += 1
            continue
        if item == "-" or kind_suffix(item) in ARCHIVE_SUFFIXES | FEED_SUFFIXES:
            return None
        if is_url(item):
            total += 1
        elif kind_suffix(item) in JSONL_SUFFIXES:
            with open(item, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def ingest(
    inputs: Sequence[str],
    *,
    store: Store,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
    on_progress: Callable[[str, int | None], Any] | None = None,
) -> IngestSummary:
    """Read, code and store everything the inputs name; bad inputs become rejects.

    ``on_progress(source, total)`` is called once per document handled (``total`` is
    the number of documents expected when it can be known up front, else ``None``).
    Documents whose raw content is already stored are skipped before any work, so an
    ingest that was killed can simply be run again.
    """
    from communique.sources import iter_documents

    settings = settings or Settings()
    total = estimate_total(inputs)
    pipeline = pipeline or Pipeline(settings)
    run_id = store.start_run("ingest " + " ".join(inputs), {"model": settings.model})
    stored = duplicates = skipped = events = near_duplicates = 0
    from communique.dedup import link_article, link_unlinked

    link_unlinked(store)  # articles a killed run stored but did not link
    rejects: list[Reject] = []
    skip_reasons: dict[str, int] = {}

    keys: deque[str | None] = deque()

    def fresh() -> Iterator[Document | Reject]:
        nonlocal duplicates
        for item in iter_documents(inputs, settings=settings):
            if isinstance(item, Document):
                key = content_hash(item.content)
                if store.has_document(key):
                    duplicates += 1
                    if on_progress:
                        on_progress(item.source, total)
                    continue
                keys.append(key)
            else:
                keys.append(None)
            yield item

    for result in pipeline.code_many(fresh(), errors="record"):
        key = keys.popleft()
        if isinstance(result, Reject):
            rejects.append(result)
            store.add_reject(result, run_id=run_id)
            source = result.source
        else:
            if store.add(result, run_id=run_id, document_key=key):
                stored += 1
                near_duplicates += link_article(store, result.article).duplicate_of is not None
                events += len(result.events)
                if result.skipped:
                    skipped += 1
                    reason = result.skipped.split(" (")[0]
                    skip_reasons[reason] = skip_reasons.get(reason, 0) + 1
            else:
                duplicates += 1
            source = result.article.source
        if on_progress:
            on_progress(source, total)
    store.finish_run(run_id, stored=stored, duplicates=duplicates, rejected=len(rejects), skipped=skipped)
    return IngestSummary(
        run_id=run_id,
        stored=stored,
        duplicates=duplicates,
        rejected=len(rejects),
        skipped=skipped,
        events=events,
        rejects=tuple(rejects),
        skip_reasons=skip_reasons,
        near_duplicates=near_duplicates,
    )

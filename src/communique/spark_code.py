"""The executor side of the Spark engine: files in, rows of the wide frame out.

:func:`code_partition` runs inside ``mapPartitions``. Each executor process builds one
:class:`~communique.pipeline.Pipeline` (spaCy model, knowledge base, lexicon) and keeps it at
module level, so the model is loaded once per process, not per task or record; a partition's
documents are coded with ``Pipeline.code_many`` in ``nlp.pipe`` batches. Every result becomes
rows of one *wide* frame that holds the columns of all eight tables (``_table`` says which
table a row belongs to), so that Spark receives a single typed stream from Python and the
rest of the job runs in the JVM (:mod:`communique.spark_tables`).

A record that makes the Python worker die fails its task; when Spark retries the task, the
retry codes each document in a forked child process, so the document that kills the child
becomes a reject (``stage = worker``) and the rest of the partition is kept.

DOCS: docs/scale.md
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from communique.models import CodedArticle, ContentType, Document, Reject, content_hash
from communique.settings import Settings

if TYPE_CHECKING:
    from communique.pipeline import Pipeline

__all__ = ["CRASH_ENV", "Item", "Record", "code_partition", "names", "reject_record", "wide_schema"]

#: Test hook: a document whose content holds this environment variable's value makes the
#: Python worker exit at once (``os._exit``), as a crash would. Unset in normal use.
CRASH_ENV = "COMMUNIQUE_TEST_CRASH_MARKER"

Item = tuple[str, str, bytes | None]  # ("path", path, None) or ("bytes", uri, data)
Record = tuple[Any, ...]  # a row of the wide frame: every table's columns, then _table, _aid …

_PIPELINES: dict[Settings, Pipeline] = {}
_SETTLED: list[bool] = []  # the process has settled after its first partition


def executor_settings(settings: Settings) -> Settings:
    """The settings a Spark task codes with: no extraction worker processes of its own.

    A task holds one core; Spark runs as many tasks as it has cores, so a pool of extraction
    processes per task would only compete with the other tasks (and cost a process start).

    >>> executor_settings(Settings()).extract_processes
    0
    """
    if settings.extract_processes == 0:
        return settings
    return dataclasses.replace(settings, extract_processes=0)


def _pipeline(settings: Settings) -> Pipeline:
    """The executor process's pipeline: built, and its model loaded, once per process."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        from communique.pipeline import Pipeline

        pipeline = Pipeline(settings)
        _ = pipeline.nlp, pipeline.kb, pipeline.lexicon
        _PIPELINES[settings] = pipeline
        _settle()
        _zip_reads_when_changed()
    return pipeline


def _settle() -> None:
    """Leave what this process holds so far out of the garbage collector's full passes.

    PySpark's reused Python worker runs a full ``gc.collect()`` after every task; with the
    model, the knowledge base and the lexicon loaded (millions of objects, kept for the
    process's life) each one took about 0.3 s of a task. Collected first, then frozen, so
    no garbage is kept.
    """
    gc.collect()
    gc.freeze()


def _zip_reads_when_changed() -> None:
    """Have ``zipimporter.invalidate_caches`` re-read an archive only when it changed on disk.

    PySpark's worker calls ``importlib.invalidate_caches()`` before every task (new files may
    have been shipped), and Python 3.11's zipimporter answers by re-reading the whole
    directory of its archive, for every importer on the path: pyspark.zip a dozen times
    (one importer per package) and spark-core's jar, about 60 ms a task. The archive's size
    and modification time are kept per importer; an archive that changed is still re-read.
    Installed once per executor process.
    """
    import zipimport

    original = zipimport.zipimporter.invalidate_caches
    if getattr(original, "reads_when_changed", False):
        return

    def invalidate_caches(self: zipimport.zipimporter) -> None:
        try:
            found = os.stat(self.archive)
            stamp: tuple[int, int] | None = (found.st_mtime_ns, found.st_size)
        except OSError:
            stamp = None
        if stamp is not None and getattr(self, "_communique_stamp", None) == stamp:
            return
        original(self)
        self._communique_stamp = stamp  # type: ignore[attr-defined]

    invalidate_caches.reads_when_changed = True  # type: ignore[attr-defined]
    zipimport.zipimporter.invalidate_caches = invalidate_caches  # type: ignore[method-assign]


def _crash_hook(document: Document | Reject) -> None:
    marker = os.environ.get(CRASH_ENV)
    if marker and isinstance(document, Document) and marker in document.content:
        os._exit(17)


def _bytes_documents(uri: str, data: bytes, settings: Settings) -> Iterator[Document | Reject]:
    """Parse one file's bytes (from ``binaryFiles``) the way the sources stage reads a file."""
    import gzip

    from communique.errors import CommuniqueError
    from communique.sources import (
        ARCHIVE_SUFFIXES,
        HTML_SUFFIXES,
        JSONL_SUFFIXES,
        TEXT_SUFFIXES,
        decode_bytes,
        jsonl_lines_to_documents,
        kind_suffix,
    )

    suffix = kind_suffix(uri)
    if suffix in ARCHIVE_SUFFIXES:
        from communique.warc import warc_bytes_documents

        yield from warc_bytes_documents(data, uri, settings=settings)
        return
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES:
        kinds = ", ".join(sorted(HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES)) + ", .warc, .warc.gz"
        yield Reject(uri, "sources", f"not a file kind the spark engine reads (it reads {kinds})")
        return
    try:
        if uri.lower().endswith(".gz"):
            data = gzip.decompress(data)
        if len(data) > settings.max_bytes:
            raise CommuniqueError(
                f"{len(data):,} bytes is over the max_bytes setting ({settings.max_bytes:,})"
            )
        text, encoding = decode_bytes(data, source=uri)
    except (CommuniqueError, OSError, EOFError) as exc:
        yield Reject(uri, "sources", str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_lines_to_documents(text.splitlines(), source=uri)
        return
    kind: ContentType = "html" if suffix in HTML_SUFFIXES else "text"
    yield Document(content_hash(text), text, kind, uri, "file", encoding=encoding)


def _documents(items: Iterable[Item], settings: Settings) -> Iterator[Document | Reject]:
    from communique.sources import iter_documents

    for kind, where, data in items:
        if kind == "bytes":
            assert data is not None
            yield from _bytes_documents(where, data, settings)
        else:
            yield from iter_documents([where], settings=settings)


def _records(result: CodedArticle | Reject, document_key: str | None) -> Iterator[Record]:
    """Turn one result into wide-frame rows: the rows of every table, tagged with their article."""
    from communique import dedup, parquet

    columns = names()
    if isinstance(result, Reject):
        yield _wide("rejects", parquet.reject_row(result), columns)
        return
    rows = parquet.rows_of(result, document_key=document_key)
    article = rows["articles"][0]
    if dedup.linkable(result.article.text):
        article["signature"] = dedup.to_bytes(dedup.signature(result.article.text))
    tags = {
        "_outlet": article["outlet"] or article["id"],
        "_source": article["source"],
        "_aid": article["id"],
    }
    for table, table_rows in rows.items():
        for row in table_rows:
            if table == "events":
                row["event_key"], row["_open"] = parquet.event_key_parts(
                    row["event_type"], row["source_codes"], row["target_codes"], row["date"],
                    article["published"],
                )  # fmt: skip
            row.update(tags)
            yield _wide(table, row, columns)


def _code_stream(pipeline: Pipeline, documents: Iterator[Document | Reject]) -> Iterator[Record]:
    keys: deque[str | None] = deque()

    def tracked() -> Iterator[Document | Reject]:
        for document in documents:
            _crash_hook(document)
            keys.append(content_hash(document.content) if isinstance(document, Document) else None)
            yield document

    for result in pipeline.code_many(tracked(), errors="record"):
        yield from _records(result, keys.popleft())


def _child(pipeline: Pipeline, items: list[Item], start: int, conn: Any) -> None:
    """Code documents ``start``… one at a time, telling the parent before each one."""
    for index, document in enumerate(_documents(items, pipeline.settings)):
        if index < start:
            continue
        source = document.source
        doc_id = document.id if isinstance(document, Document) else document.document_id
        conn.send(("start", index, source, doc_id))
        conn.send(("done", index, list(_code_stream(pipeline, iter([document])))))
    conn.close()


def _isolated(pipeline: Pipeline, items: list[Item]) -> Iterator[Record]:
    """Code a partition in forked children; a document that kills a child becomes a reject."""
    context = multiprocessing.get_context("fork")
    start = 0
    while True:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(pipeline, items, start, sender), daemon=True)
        child.start()
        sender.close()
        pending: tuple[str, str | None] | None = None
        while True:
            try:
                message = receiver.recv()
            except EOFError:
                break
            if message[0] == "start":
                pending = (message[2], message[3])
            else:
                pending = None
                start = message[1] + 1
                yield from message[2]
        child.join()
        receiver.close()
        if pending is None:
            if child.exitcode:  # it died between documents: while reading the input itself
                where = ", ".join(item[1] for item in items)
                reason = (
                    f"the Python worker died while reading the input (exit code {child.exitcode}) "
                    f"after {start} document(s); the rest of it was not read"
                )
                yield reject_record(Reject(where, "worker", reason))
            return
        source, doc_id = pending
        reason = (
            f"the Python worker died while coding this document (exit code {child.exitcode}); "
            "the rest of its file was coded"
        )
        yield reject_record(Reject(source, "worker", reason, doc_id))
        start += 1


def code_partition(settings: Settings, items: Iterable[Item], counter: Any = None) -> Iterator[Record]:
    """Code one partition's files: batched in-process, or isolated when the task is a retry.

    ``counter`` is an optional Spark accumulator, incremented once per partition coded
    (Spark keeps only the updates of task attempts that succeeded).
    """
    from pyspark import TaskContext

    settings = executor_settings(settings)
    pipeline = _pipeline(settings)
    context = TaskContext.get()
    if context is not None and context.attemptNumber() > 0:
        yield from _isolated(pipeline, list(items))
    else:
        yield from _code_stream(pipeline, _documents(items, settings))
    if counter is not None:
        counter.add(1)
    if not _SETTLED:  # the caches the first documents filled stay too
        _SETTLED.append(True)
        _settle()


# -- the wide frame -----------------------------------------------------------------------


def _wide_columns() -> list[tuple[str, Any]]:
    """The columns of all tables together (a name has one type in every table), then the tags.

    ``_table`` names the row's table; ``_aid`` its article, ``_source`` the document it was
    coded from (of two documents with the same text, the smaller source is kept), ``_outlet``
    the article's outlet and ``_open`` whether its ``event_key`` still needs the story.
    """
    import pyarrow as pa

    from communique.parquet import SCHEMAS

    seen: dict[str, pa.DataType] = {}
    for schema in SCHEMAS.values():
        for f in schema:
            if seen.setdefault(f.name, f.type) != f.type:
                raise TypeError(f"column {f.name!r} has two types; the wide frame needs one")
    tags = [
        ("_table", pa.string()),
        ("_aid", pa.string()),
        ("_source", pa.string()),
        ("_outlet", pa.string()),
    ]
    return [*seen.items(), *tags, ("_open", pa.bool_())]


@functools.cache
def names() -> tuple[str, ...]:
    """The column names of the wide frame, in order."""
    return tuple(name for name, _ in _wide_columns())


def wide_schema() -> Any:
    """The wide frame's Spark schema (a ``StructType``)."""
    import pyarrow as pa
    from pyspark.sql import types as T

    kinds = {
        pa.string(): T.StringType(), pa.int64(): T.LongType(), pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(), pa.binary(): T.BinaryType(),
    }  # fmt: skip
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in _wide_columns()])


def _wide(table: str, row: dict[str, Any], columns: Sequence[str]) -> Record:
    row["_table"] = table
    return tuple(row.get(name) for name in columns)


def reject_record(reject: Reject) -> Record:
    """The wide-frame row of a reject."""
    from communique.parquet import reject_row

    return _wide("rejects", reject_row(reject), names())

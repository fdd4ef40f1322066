"""The same pipeline on Apache Spark: many WARC/HTML/JSONL files in, partitioned Parquet out.

::

    inputs --(driver: list files)--> RDD of files --mapPartitions--> coded rows --> Parquet
                                       Pipeline.code_many (nlp.pipe batches), one Pipeline
                                       per executor process, cached at module level

Local paths (files, directories, globs) are listed on the driver and each executor reads
its files itself with :func:`communique.sources.iter_documents`, exactly as the local
``ingest`` does. Hadoop URIs (``hdfs://``, ``s3a://``, ``file://`` …) are read with Spark's
``binaryFiles`` and the bytes are parsed in the executors (WARC, JSONL, HTML, text).

Then, across all articles: an article coded from two documents is kept once (the one with
the smallest ``source``); near duplicates are linked with MinHash LSH
(:mod:`communique.dedup`: band keys grouped in Spark, pairs checked against the signatures,
clusters joined on the driver); events get GDELT-style mention counts. Each table is
written with ``partitionBy("month")`` in dynamic overwrite mode, so a re-run replaces the
months it writes instead of appending to them, and ids are content hashes, so the rows
of a re-run are the same.

A record that makes the Python worker die (a crash in a native library, memory) fails
its task; Spark retries the task (local masters get 4 tries), and a retried task codes
each record in a forked child process, so the one record that kills the child becomes a
reject and the rest of the partition is kept.

Use :func:`run_spark`, or ``communique ingest --engine spark INPUTS --out DIR``.

DOCS: docs/scale.md
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.models import CodedArticle, ContentType, Document, Reject, content_hash
from communique.settings import Settings

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

    from communique.pipeline import Pipeline

__all__ = ["SparkSummary", "is_hadoop_uri", "run_spark", "spark_session"]

#: Test hook: a document whose content holds this environment variable's value makes the
#: Python worker exit at once (``os._exit``), as a crash would. Unset in normal use.
CRASH_ENV = "COMMUNIQUE_TEST_CRASH_MARKER"

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_LOCAL_MASTER = re.compile(r"^local\[(\*|\d+)\]$")

Item = tuple[str, str, bytes | None]  # ("path", path, None) or ("bytes", uri, data)
Record = tuple[Any, ...]  # a row of the wide frame: every table's columns, then _table, _outlet …


def is_hadoop_uri(value: str) -> bool:
    """Tell whether an input is read through Spark's Hadoop file systems (not http, not a path).

    >>> is_hadoop_uri("s3a://bucket/crawl/*.warc.gz"), is_hadoop_uri("file:///data/x.warc")
    (True, True)
    >>> is_hadoop_uri("https://example.org/a.warc.gz"), is_hadoop_uri("examples/")
    (False, False)
    """
    return bool(_URI.match(value)) and not value.startswith(("http://", "https://"))


def with_retries(master: str, tries: int = 4) -> str:
    """Give a ``local[N]`` master task retries (Spark's local mode does not retry by default).

    >>> with_retries("local[2]"), with_retries("local[*, 2]"), with_retries("spark://h:7077")
    ('local[2,4]', 'local[*, 2]', 'spark://h:7077')
    """
    match = _LOCAL_MASTER.match(master.strip())
    if match:
        return f"local[{match.group(1)},{tries}]"
    if master.strip() == "local":
        return f"local[1,{tries}]"
    return master


def spark_session(master: str | None = "local[*]", *, app_name: str = "communique") -> SparkSession:
    """Start (or reuse) a Spark session set up for communique.

    ``master=None`` keeps the master given by ``spark-submit``. Local masters get task
    retries and run their Python workers with this interpreter.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(with_retries(master)).config("spark.ui.enabled", "false")
        builder = builder.config("spark.ui.showConsoleProgress", "false")
        if master.startswith("local"):
            # a laptop's few cores: Spark SQL's default of 200 shuffle partitions is all overhead
            builder = builder.config("spark.sql.shuffle.partitions", str(max(2, os.cpu_count() or 2)))
            # local mode talks only to itself: keep the driver and block manager on loopback
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.driver.host", "127.0.0.1")
            builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
    spark = builder.getOrCreate()
    if master is not None and master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # local workers run this interpreter (and see this environment's packages), not `python3`
        spark.sparkContext.pythonExec = sys.executable
    if master is not None:
        spark.sparkContext.setLogLevel("ERROR")
    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    return spark


# -- executors ----------------------------------------------------------------------------

_PIPELINES: dict[Settings, Pipeline] = {}


def _pipeline(settings: Settings) -> Pipeline:
    """The executor process's pipeline: built, and its model loaded, once per process."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        from communique.pipeline import Pipeline

        pipeline = Pipeline(settings)
        _ = pipeline.nlp, pipeline.kb, pipeline.lexicon
        _PIPELINES[settings] = pipeline
    return pipeline


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

    names = _names()
    if isinstance(result, Reject):
        yield _wide("rejects", parquet.reject_row(result), names)
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
            yield _wide(table, row, names)


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
                yield _wide("rejects", _reject(where, reason, None), _names())
            return
        source, doc_id = pending
        reason = (
            f"the Python worker died while coding this document (exit code {child.exitcode}); "
            "the rest of its file was coded"
        )
        yield _wide("rejects", _reject(source, reason, doc_id), _names())
        start += 1


def code_partition(settings: Settings, items: Iterable[Item]) -> Iterator[Record]:
    """Code one partition's files: batched in-process, or isolated when the task is a retry."""
    from pyspark import TaskContext

    pipeline = _pipeline(settings)
    context = TaskContext.get()
    if context is not None and context.attemptNumber() > 0:
        yield from _isolated(pipeline, list(items))
    else:
        yield from _code_stream(pipeline, _documents(items, settings))


# -- driver -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SparkSummary:
    """What a Spark ingest wrote."""

    out: str
    articles: int
    events: int
    rejects: int
    near_duplicates: int
    skipped: int
    tables: dict[str, int]

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return self.rejects == 0


def _plan(inputs: Sequence[str]) -> tuple[list[str], list[str], list[Reject]]:
    """Split the inputs into local files (or URLs) and Hadoop URIs; missing paths are rejects."""
    from communique.sources import expand_inputs

    local: list[str] = []
    hadoop: list[str] = []
    rejects: list[Reject] = []
    seen: set[str] = set()
    for item in inputs:
        if is_hadoop_uri(item):
            hadoop.append(item)
            continue
        for found in expand_inputs([item]):
            if isinstance(found, Reject):
                rejects.append(found)
            elif found not in seen:  # a file named twice (a folder and a file in it) is read once
                seen.add(found)
                local.append(found)
    return local, hadoop, rejects


def _items(
    spark: SparkSession, inputs: Sequence[str], partitions: int | None
) -> tuple[RDD[Item], list[Reject]]:
    sc = spark.sparkContext
    local, hadoop, rejects = _plan(inputs)
    slices = partitions or max(1, min(len(local), sc.defaultParallelism * 4))
    rdd: RDD[Item] = sc.parallelize([("path", p, None) for p in local], slices)
    if hadoop:
        files = sc.binaryFiles(",".join(hadoop))
        rdd = rdd.union(files.map(lambda kv: ("bytes", str(kv[0]), bytes(kv[1]))))
    return rdd, rejects


def _bucket_pairs(ids: Iterable[str], full_up_to: int = 64) -> list[tuple[str, str]]:
    """Candidate pairs of one LSH bucket: all pairs, or each id with the smallest in a huge bucket.

    >>> _bucket_pairs(["c", "a", "b"]), _bucket_pairs(["c", "a", "b"], full_up_to=2)
    ([('a', 'b'), ('a', 'c'), ('b', 'c')], [('a', 'b'), ('a', 'c')])
    """
    unique = sorted(set(ids))
    if len(unique) > full_up_to:
        return [(unique[0], other) for other in unique[1:]]
    return list(itertools.combinations(unique, 2))


def _similar(
    pairs: RDD[tuple[str, str]], signed: RDD[tuple[str, bytes]], parts: int
) -> RDD[tuple[str, str, float]]:
    """Join both ends of each pair to their signatures and estimate the pair's similarity."""
    from communique.dedup import from_bytes, similarity

    return (
        pairs.join(signed, parts)
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(signed, parts)
        .map(lambda kv: (kv[1][0][0], kv[0], similarity(from_bytes(kv[1][0][1]), from_bytes(kv[1][1]))))
    )


def _links(signed: RDD[tuple[str, bytes]], parts: int) -> RDD[tuple[str, str, float]]:
    """Near-duplicate links: ``(article id, representative, similarity to it)`` for non-representatives.

    LSH buckets are grouped in Spark and candidate pairs checked against the signatures there;
    only the pairs that pass go to the driver, where they are joined into clusters.
    """
    from communique import dedup

    threshold = dedup.DEFAULT.threshold
    signed = signed.cache()
    buckets = signed.flatMap(lambda kv: [(key, kv[0]) for key in dedup.band_keys(dedup.from_bytes(kv[1]))])
    pairs = buckets.groupByKey(parts).flatMap(lambda kv: _bucket_pairs(kv[1])).distinct(parts)
    edges = (
        _similar(pairs, signed, parts)
        .filter(lambda t: t[2] >= threshold)
        .map(lambda t: (t[0], t[1]))
        .collect()
    )
    members = [(aid, rep) for aid, rep in dedup.clusters(edges).items() if aid != rep]
    sc = signed.context
    if not members:
        return sc.parallelize([], 1)
    wanted = sc.parallelize(members, max(1, min(parts, len(members) // 10_000)))
    return _similar(wanted, signed, parts).map(lambda t: (t[0], t[1], round(t[2], 4)))


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
def _names() -> tuple[str, ...]:
    return tuple(name for name, _ in _wide_columns())


def _reject(source: str, reason: str, document_id: str | None) -> dict[str, Any]:
    from communique.models import Reject
    from communique.parquet import reject_row

    return reject_row(Reject(source, "worker", reason, document_id))


def _wide_schema() -> Any:
    import pyarrow as pa
    from pyspark.sql import types as T

    kinds = {
        pa.string(): T.StringType(), pa.int64(): T.LongType(), pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(), pa.binary(): T.BinaryType(),
    }  # fmt: skip
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in _wide_columns()])


def _wide(table: str, row: dict[str, Any], names: Sequence[str]) -> tuple[Any, ...]:
    row["_table"] = table
    return tuple(row.get(name) for name in names)


_SORT = {
    "articles": ["id"], "actors": ["article_id", "id"], "mentions": ["article_id", "start", "actor_id"],
    "events": ["article_id", "id"], "event_actors": ["article_id", "event_id", "role", "actor_id"],
    "quotes": ["article_id", "id"], "timexes": ["article_id", "id"], "rejects": ["source", "stage"],
}  # fmt: skip


def _count_mentions(events: DataFrame) -> DataFrame:
    """Add GDELT-style counts per event key: mentions, articles, sources (outlets), stories."""
    from pyspark.sql import functions as F

    from communique.parquet import SCHEMAS

    counts = events.groupBy("event_key").agg(
        F.count(F.lit(1)).alias("num_mentions"),
        F.countDistinct("article_id").alias("num_articles"),
        F.countDistinct("_outlet").alias("num_sources"),
        F.countDistinct("_story").alias("num_stories"),
    )
    late = ["num_mentions", "num_articles", "num_sources", "num_stories"]
    joined = events.drop(*late).join(counts, "event_key", "left")
    return joined.select(
        *[F.col(name).cast(events.schema[name].dataType) for name in SCHEMAS["events"].names]
    )


def _write(df: DataFrame, table: str, out: str) -> None:
    (
        df.sortWithinPartitions("month", *_SORT[table])
        .write.mode("overwrite")
        .partitionBy("month")
        .parquet(f"{out.rstrip('/')}/{table}")
    )


def run_spark(
    inputs: Sequence[str],
    out: str | Path,
    *,
    master: str | None = "local[*]",
    settings: Settings | None = None,
    spark: SparkSession | None = None,
    partitions: int | None = None,
) -> SparkSummary:
    """Code everything the inputs name on Spark and write the tables as Parquet under ``out``.

    Args:
        inputs: Files, directories, globs, URLs, or Hadoop URIs (``hdfs://``, ``s3a://``,
            ``file://``; globs and folders allowed).
        out: Output folder (a path or a Hadoop URI); each table is a subfolder.
        master: Spark master (``local[*]``, ``local[2]``, ``spark://…``, ``yarn``); ``None``
            keeps the one given by ``spark-submit``. Ignored when ``spark`` is given.
        settings: Pipeline settings, sent to the executors.
        spark: A running session to use instead of starting one.
        partitions: Partitions of the local file list (default: 4 per core, at most one per file).

    Returns:
        The counts of what was written.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from communique.parquet import SCHEMAS, TABLES, reject_row

    settings = settings or Settings()
    session = spark or spark_session(master)
    session.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    target = str(out) if is_hadoop_uri(str(out)) else str(Path(out).resolve())
    items, planned = _items(session, inputs, partitions)
    parts = max(1, session.sparkContext.defaultParallelism)
    schema = _wide_schema()
    # the only Python passes: coding (here) and the near-duplicate check on the signatures
    coded = session.createDataFrame(items.mapPartitions(functools.partial(code_partition, settings)), schema)
    if planned:
        rows = [_wide("rejects", reject_row(r), _names()) for r in planned]
        coded = coded.unionByName(session.createDataFrame(rows, schema))
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    final = None
    try:
        table = F.col("_table")
        winners = coded.filter(table == "articles").groupBy("_aid").agg(F.min("_source").alias("_winner"))
        kept = coded.join(winners, "_aid", "left").filter(
            (table == "rejects") | (F.col("_source") == F.col("_winner"))
        )
        signed = (
            kept.filter((table == "articles") & F.col("signature").isNotNull())
            .select("_aid", "signature")
            .rdd.map(lambda r: (str(r[0]), bytes(r[1])))
        )
        links = session.createDataFrame(_links(signed, parts), "_aid string, _rep string, _sim double")
        story = F.coalesce(F.col("_rep"), F.col("_aid"))
        is_article = table == "articles"
        final = (
            kept.join(links, "_aid", "left")
            .withColumn("duplicate_of", F.when(is_article, F.col("_rep")))
            .withColumn("similarity", F.when(is_article, F.col("_sim")))
            .withColumn("_story", story)
            .withColumn(
                "event_key",
                F.when(F.col("_open"), F.concat(F.col("event_key"), F.lit("|"), story)).otherwise(
                    F.col("event_key")
                ),
            )
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        counts = {name: 0 for name in TABLES}
        counts.update({r["_table"]: int(r["count"]) for r in final.groupBy("_table").count().collect()})
        stats = (
            final.filter(is_article)
            .agg(F.count(F.col("duplicate_of")).alias("near"), F.count(F.col("skipped")).alias("skipped"))
            .first()
        )
        for name in TABLES:
            df = final.filter(table == name)
            if name == "events":
                df = _count_mentions(df.select(*SCHEMAS["events"].names, "_outlet", "_story"))
            else:
                df = df.select(*SCHEMAS[name].names)
            _write(df, name, target)
    finally:
        if final is not None:
            final.unpersist()
        coded.unpersist()
    return SparkSummary(
        out=target,
        articles=counts["articles"],
        events=counts["events"],
        rejects=counts["rejects"],
        near_duplicates=int(stats["near"]) if stats else 0,
        skipped=int(stats["skipped"]) if stats else 0,
        tables=counts,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``spark-submit``: ``spark-submit … communique/spark.py INPUTS… --out DIR``.

    The master and resources come from ``spark-submit``; the exit status is 1 when anything
    was rejected.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="communique.spark", description="Code news pages on Spark.")
    parser.add_argument("inputs", nargs="+", help="files, folders, globs or hdfs:// / s3a:// URIs")
    parser.add_argument("--out", required=True, help="Parquet output folder or URI")
    parser.add_argument("--model", default=None, help="spaCy pipeline (installed on the executors)")
    args = parser.parse_args(argv)
    # run_spark from the package module, not from __main__: the functions sent to the
    # executors must be pickled by reference, so that their module-level pipeline cache holds
    from communique import spark as package
    from communique.settings import load_settings

    settings = load_settings(overrides={"model": args.model})
    summary = package.run_spark(args.inputs, args.out, master=None, settings=settings)
    print(
        f"wrote {summary.articles} articles, {summary.events} events, {summary.near_duplicates} near "
        f"duplicates and {summary.rejects} rejects to {summary.out}"
    )
    return 1 if summary.rejects else 0


if __name__ == "__main__":
    sys.exit(main())

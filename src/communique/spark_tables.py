"""The JVM side of the Spark engine: from the cached coded rows to eight Parquet tables.

Everything after coding is Spark SQL on the cached wide frame (no Python pass over rows, no
shuffle of the wide frame), in few jobs:

1. one query (:func:`cross_article`, one collect) counts the articles, finds those coded
   from more than one document (the copy with the smallest ``source`` is kept) and the
   near-duplicate pairs (MinHash LSH: the band keys are cut from the signature column,
   exploded and grouped; candidate pairs are checked by comparing their two signatures
   value by value, and only the pairs that pass, with their similarity, reach the driver,
   where they are joined into clusters by :func:`communique.dedup.clusters`). It is the
   first to read the cached rows, so it runs the coding, once per partition;
2. then the eight tables are written at the same time. Every table is one job with
   ``partitionBy("month")``; the driver's small answers join the rows as broadcast tables,
   events get their GDELT-style mention counts in one aggregation, and the row counts are
   observed while writing, not counted by another pass. A table folder that does not exist
   yet is written in place; over an existing one only the months written are replaced.

The jobs are named (``communique: write events``) in Spark's UI and event log.

DOCS: docs/scale.md
"""

from __future__ import annotations

import concurrent.futures
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

__all__ = [
    "CrossArticle",
    "count_mentions",
    "cross_article",
    "finish",
    "hadoop_path",
    "write_all",
    "write_tasks",
]

#: Articles per write task: a small job writes each table as one file per month, a crawl
#: in as many tasks as it has partitions (every table's size grows with its articles).
ARTICLES_PER_WRITE = 10_000

#: Buckets with more ids than this give only pairs with their smallest id (a guard against
#: quadratic blow-up on boilerplate shared by thousands of pages).
FULL_BUCKET = 64

_SORT = {
    "articles": ["id"], "actors": ["article_id", "id"], "mentions": ["article_id", "start", "actor_id"],
    "events": ["article_id", "id"], "event_actors": ["article_id", "event_id", "role", "actor_id"],
    "quotes": ["article_id", "id"], "timexes": ["article_id", "id"], "rejects": ["source", "stage"],
}  # fmt: skip


@dataclass(frozen=True)
class CrossArticle:
    """What the driver learns across articles before writing.

    Attributes:
        articles: Article rows coded (copies included).
        winners: For each article coded from two or more documents, the ``source`` kept.
        links: ``(article id, representative, similarity to it)`` for each near duplicate
            that is not its cluster's representative, sorted.
    """

    articles: int
    winners: dict[str, str]
    links: list[tuple[str, str, float]]


@contextlib.contextmanager
def _described(spark: SparkSession, what: str) -> Iterator[None]:
    """Name the Spark jobs this thread starts (``communique: <what>``, in the UI and event log)."""
    context = spark.sparkContext
    context.setJobDescription(f"communique: {what}")
    try:
        yield
    finally:
        context.setJobDescription(None)  # type: ignore[arg-type]


def _similarity(left: str, right: str) -> Column:
    """Estimated Jaccard similarity of two signature columns, as :func:`communique.dedup.similarity`."""
    from pyspark.sql import functions as F

    from communique.dedup import DEFAULT

    perm = DEFAULT.num_perm
    same = f"IF(substring({left}, i * 8 + 1, 8) = substring({right}, i * 8 + 1, 8), 1, 0)"
    return F.expr(f"aggregate(sequence(0, {perm - 1}), 0, (acc, i) -> acc + {same}) / {perm}")


def _pairs(signed: DataFrame) -> DataFrame:
    """Candidate pairs ``(a, b)``, ``a < b``: articles that share an LSH band key.

    The band keys are the bytes of :func:`communique.dedup.band_keys`, cut from the signature.
    """
    from pyspark.sql import functions as F

    from communique.dedup import DEFAULT

    bands, rows = DEFAULT.bands
    width = rows * 8
    cut = f"transform(sequence(0, {bands - 1}), i -> substring(signature, i * {width} + 1, {width}))"
    keyed = signed.select("_aid", F.posexplode(F.expr(cut)).alias("_band", "_key"))
    buckets = (
        keyed.groupBy("_band", "_key")
        .agg(F.sort_array(F.collect_set("_aid")).alias("ids"))
        .filter(F.size("ids") > 1)
    )
    star = "transform(slice(ids, 2, size(ids) - 1), x -> named_struct('a', ids[0], 'b', x))"
    full = (
        "flatten(transform(sequence(1, size(ids) - 1), "
        "i -> transform(slice(ids, i + 1, size(ids) - i), x -> named_struct('a', ids[i - 1], 'b', x))))"
    )
    pairs = F.expr(f"CASE WHEN size(ids) > {FULL_BUCKET} THEN {star} ELSE {full} END")
    return buckets.select(F.explode(pairs).alias("p")).select("p.a", "p.b").distinct()


def _scored(pairs: DataFrame, signed: DataFrame) -> DataFrame:
    """The pairs ``(a, b)`` with their estimated similarity ``sim``."""
    left = signed.withColumnRenamed("_aid", "a").withColumnRenamed("signature", "sa")
    right = signed.withColumnRenamed("_aid", "b").withColumnRenamed("signature", "sb")
    joined = pairs.join(left, "a").join(right, "b")
    return joined.select("a", "b", _similarity("sa", "sb").alias("sim"))


def _articles(coded: DataFrame) -> DataFrame:
    from pyspark.sql import functions as F

    return coded.filter(F.col("_table") == "articles")


def _copies(articles: DataFrame) -> DataFrame:
    """Answer rows ``("count", n)`` and ``("copy", article id, source kept)`` (the smallest source)."""
    from pyspark.sql import functions as F

    total = articles.groupBy().agg(F.count(F.lit(1)).cast("string").alias("a"))
    twice = (
        articles.groupBy("_aid")
        .agg(F.count(F.lit(1)).alias("n"), F.min("_source").alias("b"))
        .filter(F.col("n") > 1)
        .select(F.lit("copy").alias("kind"), F.col("_aid").alias("a"), "b")
    )
    counted = total.select(F.lit("count").alias("kind"), "a", F.lit(None).cast("string").alias("b"))
    return counted.unionByName(twice).withColumn("sim", F.lit(None).cast("double"))


def _signed(articles: DataFrame) -> DataFrame:
    from pyspark.sql import functions as F

    from communique.dedup import DEFAULT

    ok = F.col("signature").isNotNull() & (F.octet_length("signature") == DEFAULT.num_perm * 8)
    return articles.filter(ok).select("_aid", "signature")


def cross_article(spark: SparkSession, coded: DataFrame) -> CrossArticle:
    """Count the articles, find those coded twice and link the near duplicates: one query.

    The article count, the copies (for each article coded from two or more documents, the
    ``source`` kept: the smallest) and the near-duplicate pairs with their similarity come
    back in one collect. Two documents with the same text give the same article id and
    signature, so the pairs are found over all coded articles; a copy shows up once. The
    pairs are joined into clusters on the driver (:func:`communique.dedup.clusters`); a
    member whose pair with its representative was not scored (a cluster joined through a
    third article) is scored by one more small query.
    """
    from pyspark.sql import functions as F

    from communique.dedup import DEFAULT, clusters

    articles = _articles(coded)
    signed = _signed(articles)
    edges = (
        _scored(_pairs(signed), signed)
        .filter(F.col("sim") >= DEFAULT.threshold)
        .select(F.lit("edge").alias("kind"), "a", "b", "sim")
    )
    with _described(spark, "code, find copies and near duplicates"):
        answers = _copies(articles).unionByName(edges).collect()
    count = sum(int(r["a"]) for r in answers if r["kind"] == "count")
    winners = {str(r["a"]): str(r["b"]) for r in answers if r["kind"] == "copy"}
    scored = {(str(r["a"]), str(r["b"])): float(r["sim"]) for r in answers if r["kind"] == "edge"}
    # the representative is the cluster's smallest id, so its pair with a member is (rep, member)
    members = sorted((aid, rep) for aid, rep in clusters(sorted(scored)).items() if aid != rep)
    missing = [(rep, aid) for aid, rep in members if (rep, aid) not in scored]
    if missing:
        linked = spark.createDataFrame(missing, "a string, b string")
        with _described(spark, "score near duplicates"):
            rescored = _scored(linked, signed).collect()
        scored.update({(str(r["a"]), str(r["b"])): float(r["sim"]) for r in rescored})
    links = [(aid, rep, round(scored[(rep, aid)], 4)) for aid, rep in members]
    return CrossArticle(count, winners, links)


def finish(spark: SparkSession, coded: DataFrame, cross: CrossArticle) -> DataFrame:
    """Keep one copy of each article, add the near-duplicate columns and the events' story."""
    from pyspark.sql import functions as F

    table = F.col("_table")
    df = coded
    if cross.winners:
        winners = spark.createDataFrame(sorted(cross.winners.items()), "_aid string, _winner string")
        df = (
            df.join(F.broadcast(winners), "_aid", "left")
            .filter(F.col("_winner").isNull() | (table == "rejects") | (F.col("_source") == F.col("_winner")))
            .drop("_winner")
        )
    if cross.links:
        links = spark.createDataFrame(cross.links, "_aid string, _rep string, _sim double")
        df = df.join(F.broadcast(links), "_aid", "left")
    else:
        df = df.withColumn("_rep", F.lit(None).cast("string")).withColumn("_sim", F.lit(None).cast("double"))
    is_article = table == "articles"
    story = F.coalesce(F.col("_rep"), F.col("_aid"))
    return (
        df.withColumn("duplicate_of", F.when(is_article, F.col("_rep")))
        .withColumn("similarity", F.when(is_article, F.col("_sim")))
        .withColumn("_story", story)
        .withColumn(
            "event_key",
            F.when(F.col("_open"), F.concat(F.col("event_key"), F.lit("|"), story)).otherwise(
                F.col("event_key")
            ),
        )
    )


def count_mentions(events: DataFrame) -> DataFrame:
    """Add GDELT-style counts per event key: mentions, articles, sources (outlets), stories."""
    from pyspark.sql import functions as F

    from communique.parquet import SCHEMAS

    counts = events.groupBy("event_key").agg(
        F.count(F.lit(1)).alias("num_mentions"),
        # distinct counts as set sizes: several countDistinct would expand every row once per
        # column and aggregate twice; collect_set skips nulls as countDistinct does
        F.size(F.collect_set("article_id")).alias("num_articles"),
        F.size(F.collect_set("_outlet")).alias("num_sources"),
        F.size(F.collect_set("_story")).alias("num_stories"),
    )
    late = ["num_mentions", "num_articles", "num_sources", "num_stories"]
    joined = events.drop(*late).join(counts, "event_key", "left")
    return joined.select(
        *[F.col(name).cast(events.schema[name].dataType) for name in SCHEMAS["events"].names]
    )


def _table(final: DataFrame, name: str) -> DataFrame:
    from pyspark.sql import functions as F

    from communique.parquet import SCHEMAS

    df = final.filter(F.col("_table") == name)
    if name == "events":
        return count_mentions(df.select(*SCHEMAS["events"].names, "_outlet", "_story"))
    return df.select(*SCHEMAS[name].names)


def hadoop_path(spark: SparkSession, uri: str) -> tuple[Any, Any]:
    """``uri`` (a local path or a Hadoop URI) as a Hadoop ``Path`` and the file system that serves it.

    Raises py4j's ``Py4JJavaError`` when no file system on Spark's classpath serves its scheme.
    """
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)  # type: ignore[union-attr]
    return path, path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def _exists(spark: SparkSession, path: str) -> bool:
    """Tell whether ``path`` (a local path or a Hadoop URI) exists, through Spark's Hadoop file systems."""
    found, system = hadoop_path(spark, path)
    return bool(system.exists(found))


def _write(df: DataFrame, table: str, out: str) -> dict[str, int]:
    """Write one table; return its observed counts (rows; for articles, near duplicates and skipped)."""
    from pyspark.sql import Observation
    from pyspark.sql import functions as F

    seen = Observation(table)
    metrics = [F.count(F.lit(1)).alias("rows")]
    if table == "articles":
        metrics += [F.count("duplicate_of").alias("near"), F.count("skipped").alias("skipped")]
    path = f"{out.rstrip('/')}/{table}"
    # a new table is written in place; over an existing one only the months written are
    # replaced (dynamic overwrite: staged, then renamed month by month)
    mode = "dynamic" if _exists(df.sparkSession, path) else "static"
    with _described(df.sparkSession, f"write {table}"):
        (
            df.observe(seen, *metrics)
            .sortWithinPartitions("month", *_SORT[table])
            .write.mode("overwrite")
            .option("partitionOverwriteMode", mode)
            .partitionBy("month")
            .parquet(path)
        )
    return {name: int(value or 0) for name, value in seen.get.items()}


def write_tasks(partitions: int, articles: int) -> int:
    """Tasks that write each table: one per :data:`ARTICLES_PER_WRITE` articles, at most one per partition.

    >>> write_tasks(8, 130), write_tasks(400, 2_000_000), write_tasks(8, 2_000_000)
    (1, 200, 8)
    """
    return max(1, min(partitions, -(-articles // ARTICLES_PER_WRITE)))


def write_all(
    spark: SparkSession, coded: DataFrame, out: str, tables: tuple[str, ...], partitions: int
) -> tuple[CrossArticle, dict[str, dict[str, int]]]:
    """Write every table under ``out/<table>``: one Spark job per table, run concurrently.

    One query first finds what needs all the articles (:func:`cross_article`); as the first
    to read the cached rows, it codes every partition. Then the tables are written at the
    same time: the jobs share the executors, so the per-job latencies (planning, committing,
    renaming) overlap. Each table is written by :func:`write_tasks` tasks. Returns what was
    found across articles and each table's observed counts.
    """
    cross = cross_article(spark, coded)
    tasks = write_tasks(partitions, cross.articles)
    final = finish(spark, coded, cross)
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(tables)) as pool:
        futures = {
            name: pool.submit(_write, _table(final, name).coalesce(tasks), name, out) for name in tables
        }
        return cross, {name: futures[name].result() for name in tables}

"""The same pipeline on Apache Spark: many WARC/HTML/JSONL files in, partitioned Parquet out.

::

    inputs --(driver: list files)--> RDD of files --mapPartitions--> coded rows --> Parquet
                                       Pipeline.code_many (nlp.pipe batches), one Pipeline
                                       per executor process, cached at module level

Local paths (files, directories, globs) are listed on the driver, dealt into partitions of
about equal size (largest files first), and each executor reads its files itself with
:func:`communique.sources.iter_documents`, exactly as the local ``ingest`` does. Hadoop URIs
(``hdfs://``, ``s3a://``, ``file://`` …) are read with Spark's ``binaryFiles`` and the bytes
are parsed in the executors (WARC, JSONL, HTML, text). The executor side is
:mod:`communique.spark_code`.

The coded rows are cached once; everything after coding is Spark SQL on them
(:mod:`communique.spark_tables`): an article coded from two documents is kept once, near
duplicates are linked with MinHash LSH (band keys grouped in Spark, pairs checked against
the signatures, clusters joined on the driver), events get GDELT-style mention counts, and
each table is written with ``partitionBy("month")`` in dynamic overwrite mode, so a re-run
replaces the months it writes instead of appending to them; ids are content hashes, so the
rows of a re-run are the same.

A record that makes the Python worker die (a crash in a native library, memory) fails
its task; Spark retries the task (local masters get 4 tries), and a retried task codes
each record in a forked child process, so the one record that kills the child becomes a
reject and the rest of the partition is kept.

Use :func:`run_spark`, or ``communique ingest --engine spark INPUTS --out DIR``.

DOCS: docs/scale.md
"""

from __future__ import annotations

import functools
import heapq
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from communique.errors import EngineError
from communique.models import Reject
from communique.settings import Settings
from communique.spark_code import CRASH_ENV, Item, code_partition

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

__all__ = [
    "CRASH_ENV",
    "LOCAL_JAVA_OPTIONS",
    "SparkSummary",
    "check_master",
    "code_partition",
    "is_hadoop_uri",
    "local_config",
    "prepare_output",
    "readable_uris",
    "run_spark",
    "spark_session",
]

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_LOCAL_MASTER = re.compile(r"^local\[(\*|\d+)\]$")
#: The master URLs Spark 4 takes (``local[N,F]`` gives F tries per task).
_MASTER = re.compile(
    r"^(local(\[\s*(\*|\d+)\s*(,\s*\d+\s*)?\])?|local-cluster\[\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]"
    r"|spark://\S+|yarn|k8s://\S+)$"
)

#: JVM options for a local master. Its JVM runs one job on a laptop's few cores, where the
#: coding runs in Python workers and the JVM only moves rows (caching, shuffles, Parquet):
#: the client compiler alone (C1) compiles Spark's code paths in a fraction of the CPU time
#: of the optimising one (C2), whose compiler threads would compete with the Python workers
#: for the cores (measured in docs/quality.md, "Spark"). Without tiered compilation the JVM
#: reserves only 48 MB for compiled code, which Spark fills in two minutes (the JIT then
#: stops, and everything runs interpreted): the code cache keeps the tiered size, 240 MB.
#: Not used when the user gives the driver's JVM options, nor when the JVM is already running.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m"


def is_hadoop_uri(value: str) -> bool:
    """Tell whether an input is read through Spark's Hadoop file systems (not http, not a path).

    >>> is_hadoop_uri("s3a://bucket/crawl/*.warc.gz"), is_hadoop_uri("file:///data/x.warc")
    (True, True)
    >>> is_hadoop_uri("https://example.org/a.warc.gz"), is_hadoop_uri("examples/")
    (False, False)
    """
    return bool(_URI.match(value)) and not value.startswith(("http://", "https://"))


def check_master(master: str) -> None:
    """Raise :class:`~communique.errors.EngineError` for a master URL Spark would refuse.

    >>> check_master("local[2]"), check_master("yarn"), check_master("spark://h:7077")
    (None, None, None)
    >>> check_master("locl[2]")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    communique.errors.EngineError: [E070] locl[2]: not a Spark master: use local, local[N], ...
    """
    if not _MASTER.match(master.strip()):
        raise EngineError(
            "not a Spark master: use local, local[N], local[*], spark://HOST:PORT, yarn or k8s://HOST:PORT",
            source=master,
        )


def prepare_output(spark: SparkSession, out: str) -> None:
    """Make the output folder, or raise :class:`~communique.errors.EngineError` saying why it can't be.

    Checked on the driver before anything is coded, so that a file in the way or a folder
    that cannot be written does not fail the job after the coding. ``out`` is a local path
    or a Hadoop URI.
    """
    if not is_hadoop_uri(out):
        path = Path(out)
        if path.exists() and not path.is_dir():
            raise EngineError("the output is a file: give a folder (it is made if missing)", source=out)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EngineError(f"cannot make the output folder: {exc.strerror or exc}", source=out) from exc
        if not os.access(path, os.W_OK | os.X_OK):
            raise EngineError("the output folder cannot be written: choose another one", source=out)
        return
    from py4j.protocol import Py4JJavaError

    from communique.spark_tables import hadoop_path

    try:
        path, system = hadoop_path(spark, out)
        if system.exists(path) and not system.getFileStatus(path).isDirectory():
            raise EngineError("the output is a file: give a folder (it is made if missing)", source=out)
        made = bool(system.mkdirs(path))
    except Py4JJavaError as exc:
        raise EngineError(_unreadable(out, exc, doing="make the output folder"), source=out) from exc
    if not made:
        raise EngineError("cannot make the output folder: check the path and its permissions", source=out)


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


_ANY_LOCAL_MASTER = re.compile(r"^local(?:\[(?:\*|\d+)(?:,\d+)?\])?$")

#: Environment variables through which a user gives every JVM its options.
_JVM_ENV = ("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")


def is_local_master(master: str) -> bool:
    """``local``, ``local[N]``, ``local[*]``, with or without retries (``local[N,R]``); not
    ``local-cluster[...]``, whose executors are JVMs of their own.

    >>> [is_local_master(m) for m in ("local", "local[*]", "local[2,4]", "local-cluster[2,1,1024]", "yarn")]
    [True, True, True, False, False]
    """
    return _ANY_LOCAL_MASTER.match(master.strip()) is not None


def _spark_conf_folder() -> str:
    if os.environ.get("SPARK_CONF_DIR"):
        return os.environ["SPARK_CONF_DIR"]
    home = os.environ.get("SPARK_HOME")
    if not home:
        try:
            from pyspark.find_spark_home import _find_spark_home

            home = _find_spark_home()  # type: ignore[no-untyped-call]
        except (Exception, SystemExit):  # none found (it exits then): no spark-defaults.conf either
            return ""
    return os.path.join(home, "conf")


def _java_options_given() -> bool:
    """Tell whether the user sets the driver's JVM options (submit arguments, the JVM's own
    environment variables, or spark-defaults.conf)."""
    given = os.environ.get("PYSPARK_SUBMIT_ARGS", "")
    if "JavaOptions" in given or "--driver-java-options" in given:
        return True
    if any("-XX:" in os.environ.get(name, "") for name in _JVM_ENV):
        return True
    folder = _spark_conf_folder()
    if not folder:
        return False
    try:
        with open(os.path.join(folder, "spark-defaults.conf"), encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return False
    return "spark.driver.extraJavaOptions" in text or "spark.driver.defaultJavaOptions" in text


def local_config(master: str, *, cores: int | None = None, starts_jvm: bool = True) -> dict[str, str]:
    """The settings communique gives a local master; none for a cluster master.

    ``starts_jvm`` says whether the session about to be made starts the driver's JVM (its
    options apply only then); :data:`LOCAL_JAVA_OPTIONS` is left out when the user gives
    the driver's JVM options.

    >>> local_config("yarn"), local_config("spark://h:7077")
    ({}, {})
    >>> local_config("local[2]", cores=2)["spark.sql.shuffle.partitions"]
    '2'
    >>> "spark.driver.extraJavaOptions" in local_config("local[2]", starts_jvm=False)
    False
    """
    if not is_local_master(master):
        return {}
    config = {
        # a laptop's few cores: Spark SQL's default of 200 shuffle partitions is all overhead
        "spark.sql.shuffle.partitions": str(max(2, cores or os.cpu_count() or 2)),
        # local mode talks only to itself: keep the driver and block manager on loopback
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
    }
    if starts_jvm and not _java_options_given():
        config["spark.driver.extraJavaOptions"] = LOCAL_JAVA_OPTIONS
    return config


def spark_session(master: str | None = "local[*]", *, app_name: str = "communique") -> SparkSession:
    """Start (or reuse) a Spark session set up for communique.

    ``master=None`` keeps the master given by ``spark-submit``. Local masters get task
    retries, run their Python workers with this interpreter and get :func:`local_config`;
    nothing local-only is set for a cluster master.
    """
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    if master is not None:
        check_master(master)
    builder = SparkSession.builder.appName(app_name)
    local = master is not None and is_local_master(master)
    if master is not None:
        builder = builder.master(with_retries(master)).config("spark.ui.enabled", "false")
        builder = builder.config("spark.ui.showConsoleProgress", "false")
        # a stopped session leaves its JVM running: a new one reuses it, with its options
        for key, value in local_config(master, starts_jvm=SparkContext._gateway is None).items():
            builder = builder.config(key, value)
        if local:
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: no Java, a bad option, a master it refused
        raise EngineError(
            f"Spark could not start ({exc}); it needs Java 17 or newer (java on PATH, or "
            "JAVA_HOME set), and the master and Spark options given must be valid",
            source=master or "spark-submit",
        ) from exc
    if local and "PYSPARK_PYTHON" not in os.environ:
        # local workers run this interpreter (and see this environment's packages), not `python3`
        spark.sparkContext.pythonExec = sys.executable
    if master is not None:
        spark.sparkContext.setLogLevel("ERROR")
    return spark


@dataclass(frozen=True)
class SparkSummary:
    """What a Spark ingest wrote.

    ``partitions_coded`` counts the partitions whose coding task succeeded: the coding
    stage runs once per partition, however many tables are written from it.
    """

    out: str
    articles: int
    events: int
    rejects: int
    near_duplicates: int
    skipped: int
    tables: dict[str, int]
    partitions_coded: int = 0

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


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:  # a URL, or a file gone since it was listed: its task will say so
        return 0


def deal(sized: Sequence[tuple[str, int]], parts: int) -> list[list[str]]:
    """Deal files into ``parts`` groups of about equal total size, heaviest group first.

    Largest file first, each to the lightest group so far (the LPT rule), so that no task
    is left running alone at the end of the stage; a group keeps its files in input order.

    >>> deal([("a", 5), ("b", 1), ("c", 4), ("d", 2), ("e", 3)], 2)
    [['a', 'b', 'd'], ['c', 'e']]
    >>> deal([("a", 1)], 3)
    [['a']]
    """
    order = {path: i for i, (path, _) in enumerate(sized)}
    heap: list[tuple[int, int, list[str]]] = [(0, i, []) for i in range(max(1, min(parts, len(sized))))]
    for path, size in sorted(sized, key=lambda kv: (-kv[1], order[kv[0]])):
        load, index, files = heapq.heappop(heap)
        files.append(path)
        heapq.heappush(heap, (load + max(size, 1), index, files))
    groups = sorted(heap, key=lambda g: (-g[0], g[1]))
    return [sorted(files, key=order.__getitem__) for _, _, files in groups if files]


def _items(
    spark: SparkSession, inputs: Sequence[str], partitions: int | None
) -> tuple[RDD[Item], list[Reject]]:
    sc = spark.sparkContext
    local, hadoop, rejects = _plan(inputs)
    parts = partitions or max(1, min(len(local), sc.defaultParallelism * 4))
    groups = deal([(path, _size(path)) for path in local], parts)
    rdd: RDD[Item] = sc.parallelize(groups, max(1, len(groups))).flatMap(
        lambda files: [("path", path, None) for path in files]
    )
    readable, unreadable = readable_uris(spark, hadoop)
    rejects.extend(unreadable)
    if readable:
        files = sc.binaryFiles(",".join(readable))
        rdd = rdd.union(files.map(lambda kv: ("bytes", str(kv[0]), bytes(kv[1]))))
    return rdd, rejects


def readable_uris(spark: SparkSession, uris: Sequence[str]) -> tuple[list[str], list[Reject]]:
    """Split Hadoop URIs into those that name something and rejects saying why the others don't.

    Each URI is looked up (globs expanded) through its Hadoop file system on the driver, so a
    URI whose scheme has no file system on the classpath (``s3a://`` without the hadoop-aws
    connector), or that matches nothing, is a reject of stage ``sources`` with the reason and
    what to do, and the job goes on with the others; ``binaryFiles`` would otherwise fail the
    whole job when it lists its input.
    """
    from py4j.protocol import Py4JJavaError

    from communique.spark_tables import hadoop_path

    readable: list[str] = []
    rejects: list[Reject] = []
    for uri in uris:
        try:
            path, system = hadoop_path(spark, uri)
            found = system.globStatus(path)
        except Py4JJavaError as exc:
            rejects.append(Reject(uri, "sources", _unreadable(uri, exc)))
            continue
        if found is None or len(found) == 0:
            rejects.append(Reject(uri, "sources", "no file or folder matches this URI: check the path"))
        else:
            readable.append(uri)
    return readable, rejects


def _unreadable(uri: str, error: Exception, *, doing: str = "look this URI up") -> str:
    """Why Spark could not ``doing`` with a Hadoop URI, with what to do about a missing file system.

    >>> _unreadable("s3a://b/x.warc.gz", Exception("ClassNotFoundException: Class "
    ...     "org.apache.hadoop.fs.s3a.S3AFileSystem not found"))[:60]
    "Spark has no Hadoop file system for 's3a://' on its classpat"
    """
    text = str(error)
    scheme = uri.split("://", 1)[0]
    if "No FileSystem for scheme" in text or ("ClassNotFoundException" in text and "FileSystem" in text):
        return (
            f"Spark has no Hadoop file system for '{scheme}://' on its classpath: add its connector "
            "to the job (for s3a://, spark-submit --packages org.apache.hadoop:hadoop-aws:<the "
            "Hadoop version Spark bundles>; see docs/scale.md)"
        )
    lines = [line for line in map(str.strip, text.splitlines()) if line and not line.startswith("at ")]
    detail = next((line for line in lines if "Exception" in line), lines[0] if lines else "unknown error")
    return f"Spark could not {doing}: {detail.lstrip(': ')[:300]}"


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
        partitions: Partitions of the local file list (default: 4 per core, at most one per
            file), each about the same number of bytes.

    Returns:
        The counts of what was written.
    """
    from pyspark import StorageLevel

    from communique.parquet import TABLES
    from communique.spark_code import reject_record, wide_schema
    from communique.spark_tables import write_all

    settings = settings or Settings()
    session = spark or spark_session(master)
    target = str(out) if is_hadoop_uri(str(out)) else str(Path(out).resolve())
    prepare_output(session, target)
    items, planned = _items(session, inputs, partitions)
    schema = wide_schema()
    coded_parts = session.sparkContext.accumulator(0)
    # the only Python pass over the rows: coding, once per partition (the frame is cached)
    rows = items.mapPartitions(functools.partial(code_partition, settings, counter=coded_parts))
    coded = session.createDataFrame(rows, schema, verifySchema=False)
    if planned:
        coded = coded.unionByName(session.createDataFrame([reject_record(r) for r in planned], schema))
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        _, written = write_all(session, coded, target, TABLES, rows.getNumPartitions())
    finally:
        coded.unpersist()
    counts = {name: written[name]["rows"] for name in TABLES}
    near, skipped = written["articles"]["near"], written["articles"]["skipped"]
    return SparkSummary(
        out=target,
        articles=counts["articles"],
        events=counts["events"],
        rejects=counts["rejects"],
        near_duplicates=near,
        skipped=skipped,
        tables=counts,
        partitions_coded=int(coded_parts.value),
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

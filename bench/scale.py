"""Articles/s of the Spark engine (local[1], local[2]) against the single-process pipeline.

Usage::

    .venv/bin/python bench/scale.py                 # scrapinghub-aeb pages + examples/
    .venv/bin/python bench/scale.py --limit 40 --masters 'local[1]' 'local[2]'

The corpus is the one of ``bench/throughput.py`` (the scrapinghub-aeb pages, read in place
from ../shared, plus examples/), given to Spark as file paths. For each master the session
is started and its executors' pipelines are loaded on a few pages before the clock starts
(a long job pays this once). Three Spark figures are printed: the whole job as the first
job of the session (for the first master, in a fresh JVM whose SQL, cache and Parquet
paths the JIT has not compiled yet; later masters reuse the JVM), the
coding stage alone (read + extract + parse + code in ``mapPartitions``, what scales with
pages), and the whole job again in the now warm JVM (plus near duplicates, mention counts
and the Parquet writes), as every job after the first of a long-lived session or crawl.

The baseline is ``Pipeline.code_many`` in this process over the same documents, at one core
(``extract_processes = 0``, the figure the per-core overhead is taken against) and with the
default settings (its extraction worker process runs on a second core). It writes nothing,
so the whole Spark job is also compared like for like with the local ``ingest`` at one core
into a new SQLite file (the same coding, then storing every table and linking near
duplicates, where Spark runs its cross-article query and writes Parquet).

Derived figures: the per-core overhead (Spark local[1] time per article / single-process
time per article at one core; goal <= 1.3) and the speed-up from one core to two (goal >=
1.7), for each of the three. Each row also gives the CPU seconds of this process and its
children (the JVM, the Python workers): on a shared 2-core machine other work competes for
the cores, and CPU time moves less with the load than wall time does. The load average is printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from communique.models import Reject  # noqa: E402
from communique.pipeline import Pipeline  # noqa: E402
from communique.settings import Settings  # noqa: E402
from throughput import AEB, corpus  # noqa: E402


def corpus_files(limit: int | None) -> list[str]:
    """The same pages as ``throughput.corpus``, as the file paths Spark reads."""
    docs = corpus(limit)
    files = []
    for doc in docs:
        source = Path(doc.source)
        files.append(str(source if source.is_absolute() else REPO / source))
    return files


def tree_cpu() -> float:
    """CPU seconds used so far by this process and all its descendants (live ones, from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(name)] = int(fields[1])
        used[int(name)] = (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / tick
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, stack = 0.0, [os.getpid()]
    while stack:
        pid = stack.pop()
        total += used.get(pid, 0.0)
        stack.extend(children.get(pid, []))
    return total


Timing = tuple[float, float]  # wall seconds, CPU seconds


class Clock:
    """Wall and CPU seconds (this process tree) since the clock was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), tree_cpu()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, tree_cpu() - self.cpu


def _loaded_pipeline(files: list[str], settings: Settings) -> Pipeline:
    """A pipeline with its model, KB and lexicon loaded and its caches warmed on three pages."""
    from communique.sources import iter_documents

    pipeline = Pipeline(settings)
    _ = pipeline.nlp, pipeline.kb, pipeline.lexicon
    list(pipeline.code_many(list(iter_documents(files[:3], settings=settings))))
    return pipeline


def single_process(files: list[str], settings: Settings) -> tuple[Timing, Timing, int]:
    """The local pipeline's first and second pass over the documents (model loaded first).

    Returns (seconds, CPU seconds) of each pass and the coded documents. The second pass is
    the like-for-like baseline of Spark's warm figures, whose executors have coded the same
    pages before (in the first job): the word-level caches the first pass fills (lexicon
    words, spaCy's vocabulary, actor shapes) are then full on both sides.
    """
    from communique.sources import iter_documents

    pipeline = _loaded_pipeline(files, settings)
    passes: list[Timing] = []
    for _ in range(2):
        clock = Clock()
        results = list(pipeline.code_many(iter_documents(files, settings=settings)))
        passes.append(clock.read())
    return passes[0], passes[1], sum(1 for r in results if not isinstance(r, Reject))


def single_ingest(files: list[str], settings: Settings) -> tuple[Timing, Timing]:
    """The local ``ingest`` into a new SQLite file, first and second pass (model loaded first).

    The like-for-like counterpart of the Spark whole job: the same coding, plus what the
    local engine does after it (storing every table, linking near duplicates, the run's
    bookkeeping) in place of Spark's cross-article query and Parquet writes. The second
    pass ingests into another new file with the pipeline's caches full.
    """
    from communique.pipeline import ingest
    from communique.store import open_store

    pipeline = _loaded_pipeline(files, settings)
    folder = Path(tempfile.mkdtemp(prefix="communique-scale-db-"))
    passes: list[Timing] = []
    try:
        for run in range(2):
            with open_store(folder / f"bench-{run}.db") as store:
                clock = Clock()
                ingest(files, store=store, settings=settings, pipeline=pipeline)
                passes.append(clock.read())
        return passes[0], passes[1]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def log_events(folder: Path) -> None:
    """Have the Spark sessions started from now on write their event log (uncompressed) to ``folder``."""
    conf = [
        "spark.eventLog.enabled=true",
        f"spark.eventLog.dir={folder.as_uri()}",
        "spark.eventLog.compress=false",
    ]
    given = os.environ.get("PYSPARK_SUBMIT_ARGS", "pyspark-shell").removesuffix("pyspark-shell").strip()
    args = [given, *(f"--conf {c}" for c in conf), "pyspark-shell"]
    os.environ["PYSPARK_SUBMIT_ARGS"] = " ".join(arg for arg in args if arg)


def queries(folder: Path, start: float, end: float) -> list[tuple[str, float, float]]:
    """The Spark SQL queries of the event logs in ``folder`` that started between two wall-clock times.

    Each is (description, seconds after ``start``, seconds it ran); communique names its
    queries ("communique: write events"), others are named by their call site.
    """
    import json

    found = []
    begun: dict[tuple[str, int], tuple[str, float]] = {}
    for log in sorted(folder.rglob("events_*")) + sorted(folder.glob("app*")):
        for line in log.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            kind = event["Event"].rsplit(".", 1)[-1]
            if kind == "SparkListenerSQLExecutionStart":
                begun[(log.name, event["executionId"])] = (event["description"], event["time"] / 1000)
            elif kind == "SparkListenerSQLExecutionEnd" and (log.name, event["executionId"]) in begun:
                what, began = begun[(log.name, event["executionId"])]
                if start <= began <= end:
                    found.append(
                        (what.removeprefix("communique: ")[:48], began - start, event["time"] / 1000 - began)
                    )
    return sorted(found, key=lambda q: q[1])


def spark_run(
    files: list[str],
    master: str,
    settings: Settings,
    spans: dict[str, tuple[float, float]] | None = None,
    repeat: int = 1,
) -> dict[str, Timing]:
    """Wall and CPU seconds of: the whole job in a fresh JVM, the coding stage alone, the whole job again.

    The coding stage is run ``repeat`` times and the fastest run kept (``timeit``'s rule:
    on a shared machine the slower runs measure the other work). ``spans`` receives the
    wall-clock start and end of each whole job (for :func:`queries`).
    """
    import functools

    from communique.spark import _items, code_partition, run_spark, spark_session

    spark = spark_session(master)
    out = Path(tempfile.mkdtemp(prefix="communique-scale-"))
    timings: dict[str, Timing] = {}
    try:
        cores = spark.sparkContext.defaultParallelism
        # every executor process loads its pipeline once (a long job pays this once)
        warm, _ = _items(spark, files[: cores * 2], cores * 2)
        warm.mapPartitions(functools.partial(code_partition, settings)).count()
        clock, began = Clock(), time.time()  # the first job: for the first master, the JIT is cold too
        run_spark(files, out / "cold", spark=spark, settings=settings)
        timings["cold"] = clock.read()
        spans = {} if spans is None else spans
        spans["cold"] = (began, time.time())
        runs = []
        for _ in range(max(1, repeat)):
            items, _ = _items(spark, files, None)
            clock = Clock()
            items.mapPartitions(functools.partial(code_partition, settings)).count()
            runs.append(clock.read())
        timings["coding"] = min(runs)
        clock, began = Clock(), time.time()
        run_spark(files, out / "job", spark=spark, settings=settings)
        timings["whole"] = clock.read()
        spans["whole"] = (began, time.time())
    finally:
        spark.stop()
        shutil.rmtree(out, ignore_errors=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pages")
    parser.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of each coding stage; the fastest is kept (default 2)"
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="list each whole job's Spark queries (from the event log)"
    )
    args = parser.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="communique-scale-log-"))
    if args.breakdown:
        log_events(logs)
    if not AEB.exists():
        print(f"note: {AEB} not found; the corpus is examples/ only", file=sys.stderr)
    settings = Settings()
    files = corpus_files(args.limit)
    load_before = os.getloadavg()
    one_core = dataclasses.replace(settings, extract_processes=0)
    base_first, base, coded = single_process(files, one_core)
    default_first, default, _ = single_process(files, settings)
    stored_first, stored = single_ingest(files, one_core)
    workers = settings.extract_processes
    rows = [
        ("single process, one core (extract_processes=0), first pass", *base_first, coded),
        ("single process, one core, second pass", *base, coded),
        (f"single process, default (extract_processes={workers}), first pass", *default_first, coded),
        ("single process, default, second pass", *default, coded),
        ("single process, one core, ingest into SQLite (+dedup), first", *stored_first, coded),
        ("single process, one core, ingest into SQLite, second pass", *stored, coded),
    ]
    spark: dict[str, dict[str, Timing]] = {}
    spans: dict[str, dict[str, tuple[float, float]]] = {}
    for master in args.masters:
        spans[master] = {}
        spark[master] = timings = spark_run(files, master, settings, spans[master], args.repeat)
        rows.append((f"spark {master}: whole job, first of the session", *timings["cold"], coded))
        rows.append((f"spark {master}: coding stage (fastest of {args.repeat})", *timings["coding"], coded))
        rows.append(
            (f"spark {master}: whole job, warm JVM (+dedup, counts, Parquet)", *timings["whole"], coded)
        )
    print(f"# scale, {date.today()}, python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"pages {len(files)}, coded documents {coded}, load average before {load_before[0]:.1f}, "
          f"after {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'measurement':<66} {'seconds':>8} {'cpu s':>7} {'articles/s':>11}")
    for name, seconds, cpu, count in rows:
        rate = f"{count / seconds:11.2f}" if count else f"{'':>11}"
        print(f"{name:<66} {seconds:8.2f} {cpu:7.2f} {rate}")
    # like for like: Spark's warm figures against the second pass (caches full on both
    # sides), the first job of the session against the first pass
    kinds = (
        ("coding", "coding stage", base, default, None),
        ("whole", "whole job, warm JVM", base, default, stored),
        ("cold", "whole job, first", base_first, default_first, stored_first),
    )
    one = spark.get("local[1]")
    if one:
        for key, what, against, against_default, against_ingest in kinds:
            wall, cpu = one[key]
            passes = "first" if key == "cold" else "second"
            print(f"per-core overhead, {what}: {wall / against[0]:.2f}x the single process at one core, "
                  f"{passes} pass ({wall / against_default[0]:.2f}x the default one; "
                  f"CPU {cpu / against[1]:.2f}x)")  # fmt: skip
            if against_ingest:  # both sides store the tables and link near duplicates
                print(f"  {what} against the one-core local ingest into SQLite, {passes} pass: "
                      f"{wall / against_ingest[0]:.2f}x (CPU {cpu / against_ingest[1]:.2f}x)")  # fmt: skip
    two = spark.get("local[2]")
    if one and two:
        for key, what, *_ in kinds:
            goal = " (goal >= 1.7)" if key == "coding" else ""
            print(f"speed-up 1 -> 2 cores, {what}: {one[key][0] / two[key][0]:.2f}x{goal}")
    if args.breakdown:
        for master, runs in spans.items():
            for key, (began, ended) in runs.items():
                which = "first" if key == "cold" else "warm JVM"
                print(f"{master}, whole job ({which}), {ended - began:.2f} s: query, start s, seconds")
                for what, at, seconds in queries(logs, began, ended):
                    print(f"  {what:<48} {at:6.2f} {seconds:6.2f}")
    shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    main()

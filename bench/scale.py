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
default settings (its extraction worker process runs on a second core).

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


class Clock:
    """Wall and CPU seconds (this process tree) since the clock was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), tree_cpu()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, tree_cpu() - self.cpu


def single_process(files: list[str], settings: Settings) -> tuple[float, float, int]:
    """Seconds, CPU seconds and coded documents for the local pipeline (model loaded first)."""
    from communique.sources import iter_documents

    pipeline = Pipeline(settings)
    _ = pipeline.nlp, pipeline.kb, pipeline.lexicon
    list(pipeline.code_many(list(iter_documents(files[:3], settings=settings))))  # warm caches
    clock = Clock()
    results = list(pipeline.code_many(iter_documents(files, settings=settings)))
    seconds, cpu = clock.read()
    return seconds, cpu, sum(1 for r in results if not isinstance(r, Reject))


Timing = tuple[float, float]  # wall seconds, CPU seconds


def spark_run(files: list[str], master: str, settings: Settings) -> dict[str, Timing]:
    """Wall and CPU seconds of: the whole job in a fresh JVM, the coding stage alone, the whole job again."""
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
        clock = Clock()  # the first job: for the first master, the JVM's JIT is cold too
        run_spark(files, out / "cold", spark=spark, settings=settings)
        timings["cold"] = clock.read()
        items, _ = _items(spark, files, None)
        clock = Clock()
        items.mapPartitions(functools.partial(code_partition, settings)).count()
        timings["coding"] = clock.read()
        clock = Clock()
        run_spark(files, out / "job", spark=spark, settings=settings)
        timings["whole"] = clock.read()
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
    args = parser.parse_args()
    if not AEB.exists():
        print(f"note: {AEB} not found; the corpus is examples/ only", file=sys.stderr)
    settings = Settings()
    files = corpus_files(args.limit)
    load_before = os.getloadavg()
    one_core = dataclasses.replace(settings, extract_processes=0)
    base, base_cpu, coded = single_process(files, one_core)
    default, default_cpu, _ = single_process(files, settings)
    workers = settings.extract_processes
    rows = [
        ("single process, one core (extract_processes=0)", base, base_cpu, coded),
        (f"single process, default (extract_processes={workers})", default, default_cpu, coded),
    ]
    spark: dict[str, dict[str, Timing]] = {}
    for master in args.masters:
        spark[master] = timings = spark_run(files, master, settings)
        rows.append((f"spark {master}: whole job, first of the session", *timings["cold"], coded))
        rows.append((f"spark {master}: coding stage", *timings["coding"], coded))
        rows.append(
            (f"spark {master}: whole job, warm JVM (+dedup, counts, Parquet)", *timings["whole"], coded)
        )
    print(f"# scale, {date.today()}, python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"pages {len(files)}, coded documents {coded}, load average before {load_before[0]:.1f}, "
          f"after {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'measurement':<62} {'seconds':>8} {'cpu s':>7} {'articles/s':>11}")
    for name, seconds, cpu, count in rows:
        rate = f"{count / seconds:11.2f}" if count else f"{'':>11}"
        print(f"{name:<62} {seconds:8.2f} {cpu:7.2f} {rate}")
    kinds = (("coding", "coding stage"), ("whole", "whole job, warm JVM"), ("cold", "whole job, first"))
    one = spark.get("local[1]")
    if one:
        for key, what in kinds:
            wall, cpu = one[key]
            print(f"per-core overhead, {what}: {wall / base:.2f}x the single process at one core "
                  f"({wall / default:.2f}x the default one; CPU {cpu / base_cpu:.2f}x)")  # fmt: skip
    two = spark.get("local[2]")
    if one and two:
        for key, what in kinds:
            goal = " (goal >= 1.7)" if key == "coding" else ""
            print(f"speed-up 1 -> 2 cores, {what}: {one[key][0] / two[key][0]:.2f}x{goal}")


if __name__ == "__main__":
    main()

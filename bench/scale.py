"""Articles/s of the Spark engine (local[1], local[2]) against the single-process pipeline.

Usage::

    .venv/bin/python bench/scale.py                 # scrapinghub-aeb pages + examples/
    .venv/bin/python bench/scale.py --limit 40 --masters 'local[1]' 'local[2]'

The corpus is the one of ``bench/throughput.py`` (the scrapinghub-aeb pages, read in place
from ../shared, plus examples/), given to Spark as file paths. For each master the session
is started and the executors' pipelines are warmed on a few pages before the clock starts
(as on a long job, where start-up is paid once). Two Spark figures are printed: the coding
stage alone (read + extract + parse + code in ``mapPartitions``, what scales with pages)
and the whole job (plus near duplicates, mention counts and the Parquet writes). The
baseline is ``Pipeline.code_many`` in this process over the same documents.

Derived figures: the per-core overhead (Spark local[1] time per article / single-process
time per article; goal <= 1.3) and the speed-up from one core to two (goal >= 1.7).
The machine's load average is printed: on a shared 2-core machine other work competes.
"""

from __future__ import annotations

import argparse
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


def single_process(files: list[str], settings: Settings) -> tuple[float, int]:
    """Seconds and coded documents for the local pipeline over the files (model loaded first)."""
    from communique.sources import iter_documents

    pipeline = Pipeline(settings)
    _ = pipeline.nlp, pipeline.kb, pipeline.lexicon
    list(pipeline.code_many(list(iter_documents(files[:3], settings=settings))))  # warm caches
    start = time.perf_counter()
    results = list(pipeline.code_many(iter_documents(files, settings=settings)))
    seconds = time.perf_counter() - start
    return seconds, sum(1 for r in results if not isinstance(r, Reject))


def spark_run(files: list[str], master: str, settings: Settings) -> tuple[float, float, int]:
    """Seconds for the coding stage alone, seconds for the whole job, and articles written."""
    import functools

    from communique.spark import _items, code_partition, run_spark, spark_session

    spark = spark_session(master)
    out = Path(tempfile.mkdtemp(prefix="communique-scale-"))
    try:
        cores = spark.sparkContext.defaultParallelism
        # warm: every executor process loads its pipeline once (a long job pays this once)
        warm, _ = _items(spark, files[: cores * 2], cores * 2)
        warm.mapPartitions(functools.partial(code_partition, settings)).count()
        items, _ = _items(spark, files, None)
        start = time.perf_counter()
        items.mapPartitions(functools.partial(code_partition, settings)).count()
        coding = time.perf_counter() - start
        start = time.perf_counter()
        summary = run_spark(files, out / "job", spark=spark, settings=settings)
        whole = time.perf_counter() - start
    finally:
        spark.stop()
        shutil.rmtree(out, ignore_errors=True)
    return coding, whole, summary.articles


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
    base, coded = single_process(files, settings)
    rows = [("single process (Pipeline.code_many)", base, coded)]
    spark: dict[str, tuple[float, float]] = {}
    for master in args.masters:
        coding, whole, articles = spark_run(files, master, settings)
        spark[master] = (coding, whole)
        rows.append((f"spark {master}: coding stage", coding, coded))
        rows.append((f"spark {master}: whole job (+dedup, counts, Parquet)", whole, articles))
    print(f"# scale, {date.today()}, python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"pages {len(files)}, coded documents {coded}, load average before {load_before[0]:.1f}, "
          f"after {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'measurement':<56} {'seconds':>8} {'articles/s':>11}")
    for name, seconds, count in rows:
        print(f"{name:<56} {seconds:8.2f} {count / seconds:11.2f}")
    one = spark.get("local[1]")
    if one:
        print(f"per-core overhead, coding stage: {one[0] / base:.2f}x single-process time (goal <= 1.3)")
        print(f"per-core overhead, whole job:    {one[1] / base:.2f}x single-process time")
    two = spark.get("local[2]")
    if one and two:
        print(f"speed-up 1 -> 2 cores, coding stage: {one[0] / two[0]:.2f}x (goal >= 1.7)")
        print(f"speed-up 1 -> 2 cores, whole job:    {one[1] / two[1]:.2f}x")


if __name__ == "__main__":
    main()

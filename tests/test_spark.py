"""The Spark engine in local mode: bad inputs, a dying worker, re-runs, Hadoop URIs, load.

One Spark session (``local[2]``, with task retries) serves the module, and the job runs
twice on the same inputs. It reads two web archives made here with warcio (one holding a
near-duplicate wire copy, the other a page that makes the Python worker exit), a corrupt
archive between them, a JSONL file with a broken line and a page with no article body;
the first archive and the JSONL file are given as ``file://`` URIs, so Spark's Hadoop
reader (``binaryFiles``) reads them.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("pyspark")
pytestmark = pytest.mark.slow

from communique import parquet  # noqa: E402
from communique.spark import CRASH_ENV, SparkSummary, run_spark, spark_session  # noqa: E402
from communique.store import open_store  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "scale"
CRASH_MARKER = "zq-worker-crash-test-4c1e"
BRIEF = (
    "ADDIS ABABA, July 9, 2020 — Ethiopia rejected on Thursday a call from Egypt to delay filling "
    "the reservoir of its dam on the Blue Nile, and said the work would go ahead with the rains."
)


def _page(path: Path, published: str) -> str:
    title, *paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><nav>Home | World | Asia</nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright. All rights reserved.</footer></body></html>"
    )


def _warc(path: Path, pages: list[tuple[str, str]]) -> str:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)
    return str(path)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("crawl")
    harbour = _page(DATA / "harbour-talks.txt", "2021-03-04")
    copy = _page(DATA / "harbour-talks-wire-copy.txt", "2021-03-04")
    nile = _page(DATA / "river-dam-dispute.txt", "2020-07-08")
    crash = nile.replace("Egypt urges", f"{CRASH_MARKER} Egypt urges")
    first = _warc(
        root / "a.warc.gz", [("https://seoul.example/fish", harbour), ("https://wire.example/f", copy)]
    )
    corrupt = root / "b.warc.gz"
    corrupt.write_bytes(
        gzip.compress(b"WARC/1.0\r\nthis is not a web archive record\r\n")[:40] + b"\x00" * 64
    )
    second = _warc(root / "c.warc.gz", [("https://cairo.example/nile", nile), ("https://x.example/c", crash)])
    lines = root / "d.jsonl"
    lines.write_text(
        json.dumps({"id": "n1", "text": BRIEF, "url": "https://n.example/1", "published": "2020-07-09"})
        + "\n{not json\n",
        encoding="utf-8",
    )
    empty = root / "e.html"
    empty.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    # the first archive and the JSONL file go through Spark's Hadoop reader (binaryFiles)
    # a URI that matches nothing and one whose scheme Spark has no file system for
    missing = f"file://{root}/gone/*.warc.gz"
    return [
        Path(first).as_uri(),
        str(corrupt),
        second,
        lines.as_uri(),
        str(empty),
        missing,
        "nope://b/x.warc",
    ]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    before = os.environ.get(CRASH_ENV)
    os.environ[CRASH_ENV] = CRASH_MARKER  # the JVM and its Python workers inherit it
    session = spark_session("local[2]")
    yield session
    session.stop()
    if before is None:
        os.environ.pop(CRASH_ENV, None)
    else:
        os.environ[CRASH_ENV] = before


def _read(out: Path, table: str) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    folder = out / table
    if not folder.exists():
        return []
    rows = ds.dataset(str(folder), format="parquet", partitioning="hive").to_table().to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


@pytest.fixture(scope="module")
def first_run(
    spark: Any, inputs: list[str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, SparkSummary]:
    out = tmp_path_factory.mktemp("out")
    return out, run_spark(inputs, out, spark=spark)


def test_good_records_kept_once_and_bad_ones_rejected_with_reasons(
    first_run: tuple[Path, SparkSummary],
) -> None:
    out, summary = first_run
    articles = _read(out, "articles")
    urls = sorted(a["url"] for a in articles)
    assert urls == [
        "https://cairo.example/nile",  # the page after the crash in the same archive was kept
        "https://n.example/1",
        "https://seoul.example/fish",
        "https://wire.example/f",
    ]
    assert len({a["id"] for a in articles}) == len(articles) == summary.articles
    # Hadoop names a file file:/path; a record's source is that name and its byte offset
    assert all(a["source"].startswith("file:") for a in articles if a["url"] != "https://cairo.example/nile")
    rejects = _read(out, "rejects")
    by_stage: dict[str, list[dict[str, Any]]] = {}
    for r in rejects:
        by_stage.setdefault(r["stage"], []).append(r)
    sources = by_stage["sources"]
    assert any(
        "b.warc.gz" in r["source"] and ("corrupt" in r["reason"] or "cut short" in r["reason"])
        for r in sources
    )
    assert any(r["source"].startswith("file:") and r["source"].endswith("/d.jsonl:2") for r in sources)
    assert [r["source"].rsplit("/", 1)[-1] for r in by_stage["extract"]] == ["e.html"]
    (worker,) = by_stage["worker"]
    assert "c.warc.gz@" in worker["source"] and "died" in worker["reason"]
    reasons = {r["source"].rsplit("/", 1)[-1]: r["reason"] for r in sources}
    assert reasons["*.warc.gz"].startswith("no file or folder matches this URI")
    assert "no Hadoop file system for 'nope://'" in reasons["x.warc"]
    assert summary.rejects == len(rejects) == 6


def test_partitions_by_month_and_unique_event_ids(first_run: tuple[Path, SparkSummary]) -> None:
    out, _ = first_run
    months = sorted(p.name for p in (out / "articles").iterdir() if p.is_dir())
    assert months == ["month=2020-07", "month=2021-03"]  # from the pages' meta dates
    assert [p.name for p in (out / "rejects").iterdir() if p.is_dir()] == ["month=unknown"]
    events = _read(out, "events")
    assert events
    keys = [e["key"] for e in events]
    assert len(set(keys)) == len(keys)
    assert all(e["key"] == f"{e['article_id']}:{e['id']}" for e in events)


def test_near_duplicates_linked_and_mentions_counted(first_run: tuple[Path, SparkSummary]) -> None:
    out, summary = first_run
    articles = {a["url"]: a for a in _read(out, "articles")}
    original, copy = articles["https://seoul.example/fish"], articles["https://wire.example/f"]
    representative = min(original["id"], copy["id"])
    linked = copy if representative == original["id"] else original
    assert linked["duplicate_of"] == representative and linked["similarity"] >= 0.5
    assert summary.near_duplicates == 1
    events = [e for e in _read(out, "events") if e["article_id"] in (original["id"], copy["id"])]
    shared = [e for e in events if e["num_articles"] == 2]
    assert shared
    assert all(e["num_sources"] == 2 and e["num_stories"] == 1 for e in shared)
    assert all(e["num_mentions"] >= e["num_articles"] for e in events)


def test_rerun_gives_identical_rows(
    spark: Any, inputs: list[str], first_run: tuple[Path, SparkSummary]
) -> None:
    out, summary = first_run
    before = {t: _read(out, t) for t in parquet.TABLES}
    again = run_spark(inputs, out, spark=spark)
    after = {t: _read(out, t) for t in parquet.TABLES}
    assert again.tables == summary.tables
    assert after == before


def test_rerun_keeps_months_it_does_not_write(
    spark: Any, inputs: list[str], first_run: tuple[Path, SparkSummary], tmp_path: Path
) -> None:
    """A new table is written in place; over an existing one only the months written are replaced."""
    import shutil

    out, summary = first_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    shutil.copytree(copy / "articles" / "month=2020-07", copy / "articles" / "month=1999-01")
    kept = _read(copy, "articles")
    again = run_spark(inputs, copy, spark=spark)
    assert again.tables == summary.tables
    assert (copy / "articles" / "month=1999-01").is_dir()
    assert sorted(map(str, _read(copy, "articles"))) == sorted(map(str, kept))
    assert _read(copy, "events") == _read(out, "events")


def test_load_into_sqlite_matches_parquet(first_run: tuple[Path, SparkSummary], tmp_path: Path) -> None:
    out, summary = first_run
    with open_store(tmp_path / "c.db") as store:
        loaded = parquet.load(out, store)
        assert loaded.stored == summary.articles and loaded.rejects == summary.rejects
        assert loaded.near_duplicates == summary.near_duplicates
        counts = store.counts()
        for table in ("articles", "actors", "events", "quotes", "timexes"):
            assert counts[table] == summary.tables[table], table
        stored = {(r["article_id"], r["event_id"]): r for r in store.event_counts()}
        for event in _read(out, "events"):
            row = stored[(event["article_id"], event["id"])]
            assert row["event_key"] == event["event_key"]
            assert (row["num_articles"], row["num_sources"]) == (event["num_articles"], event["num_sources"])
        again = parquet.load(out, store)
        assert again.stored == 0 and store.counts() == counts | {"runs": counts["runs"] + 1}


def test_duckdb_reads_the_output(first_run: tuple[Path, SparkSummary]) -> None:
    duckdb = pytest.importorskip("duckdb")
    out, summary = first_run
    events = f"read_parquet('{out}/events/*/*.parquet', hive_partitioning = true)"
    articles = f"read_parquet('{out}/articles/*/*.parquet', hive_partitioning = true)"
    rows = duckdb.sql(
        f"SELECT e.month, count(*) FROM {events} e JOIN {articles} a ON a.id = e.article_id "
        "WHERE a.duplicate_of IS NULL GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert [month for month, _ in rows] == ["2020-07", "2021-03"]
    total = duckdb.sql(f"SELECT count(*) FROM {events}").fetchone()
    assert total is not None and total[0] == summary.events


def test_each_partition_is_coded_once(
    spark: Any, inputs: list[str], first_run: tuple[Path, SparkSummary]
) -> None:
    from communique.spark import _items

    _, summary = first_run
    items, _ = _items(spark, inputs, None)
    # eight tables are written from one cached coding pass; the retried task counts once
    assert summary.partitions_coded == items.getNumPartitions()


def test_partitions_are_dealt_by_size() -> None:
    from communique.spark import deal

    sized = [(f"f{i}", size) for i, size in enumerate([90, 10, 10, 10, 40, 40, 10, 10, 50, 30])]
    groups = deal(sized, 3)
    loads = [sum(dict(sized)[f] for f in group) for group in groups]
    assert sorted(f for group in groups for f in group) == sorted(dict(sized))
    assert loads == sorted(loads, reverse=True) and loads[0] - loads[-1] <= 10


def _shuffled_story(words: list[str], seed: int, changes: int) -> str:
    rng = np.random.default_rng(seed)
    copy = list(words)
    for i in rng.choice(len(copy), size=changes, replace=False):
        copy[i] = f"w{seed}x{i}"
    return " ".join(copy)


def test_sql_lsh_finds_the_pairs_of_the_python_index(spark: Any) -> None:
    """The Spark SQL banding and similarity give the links that dedup's Python functions give."""
    from communique import dedup
    from communique.spark_code import names, wide_schema
    from communique.spark_tables import cross_article

    stories = [[f"s{s}w{i}" for i in range(80)] for s in range(6)]
    texts: dict[str, str] = {}
    for s, words in enumerate(stories):
        texts[f"a{s}"] = " ".join(words)
        for c in range(s % 3):  # copies with a few words changed: similar, not identical
            texts[f"a{s}c{c}"] = _shuffled_story(words, 10 * s + c, 4 + 3 * c)
    # a chain: each text shares three quarters of its words with the next, the ends only half
    for i in range(3):
        texts[f"m{i}"] = " ".join(f"chain{j}" for j in range(25 * i, 25 * i + 100))
    sigs = {aid: dedup.signature(text) for aid, text in texts.items()}
    rows = [{"_table": "articles", "_aid": aid, "_source": f"doc-{aid}", "signature": dedup.to_bytes(sig)}
            for aid, sig in sigs.items()]  # fmt: skip
    rows.append(
        {"_table": "articles", "_aid": "a0", "_source": "doc-0-again", "signature": rows[0]["signature"]}
    )
    frame = spark.createDataFrame([tuple(r.get(n) for n in names()) for r in rows], wide_schema())
    cross = cross_article(spark, frame)

    pairs = dedup.candidate_pairs((aid, dedup.band_keys(sig)) for aid, sig in sigs.items())
    edges = [(a, b) for a, b in pairs if dedup.similarity(sigs[a], sigs[b]) >= dedup.DEFAULT.threshold]
    expected = sorted(
        (aid, rep, round(dedup.similarity(sigs[aid], sigs[rep]), 4))
        for aid, rep in dedup.clusters(edges).items()
        if aid != rep
    )
    assert expected and cross.links == expected
    # the chain's last text joins its cluster through the middle one, not by its own pair
    assert ("m2", "m0", round(dedup.similarity(sigs["m2"], sigs["m0"]), 4)) in cross.links
    assert ("m0", "m2") not in edges
    assert cross.winners == {"a0": "doc-0-again"} and cross.articles == len(rows)


def test_doctests() -> None:
    import doctest

    from communique import spark as engine
    from communique import spark_code, spark_tables

    for module in (engine, spark_code, spark_tables):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_local_settings_stay_off_cluster_masters(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from communique.spark import LOCAL_JAVA_OPTIONS, local_config

    monkeypatch.delenv("PYSPARK_SUBMIT_ARGS", raising=False)
    monkeypatch.setenv("SPARK_CONF_DIR", "/nonexistent")
    for master in ("yarn", "spark://head:7077", "k8s://https://api:6443", "mesos://m:5050"):
        assert local_config(master) == {}
    config = local_config("local[2]", cores=2)
    assert config["spark.driver.extraJavaOptions"] == LOCAL_JAVA_OPTIONS
    assert config["spark.sql.shuffle.partitions"] == "2"
    # the JVM options are the user's when given, and moot once the JVM runs
    assert "spark.driver.extraJavaOptions" not in local_config("local[2]", starts_jvm=False)
    monkeypatch.setenv("PYSPARK_SUBMIT_ARGS", "--driver-java-options -Xss4m pyspark-shell")
    assert "spark.driver.extraJavaOptions" not in local_config("local[2]")
    monkeypatch.delenv("PYSPARK_SUBMIT_ARGS")
    assert local_config("local-cluster[2,1,1024]") == {}  # executors are JVMs of their own
    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:ReservedCodeCacheSize=512m")
    assert "spark.driver.extraJavaOptions" not in local_config("local[2]")
    monkeypatch.delenv("JAVA_TOOL_OPTIONS")
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text("spark.driver.defaultJavaOptions -XX:+UseG1GC\n")
    monkeypatch.setenv("SPARK_CONF_DIR", str(tmp_path))
    assert "spark.driver.extraJavaOptions" not in local_config("local[2]")


def test_local_jvm_gets_its_options(spark: Any) -> None:
    from communique.spark import LOCAL_JAVA_OPTIONS

    # Spark adds its own module options to the value it keeps
    if LOCAL_JAVA_OPTIONS not in (spark.sparkContext.getConf().get("spark.driver.extraJavaOptions") or ""):
        pytest.skip("this JVM was started with the user's own options")
    runtime = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean()
    assert set(LOCAL_JAVA_OPTIONS.split()) <= set(runtime.getInputArguments())


def test_output_that_cannot_be_written_is_refused_before_coding(spark: Any, tmp_path: Path) -> None:
    from communique.errors import EngineError
    from communique.spark import prepare_output

    in_the_way = tmp_path / "taken"
    in_the_way.write_text("a file, not a folder", encoding="utf-8")
    for out in (str(in_the_way), in_the_way.as_uri()):
        with pytest.raises(EngineError, match="the output is a file"):
            prepare_output(spark, out)
    with pytest.raises(EngineError, match="cannot make the output folder"):
        prepare_output(spark, str(in_the_way / "below"))
    with pytest.raises(EngineError, match="the output is a file"):
        run_spark([str(DATA / "harbour-talks.txt")], in_the_way, spark=spark)
    fresh = tmp_path / "new" / "out"
    prepare_output(spark, fresh.as_uri())
    assert fresh.is_dir()


def test_a_master_spark_would_refuse_is_an_error_before_the_jvm_starts() -> None:
    from communique.errors import EngineError

    with pytest.raises(EngineError, match="not a Spark master"):
        spark_session("locl[2]")

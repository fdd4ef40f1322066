"""Near duplicates (MinHash LSH), their links in the store, mention counts, and Parquet loading."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from communique import dedup, parquet
from communique.models import Document, Reject
from communique.pipeline import Pipeline, ingest
from communique.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "scale"
ORIGINAL = (DATA / "harbour-talks.txt").read_text(encoding="utf-8")
WIRE_COPY = (DATA / "harbour-talks-wire-copy.txt").read_text(encoding="utf-8")
OTHER = (DATA / "river-dam-dispute.txt").read_text(encoding="utf-8")


def test_signature_is_deterministic_and_round_trips() -> None:
    a, b = dedup.signature(ORIGINAL), dedup.signature(ORIGINAL)
    assert a.dtype == np.uint64 and len(a) == dedup.DEFAULT.num_perm
    assert dedup.to_bytes(a) == dedup.to_bytes(b)
    assert (dedup.from_bytes(dedup.to_bytes(a)) == a).all()


def test_wire_copy_is_near_duplicate_and_other_story_is_not() -> None:
    original, copy, other = (dedup.signature(t) for t in (ORIGINAL, WIRE_COPY, OTHER))
    assert dedup.similarity(original, copy) >= dedup.DEFAULT.threshold
    assert dedup.similarity(original, other) < 0.2
    # the LSH bands put the copy in a shared bucket, and the other story in none
    keys = set(dedup.band_keys(original))
    assert keys & set(dedup.band_keys(copy))
    assert not keys & set(dedup.band_keys(other))


def test_index_finds_the_copy_only() -> None:
    index = dedup.NearDuplicateIndex()
    index.add("original", dedup.signature(ORIGINAL))
    index.add("other", dedup.signature(OTHER))
    matches = index.query(dedup.signature(WIRE_COPY))
    assert [m.article_id for m in matches] == ["original"]
    assert 0.5 <= matches[0].similarity <= 1.0


def test_short_texts_are_not_linked() -> None:
    assert not dedup.linkable("Talks resume.")
    assert dedup.linkable(ORIGINAL)


def test_clusters_pick_smallest_id_whatever_the_order() -> None:
    pairs = [("k", "c"), ("c", "x"), ("p", "q")]
    assert dedup.clusters(pairs) == dedup.clusters(reversed(pairs))
    assert dedup.clusters(pairs)["x"] == "c"


def test_outlet_of() -> None:
    assert dedup.outlet_of("https://news.example.com/a?b=1") == "news.example.com"
    assert dedup.outlet_of(None, None) is None


def _jsonl(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return str(path)


def test_local_ingest_links_near_duplicates_across_runs(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "c.db"
    first = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "a", "text": ORIGINAL, "url": "https://www.seoul-daily.example/fish"},
            {"id": "b", "text": OTHER, "url": "https://cairo.example/nile"},
        ],
    )
    second = _jsonl(tmp_path / "b.jsonl", [{"id": "c", "text": WIRE_COPY, "url": "https://wire.example/x"}])
    with open_store(db) as store:
        summary = ingest([first], store=store, pipeline=pipeline)
        assert summary.stored == 2 and summary.near_duplicates == 0
    with open_store(db) as store:  # a new process: the signatures come from the database
        summary = ingest([second], store=store, pipeline=pipeline)
        assert summary.near_duplicates == 1
        ids = {a["url"]: a["id"] for a in store.articles()}
        link = store.article_link(ids["https://wire.example/x"])
        assert link is not None
        assert link["duplicate_of"] == ids["https://www.seoul-daily.example/fish"]
        assert link["outlet"] == "wire.example"
        assert store.article_link(ids["https://cairo.example/nile"])["duplicate_of"] is None  # type: ignore[index]
        # an event both copies report is counted once per article, outlet and story
        counts = store.event_counts(ids["https://wire.example/x"])
        shared = [c for c in counts if c["num_articles"] == 2]
        assert shared, counts
        assert all(c["num_sources"] == 2 and c["num_stories"] == 1 for c in shared)


def test_ingest_links_articles_stored_without_a_link(tmp_path: Path, pipeline: Pipeline) -> None:
    with open_store(tmp_path / "c.db") as store:
        coded = pipeline.code(Document.from_text(ORIGINAL, source="orig.txt"))
        store.add(coded)  # as if a run was killed between storing and linking
        assert store.unlinked_articles() == [coded.article.id]
        ingest([_jsonl(tmp_path / "w.jsonl", [{"text": WIRE_COPY}])], store=store, pipeline=pipeline)
        assert store.unlinked_articles() == []
        copy_id = next(a["id"] for a in store.articles() if a["id"] != coded.article.id)
        assert store.article_link(copy_id)["duplicate_of"] == coded.article.id  # type: ignore[index]


def test_event_key_matches_the_store_view(tmp_path: Path, pipeline: Pipeline) -> None:
    with open_store(tmp_path / "c.db") as store:
        ingest(
            [_jsonl(tmp_path / "a.jsonl", [{"text": ORIGINAL}, {"text": OTHER}])],
            store=store,
            pipeline=pipeline,
        )
        rows = {(r["article_id"], r["event_id"]): r["event_key"] for r in store.event_counts()}
        assert rows
        for (article_id, event_id), key in rows.items():
            coded = store.article(article_id)
            event = next(e for e in coded.events if e.id == event_id)
            table = parquet.rows_of(coded)["events"]
            row = next(r for r in table if r["id"] == event_id)
            assert key == parquet.event_key(
                event.event_type, row["source_codes"], row["target_codes"], event.date,
                coded.article.published, article_id,
            )  # fmt: skip


def test_month_partition() -> None:
    assert parquet.month_of("2021-03-04") == "2021-03"
    assert parquet.month_of("2021-13-04") == "unknown"
    assert parquet.month_of("") == "unknown"


def _write_table(root: Path, table: str, rows: list[dict[str, object]]) -> None:
    schema = parquet.SCHEMAS[table]
    for month in sorted({str(r["month"]) for r in rows}):
        folder = root / table / f"month={month}"
        folder.mkdir(parents=True)
        part = [r for r in rows if r["month"] == month]
        body = pa.Table.from_pylist(part, schema=schema).drop_columns(["month"])
        pq.write_table(body, folder / "part-0.parquet")


def test_load_brings_parquet_rows_into_the_store_once(tmp_path: Path, pipeline: Pipeline) -> None:
    out = tmp_path / "out"
    results = list(pipeline.code_many([Document.from_text(t) for t in (ORIGINAL, WIRE_COPY)]))
    tables: dict[str, list[dict[str, object]]] = {t: [] for t in parquet.TABLES}
    for result in results:
        assert not isinstance(result, Reject)
        for table, rows in parquet.rows_of(result, document_key=result.document_id).items():
            tables[table].extend(rows)
    tables["rejects"].append(parquet.reject_row(Reject("bad.warc@0", "sources", "the archive is corrupt")))
    for table, rows in tables.items():
        if rows:
            _write_table(out, table, rows)
    with open_store(tmp_path / "c.db") as store:
        first = parquet.load(out, store)
        assert (first.stored, first.rejects, first.near_duplicates) == (2, 1, 1)
        again = parquet.load(out, store)
        assert (again.stored, again.duplicates, again.rejects) == (0, 2, 0)
        counts = store.counts()
        assert counts["articles"] == 2 and counts["rejects"] == 1
        assert counts["events"] == len(tables["events"])


def test_load_goes_on_past_a_file_that_is_not_parquet(tmp_path: Path, pipeline: Pipeline) -> None:
    out = tmp_path / "out"
    (result,) = pipeline.code_many([Document.from_text(ORIGINAL)])
    assert not isinstance(result, Reject)
    rows = parquet.rows_of(result, document_key=result.document_id)["articles"]
    _write_table(out, "articles", rows)
    month = next((out / "articles").iterdir())
    (month / "part-1.parquet").write_bytes(b"PAR1 cut short")  # a copy that stopped half-way
    (month / "_SUCCESS").write_bytes(b"")  # a marker, not data
    with open_store(tmp_path / "c.db") as store:
        summary = parquet.load(out, store)
        assert (summary.stored, summary.unreadable, summary.rejects) == (1, 1, 1)
        (reject,) = store.rejects()
        assert reject["stage"] == "load" and reject["source"].endswith("part-1.parquet")
        assert "not a readable Parquet file of the articles table" in reject["reason"]


def test_load_refuses_a_folder_without_articles(tmp_path: Path) -> None:
    from communique.errors import InputError

    with open_store(tmp_path / "c.db") as store, pytest.raises(InputError, match="articles/"):
        parquet.load(tmp_path, store)

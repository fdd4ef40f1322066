"""The store: schema, migrations, atomic writes, dedup, filters, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from communique.errors import NotFound, StoreError
from communique.models import Actor, Article, CodedArticle, Event, Mention, Reject, Span, content_hash
from communique.store import EventFilter, open_store


def _coded(text: str, *, date: str = "2019-09-06", etype: str = "REQUEST") -> CodedArticle:
    article = Article(
        id=content_hash(text), text=text, paragraphs=(Span(0, len(text), text),), source="test",
        title="Talks", published="2019-09-09T17:32:00+09:00", language="en",
    )  # fmt: skip
    us = Actor("A1", "United States", "USA", "GOV", (Mention(0, 2, text[:2], "A1", 0),), kind="country")
    nk = Actor("A2", "North Korea", "PRK", "GOV", (Mention(3, 5, text[3:5], "A2", 0),), kind="country")
    event = Event(
        "E1", etype, ("A1",), ("A2",), Span(0, len(text), text), Span(0, 2, text[:2]),
        cameo="020", quad_class=1, date=date, date_source="text", confidence=0.9,
    )  # fmt: skip
    return CodedArticle(article, (us, nk), events=(event,))


def test_schema_wal_and_migrations(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.db")
    applied = store.migrations()
    assert applied[0] == "0001_initial"
    mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for t in (
        "articles",
        "actors",
        "mentions",
        "events",
        "quotes",
        "timexes",
        "rejects",
        "runs",
        "articles_fts",
    ):
        assert t in tables
    store.close()
    # reopening applies nothing twice
    assert open_store(tmp_path / "c.db").migrations() == applied


def test_add_is_idempotent_and_lossless(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.db")
    coded = _coded("US asks North Korea to return to talks.")
    assert store.add(coded, document_key="k1") is True
    assert store.add(coded, document_key="k2") is False
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 1
    assert store.has_document("k2") == coded.article.id
    assert store.article(coded.article.id) == coded
    assert store.article(coded.article.id[:6]) == coded


def test_event_filters(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.db")
    store.add(_coded("US asks North Korea to return to talks.", date="2019-09-06"))
    store.add(_coded("US and North Korea agree to meet again.", date="2019-10-01", etype="AGREE"))
    assert store.count_events() == 2
    assert [e.event_type for e in store.events(EventFilter(event_type="agree"))] == ["AGREE"]
    assert len(store.events(EventFilter(actor="PRK"))) == 2
    assert len(store.events(EventFilter(actor="north kor"))) == 2
    assert len(store.events(EventFilter(actor="USAGOV"))) == 2
    assert len(store.events(EventFilter(actor="CHN"))) == 0
    assert [e.date for e in store.events(EventFilter(since="2019-10"))] == ["2019-10-01"]
    assert [e.date for e in store.events(EventFilter(until="2019-09"))] == ["2019-09-06"]
    assert len(store.events(EventFilter(countries=("PRK", "USA")))) == 2
    assert len(store.events(EventFilter(source_country="PRK"))) == 0
    # filter values are data, never SQL
    assert store.events(EventFilter(actor="' OR 1=1 --")) == []
    assert store.events(EventFilter(actor="%")) == []


def test_search_and_rejects(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.db")
    store.add(_coded("US asks North Korea to return to talks."))
    hits = store.search("korea talks")
    assert len(hits) == 1 and "[Korea]" in hits[0]["snippet"]
    assert store.search('"unbalanced AND (') == []
    store.add_reject(Reject("bad.bin", "sources", "binary data"))
    assert store.rejects()[0]["reason"] == "binary data"


def test_missing_article_and_bad_files(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.db")
    with pytest.raises(NotFound, match="no article has the id"):
        store.article("deadbeef")
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not a database" * 100)
    with pytest.raises(StoreError, match="not a communique database"):
        open_store(not_db)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "c.db")


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.db")
    coded = _coded("US asks North Korea to return to talks.")
    store.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON quotes BEGIN SELECT RAISE(ABORT, 'x'); END")
    store.conn.execute("CREATE TRIGGER boom2 BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'x'); END")
    with pytest.raises(sqlite3.IntegrityError):
        store.add(coded)
    assert store.counts()["articles"] == 0
    assert store.counts()["actors"] == 0

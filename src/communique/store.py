"""The store: the only module that touches the database (SQLite, WAL mode).

Schema changes are named migrations, applied in a transaction and recorded in the
``_migrations`` table. Each article is written with all its actors, mentions, events,
quotes and dates in one transaction, so an ingest killed at any point (``kill -9``)
leaves whole articles or none, and a restart stores the rest: articles are keyed by the
hash of their text and documents by the hash of their raw content, so nothing is
stored twice.

DOCS: docs/schema.md
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from communique.errors import NotFound, StoreError
from communique.models import CodedArticle, Event, Reject, to_dict
from communique.store_queries import QueryMixin
from communique.store_schema import MIGRATIONS

__all__ = ["EventFilter", "Store", "StoredEvent", "open_store"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class EventFilter:
    """Filters for :meth:`Store.events`. All are optional and combine with AND.

    ``actor`` matches an actor's name (case-insensitive substring), its country code,
    its full code (``USAGOV``) or its KB id, on either side. ``source_country`` and
    ``target_country`` filter a directed pair; ``countries`` (two codes) an undirected one.
    """

    actor: str | None = None
    event_type: str | None = None
    since: str | None = None
    until: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    countries: tuple[str, str] | None = None
    quad_class: int | None = None
    article_id: str | None = None


@dataclass(frozen=True)
class StoredEvent:
    """An event row as stored, flattened for listing and export.

    ``key`` is the globally unique id: ``<article_id>:<event id>``.
    """

    key: str
    article_id: str
    id: str
    event_type: str
    cameo: str | None
    quad_class: int | None
    mode: str | None
    source_actors: str
    source_codes: str
    target_actors: str
    target_codes: str
    date: str | None
    date_source: str | None
    negated: bool
    hypothetical: bool
    modality: str | None
    confidence: float | None
    evidence: str
    evidence_start: int
    evidence_end: int
    trigger: str | None
    url: str | None
    title: str | None
    published: str | None
    location: str | None = None
    location_country: str | None = None


class Store(QueryMixin):
    """A communique database. Use :func:`open_store`.

    Analytic queries (timeline, network, export rows, cursor pages) come from
    :class:`~communique.store_queries.QueryMixin`.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database: {exc}; check the path", source=self.path) from exc
        self.conn.row_factory = sqlite3.Row
        try:
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(
                f"not a communique database ({exc}); give another --db path", source=self.path
            ) from exc

    # -- schema --------------------------------------------------------------------------

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        applied = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        for name, sql in MIGRATIONS:
            if name in applied:
                continue
            with self._transaction():
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))

    def migrations(self) -> list[str]:
        """Names of the migrations applied to this database, in order."""
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY rowid")]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs and rejects -------------------------------------------------------------------

    def start_run(self, command: str, settings: dict[str, Any] | None = None) -> int:
        """Record the start of an ingest run and return its id."""
        with self._transaction():
            self.conn.execute(
                "UPDATE runs SET status='interrupted' WHERE status='running' AND finished_at IS NULL"
            )
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, command, settings) VALUES (?, ?, ?)",
                (_now(), command, json.dumps(settings or {}, default=str)),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, stored: int, duplicates: int, rejected: int, skipped: int) -> None:
        """Record the end of a run and its counts."""
        with self._transaction():
            self.conn.execute(
                "UPDATE runs SET finished_at=?, status='finished', stored=?, duplicates=?, rejected=?, "
                "skipped=? WHERE id=?",
                (_now(), stored, duplicates, rejected, skipped, run_id),
            )

    def add_reject(self, reject: Reject, *, run_id: int | None = None) -> None:
        """Record a document that could not be handled, with the stage and the reason."""
        with self._transaction():
            self.conn.execute(
                "INSERT INTO rejects (run_id, source, stage, reason, document_id, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (run_id, reject.source, reject.stage, reject.reason, reject.document_id, _now()),
            )

    def rejects(self, *, run_id: int | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Rejected inputs, newest first."""
        sql = "SELECT * FROM rejects"
        params: list[Any] = []
        if run_id is not None:
            sql += " WHERE run_id=?"
            params.append(run_id)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        return [dict(r) for r in self.conn.execute(sql, params)]

    # -- writing ---------------------------------------------------------------------------

    def has_document(self, document_id: str) -> str | None:
        """Return the article id a raw document was stored as, if it was."""
        row = self.conn.execute("SELECT article_id FROM documents WHERE id=?", (document_id,)).fetchone()
        return str(row[0]) if row else None

    def add(self, coded: CodedArticle, *, run_id: int | None = None, document_key: str | None = None) -> bool:
        """Store a coded article with everything derived from it, atomically.

        ``document_key`` is the hash of the raw document it came from, recorded so that the
        same raw input is skipped next time before any work.

        Returns:
            True when stored, False when an article with the same text was already there.
        """
        article = coded.article
        with self._transaction():
            if self.conn.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone():
                if document_key:
                    self.conn.execute(
                        "INSERT OR IGNORE INTO documents VALUES (?, ?, ?)",
                        (document_key, article.id, article.source),
                    )
                return False
            cur = self.conn.execute(
                "INSERT INTO articles (id, source, url, title, site, authors, section, published, "
                "published_source, modified, language, text, contact, extractor, skipped, coded, run_id, "
                "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, article.source, article.url, article.title, article.site,
                    json.dumps(list(article.authors)), article.section, article.published,
                    article.published_source, article.modified, article.language, article.text,
                    article.contact, article.extractor, coded.skipped,
                    json.dumps(to_dict(coded), ensure_ascii=False), run_id, _now(),
                ),
            )  # fmt: skip
            self.conn.execute(
                "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                (cur.lastrowid, article.title or "", article.text),
            )
            if document_key:
                self.conn.execute(
                    "INSERT OR IGNORE INTO documents VALUES (?, ?, ?)",
                    (document_key, article.id, article.source),
                )
            self._write_children(coded)
        return True

    def _write_children(self, coded: CodedArticle) -> None:
        aid = coded.article.id
        actors = {a.id: a for a in coded.actors}
        self.conn.executemany(
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(aid, a.id, a.name, a.country, a.sector, a.title, a.kb_id, a.kind) for a in coded.actors],
        )
        self.conn.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (aid, m.actor_id, m.start, m.end, m.text, m.sentence, m.kind)
                for a in coded.actors
                for m in a.mentions
            ],
        )
        for event in coded.events:
            self._write_event(aid, event, actors)
        self.conn.executemany(
            "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    aid, q.id, q.kind, q.content.start, q.content.end, q.content.text,
                    q.cue.text if q.cue else None, q.speaker.text if q.speaker else None, q.speaker_actor_id,
                )
                for q in coded.quotes
            ],
        )  # fmt: skip
        self.conn.executemany(
            "INSERT INTO timexes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(aid, t.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.reason) for t in coded.timexes],
        )

    def _write_event(self, aid: str, e: Event, actors: dict[str, Any]) -> None:
        def names(ids: Sequence[str]) -> str:
            return "; ".join(actors[i].name for i in ids if i in actors)

        def codes(ids: Sequence[str]) -> str:
            return "; ".join(actors[i].code for i in ids if i in actors)

        loc = e.location

        self.conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?)",
            (
                aid, e.id, e.event_type, e.mode, ";".join(e.context), e.cameo, e.quad_class,
                names(e.source_actor_ids), codes(e.source_actor_ids),
                names(e.target_actor_ids), codes(e.target_actor_ids),
                e.evidence.start, e.evidence.end, e.evidence.text,
                e.trigger.start, e.trigger.end, e.trigger.text,
                int(e.negated), e.modality, int(e.hypothetical), e.date, e.date_source,
                e.date_granularity, e.timex_id, e.confidence, e.coder,
                loc.text if loc else None, loc.start if loc else None, loc.end if loc else None,
                e.location_country,
            ),
        )  # fmt: skip
        rows = []
        for role, ids in (("source", e.source_actor_ids), ("target", e.target_actor_ids)):
            for actor_id in ids:
                a = actors.get(actor_id)
                if a is not None:
                    rows.append((aid, e.id, role, actor_id, a.name, a.country, a.sector, a.kb_id))
        self.conn.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.conn.executemany(
            "INSERT OR IGNORE INTO actor_names VALUES (?)", [(r[4],) for r in rows if r[4] is not None]
        )

    # -- reading ---------------------------------------------------------------------------

    def article(self, article_id: str) -> CodedArticle:
        """Return a stored article with everything coded from it.

        Raises:
            NotFound: no article has this id (or unique id prefix).
        """
        rows = self.conn.execute(
            "SELECT coded FROM articles WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
            (article_id, _like_prefix(article_id)),
        ).fetchall()
        if len(rows) != 1:
            what = "no article has" if not rows else "more than one article starts with"
            raise NotFound(
                f"{what} the id {article_id!r}; list ids with 'communique events' or 'communique articles'",
                source=self.path,
            )
        return CodedArticle.from_dict(json.loads(rows[0][0]))

    def articles(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Article summaries, newest publication first."""
        sql = (
            "SELECT a.id, a.title, a.url, a.source, a.published, a.language, a.skipped, "
            "(SELECT count(*) FROM events e WHERE e.article_id=a.id) AS events "
            "FROM articles a ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?"
        )
        return [dict(r) for r in self.conn.execute(sql, (limit, offset))]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("articles", "actors", "mentions", "events", "quotes", "timexes", "rejects", "runs")
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def events(self, f: EventFilter | None = None, *, limit: int = 100, offset: int = 0) -> list[StoredEvent]:
        """Events matching the filter, newest date first (then latest stored first)."""
        where, params = self._event_where(f or EventFilter())
        sql = (
            "SELECT e.*, a.url, a.title, a.published FROM events e JOIN articles a ON a.id = e.article_id"
            f"{where} ORDER BY e.date DESC, e.rowid DESC LIMIT ? OFFSET ?"
        )
        rows = self.conn.execute(sql, [*params, limit, offset]).fetchall()
        return [_stored_event(r) for r in rows]

    def count_events(self, f: EventFilter | None = None) -> int:
        """How many events match the filter."""
        where, params = self._event_where(f or EventFilter())
        return int(self.conn.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0])

    def actors(self, *, query: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Canonical actors across articles with how many articles and events name them."""
        where = ""
        params: list[Any] = []
        if query:
            where = "WHERE a.name LIKE ? ESCAPE '\\' OR a.country = ?"
            params = [f"%{_escape_like(query)}%", query.upper()]
        sql = (
            "SELECT a.name, a.country, a.sector, a.kb_id, count(DISTINCT a.article_id) AS articles, "
            "(SELECT count(*) FROM event_actors ea WHERE ea.name = a.name "
            " AND coalesce(ea.country,'') = coalesce(a.country,'')) AS events "
            f"FROM actors a {where} GROUP BY a.name, a.country, a.sector, a.kb_id "
            "ORDER BY articles DESC, a.name LIMIT ? OFFSET ?"
        )
        return [dict(r) for r in self.conn.execute(sql, [*params, limit, offset])]

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over article titles and text (SQLite FTS5).

        The query is taken as plain words (each quoted), so FTS syntax in user input
        cannot raise errors.
        """
        # Quotes would end a quoted term; control characters (NUL above all) end FTS5's string.
        cleaned = "".join(" " if ch == '"' or ord(ch) < 32 or ord(ch) == 127 else ch for ch in query)
        terms = [t for t in cleaned.split() if t]
        if not terms:
            return []
        match = " ".join(f'"{t}"' for t in terms)
        sql = (
            "SELECT a.id, a.title, a.url, a.published, "
            "snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
        )
        return [dict(r) for r in self.conn.execute(sql, (match, limit, offset))]

    # -- near duplicates and mention counts (communique.dedup, migration 0002) -------------------

    def add_link(
        self,
        article_id: str,
        *,
        outlet: str | None,
        duplicate_of: str | None,
        similarity: float | None,
        signature: bytes | None,
        keys: Sequence[tuple[int, bytes]] = (),
    ) -> None:
        """Record an article's outlet, MinHash signature, LSH band keys and near-duplicate link."""
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO article_links VALUES (?, ?, ?, ?, ?)",
                (article_id, outlet, duplicate_of, similarity, signature),
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO minhash_bands VALUES (?, ?, ?)", [(b, k, article_id) for b, k in keys]
            )

    def link_candidates(self, keys: Sequence[tuple[int, bytes]]) -> list[tuple[str, bytes, str | None]]:
        """Linked articles sharing an LSH band key: ``(article_id, signature, duplicate_of)``."""
        ids: set[str] = set()
        for band, key in keys:
            sql = "SELECT article_id FROM minhash_bands WHERE band=? AND key=?"
            rows = self.conn.execute(sql, (band, key))
            ids.update(r[0] for r in rows)
        found = []
        for article_id in sorted(ids):
            row = self.conn.execute(
                "SELECT signature, duplicate_of FROM article_links "
                "WHERE article_id=? AND signature IS NOT NULL",
                (article_id,),
            ).fetchone()
            if row is not None:
                found.append((article_id, bytes(row[0]), row[1]))
        return found

    def unlinked_articles(self) -> list[str]:
        """Ids of stored articles that have no near-duplicate record yet, oldest first."""
        sql = (
            "SELECT a.id FROM articles a LEFT JOIN article_links l ON l.article_id = a.id "
            "WHERE l.article_id IS NULL ORDER BY a.rowid"
        )
        return [r[0] for r in self.conn.execute(sql)]

    def article_link(self, article_id: str) -> dict[str, Any] | None:
        """An article's near-duplicate record (outlet, duplicate_of, similarity), or ``None``."""
        row = self.conn.execute(
            "SELECT article_id, outlet, duplicate_of, similarity FROM article_links WHERE article_id=?",
            (article_id,),
        ).fetchone()
        return dict(row) if row else None

    def has_reject(self, reject: Reject) -> bool:
        """Tell whether the same reject (source, stage, reason, document) is recorded already."""
        sql = (
            "SELECT 1 FROM rejects WHERE source=? AND stage=? AND reason=? "
            "AND coalesce(document_id, '') = coalesce(?, '')"
        )
        args = (reject.source, reject.stage, reject.reason, reject.document_id)
        return self.conn.execute(sql, args).fetchone() is not None

    def event_counts(self, article_id: str | None = None) -> list[dict[str, Any]]:
        """GDELT-style counts per event: mentions, articles, sources (outlets) and stories."""
        sql = "SELECT * FROM event_counts"
        params: list[Any] = []
        if article_id is not None:
            sql += " WHERE article_id=?"
            params.append(article_id)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY article_id, event_id", params)]


def _stored_event(r: sqlite3.Row) -> StoredEvent:
    return StoredEvent(
        key=f"{r['article_id']}:{r['id']}",
        article_id=r["article_id"], id=r["id"], event_type=r["event_type"], cameo=r["cameo"],
        quad_class=r["quad_class"], mode=r["mode"], source_actors=r["source_actors"] or "",
        source_codes=r["source_codes"] or "", target_actors=r["target_actors"] or "",
        target_codes=r["target_codes"] or "", date=r["date"], date_source=r["date_source"],
        negated=bool(r["negated"]), hypothetical=bool(r["hypothetical"]), modality=r["modality"],
        confidence=r["confidence"], evidence=r["evidence"], evidence_start=r["evidence_start"],
        evidence_end=r["evidence_end"], trigger=r["trigger"], url=r["url"], title=r["title"],
        published=r["published"], location=r["location"], location_country=r["location_country"],
    )  # fmt: skip


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(value: str) -> str:
    return _escape_like(value) + "%" if len(value) >= 4 else _escape_like(value)


def _split_sql(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def open_store(path: str | Path) -> Store:
    """Open (and create or migrate) a communique database.

    >>> store = open_store(":memory:")
    >>> store.migrations()
    ['0001_initial', '0002_near_duplicates', '0003_event_filter_indexes', '0004_event_location']
    """
    if str(path) != ":memory:":
        parent = Path(path).parent
        if not parent.exists():
            raise StoreError(f"the folder {str(parent)!r} does not exist; create it first", source=str(path))
    return Store(path)

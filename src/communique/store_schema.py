"""The store's schema: named migrations, applied in order by :class:`communique.store.Store`.

Each migration is applied once, in a transaction, and recorded in the ``_migrations``
table; a new schema change is a new entry at the end, never an edit of an old one.

DOCS: docs/schema.md
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            command TEXT,
            settings TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            stored INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT,
            title TEXT,
            site TEXT,
            authors TEXT,
            section TEXT,
            published TEXT,
            published_source TEXT,
            modified TEXT,
            language TEXT,
            text TEXT NOT NULL,
            contact TEXT,
            extractor TEXT,
            skipped TEXT,
            coded TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id),
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            source TEXT NOT NULL
        );
        CREATE TABLE actors (
            article_id TEXT NOT NULL REFERENCES articles(id),
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            title TEXT,
            kb_id TEXT,
            kind TEXT,
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX actors_country ON actors(country);
        CREATE INDEX actors_name ON actors(name);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id),
            actor_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            sentence INTEGER,
            kind TEXT
        );
        CREATE INDEX mentions_article ON mentions(article_id, actor_id);
        CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id),
            id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            mode TEXT,
            context TEXT,
            cameo TEXT,
            quad_class INTEGER,
            source_actors TEXT,
            source_codes TEXT,
            target_actors TEXT,
            target_codes TEXT,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            evidence TEXT NOT NULL,
            trigger_start INTEGER,
            trigger_end INTEGER,
            trigger TEXT,
            negated INTEGER NOT NULL DEFAULT 0,
            modality TEXT,
            hypothetical INTEGER NOT NULL DEFAULT 0,
            date TEXT,
            date_source TEXT,
            date_granularity TEXT,
            timex_id TEXT,
            confidence REAL,
            coder TEXT,
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_type_date ON events(event_type, date);
        CREATE TABLE event_actors (
            article_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            role TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            name TEXT,
            country TEXT,
            sector TEXT,
            kb_id TEXT
        );
        CREATE INDEX event_actors_event ON event_actors(article_id, event_id);
        CREATE INDEX event_actors_country ON event_actors(country, role);
        CREATE INDEX event_actors_name ON event_actors(name COLLATE NOCASE);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id),
            id TEXT NOT NULL,
            kind TEXT,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            content TEXT NOT NULL,
            cue TEXT,
            speaker TEXT,
            speaker_actor_id TEXT,
            PRIMARY KEY (article_id, id)
        );
        CREATE TABLE timexes (
            article_id TEXT NOT NULL REFERENCES articles(id),
            id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT,
            value TEXT,
            mod TEXT,
            reason TEXT,
            PRIMARY KEY (article_id, id)
        );
        CREATE TABLE rejects (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER REFERENCES runs(id),
            source TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            document_id TEXT,
            created_at TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid'
        );
        """,
    ),
    (
        # Near-duplicate links and GDELT-style mention counts (communique.dedup, issue 7).
        # The SQL of event_keys mirrors communique.parquet.event_key; char(59) is ';'.
        "0002_near_duplicates",
        """
        CREATE TABLE article_links (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            outlet TEXT,
            duplicate_of TEXT,
            similarity REAL,
            signature BLOB
        );
        CREATE INDEX article_links_duplicate_of ON article_links(duplicate_of);
        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            key BLOB NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (band, key, article_id)
        ) WITHOUT ROWID;
        CREATE VIEW event_keys AS
        SELECT e.article_id, e.id AS event_id,
            e.event_type || '|' || coalesce(e.source_codes, '') || '|' || coalesce(e.target_codes, '')
            || '|' || coalesce(substr(coalesce(e.date, a.published), 1, 10), '')
            || CASE WHEN trim(replace(replace(coalesce(e.source_codes, ''), '---', ''), char(59), '')) = ''
                     AND trim(replace(replace(coalesce(e.target_codes, ''), '---', ''), char(59), '')) = ''
                    THEN '|' || coalesce(l.duplicate_of, e.article_id) ELSE '' END AS event_key,
            coalesce(l.duplicate_of, e.article_id) AS story,
            coalesce(l.outlet, e.article_id) AS outlet
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN article_links l ON l.article_id = e.article_id;
        CREATE VIEW event_counts AS
        SELECT k.article_id, k.event_id, k.event_key, g.num_mentions, g.num_articles, g.num_sources,
            g.num_stories
        FROM event_keys k JOIN (
            SELECT event_key, count(*) AS num_mentions, count(DISTINCT article_id) AS num_articles,
                count(DISTINCT outlet) AS num_sources, count(DISTINCT story) AS num_stories
            FROM event_keys GROUP BY event_key
        ) g ON g.event_key = k.event_key;
        """,
    ),
    (
        # Fast event filters for the HTTP API (issue 6): covering indexes for actor sets,
        # and the distinct actor names, so a name substring is looked up among names, not rows.
        "0003_event_filter_indexes",
        """
        CREATE INDEX event_actors_country_cover ON event_actors(country, role, article_id, event_id);
        CREATE INDEX event_actors_event_cover ON event_actors(article_id, event_id, role, country);
        DROP INDEX event_actors_country;
        DROP INDEX event_actors_event;
        CREATE INDEX event_actors_kb ON event_actors(kb_id);
        CREATE INDEX event_actors_name_exact ON event_actors(name);
        CREATE TABLE actor_names (name TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT OR IGNORE INTO actor_names SELECT DISTINCT name FROM event_actors WHERE name IS NOT NULL;
        """,
    ),
    (
        "0004_event_location",
        """
        ALTER TABLE events ADD COLUMN location TEXT;
        ALTER TABLE events ADD COLUMN location_start INTEGER;
        ALTER TABLE events ADD COLUMN location_end INTEGER;
        ALTER TABLE events ADD COLUMN location_country TEXT;
        CREATE INDEX events_location_country ON events(location_country) WHERE location_country IS NOT NULL;
        """,
    ),
]

"""Read-only analytic queries of the store: timelines, actor networks, export rows, cursors.

This module is part of the store layer (with :mod:`communique.store`, whose
:class:`~communique.store.Store` mixes these methods in); no other module touches the
database. Every query takes an :class:`~communique.store.EventFilter`, so the HTTP API,
the web page and the exports filter events the same way as the CLI.

DOCS: docs/api.md
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from communique.errors import InputError

if TYPE_CHECKING:
    from communique.store import EventFilter, StoredEvent

__all__ = ["BadCursor", "QueryMixin", "decode_cursor", "encode_cursor"]

Interval = Literal["week", "month"]
GroupBy = Literal["quad_class", "event_type"]
Level = Literal["country", "actor"]

#: SQL expression of an event's bucket start, per interval. Weeks start on Monday
#: (``weekday 0`` moves to the coming Sunday, six days back is that week's Monday); week
#: buckets need a day-level date, month buckets a month-level one.
_BUCKET_SQL: dict[str, str] = {
    "week": "date(substr(e.date, 1, 10), 'weekday 0', '-6 days')",
    "month": "substr(e.date, 1, 7)",
}
_BUCKET_NEEDS: dict[str, int] = {"week": 10, "month": 7}

# The first actor of an event on one side (sources, then targets), for export rows.
_FIRST_ACTOR = (
    "(SELECT ea.{col} FROM event_actors ea WHERE ea.article_id = e.article_id AND ea.event_id = e.id "
    "AND ea.role = '{role}' ORDER BY ea.rowid LIMIT 1)"
)

#: Columns of :meth:`QueryMixin.export_rows`, in order (see docs/schema.md, "Export columns").
EXPORT_SQL_COLUMNS: tuple[str, ...] = (
    "e.article_id", "e.id", "e.event_type", "e.mode", "e.context", "e.cameo", "e.quad_class",
    "e.source_actors", "e.source_codes", "e.target_actors", "e.target_codes",
    "e.evidence", "e.evidence_start", "e.evidence_end", "e.trigger", "e.trigger_start", "e.trigger_end",
    "e.negated", "e.modality", "e.hypothetical", "e.date", "e.date_source", "e.date_granularity",
    "e.confidence", "e.coder", "a.url", "a.title", "a.site", "a.published", "a.ingested_at",
    "e.location", "e.location_country",
)  # fmt: skip


# Sets of (article_id, event_id) for the actor filters; see QueryMixin._event_where.
def _actor_set(value: str) -> tuple[str, list[Any]]:
    """Events naming an actor: by country code, full code (USAGOV), KB id or name substring.

    Only the branches the value's shape allows are queried (a country code has three
    letters, a full code four to nine), each from an index.
    """
    upper = value.upper()
    branches = [
        ("SELECT article_id, event_id FROM event_actors WHERE kb_id = ?", [value]),
        (
            "SELECT article_id, event_id FROM event_actors WHERE name IN "
            "(SELECT name FROM actor_names WHERE name LIKE ? ESCAPE '\\')",
            [f"%{_escape_like(value)}%"],
        ),
    ]
    if len(value) == 3 and value.isalpha():
        branches.insert(0, ("SELECT article_id, event_id FROM event_actors WHERE country = ?", [upper]))
    elif 4 <= len(value) <= 9 and value.isalpha():
        branches.insert(
            0,
            ("SELECT article_id, event_id FROM event_actors WHERE country = ? AND sector = ?",
             [upper[:3], upper[3:]]),
        )  # fmt: skip
    return " UNION ".join(sql for sql, _ in branches), [p for _, ps in branches for p in ps]


_SIDE_SET = "SELECT DISTINCT article_id, event_id FROM event_actors WHERE country = ? AND role = ?"
_ONE_WAY = (
    "SELECT article_id, event_id FROM event_actors WHERE country = ? AND role = 'source' INTERSECT "
    "SELECT article_id, event_id FROM event_actors WHERE country = ? AND role = 'target'"
)
# Both directions; each INTERSECT reads two ranges of the covering index (no row lookups).
_PAIR_SET = f"SELECT * FROM ({_ONE_WAY}) UNION SELECT * FROM ({_ONE_WAY})"


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class BadCursor(InputError):
    """A pagination cursor that this server did not hand out."""

    code = "E016"


def encode_cursor(date: str | None, rowid: int) -> str:
    """Return an opaque cursor for the page after the event ``(date, rowid)``.

    >>> decode_cursor(encode_cursor("2019-09-06", 42))
    ('2019-09-06', 42)
    """
    raw = json.dumps([date, rowid], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, int]:
    """Read a cursor made by :func:`encode_cursor`.

    Raises:
        BadCursor: the cursor is malformed.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, rowid = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise BadCursor("the cursor is not one this server handed out; use next_cursor as given") from exc
    if not (date is None or isinstance(date, str)) or not isinstance(rowid, int) or isinstance(rowid, bool):
        raise BadCursor("the cursor is not one this server handed out; use next_cursor as given")
    return date, rowid


class QueryMixin:
    """Analytic queries; mixed into :class:`~communique.store.Store`."""

    conn: sqlite3.Connection

    def _event_where(
        self, f: EventFilter, *, extra: Sequence[str] = (), extra_params: Sequence[Any] = ()
    ) -> tuple[str, list[Any]]:
        """SQL to follow ``FROM events e`` (and any other joins): actor joins, then WHERE.

        Actor filters become joins with a DISTINCT set of ``(article_id, event_id)`` read
        from covering indexes, so their cost follows the number of matching events, not
        the size of the database. Values are always bound parameters, never SQL.
        """
        sets: list[tuple[str, list[Any]]] = []
        clauses: list[str] = []
        params: list[Any] = []
        if f.event_type:
            clauses.append("e.event_type = ?")
            params.append(f.event_type.upper())
        if f.since:
            clauses.append("e.date >= ?")
            params.append(f.since)
        if f.until:  # a prefix bound: until 2019-09 keeps 2019-09-30 (dates are ASCII below '~')
            clauses.append("e.date <= ?")
            params.append(f.until + "~")
        if f.quad_class is not None:
            clauses.append("e.quad_class = ?")
            params.append(f.quad_class)
        if f.article_id:
            clauses.append("e.article_id = ?")
            params.append(f.article_id)
        if f.actor and f.actor.strip():
            value = f.actor.strip()
            sets.append(_actor_set(value))
        if f.source_country:
            sets.append((_SIDE_SET, [f.source_country.upper(), "source"]))
        if f.target_country:
            sets.append((_SIDE_SET, [f.target_country.upper(), "target"]))
        if f.countries:
            a, b = (c.upper() for c in f.countries)
            sets.append((_PAIR_SET, [a, b, b, a]))
        joins = "".join(
            f" JOIN ({sql}) p{i} ON p{i}.article_id = e.article_id AND p{i}.event_id = e.id"
            for i, (sql, _) in enumerate(sets)
        )
        join_params = [p for _, ps in sets for p in ps]
        clauses.extend(extra)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return joins + where, [*join_params, *params, *extra_params]

    # -- guarding against slow queries ----------------------------------------------------

    def set_time_limit(self, seconds: float | None) -> None:
        """Abort any statement of this connection that runs longer than ``seconds``.

        An aborted statement raises :class:`sqlite3.OperationalError` ("interrupted").
        ``None`` removes the limit. The clock starts when this is called and is restarted
        by :meth:`restart_clock`; the HTTP server restarts it for each request.
        """
        if seconds is None:
            self.conn.set_progress_handler(None, 0)
            return
        self._deadline_span = seconds
        self.restart_clock()

        def check() -> int:
            return 1 if time.monotonic() > self._deadline else 0

        self.conn.set_progress_handler(check, 10_000)

    def restart_clock(self) -> None:
        """Start the time limit of :meth:`set_time_limit` again from now."""
        self._deadline = time.monotonic() + getattr(self, "_deadline_span", 3600.0)

    # -- pages -----------------------------------------------------------------------------

    def event_page(
        self, f: EventFilter, *, limit: int = 100, offset: int = 0, cursor: str | None = None
    ) -> tuple[list[StoredEvent], str | None]:
        """One page of events, newest date first, and the cursor of the next page.

        Keyset pagination on ``(date, rowid)`` with ``cursor``: deep pages cost the same
        as the first (``offset`` also works, but costs what it skips). Events without a
        date come last.

        Raises:
            BadCursor: ``cursor`` is malformed.
        """
        rows, next_cursor, _ = self.event_page_with_total(f, limit=limit, offset=offset, cursor=cursor)
        return rows, next_cursor

    def event_page_with_total(
        self,
        f: EventFilter,
        *,
        limit: int = 100,
        offset: int = 0,
        cursor: str | None = None,
        total: bool = False,
    ) -> tuple[list[StoredEvent], str | None, int | None]:
        """:meth:`event_page`, and (when ``total``) how many events match the filter in all.

        With actor or country filters the matching events are found once, for both the
        page and the count; otherwise the page is read in index order and counted apart.
        """
        from communique.store import _stored_event

        keyset: list[str] = []
        kparams: list[Any] = []
        if cursor:
            date, rowid = decode_cursor(cursor)
            if date is None:
                keyset, kparams = ["(m.date IS NULL AND m.rid < ?)"], [rowid]
            else:
                keyset = ["(m.date < ? OR (m.date = ? AND m.rid < ?) OR m.date IS NULL)"]
                kparams = [date, date, rowid]
        where, params = self._event_where(f)
        columns = "e.*, e.rowid AS _rowid, a.url, a.title, a.published"
        read = "JOIN events e ON e.rowid = page.rid JOIN articles a ON a.id = e.article_id"
        ordered = "ORDER BY e.date DESC, e.rowid DESC"
        cond = (" WHERE " + " AND ".join(keyset)) if keyset else ""
        count: int | None = None
        if where.startswith(" JOIN") and total:
            # Match once (a set join), then page and count the matches.
            sql = (
                f"WITH m AS MATERIALIZED (SELECT e.rowid AS rid, e.date AS date FROM events e{where}), "
                f"page AS (SELECT m.rid FROM m{cond} ORDER BY m.date DESC, m.rid DESC LIMIT ? OFFSET ?) "
                f"SELECT (SELECT count(*) FROM m) AS _total, {columns} FROM page {read} {ordered}"
            )
            rows = self.conn.execute(sql, [*params, *kparams, limit + 1, offset]).fetchall()
            if rows:
                count = int(rows[0]["_total"])
        else:
            # Pick the page's rowids in index order first, then read only those rows.
            ks = [k.replace("m.rid", "e.rowid").replace("m.date", "e.date") for k in keyset]
            where_k, params_k = self._event_where(f, extra=ks, extra_params=kparams)
            sql = (
                f"WITH page AS (SELECT e.rowid AS rid FROM events e{where_k} "
                "ORDER BY e.date DESC, e.rowid DESC LIMIT ? OFFSET ?) "
                f"SELECT {columns} FROM page {read} {ordered}"
            )
            rows = self.conn.execute(sql, [*params_k, limit + 1, offset]).fetchall()
        if total and count is None:
            count = int(self.conn.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0])
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["date"], rows[-1]["_rowid"]) if more and rows else None
        return [_stored_event(r) for r in rows], next_cursor, count

    # -- aggregates -------------------------------------------------------------------------

    def timeline(
        self, f: EventFilter, *, interval: Interval = "month", by: GroupBy = "quad_class"
    ) -> dict[str, Any]:
        """Count events per time bucket and per quad class (or event type).

        Returns:
            ``{"interval", "by", "buckets": [{"bucket", "key", "count"}…], "undated": n}``
            where ``bucket`` is the month (``2019-09``) or the Monday of the week
            (``2019-09-09``), and ``undated`` counts matching events whose date is
            missing or too coarse for the interval (a year-only date in a weekly view).
        """
        bucket = _BUCKET_SQL[interval]
        need = _BUCKET_NEEDS[interval]
        key = "e.quad_class" if by == "quad_class" else "e.event_type"
        where, params = self._event_where(f)
        dated = f"e.date IS NOT NULL AND length(e.date) >= {need}"
        cond, cparams = self._event_where(f, extra=[dated])
        sql = (
            f"SELECT {bucket} AS bucket, {key} AS key, count(*) AS count FROM events e{cond} "
            "GROUP BY bucket, key ORDER BY bucket, key"
        )
        rows = [dict(r) for r in self.conn.execute(sql, cparams)]
        total = int(self.conn.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0])
        counted = sum(int(r["count"]) for r in rows)
        buckets = [r for r in rows if r["bucket"] is not None]
        return {"interval": interval, "by": by, "buckets": buckets, "undated": total - counted}

    def network(self, f: EventFilter, *, level: Level = "country", limit: int = 100) -> dict[str, Any]:
        """The directed network of actor pairs: an edge per (source, target), weight = events.

        ``level="country"`` joins actors by country code; ``"actor"`` by name and country.
        The ``limit`` heaviest edges are returned with the nodes they touch; a node's
        ``weight`` is the number of events it is on either side of (among those edges).
        """
        if level == "country":
            node = "coalesce({t}.country, '---')"
            label = node
        else:
            node = "{t}.name || ' (' || coalesce({t}.country, '---') || ')'"
            label = "{t}.name"
        where, params = self._event_where(f)
        sql = (
            f"SELECT {node.format(t='s')} AS source, {node.format(t='t')} AS target, "
            f"min({label.format(t='s')}) AS source_label, min({label.format(t='t')}) AS target_label, "
            "min(s.country) AS source_country, min(t.country) AS target_country, "
            "count(DISTINCT e.rowid) AS weight "
            "FROM events e JOIN event_actors s ON s.article_id = e.article_id AND s.event_id = e.id "
            "AND s.role = 'source' JOIN event_actors t ON t.article_id = e.article_id "
            f"AND t.event_id = e.id AND t.role = 'target'{where} "
            "GROUP BY 1, 2 HAVING source <> target ORDER BY weight DESC, source, target LIMIT ?"
        )
        edges = [dict(r) for r in self.conn.execute(sql, [*params, limit])]
        nodes: dict[str, dict[str, Any]] = {}
        for edge in edges:
            for side in ("source", "target"):
                entry = nodes.setdefault(
                    edge[side],
                    {"id": edge[side], "label": edge[f"{side}_label"], "country": edge[f"{side}_country"],
                     "weight": 0},
                )  # fmt: skip
                entry["weight"] += edge["weight"]
        for edge in edges:
            for side in ("source", "target"):
                del edge[f"{side}_label"], edge[f"{side}_country"]
        ordered = sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"]))
        return {"level": level, "nodes": ordered, "edges": edges}

    # -- export -----------------------------------------------------------------------------

    def export_rows(self, f: EventFilter, *, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """Every matching event as a flat row with its first source and target actor.

        Rows come in stored order, read ``batch`` at a time, so memory stays flat
        however many events match.
        """
        firsts = ", ".join(
            f"{_FIRST_ACTOR.format(col=col, role=role)} AS {role}_{col}"
            for role in ("source", "target")
            for col in ("name", "country", "sector", "kb_id")
        )
        columns = ", ".join(EXPORT_SQL_COLUMNS)
        last = 0
        while True:
            page_where, params = self._event_where(f, extra=["e.rowid > ?"], extra_params=[last])
            sql = (
                f"SELECT e.rowid AS _rowid, {columns}, {firsts} FROM events e "
                f"JOIN articles a ON a.id = e.article_id{page_where} ORDER BY e.rowid LIMIT ?"
            )
            rows = self.conn.execute(sql, [*params, batch]).fetchall()
            for row in rows:
                yield dict(row)
            if len(rows) < batch:
                return
            last = int(rows[-1]["_rowid"])

    def event_types(self) -> list[dict[str, Any]]:
        """Event types present, with their quad class and count, most frequent first."""
        sql = (
            "SELECT event_type, min(quad_class) AS quad_class, count(*) AS count FROM events "
            "GROUP BY event_type ORDER BY count DESC, event_type"
        )
        return [dict(r) for r in self.conn.execute(sql)]

    def countries(self) -> list[dict[str, Any]]:
        """Country codes of event actors, with how many events they are in, most first."""
        sql = (
            "SELECT country, count(DISTINCT article_id || ':' || event_id) AS events FROM event_actors "
            "WHERE country IS NOT NULL GROUP BY country ORDER BY events DESC, country"
        )
        return [dict(r) for r in self.conn.execute(sql)]

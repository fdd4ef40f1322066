"""The Parquet output: the SQLite store's tables as partitioned Parquet, and loading it back.

``communique ingest --engine spark --out DIR`` writes one folder per table under ``DIR``,
each partitioned by the article's publication month (Hive style, ``month=2019-09``, or
``month=unknown`` when the page gives no date)::

    DIR/articles/month=2019-09/part-*.parquet
    DIR/actors/  DIR/mentions/  DIR/events/  DIR/event_actors/  DIR/quotes/  DIR/timexes/
    DIR/rejects/month=unknown/part-*.parquet

The columns are those of the SQLite tables of the same name (:mod:`communique.store`), less
the per-run bookkeeping (``run_id``, ``ingested_at``, the rejects' ``id`` and
``created_at``), so that running a job twice gives identical rows; flags are booleans
instead of 0/1. ``articles`` adds the near-duplicate columns of ``article_links``
(``outlet``, ``duplicate_of``, ``similarity``, ``signature``) and ``document_key`` (the hash
of the raw page); ``events`` adds ``key`` (``<article_id>:<event id>``, unique across the
output), ``event_key`` and the GDELT-style counts ``num_mentions``, ``num_articles``,
``num_sources`` and ``num_stories`` (see :func:`event_key`).

:func:`load` brings an output folder into a SQLite store (``communique load DIR``).

DOCS: docs/schema.md ("Parquet output"), docs/scale.md
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from communique.errors import InputError
from communique.models import CodedArticle, Reject, to_dict

if TYPE_CHECKING:
    from communique.store import Store

__all__ = [
    "SCHEMAS",
    "TABLES",
    "LoadSummary",
    "event_key",
    "event_key_parts",
    "load",
    "month_of",
    "rows_of",
]

_TYPES = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "bytes": pa.binary(),
}


def _schema(columns: str) -> pa.Schema:
    """Build a schema from ``name[:type]`` words (the default type is ``str``); adds ``month``."""
    fields = []
    for word in columns.split():
        name, _, kind = word.partition(":")
        fields.append((name, _TYPES[kind or "str"]))
    return pa.schema([*fields, ("month", pa.string())])


#: Columns of each table, in order. ``month`` (the partition) is the last column of every table.
SCHEMAS: dict[str, pa.Schema] = {
    "articles": _schema(
        "id source url title site authors section published published_source modified language text "
        "contact extractor skipped coded document_key outlet duplicate_of similarity:float signature:bytes"
    ),
    "actors": _schema("article_id id name country sector title kb_id kind"),
    "mentions": _schema("article_id actor_id start:int end:int text sentence:int kind"),
    "events": _schema(
        "article_id id event_type mode context cameo quad_class:int source_actors source_codes "
        "target_actors target_codes evidence_start:int evidence_end:int evidence trigger_start:int "
        "trigger_end:int trigger negated:bool modality hypothetical:bool date date_source date_granularity "
        "timex_id confidence:float coder location location_start:int location_end:int location_country "
        "key event_key num_mentions:int num_articles:int num_sources:int "
        "num_stories:int"
    ),
    "event_actors": _schema("article_id event_id role actor_id name country sector kb_id"),
    "quotes": _schema(
        "article_id id kind content_start:int content_end:int content cue speaker speaker_actor_id"
    ),
    "timexes": _schema("article_id id start:int end:int text type value mod reason"),
    "rejects": _schema("source stage reason document_id"),
}

TABLES: tuple[str, ...] = tuple(SCHEMAS)

#: Columns filled in after the coding stages, across articles (near duplicates, counts).
LATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("duplicate_of", "similarity"),
    "events": ("event_key", "num_mentions", "num_articles", "num_sources", "num_stories"),
}

_MONTH = re.compile(r"^(\d{4})-(\d{2})")


def month_of(published: str | None) -> str:
    """Return the partition of a publication date: ``YYYY-MM``, or ``unknown``.

    >>> month_of("2019-09-09T17:32:00+09:00"), month_of("2019"), month_of(None)
    ('2019-09', 'unknown', 'unknown')
    """
    match = _MONTH.match(published or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        return "unknown"
    return f"{match.group(1)}-{match.group(2)}"


def _informative(codes: str | None) -> bool:
    return bool((codes or "").replace("---", "").replace(";", "").strip())


def event_key(
    event_type: str,
    source_codes: str | None,
    target_codes: str | None,
    date: str | None,
    published: str | None,
    story: str,
) -> str:
    """Return the key under which events of different articles count as the same event.

    The key is the event type, the source and target actor codes and the day (the event's
    date, else the article's). When neither side has a known country or sector, the key
    also names the story (the near-duplicate cluster), so that unrelated events with
    unknown actors are not counted together. Counts per key give ``num_mentions`` (events),
    ``num_articles``, ``num_sources`` (outlets) and ``num_stories`` (clusters). The SQLite
    view ``event_keys`` computes the same key.

    >>> event_key("REQUEST", "USAGOV", "PRKGOV", "2019-09-09", None, "a1")
    'REQUEST|USAGOV|PRKGOV|2019-09-09'
    >>> event_key("ACCUSE", "---", "", None, "2019-09-10T08:00:00+09:00", "a1")
    'ACCUSE|---||2019-09-10|a1'
    """
    key, needs_story = event_key_parts(event_type, source_codes, target_codes, date, published)
    return f"{key}|{story}" if needs_story else key


def event_key_parts(
    event_type: str,
    source_codes: str | None,
    target_codes: str | None,
    date: str | None,
    published: str | None,
) -> tuple[str, bool]:
    """Return the key of :func:`event_key` before the story is known, and whether it needs the story.

    >>> event_key_parts("ACCUSE", "---", None, "2019-09", None)
    ('ACCUSE|---||2019-09', True)
    """
    when = date if date is not None else published
    day = when[:10] if when is not None else ""
    key = f"{event_type}|{source_codes or ''}|{target_codes or ''}|{day}"
    return key, not _informative(source_codes) and not _informative(target_codes)


def rows_of(coded: CodedArticle, *, document_key: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Return the rows one coded article contributes to each table (late columns are ``None``)."""
    a = coded.article
    aid = a.id
    month = month_of(a.published)
    actors = {x.id: x for x in coded.actors}
    from communique.dedup import outlet_of

    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    out["articles"].append(
        {
            "id": aid, "source": a.source, "url": a.url, "title": a.title, "site": a.site,
            "authors": json.dumps(list(a.authors)), "section": a.section, "published": a.published,
            "published_source": a.published_source, "modified": a.modified, "language": a.language,
            "text": a.text, "contact": a.contact, "extractor": a.extractor, "skipped": coded.skipped,
            "coded": json.dumps(to_dict(coded), ensure_ascii=False, sort_keys=True),
            "document_key": document_key, "outlet": outlet_of(a.url, a.site), "duplicate_of": None,
            "similarity": None, "signature": None, "month": month,
        }
    )  # fmt: skip
    for actor in coded.actors:
        out["actors"].append(
            {
                "article_id": aid, "id": actor.id, "name": actor.name, "country": actor.country,
                "sector": actor.sector, "title": actor.title, "kb_id": actor.kb_id, "kind": actor.kind,
                "month": month,
            }
        )  # fmt: skip
        for m in actor.mentions:
            out["mentions"].append(
                {
                    "article_id": aid, "actor_id": m.actor_id, "start": m.start, "end": m.end,
                    "text": m.text, "sentence": m.sentence, "kind": m.kind, "month": month,
                }
            )  # fmt: skip
    for e in coded.events:
        src = "; ".join(actors[i].code for i in e.source_actor_ids if i in actors)
        tgt = "; ".join(actors[i].code for i in e.target_actor_ids if i in actors)
        out["events"].append(
            {
                "article_id": aid, "id": e.id, "event_type": e.event_type, "mode": e.mode,
                "context": ";".join(e.context), "cameo": e.cameo, "quad_class": e.quad_class,
                "source_actors": "; ".join(actors[i].name for i in e.source_actor_ids if i in actors),
                "source_codes": src,
                "target_actors": "; ".join(actors[i].name for i in e.target_actor_ids if i in actors),
                "target_codes": tgt,
                "evidence_start": e.evidence.start, "evidence_end": e.evidence.end,
                "evidence": e.evidence.text, "trigger_start": e.trigger.start,
                "trigger_end": e.trigger.end, "trigger": e.trigger.text, "negated": e.negated,
                "modality": e.modality, "hypothetical": e.hypothetical, "date": e.date,
                "date_source": e.date_source, "date_granularity": e.date_granularity,
                "timex_id": e.timex_id, "confidence": e.confidence, "coder": e.coder,
                "location": e.location.text if e.location else None,
                "location_start": e.location.start if e.location else None,
                "location_end": e.location.end if e.location else None,
                "location_country": e.location_country, "key": f"{aid}:{e.id}", "event_key": None,
                "num_mentions": None, "num_articles": None, "num_sources": None, "num_stories": None,
                "month": month,
            }
        )  # fmt: skip
        for role, ids in (("source", e.source_actor_ids), ("target", e.target_actor_ids)):
            for actor_id in ids:
                x = actors.get(actor_id)
                if x is not None:
                    out["event_actors"].append(
                        {
                            "article_id": aid, "event_id": e.id, "role": role, "actor_id": actor_id,
                            "name": x.name, "country": x.country, "sector": x.sector, "kb_id": x.kb_id,
                            "month": month,
                        }
                    )  # fmt: skip
    for q in coded.quotes:
        out["quotes"].append(
            {
                "article_id": aid, "id": q.id, "kind": q.kind, "content_start": q.content.start,
                "content_end": q.content.end, "content": q.content.text,
                "cue": q.cue.text if q.cue else None, "speaker": q.speaker.text if q.speaker else None,
                "speaker_actor_id": q.speaker_actor_id, "month": month,
            }
        )  # fmt: skip
    for t in coded.timexes:
        out["timexes"].append(
            {
                "article_id": aid, "id": t.id, "start": t.start, "end": t.end, "text": t.text,
                "type": t.type, "value": t.value, "mod": t.mod, "reason": t.reason, "month": month,
            }
        )  # fmt: skip
    return out


def reject_row(reject: Reject) -> dict[str, Any]:
    """Return the ``rejects`` row of a reject (rejects have no date: ``month=unknown``)."""
    return {
        "source": reject.source,
        "stage": reject.stage,
        "reason": reject.reason,
        "document_id": reject.document_id,
        "month": "unknown",
    }


@dataclass(frozen=True)
class LoadSummary:
    """What :func:`load` did. ``unreadable`` counts the files and article rows it could not
    read (each also one of ``rejects``, with stage ``load``)."""

    run_id: int
    stored: int
    duplicates: int
    rejects: int
    near_duplicates: int
    unreadable: int = 0


def _table_rows(
    root: Path, table: str, columns: list[str]
) -> Iterator[tuple[str, dict[str, Any] | None, str]]:
    """The rows of one table, file by file: ``(file, row, "")``, or ``(file, None, reason)``.

    A file that cannot be read as Parquet with these columns (cut short, not Parquet, another
    schema) gives one ``None`` row with the reason, and the other files are still read.
    Hidden and ``_``-prefixed files (``_SUCCESS``, staging folders) are not data.
    """
    import pyarrow.parquet as pq

    folder = root / table
    if not folder.is_dir():
        return
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts)
    )
    for path in files:
        try:
            handle = pq.ParquetFile(path)
            batches = handle.iter_batches(columns=columns)
            for batch in batches:
                for row in batch.to_pylist():
                    yield str(path), row, ""
        except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
            yield str(path), None, f"not a readable Parquet file of the {table} table: {exc}"


def load(directory: str | Path, store: Store) -> LoadSummary:
    """Bring a Parquet output folder into a SQLite store; loading twice stores nothing twice.

    Articles are stored whole (from their ``coded`` column) with their near-duplicate
    links; an article whose cluster was not known in the Parquet output is matched against
    the articles already in the store. Rejects are recorded under a new run, and so is
    each file that is not readable Parquet and each article row that cannot be read (stage
    ``load``); the other files are still loaded.

    Raises:
        InputError: the folder holds no ``articles/`` table.
    """
    from communique.dedup import band_keys, from_bytes, link_article

    root = Path(directory)
    if not (root / "articles").is_dir():
        raise InputError(
            "no articles/ folder here; give the --out folder of 'communique ingest --engine spark'",
            source=str(root),
        )
    run_id = store.start_run(f"load {root}", {})
    stored = duplicates = rejects = near = unreadable = 0

    def record(reject: Reject) -> None:
        nonlocal rejects
        if not store.has_reject(reject):
            store.add_reject(reject, run_id=run_id)
            rejects += 1

    def refuse(source: str, reason: str) -> None:
        nonlocal unreadable
        unreadable += 1
        record(Reject(source, "load", reason))

    columns = ["coded", "document_key", "outlet", "duplicate_of", "similarity", "signature"]
    for path, row, reason in _table_rows(root, "articles", columns):
        if row is None:
            refuse(path, reason)
            continue
        try:
            coded = CodedArticle.from_dict(json.loads(row["coded"]))
        except (TypeError, ValueError, KeyError) as exc:
            refuse(path, f"an article row whose coded column cannot be read: {exc}")
            continue
        if not store.add(coded, run_id=run_id, document_key=row["document_key"]):
            duplicates += 1
            continue
        stored += 1
        signature = row["signature"]
        if row["duplicate_of"]:
            keys = band_keys(from_bytes(signature)) if signature is not None else []
            store.add_link(
                coded.article.id,
                outlet=row["outlet"],
                duplicate_of=row["duplicate_of"],
                similarity=row["similarity"],
                signature=signature,
                keys=keys,
            )
            near += 1
        else:
            near += link_article(store, coded.article).duplicate_of is not None
    for path, row, reason in _table_rows(root, "rejects", ["source", "stage", "reason", "document_id"]):
        if row is None:
            refuse(path, reason)
            continue
        record(Reject(row["source"], row["stage"], row["reason"], row["document_id"]))
    store.finish_run(run_id, stored=stored, duplicates=duplicates, rejected=rejects, skipped=0)
    return LoadSummary(run_id, stored, duplicates, rejects, near, unreadable)

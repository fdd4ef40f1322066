"""Bulk exports of stored events: Parquet (pyarrow) and CSV, with GDELT-like columns.

One row per event. The first columns follow GDELT 2.0's event table (``GLOBALEVENTID``,
``SQLDATE``, ``Actor1Code`` … ``QuadClass``, ``DATEADDED``, ``SOURCEURL``) so existing
GDELT scripts read the file with few changes; the rest carry what GDELT lacks: the PLOVER
type and mode, negation and modality, where the date came from, and the evidence sentence
and trigger with their offsets into the article text. Column by column: docs/schema.md,
"Export columns".

>>> [c.name for c in COLUMNS[:4]]
['GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year']

DOCS: docs/schema.md
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from communique.errors import InputError
from communique.settings import Settings
from communique.store import EventFilter, Store

__all__ = ["COLUMNS", "Column", "export_db", "export_events", "export_rows", "gdelt_row", "parse_pair"]

Format = Literal["parquet", "csv"]


@dataclass(frozen=True)
class Column:
    """One export column: its name, Arrow type and meaning (the meaning is in docs/schema.md)."""

    name: str
    type: pa.DataType
    doc: str


def _day(date: str | None) -> dt.date | None:
    if not date or len(date) < 10:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _int_prefix(date: str | None, n: int) -> int | None:
    if not date or len(date) < n or not date[:n].replace("-", "").isdigit():
        return None
    return int(date[:n].replace("-", ""))


def _fraction(date: str | None) -> float | None:
    day = _day(date)
    if day is None:
        return None
    return round(day.year + (day.timetuple().tm_yday / 365), 4)


def _added(ts: str | None) -> int | None:
    if not ts:
        return None
    digits = "".join(ch for ch in ts[:19] if ch.isdigit())
    return int(digits) if len(digits) == 14 else None


COLUMNS: tuple[Column, ...] = (
    Column("GLOBALEVENTID", pa.string(), "Unique event id: article id and event id joined by a colon."),
    Column("SQLDATE", pa.int32(), "Event date as YYYYMMDD (day-precision dates only)."),
    Column("MonthYear", pa.int32(), "Event month as YYYYMM."),
    Column("Year", pa.int32(), "Event year."),
    Column("FractionDate", pa.float64(), "Year plus day-of-year / 365."),
    Column("Actor1Code", pa.string(), "First source actor's code: country + sector (USAGOV)."),
    Column("Actor1Name", pa.string(), "First source actor's canonical name."),
    Column("Actor1CountryCode", pa.string(), "First source actor's ISO 3166 alpha-3 country (or IGO)."),
    Column("Actor1Type1Code", pa.string(), "First source actor's sector/role (GOV, MIL …)."),
    Column("Actor1KBId", pa.string(), "First source actor's knowledge-base id."),
    Column("Actor2Code", pa.string(), "First target actor's code."),
    Column("Actor2Name", pa.string(), "First target actor's canonical name."),
    Column("Actor2CountryCode", pa.string(), "First target actor's country."),
    Column("Actor2Type1Code", pa.string(), "First target actor's sector/role."),
    Column("Actor2KBId", pa.string(), "First target actor's knowledge-base id."),
    Column("EventCode", pa.string(), "CAMEO code (via the PLOVER crosswalk)."),
    Column("EventBaseCode", pa.string(), "First three digits of the CAMEO code."),
    Column("EventRootCode", pa.string(), "First two digits of the CAMEO code."),
    Column("QuadClass", pa.int8(), "1/2 verbal/material cooperation, 3/4 verbal/material conflict."),
    Column("ActionGeo_FullName", pa.string(), "The place the event's clause names (in Hanoi), as written."),
    Column(
        "ActionGeo_CountryCode",
        pa.string(),
        "That place's ISO 3166 alpha-3 country, when it is a country or capital (GDELT: FIPS).",
    ),
    Column("DATEADDED", pa.int64(), "When the article was stored, YYYYMMDDHHMMSS (UTC)."),
    Column("SOURCEURL", pa.string(), "The article's URL."),
    Column("PloverType", pa.string(), "PLOVER event type (REQUEST, AGREE …)."),
    Column("PloverMode", pa.string(), "PLOVER mode, if any."),
    Column("PloverContext", pa.string(), "PLOVER contexts, ';'-separated."),
    Column("Actor1AllNames", pa.string(), "All source actors' names, '; '-separated."),
    Column("Actor1AllCodes", pa.string(), "All source actors' codes."),
    Column("Actor2AllNames", pa.string(), "All target actors' names."),
    Column("Actor2AllCodes", pa.string(), "All target actors' codes."),
    Column("Negated", pa.bool_(), "The text says the event did not happen."),
    Column("Hypothetical", pa.bool_(), "Future, conditional or modal."),
    Column("Modality", pa.string(), "The modal or hedging word, if any."),
    Column("EventDate", pa.string(), "The event date as coded (TIMEX3 value: day, month or year)."),
    Column("DateSource", pa.string(), "text: a date in the same clause; article: the publication date."),
    Column("DateGranularity", pa.string(), "day, month, year …"),
    Column("Confidence", pa.float64(), "Coder confidence, 0-1."),
    Column("Evidence", pa.string(), "The sentence the event was coded from."),
    Column("EvidenceStart", pa.int32(), "Offset of the evidence in the article text."),
    Column("EvidenceEnd", pa.int32(), "End offset of the evidence."),
    Column("Trigger", pa.string(), "The predicate (verb or event noun)."),
    Column("TriggerStart", pa.int32(), "Offset of the trigger in the article text."),
    Column("TriggerEnd", pa.int32(), "End offset of the trigger."),
    Column("ArticleId", pa.string(), "The article's id (hash of its text)."),
    Column("EventId", pa.string(), "The event's id within the article."),
    Column("Title", pa.string(), "The article's title."),
    Column("Site", pa.string(), "The site that published it."),
    Column("Published", pa.string(), "Publication date-time as the page states it (ISO 8601)."),
    Column("Coder", pa.string(), "Name and version of the coder that produced the event."),
)  # fmt: skip

SCHEMA = pa.schema([pa.field(c.name, c.type) for c in COLUMNS])


def _code(country: str | None, sector: str | None, name: str | None) -> str | None:
    if name is None:
        return None
    return f"{country or '---'}{sector or ''}"


def gdelt_row(r: dict[str, Any]) -> dict[str, Any]:
    """Turn a row of :meth:`Store.export_rows` into an export row (keys = :data:`COLUMNS`)."""
    cameo = r["cameo"] or None
    date = r["date"]
    day = _day(date)
    return {
        "GLOBALEVENTID": f"{r['article_id']}:{r['id']}",
        "SQLDATE": int(day.strftime("%Y%m%d")) if day else None,
        "MonthYear": _int_prefix(date, 7),
        "Year": _int_prefix(date, 4),
        "FractionDate": _fraction(date),
        "Actor1Code": _code(r["source_country"], r["source_sector"], r["source_name"]),
        "Actor1Name": r["source_name"],
        "Actor1CountryCode": r["source_country"],
        "Actor1Type1Code": r["source_sector"],
        "Actor1KBId": r["source_kb_id"],
        "Actor2Code": _code(r["target_country"], r["target_sector"], r["target_name"]),
        "Actor2Name": r["target_name"],
        "Actor2CountryCode": r["target_country"],
        "Actor2Type1Code": r["target_sector"],
        "Actor2KBId": r["target_kb_id"],
        "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None,
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": r["quad_class"],
        "ActionGeo_FullName": r["location"],
        "ActionGeo_CountryCode": r["location_country"],
        "DATEADDED": _added(r["ingested_at"]),
        "SOURCEURL": r["url"],
        "PloverType": r["event_type"],
        "PloverMode": r["mode"],
        "PloverContext": r["context"] or None,
        "Actor1AllNames": r["source_actors"] or None,
        "Actor1AllCodes": r["source_codes"] or None,
        "Actor2AllNames": r["target_actors"] or None,
        "Actor2AllCodes": r["target_codes"] or None,
        "Negated": bool(r["negated"]),
        "Hypothetical": bool(r["hypothetical"]),
        "Modality": r["modality"],
        "EventDate": date,
        "DateSource": r["date_source"],
        "DateGranularity": r["date_granularity"],
        "Confidence": r["confidence"],
        "Evidence": r["evidence"],
        "EvidenceStart": r["evidence_start"],
        "EvidenceEnd": r["evidence_end"],
        "Trigger": r["trigger"],
        "TriggerStart": r["trigger_start"],
        "TriggerEnd": r["trigger_end"],
        "ArticleId": r["article_id"],
        "EventId": r["id"],
        "Title": r["title"],
        "Site": r["site"],
        "Published": r["published"],
        "Coder": r["coder"],
    }


def export_rows(store: Store, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Export rows of the events matching ``f``, in stored order."""
    for row in store.export_rows(f or EventFilter()):
        yield gdelt_row(row)


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def export_events(
    store: Store,
    out: str | Path,
    *,
    fmt: Format = "parquet",
    f: EventFilter | None = None,
    batch: int = 50_000,
    on_batch: Callable[[int], Any] | None = None,
) -> int:
    """Write the events matching ``f`` to ``out`` as Parquet or CSV; return how many.

    Rows are written ``batch`` at a time (one Parquet row group each), so memory stays
    flat. The file is written next to ``out`` and renamed into place when complete.

    Raises:
        InputError: the folder of ``out`` does not exist, or ``fmt`` is unknown.
    """
    path = Path(out)
    if not path.parent.is_dir():
        raise InputError(f"the folder {str(path.parent)!r} does not exist; create it first", source=str(path))
    if fmt not in ("parquet", "csv"):
        raise InputError(f"unknown export format {fmt!r}; use parquet or csv", source=str(path))
    partial = path.with_name(path.name + ".partial")
    count = 0
    rows = export_rows(store, f)
    if fmt == "parquet":
        with pq.ParquetWriter(partial, SCHEMA, compression="zstd") as writer:
            for chunk in _batches(rows, batch):
                writer.write_table(pa.Table.from_pylist(chunk, schema=SCHEMA))
                count += len(chunk)
                if on_batch:
                    on_batch(count)
    else:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            writer_csv = csv.DictWriter(handle, fieldnames=[c.name for c in COLUMNS])
            writer_csv.writeheader()
            for chunk in _batches(rows, batch):
                writer_csv.writerows(chunk)
                count += len(chunk)
                if on_batch:
                    on_batch(count)
    partial.replace(path)
    return count


def parse_pair(text: str | None) -> tuple[str, str] | None:
    """Read a country pair written ``USA,PRK`` (either direction matches).

    >>> parse_pair("usa,prk")
    ('USA', 'PRK')

    Raises:
        InputError: not two three-letter codes separated by a comma.
    """
    if not text:
        return None
    parts = [p.strip().upper() for p in text.split(",")]
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise InputError(f"a country pair is two codes like USA,PRK, not {text!r}")
    return parts[0], parts[1]


def export_db(settings: Settings, out: str | Path, *, fmt: Format = "parquet", **filters: Any) -> int:
    """Export the events of the database named by ``settings`` (see :func:`export_events`).

    ``filters`` are :class:`~communique.store.EventFilter` fields; ``countries`` may be
    given as ``"USA,PRK"``.
    """
    from communique.api import open_existing

    if isinstance(filters.get("countries"), str):
        filters["countries"] = parse_pair(filters["countries"])
    with open_existing(settings) as store:
        return export_events(store, out, fmt=fmt, f=EventFilter(**filters))

"""How results look on a terminal: readable views, tables, CSV, JSON lines, progress.

Only the CLI uses this module; it formats, it does not compute.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from communique.models import CodedArticle, Reject, to_dict
from communique.pipeline import IngestSummary
from communique.store import StoredEvent

__all__ = ["coded", "events", "progress", "rejects", "summary"]

EVENT_COLUMNS = (
    "article_id", "id", "date", "date_source", "event_type", "cameo", "quad_class", "mode",
    "source_actors", "source_codes", "target_actors", "target_codes", "negated", "hypothetical",
    "modality", "location", "location_country", "confidence", "evidence", "url",
)  # fmt: skip


def coded(result: CodedArticle | Reject, fmt: str) -> str:
    """Render one result as ``text``, ``json`` (indented) or ``jsonl`` (one line)."""
    if isinstance(result, Reject):
        record: dict[str, Any] = {
            "id": result.document_id,
            "error": {"source": result.source, "stage": result.stage, "reason": result.reason},
        }
        if fmt == "text":
            return f"REJECTED {result.source} at {result.stage}: {result.reason}"
        return json.dumps(record, ensure_ascii=False)
    if fmt == "json":
        return json.dumps(to_dict(result), ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return json.dumps({"id": result.document_id, **to_dict(result)}, ensure_ascii=False)
    return _text_view(result)


def _text_view(c: CodedArticle) -> str:
    a = c.article
    out: list[str] = []
    out.append(f"# {a.title or '(no title)'}")
    out.append(f"id:         {a.id}")
    out.append(f"source:     {a.url or a.source}")
    out.append(f"published:  {a.published or '-'}  ({a.published_source or 'not stated'})")
    if a.modified:
        out.append(f"modified:   {a.modified}")
    if a.authors:
        out.append(f"by:         {', '.join(a.authors)}")
    out.append(f"language:   {a.language or '-'}    site: {a.site or '-'}    section: {a.section or '-'}")
    for cap in a.captions:
        out.append(f"caption:    {cap.text}" + (f"  [credit: {cap.credit}]" if cap.credit else ""))
    if a.contact:
        out.append(f"contact:    {a.contact}")
    out.append("")
    for i, p in enumerate(a.paragraphs, 1):
        out.append(f"[{i}] {p.text}")
        out.append("")
    if c.skipped:
        out.append(f"Not coded: {c.skipped}")
        return "\n".join(out)
    out.append(f"## Actors ({len(c.actors)})")
    for actor in c.actors:
        said = ", ".join(sorted({m.text for m in actor.mentions}))
        title = f", {actor.title}" if actor.title else ""
        out.append(f"  {actor.id:<4} {actor.name} [{actor.code}{title}]  <- {said}")
    out.append(f"## Events ({len(c.events)})")
    for e in c.events:
        src = " + ".join(_actor_label(c, i) for i in e.source_actor_ids) or "?"
        tgt = " + ".join(_actor_label(c, i) for i in e.target_actor_ids) or "-"
        flags = [f for f, on in (("NEGATED", e.negated), ("HYPOTHETICAL", e.hypothetical)) if on]
        if e.modality:
            flags.append(e.modality)
        if e.location:
            flags.append(f"in {e.location.text}" + (f" ({e.location_country})" if e.location_country else ""))
        out.append(
            f"  {e.id:<4} {e.date or '----'} ({e.date_source}) {src} -> {tgt}: {e.event_type}"
            f"{'/' + e.mode if e.mode else ''} CAMEO {e.cameo or '-'} quad {e.quad_class or '-'}"
            f" conf {e.confidence:.2f} {' '.join(flags)}"
        )
        out.append(f"       trigger '{e.trigger.text}' @{e.trigger.start}: {e.evidence.text}")
    out.append(f"## Quotes ({len(c.quotes)})")
    for q in c.quotes:
        who = q.speaker.text if q.speaker else "?"
        resolved = f" = {_actor_label(c, q.speaker_actor_id)}" if q.speaker_actor_id else ""
        cue = q.cue.text if q.cue else "-"
        out.append(f"  {q.id:<4} {q.kind:<8} {who}{resolved} [{cue}]: {q.content.text}")
    out.append(f"## Dates ({len(c.timexes)})")
    for t in c.timexes:
        value = t.value or f"unresolved: {t.reason}"
        out.append(f"  {t.id:<4} '{t.text}' @{t.start} -> {t.type} {value}{' ' + t.mod if t.mod else ''}")
    return "\n".join(out)


def _actor_label(c: CodedArticle, actor_id: str | None) -> str:
    actor = c.actor(actor_id) if actor_id else None
    return f"{actor.name} ({actor.code})" if actor else str(actor_id)


def events(rows: Sequence[StoredEvent], fmt: str) -> None:
    """Print events as a rich table, CSV or JSON lines to stdout."""
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(dataclasses.asdict(row), ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(EVENT_COLUMNS)
        for row in rows:
            values = dataclasses.asdict(row)
            writer.writerow([values[c] for c in EVENT_COLUMNS])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} event(s)", show_lines=False)
    for name in ("date", "source", "event", "target", "cameo", "evidence", "article"):
        table.add_column(name, overflow="fold", max_width=60 if name == "evidence" else None)
    for row in rows:
        event = (
            row.event_type + (" (negated)" if row.negated else "") + (" (hyp.)" if row.hypothetical else "")
        )
        evidence = row.evidence if len(row.evidence) <= 160 else row.evidence[:157] + "..."
        table.add_row(
            row.date or "",
            f"{row.source_actors}\n{row.source_codes}",
            event,
            f"{row.target_actors}\n{row.target_codes}",
            row.cameo or "",
            evidence,
            row.article_id[:10],
        )
    Console(width=max(120, Console().width)).print(table)


def rejects(rows: Sequence[dict[str, Any]]) -> None:
    """Print rejected inputs."""
    if not rows:
        print("No rejects.")
    for r in rows:
        print(f"run {r['run_id']}  {r['stage']:<8} {r['source']}\n    {r['reason']}")


def summary(s: IngestSummary, db: str) -> str:
    """One paragraph on what an ingest did."""
    lines = [
        f"Stored {s.stored} article(s) with {s.events} event(s) in {db}; "
        f"{s.duplicates} duplicate(s) skipped; {s.rejected} rejected; "
        f"{s.skipped} stored but not coded.",
    ]
    if s.near_duplicates:
        lines.append(f"  {s.near_duplicates} stored article(s) are near-duplicates of earlier ones (linked).")
    for reason, n in sorted(s.skip_reasons.items()):
        lines.append(f"  not coded ({n}): {reason}")
    for r in s.rejects[:20]:
        lines.append(f"  rejected at {r.stage}: {r.source}: {r.reason}")
    if len(s.rejects) > 20:
        lines.append(f"  … and {len(s.rejects) - 20} more: see 'communique rejects'")
    return "\n".join(lines)


@contextmanager
def progress(*, quiet: bool = False) -> Iterator[Callable[[str, int | None], None]]:
    """A progress bar with rate and ETA on stderr; yields the ``on_progress`` callback."""
    if quiet or not sys.stderr.isatty():
        count = 0

        def plain(source: str, total: int | None) -> None:
            nonlocal count
            count += 1
            if not quiet and (count % 100 == 0 or count == total):
                print(f"{count}/{total or '?'} documents", file=sys.stderr)

        yield plain
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[source]}", style="dim"),
    )
    with Progress(*columns, transient=False) as bar:
        task = bar.add_task("coding", total=None, rate="", source="")

        def update(source: str, total: int | None) -> None:
            bar.update(task, advance=1, total=total, source=source[-40:])
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:.1f} docs/s" if speed else "")

        yield update

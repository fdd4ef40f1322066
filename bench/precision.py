"""Precision of the coded events on English news that no event gold set covers.

The pages are the article-extraction collections in ``../shared/extraction-benchmarks``
(read in place). Each page is put in half ``A`` or ``B`` by a hash of its path, so a
sample judged while tuning (half A) and a check sample (half B) never share a page.

Usage::

    .venv/bin/python bench/precision.py code --tag now        # code every page, cache under out/
    .venv/bin/python bench/precision.py sample --tag now --half A --seed 1 --n 150   # print for judging
    .venv/bin/python bench/precision.py sample --tag now --half A --seed 4 --unjudged   # new pages only
    .venv/bin/python bench/precision.py score --tag now       # precision of the judged samples

``sample`` prints each drawn event with its sentence so a person can judge it; the
judgments live in ``bench/precision_judged.tsv`` (sample, event id, what was coded,
verdict, reason; no page text). Verdicts: ``ok`` (an event, right type, right actors
and countries), ``actor`` (right type, a wrong or missing actor/country), ``type`` (an
event, wrong type), ``false`` (no event of the kind coded happened: another sense of
the word, a non-political actor, a hypothetical read as real, a parse error).
Precision is the share of ``ok``; "event precision" also counts ``actor``.

``score`` re-reads a tagged run: a judged event still coded the same way keeps its
verdict, one no longer coded counts as removed, one coded differently is listed to be
judged again (a second row for the same id with the new coding records that judgment).
Ids are ``<page path>#<sentence digest>:<trigger>:<type>``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "extraction-benchmarks"
CACHE = Path(__file__).resolve().parents[1] / "out" / "precision"
JUDGED = Path(__file__).resolve().parent / "precision_judged.tsv"
#: the collections read, with the glob of their pages
COLLECTIONS = (
    ("htmldate-eval", "html/*/*.html.gz"),
    ("trafilatura-eval", "html/*/*.gz"),
    ("readability-test-pages", "*/source.html.gz"),
    ("scrapinghub-aeb", "html/*.html.gz"),
    ("newspaper4k-fixtures", "html/*.html"),
)


def pages() -> Iterator[tuple[str, str]]:
    """Yield ``(key, html)`` for every page, once per distinct content."""
    seen: set[str] = set()
    for name, pattern in COLLECTIONS:
        for path in sorted((SHARED / name).glob(pattern)):
            raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            digest = hashlib.sha1(raw).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            yield str(path.relative_to(SHARED)), raw.decode("utf-8", errors="replace")


def half(key: str) -> str:
    """The half (``A`` or ``B``) a page belongs to."""
    return "AB"[int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 2]


def event_key(page: str, sentence: str, trigger: str, event_type: str) -> str:
    """An event's id: its page, a digest of its sentence, its trigger word and type.

    Character offsets are not used: they move whenever extraction keeps more or less
    page furniture, and the judged samples must survive that.
    """
    digest = hashlib.sha1(" ".join(sentence.split()).encode()).hexdigest()[:10]
    return f"{page}#{digest}:{trigger}:{event_type}"


def _actor_text(coded: Any, ids: tuple[str, ...]) -> list[str]:
    out = []
    for actor_id in ids:
        actor = coded.actor(actor_id)
        if actor is not None:
            out.append(f"{actor.name} [{actor.code}]")
    return out


def _codes(coded: Any, ids: tuple[str, ...]) -> str:
    codes = sorted({a.code for a in (coded.actor(i) for i in ids) if a is not None})
    return ",".join(codes) or "-"


def code_all(tag: str, limit: int | None, which: str | None = None, judged: bool = False) -> None:
    """Code every page and write one JSON line per English page with events.

    With ``judged``, only the pages with a judged event (enough for ``score``, and quicker).
    """
    from communique.api import get_pipeline
    from communique.models import CodedArticle, Document
    from communique.settings import Settings

    pipeline = get_pipeline(Settings())
    CACHE.mkdir(parents=True, exist_ok=True)
    keep = judged_pages() if judged else None
    keyed = [
        (key, html)
        for key, html in pages()
        if (which is None or half(key) == which) and (keep is None or key in keep)
    ][:limit]
    docs = [Document.from_text(html, source=key, content_type="html", id=key) for key, html in keyed]
    n_pages = n_english = n_events = 0
    with (CACHE / f"{tag}.jsonl").open("w", encoding="utf-8") as out:
        for result in pipeline.code_many(docs, errors="record"):
            n_pages += 1
            if not isinstance(result, CodedArticle) or result.skipped:
                continue
            n_english += 1
            key = result.document_id or ""
            events, seen = [], Counter[str]()
            for event in result.events:
                if event.negated:
                    continue
                event_id = event_key(key, event.evidence.text, event.trigger.text, event.event_type)
                seen[event_id] += 1
                if seen[event_id] > 1:
                    event_id += f"/{seen[event_id]}"
                sides = _codes(result, event.source_actor_ids), _codes(result, event.target_actor_ids)
                coded = f"{event.event_type} {sides[0]}>{sides[1]}"
                events.append(
                    {
                        "id": event_id,
                        "coded": coded,
                        "cameo": event.cameo,
                        "mode": event.mode,
                        "source": _actor_text(result, event.source_actor_ids),
                        "target": _actor_text(result, event.target_actor_ids),
                        "trigger": event.trigger.text,
                        "location": event.location.text if event.location else None,
                        "sentence": event.evidence.text,
                        "title": result.article.title,
                    }
                )
            n_events += len(events)
            out.write(json.dumps({"key": key, "half": half(key), "events": events}) + "\n")
    print(f"{n_pages} pages, {n_english} coded (English), {n_events} events -> {CACHE / (tag + '.jsonl')}")


def load(tag: str) -> list[dict[str, Any]]:
    """The coded pages of a tagged run."""
    with (CACHE / f"{tag}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def judged_pages() -> set[str]:
    """Pages with at least one judged event."""
    return {row["id"].split("#", 1)[0] for row in read_judged()}


def draw(tag: str, which: str, seed: int, n: int, unjudged: bool = False) -> list[dict[str, Any]]:
    """Draw ``n`` events from one half with a fixed seed (sorted ids, then sampled).

    With ``unjudged``, only from pages none of whose events was judged before.
    """
    skip = judged_pages() if unjudged else set()
    events = [
        e for page in load(tag) if page["half"] == which and page["key"] not in skip for e in page["events"]
    ]
    events.sort(key=lambda e: e["id"])
    return random.Random(seed).sample(events, min(n, len(events)))


def show(tag: str, which: str, seed: int, n: int, unjudged: bool = False) -> None:
    """Print a sample for judging."""
    for i, event in enumerate(draw(tag, which, seed, n, unjudged), 1):
        print(f"--- {i} {event['id']}\n  {event['coded']}  cameo={event['cameo']} mode={event['mode']}")
        print(f"  src={event['source']} tgt={event['target']} trig={event['trigger']!r}", end="")
        print(f" loc={event['location']!r}")
        print(f"  title: {event['title']}\n  {event['sentence'][:400]}")


def read_judged() -> list[dict[str, str]]:
    """The judgments file (sample, id, coded, verdict, reason)."""
    with JUDGED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def score(tag: str) -> None:
    """Precision of each judged sample against a tagged run.

    An event judged again after its coding changed has one row per coding; the row whose
    coding the run gives is used, the first row when the event is no longer coded.
    """
    coded = {e["id"]: e["coded"] for page in load(tag) for e in page["events"]}
    by_sample: dict[str, dict[str, list[dict[str, str]]]] = {}
    for row in read_judged():
        by_sample.setdefault(row["sample"], {}).setdefault(row["id"], []).append(row)
    for sample, events in sorted(by_sample.items()):
        verdicts: Counter[str] = Counter()
        removed: Counter[str] = Counter()
        changed = []
        for event_id, rows in events.items():
            now = coded.get(event_id)
            same = next((r for r in rows if r["coded"] == now), None)
            if now is None:
                removed[rows[0]["verdict"]] += 1
            elif same is None:
                changed.append((event_id, rows[-1]["coded"], now, rows[-1]["verdict"]))
            else:
                verdicts[same["verdict"]] += 1
        kept = sum(verdicts.values()) + len(changed)
        gone = sum(removed.values())
        print(f"sample {sample}: {len(events)} judged; still coded {kept}, removed {gone} {dict(removed)}")
        print(f"  verdicts of the events coded as judged: {dict(verdicts)}")
        if kept:
            ok = verdicts["ok"]
            print(
                f"  precision {ok}/{kept} = {ok / kept:.3f}; event precision"
                f" {ok + verdicts['actor']}/{kept} = {(ok + verdicts['actor']) / kept:.3f}"
                f" (changed events count as not ok until judged again: {len(changed)})"
            )
        for event_id, before, now, verdict in changed:
            print(f"  changed: {event_id}: {before} -> {now} (was {verdict})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("code")
    run.add_argument("--tag", required=True)
    run.add_argument("--limit", type=int)
    run.add_argument("--half", choices=("A", "B"), help="code only the pages of one half")
    run.add_argument("--judged", action="store_true", help="code only the pages with a judged event")
    pick = sub.add_parser("sample")
    pick.add_argument("--tag", required=True)
    pick.add_argument("--half", choices=("A", "B"), required=True)
    pick.add_argument("--seed", type=int, required=True)
    pick.add_argument("--n", type=int, default=150)
    pick.add_argument("--unjudged", action="store_true", help="only pages with no judged event yet")
    rate = sub.add_parser("score")
    rate.add_argument("--tag", required=True)
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"no page collections at {SHARED}", file=sys.stderr)
        return 1
    if args.command == "code":
        code_all(args.tag, args.limit, args.half, args.judged)
    elif args.command == "sample":
        show(args.tag, args.half, args.seed, args.n, args.unjudged)
    else:
        score(args.tag)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

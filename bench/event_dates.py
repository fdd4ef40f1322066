"""Score event dates: which date an event takes, where it came from, and its granularity.

Usage::

    .venv/bin/python bench/event_dates.py                 # both sets
    .venv/bin/python bench/event_dates.py --only hand     # the hand-made set, every item shown
    .venv/bin/python bench/event_dates.py --only timebank # event-timex attachment on TimeBank

Two yardsticks:

* ``bench/event_dates.jsonl``: our own news sentences (written for this bench, not corpus
  text), each with a publication date, the trigger word of one event and the date,
  ``date_source`` and granularity it should get under the convention in
  :mod:`communique.events.dates`. Each runs through the whole pipeline (extraction, actors,
  the time tagger, events). Scores: events found, and of those the share with the right
  date, the right source, and all three right; per class of sentence. It is a
  development set: the rules were written while looking at it.
* TimeBank/AQUAINT (``../shared/nlp/tempeval3/Training/TBAQ-cleaned``, read in place): the
  gold TLINKs between an event and a DATE timex of its own sentence. A pair whose relation
  puts the event inside the time (IS_INCLUDED, INCLUDES, DURING, SIMULTANEOUS, IDENTITY)
  says the timex dates the event; any other relation (BEFORE, AFTER, BEGINS, ENDED_BY ...)
  says it does not. Given the gold timexes (so tagger errors do not count), the attachment
  rule (:func:`communique.events.dates.attached_timex`) is scored on those pairs: precision
  (attached pairs that are dating ones) and recall (dating pairs attached), for verb
  events. ``nearest`` (the closest DATE timex of the sentence) is shown as the baseline a
  coder without a parse would use, ``unreported`` the rule without its report-date
  fallback (a reported act with no date of its own then has none). Only pairs the
  annotators linked count: TimeBank links are not exhaustive, so an attachment to an
  unlinked timex is not scored.

The PLOVER GSR and the PETRARCH validation records carry no event dates (the GSR has one
placeholder date for every record; PETRARCH's is the story date), so they are not used.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import timeml

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
HAND = Path(__file__).resolve().parent / "event_dates.jsonl"
TBAQ = SHARED / "nlp" / "tempeval3" / "Training" / "TBAQ-cleaned"
DATING = {"IS_INCLUDED", "INCLUDES", "DURING", "SIMULTANEOUS", "IDENTITY", "DURING_INV"}


def hand(verbose: bool) -> None:
    """Score the hand-made set through the whole pipeline."""
    from communique.api import get_pipeline
    from communique.models import Document
    from communique.settings import Settings

    pipeline = get_pipeline(Settings())
    items = [json.loads(line) for line in HAND.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = date_ok = source_ok = all_ok = 0
    by_class: dict[str, Counter[str]] = {}
    for item in items:
        doc = Document.from_text(
            item["text"], content_type="text", published_hint=item["published"], id=item["id"]
        )
        coded = pipeline.code(doc)
        event = next((e for e in coded.events if e.trigger.text == item["trigger"]), None)
        tally = by_class.setdefault(item["class"], Counter())
        tally["items"] += 1
        if event is None:
            if verbose:
                print(f"{item['id']:<4} MISSING  {item['trigger']!r}: no event")
            continue
        got = (event.date, event.date_source, event.date_granularity)
        want = (item["date"], item["source"], item["granularity"])
        found += 1
        date_ok += got[0] == want[0]
        source_ok += got[1] == want[1]
        all_ok += got == want
        tally["found"] += 1
        tally["right"] += got == want
        if verbose:
            mark = "ok" if got == want else "WRONG"
            print(f"{item['id']:<4} {mark:<8} {item['class']:<18} got {got} want {want}")
    n = len(items)
    print(f"hand-made set ({HAND.name}): {n} items, {found} events found")
    if found:
        print(
            f"  date {date_ok}/{found} = {date_ok / found:.3f}; source {source_ok}/{found} = "
            f"{source_ok / found:.3f}; date+source+granularity {all_ok}/{found} = {all_ok / found:.3f}"
        )
    for name, tally in sorted(by_class.items()):
        print(f"  {name:<18} {tally['right']}/{tally['found']} right ({tally['items']} items)")


# ----------------------------------------------------------------------------------
# TimeBank


Links = list[tuple[str | None, str, str]]


def read_tml(
    path: Path,
) -> tuple[str, dict[str, tuple[int, int]], dict[str, tuple[int, int, str, str]], Links]:
    """The text of a .tml file, its events (id -> span), DATE and TIME timexes and TLINKs."""
    doc = timeml.read(path)
    events = {e.attrs["eid"]: (e.start, e.end) for e in doc.events}
    timexes = {
        t.attrs["tid"]: (t.start, t.end, t.attrs.get("type", ""), t.attrs.get("value", ""))
        for t in doc.timexes
        if t.attrs.get("type") in {"DATE", "TIME"}
    }
    return doc.text, events, timexes, list(doc.links)


def timebank(limit: int | None) -> None:
    """Score the attachment rule on TimeBank's event-timex links of one sentence."""
    from communique.events.dates import attached_timex
    from communique.events.tokens import token_timexes
    from communique.lexicon import load_lexicon
    from communique.models import Timex
    from communique.nlp import load_model
    from communique.settings import Settings

    settings = Settings()
    nlp = load_model(settings.model)
    words = load_lexicon(settings).words
    files = sorted(TBAQ.glob("*/*.tml"))[:limit]
    tally: dict[str, Counter[str]] = {"rule": Counter(), "unreported": Counter(), "nearest": Counter()}
    for path in files:
        text, events, timexes, links = read_tml(path)
        doc = nlp(text)
        # every gold DATE/TIME timex counts, with a placeholder calendar value where the gold's
        # is not one ("PRESENT_REF"): the attachment, not the value, is scored here
        txs = [
            Timex(tid, s, e, text[s:e], t, v if re.match(r"^\d{4}", v) else "0000")  # type: ignore[arg-type]
            for tid, (s, e, t, v) in timexes.items()
        ]
        token_timex = token_timexes(doc, txs)
        for eid, tid, rel in links:
            if eid not in events or tid not in timexes:
                continue
            span = doc.char_span(*events[eid], alignment_mode="expand")
            tspan = doc.char_span(*timexes[tid][:2], alignment_mode="expand")
            if span is None or tspan is None or not len(span) or span[0].sent.start != tspan[0].sent.start:
                continue
            pred = span[-1] if span[-1].pos_ in {"VERB", "AUX"} else span[0]
            if pred.pos_ not in {"VERB", "AUX"}:
                continue
            dating = rel in DATING
            got = attached_timex(pred, (), token_timex, words)
            alone = attached_timex(pred, (), token_timex, words, reported=False)
            near = _nearest(pred, token_timex)
            for name, tx in (("rule", got), ("unreported", alone), ("nearest", near)):
                hit = tx is not None and tx.id == tid
                tally[name]["gold+" if dating else "gold-"] += 1
                tally[name]["tp" if hit and dating else "fp" if hit else "fn" if dating else "tn"] += 1
    print(f"TimeBank/AQUAINT ({len(files)} files): verb events linked to a DATE/TIME timex of their sentence")
    for name, c in tally.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["gold+"])
        f = 2 * p * r / max(1e-9, p + r)
        print(
            f"  {name:<10} pairs {c['gold+'] + c['gold-']} (dating {c['gold+']}):"
            f" attached {c['tp'] + c['fp']}, P {p:.3f} R {r:.3f} F1 {f:.3f};"
            f" non-dating pairs attached {c['fp']}/{c['gold-']}"
        )


def _nearest(pred: Any, token_timex: dict[int, Any]) -> Any:
    best = None
    for i, tx in token_timex.items():
        if pred.doc[i].sent.start != pred.sent.start:
            continue
        dist = abs(i - pred.i)
        if best is None or dist < best[0]:
            best = (dist, tx)
    return best[1] if best else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("hand", "timebank"))
    parser.add_argument("--limit", type=int, help="TimeBank: read only the first N files")
    parser.add_argument("--quiet", action="store_true", help="hand set: the summary only")
    args = parser.parse_args(argv)
    if args.only in (None, "hand"):
        hand(not args.quiet)
    if args.only in (None, "timebank"):
        if not TBAQ.is_dir():
            print(f"no TimeBank at {TBAQ}: skipped", file=sys.stderr)
        else:
            timebank(args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure event locations on the PLOVER gold standard's located events.

Usage::

    .venv/bin/python bench/location.py            # figures
    .venv/bin/python bench/location.py --list     # every located gold sentence with our answer

The PLOVER GSR (``../shared/eventdata/plover/PLOVER_GSR_CAMEO.txt``) gives an ``eventLoc``
for 33 of its events. Each sentence is coded by the whole pipeline (publication date: the
record's date). A gold location is *found* when one of the sentence's non-negated events
has a location whose text contains the gold name or is contained in it ("Bam" and "Bam,
Iran"); *wrong* when the sentence's events carry locations but none matches; *missed*
when they carry none. On the GSR sentences without an ``eventLoc`` the share of sentences
we give a location is printed too: the gold does not mark every place, so that is the
rate at which we add one, not an error rate.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from communique.models import CodedArticle, Document
from communique.pipeline import Pipeline

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "eventdata" / "plover" / "PLOVER_GSR_CAMEO.txt"


def _matches(gold: str, predicted: str) -> bool:
    g, p = gold.lower(), predicted.lower()
    return g in p or p in g


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--list", action="store_true", help="print each located gold sentence")
    args = parser.parse_args(argv)
    if not GSR.is_file():
        print(f"shared data not found at {GSR}", file=sys.stderr)
        return 2
    records = [r for r in json.loads(GSR.read_text(encoding="utf-8")) if r.get("text")]
    pipeline = Pipeline()
    found = wrong = missed = failed = 0
    unlabelled = unlabelled_located = 0
    documents = [Document.from_text(r["text"], published_hint=r.get("date")) for r in records]
    for record, coded in zip(records, pipeline.code_many(documents, errors="record"), strict=True):
        if not isinstance(coded, CodedArticle):
            failed += 1
            print(f"not coded: {coded.reason} | {record['text'][:80]}", file=sys.stderr)
            continue
        places = [e.location.text for e in coded.events if e.location is not None and not e.negated]
        gold = (record.get("eventLoc") or {}).get("name")
        if not gold:
            unlabelled += 1
            unlabelled_located += bool(places)
            continue
        if any(_matches(gold, p) for p in places):
            found += 1
            verdict = "found"
        elif places:
            wrong += 1
            verdict = "wrong"
        else:
            missed += 1
            verdict = "missed"
        if args.list:
            print(f"{verdict:6} gold={gold!r} ours={places} | {record['text'][:120]}")
    total = found + wrong + missed
    given = found + wrong
    print(f"PLOVER GSR located events: {total}")
    print(f"  found  {found:3}  recall    {found / total:.3f}")
    print(f"  wrong  {wrong:3}  precision {found / given:.3f} (of the {given} we located)" if given else "")
    print(f"  missed {missed:3}")
    if failed:
        print(f"sentences not coded (errors): {failed}")
    print(f"GSR sentences without a gold location: {unlabelled}, we give one in {unlabelled_located}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

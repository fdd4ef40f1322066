"""End-to-end throughput of the pipeline against spaCy parsing alone.

Usage::

    .venv/bin/python bench/throughput.py            # scrapinghub-aeb English pages + examples/
    .venv/bin/python bench/throughput.py --limit 40 --repeat 2

Prints articles/s and words/s for (a) the whole pipeline (extract, parse, actors, time,
quotes, events), (b) the stages after extraction (parse + our stages) and (c) spaCy's
``nlp.pipe`` alone on the same article texts, and the ratios. The corpus is read in
place from ../shared; nothing is copied.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
AEB = SHARED / "extraction-benchmarks" / "scrapinghub-aeb"

sys.path.insert(0, str(REPO / "src"))

from communique.models import Document  # noqa: E402
from communique.pipeline import Pipeline  # noqa: E402
from communique.settings import Settings  # noqa: E402
from communique.sources import iter_documents  # noqa: E402


def corpus(limit: int | None = None) -> list[Document]:
    """The benchmark corpus: scrapinghub-aeb pages (as HTML documents) plus examples/.

    Non-English pages stay in: the pipeline stores them without coding, as it would in use;
    the parse-only baseline sees exactly the texts the pipeline parses.
    """
    docs: list[Document] = []
    truth = AEB / "ground-truth.json"
    if truth.exists():
        gold = json.loads(truth.read_text())
        for page_id in sorted(gold):
            path = AEB / "html" / f"{page_id}.html.gz"
            if not path.exists():
                continue
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            docs.append(
                Document.from_text(html, source=str(path), content_type="html", url=gold[page_id].get("url"))
            )
    else:
        print(f"note: {AEB} not found; using examples/ only", file=sys.stderr)
    docs.extend(d for d in iter_documents([str(REPO / "examples")]) if isinstance(d, Document))
    return docs[:limit] if limit else docs


def per_stage_cpu(pipeline: Pipeline, articles: list, parsed: list) -> dict[str, float]:  # type: ignore[type-arg]
    """CPU seconds each stage after the parse takes over the corpus (process time, one pass)."""
    from communique.actors import code_actors
    from communique.events import code_events
    from communique.quotes import find_quotes
    from communique.time import find_timexes

    cpu = {"actors": 0.0, "time": 0.0, "quotes": 0.0, "events": 0.0}
    for article, doc in zip(articles, parsed, strict=True):
        t = time.process_time()
        actors = code_actors(doc, article, pipeline.kb)
        t1 = time.process_time()
        timexes = find_timexes(article.text, anchor=article.published, doc=doc)
        t2 = time.process_time()
        find_quotes(doc, actors)
        t3 = time.process_time()
        code_events(doc, article, actors, timexes, pipeline.lexicon)
        t4 = time.process_time()
        for key, spent in zip(cpu, (t1 - t, t2 - t1, t3 - t2, t4 - t3), strict=True):
            cpu[key] += spent
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pages")
    parser.add_argument("--repeat", type=int, default=1, help="time each measurement N times, keep the best")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    settings = Settings(batch_size=args.batch_size)
    pipeline = Pipeline(settings)
    nlp = pipeline.nlp
    _ = pipeline.kb, pipeline.lexicon  # load once, outside the timings
    docs = corpus(args.limit)

    # warm-up (first calls build caches)
    list(pipeline.code_many(docs[:3]))

    def best(fn):  # type: ignore[no-untyped-def]
        times = []
        result = None
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
        return min(times), result

    t_full, results = best(lambda: list(pipeline.code_many(docs)))
    coded = [r for r in results if hasattr(r, "article") and not r.skipped]
    articles = [r.article for r in coded]
    texts = [a.text[: settings.max_chars_parsed] for a in articles]
    words = sum(len(t.split()) for t in texts)

    t_extract, _ = best(lambda: [pipeline.extract(d) for d in docs])
    t_parse, parsed = best(lambda: list(nlp.pipe(texts, batch_size=settings.batch_size)))
    by_source = {d.source: d for d in docs}

    def stages_only() -> None:
        for art, doc in zip(articles, parsed, strict=True):
            pipeline.code_parsed(by_source[art.source], art, doc)

    t_stages, _ = best(stages_only)
    stage_cpu = per_stage_cpu(pipeline, articles, parsed)
    n = len(articles)
    post_extract = t_parse + t_stages
    rows = [
        ("whole pipeline (extract+parse+stages)", t_full, len(docs)),
        ("parse + our stages (no extraction)", post_extract, n),
        ("spaCy nlp.pipe only", t_parse, n),
        ("our stages only (actors, time, quotes, events)", t_stages, n),
        ("extraction only (all pages)", t_extract, len(docs)),
    ]
    print(f"# throughput, {date.today()}, python {platform.python_version()}, {platform.machine()}")
    print(f"pages {len(docs)}, coded English articles {n}, words parsed {words:,}, model {settings.model}")
    print(f"{'measurement':<48} {'seconds':>8} {'articles/s':>11} {'words/s':>10}")
    for name, seconds, count in rows:
        w = words if count == n else words * count / max(n, 1)
        print(f"{name:<48} {seconds:8.2f} {count / seconds:11.1f} {w / seconds:10,.0f}")
    print("CPU seconds per stage: " + ", ".join(f"{k} {v:.2f}" for k, v in stage_cpu.items()))
    print(f"ratio pipeline (after extraction) / parse-only throughput: {t_parse / post_extract:.2f}")
    print(f"ratio whole pipeline / parse-only throughput (coded articles): {t_parse / t_full:.2f}")


if __name__ == "__main__":
    main()

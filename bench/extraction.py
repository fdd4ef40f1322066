"""Extraction benchmark: communique's extractor and trafilatura side by side, same run, same pages.

Usage::

    .venv/bin/python bench/extraction.py            # all sets
    .venv/bin/python bench/extraction.py --limit 30 # quick run: the first 30 pages of each set

Sets (read in place from ``../shared/extraction-benchmarks``):

* ``scrapinghub-aeb``: body text, scored with that benchmark's own 4-gram shingle P/R/F1.
* the same pages rendered to plain visible text (as a scraper would), through our scraped-text path.
* ``trafilatura-eval``: snippet P/R/F1 (``with`` snippets must be in the output, ``without`` must not).
* ``htmldate-eval``: publication date, exact-day accuracy, and how often we state time and zone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura
from htmldate import find_date
from trafilatura.utils import decode_file

from communique.errors import CommuniqueError
from communique.extract import extract
from communique.extract.htmlpage import extract_dates, parse_html
from communique.extract.render import render_text
from communique.extract.scraped import extract_scraped
from communique.models import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "extraction-benchmarks"
_TOKEN = re.compile(r"\w+", re.UNICODE)


# --- scrapinghub article-extraction-benchmark scoring (as its evaluate.py describes) ---------------
def _shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        " ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """Per-document TP, FP, FN over 4-token shingles, normalised to sum to 1."""
    gold, got = _shingles(true), _shingles(pred)
    tp = sum((gold & got).values())
    fp = sum(got.values()) - tp
    fn = sum(gold.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(metrics: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Precision and recall averaged over documents, F1 of the two means."""
    precisions, recalls = [], []
    for tp, fp, fn in metrics:
        if fp == fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
        elif tp == 0:
            precisions.append(0.0)
            recalls.append(0.0)
        else:
            precisions.append(tp / (tp + fp))
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _gunzip(path: Path) -> bytes:
    with gzip.open(path) as handle:
        return handle.read()


_TITLES: dict[str | None, str] = {}  # url -> the title we extracted, for the title-counted snippet row


def _ours(html: str, url: str | None) -> str:
    try:
        art = extract(Document.from_text(html, content_type="html", url=url, source=url or "<bench>"))
    except CommuniqueError:
        return ""
    _TITLES[url] = art.title or ""
    return art.text


def _timed_together(
    fns: list[Callable[[str, str | None], str]], pages: list[tuple[str, str | None]]
) -> list[tuple[list[str], float]]:
    """Run every extractor on each page in turn, so a busy machine slows them all alike."""
    for html, url in pages[:3]:  # warm up: imports, models, caches
        for fn in fns:
            fn(html, url)
    outs: list[list[str]] = [[] for _ in fns]
    secs = [0.0 for _ in fns]
    for html, url in pages:
        for k, fn in enumerate(fns):
            began = time.perf_counter()
            outs[k].append(fn(html, url))
            secs[k] += time.perf_counter() - began
    return list(zip(outs, secs, strict=True))


def _traf_default(html: str, url: str | None) -> str:
    return trafilatura.extract(html, url=url) or ""


def _traf_precision(html: str, url: str | None) -> str:
    return trafilatura.extract(html, url=url, favor_precision=True) or ""


def bench_scrapinghub(limit: int | None) -> list[str]:
    root = SHARED / "scrapinghub-aeb"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    pages = [(_gunzip(root / "html" / f"{i}.html.gz").decode("utf-8"), truth[i]["url"]) for i in ids]
    golds = [truth[i]["articleBody"] for i in ids]
    rows = []
    names = ("communique", "trafilatura default", "trafilatura favor_precision")
    results = _timed_together([_ours, _traf_default, _traf_precision], pages)
    for name, (outs, secs) in zip(names, results, strict=True):
        p, r, f = prf([shingle_match(g, o) for g, o in zip(golds, outs, strict=True)])
        rows.append(f"| {name} | {p:.3f} | {r:.3f} | **{f:.3f}** | {len(pages) / secs:.1f} |")
    # The same pages as already-scraped text.
    texts = []
    for html, _url in pages:
        tree = parse_html(html)
        texts.append(render_text(tree) if tree is not None else "")
    naive = prf([shingle_match(g, t) for g, t in zip(golds, texts, strict=True)])
    began = time.perf_counter()
    scraped = []
    for text in texts:
        try:
            scraped.append(extract_scraped(text, source="<bench>").text)
        except CommuniqueError:
            scraped.append("")
    secs = time.perf_counter() - began
    s = prf([shingle_match(g, t) for g, t in zip(golds, scraped, strict=True)])
    speed = len(texts) / secs
    rows.append(
        f"| scraped text: communique scraped path | {s[0]:.3f} | {s[1]:.3f} | **{s[2]:.3f}** | {speed:.1f} |"
    )
    rows.append(
        f"| scraped text: naive page text | {naive[0]:.3f} | {naive[1]:.3f} | **{naive[2]:.3f}** | - |"
    )
    head = [
        f"scrapinghub-aeb, {len(pages)} pages (4-gram shingles)",
        "",
        "| extractor | precision | recall | F1 | pages/s |",
        "|---|---|---|---|---|",
    ]
    return head + rows


def _norm(text: str) -> str:
    return " ".join(text.split())


def _trafeval_pages(limit: int | None) -> list[tuple[str, str, dict[str, list[str]]]]:
    root = SHARED / "trafilatura-eval"
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in sorted(data.items())[:limit]:
        path = root / "html" / "cache" / f"{item['file']}.gz"
        if not path.is_file():
            path = root / "html" / "eval" / f"{item['file']}.gz"
        if not path.is_file():
            continue
        html = decode_file(_gunzip(path))
        pages.append((html, url, {"with": item.get("with", []), "without": item.get("without", [])}))
    return pages


def bench_trafilatura_eval(limit: int | None) -> list[str]:
    pages = _trafeval_pages(limit)
    rows = []
    results = _timed_together([_ours, _traf_default], [(h, u) for h, u, _ in pages])
    # The gold often wants the headline in the body; we give it as the title. A separate row counts
    # our title as part of the output (for this snippet score only); the body-only row is the figure.
    with_title = (
        [_TITLES.get(u, "") + "\n" + o for (_h, u, _s), o in zip(pages, results[0][0], strict=True)],
        0.0,
    )
    named = zip(
        ("communique", "trafilatura default", "communique, title counted as output"),
        [*results, with_title],
        strict=True,
    )
    for name, (outs, secs) in named:
        tp = fp = fn_ = 0
        for (_h, _u, snippets), out in zip(pages, outs, strict=True):
            text = _norm(out)
            for snip in snippets["with"]:
                if _norm(snip) in text:
                    tp += 1
                else:
                    fn_ += 1
            for snip in snippets["without"]:
                if _norm(snip) in text:
                    fp += 1
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn_) if tp + fn_ else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        speed = f"{len(pages) / secs:.1f}" if secs else "-"
        rows.append(f"| {name} | {p:.3f} | {r:.3f} | **{f:.3f}** | {speed} |")
    head = [
        f"trafilatura-eval, {len(pages)} pages (snippets)",
        "",
        "| extractor | precision | recall | F1 | pages/s |",
        "|---|---|---|---|---|",
    ]
    return head + rows


def bench_dates(limit: int | None) -> list[str]:
    root = SHARED / "htmldate-eval"
    items: list[tuple[str, str, str]] = []
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        data = json.loads((root / name).read_text(encoding="utf-8"))
        for url, item in data.items():
            for folder in ("test_set", "cache", "eval"):
                path = root / "html" / folder / f"{item['file']}.gz"
                if path.is_file():
                    items.append((decode_file(_gunzip(path)), url, item["date"]))
                    break
    items = items[:limit]
    tp = fp = fn = timed = 0
    hd_right = 0
    hd_secs = 0.0
    sources: Counter[str] = Counter()
    secs = 0.0
    for html, url, gold in items:
        began = time.perf_counter()
        found = find_date(html, url=url, extensive_search=True, original_date=True)
        hd_secs += time.perf_counter() - began
        hd_right += (found is None and not isinstance(gold, str)) or (found is not None and found == gold)
        began = time.perf_counter()
        published, source, _modified = extract_dates(html, url)
        secs += time.perf_counter() - began
        no_gold = not isinstance(gold, str)  # a few pages have no date to find (NaN in the gold file)
        if not published:
            if no_gold:
                tp += 1  # counted as right: nothing to find, nothing given (htmldate's evaluation)
            else:
                fn += 1
            continue
        sources[source or "?"] += 1
        if not no_gold and published[:10] == gold:
            tp += 1
        else:
            fp += 1
        if "T" in published and (published.endswith("Z") or re.search(r"[+-]\d\d:\d\d$", published)):
            timed += 1
    n = len(items)
    return [
        f"htmldate-eval, {n} pages (publication date, exact day)",
        "",
        "| extractor | accuracy | wrong day | none | with time+zone | pages/s |",
        "|---|---|---|---|---|---|",
        f"| communique | **{tp / n:.3f}** | {fp / n:.3f} | {fn / n:.3f} | {timed / n:.3f} | {n / secs:.1f} |",
        f"| htmldate extensive, original date | **{hd_right / n:.3f}** | - | - | 0 | {n / hd_secs:.1f} |",
        "",
        "date sources: " + ", ".join(f"{k} {v}" for k, v in sources.most_common()),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    parser.add_argument("--only", choices=["aeb", "traf", "dates"], default=None, help="run one set")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"benchmark data not found at {SHARED}", file=sys.stderr)
        return 2
    sections = {"aeb": bench_scrapinghub, "traf": bench_trafilatura_eval, "dates": bench_dates}
    for key, fn in sections.items():
        if args.only and key != args.only:
            continue
        print("\n".join(fn(args.limit)), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

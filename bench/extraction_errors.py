"""Where the trafilatura-eval snippet errors are: a classification of misses and leaks, page by page.

Usage::

    .venv/bin/python bench/extraction_errors.py              # summary of error classes
    .venv/bin/python bench/extraction_errors.py --dump F     # also every error as JSON lines in F

A ``with`` snippet we miss is put in the first class that holds it: in our ``standfirst``, our
``title``, a caption, the byline, trafilatura's output (we dropped what it kept), the page's visible
text (neither kept it), or nowhere (the page's markup splits it). A ``without`` snippet we keep is
put by where its line is in our body (first lines, last lines, middle) and whether trafilatura
keeps it too. This is for finding classes of errors to fix by rule; it scores nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent))

from communique.errors import CommuniqueError
from communique.extract import extract
from communique.extract.htmlpage import parse_html
from communique.extract.render import render_text
from communique.models import Article, Document
from extraction import SHARED, _norm, _trafeval_pages


def _miss_class(snip: str, art: Article | None, traf: str, page_text: str) -> str:
    if art is not None:
        if art.standfirst and snip in _norm(art.standfirst):
            return "in standfirst"
        if art.title and snip in _norm(art.title):
            return "in title"
        if any(snip in _norm(c.text + " " + (c.credit or "")) for c in art.captions):
            return "in a caption"
        if any(snip in _norm(a) for a in art.authors):
            return "in authors"
        if art.contact and snip in _norm(art.contact):
            return "in contact"
    if snip in traf:
        return "kept by trafilatura, dropped by us"
    if snip in page_text:
        return "in the page text, kept by neither"
    return "not in the rendered page text"


def _leak_class(snip: str, art: Article, traf: str) -> str:
    paragraphs = [_norm(p.text) for p in art.paragraphs]
    where = "?"
    for i, para in enumerate(paragraphs):
        if snip in para:
            if i < 2:
                where = "first 2 lines"
            elif i >= len(paragraphs) - 3:
                where = "last 3 lines"
            else:
                where = "middle"
            break
    else:
        where = "across lines"
    both = "trafilatura too" if snip in traf else "ours only"
    return f"{where}, {both}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="pages (default: all)")
    parser.add_argument("--dump", type=Path, default=None, help="write every error as a JSON line here")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"benchmark data not found at {SHARED}", file=sys.stderr)
        return 2
    misses: Counter[str] = Counter()
    leaks: Counter[str] = Counter()
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for html, url, snippets in _trafeval_pages(args.limit):
        try:
            art: Article | None = extract(Document.from_text(html, content_type="html", url=url, source=url))
        except CommuniqueError:
            art = None
        ours = _norm(art.text) if art is not None else ""
        traf = _norm(trafilatura.extract(html, url=url) or "")
        tree = parse_html(html)
        page_text = _norm(render_text(tree)) if tree is not None else ""
        for raw in snippets["with"]:
            snip = _norm(raw)
            if snip in ours:
                continue
            cls = _miss_class(snip, art, traf, page_text)
            misses[cls] += 1
            if dump:
                dump.write(json.dumps({"url": url, "kind": "miss", "class": cls, "snippet": raw}) + "\n")
        for raw in snippets["without"]:
            snip = _norm(raw)
            if art is None or snip not in ours:
                continue
            cls = _leak_class(snip, art, traf)
            leaks[cls] += 1
            if dump:
                dump.write(json.dumps({"url": url, "kind": "leak", "class": cls, "snippet": raw}) + "\n")
    if dump:
        dump.close()
    print(f"`with` snippets missed: {sum(misses.values())}")
    for cls, n in misses.most_common():
        print(f"  {n:4d}  {cls}")
    print(f"`without` snippets kept: {sum(leaks.values())}")
    for cls, n in leaks.most_common():
        print(f"  {n:4d}  {cls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Decode every page of the extraction benchmarks with the sources stage; count failures.

Reads ``../shared/extraction-benchmarks`` in place. For each ``*.html.gz`` page (not the
``expected*`` answers) it runs :func:`communique.sources.read_document` and reports the
encodings used, the rejects, and the pages whose text shows at least 3 marks of mojibake
(``Ã©``-style pairs, ``â€``, ``Â`` + symbol, U+FFFD).

Usage: ``.venv/bin/python bench/decode_survey.py``
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path
from timeit import default_timer

from communique.errors import CommuniqueError
from communique.settings import Settings
from communique.sources import read_document

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "extraction-benchmarks"
MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]|\ufffd")


def main() -> int:
    if not ROOT.is_dir():
        print(f"no benchmark data at {ROOT}", file=sys.stderr)
        return 1
    files = sorted(p for p in ROOT.rglob("*.gz") if not p.name.startswith("expected"))
    encodings: collections.Counter[str] = collections.Counter()
    rejects: collections.Counter[str] = collections.Counter()
    garbled: list[tuple[int, str, str]] = []
    settings = Settings(max_bytes=50_000_000)
    began = default_timer()
    for path in files:
        try:
            doc = read_document(str(path), settings=settings)
        except CommuniqueError as exc:
            rejects[exc.message] += 1
            continue
        encodings[doc.encoding or "?"] += 1
        marks = len(MOJIBAKE.findall(doc.content))
        if marks >= 3:
            garbled.append((marks, doc.encoding or "?", str(path.relative_to(ROOT))))
    elapsed = default_timer() - began
    decoded, rejected = sum(encodings.values()), sum(rejects.values())
    print(f"{len(files)} pages in {elapsed:.1f} s: {decoded} decoded, {rejected} rejected")
    print("encodings:", dict(encodings.most_common()))
    for reason, count in rejects.most_common():
        print(f"rejected x{count}: {reason}")
    strict = sum(1 for _, encoding, _ in garbled if encoding == "utf-8")
    print(f"pages with >= 3 mojibake marks: {len(garbled)} ({strict} of them valid UTF-8 as served)")
    for marks, encoding, name in sorted(garbled, reverse=True):
        print(f"  {marks:4d}  {encoding:20s} {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

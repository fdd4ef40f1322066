"""Convert the public PETRARCH-2 verb dictionary and the CAMEO→PLOVER crosswalk into shipped data.

Usage::

    .venv/bin/python tools/convert_lexicon.py [SHARED_DIR]

Reads ``eventdata/petrarch2/CAMEO.2.0.txt`` (MIT, Open Event Data Alliance) and
``eventdata/plover/CAMEO2PLOVER-2021.txt`` (CC BY-SA 4.0) from ``SHARED_DIR`` (default
``../shared``) and writes ``src/communique/data/lexicon/cameo_verbs.jsonl`` and
``crosswalk.json``. The crosswalk gets our documented additions for CAMEO 02 (APPEAL),
which PLOVER drops but which a news reader calls a request: "asked North Korea to return
to talks" is a REQUEST with mode *meet*.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from communique.lexicon import Lexicon, parse_crosswalk, parse_petrarch_verbs

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "communique" / "data" / "lexicon"

# CAMEO 02 APPEAL -> PLOVER REQUEST, with the mode of the matching CAMEO 10 code.
APPEAL = {
    "02": ("REQUEST", None, []),
    "020": ("REQUEST", None, []),
    "021": ("REQUEST", "assist", []),
    "0211": ("REQUEST", "assist", ["economic"]),
    "0212": ("REQUEST", "assist", ["military"]),
    "0213": ("REQUEST", "assist", ["legal"]),
    "0214": ("REQUEST", "assist", ["intelligence"]),
    "022": ("REQUEST", "assist", ["diplomatic"]),
    "023": ("REQUEST", "assist", []),
    "0231": ("REQUEST", "assist", ["economic"]),
    "0232": ("REQUEST", "assist", ["military"]),
    "0233": ("REQUEST", "assist", ["humanitarian"]),
    "0234": ("REQUEST", "assist", ["peacekeeping"]),
    "024": ("REQUEST", "change", ["political_institutions"]),
    "0241": ("REQUEST", "change", ["executive"]),
    "0242": ("REQUEST", "change", ["executive"]),
    "0243": ("REQUEST", "change", ["rights_freedoms"]),
    "0244": ("REQUEST", "change", ["political_institutions"]),
    "025": ("REQUEST", "yield", ["legal"]),
    "0251": ("REQUEST", "yield", ["legal"]),
    "0252": ("REQUEST", "yield", ["legal"]),
    "0253": ("REQUEST", "yield", ["legal"]),
    "0254": ("REQUEST", "yield", ["economic"]),
    "0255": ("REQUEST", "yield", ["diplomatic"]),
    "0256": ("REQUEST", "yield", ["military"]),
    "026": ("REQUEST", "meet", ["diplomatic"]),
    "027": ("REQUEST", "meet", ["diplomatic"]),
    "028": ("REQUEST", "meet", ["diplomatic"]),
}


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    verbs = shared / "eventdata" / "petrarch2" / "CAMEO.2.0.txt"
    cross = shared / "eventdata" / "plover" / "CAMEO2PLOVER-2021.txt"
    patterns = parse_petrarch_verbs(
        verbs.read_text(encoding="utf-8", errors="replace"), origin="CAMEO.2.0", rank=1, literal_phrases=False
    )
    lex = Lexicon().add(patterns)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "cameo_verbs.jsonl").write_text(lex.to_jsonl(), encoding="utf-8")
    table = {
        k: [t, m, list(c)] for k, (t, m, c) in parse_crosswalk(cross.read_text(encoding="utf-8")).items()
    }
    for code, (t, m, c) in APPEAL.items():
        table.setdefault(code, [t, m, c])
    (OUT / "crosswalk.json").write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(lex)} patterns, {len(table)} crosswalk rows -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

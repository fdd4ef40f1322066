"""Convert the public PETRARCH/Phoenix and NGEC dictionaries into the shipped KB file.

Usage::

    python tools/build_kb.py [--eventdata ../shared/eventdata] [--out src/communique/data/kb/phoenix.json.gz]

Reads ``petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt``,
``petrarch2/Phoenix.agents.txt``, ``ngec/PLOVER_agents.txt`` and
``petrarch2/Phoenix.discards.txt`` and writes one gzip JSON file. Dated codes are kept
as dated roles; two-digit years below 15 are read as 20xx (the files date from 2014).
Sectors are reduced to their primary agent code (``USAGOVLEG`` -> USA + LEG).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.kb.petrarch import read_actors, read_agents, read_discards  # noqa: E402

ACTOR_FILES = (
    "petrarch2/Phoenix.Countries.actors.txt",
    "petrarch2/Phoenix.International.actors.txt",
    "petrarch2/Phoenix.MilNonState.actors.txt",
)
AGENT_FILES = ("petrarch2/Phoenix.agents.txt", "ngec/PLOVER_agents.txt")
DISCARD_FILES = ("petrarch2/Phoenix.discards.txt",)
PIVOT = 15
# CAMEO country codes that differ from ISO 3166-1 alpha-3.
ISO_FIXES = {"TMP": "TLS"}
# Agent codes that say nothing about the actor ("Friday" [~NON], "group" [~UNK]).
DROPPED_SECTORS = frozenset({"NON", "UNK"})


def build(eventdata: Path) -> dict[str, Any]:
    """Return the compiled KB as a JSON-ready dict."""
    entries: list[list[Any]] = []
    seen_ids: set[str] = set()
    countries: set[str] = set()
    for rel in ACTOR_FILES:
        path = eventdata / rel
        for entry, phrases in read_actors(path, pivot=PIVOT, full_codes=False, id_prefix="phoenix:"):
            entry_id, kind = entry.id, entry.kind
            current = entry.role_at(None)
            code = ISO_FIXES.get(current.country or "", current.country) if current else None
            if kind == "country" and "Countries" in rel and code and code not in countries:
                entry_id = code
                countries.add(code)
            elif kind == "country":
                kind = "other"  # a city or region coded to its country
            while entry_id in seen_ids:
                entry_id += "+"
            seen_ids.add(entry_id)
            roles = [
                [
                    ISO_FIXES.get(r.country or "", r.country),
                    r.sector,
                    r.start.isoformat() if r.start else None,
                    r.end.isoformat() if r.end else None,
                    None,
                ]
                for r in entry.roles
            ]
            words = sorted({" ".join(w) for w, _stem in phrases})
            entries.append([entry_id, entry.name, kind, roles, words, Path(rel).name])
    agents: dict[str, list[Any]] = {}
    for rel in AGENT_FILES:
        for words, agent, _stem in read_agents(eventdata / rel, full_codes=False):
            if agent.sector in DROPPED_SECTORS:
                continue
            agents.setdefault(" ".join(words), [" ".join(words), agent.sector, agent.group])
    discards: dict[str, list[Any]] = {}
    for rel in DISCARD_FILES:
        for words, story in read_discards(eventdata / rel):
            discards.setdefault(" ".join(words), [" ".join(words), story])
    return {
        "format": "communique-kb/1",
        "sources": [*ACTOR_FILES, *AGENT_FILES, *DISCARD_FILES],
        "licence": "Phoenix/PETRARCH dictionaries: MIT (Open Event Data Alliance); NGEC agents: MIT header",
        "entries": entries,
        "agents": sorted(agents.values()),
        "discards": sorted(discards.values()),
    }


def main(argv: list[str] | None = None) -> int:
    """Build the file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eventdata", type=Path, default=ROOT.parent / "shared" / "eventdata")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "src" / "communique" / "data" / "kb" / "phoenix.json.gz"
    )
    args = parser.parse_args(argv)
    data = build(args.eventdata)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as fh:
        fh.write(payload)
    print(
        f"wrote {args.out}: {len(data['entries'])} entries, {len(data['agents'])} agents, "
        f"{len(data['discards'])} discards, {args.out.stat().st_size} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

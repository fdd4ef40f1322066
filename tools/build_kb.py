"""Convert the public PETRARCH/Phoenix and NGEC dictionaries into the shipped KB file.

Usage::

    python tools/build_kb.py [--eventdata ../shared/eventdata] [--out src/communique/data/kb/phoenix.json.gz]

Reads ``petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt``,
``petrarch2/Phoenix.agents.txt``, ``ngec/PLOVER_agents.txt`` and
``petrarch2/Phoenix.discards.txt`` and writes one gzip JSON file. Dated codes are kept
as dated roles; two-digit years below 15 are read as 20xx (the files date from 2014).
Sectors are reduced to their primary agent code (``USAGOVLEG`` -> USA + LEG).

Codes are made to fit the data model (an ISO 3166 alpha-3 country, or IGO/NGO/IMG/MNC, and an
agent sector): old CAMEO country codes are mapped to ISO (``ISO_FIXES``); a sector slot holding
something else (a territory ``GBRVGB``, ``UNR``, ``OCC``, a district ``PSEGZA``) is dropped; a
code that is only a sector or religion (``[MED]``, ``[HINRAD]``) has no country; a regional code
(``MEA``, ``SAS``, ``INT``) becomes the one country the group's names give ("Palestinian Islamic
Jihad" -> PSE), or none. Country entries keep their dated CAMEO codes but are keyed by ISO code;
the actors stage codes a country by its current ISO code at any date. Single generic words
("organization") are dropped from the aliases of groups.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communique.kb.core import norm_phrase  # noqa: E402
from communique.kb.petrarch import read_actors, read_agent_phrases, read_discards  # noqa: E402

ACTOR_FILES = (
    "petrarch2/Phoenix.Countries.actors.txt",
    "petrarch2/Phoenix.International.actors.txt",
    "petrarch2/Phoenix.MilNonState.actors.txt",
)
AGENT_FILES = ("petrarch2/Phoenix.agents.txt", "ngec/PLOVER_agents.txt")
DISCARD_FILES = ("petrarch2/Phoenix.discards.txt",)
PIVOT = 15
# CAMEO country codes that differ from ISO 3166-1 alpha-3 (ANG: UNITA's Angola; FRN: Wallis and
# Futuna's France; KRJ: the Serbian Krajina, in Croatia; SRP: Republika Srpska, in Bosnia).
ISO_FIXES = {"TMP": "TLS", "ANG": "AGO", "FRN": "FRA", "KRJ": "HRV", "SRP": "BIH"}
# Agent codes that say nothing about the actor ("Friday" [~NON], "group" [~UNK]).
DROPPED_SECTORS = frozenset({"NON", "UNK"})
# Non-state CAMEO "country" codes kept as they are (PLOVER codes them so too), and ISO codes of
# territories with no country entry of their own (Puerto Rico).
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "PRI"})
# Sectors kept besides those the agent files use; anything else in the sector slot (a territory
# such as GBRVGB, a status such as UNR "unrecognised" or OCC "occupied", a district such as
# PSEGZA) is dropped: the actor is the country itself.
EXTRA_SECTORS = frozenset(
    {"ELI", "REB", "INS", "RAD", "UAF", "IMG", "SEP", "MOD", "DEV", "HRI", "SET", "NGO", "IGO"}
)
# Phrases that contain a country word but name a region.
REGION_PHRASES = tuple(
    f"{part} {what}"
    for part in ("latin", "south", "central", "north")
    for what in ("america", "american", "americans")
    if part != "south" or what != "africa"
)
# Single-word aliases too generic to name one group ("Tanzim" lists "organization").
GENERIC_WORDS = frozenset(
    {"organization", "organisation", "group", "front", "movement", "army", "party", "council", "union"}
)


def _country_words(compiled: list[list[Any]], countries_toml: Path) -> dict[str, str]:
    """Phrases naming one country -> ISO code: names, aliases and demonyms.

    From ``countries.toml``, and from the Phoenix country entries their name and the one-word
    phrases that start like it ("croatian", "croat" for Croatia); not their cities and regions
    ("nile" is no sign of Egypt in "West Nile Bank Front").
    """
    found: dict[str, set[str]] = {}
    for entry_id, name, kind, _roles, words, _source in compiled:
        if kind != "country":
            continue
        own = " ".join(norm_phrase(name))
        found.setdefault(own, set()).add(entry_id)
        for phrase in words:
            if " " not in phrase and len(phrase) >= 5 and phrase[:4] == own[:4]:
                found.setdefault(phrase, set()).add(entry_id)
    if countries_toml.is_file():
        for item in tomllib.loads(countries_toml.read_text(encoding="utf-8")).get("country", []):
            for phrase in [item["name"], *item.get("aliases", []), *item.get("demonyms", [])]:
                found.setdefault(" ".join(norm_phrase(phrase)), set()).add(item["code"])
    names = {phrase: next(iter(codes)) for phrase, codes in found.items() if len(codes) == 1}
    for region in REGION_PHRASES:
        names[region] = ""  # a longer match that names no country ("latin american")
    return names


def _named_country(words: list[str], names: dict[str, str], longest: int) -> str | None:
    """The one country the phrases name ("palestinian islamic jihad" -> PSE), or None."""
    codes: set[str] = set()
    for phrase in words:
        tokens = phrase.split(" ")
        i = 0
        while i < len(tokens):
            step = 1
            for n in range(min(longest, len(tokens) - i), 0, -1):
                code = names.get(" ".join(tokens[i : i + n]))
                if code is not None:
                    if code:
                        codes.add(code)
                    step = n
                    break
            i += step
    return next(iter(codes)) if len(codes) == 1 else None


def _fix_roles(
    entry: list[Any], isos: set[str], sectors: set[str], names: dict[str, str], longest: int
) -> None:
    """Recode an entry's roles to ISO countries and known sectors (see the module docstring)."""
    roles: list[list[Any]] = entry[3]
    sector_only = False
    for role in roles:
        country, sector = ISO_FIXES.get(role[0] or "", role[0]), role[1]
        if sector is not None and sector not in sectors:
            sector = None  # a territory, status or district code, not an agent
        if country in isos or country in NON_STATE or country is None:
            pass
        elif country in sectors:
            # "[MED]", "[ELI]", "[HINRAD]": a sector (or a religion) with no country.
            country, sector = None, sector or country
            sector_only = True
        else:
            # A region ("MEA", "SAS", "WEU") or "INT": the country the name gives, else none.
            country = _named_country(entry[4], names, longest)
        role[0], role[1] = country, sector
    if sector_only and entry[2] == "other":
        # Read as a place while "[ELI]" looked like a country: a person (dated roles) or a group.
        entry[2] = "person" if any(r[2] or r[3] for r in roles) else "organization"


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
                    r.country,
                    r.sector,
                    r.start.isoformat() if r.start else None,
                    r.end.isoformat() if r.end else None,
                    None,
                ]
                for r in entry.roles
            ]
            found = sorted({" ".join(w) for w, _stem in phrases})
            if kind != "country":
                found = [w for w in found if w not in GENERIC_WORDS] or found
            entries.append([entry_id, entry.name, kind, roles, found, Path(rel).name])
    agents: dict[str, list[Any]] = {}
    regular: dict[str, bool] = {}  # phrase -> takes a regular plural (PETRARCH braces say not)
    for rel in AGENT_FILES:
        for words, agent, _stem, plural in read_agent_phrases(eventdata / rel, full_codes=False):
            if agent.sector in DROPPED_SECTORS:
                continue
            phrase = " ".join(words)
            agents.setdefault(phrase, [phrase, agent.sector, agent.group])
            regular[phrase] = regular.get(phrase, False) or plural
    for phrase, row in agents.items():
        if not regular[phrase]:
            row.append(False)  # "police {}": no regular plural ("polices" is not police)
    sectors = {a[1] for a in agents.values()} | EXTRA_SECTORS
    names = _country_words(entries, ROOT / "src" / "communique" / "data" / "kb" / "countries.toml")
    longest = max(len(p.split(" ")) for p in names)
    for row in entries:
        if row[2] != "country":
            _fix_roles(row, countries, sectors, names, longest)
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

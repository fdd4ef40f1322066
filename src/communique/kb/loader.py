"""Loading the shipped knowledge base and user dictionaries."""

from __future__ import annotations

import gzip
import json
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import DictionaryError
from communique.kb.base import KnowledgeBase
from communique.kb.core import Agent, Alias
from communique.kb.userfile import read_user_file
from communique.settings import Settings

__all__ = ["COMPILED", "SHIPPED_FILES", "country_names", "load_kb", "read_compiled", "shipped_dir"]

COMPILED = "phoenix.json.gz"
# Hand-written files in the user format, loaded in this order over the compiled data.
SHIPPED_FILES = ("countries.toml", "igos.toml", "institutions.toml", "agents.toml", "people.toml")


def shipped_dir() -> Path:
    """Return the folder holding the shipped KB data."""
    return Path(str(resources.files("communique") / "data" / "kb"))


def load_kb(settings: Settings | None = None) -> KnowledgeBase:
    """Return the knowledge base the settings ask for.

    The shipped KB (Phoenix/PLOVER dictionaries compiled by ``tools/build_kb.py`` plus the
    hand-written files in ``data/kb/``) with ``settings.dictionaries`` loaded over it;
    with ``settings.replace_dictionaries`` only the user files. A user file is TOML
    (``.toml``), JSON lines (``.jsonl``/``.json``) or a PETRARCH dictionary (``.txt``:
    agents if the file name contains "agent", discards if "discard", else actors).

    The KB without user files is built once per process and shared: do not mutate it.

    Raises:
        DictionaryError: a file is missing or malformed.
    """
    settings = settings or Settings()
    if not settings.dictionaries:
        if settings.replace_dictionaries:
            return KnowledgeBase()
        return _shipped()
    kb = KnowledgeBase() if settings.replace_dictionaries else _build_shipped()
    for path in settings.dictionaries:
        _read_any(path, kb)
    return kb


def _read_any(path: str, kb: KnowledgeBase) -> None:
    p = Path(path)
    if p.suffix.lower() in (".toml", ".jsonl", ".json"):
        read_user_file(p, kb)
        return
    name = p.name.lower()
    if "agent" in name:
        kb.update(KnowledgeBase.from_petrarch(agents=[str(p)], full_codes=kb.full_codes))
    elif "discard" in name:
        kb.update(KnowledgeBase.from_petrarch(discards=[str(p)], full_codes=kb.full_codes))
    else:
        kb.update(KnowledgeBase.from_petrarch(actors=[str(p)], full_codes=kb.full_codes))


@lru_cache(maxsize=1)
def country_names() -> dict[str, frozenset[str]]:
    """Every name of every country of the shipped KB, by ISO code, as written (capitals kept).

    The canonical name of each country entry of the shipped KB (the compiled dictionaries'
    and the hand-written file's), with the hand-written file's aliases and demonyms
    ("Britain", "U.K.", "British"); capital cities are left out (they name governments, not
    countries). Built once per process over the shared shipped KB (about 0.4 s the first time
    when nothing else has loaded it); do not mutate the sets.

    >>> sorted(country_names()["GBR"])[:3]
    ['Britain', 'British', 'Briton']
    """
    names: dict[str, set[str]] = {}
    for code, name, _surname in _shipped().entries.names("country"):
        names.setdefault(code, set()).add(name)
    path = shipped_dir() / "countries.toml"
    try:
        records = tomllib.loads(path.read_text(encoding="utf-8")).get("country", [])
    except (OSError, ValueError):
        records = []
    for record in records:
        code = str(record.get("code", "")).upper()
        for key in ("name", "aliases", "demonyms"):
            value = record.get(key, [])
            names.setdefault(code, set()).update([value] if isinstance(value, str) else map(str, value))
    return {code: frozenset(found) for code, found in names.items() if code}


@lru_cache(maxsize=1)
def _shipped() -> KnowledgeBase:
    return _build_shipped()


def _build_shipped() -> KnowledgeBase:
    folder = shipped_dir()
    kb = KnowledgeBase(full_codes=False)
    compiled = folder / COMPILED
    if compiled.is_file():
        read_compiled(compiled, kb)
    for name in SHIPPED_FILES:
        path = folder / name
        if path.is_file():
            read_user_file(path, kb)
    return kb


def read_compiled(path: str | Path, kb: KnowledgeBase) -> None:
    """Load a compiled KB file (gzip JSON written by ``tools/build_kb.py``) into ``kb``.

    Raises:
        DictionaryError: the file is not a compiled KB.
    """
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data: dict[str, Any] = json.load(fh)
    except (OSError, ValueError) as exc:
        raise DictionaryError(f"not a compiled knowledge base: {exc}", source=str(path)) from exc
    if data.get("format") != "communique-kb/1":
        raise DictionaryError("unknown compiled KB format", source=str(path))
    kb._surnames = None
    rows: list[list[Any]] = data["entries"]
    for row in rows:
        kb.entries.add_raw(row)
    # Within the compiled dictionaries the first entry listing a phrase wins, as in PETRARCH.
    kb.actors.add_many(
        (tuple(phrase.split(" ")), alias) for row in rows for alias in (Alias(row[0]),) for phrase in row[4]
    )
    for row in data["agents"]:
        # [phrase, sector, group] and, for PETRARCH's braced agents ("POLICE {}"), False: no plural
        phrase, sector, group = row[:3]
        kb.agents.add(tuple(phrase.split(" ")), Agent(sector, group=group), plural=len(row) < 4 or row[3])
    for phrase, story in data["discards"]:
        kb.discards.add(tuple(phrase.split(" ")), story)
    kb.sources.append(str(path))

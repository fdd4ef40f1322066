"""The simple knowledge-base file format (TOML or JSON lines), shared by users and the shipped KB.

A TOML file holds any of three tables (a JSON-lines file holds one object per line,
with ``"type": "country" | "actor" | "agent"``)::

    [[country]]
    code = "PRK"                      # ISO 3166 alpha-3
    name = "North Korea"
    aliases = ["DPRK", "N. Korea"]
    demonyms = ["North Korean"]       # "North Korean" alone names the country
    capitals = ["Pyongyang"]          # a capital used as a metonym: the government
    short = ["the North"]             # only when the article also names the country,
    context = ["KOR"]                 # or one of these

    [[actor]]
    name = "Mike Pompeo"
    kind = "person"                   # person | organization | igo | group | country | other
    aliases = ["Michael Pompeo", "Pompeo"]
    surname = "Pompeo"                # used alone after the full name
    roles = [
      { country = "USA", sector = "LEG", title = "Representative", start = 2011-01-03, end = 2017-01-10 },
      { country = "USA", sector = "GOV", title = "Secretary of State", start = 2018-04-26, end = 2021-01-20 },
    ]

    [[agent]]
    phrases = ["special representative", "envoy"]
    sector = "GOV"
    group = false                     # true for collective nouns ("troops")

An actor may give ``country``/``sector``/``title`` directly instead of ``roles``. Dates are
TOML dates or ISO strings; ``start``/``end`` are inclusive and either may be left out.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, cast

from communique.errors import DictionaryError
from communique.kb.base import GROUP_NOUNS, KnowledgeBase
from communique.kb.core import Agent, Alias, Entry, EntryKind, MentionKind, Role, norm_phrase

__all__ = ["add_records", "read_user_file"]

_KINDS = {"person", "country", "organization", "group", "igo", "other"}
_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


def read_user_file(path: str | Path, kb: KnowledgeBase) -> None:
    """Add the records of a TOML or JSON-lines file to ``kb``.

    Raises:
        DictionaryError: the file is missing, unparsable, or a record is malformed.
    """
    p = Path(path)
    if not p.is_file():
        raise DictionaryError(f"dictionary file {str(p)!r} does not exist", source=str(p))
    text = p.read_text(encoding="utf-8")
    records: list[tuple[str, Mapping[str, Any]]] = []
    if p.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DictionaryError(f"not valid TOML: {exc}", source=str(p)) from exc
        for table in ("country", "actor", "agent"):
            for item in data.get(table, []):
                records.append((table, item))
    else:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DictionaryError(f"line {n} is not JSON: {exc}", source=str(p)) from exc
            if not isinstance(item, dict):
                raise DictionaryError(f"line {n} is not a JSON object", source=str(p))
            records.append((str(item.get("type", "actor")), item))
    add_records(records, kb, source=p.name)
    kb.sources.append(str(p))


def add_records(records: Iterable[tuple[str, Mapping[str, Any]]], kb: KnowledgeBase, *, source: str) -> None:
    """Add parsed records (``("country" | "actor" | "agent", fields)``) to ``kb``.

    Raises:
        DictionaryError: a record is malformed.
    """
    for table, item in records:
        try:
            if table == "country":
                _add_country(item, kb, source)
            elif table == "actor":
                _add_actor(item, kb, source)
            elif table == "agent":
                _add_agent(item, kb)
            else:
                raise DictionaryError(f"unknown record type {table!r}; use country, actor or agent")
        except (KeyError, TypeError, ValueError) as exc:
            raise DictionaryError(f"malformed {table} record {dict(item)!r}: {exc}", source=source) from exc


def _strings(item: Mapping[str, Any], key: str) -> list[str]:
    value = item.get(key, [])
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _code(value: Any) -> str | None:
    return str(value).upper() if value else None


def _add_country(item: Mapping[str, Any], kb: KnowledgeBase, source: str) -> None:
    code = str(item["code"]).upper()
    name = str(item["name"])
    entry = Entry(code, name, "country", (Role(code, None),), source=source)
    aliases: list[tuple[str, Alias, bool]] = [(name, Alias(code, "name"), False)]
    aliases += [(a, Alias(code, "name"), False) for a in _strings(item, "aliases")]
    demonyms = _strings(item, "demonyms")
    aliases += [(d, Alias(code, "demonym"), False) for d in demonyms]
    aliases += [(c, Alias(code, "metonym", sector="GOV"), False) for c in _strings(item, "capitals")]
    context = tuple(c.upper() for c in _strings(item, "context"))
    aliases += [
        (s, Alias(code, "name", needs_context=True, context=context), False) for s in _strings(item, "short")
    ]
    kb.add_entry(entry, aliases)
    if demonyms:
        kb.demonyms[code] = demonyms[0]


def _add_actor(item: Mapping[str, Any], kb: KnowledgeBase, source: str) -> None:
    name = str(item["name"])
    kind = str(item.get("kind", "person"))
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {sorted(_KINDS)}")
    roles: list[Role] = []
    for r in item.get("roles", []):
        roles.append(
            Role(
                _code(r.get("country")),
                _code(r.get("sector")),
                _date(r.get("start")),
                _date(r.get("end")),
                r.get("title"),
            )
        )
    if not roles or "country" in item or "sector" in item:
        roles.append(
            Role(_code(item.get("country")), _code(item.get("sector")), None, None, item.get("title"))
        )
    slug = "-".join(norm_phrase(name)).replace("'", "")
    entry_id = str(item.get("id") or f"{source.rsplit('.', 1)[0]}:{slug}")
    if kind == "person":
        roles += _older_roles(kb, name, entry_id, roles)
    surname = item.get("surname")
    entry = Entry(entry_id, name, cast(EntryKind, kind), tuple(roles), surname=surname, source=source)
    mention: MentionKind = "name"
    if kind in ("organization", "group") and roles[0].sector in _STATE_SECTORS and roles[0].country:
        mention = "institution"
    phrases = [name, *_strings(item, "aliases")]
    kb.add_entry(entry, [(p, Alias(entry_id, mention), False) for p in phrases])


def _older_roles(kb: KnowledgeBase, name: str, entry_id: str, roles: list[Role]) -> list[Role]:
    """Roles of an existing entry for the same person that the new roles do not cover.

    A hand-written entry for Vladimir Putin starting in 2012 keeps the compiled
    dictionaries' earlier dated roles, so a 2000 article still codes him.
    """
    found = kb.actors.exact.get(norm_phrase(name), [])
    old = next(
        (kb.entries[a.entry_id] for a in found if a.entry_id != entry_id and a.entry_id in kb.entries), None
    )
    if old is None or old.kind != "person":
        return []
    dated = [r for r in roles if r.dated]
    first = min((r.start for r in dated if r.start), default=None)
    kept: list[Role] = []
    for role in old.roles:
        if not role.dated:
            if not any(not r.dated for r in roles):
                kept.append(role)
        elif first is not None and role.end is not None and role.end < first:
            kept.append(role)
    return kept


def _add_agent(item: Mapping[str, Any], kb: KnowledgeBase) -> None:
    sector = str(item["sector"]).upper()
    phrases = _strings(item, "phrases") + _strings(item, "phrase")
    if not phrases:
        raise ValueError("an agent needs `phrases`")
    for phrase in phrases:
        words = norm_phrase(phrase)
        if not words:
            continue
        group = bool(
            item.get("group", words[-1] in GROUP_NOUNS or bool(re.search(r"(men|people)$", words[-1])))
        )
        kb.add_agent(phrase, Agent(sector, group=group))

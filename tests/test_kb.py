"""Tests for the knowledge base: PETRARCH readers, the user file format, dated roles, the shipped KB."""

from __future__ import annotations

import doctest
import json
import time
from datetime import date
from pathlib import Path

import pytest

import communique.kb.core
import communique.kb.loader
import communique.kb.petrarch
from communique.errors import DictionaryError
from communique.kb import KnowledgeBase, country_names, load_kb
from communique.kb.core import norm_phrase
from communique.kb.petrarch import parse_code, parse_date
from communique.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
UPETR = SHARED / "eventdata" / "universalpetrarch"
needs_shared = pytest.mark.skipif(not UPETR.is_dir(), reason="../shared test data not present")


def test_doctests() -> None:
    for module in (communique.kb.core, communique.kb.loader, communique.kb.petrarch):
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__


def test_petrarch_dates_and_codes() -> None:
    assert parse_date("19950601") == date(1995, 6, 1)
    assert parse_date("950601") == date(1995, 6, 1)
    assert parse_date("130119") == date(2013, 1, 19)
    assert parse_date("20131301") is None  # month 13
    before = parse_code("HOB < 950601")
    assert before is not None and before.end == date(1995, 5, 31) and before.start is None
    window = parse_code("HOBGOV 19950601 - 19990815")
    assert window is not None and (window.country, window.sector) == ("HOB", "GOV")
    assert parse_code("---") == parse_code("+++")


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_from_petrarch_small_files(tmp_path: Path) -> None:
    actors = _write(
        tmp_path,
        "test.actors.txt",
        "ARGENTIN  [ARG]\nGONDOR [GON]\n+MINAS_TIRITH\n\nGOLLUM  # a comment\n+SMEAGOL\n"
        "\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n",
    )
    agents = _write(
        tmp_path,
        "test.agents.txt",
        "!MINST! = MINISTER, MINISTRY\nFOREIGN_!MINST! [~GOVFRM]\nTROOPS {} [~MIL]\n",
    )
    discards = _write(tmp_path, "test.discards.txt", "+BASEBALL\nMONTHS LATER\n")
    kb = KnowledgeBase.from_petrarch(actors=[actors], agents=[agents], discards=[discards])
    # A phrase without a trailing underscore is a stem: ARGENTIN matches Argentina and Argentine.
    for word in ("argentina", "argentine"):
        n, found = kb.actors.longest([word], 0)
        assert n == 1 and found[0].entry_id == "argentin"
    n, found = kb.actors.longest(["minas", "tirith", "said"], 0)
    assert n == 2 and kb.entries[found[0].entry_id].roles[0].country == "GON"
    gollum = kb.entries["gollum"]
    assert gollum.role_at(date(1994, 1, 1)).sector is None  # type: ignore[union-attr]
    assert gollum.role_at(date(1997, 1, 1)).sector == "GOV"  # type: ignore[union-attr]
    assert gollum.role_at(date(2001, 1, 1)).sector == "REB"  # type: ignore[union-attr]
    n, agent_found = kb.agents.longest(["foreign", "ministry"], 0)
    assert n == 2 and agent_found[0].sector == "GOVFRM"
    assert kb.agents.longest(["troops"], 0)[1][0].group
    assert kb.discards.longest(["baseball"], 0)[1] == [True]
    assert kb.discards.longest(["months", "later"], 0)[1] == [False]


def test_petrarch_agent_braces_control_plurals(tmp_path: Path) -> None:
    agents = _write(
        tmp_path,
        "plural.agents.txt",
        "WARDEN {} [~COP]\nHARBOUR_GUARD_ {} [~MIL]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n"
        "FERRYMAN [~BUS]\nSHEPHERD [~AGR]\n",
    )
    kb = KnowledgeBase.from_petrarch(agents=[agents])
    # "{}": no regular plural, whether the phrase is a stem or a whole word.
    assert kb.agents.longest(["wardens"], 0) == (0, [])
    assert kb.agents.longest(["harbour", "guards"], 0) == (0, [])
    assert kb.agents.longest(["warden"], 0)[1][0].sector == "COP"
    assert kb.agents.longest(["wardenship"], 0)[1][0].sector == "COP"  # the stem still applies
    assert kb.agents.longest(["harbour", "guard"], 0)[0] == 2
    # "{PLURAL}": the listed irregular plural replaces the regular one.
    assert kb.agents.longest(["golden", "geese"], 0)[1][0].sector == "GGS"
    assert kb.agents.longest(["golden", "gooses"], 0) == (0, [])
    # No braces: the regular plural is still accepted.
    assert kb.agents.longest(["shepherds"], 0)[1][0].sector == "AGR"
    # A later definition without braces gives the phrase its plural back, also through update().
    other = KnowledgeBase.from_petrarch(agents=[_write(tmp_path, "more.agents.txt", "WARDEN_ [~GOV]\n")])
    kb.update(other)
    assert kb.agents.longest(["wardens"], 0)[0] == 1


def test_from_petrarch_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError):
        KnowledgeBase.from_petrarch(actors=[str(tmp_path / "nope.txt")])


@needs_shared
@pytest.mark.shared
def test_from_petrarch_validation_dictionaries() -> None:
    kb = KnowledgeBase.from_petrarch(
        actors=[str(UPETR / "PETR_Validate_actors_2_02.txt")],
        agents=[str(UPETR / "PETR_Validate_agents_2_02.txt")],
        discards=[str(UPETR / "PETR_Validate_discards_2_02.txt")],
    )
    stats = kb.stats()
    assert stats["entries"] > 100 and stats["agent_phrases"] > 80
    sam = kb.entries["sam-gamgee"]
    # The short ORCHOB window overrides the longer HOBMIL one it falls inside.
    role = sam.role_at(date(2010, 1, 10))
    assert role is not None and (role.country, role.sector) == ("ORC", "HOB")
    role = sam.role_at(date(2009, 1, 1))
    assert role is not None and role.sector == "MIL"
    n, found = kb.actors.longest(norm_phrase("the Hermit Kingdom"), 0)
    assert n == 3 and kb.entries[found[0].entry_id].roles[0].country == "PRK"


def test_shipped_kb_content_and_dated_roles() -> None:
    kb = load_kb()
    stats = kb.stats()
    assert stats["entries"] > 20_000 and stats["people_with_dated_roles"] > 10_000
    assert kb.country_name("PRK") == "North Korea"
    pompeo = kb.entries["people:mike-pompeo"]
    in_2019 = pompeo.role_at(date(2019, 9, 9))
    in_2015 = pompeo.role_at(date(2015, 5, 1))
    assert in_2019 is not None and (in_2019.country, in_2019.sector, in_2019.title) == (
        "USA",
        "GOV",
        "Secretary of State",
    )
    assert in_2015 is not None and in_2015.sector == "LEG"
    trump = kb.entries["people:donald-trump"]
    assert trump.role_at(date(2015, 6, 1)).sector == "BUS"  # type: ignore[union-attr]
    assert trump.role_at(date(2019, 1, 1)).sector == "GOV"  # type: ignore[union-attr]
    assert trump.role_at(date(2023, 1, 1)).sector == "ELI"  # type: ignore[union-attr]
    assert trump.role_at(date(2025, 3, 1)).sector == "GOV"  # type: ignore[union-attr]
    choe = kb.entries["people:choe-son-hui"]
    assert choe.role_at(date(2019, 9, 9)).title == "First Vice Foreign Minister"  # type: ignore[union-attr]
    assert choe.role_at(date(2023, 1, 1)).title == "Foreign Minister"  # type: ignore[union-attr]
    # Capitals are metonyms for the government; demonyms name the country.
    _, found = kb.actors.longest(["pyongyang"], 0)
    assert (found[0].entry_id, found[0].kind, found[0].sector) == ("PRK", "metonym", "GOV")
    _, found = kb.actors.longest(["north", "korean"], 0)
    assert (found[0].entry_id, found[0].kind) == ("PRK", "demonym")
    _, found = kb.actors.longest(["iaea"], 0)
    iaea = kb.entries[found[0].entry_id]
    assert iaea.kind == "igo" and iaea.roles[0].country == "IGO" and iaea.roles[0].sector is None
    # Phoenix data keeps its dates: Obama's roles are dated.
    assert any(r.dated for r in kb.entries["phoenix:barack-obama"].roles)


def test_shipped_kb_loads_quickly() -> None:
    load_kb()  # warm
    started = time.perf_counter()
    kb = load_kb()
    assert time.perf_counter() - started < 0.1 and kb is load_kb()


def test_user_toml_file_over_shipped(tmp_path: Path) -> None:
    user = _write(
        tmp_path,
        "mine.toml",
        """
[[actor]]
name = "Ada Quill"
aliases = ["Minister Quill"]
surname = "Quill"
roles = [
  { country = "NOR", sector = "GOV", title = "Fisheries Minister", start = 2020-01-01, end = 2022-12-31 },
  { country = "NOR", sector = "OPP", start = 2023-01-01 },
]

[[agent]]
phrases = ["harbour master"]
sector = "GOV"
""",
    )
    kb = load_kb(Settings(dictionaries=(user,)))
    assert "PRK" in kb.entries  # shipped entries kept
    entry = kb.entries["mine:ada-quill"]
    assert entry.role_at(date(2021, 6, 1)).title == "Fisheries Minister"  # type: ignore[union-attr]
    assert entry.role_at(date(2024, 6, 1)).sector == "OPP"  # type: ignore[union-attr]
    assert kb.agents.longest(["harbour", "master"], 0)[0] == 2
    only = load_kb(Settings(dictionaries=(user,), replace_dictionaries=True))
    assert set(only.entries) == {"mine:ada-quill"}


def test_user_jsonl_and_petrarch_files(tmp_path: Path) -> None:
    lines = [
        {
            "type": "country",
            "code": "RUR",
            "name": "Ruritania",
            "demonyms": ["Ruritanian"],
            "capitals": ["Strelsau"],
        },
        {"type": "actor", "name": "Rudolf Rassendyll", "country": "RUR", "sector": "GOV", "title": "King"},
    ]
    jsonl = _write(tmp_path, "mine.jsonl", "\n".join(json.dumps(line) for line in lines))
    petr = _write(tmp_path, "extra.actors.txt", "ZENDA_CASTLE_ [RURMIL]\n")
    kb = load_kb(Settings(dictionaries=(jsonl, petr), replace_dictionaries=True))
    _, found = kb.actors.longest(["strelsau"], 0)
    assert found[0].entry_id == "RUR" and found[0].sector == "GOV"
    assert kb.entries["mine:rudolf-rassendyll"].roles[0].title == "King"
    _, found = kb.actors.longest(["zenda", "castle"], 0)
    assert kb.entries[found[0].entry_id].roles[0].sector == "MIL"


def test_malformed_user_files(tmp_path: Path) -> None:
    bad_toml = _write(tmp_path, "bad.toml", "[[actor]\nname=")
    with pytest.raises(DictionaryError):
        load_kb(Settings(dictionaries=(bad_toml,), replace_dictionaries=True))
    no_name = _write(tmp_path, "noname.toml", '[[actor]]\ncountry = "USA"\n')
    with pytest.raises(DictionaryError):
        load_kb(Settings(dictionaries=(no_name,), replace_dictionaries=True))
    bad_kind = _write(tmp_path, "kind.jsonl", '{"name": "X", "kind": "planet"}\n')
    with pytest.raises(DictionaryError):
        load_kb(Settings(dictionaries=(bad_kind,), replace_dictionaries=True))
    with pytest.raises(DictionaryError):
        load_kb(Settings(dictionaries=(str(tmp_path / "missing.toml"),), replace_dictionaries=True))


@needs_shared
@pytest.mark.shared
def test_build_kb_matches_shipped_file() -> None:
    import gzip
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_kb", Path(__file__).resolve().parents[1] / "tools" / "build_kb.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(SHARED / "eventdata")
    shipped_path = (
        Path(__file__).resolve().parents[1] / "src" / "communique" / "data" / "kb" / "phoenix.json.gz"
    )
    with gzip.open(shipped_path, "rt", encoding="utf-8") as fh:
        shipped = json.load(fh)
    assert built == shipped, "run `python tools/build_kb.py` to refresh the shipped KB"


def test_country_names_every_form_as_written() -> None:
    names = country_names()
    assert names is country_names()  # built once per process
    # the hand-written file's name, aliases and demonyms, capitals kept
    assert {"United Kingdom", "Britain", "U.K.", "British"} <= names["GBR"]
    assert {"North Korea", "DPRK", "North Korean"} <= names["PRK"]
    # capital cities name governments, not countries
    assert "London" not in names["GBR"] and "Pyongyang" not in names["PRK"]
    # every country entry of the shipped KB is there with its canonical name
    kb = load_kb()
    for code, name, _surname in kb.entries.names("country"):
        assert name in names[code]
    assert all(code.isupper() and found for code, found in names.items())

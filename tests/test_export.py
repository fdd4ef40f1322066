"""Exports: Parquet and CSV with GDELT-like columns, filters, the CLI command."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from tests.server_fixtures import build_db

from communique.cli import cli
from communique.errors import InputError
from communique.export import COLUMNS, export_events, parse_pair
from communique.store import EventFilter


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.db"
    build_db(path).close()
    return path


def test_parquet_has_gdelt_columns_and_every_event(db: Path, tmp_path: Path) -> None:
    from communique.store import open_store

    with open_store(db) as store:
        n = export_events(store, tmp_path / "all.parquet", batch=4)  # several row groups
    table = pq.read_table(tmp_path / "all.parquet")
    assert n == table.num_rows == 9
    assert table.column_names == [c.name for c in COLUMNS]
    rows = {r["PloverType"] + r["EventDate"]: r for r in table.to_pylist()}
    request = rows["REQUEST2019-09-06"]
    assert request["SQLDATE"] == 20190906 and request["MonthYear"] == 201909 and request["Year"] == 2019
    assert request["Actor1Code"] == "USAGOV" and request["Actor1CountryCode"] == "USA"
    assert request["Actor2Name"] == "North Korea" and request["Actor2Type1Code"] == "GOV"
    assert request["EventCode"] == "020" and request["EventRootCode"] == "02" and request["QuadClass"] == 3
    assert request["SOURCEURL"] == "https://news.example.org/story-0"
    assert request["Evidence"] == "United States asked North Korea on 2019-09-06."
    assert request["Trigger"] == "asked" and request["Negated"] is False
    assert str(request["DATEADDED"]).startswith("20")
    # a month-precision date has no SQLDATE, but a month and a year
    aid = rows["AID2019-11"]
    assert aid["SQLDATE"] is None and aid["MonthYear"] == 201911 and aid["DateGranularity"] == "month"


def test_csv_with_filters(db: Path, tmp_path: Path) -> None:
    from communique.store import open_store

    with open_store(db) as store:
        n = export_events(store, tmp_path / "pair.csv", fmt="csv", f=EventFilter(countries=("PRK", "USA")))
    with (tmp_path / "pair.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert n == len(rows) == 4
    assert {(r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in rows} == {
        ("USA", "PRK"),
        ("PRK", "USA"),
    }


def test_bad_export_requests(db: Path, tmp_path: Path) -> None:
    from communique.store import open_store

    with open_store(db) as store, pytest.raises(InputError, match="does not exist"):
        export_events(store, tmp_path / "missing" / "x.parquet")
    with pytest.raises(InputError):
        parse_pair("USA")
    assert parse_pair("usa, prk") == ("USA", "PRK")


def test_export_command(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "req.parquet"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(db), "--out", str(out), "--type", "REQUEST", "--since", "2019-09"]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 1 events" in result.output
    assert pq.read_table(out).column("PloverType").to_pylist() == ["REQUEST"]
    bad = CliRunner().invoke(cli, ["export", "--db", str(db), "--out", str(out), "--countries", "US"])
    assert bad.exit_code == 1 and "country pair" in bad.output
    assert "Example:" in CliRunner().invoke(cli, ["export", "--help"]).output
    assert "Example:" in CliRunner().invoke(cli, ["serve", "--help"]).output


def test_every_column_is_documented() -> None:
    from tests.conftest import REPO

    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    section = text[text.index("## Export columns") :]
    for column in COLUMNS:
        assert f"| `{column.name}` |" in section, column.name

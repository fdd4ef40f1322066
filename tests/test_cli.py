"""The CLI, run as a subprocess the way a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES

from communique.cli import cli

CLI = [sys.executable, "-m", "communique.cli"]


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, cwd=cwd, input=stdin, env=env, timeout=300
    )


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "Example:" in result.stdout


def test_bad_usage_exits_2() -> None:
    result = run("events", "--format", "yaml")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr


def test_errors_exit_1_and_name_the_input(tmp_path: Path) -> None:
    result = run("code", str(tmp_path / "nope.html"))
    assert result.returncode == 1
    assert "nope.html" in result.stderr and "no such file" in result.stderr
    result = run("events", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1
    assert "none.db" in result.stderr and "communique ingest" in result.stderr


def test_code_seed_json(seed_path: Path) -> None:
    result = run("code", str(seed_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    coded = json.loads(result.stdout)
    article = coded["article"]
    assert article["published"] == "2019-09-09T17:32:00+09:00"
    assert article["modified"] == "2019-09-09T17:35:00+09:00"
    assert [c["credit"] for c in article["captions"]] == ["Blue House photo pool"]
    # The page has four body paragraphs (the caption and the contact line are kept apart).
    assert len(article["paragraphs"]) == 4
    assert article["paragraphs"][0]["text"].startswith("The US has made a series of appeals")
    assert "english@hani.co.kr" in article["contact"]
    for furniture in ("related stories", "오피니언", "most viewed articles", "hot issue", "multimedia"):
        assert furniture not in article["text"]
    names = {a["name"] for a in coded["actors"]}
    assert {"Stephen Biegun", "Mike Pompeo", "Choe Son-hui"} <= names


def test_code_text_view_from_stdin() -> None:
    page = (EXAMPLES / "scraped-2018-04-27-panmunjom-summit.txt").read_text()
    result = run("code", "-", stdin=page)
    assert result.returncode == 0, result.stderr
    assert "## Events" in result.stdout and "Moon Jae-in" in result.stdout


def test_code_jsonl_batch_keeps_ids_and_goes_past_bad_lines(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    lines = [
        {"id": "a-1", "text": (EXAMPLES / "scraped-2022-03-02-un-general-assembly-vote.txt").read_text()},
        {"id": "a-2", "html": (EXAMPLES / "wire-2018-06-12-singapore-summit.html").read_text(),
         "url": "https://example.org/summit"},
        {"id": "a-3"},
    ]  # fmt: skip
    docs.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n")
    result = run("code", str(docs), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out[:3]] == ["a-1", "a-2", None]
    assert out[1]["article"]["url"] == "https://example.org/summit"
    assert "error" in out[2] and "no 'text' or 'html'" in out[2]["error"]["reason"]
    assert "not valid JSON" in out[3]["error"]["reason"]


def test_ingest_events_show(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    result = run("ingest", str(EXAMPLES), "--db", db, "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Stored 4 article(s)" in result.stdout
    again = run("ingest", str(EXAMPLES), "--db", db, "--quiet")
    assert "Stored 0 article(s)" in again.stdout and "4 duplicate(s)" in again.stdout
    csv_out = run("events", "--db", db, "--format", "csv", "--limit", "500")
    assert csv_out.returncode == 0
    header, *rows = csv_out.stdout.splitlines()
    assert header.startswith("article_id,id,date")
    assert rows
    jsonl = run("events", "--db", db, "--format", "jsonl", "--actor", "PRK")
    events = [json.loads(x) for x in jsonl.stdout.splitlines()]
    assert events and all("PRK" in e["source_codes"] + e["target_codes"] for e in events)
    table = run("events", "--db", db)
    assert table.returncode == 0 and "event(s)" in table.stdout
    shown = run("show", events[0]["article_id"][:8], "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "## Actors" in shown.stdout and events[0]["evidence"][:30] in shown.stdout

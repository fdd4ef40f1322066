"""Docs that cannot drift: settings, commands, doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest
from tests.conftest import REPO

from communique.cli import cli
from communique.settings import Settings


@pytest.mark.parametrize("name", sorted(Settings.documented()))
def test_settings_are_documented(name: str) -> None:
    assert f"`{name}`" in (REPO / "docs" / "settings.md").read_text()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_commands_are_in_the_readme(command: str) -> None:
    assert f"communique {command}" in (REPO / "README.md").read_text()


@pytest.mark.parametrize("module", ["communique.models", "communique.settings", "communique.sources",
                                    "communique.store"])  # fmt: skip
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0

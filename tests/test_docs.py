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


DOCTESTED = (
    "communique",
    "communique.api",
    "communique.models",
    "communique.pipeline",
    "communique.settings",
    "communique.sources",
    "communique.store",
)


@pytest.mark.parametrize("module", DOCTESTED)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0


def test_public_api_is_sorted_and_complete() -> None:
    import communique

    assert communique.__all__ == sorted(communique.__all__)
    for name in communique.__all__:
        assert hasattr(communique, name), name

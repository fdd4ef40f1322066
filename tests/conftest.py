"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "hankyoreh-2019-09-09-editorial.txt"
EXAMPLES = REPO / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared test data not found: {path}")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return shared_path("seed", "hankyoreh-2019-09-09-editorial.txt")


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """One real pipeline (spaCy model, KB, lexicon) for the whole session."""
    from communique.pipeline import Pipeline

    return Pipeline()

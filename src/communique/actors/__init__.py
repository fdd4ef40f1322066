"""The actors stage: who an article talks about, resolved against the knowledge base.

>>> from communique.actors import code_actors  # code_actors(doc, article, kb) -> tuple[Actor, ...]

DOCS: docs/kb.md
"""

from communique.actors.coder import code_actors, discards, published_date

__all__ = ["code_actors", "discards", "published_date"]

"""The actor knowledge base: countries, people with dated roles, organisations, agent nouns.

>>> from communique.kb import KnowledgeBase, load_kb
>>> kb = load_kb()
>>> kb.entry("PRK").name
'North Korea'

DOCS: docs/kb.md
"""

from communique.kb.base import KnowledgeBase
from communique.kb.core import Agent, Alias, Entry, PhraseIndex, Role, norm_phrase, norm_word
from communique.kb.loader import country_names, load_kb

__all__ = [
    "Agent",
    "Alias",
    "Entry",
    "KnowledgeBase",
    "PhraseIndex",
    "Role",
    "country_names",
    "load_kb",
    "norm_phrase",
    "norm_word",
]

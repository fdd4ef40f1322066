"""communique: news pages in, checkable event data out.

>>> import communique
>>> coded = communique.code_text("Japan and China agreed on Monday to resume talks.", published="2024-05-06")
>>> coded.article.published
'2024-05-06'
"""

from __future__ import annotations

from communique.api import code_document, code_text, ingest
from communique.errors import CommuniqueError
from communique.models import (
    Actor,
    Article,
    Caption,
    CodedArticle,
    Document,
    Event,
    Mention,
    Quote,
    Reject,
    Span,
    Timex,
)
from communique.pipeline import Pipeline
from communique.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Caption",
    "CodedArticle",
    "CommuniqueError",
    "Document",
    "Event",
    "Mention",
    "Pipeline",
    "Quote",
    "Reject",
    "Settings",
    "Span",
    "Timex",
    "code_document",
    "code_text",
    "ingest",
    "load_settings",
]

"""The extract stage: a :class:`~communique.models.Document` in, an :class:`~communique.models.Article` out.

HTML goes through trafilatura for the body, with our own clean-up and metadata around it
(:mod:`communique.extract.html`); already-scraped text goes through a line classifier
(:mod:`communique.extract.scraped`). Both keep captions, datelines, bylines and contact lines
out of the body and in their own fields.

>>> from communique.models import Document
>>> doc = Document.from_text(
...     "Published: 9 September 2019\\n\\n"
...     "The ministers met in Geneva on Monday and agreed to resume the talks next month.\\n\\n"
...     "related stories\\n",
...     content_type="text",
... )
>>> art = extract(doc)
>>> art.published, art.text[:13], art.extractor
('2019-09-09', 'The ministers', 'extract.scraped.v1')
"""

from __future__ import annotations

import re

from communique.errors import EmptyInput, ExtractionError
from communique.models import Article, Document
from communique.settings import Settings

__all__ = ["extract"]

_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")


def extract(document: Document, *, settings: Settings | None = None) -> Article:
    """Extract the article from a document.

    Args:
        document: the page, HTML or already-scraped text.
        settings: run settings (``max_bytes`` bounds the content looked at).

    Returns:
        The article: body paragraphs with offsets, and the page's title, dates, byline,
        captions, contact line and language.

    Raises:
        EmptyInput: the document has no content, or only whitespace.
        ExtractionError: the page has no article body.
    """
    settings = settings or Settings()
    content = document.content or ""
    if not content.strip():
        raise EmptyInput("nothing to extract: the document is empty", source=document.source)
    if len(content) > settings.max_bytes:
        content = content[: settings.max_bytes]
    sample = content[:20_000]
    if len(_BINARY.findall(sample)) > 0.05 * len(sample):
        raise ExtractionError(
            "no article body: the content is binary or mis-decoded (control characters and U+FFFD)",
            source=document.source,
        )
    if document.content_type == "html":
        from communique.extract.htmlpage import extract_html

        return extract_html(
            content,
            source=document.source,
            url=document.url,
            title_hint=document.title_hint,
            published_hint=document.published_hint,
        )
    if document.content_type == "text":
        from communique.extract.scraped import extract_scraped

        return extract_scraped(
            content,
            source=document.source,
            url=document.url,
            title_hint=document.title_hint,
            published_hint=document.published_hint,
        )
    raise ExtractionError(f"unknown content type {document.content_type!r}", source=document.source)

"""Already-scraped page text (``content_type == "text"``): find the body among the page furniture.

A scraped page is a column of lines: navigation, a headline, a dateline, captions with their
credits, the body, a contact line, then more navigation. Each line is classified by its form
(:mod:`communique.extract.lines`), and the body is the stretch of lines with the most running text
net of furniture (a maximum-sum run over line scores, linear time). Datelines, captions, bylines
and contact lines found around it become fields of the :class:`~communique.models.Article`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.errors import ExtractionError
from communique.extract.common import MetaFields, assemble, dates_from_lines
from communique.extract.dates import find_dates
from communique.extract.language import detect_language
from communique.extract.lines import (
    byline_names,
    credit_only,
    dominant_script,
    is_barrier,
    is_comments_header,
    is_contact,
    is_copyright,
    is_furniture,
    is_prose,
    script_of,
    split_caption,
    word_count,
)
from communique.models import Article, Caption

__all__ = ["EXTRACTOR", "Unit", "extract_scraped", "split_units"]

EXTRACTOR = "extract.scraped.v1"

_BLANKS = re.compile(r"\n[ \t\u00a0\u3000]*\n")
_BULLET = re.compile(r"^[\s•·▪●◦‣∙*>|»–-]+")
_CAPTION_PREFIX = re.compile(r"^(?:image|photo|picture|video)\s+caption\s*[:]?\s*(?P<text>.+)$", re.I)
_CREDIT_PREFIX = re.compile(
    r"^(?:image|photo|picture)\s+(?:copyright|source|credit)\s*[:]?\s*(?P<credit>.+)$", re.I
)
# Breadcrumb trails ("Home > World > Asia"): a few short items joined by arrow-like separators.
_CRUMB_ARROW = re.compile(r"\s*[>›→»]\s*")
_CRUMB_SLASH = re.compile(r"\s+/\s+")
# Fields of a dateline: "World News | March 2, 2022 | 5:48 PM EST", "By X • 3 hours ago".
_FIELD_SEP = re.compile(r"\s+[|•·]\s+")
_RELATIVE_TIME = re.compile(
    r"^(?:(?:updated|published|posted|modified)\s*:?\s*)?(?:\d{1,3}|an?|one)\s"
    r"(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?)\sago$|^(?:updated|published|posted)\b.{0,40}$",
    re.I,
)
# A credit in brackets closing a caption line: a few capitalised words, no sentence inside.
_TRAIL_CREDIT = re.compile(r"(?<=[.!?”\"’])\s*\((?P<credit>[A-Z][^()\n.!?]{1,60})\)\s*$")
_TIME_FIELD = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?", re.I)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}")
# A short paragraph that is one whole sentence ("No one was hurt.", a quotation standing alone):
# a capital or an opening quotation mark, two or more words, a full stop, question or exclamation
# mark at the end (a closing mark may follow), and nothing of a link or a menu in it.
_SHORT_SENTENCE = re.compile(r"^[\"'“‘«„]?[^\W\d_a-z][^|/@#<>\n]*\s\S[^|/@#<>\n]*[.!?…][\"'”’»)]{0,2}$")
_OPENING_QUOTE = re.compile(r"^[\"“‘«„']")
_TEXT_KINDS = frozenset({"prose", "short", "sentence"})  # lines of text, not furniture or metadata

# How much a line of each kind counts towards being the body (per character for prose). Calibrated on
# scrapinghub-aeb pages rendered to text (bench/extraction.py): short-line costs 15-110 and furniture
# costs 60-200 were swept; 60/120 gave the best F1 (0.908), and the curve is flat from 40 to 80.
_FURNITURE_COST = 120.0
_SHORT_COST = 60.0
_BARRIER_COST = 150.0


@dataclass
class Unit:
    """One line or paragraph of scraped text and what it was taken for."""

    text: str
    kind: str = "short"
    credit: str | None = None


def _wrapped(lines: list[str]) -> bool:
    """Return True when a block's lines are one paragraph hard-wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    heads = lines[:-1]
    lengths = [len(line) for line in heads]
    if min(lengths) < 40 or max(lengths) > 110 or max(lengths) - min(lengths) > 35:
        return False
    open_ends = sum(1 for line in heads if not re.search(r"[.!?:]['\"”’)]?$", line))
    return open_ends * 2 >= len(heads)


def split_units(text: str) -> list[str]:
    """Split scraped text into lines or paragraphs, re-joining hard-wrapped paragraphs.

    >>> split_units("Title\\n\\nA line that was wrapped at a fixed width by the tool\\nthat scraped it.\\n")
    ['Title', 'A line that was wrapped at a fixed width by the tool that scraped it.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    units: list[str] = []
    for block in _BLANKS.split(text):
        lines = [line.strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _wrapped(lines) and not any(_is_dateline(line) or _is_breadcrumb(line) for line in lines):
            units.append(" ".join(lines))
        else:
            units.extend(lines)
    return units


def _classify(units: list[str], script: str | None) -> list[Unit]:
    out = [Unit(text) for text in units]
    for i, unit in enumerate(out):
        text = _BULLET.sub("", unit.text).strip() or unit.text
        unit.text = text
        letters = [c for c in text[:200] if c.isalpha()]
        foreign = (
            bool(letters)
            and script is not None
            and (sum(1 for c in letters if script_of(c) == script) * 2 < len(letters))
        )
        prefixed_caption = _CAPTION_PREFIX.match(text)
        prefixed_credit = _CREDIT_PREFIX.match(text)
        only_credit = credit_only(text)
        if prefixed_credit:
            unit.kind, unit.credit = "credit", prefixed_credit.group("credit")
        elif prefixed_caption:
            unit.kind, unit.text = "caption", prefixed_caption.group("text")
            if i and out[i - 1].kind == "credit":
                unit.credit = out[i - 1].credit
        elif only_credit:
            unit.kind, unit.credit = "credit", only_credit
            prev = out[i - 1] if i else None
            if prev and prev.kind in _TEXT_KINDS and word_count(prev.text) <= 80:
                prev.kind, prev.credit = "caption", only_credit
        elif (split := split_caption(text)) is not None and split[0]:
            unit.kind, unit.text, unit.credit = "caption", split[0], split[1]
        elif is_barrier(text):
            unit.kind = "barrier"
        elif byline_names(text):
            unit.kind = "byline"
        elif is_contact(text):
            unit.kind = "contact"
        elif is_copyright(text) and not is_prose(text):
            unit.kind = "copyright"
        elif _is_dateline(text):
            unit.kind = "dateline"
        elif (foreign and not is_prose(text)) or is_furniture(text) or _is_breadcrumb(text):
            unit.kind = "furniture"
        elif is_prose(text) and not foreign:
            unit.kind = "prose"
        elif not foreign and _SHORT_SENTENCE.match(text):
            unit.kind = "sentence"
    _mark_lead_captions(out)
    return out


def _is_breadcrumb(text: str) -> bool:
    """Return True for a breadcrumb trail: navigation, never a headline.

    >>> _is_breadcrumb("Home > Politics > North Korea"), _is_breadcrumb("News / World / Asia")
    (True, True)
    >>> _is_breadcrumb("Seoul says 3 > 2 in new poll of voters")
    False
    """
    if len(text) > 120 or _SENTENCE_END_CHAR.search(text):
        return False
    for pattern, least in ((_CRUMB_ARROW, 2), (_CRUMB_SLASH, 3)):
        items = [item for item in pattern.split(text) if item]
        if len(items) >= least and all(1 <= word_count(item) <= 4 and item[:1].isupper() for item in items):
            return True
    return False


_SENTENCE_END_CHAR = re.compile(r"[.!?]\s*$")


def _dateline_fields(text: str) -> tuple[bool, str | None]:
    """Read a dateline made of separated fields; return (is a dateline, leading section name).

    Every field must be a date, a time, a short label or a relative time ("3 hours ago").

    >>> _dateline_fields("International Politics | March 2, 2022 | 5:48 PM EST")
    (True, 'International Politics')
    >>> _dateline_fields("Oil prices rise | Markets brace for a long winter")
    (False, None)
    """
    fields = _FIELD_SEP.split(text.strip())
    if len(fields) < 2 or len(text) > 200:
        return False, None
    dated = [bool(find_dates(field, limit=2)) for field in fields]
    if not any(dated) and not find_dates(text, limit=2):
        return False, None
    section: str | None = None
    for i, (field, has_date) in enumerate(zip(fields, dated, strict=True)):
        if has_date or _RELATIVE_TIME.match(field) or byline_names(field):
            continue
        if _TIME_FIELD.fullmatch(field):
            continue  # the time of day as its own field ("5:48 PM EST")
        if word_count(field) > 5 or _SENTENCE_END_CHAR.search(field) or not field[:1].isupper():
            return False, None
        if i == 0:
            section = field
    return True, section


def _is_dateline(text: str) -> bool:
    if len(text) > 200:
        return False
    if _FIELD_SEP.search(text) and _dateline_fields(text)[0]:
        return True
    found = find_dates(text, limit=4)
    if not found:
        return False
    covered = sum(f.end - f.start for f in found)
    labelled = any(f.role for f in found)
    return len(text) - covered <= (60 if labelled else 25)


def _mark_lead_captions(units: list[Unit]) -> None:
    """Take sentence lines ending in a bracketed credit, between the dateline and the body, as captions.

    A picture sits between the head of the page (headline, dateline, byline) and the first paragraph;
    its caption is a sentence followed by a credit such as "(Joint Press Corps)".
    """
    head_seen = False
    for i, unit in enumerate(units):
        if unit.kind in {"dateline", "byline"}:
            head_seen = True
            continue
        if unit.kind not in _TEXT_KINDS:
            continue
        m = _TRAIL_CREDIT.search(unit.text)
        sentence = unit.text[: m.start()].strip() if m else ""
        if not (
            m and is_prose(sentence) and word_count(m.group("credit")) <= 6 and word_count(sentence) <= 80
        ):
            if unit.kind == "prose":
                return  # the body has begun
            continue  # a headline or label above the picture
        following = units[i + 1] if i + 1 < len(units) else None
        if not head_seen or following is None or following.kind not in _TEXT_KINDS:
            return
        unit.kind, unit.credit, unit.text = "caption", m.group("credit").strip(), sentence


_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_KEEP_HYPHEN = "\u2010"
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")


def _names(text: str) -> list[str]:
    """Names in a byline, keeping hyphenated given names whole ("Park Ji-won").

    >>> _names("By Park Ji-won (jwpark@example.kr)"), _names("By Ann Lee - Reuters")
    (['Park Ji-won'], ['Ann Lee'])
    """
    bare = _EMAIL.sub("", _BRACKETED.sub("", text)).replace(_KEEP_HYPHEN, "-")
    protected = _INNER_HYPHEN.sub(_KEEP_HYPHEN, bare)
    found = byline_names(protected)
    if found:
        return [name.replace(_KEEP_HYPHEN, "-") for name in found]
    names = []
    for name in byline_names(text):  # the "Name Surname in Place" form, cut at the first hyphen
        at = text.find(name)
        rest = re.match(r"-[^\W\d_]+", text[at + len(name) :]) if at >= 0 else None
        names.append(name + rest.group(0) if rest else name)
    return names


def _score(unit: Unit) -> float:
    if unit.kind == "prose":
        return float(len(unit.text))
    if unit.kind == "furniture":
        return -_FURNITURE_COST
    if unit.kind == "barrier":
        return -_BARRIER_COST
    if unit.kind == "short":
        return -_SHORT_COST
    return 0.0


def _comments_start(units: list[Unit]) -> int:
    """Index of the comments header that follows the first substantial prose, or ``len(units)``."""
    prose = 0
    for i, unit in enumerate(units):
        if unit.kind == "prose":
            prose += len(unit.text)
        elif unit.kind == "barrier" and prose >= 400 and is_comments_header(unit.text):
            return i
    return len(units)


def _best_run(units: list[Unit]) -> tuple[int, int] | None:
    """Return [start, end) of the run of units with the highest total score (Kadane)."""
    units = units[: _comments_start(units)]
    best = 0.0
    best_span: tuple[int, int] | None = None
    total = 0.0
    start = 0
    for i, unit in enumerate(units):
        score = _score(unit)
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best and unit.kind == "prose":
            best, best_span = total, (start, i + 1)
        elif total >= best > 0 and unit.kind == "sentence" and _OPENING_QUOTE.match(unit.text):
            best_span = (start, i + 1)  # a quotation standing alone after the last long paragraph
    return best_span


def _headline_like(unit: Unit) -> bool:
    text = unit.text
    return (
        unit.kind in {"short", "sentence"}
        and 2 <= word_count(text) <= 40
        and not text.endswith(".")
        and not (text.isupper() and word_count(text) <= 4)  # a kicker or section label
    )


def _title_before(units: list[Unit], start: int) -> tuple[str | None, str | None]:
    """Return (headline, standfirst) from the lines just above the body."""
    window = range(start - 1, max(-1, start - 9), -1)
    for i in window:
        unit = units[i]
        if _headline_like(unit):
            prev = units[i - 1] if i > 0 else None
            if (
                prev is not None
                and _headline_like(prev)
                and len(prev.text) < len(unit.text)
                and word_count(unit.text) >= 10
            ):
                return prev.text, unit.text
            return unit.text, None
    return None, None


def extract_scraped(
    text: str,
    *,
    source: str,
    url: str | None = None,
    title_hint: str | None = None,
    published_hint: str | None = None,
) -> Article:
    """Extract the article from scraped page text.

    Raises:
        ExtractionError: when no run of body text is found.
    """
    units_text = split_units(text)
    script = dominant_script(" ".join(u for u in units_text if is_prose(u)) or text)
    units = _classify(units_text, script)
    span = _best_run(units)
    if span is None:
        raise ExtractionError(
            "no article body: no paragraph of running text (7+ words ending a sentence) in the scraped text",
            source=source,
        )
    start, end = span
    body: list[str] = []
    for i in range(start, end):
        unit = units[i]
        if unit.kind in {"prose", "sentence"}:
            body.append(unit.text)
        elif unit.kind == "short" and word_count(unit.text) <= 20:
            following = next((u for u in units[i + 1 : end] if u.kind in _TEXT_KINDS), None)
            if following is not None and following.kind == "prose" and body:
                body.append(unit.text)  # a subheading inside the body
    meta = MetaFields()
    title, standfirst = _title_before(units, start)
    meta.title = title_hint or title
    meta.standfirst = standfirst
    if body and meta.title and body[0] == meta.title:
        body.pop(0)
    head = [u for u in units[:start] if u.kind in {"dateline", "byline"}]
    tail = [u for u in units[end:] if u.kind in {"dateline", "byline"}]
    published, modified = dates_from_lines(u.text for u in head + tail)
    if published:
        meta.dates.offer_published(published[0].value, "dateline")
    if modified:
        meta.dates.offer_modified(modified[0].value)
        # A page that only says when it was updated: that is the best date it gives.
        meta.dates.offer_published(modified[0].value, "dateline-modified")
    for unit in units:
        if unit.kind == "byline":
            meta.authors.extend(_names(unit.text))
            email = _EMAIL.search(unit.text) if "@" in unit.text else None
            if email and meta.contact is None:
                meta.contact = email.group(0)
        elif unit.kind == "dateline" and meta.section is None and _FIELD_SEP.search(unit.text):
            meta.section = _dateline_fields(unit.text)[1]
        elif unit.kind == "caption":
            meta.captions.append(Caption(unit.text, unit.credit))
        elif unit.kind == "contact" and meta.contact is None:
            meta.contact = unit.text
    meta.language = detect_language("\n".join(body))
    return assemble(
        body,
        source=source,
        extractor=EXTRACTOR,
        url=url,
        meta=meta,
        hint_published=published_hint,
    )

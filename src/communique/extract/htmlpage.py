"""HTML pages: trafilatura for the body, our own clean-up and metadata around it.

trafilatura finds the main text well; it leaves in headlines and standfirsts, caption lines with
their credits, inline promos ("Read more: …") and trailing furniture ("Most viewed", share and
newsletter lines), and its dates are days without the stated time and zone. Those are handled here.
When trafilatura finds no body, the page's visible text goes through the scraped-text path.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)
from trafilatura.utils import load_html

from communique.errors import ExtractionError
from communique.extract.chunks import first_paragraph, sibling_chunks
from communique.extract.common import MetaFields, assemble, same_text, text_key
from communique.extract.dates import find_dates
from communique.extract.disclosure import strip_disclosure
from communique.extract.language import detect_language
from communique.extract.leads import lead_before, lead_candidates, lead_matching, standfirsts
from communique.extract.lines import (
    byline_names,
    credit_only,
    dominant_script,
    is_contact,
    is_copyright,
    is_furniture,
    is_prose,
    script_of,
    split_caption,
    word_count,
)
from communique.extract.meta import PageMeta, day_first, page_metadata
from communique.extract.render import render_text
from communique.extract.scraped import extract_scraped
from communique.extract.textdate import text_dateline
from communique.models import Article, Caption

__all__ = ["EXTRACTOR", "extract_dates", "extract_html", "parse_html"]

EXTRACTOR = "extract.html.v1"
_LOG = logging.getLogger(__name__)
# trafilatura's fast mode skips its readability/jusText comparison; it is as good on scrapinghub-aeb and
# twice as fast, but misses text on short pages, which are run again in full mode (bench/extraction.py).
# On trafilatura-eval every snippet the full-mode re-run gains is on a page where fast mode finds under
# 1,000 characters; the 1,000-1,500 band cost a third of the re-runs and gained nothing.
_FULL_MODE_BELOW = 1000
# ... and where the page's <p> elements hold over three times what fast mode found (plus 200 characters):
# that keeps 28 of the 34 snippets the re-runs gain there with 34 re-runs instead of 116.
_FULL_MODE_RATIO = 3
_LIST_MARK = re.compile(r"^[-•*]\s+")
_PROMO_PREFIX = re.compile(
    r"^\W{0,2}(?:related|read\s(?:more|next|also)|see\salso|also\sread|more|recommended|watch|listen|"
    r"don'?t\smiss|must\sread|trending|popular|latest|click\shere|sign\sup|subscribe)\s?(?:[:|»>]|\s[-–—]\s)"
    r".{0,200}$",
    re.I,
)
# Promos and widget text that trafilatura keeps inside the body, in several languages.
_WIDGET = re.compile(
    r"^\W{0,2}(?:"
    # "read also" in other languages, as a label before a link
    r"(?:leggi|vedi)\sanche|lesen\ssie\s(?:auch|mehr)|mehr\szum\sthema|auch\sauf\s\S+|schon\sgelesen|"
    r"das\skönnte\s(?:sie|dich)\sauch\sinteressieren|weiterlesen|lire\saussi|à\slire\saussi|voir\saussi|"
    r"pour\s(?:lire\sla\ssuite|accéder)|leia\s(?:também|mais)|lea\s(?:también|más)|lee\s(?:también|más)|"
    r"(?:lea|mire|mira|vea|lee)(?:\stambién)?\s?:|(?:le|te)\spuede\sinteresar|"
    r"(?:notas?|noticias?|contenidos?|artículos?)\srelacionad[oa]s?|читайте\sтакже|"
    r"auch\slesen|zum\sweiterlesen|puedes\sver|czytaj\s(?:też|także|również|więcej)|dowiedz\ssię\swięcej|"
    # subscription walls, app and newsletter prompts, widget errors
    r"also\son\s\S+\s|like\sthis\s(?:story|article)|to\s(?:view|read)\sthe\sfull\s(?:story|article)|"
    r".{0,40}already\sa\s(?:subscriber|member)|download\sthe\s.{1,30}\sapps?\b|submit\syour\sletter|"
    r"thanks?\s(?:you\s)?for\s(?:signing\sup|subscribing)|keep\san\seye\son\syour\sinbox|order\sreprints|"
    r"this\s(?:copy|article)\sis\s(?:for\syour\spersonal|the\scopyrighted)|written\spermission\smust|"
    r"(?:an\s)?error\s(?:has\s)?occurred|there\swas\san\serror|"
    r"please\s(?:try\sagain|enable\sjavascript)|get\sthe\s(?:latest|day's|best)\b.{0,80}\b(?:inbox|newsletter)|"
    r"sorry!?$|tell\sus\swhat\syou\sthink|we\s(?:use|value)\s(?:cookies|your\sprivacy))",
    re.I,
)
# A bare label ("Release Date:", "Category :") or a bare clock time ("19:49", "3:59 PM").
_LABEL_LINE = re.compile(r"^[^\W\d][\w .'-]{0,30}\s?:$|^\d{1,2}[:.]\d\d(?:\s?[ap]\.?m\.?)?$", re.I)
# A field label and its value ("Category : Press Releases", "Kategorie: News", "Temas").
_FIELD_LINE = re.compile(
    r"^\W{0,2}(?:categor(?:y|ies)|kategorien?|rubrik|tags?|topics?|temas?|themen|schlagw(?:ö|oe)rter|"
    r"filed\sunder|keywords?|etiquetas|argomenti)(?:\s?:\s?.{0,60})?$",
    re.I,
)
# What a page asks of its reader at the end of an article: subscribe, download the app, support us.
_CALL_TO_ACTION = re.compile(
    r"\b(?:download\s(?:the|our)\s.{1,40}\sapps?|(?:sign\sup|subscribe)\s(?:for|to)\s(?:our|the)\b|"
    r"(?:consider\s)?support(?:ing)?\s(?:our|us)\b|unterstütze|become\sa\s(?:member|subscriber|patron)|"
    r"already\sa\s(?:subscriber|member)|hazte\smiembro|únete|tenemos\scanal|nuestro\scanal\sde|"
    r"unseren?\snewsletter|our\snewsletter|mit\sunserem\snewsletter|abonniere|suscríbete)\b",
    re.I,
)
_TAGGED_PROMO = re.compile(r"\[[A-Z][A-Z ]{2,14}\]\W{0,3}$")
_TITLE_SUFFIX = re.compile(r"(?:\s+[|–—:-]\s+|\s*[：｜]\s*)[^|–—：｜]{2,60}$")


def _parser() -> HTMLParser:
    """lxml.html's parser, with its element classes chosen in C.

    lxml.html picks each element's Python class (a form, an input…) in a Python method called for every
    element the code touches: millions of calls over a page set, several per cent of the extraction.
    Nothing here or in trafilatura uses the form classes, so every element is a plain
    :class:`~lxml.html.HtmlElement`, which has all the methods (``text_content``, ``drop_tree``…).
    """
    parser = HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True, encoding="utf-8"
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
        )
    )
    return parser


_PARSER = _parser()


def parse_html(content: str) -> HtmlElement | None:
    """Parse HTML text into an lxml tree, or ``None`` when nothing can be parsed.

    The text is already decoded; it is parsed as UTF-8 whatever its ``<meta charset>`` or XML
    declaration claims.
    """
    try:
        tree = document_fromstring(content.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ValueError, TypeError, etree.ParserError) as exc:
        _LOG.debug("lxml could not parse the page (%s); trying trafilatura's loader", exc)
        try:
            tree = load_html(content)
        except (ValueError, TypeError) as exc2:  # lxml rejects some inputs outright
            _LOG.debug("no parse: %s", exc2)
            return None
    return tree if isinstance(tree, HtmlElement) else None


def _trafilatura_text(tree: HtmlElement, url: str | None, fast: bool) -> str:
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
            deduplicate=False,
            fast=fast,
        )
    except Exception as exc:  # trafilatura raises many kinds; a failed run is no body
        _LOG.debug("trafilatura failed: %s", exc)
        return ""
    text = getattr(doc, "text", None) if doc is not None else None
    return str(text) if text else ""


def _paragraph_chars(tree: HtmlElement) -> int:
    return sum(len(p.text_content() or "") for p in tree.iter("p"))


def _body_lines(tree: HtmlElement, url: str | None) -> tuple[list[str], HtmlElement | None]:
    """Body lines from trafilatura: its fast mode first, its full mode when that finds little.

    Full mode (readability and jusText compared) is three times slower and only finds more where
    the page's paragraphs hold much more text than fast mode returned. Also returns the page's
    ``<p>`` that holds the first long line (:func:`~communique.extract.chunks.first_paragraph`).
    """
    text = _trafilatura_text(tree, url, fast=True)
    if len(text) < _FULL_MODE_BELOW and _paragraph_chars(tree) > _FULL_MODE_RATIO * len(text) + 200:
        text = _trafilatura_text(tree, url, fast=False) or text
    lines = [_LIST_MARK.sub("", line).strip() for line in text.split("\n") if line.strip()]
    first = first_paragraph(tree, lines)
    before, after = sibling_chunks(tree, lines, first)
    return before + lines + after, first


def _is_caption_line(line: str, prose: bool, caption_keys: set[str], caption_heads: tuple[str, ...]) -> bool:
    # A sentence the page shows both under a picture and in the text is part of the text, so only
    # lines that are not sentences are matched against the page's captions.
    if not prose and (text_key(line) in caption_keys or (caption_heads and line.startswith(caption_heads))):
        return True
    if credit_only(line):
        return True
    split = split_caption(line)
    return split is not None and not is_prose(split[0])


class _LinkTexts:
    """Normalised texts of the page's longer links: a body line that is only a link is a promo.

    Read from the tree on the first question only, since most pages never ask.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree
        self._texts: set[str] | None = None
        self._titles: dict[str, list[str]] | None = None  # linked subheads, by their first 15 characters

    def __contains__(self, key: object) -> bool:
        if self._texts is None:
            self._texts = set()
            headings: set[str] | None = None
            for el in self._tree.iter("a"):
                raw = el.text_content() or ""
                if len(raw) < 15:  # too short to have 15 word characters
                    continue
                href = (el.get("href") or "").strip()
                if href.startswith("#"):
                    # A table of contents: the heading the link points to is body text.
                    if headings is None:
                        headings = {str(v) for v in _HEADING_IDS(self._tree)}
                    if href[1:] in headings:
                        continue
                text = text_key(raw)
                if len(text) >= 15 and not raw.lstrip().startswith(("http", "www.")):
                    self._texts.add(text)
        return key in self._texts

    def starts_teaser(self, line: str, key: str | None) -> bool:
        """Return True when ``line`` is a linked subhead and then a new sentence: a teaser's title and blurb.

        ``key`` is the line normalised (``None``: normalised here, only when the page has such titles).
        A line that goes on with the title's own sentence ("Dear neighbours, on Saturday we …" after a
        link "Dear neighbours") is body text that opens with a link.
        """
        if self._titles is None:
            self._titles = {}
            for el in _TEASER_TITLES(self._tree):
                raw = el.text_content() or ""
                title = text_key(raw)
                if len(title) >= 15 and not raw.lstrip().startswith(("http", "www.")):
                    self._titles.setdefault(title[:15], []).append(title)
        if not self._titles:
            return False
        if key is None:
            key = text_key(line)
        for title in self._titles.get(key[:15], ()):
            if len(key) > len(title) and key.startswith(title):
                seen = 0
                for pos, char in enumerate(line):
                    seen += char.isalnum() or char == "_"
                    if seen >= len(title):
                        rest = line[pos + 1 :]
                        return rest[:1] in (" ", "\n") and rest.lstrip()[:1].isupper()
        return False


def _is_promo(line: str, links: _LinkTexts, prose: bool | None = None) -> bool:
    """Return True for a promo, widget or label line; ``prose`` is :func:`is_prose` of it when known."""
    if _PROMO_PREFIX.match(line) or _WIDGET.match(line) or _TAGGED_PROMO.search(line):
        return True
    if _LABEL_LINE.match(line) and word_count(line) <= 3:
        return True
    if _FIELD_LINE.match(line):
        return True
    if prose is None:
        prose = is_prose(line)
    key = None if prose else text_key(line)
    return (key is not None and key in links) or links.starts_teaser(line, key)


_TEASER_TITLES = etree.XPath("//h2/a | //h3/a | //h4/a")
_HEADING_IDS = etree.XPath(
    "(//h2|//h3|//h4|//h5|//h6)/descendant-or-self::*/@id | "
    "(//h2|//h3|//h4|//h5|//h6)/descendant-or-self::*/@name"
)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def _date_only(line: str, slack: int) -> bool:
    found = find_dates(line, limit=2)
    return bool(found) and len(line) - sum(f.end - f.start for f in found) <= slack


def _is_headline(line: str, info: PageMeta) -> bool:
    return bool((info.title and same_text(line, info.title)) or (info.h1 and same_text(line, info.h1)))


def _clean_body(lines: list[str], info: PageMeta, meta: MetaFields, links: _LinkTexts) -> list[str]:
    script = dominant_script(" ".join(lines[:40]))
    kept: list[str] = []
    head_zone = True  # before the first sentence of the body
    caption_keys = {text_key(c.text) for c in info.captions if c.text}
    caption_heads = tuple(c.text[:60] for c in info.captions if len(c.text) > 30)
    tail_from = len(lines) - 4
    for i, line in enumerate(lines):
        if (stripped := strip_disclosure(line)) != line:
            if not stripped:
                continue  # an advertising label or disclosure, and nothing else
            line = stripped
        prose = is_prose(line)
        if _is_caption_line(line, prose, caption_keys, caption_heads):
            split = split_caption(line)
            if split and not any(same_text(split[0], c.text) for c in meta.captions):
                meta.captions.append(Caption(split[0], split[1]))
            continue
        if is_furniture(line) or _is_promo(line, links, prose) or _URL_LINE.match(line):
            continue
        if not prose:
            if head_zone and (
                _is_headline(line, info)
                or (i + 1 < len(lines) and word_count(line) <= 4 and _is_headline(lines[i + 1], info))
            ):
                continue  # the headline, or a kicker or section label above it
            names = byline_names(line) if head_zone else ()
            if names:
                meta.authors.extend(n for n in names if n not in meta.authors)
                continue
            if _date_only(line, 60 if head_zone else 25):
                continue
            if is_copyright(line) and i >= tail_from:
                continue
        if i >= tail_from and len(line) <= 300 and _CALL_TO_ACTION.search(line):
            continue
        if i >= tail_from and is_contact(line):
            if meta.contact is None:
                meta.contact = line
            continue
        kept.append(line)
        head_zone = head_zone and not prose
    # Trailing furniture: navigation and promo lines, lines in another script, contact lines.
    while kept:
        last = kept[-1]
        letters = [c for c in last[:100] if c.isalpha()]
        foreign = bool(letters) and script is not None and all(script_of(c) != script for c in letters)
        if not (foreign or not letters or is_furniture(last) or (is_contact(last) and not is_prose(last))):
            break
        if is_contact(last) and meta.contact is None:
            meta.contact = last
        kept.pop()
    return kept


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's guess, as a bare day (it gives no time); the last resort for a page's date.

    Its quick search only: the extensive one (free text through dateparser, in every locale) found
    the right day on 11 more of the 1,000 htmldate-eval pages but made the whole extraction about
    12 % slower on trafilatura-eval, and its finds are mostly accidents (an image file name, a
    booking form's default date).
    """
    from htmldate import find_date

    try:
        found = find_date(tree, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception as exc:
        _LOG.debug("htmldate failed: %s", exc)
        return None
    return str(found) if found else None


def _undated_page_date(
    tree: HtmlElement, info: PageMeta, url: str | None, text: str | None = None
) -> tuple[str | None, str]:
    """The date of a page whose markup states none, from the surest sign to the weakest.

    A labelled dateline, or one by the headline, in the visible text; a line of the text that is only a
    date; htmldate's quick search.
    """
    # One scan: the loose reading tries the labelled and by-the-headline datelines first.
    found = text_dateline(
        tree,
        headline=info.h1,
        title=info.title,
        day_first=day_first(info.lang, url),
        url=url,
        text=text,
        loose=True,
    )
    if found:
        return found, "dateline"
    return _htmldate(tree, url), "htmldate"


def extract_dates(content: str, url: str | None = None) -> tuple[str | None, str | None, str | None]:
    """Return (published, published_source, modified) of an HTML page without extracting its body.

    >>> extract_dates('<html><head><meta property="article:published_time" '
    ...               'content="2019-09-09T08:32:00Z"></head><body><p>x</p></body></html>')
    ('2019-09-09T08:32:00+00:00', 'meta', None)
    """
    tree = parse_html(content)
    if tree is None:
        return None, None, None
    info = page_metadata(tree, url)
    if info.published is None:
        day, source = _undated_page_date(tree, info, url)
        if day:
            return day, source, info.modified
    return info.published, info.published_source, info.modified


def _drop_pop_ups(pop_ups: list[HtmlElement]) -> None:
    """Drop the pop-up cards of running text from the tree; the terms they explain stay.

    A card is a span marked as a tooltip or hover card inside the inline wrapper of its term and after
    it, in a paragraph: ``<span class="rollover-people"><a>Kristi Noem</a><span
    class="rollover-people-block">photo, full name, her latest stories</span></span>``. A marked span
    that is the term itself (``<p>… <span class="tooltips">Evelyn Wever-Croes</span> …``) is kept.
    """
    for el in pop_ups:
        parent = el.getparent()
        if (
            parent is not None
            and parent.tag in ("span", "a")
            and el.getprevious() is not None
            and any(anc.tag == "p" for anc in el.iterancestors())
        ):
            el.drop_tree()


def _clean_title(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    title = title.strip()
    m = _TITLE_SUFFIX.search(title)
    if m is None:
        return title or None
    suffix = m.group(0)
    names_site = site is not None and (
        site.lower() in suffix.lower() or suffix.strip(" |：｜").lower() in site.lower()
    )
    # Without a known site name, only a "|" or full-width separator is taken to introduce one.
    if names_site or (site is None and re.match(r"\s*[|：｜]", suffix)):
        title = title[: m.start()].strip()
    return title or None


def extract_html(
    content: str,
    *,
    source: str,
    url: str | None = None,
    title_hint: str | None = None,
    published_hint: str | None = None,
) -> Article:
    """Extract the article from an HTML page.

    Raises:
        ExtractionError: when the page has no article body, or cannot be parsed at all.
    """
    tree = parse_html(content)
    if tree is None:
        raise ExtractionError("no article body: the HTML could not be parsed", source=source)
    info = page_metadata(tree, url)
    _drop_pop_ups(info.pop_ups)
    lines, first = _body_lines(tree, url)
    meta = MetaFields()
    meta.title = _clean_title(info.title, info.site) or title_hint
    meta.site = info.site
    meta.section = info.section
    meta.authors = list(info.authors)
    meta.captions = list(info.captions)
    meta.dates.published, meta.dates.published_source = info.published, info.published_source
    meta.dates.modified = info.modified
    links = _LinkTexts(tree)
    body = _clean_body(lines, info, meta, links)
    if body:
        decks = standfirsts(info.marked)
        deck = next((lead for d, lead in decks if same_text(body[0], d)), None)
        if deck is False or (
            deck is None
            and info.description
            and same_text(body[0], info.description)
            and not is_prose(body[0])
        ):
            meta.standfirst = body.pop(0)
    candidates = lead_candidates(tree, first)

    def not_lead(text: str) -> bool:
        # A lead goes through the body lines' tests: furniture, promos, a call to subscribe, an ad label.
        return (
            is_furniture(text)
            or _is_promo(text, links)
            or bool(_CALL_TO_ACTION.match(text))
            or strip_disclosure(text) != text
        )

    lead = lead_before(candidates, first, body, info.h1, not_lead) if body else None
    if lead and not (meta.standfirst and same_text(lead, meta.standfirst)):
        body.insert(0, lead)
    if not any(is_prose(line) for line in body):
        text = render_text(tree)
        if not text.strip():
            raise ExtractionError("no article body: the page has no visible text", source=source)
        fallback = extract_scraped(
            text, source=source, url=url, title_hint=meta.title, published_hint=published_hint
        )
        body = [p.text for p in fallback.paragraphs]
        meta.captions.extend(fallback.captions)
        meta.authors.extend(a for a in fallback.authors if a not in meta.authors)
        meta.contact = meta.contact or fallback.contact
        if fallback.published and not meta.dates.published:
            meta.dates.offer_published(fallback.published, fallback.published_source or "dateline")
    if (
        meta.standfirst is None
        and info.description
        and 40 <= len(info.description) <= 400
        and word_count(info.description) >= 6
    ):
        first = body[0] if body else ""
        if not first.startswith(info.description[:40]):
            lead = lead_matching(candidates, info.description, body, not_lead)
            if lead:
                body.insert(0, lead)
            else:
                meta.standfirst = info.description
    if meta.dates.published is None and not published_hint:
        meta.dates.offer_published(*_undated_page_date(tree, info, url))
    meta.language = detect_language("\n".join(body), hint=info.lang)
    return assemble(
        body,
        source=source,
        extractor=EXTRACTOR,
        url=url,
        meta=meta,
        hint_published=published_hint,
    )

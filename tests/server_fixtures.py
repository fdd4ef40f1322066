"""Small, hand-written coded articles for the API and export tests (real records, real store).

The sentences are our own; each event's evidence is its sentence and its trigger a word of
it, with offsets into the article text, as the pipeline writes them.
"""

from __future__ import annotations

from pathlib import Path

from communique.models import Actor, Article, CodedArticle, Event, Mention, Quote, Span, Timex, content_hash
from communique.store import Store, open_store

# (country code, name, sector, kind) of the actors the articles below use.
ACTORS = {
    "USA": ("United States", "GOV", "country"),
    "PRK": ("North Korea", "GOV", "country"),
    "KOR": ("South Korea", "GOV", "country"),
    "CHN": ("China", "GOV", "country"),
    "JPN": ("Japan", "GOV", "country"),
}

# (date, source, verb phrase, target, event type, quad class, CAMEO code)
ARTICLES: list[list[tuple[str, str, str, str, str, int, str]]] = [
    [
        ("2019-09-06", "USA", "asked", "PRK", "REQUEST", 3, "020"),
        ("2019-09-07", "PRK", "warned", "USA", "THREATEN", 3, "130"),
        ("2019-09-07", "KOR", "welcomed", "USA", "SUPPORT", 1, "051"),
    ],
    [
        ("2019-10-01", "USA", "met", "PRK", "CONSULT", 1, "040"),
        ("2019-10-02", "CHN", "praised", "PRK", "SUPPORT", 1, "051"),
        ("2019-10-15", "JPN", "protested to", "CHN", "PROTEST", 4, "140"),
    ],
    [
        ("2019-11-20", "PRK", "accused", "KOR", "ACCUSE", 3, "112"),
        ("2019-11-21", "USA", "imposed sanctions on", "PRK", "SANCTION", 4, "163"),
        ("2019-11", "KOR", "sent aid to", "PRK", "AID", 2, "070"),
    ],
]


def coded_article(spec: list[tuple[str, str, str, str, str, int, str]], *, n: int = 0) -> CodedArticle:
    """Build one coded article whose sentences state the given events."""
    sentences = [f"{ACTORS[s][0]} {verb} {ACTORS[t][0]} on {date}." for date, s, verb, t, *_ in spec]
    sentences.append(f'"We want talks," said an official of {ACTORS[spec[0][1]][0]} in story {n}.')
    text = " ".join(sentences)
    actor_ids = {code: f"A{i + 1}" for i, code in enumerate(ACTORS)}
    mentions: dict[str, list[Mention]] = {code: [] for code in ACTORS}
    events: list[Event] = []
    timexes: list[Timex] = []
    offset = 0
    for k, (sentence, (date, src, verb, tgt, etype, quad, cameo)) in enumerate(
        zip(sentences, spec, strict=False)
    ):
        for code in (src, tgt):
            name = ACTORS[code][0]
            start = offset + sentence.index(name, 0 if code == src else len(ACTORS[src][0]))
            mentions[code].append(Mention(start, start + len(name), name, actor_ids[code], k))
        v = offset + sentence.index(verb)
        d = offset + sentence.index(date)
        timexes.append(Timex(f"T{k + 1}", d, d + len(date), date, "DATE", date, anchored=False))
        events.append(
            Event(
                f"E{k + 1}", etype, (actor_ids[src],), (actor_ids[tgt],),
                Span(offset, offset + len(sentence), sentence), Span(v, v + len(verb), verb),
                cameo=cameo, quad_class=quad, date=date, date_source="text",
                date_granularity="day" if len(date) == 10 else "month", timex_id=f"T{k + 1}",
                confidence=0.8, coder="test",
            )
        )  # fmt: skip
        offset += len(sentence) + 1
    last = sentences[-1]
    q0 = offset + 1
    quote = Quote(
        "Q1", Span(q0, q0 + len("We want talks,"), "We want talks,"),
        Span(offset + last.index("said"), offset + last.index("said") + 4, "said"), "direct",
    )  # fmt: skip
    actors = tuple(
        Actor(actor_ids[code], ACTORS[code][0], code, ACTORS[code][1], tuple(mentions[code]),
              kind=ACTORS[code][2])  # type: ignore[arg-type]
        for code in ACTORS
        if mentions[code]
    )  # fmt: skip
    article = Article(
        id=content_hash(text), text=text, paragraphs=(Span(0, len(text), text),), source=f"test-{n}",
        url=f"https://news.example.org/story-{n}", title=f"Story {n} about the peninsula",
        published=spec[0][0] if len(spec[0][0]) == 10 else None, language="en", extractor="test",
    )  # fmt: skip
    return CodedArticle(article, actors, tuple(timexes), (quote,), tuple(events), document_id=f"doc{n}")


def all_articles() -> list[CodedArticle]:
    """The three test articles."""
    return [coded_article(spec, n=i) for i, spec in enumerate(ARTICLES)]


def build_db(path: Path) -> Store:
    """A database at ``path`` holding :func:`all_articles`."""
    store = open_store(path)
    for coded in all_articles():
        store.add(coded)
    return store

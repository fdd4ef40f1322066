"""Event dates through the whole pipeline: which date an event takes and where it came from.

The sentences are our own (``bench/event_dates.jsonl``, also scored by
``bench/event_dates.py``); each names the trigger of one event and the date,
``date_source`` and granularity it gets under the convention in
:mod:`communique.events.dates`: the date of a timex the parse hangs off the event's own
predicate, never one of another predicate ("X, who arrived Monday, met Y"), another noun
("ahead of Friday's talks") or a bound ("since", "until", "by"); a reported act with no
date of its own takes its report's date; else the article date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from communique.models import Document

CASES = Path(__file__).resolve().parents[1] / "bench" / "event_dates.jsonl"
ITEMS = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("item", ITEMS, ids=[f"{i['id']}-{i['class']}" for i in ITEMS])
def test_event_date(pipeline: Any, item: dict[str, Any]) -> None:
    doc = Document.from_text(item["text"], content_type="text", published_hint=item["published"])
    coded = pipeline.code(doc)
    event = next(e for e in coded.events if e.trigger.text == item["trigger"])
    assert (event.date, event.date_source, event.date_granularity) == (
        item["date"],
        item["source"],
        item["granularity"],
    )
    tx = next((t for t in coded.timexes if t.id == event.timex_id), None)
    assert (tx is not None) == (event.date_source == "text")


def test_the_set_covers_every_place_a_date_is_written() -> None:
    classes = {i["class"] for i in ITEMS}
    assert len(ITEMS) >= 40
    assert {"fronted", "after_verb", "other_predicate", "reported", "since", "until", "deadline"} <= classes
    assert {"ahead_of", "two_events", "duration", "range", "relative", "headline_only", "dateline"} <= classes


def test_two_dated_events_in_one_sentence_keep_their_own_dates(pipeline: Any) -> None:
    text = "Chile recalled its envoy from Peru on Monday, and Peru expelled Chilean diplomats on Thursday."
    coded = pipeline.code(Document.from_text(text, content_type="text", published_hint="2026-06-12"))
    dates = {e.trigger.text: e.date for e in coded.events}
    assert dates.get("recalled") == "2026-06-08"
    assert dates.get("expelled") == "2026-06-11"


def test_a_participial_clause_after_its_head_shares_its_date(nlp: Any, lexicon: Any) -> None:
    from communique.events.dates import attached_timex
    from communique.models import Timex

    text = "Greece hosted Turkish diplomats on Tuesday, signing a fisheries agreement with them."
    doc = nlp(text)
    start = text.index("Tuesday")
    tx = Timex("T1", start, start + len("Tuesday"), "Tuesday", "DATE", "2026-05-12")
    token_timex = {t.i: tx for t in doc if start <= t.idx < start + len("Tuesday")}
    signing = next(t for t in doc if t.text == "signing")
    hosted = next(t for t in doc if t.text == "hosted")
    assert attached_timex(hosted, (), token_timex, lexicon.words) is tx
    assert attached_timex(signing, (), token_timex, lexicon.words) is tx
    # with a date of its own, the participle keeps it; a bound is no date for either
    bound = nlp("Greece hosted Turkish diplomats until Tuesday, signing a fisheries agreement.")
    until = {t.i: tx for t in bound if t.text == "Tuesday"}
    assert attached_timex(next(t for t in bound if t.text == "hosted"), (), until, lexicon.words) is None


# -- review fixes (2026-11-29): our own sentences for each class of error ------------------


def _dates(pipeline: Any, text: str, published: str = "2026-09-10") -> dict[str, tuple[str | None, str]]:
    coded = pipeline.code(Document.from_text(text, content_type="text", published_hint=published))
    return {e.trigger.text: (e.date, e.date_source) for e in coded.events}


def test_the_time_to_date_events_grows_linearly_with_the_article(nlp: Any, lexicon: Any) -> None:
    import time

    from spacy.tokens import Doc

    from communique.events.dates import attached_timex
    from communique.models import Timex

    unit = list(
        nlp.pipe(
            [
                "On Tuesday, Peru met officials from Chile and signed an accord.",
                "Bolivia said on Friday that Brazil had closed its border posts.",
                "Ecuador, which arrived on Monday, criticized Colombia ahead of Sunday's talks.",
            ]
        )
    )

    def run(copies: int) -> float:
        doc = Doc.from_docs(unit * copies)
        days = {"Monday", "Tuesday", "Friday", "Sunday"}
        tt = {
            t.i: Timex(f"T{t.i}", t.idx, t.idx + 6, t.text, "DATE", "2026-09-07")
            for t in doc
            if t.text in days
        }
        preds = [t for t in doc if t.pos_ == "VERB"]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for p in preds:
                attached_timex(p, (), tt, lexicon.words)
            best = min(best, time.perf_counter() - start)
        return best

    short, long = run(40), run(160)
    assert long / short < 9  # linear gives about 4, one loop over the document per predicate 16


def test_a_date_on_the_scene_of_the_act_dates_it(pipeline: Any) -> None:
    # the noun of an at/during/in phrase on the predicate carries the clause's date
    assert _dates(pipeline, "During Tuesday's talks in Geneva, Armenia accused Azerbaijan of shelling.")[
        "accused"
    ] == (
        "2026-09-08",
        "text",
    )
    # a date on the object, or on a phrase inside the object, is still the noun's
    assert (
        _dates(pipeline, "Kenya condemned Friday's attack on the police post.")["condemned"][1] == "article"
    )
    assert _dates(pipeline, "Kenya condemned the killing of five soldiers in Friday's attack.")["condemned"][
        1
    ] == ("article")


def test_an_attack_noun_subject_dates_its_verb(pipeline: Any) -> None:
    text = "Sunday's bombing by rebel fighters at the market killed twelve Malian civilians."
    assert _dates(pipeline, text)["killed"] == ("2026-09-06", "text")


def test_a_clock_time_after_a_preposition_of_order_is_no_bound(pipeline: Any) -> None:
    text = "Russian missiles struck Odesa shortly before 4 a.m. on Tuesday, Ukrainian officials said."
    assert _dates(pipeline, text)["struck"] == ("2026-09-08", "text")


def test_a_reported_act_takes_the_date_its_report_shares(pipeline: Any) -> None:
    text = "Armenia on Tuesday accused Baku of shelling and said that Azerbaijani troops seized a village."
    assert _dates(pipeline, text)["seized"] == ("2026-09-08", "text")
    # a report inside a report ends (no endless climb), with the article date
    assert _dates(pipeline, "Russia said Ukraine warned that Poland had attacked the border post.")


def test_a_date_between_the_conjunction_and_a_later_conjunct_is_that_conjunct(pipeline: Any) -> None:
    dates = _dates(pipeline, "Qatar hosted Afghan delegates on Monday and, on Wednesday, condemned Pakistan.")
    assert dates["hosted"] == ("2026-09-07", "text")
    assert dates["condemned"] == ("2026-09-09", "text")


def test_an_act_bounded_by_since_is_not_dated_by_its_report(pipeline: Any) -> None:
    text = "Syrian officials said Monday that Israeli jets have bombed Syrian airports since March."
    assert _dates(pipeline, text)["bombed"] == ("2026-09-10", "article")


def test_a_dateline_dates_the_undated_events_of_its_paragraph(pipeline: Any) -> None:
    text = (
        "NAIROBI, March 2 (Agency) -- Kenya criticized Somalia over the border closure.\n\n"
        "Uganda condemned Tanzania over the arrest of its fishermen."
    )
    dates = _dates(pipeline, text, published="2026-03-04")
    assert dates["criticized"] == ("2026-03-02", "text")  # filed on the 2nd, printed on the 4th
    assert dates["condemned"] == ("2026-03-04", "article")  # a later paragraph: the article date
    # a date of the event's own still wins over the dateline's
    own = _dates(
        pipeline, "LIMA, June 9 - Peru on Sunday expelled a Bolivian diplomat.", published="2026-06-10"
    )
    assert own["expelled"] == ("2026-06-07", "text")
    # a place in capitals with no day is no dated dateline
    bare = _dates(pipeline, "QUITO (Agency) -- Ecuador accused Colombia of spying.", published="2026-03-04")
    assert bare["accused"] == ("2026-03-04", "article")


def test_a_date_after_the_last_conjunct_dates_the_first_too(pipeline: Any) -> None:
    dates = _dates(pipeline, "Bolivia expelled the envoy and closed its consulate in Peru on Tuesday.")
    assert dates["expelled"] == ("2026-09-08", "text")
    # a later conjunct with a subject of its own keeps its date to itself
    both = _dates(
        pipeline, "Chile recalled its envoy from Peru, and Peru expelled Chilean diplomats on Tuesday."
    )
    assert both["recalled"] == ("2026-09-10", "article")


def test_a_clause_of_the_same_time_shares_its_head_date(nlp: Any, lexicon: Any) -> None:
    from communique.events.dates import attached_timex
    from communique.models import Timex

    doc = nlp("Greece met Turkish diplomats on Tuesday as protesters rallied outside the ministry.")
    start = doc.text.index("Tuesday")
    tx = Timex("T1", start, start + 7, "Tuesday", "DATE", "2026-05-12")
    token_timex = {t.i: tx for t in doc if t.text == "Tuesday"}
    rallied = next(t for t in doc if t.text == "rallied")
    assert attached_timex(rallied, (), token_timex, lexicon.words) is tx

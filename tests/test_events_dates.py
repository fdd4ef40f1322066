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

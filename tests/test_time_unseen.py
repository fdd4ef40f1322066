"""Time expressions in ordinary news sentences of our own, for every form issue 5 names.

Each case gives the publication date (with its zone where it matters), the sentence, and
what ``communique.time`` must return: the expression, its type and value, and its modifier
(or, when it cannot be resolved, the reason). Several anchors are on purpose awkward: a
Sunday, a Thursday, the last days of December and the first of January.
"""

from __future__ import annotations

import pytest

from communique.models import Timex
from communique.time import find_timexes

#: Monday 9 September 2019, in Seoul: the usual anchor here.
SEOUL = "2019-09-09T17:32:00+09:00"


def found(text: str, anchor: str | None = SEOUL) -> list[tuple[str, str, str | None]]:
    """``(text, type, value)`` of every timex, in text order."""
    return [(t.text, t.type, t.value) for t in find_timexes(text, anchor=anchor)]


def only(text: str, anchor: str | None = SEOUL) -> Timex:
    timexes = find_timexes(text, anchor=anchor)
    assert len(timexes) == 1, timexes
    return timexes[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute dates, month first and day first
        ("The envoy landed in Hanoi on September 6, 2019.", ("September 6, 2019", "DATE", "2019-09-06")),
        ("The talks broke down on 6 September 2019, aides said.", ("6 September 2019", "DATE", "2019-09-06")),
        ("He spoke to reporters on the 6th of September.", ("6th of September", "DATE", "2019-09-06")),
        # a month and day without a year: the nearest such day, in the clause's direction
        ("Envoys from both sides met on Sept. 6 in Hanoi.", ("Sept. 6", "DATE", "2019-09-06")),
        ("The vote is set for Sept. 26.", ("Sept. 26", "DATE", "2019-09-26")),
        # weekdays: the clause's tense picks the week
        ("The ministers met on Friday.", ("Friday", "DATE", "2019-09-06")),
        ("The ministers will meet on Friday.", ("Friday", "DATE", "2019-09-13")),
        # months before and after the publication month
        ("Exports fell last month, the ministry said.", ("last month", "DATE", "2019-08")),
        ("The plant was shut this past February after a fire.", ("this past February", "DATE", "2019-02")),
        ("The reactor went back online in June.", ("June", "DATE", "2019-06")),
        # years, decades, seasons
        ("The party won in 2016 and has not won since.", ("2016", "DATE", "2016")),
        ("The treaty expires in 2021.", ("2021", "DATE", "2021")),
        ("Elections are due next spring.", ("next spring", "DATE", "2020-SP")),
        ("Reform stalled in the 1990s.", ("the 1990s", "DATE", "199")),
        # vague references
        ("More sanctions are likely in the coming weeks.", ("the coming weeks", "DATE", "FUTURE_REF")),
        ("The army recently moved troops to the border.", ("recently", "DATE", "PAST_REF")),
        # durations
        ("The ceasefire lasted three weeks.", ("three weeks", "DURATION", "P3W")),
        ("He served 18 months in prison.", ("18 months", "DURATION", "P18M")),
        ("Results are expected within days.", ("days", "DURATION", "PXD")),
    ],
)
def test_forms_of_the_issue(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("A ruling is expected later this month.", "2019-09", "END"),
        ("Talks will resume early next month.", "2019-10", "START"),
        ("Growth slowed in late 2018.", "2018", "END"),
        ("The law takes effect at the end of the year.", "2019", "END"),
        ("The plan was first floated earlier this year.", "2019", "START"),
        ("The siege ended at the beginning of 2017.", "2017", "START"),
        ("Fighting flared again in mid-September.", "2019-09", "MID"),
        ("Sales peaked in late summer 2018.", "2018-SU", "END"),
        ("Sales will pick up in early spring.", "2020-SP", "START"),
        ("A deal could come by the middle of next week.", "2019-W38", "MID"),
        ("He resigned at the end of last month.", "2019-08", "END"),
    ],
)
def test_start_and_end_modifiers(text: str, value: str, mod: str) -> None:
    timex = only(text)
    assert (timex.value, timex.mod) == (value, mod)


def test_ranges_give_both_ends() -> None:
    assert found("The summit ran Feb. 27-28 in Hanoi.") == [
        ("Feb. 27", "DATE", "2019-02-27"),
        ("28", "DATE", "2019-02-28"),
    ]
    assert found("The tribunal will sit from Oct. 1 through Oct. 15.") == [
        ("Oct. 1", "DATE", "2019-10-01"),
        ("Oct. 15", "DATE", "2019-10-15"),
    ]
    assert found("Output doubled between 2010 and 2014.") == [
        ("2010", "DATE", "2010"),
        ("2014", "DATE", "2014"),
    ]
    assert found("Prices were frozen between March and June.") == [
        ("March", "DATE", "2019-03"),
        ("June", "DATE", "2019-06"),
    ]


def test_granularity_follows_the_value() -> None:
    assert [
        t.granularity for t in find_timexes("He left on Sept. 6 and came back last month.", anchor=SEOUL)
    ] == [
        "day",
        "month",
    ]
    assert only("Talks resume early next year.").granularity == "year"


# --- bad inputs: an honest answer, never a made-up date -------------------------------------


def test_impossible_day_is_unresolved_with_a_reason() -> None:
    timex = only("The rally was held on Feb. 30.")
    assert timex.value is None and timex.reason == "Feb. 30 is not a date"


def test_two_digit_years_with_an_apostrophe() -> None:
    assert found("The team won the title in '98 and again in '02.") == [
        ("'98", "DATE", "1998"),
        ("'02", "DATE", "2002"),
    ]


def test_a_bare_two_digit_number_is_a_year_only_ending_a_clause_after_in_or_since() -> None:
    # "in 98" before more words may be a count: no timex rather than a guess
    assert found("The firm was founded in 98 by two brothers.") == []
    assert found("It ranked first in 98 of 100 polls.") == []
    assert found("Turnout rose to 98.") == []
    assert found("The firm was founded in 98.") == [("98", "DATE", "1998")]
    assert found("The firm has been private since 09.") == [("09", "DATE", "2009")]
    assert found("The firm has been private since 97.") == [("97", "DATE", "1997")]
    # after "since", a number that may be a clock hour is none of ours
    assert found("Fans have been waiting since 10.") == []
    timex = only("The firm was founded in 98.", anchor=None)
    assert timex.value is None and timex.reason == "no publication date to decide the century of 98"


def test_missing_publication_date() -> None:
    timex = only("Exports fell last month.", anchor=None)
    assert timex.value is None and timex.reason == "no publication date to anchor 'last month'"
    # a full date needs no anchor; a month and day get an unknown year
    assert found("The vote was held on Sept. 6, 2019.", anchor=None) == [
        ("Sept. 6, 2019", "DATE", "2019-09-06")
    ]
    assert found("The vote was held on Sept. 6.", anchor=None) == [("Sept. 6", "DATE", "XXXX-09-06")]


def test_unreadable_publication_date() -> None:
    timex = only("Exports fell last month.", anchor="sometime last week")
    assert timex.value is None and timex.reason is not None and "not an ISO 8601 date" in timex.reason


def test_publication_date_in_the_future_is_used_as_given() -> None:
    # the stage reads no clock: a date after today is the anchor like any other
    assert found("Exports fell last month and will recover next year.", anchor="2031-05-04") == [
        ("last month", "DATE", "2031-04"),
        ("next year", "DATE", "2032"),
    ]


def test_zone_does_not_move_the_local_day() -> None:
    # late evening in New York is already the next day in UTC; the reader's day is the local one
    assert found("Officials said on Sunday that talks had stalled.", anchor="2019-09-09T23:30:00-05:00") == [
        ("Sunday", "DATE", "2019-09-08")
    ]


def test_headline_and_dateline() -> None:
    text = "Rebels Free Hostages After Talks\nKABUL, Sept. 9 (AP) - The release came on Saturday."
    assert found(text) == [("Sept. 9", "DATE", "2019-09-09"), ("Saturday", "DATE", "2019-09-07")]
    text = "Ceasefire Talks To Resume Next Month, Envoy Says\nThe envoy said talks would resume in October."
    assert found(text) == [("Next Month", "DATE", "2019-10"), ("October", "DATE", "2019-10")]


# --- year boundaries -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "text", "value"),
    [
        ("2019-12-30", "The new rules take effect next month.", "2020-01"),
        ("2019-12-30", "The new rules will take effect in January.", "2020-01"),
        ("2019-12-30", "Parliament passed the bill in December.", "2019-12"),
        ("2020-01-02", "Prices rose last month.", "2019-12"),
        ("2020-01-02", "Prices rose in December.", "2019-12"),
        ("2020-01-02", "The court ruled on Dec. 30.", "2019-12-30"),
        ("2020-01-02", "The court will rule on Jan. 10.", "2020-01-10"),
    ],
)
def test_year_boundaries(anchor: str, text: str, value: str) -> None:
    assert only(text, anchor).value == value


# --- a possessive weekday naming a coming event, or one gone by ------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # what exists only before the event looks ahead, whatever the verb
        ("Tickets are on sale for Friday's concert.", "2019-09-13"),
        ("Tickets went on sale for Friday's concert.", "2019-09-13"),
        ("Tickets for Saturday's final sold out at once.", "2019-09-14"),
        ("Ticket prices for Friday's game have doubled.", "2019-09-13"),
        ("The band released a preview of Friday's show.", "2019-09-13"),
        ("In the build-up to Friday's vote, both parties campaigned hard.", "2019-09-13"),
        ("The city is counting down to Friday's launch.", "2019-09-13"),
        ("Fans are queuing for Saturday's match.", "2019-09-14"),
        ("She is the favourite to win Sunday's race.", "2019-09-15"),
        ("Security was tight ahead of Friday's match.", "2019-09-13"),
        # after it, reviews of it, its result: gone by
        ("Crowds gathered after Friday's vote.", "2019-09-06"),
        ("Two people were hurt after Friday's concert.", "2019-09-06"),
        ("Reviews of Friday's concert were glowing.", "2019-09-06"),
        ("The result of Sunday's election surprised many.", "2019-09-08"),
        ("Police are investigating Saturday's shooting.", "2019-09-07"),
    ],
)
def test_possessive_weekday_direction(text: str, value: str) -> None:
    assert only(text, "2019-09-09").value == value


# --- days of the month by their ordinal, weekends and weeks seen from a weekend -------------


def test_ordinal_day_of_the_month() -> None:
    assert found("Protesters gathered on the 6th and again on the 7th.") == [
        ("the 6th", "DATE", "2019-09-06"),
        ("the 7th", "DATE", "2019-09-07"),
    ]
    assert found("He spoke to the press on September the 6th.") == [
        ("September the 6th", "DATE", "2019-09-06")
    ]
    # past or future beyond the publication day: the month before or after
    assert found("The tax was cut on the 30th.") == [("the 30th", "DATE", "2019-08-30")]
    assert found("The vote will be held on the 2nd.") == [("the 2nd", "DATE", "2019-10-02")]
    # the month the story named last
    assert found("Talks opened in May 2017. On the 6th, troops arrived.", anchor=None) == [
        ("May 2017", "DATE", "2017-05"),
        ("the 6th", "DATE", "2017-05-06"),
    ]
    timex = only("Troops arrived on the 6th.", anchor=None)
    assert timex.value is None and timex.reason == "no publication date to anchor 'the 6th'"
    # an ordinal before a noun is no day
    assert found("She works on the 6th floor.") == []
    assert found("The unit joined on the 3rd Infantry Division's orders.") == []


def test_weekends() -> None:
    assert found("Police made arrests over the weekend.") == [("the weekend", "DATE", "2019-W36-WE")]
    assert found("Police will patrol the area over the weekend.") == [("the weekend", "DATE", "2019-W37-WE")]
    assert found("The ministers met in Geneva this past weekend.") == [
        ("this past weekend", "DATE", "2019-W36-WE")
    ]
    assert found("They will meet again this coming weekend.") == [
        ("this coming weekend", "DATE", "2019-W37-WE")
    ]


@pytest.mark.parametrize(
    ("anchor", "text", "value"),
    [
        # Sunday 8 September: the ISO week ends today
        ("2019-09-08", "Ministers met this week to discuss the budget.", "2019-W36"),
        ("2019-09-08", "Ministers will meet this week to discuss the budget.", "2019-W37"),
        ("2019-09-07", "Ministers are expected to meet this week.", "2019-W37"),
        # Monday 9 September: the week has begun
        ("2019-09-09", "Ministers will meet this week to discuss the budget.", "2019-W37"),
        ("2019-09-09", "Ministers met this week to discuss the budget.", "2019-W37"),
    ],
)
def test_this_week_from_a_weekend_or_a_monday(anchor: str, text: str, value: str) -> None:
    assert only(text, anchor).value == value


def test_years_later_count_from_the_story_year() -> None:
    assert found("He was jailed for life in 1998 and freed 20 years later.") == [
        ("1998", "DATE", "1998"),
        ("20 years later", "DATE", "2018"),
    ]
    assert found("The war ended in 1975; ten years later the border reopened.")[-1] == (
        "ten years later",
        "DATE",
        "1985",
    )
    # with no year named, from the publication date
    assert found("Output is 40% above its level five years earlier.") == [
        ("five years earlier", "DATE", "2014")
    ]


def test_overnight_is_the_night_before_or_the_coming_night() -> None:
    assert found("Rockets hit the city overnight.") == [("overnight", "TIME", "2019-09-08TNI")]
    assert found("Overnight, rebels shelled the town.") == [("Overnight", "TIME", "2019-09-08TNI")]
    assert found("Crews will work overnight to restore power.") == [("overnight", "TIME", "2019-09-09TNI")]
    # a kind of thing, not a time
    assert found("The central bank raised the overnight rate.") == []
    timex = only("Rockets hit the city overnight.", anchor=None)
    assert timex.value is None and timex.reason == "no publication date to anchor 'overnight'"


@pytest.mark.parametrize(
    ("anchor", "text", "value"),
    [
        # Thursday 12 September: "next Friday" is not tomorrow but the Friday of next week
        ("2019-09-12", "The board will meet next Friday.", "2019-09-20"),
        ("2019-09-09", "The talks were put off until next Tuesday.", "2019-09-17"),
        ("2019-09-09", "The board will meet next Friday.", "2019-09-13"),
        ("2019-09-12", "The board will meet on Friday.", "2019-09-13"),
        ("2019-09-12", "The board met on Friday.", "2019-09-06"),
        # the weekday of the publication date itself is that day
        ("2019-09-12", "The board meets on Thursday.", "2019-09-12"),
    ],
)
def test_weekdays_from_a_thursday(anchor: str, text: str, value: str) -> None:
    assert only(text, anchor).value == value


def test_year_ranges_with_a_dash_give_both_ends() -> None:
    assert found("Output grew in 2010-2014.") == [("2010", "DATE", "2010"), ("2014", "DATE", "2014")]
    assert found("Output grew in 2010-14.") == [("2010", "DATE", "2010"), ("14", "DATE", "2014")]
    # a two-digit end is a later year of the same century: a season, a fiscal year, a span
    assert found("The 2010-11 season was wet.") == [("2010", "DATE", "2010"), ("11", "DATE", "2011")]
    assert found("The war of 2004-09 ended.") == [("2004", "DATE", "2004"), ("09", "DATE", "2009")]
    # no later year, or a bill's or a flight's number: no range
    assert found("The teams drew 1999-1998.") == []
    assert found("The bill, H.R. 2012-15, failed.") == []
    assert found("The measure, S. 2011, failed.") == []
    assert found("Resolution 2015-17 was adopted.") == []


def test_a_year_before_or_after_the_year_the_story_named() -> None:
    assert found("In 2018, he won; a year later he lost.") == [
        ("2018", "DATE", "2018"),
        ("a year later", "DATE", "2019"),
    ]
    # in a quarterly report the same quarter of the year before
    assert found("Profit rose in the third quarter from a year earlier.") == [
        ("the third quarter", "DATE", "2019-Q3"),
        ("a year earlier", "DATE", "2018-Q3"),
    ]


def test_two_digit_years_point_back_unless_close_ahead() -> None:
    assert found("He was born in '56.") == [("'56", "DATE", "1956")]
    assert found("The plan sets targets for '25.") == [("'25", "DATE", "2025")]
    assert found("The firm was founded on 12/05/56.") == [("12/05/56", "DATE", "1956-12-05")]
    timex = only("He was born in '56.", anchor=None)
    assert timex.value is None and timex.reason == "no publication date to decide the century of '56"


def test_spelled_day_of_a_month() -> None:
    assert found("They met on the sixth of September.") == [("sixth of September", "DATE", "2019-09-06")]
    assert found("They wed on the twenty-first of June, 2018.") == [
        ("twenty-first of June, 2018", "DATE", "2018-06-21")
    ]
    timex = only("It falls on the thirty-first of April.")
    assert timex.value is None and timex.reason == "April 31 is not a date"


def test_a_clock_time_takes_the_day_written_after_it() -> None:
    assert found("The blast hit at 3 p.m. local time on Tuesday.") == [
        ("3 p.m.", "TIME", "2019-09-03T15:00"),
        ("Tuesday", "DATE", "2019-09-03"),
    ]
    assert found("The quake struck at 6:10 a.m. (2110 GMT) Friday.") == [
        ("6:10 a.m.", "TIME", "2019-09-06T06:10"),
        ("Friday", "DATE", "2019-09-06"),
    ]
    assert found("The blast hit at 3 p.m. Tuesday.") == [("3 p.m. Tuesday", "TIME", "2019-09-03T15:00")]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Monday 9 September: a range's last day is never before its first
        ("The strike runs Monday through Wednesday.", ["2019-09-09", "2019-09-11"]),
        ("The strike ran Monday through Wednesday.", ["2019-09-02", "2019-09-04"]),
        ("The fair will be open Friday to Monday.", ["2019-09-13", "2019-09-16"]),
        ("The fair was open Friday to Sunday.", ["2019-09-06", "2019-09-08"]),
    ],
)
def test_weekday_ranges_run_forward(text: str, values: list[str]) -> None:
    assert [t.value for t in find_timexes(text, anchor="2019-09-09")] == values


def test_parts_of_days_in_a_story() -> None:
    # with no day named before it, the next morning of a past clause is unknown (not tomorrow)
    assert found("Officials will meet the next morning.") == [("the next morning", "TIME", "2019-09-10TMO")]
    timex = only("Officials met again the next morning.")
    assert (timex.type, timex.value) == ("TIME", None)
    assert timex.reason == "'the next morning' follows a day the text does not name"
    assert found("The rebels attacked on March 3. The following night, troops arrived.") == [
        ("March 3", "DATE", "2019-03-03"),
        ("The following night", "TIME", "2019-03-04TNI"),
    ]
    assert found("By mid-afternoon, the crowd had gone home.") == [("mid-afternoon", "TIME", "2019-09-09TAF")]
    assert found("In Tokyo at mid-morning yesterday, the yen rose.") == [
        ("mid-morning yesterday", "TIME", "2019-09-08TMO")
    ]


def test_clock_hours_in_the_morning_or_evening() -> None:
    assert found("The polls opened at six o'clock in the evening.") == [
        ("six o'clock in the evening", "TIME", "2019-09-09T18:00")
    ]
    # said with no day, a future morning is the coming one
    assert found("The convoy will set off at 5 in the morning.") == [
        ("5 in the morning", "TIME", "2019-09-10T05:00")
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "for" before a bare weekday in a clause not in the past: a day fixed ahead
        ("Opposition Calls Strike For Friday", "2019-09-13"),
        ("Unions are planning a strike for Friday.", "2019-09-13"),
        # a past clause keeps its past ("planned for Saturday was cancelled")
        ("The opposition called off a strike for Friday.", "2019-09-06"),
        ("He waited for Friday.", "2019-09-06"),
    ],
)
def test_for_a_weekday(text: str, value: str) -> None:
    assert only(text, "2019-09-09").value == value


def test_one_day_after_a_modal_is_some_day_ahead() -> None:
    assert found("She will one day lead the party.") == [("one day", "DATE", "FUTURE_REF")]
    assert found("He hopes to one day return home.") == [("one day", "DATE", "FUTURE_REF")]
    assert found("The strike lasted one day.") == [("one day", "DURATION", "P1D")]


def test_day_first_ranges_give_both_days() -> None:
    assert found("Ministers met on 9-10 September.") == [
        ("9", "DATE", "2019-09-09"),
        ("10 September", "DATE", "2019-09-10"),
    ]
    assert found("Ministers met on 9 and 10 September 2018.") == [
        ("9", "DATE", "2018-09-09"),
        ("10 September 2018", "DATE", "2018-09-10"),
    ]


def test_last_as_a_verb_is_no_modifier() -> None:
    assert found("The strike will last a fortnight.") == [("a fortnight", "DURATION", "P14D")]
    assert found("The strike could last three weeks.") == [("three weeks", "DURATION", "P3W")]
    assert found("Prices rose over the last three weeks.") == [("the last three weeks", "DURATION", "P3W")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a date something is "set for" lies ahead, in a headline too
        ("Talks set for May 5", "2020-05-05"),
        ("TALKS SET FOR MAY 5", "2020-05-05"),
        ("The vote had been set for May 5.", "2019-05-05"),
        # a modal before a bare verb looks ahead; before "have" it does not
        ("Rebels say they may attack Sunday.", "2019-09-15"),
        ("Officials said the rebels might strike on Sunday.", "2019-09-15"),
        ("He may have left on Friday.", "2019-09-06"),
    ],
)
def test_set_for_and_modals(text: str, value: str) -> None:
    assert only(text).value == value


def test_newspaper_names_are_no_timexes() -> None:
    assert found("Sunday Times Reports Cabinet Rift") == []
    assert found("He told the Sunday Times on Monday that he would quit.") == [
        ("Monday", "DATE", "2019-09-09")
    ]
    assert found("He writes for the Daily Mail.") == []
    assert found("Britain's Daily Telegraph said so.") == []
    assert found("Daily Flights Resume") == [("Daily", "SET", "P1D")]


@pytest.mark.parametrize("anchor", [None, "0001-01-01", "9999-12-31", "2020-02-29", "not a date"])
def test_calendar_edges_never_crash(anchor: str | None) -> None:
    text = (
        "At 5 in the morning, Monday through Sunday, the sixth of Smarch, the 0th, 32 September, "
        "the twenty-ninth of February, 2099-2100, '00, next Friday, this past weekend and overnight."
    )
    for timex in find_timexes(text, anchor=anchor):
        assert timex.value is not None or timex.reason


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a headline's subject + "to" + verb is the future
        ("PM to visit Delhi in March", "2020-03"),
        ("PM To Visit Delhi In March", "2020-03"),
        ("Rebels to free hostages on Sunday", "2019-09-15"),
        # not after a tensed verb, nor before a word that is no verb
        ("He went to see her in March.", "2019-03"),
        ("Prices rose from 5 to 7 in March.", "2019-03"),
    ],
)
def test_headline_infinitive(text: str, value: str) -> None:
    assert only(text).value == value


def test_a_week_of_a_month() -> None:
    assert found("Officials met rebels in the first week of August.") == [
        ("the first week of August", "DATE", "2019-W31")
    ]
    assert found("Talks are due in the last week of September.") == [
        ("the last week of September", "DATE", "2019-W39")
    ]
    assert found("The vote is set for the second week of March 2020.") == [
        ("the second week of March 2020", "DATE", "2020-W11")
    ]


def test_reason_names_the_expression_as_tagged() -> None:
    timex = only("Tuesday's vote was close.", anchor=None)
    assert (timex.text, timex.value, timex.reason) == (
        "Tuesday",
        None,
        "no publication date to anchor 'Tuesday'",
    )


def test_overnight_meaning_suddenly_is_no_time() -> None:
    assert found("Peace will not come overnight.") == []
    assert found("It won't happen overnight.") == []
    assert found("Prices doubled almost overnight.") == []


def test_halves_and_frequencies() -> None:
    assert found("Half an hour later, police arrived.") == [("Half an hour", "DURATION", "PT30M")]
    assert found("The empire lasted half a century.") == [("half a century", "DURATION", "P50Y")]
    assert found("The council meets twice a week.") == [("twice a week", "SET", "P1W")]
    assert found("Inspections happen three times a year.") == [("three times a year", "SET", "P1Y")]


def test_a_count_of_days_from_a_written_day() -> None:
    assert found("The deal was signed two days before Christmas.") == [
        ("two days before Christmas", "DATE", "2018-12-23")
    ]
    assert found("Troops left three weeks after March 3.") == [
        ("three weeks after March 3", "DATE", "2019-03-24")
    ]
    assert found("The law passed six months after Jan. 31, 2019.") == [
        ("six months after Jan. 31, 2019", "DATE", "2019-07-31")
    ]
    # a span or an approximate count stays a duration
    assert found("The two days before Christmas are busy.")[0] == ("The two days", "DURATION", "P2D")
    assert found("It lasted about two days before Monday.")[0] == ("about two days", "DURATION", "P2D")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # votes, releases and announcements look ahead only with a cue of the future; their
        # bare present is also a headline's report of what happened (see the review fixes)
        ("Parliament is due to vote on the bill on Thursday.", "2019-09-12"),
        ("The panel will release its findings Friday.", "2019-09-13"),
        ("The ministry plans to announce the figures on Wednesday.", "2019-09-11"),
        ("The ministry announces the figures on Wednesday.", "2019-09-04"),
        # as nouns after a determiner they say nothing: the clause's past decides
        ("He said the vote on Thursday was close.", "2019-09-05"),
    ],
)
def test_more_verbs_of_schedules(text: str, value: str) -> None:
    assert only(text, "2019-09-09").value == value

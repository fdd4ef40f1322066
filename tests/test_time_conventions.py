"""TimeML conventions the time stage follows (issue 5): periods, holidays, days named by another day.

Each test sentence is written for this file. The conventions are the TimeML 1.2.1 ones the
TempEval-3 training corpus follows consistently; see docs/quality.md, "Time expressions".
"""

from __future__ import annotations

import pytest

from communique.models import Timex
from communique.time import find_timexes


def found(text: str, anchor: str | None) -> list[tuple[str, str, str | None, str | None]]:
    return [(t.text, t.type, t.value, t.mod) for t in find_timexes(text, anchor=anchor)]


def one(text: str, anchor: str | None) -> Timex:
    timexes = find_timexes(text, anchor=anchor)
    assert len(timexes) == 1, timexes
    return timexes[0]


def test_year_end_is_the_year_with_an_end_modifier() -> None:
    assert found("The merger should close by year end.", "2011-05-04") == [
        ("year end", "DATE", "2011", "END")
    ]
    assert found("New rules take effect by year's end.", "2011-05-04") == [
        ("year's end", "DATE", "2011", "END")
    ]
    assert found("The index has slipped 3% since year-end.", "2011-05-04") == [
        ("year-end", "DATE", "2010", "END")
    ]
    assert one("The plant closes by year end.", None).value is None


def test_election_day_is_the_us_date_only_for_a_us_election() -> None:
    # another country's polling day has no fixed date: tagged without a value
    text = "Britain holds its general election on Dec. 12; Election Day turnout is expected to be high."
    assert found(text, "2019-11-20")[-1] == ("Election Day", "DATE", None, None)
    kenya = "Election Day in Kenya falls on Aug. 9."
    assert found(kenya, "2022-03-01")[0] == ("Election Day", "DATE", None, None)
    # far from a US election and no US cue: no value either
    assert found("Queues were long on Election Day.", "2017-05-01") == [("Election Day", "DATE", None, None)]
    # a US cue in the sentence or the paragraph gives the US date whatever the season
    assert found("Democrats in Ohio say turnout will be low on Election Day.", "2022-03-01") == [
        ("Election Day", "DATE", "2022-11-08", None)
    ]
    # another country's Independence Day has its own date; a bare one is July 4
    assert found("Crowds filled the streets of Accra for Ghana's Independence Day.", "2019-03-01") == [
        ("Independence Day", "DATE", None, None)
    ]
    assert found("Fireworks lit the sky on Independence Day.", "2019-03-01")[0][2] == "2019-07-04"
    text = "The Senate race is close in Arizona.\nBoth campaigns will need volunteers on Election Day."
    assert found(text, "2024-02-01")[-1] == ("Election Day", "DATE", "2024-11-05", None)


@pytest.mark.parametrize(
    ("text", "us"),
    [
        # a people, an adjective or a possessive names its country; Senate/Democrats are no US cue
        ("Ghanaians vote for parliament and the Senate on Election Day, observers in Accra say.", False),
        ("Peru's Election Day brought monitors from the United States and Canada.", False),
        ("The Colombian Senate contest fills Election Day broadcasts in Bogota.", False),
        ("On Election Day, the Danish Democrats expect gains.", False),
        ("Latin American bond markets are quiet on Election Day.", False),
        # the country named nearest the holiday decides
        ("Brazil's currency slipped as Election Day approached in the United States.", True),
        ("Canadian observers watched the U.S. Election Day closely.", True),
        ("Volunteers in New Mexico knock on doors until Election Day.", True),
    ],
)
def test_the_country_named_nearest_election_day_decides(text: str, us: bool) -> None:
    value = found(text, "2023-03-01")[0][2]
    assert (value is not None) is us, value


def test_another_country_named_nearer_keeps_independence_day_undated() -> None:
    text = "Kenya marks Independence Day with a parade; the US ambassador came."
    assert found(text, "2023-03-01") == [("Independence Day", "DATE", None, None)]
    # a country beyond a clause break is farther than one in the holiday's own clause
    text = "Kenya marks Independence Day; US envoys came."
    assert found(text, "2023-03-01") == [("Independence Day", "DATE", None, None)]
    text = "Mexican diplomats will join the US Independence Day party."
    assert found(text, "2023-03-01")[0][2] == "2023-07-04"


def test_the_country_is_looked_for_near_the_mention_only() -> None:
    # a long paragraph: a US cue far back is out of reach, so each mention costs a bounded scan
    filler = "Turnout grew in many towns and villages this year " * 200
    text = "Congress met. " + filler + "and Election Day turnout was high."
    assert found(text, "2017-05-01")[-1] == ("Election Day", "DATE", None, None)
    assert found("Congress met. " + filler[:500] + "and Election Day turnout was high.", "2017-05-01")[-1][2]


def test_holidays_named_relative_to_the_publication_date() -> None:
    assert found("Turnout was high on Election Day.", "2010-11-05") == [
        ("Election Day", "DATE", "2010-11-02", None)
    ]
    assert found("Polls open on Election Day.", "2012-10-01") == [
        ("Election Day", "DATE", "2012-11-06", None)
    ]
    assert found("The ferry sank last Thanksgiving.", "2003-06-10") == [
        ("last Thanksgiving", "DATE", "2002-11-28", None)
    ]
    assert found("The shop reopens next Christmas.", "2003-06-10") == [
        ("next Christmas", "DATE", "2003-12-25", None)
    ]
    assert found("Last Christmas the bridge was shut.", "2004-01-20")[0][2] == "2003-12-25"
    # "election day" in lower case is a common noun, not the holiday
    assert found("On election day the streets were empty.", "2010-11-05") == []


def test_a_holiday_week_is_the_week_that_holds_the_holiday() -> None:
    # Easter 2006 was April 16, a Sunday: the ISO week that ends with it
    assert found("Pilgrims arrived as Easter week began.", "2006-04-12") == [
        ("Easter week", "DATE", "2006-W15", None)
    ]
    assert found("Shops were crowded in Christmas week, 2005.", "2006-04-12")[0][2] == "2005-W51"


def test_the_week_of_a_date_and_the_day_next_to_a_date() -> None:
    assert found("A ruling is expected the week of June 12.", "2006-05-30") == [
        ("the week of June 12", "DATE", "2006-W24", None)
    ]
    assert found("The day before Monday's vote, the mayor resigned.", "2006-05-31") == [
        ("The day before Monday", "DATE", "2006-05-28", None)
    ]
    assert found("They flew home the day after Christmas.", "2006-01-09") == [
        ("the day after Christmas", "DATE", "2005-12-26", None)
    ]
    # a part of the day before or after a day is a TIME with that part
    assert found("The fire started the night before June 5.", "2006-06-07") == [
        ("the night before June 5", "TIME", "2006-06-04TNI", None)
    ]
    assert found("Crowds filled the shops the morning after Christmas.", "2006-01-09") == [
        ("the morning after Christmas", "TIME", "2005-12-26TMO", None)
    ]
    # "the night of" a day is the day itself, as the corpus draws it
    assert found("The fire started on the night of June 3.", "2006-06-07")[0][1:3] == ("DATE", "2006-06-03")
    # with no date after it, "the day before" is not a date of its own
    assert found("It had snowed the day before.", "2006-01-09") == []


def test_the_previous_weekday_is_counted_from_the_day_the_story_tells() -> None:
    # The story is about Thursday 2014-03-13; "the previous Thursday" is a week before it.
    text = "Copper closed higher on Thursday, up 2% from the previous Thursday."
    assert found(text, "2014-03-17") == [
        ("Thursday", "DATE", "2014-03-13", None),
        ("the previous Thursday", "DATE", "2014-03-06", None),
    ]
    # With no day told before it, it is the one before the publication date.
    assert found("Bids rose from the previous Wednesday.", "2014-03-17") == [
        ("the previous Wednesday", "DATE", "2014-03-12", None)
    ]
    text = "The talks ended on April 2, 2014, and a deal was signed the following Monday."
    assert found(text, "2014-05-01")[-1] == ("the following Monday", "DATE", "2014-04-07", None)


def test_a_clock_time_or_a_title_does_not_end_the_sentence_that_gives_the_tense() -> None:
    # "a.m. EDT" is no sentence end: "will" still governs the day after it
    text = "''The convoy will leave at 5 a.m. EDT Saturday,'' the mayor said. Roads were shut."
    assert found(text, "2009-06-10") == [("5 a.m. EDT Saturday", "TIME", "2009-06-13T05:00", None)]
    assert found("Gen. Ortiz will visit the base on Friday.", "2009-06-10") == [
        ("Friday", "DATE", "2009-06-12", None)
    ]
    # a clock time before an ordinary capital still ends its sentence
    assert found("It closed at 5 p.m. The inquiry was opened on Monday.", "2009-06-10")[-1][2] == "2009-06-08"


def test_a_past_form_after_a_modal_is_an_infinitive() -> None:
    # "set" and "put" look past; after "will" or "to" they are infinitives and the modal decides
    assert found("The crews will set out for the coast on Friday.", "2009-06-10") == [
        ("Friday", "DATE", "2009-06-12", None)
    ]
    assert found("The crews set out for the coast on Friday.", "2009-06-10") == [
        ("Friday", "DATE", "2009-06-05", None)
    ]


def test_a_fronted_date_takes_the_tense_of_its_distant_main_verb() -> None:
    # the main verb is more than a dozen words after the month; "vs." does not end the sentence
    text = (
        "In March, two weeks after the ruling in the long Smith vs. Jones dispute over the old mill, "
        "a fire in the east wing destroyed the archive."
    )
    assert found(text, "2012-11-20")[0] == ("March", "DATE", "2012-03", None)
    text = (
        "In July, once the long review of the harbour plans by the three councils of the region ends, "
        "work will start."
    )
    assert found(text, "2012-11-20")[0] == ("July", "DATE", "2013-07", None)


def test_a_possessive_weekday_names_an_event_already_reported() -> None:
    # published on Friday 2015-01-09: the court's ruling was on Wednesday the 7th, even
    # though the clause around it looks ahead
    text = "The family said it would try to overturn Wednesday's ruling by the court."
    assert found(text, "2015-01-09") == [("Wednesday", "DATE", "2015-01-07", None)]
    # a story waiting for the event looks ahead
    assert found("Shares rose ahead of Tuesday's vote on the merger.", "2015-01-09") == [
        ("Tuesday", "DATE", "2015-01-13", None)
    ]
    # "will" still looks ahead
    assert found("Voters will choose a mayor in Sunday's runoff.", "2015-01-09") == [
        ("Sunday", "DATE", "2015-01-11", None)
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The party is expected to win Sunday's election.", "2015-01-11"),
        ("Sunday's vote will decide the matter.", "2015-01-11"),
        ("Lawmakers plan to debate the bill at Thursday's session.", "2015-01-08"),
        ("The president is due to speak at Friday's summit.", "2015-01-09"),
        ("Organisers are scheduled to announce the lineup at Saturday's press conference.", "2015-01-10"),
        ("Officials hope to reach a deal in time for Friday's deadline.", "2015-01-09"),
        ("Turnout at Thursday's poll is expected to be low.", "2015-01-08"),
        ("The squad is training hard for Saturday's final.", "2015-01-10"),
        ("The unions set out their demands in the run-up to Friday's talks.", "2015-01-09"),
        # the clause is past, the event unforeseen, or "would" reports a past view
        ("The turnout in Sunday's election was the lowest in decades.", "2015-01-04"),
        ("The company will appeal Monday's ruling.", "2015-01-05"),
        ("Ministers said they would study Tuesday's report closely.", "2015-01-06"),
        ("Police will question the driver about Saturday's crash.", "2015-01-03"),
        # "for" alone is no preparation: the search is for people of an event over
        ("Detectives are hunting for Monday's gunmen.", "2015-01-05"),
        ("Doctors are caring for Sunday's victims.", "2015-01-04"),
        ("The town is bracing for Friday's storm front.", "2015-01-09"),
        ("Both clubs are gearing up for Saturday's derby.", "2015-01-10"),
    ],
)
def test_a_possessive_weekday_looks_ahead_when_the_sentence_does(text: str, value: str) -> None:
    # published on Wednesday 2015-01-07
    assert one(text, "2015-01-07").value == value


def test_a_sentence_ends_after_a_closing_quotation_mark() -> None:
    # the reporting verb of the next sentence must not give its tense to the quote's timex
    for close, open_ in (("”", "“"), ("''", "``"), ('"', '"')):
        text = f"{open_}Prices will fall sharply and steadily in the autumn.{close} The report said so."
        assert found(text, "2016-03-01") == [("the autumn", "DATE", "2016-FA", None)], close


def test_a_month_used_before_a_noun() -> None:
    assert found("The March referendum will decide the matter.", "2021-01-15") == [
        ("March", "DATE", "2021-03", None)
    ]
    # a name or a march, not a month
    assert found("The March on Rome is a dark memory.", "2021-01-15") == []
    assert found("The March organisers said the police had closed the bridge.", "2021-06-15") == []
    assert found("Students and nurses joined the March against the cuts.", "2021-06-15") == []
    # a report, a meeting or a vote named by its month is the month
    assert found("The March jobs report surprised economists.", "2021-06-15")[0][2] == "2021-03"
    assert found("Its March meeting was cancelled.", "2021-06-15")[0][2] == "2021-03"
    assert found("Theresa May spoke. The May government fell.", "2021-01-15") == []


def test_the_next_day_follows_the_story() -> None:
    text = "The flood peaked on March 3, 2011. The next day, the roads reopened."
    assert found(text, "2011-05-09")[-1] == ("The next day", "DATE", "2011-03-04", None)
    # with no day told before it, the day after the publication date
    assert found("Results are due the next day.", "2011-05-09") == [
        ("the next day", "DATE", "2011-05-10", None)
    ]


def test_a_present_tense_verb_of_schedules_looks_ahead() -> None:
    # published on Friday 2014-05-02: the ministers meet on the coming Monday
    assert found("The two ministers meet separately Monday with the mediator.", "2014-05-02") == [
        ("Monday", "DATE", "2014-05-05", None)
    ]
    assert found("The court convenes Tuesday to hear the appeal.", "2014-05-02")[0][2] == "2014-05-06"
    # both present forms count ("begin" as well as "begins")
    assert found("The hearings begin on Monday.", "2014-05-07")[0][2] == "2014-05-12"
    assert found("Both leaders visit the border town on Friday.", "2014-05-07")[0][2] == "2014-05-09"
    # the present of a fixed event before its day ("ends", "takes effect", "head to the polls")
    for text, value in (
        ("The summit ends on Friday.", "2014-05-09"),
        ("The new tariff takes effect on Monday.", "2014-05-12"),
        ("Voters head to the polls on Sunday.", "2014-05-11"),
        ("Analysts expect a rate cut on Thursday.", "2014-05-08"),
        ("The deadline for bids is Friday.", "2014-05-09"),
        ("The final vote is on Monday.", "2014-05-12"),
        ("The final vote was on Monday.", "2014-05-05"),
    ):
        assert found(text, "2014-05-07")[0][2] == value, text
    # the same words as nouns after the day are not verbs: "as of Friday's close"
    assert found("Shares were flat as of Friday's close.", "2014-05-07")[0][2] == "2014-05-02"
    # in a time clause the present is no schedule: the main clause's tense decides
    assert found("When the exchange opens on Monday, prices fell 3%.", "2014-05-07")[0][2] == "2014-05-05"
    assert found("Once the talks resume on Monday, both sides will table offers.", "2014-05-07")[0][2] == (
        "2014-05-12"
    )
    # a noun or an adjective is no verb of schedules
    visit = "During a brief visit on Monday, the envoy praised the plan."
    assert found(visit, "2014-05-07")[0][2] == "2014-05-05"
    assert found("The museum was open on Monday.", "2014-05-07")[0][2] == "2014-05-05"
    # an infinitive is no schedule: the past verb before it decides
    assert found("The plant struggled to meet orders in the summer.", "2014-10-20")[0][2] == "2014-SU"

"""The quotes stage on news passages written for these tests (no benchmark text).

Each passage goes through the whole pipeline (extraction, parse, actors, quotes), as an
article would, and the tests assert what the stage returns: cue, content, kind, speaker
span and the actor the speaker was linked to.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.quote_support import actor as _actor
from tests.quote_support import code as _code
from tests.quote_support import quote as _quote

from communique.models import Quote
from communique.quotes import find_quotes


def _speaker(quote: Quote) -> str | None:
    return quote.speaker.text if quote.speaker else None


# --- wire copy -------------------------------------------------------------------------


def test_dateline_is_not_the_speaker_and_the_minister_is_the_named_one(pipeline: Any) -> None:
    text = (
        "HANOI (Wire) - Vietnam's trade minister said on Tuesday that exports of rice would "
        "be capped until the harvest improved.\n\n"
        "“We must feed our own people first,” the minister said. “Then we will sell.”\n\n"
        "Buyers in the region have not yet reacted to the cap."
    )
    coded = _code(pipeline, text)
    first = _quote(coded, "exports of rice")
    assert _speaker(first) == "Vietnam's trade minister"
    second = _quote(coded, "feed our own people")
    # the quotation after the cue continues it; the cue between them keeps it direct
    assert second.kind == "direct"
    assert second.content.text.endswith("“Then we will sell.”")
    assert _speaker(second) == "the minister"
    assert second.speaker_actor_id == first.speaker_actor_id is not None


def test_dateline_with_a_date_before_an_organisation(pipeline: Any) -> None:
    text = (
        "NAIROBI, 4 June - The African Union today announced a new fund to support farmers "
        "hit by the drought in the Horn of Africa.\n\n"
        "The fund will open in September, officials said."
    )
    coded = _code(pipeline, text)
    announced = _quote(coded, "new fund")
    assert _speaker(announced) == "The African Union"


def test_speaker_does_not_start_inside_the_quotation(pipeline: Any) -> None:
    text = (
        "The Organization of American States criticised the count in the capital.\n\n"
        "“The count was neither clean nor complete” the group's observer mission said in a "
        "report released on Monday."
    )
    coded = _code(pipeline, text)
    report = _quote(coded, "neither clean")
    assert report.kind == "direct"
    assert _speaker(report) == "the group's observer mission"
    # "a report released on Monday" is no attribution of "Monday"
    assert not [q for q in coded.quotes if q.content.text.strip() == "Monday"]


def test_date_alone_is_never_content(pipeline: Any) -> None:
    text = (
        "Brazilian President Luiz Inacio Lula da Silva spoke in Brasilia on Thursday about "
        "the rainforest. He said that logging had fallen by half."
    )
    coded = _code(pipeline, text)
    assert all(q.content.text != "Thursday" for q in coded.quotes)
    said = _quote(coded, "logging had fallen")
    assert _speaker(said) == "He"
    actor = _actor(coded, said)
    assert actor is not None and "Lula" in actor.name


# --- nominal speakers -------------------------------------------------------------------


def test_description_with_modifier_picks_the_matching_earlier_actor(pipeline: Any) -> None:
    text = (
        "Israeli Defence Minister Yoav Gallant visited soldiers near the northern border on "
        "Sunday. Prime Minister Benjamin Netanyahu stayed in Jerusalem for a cabinet meeting. "
        "“We are ready for any scenario,” the defence minister said."
    )
    coded = _code(pipeline, text)
    quote = _quote(coded, "any scenario")
    actor = _actor(coded, quote)
    assert actor is not None and "Gallant" in actor.name  # not the nearer Netanyahu


def test_the_ministry_skips_a_nearer_wrong_subject(pipeline: Any) -> None:
    text = (
        "Russian forces shelled the port overnight, Ukraine's defence ministry said. "
        "Russia denied the attack. The ministry said four civilians were killed."
    )
    coded = _code(pipeline, text)
    first = _quote(coded, "shelled the port")
    last = _quote(coded, "four civilians")
    assert _speaker(last) == "The ministry"
    assert last.speaker_actor_id == first.speaker_actor_id is not None
    actor = _actor(coded, last)
    assert actor is not None and actor.country == "UKR"


def test_the_chancellor_is_the_chancellor_not_the_last_subject(pipeline: Any) -> None:
    text = (
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on "
        "Friday. Macron praised the talks. The chancellor said Germany would back the plan."
    )
    coded = _code(pipeline, text)
    quote = _quote(coded, "back the plan")
    actor = _actor(coded, quote)
    assert actor is not None and "Scholz" in actor.name


def test_the_official_and_the_spokeswoman_in_apposition(pipeline: Any) -> None:
    text = (
        "A senior US official met Chinese Foreign Minister Wang Yi in Beijing on Monday. "
        "The official said the talks had been “candid and useful”.\n\n"
        "The White House spokeswoman Karine Jean-Pierre spoke after the meeting. "
        "The spokeswoman said the two sides had agreed to meet again."
    )
    coded = _code(pipeline, text)
    official = _quote(coded, "candid")
    assert official.kind == "mixed"
    actor = _actor(coded, official)
    assert actor is not None and actor.country == "USA" and "Wang" not in actor.name
    spokeswoman = _quote(coded, "meet again")
    actor = _actor(coded, spokeswoman)
    assert actor is not None and actor.name == "Karine Jean-Pierre"


def test_role_in_apposition_to_a_name_is_that_person(pipeline: Any) -> None:
    text = (
        "Russia's foreign ministry rejected the report on Friday. The ministry's spokeswoman, "
        "Maria Zakharova, said the claims were “absurd and baseless”."
    )
    coded = _code(pipeline, text)
    quote = _quote(coded, "absurd")
    actor = _actor(coded, quote)
    assert actor is not None and actor.name == "Maria Zakharova"


def test_transcript_labels_are_names_not_descriptions(pipeline: Any) -> None:
    text = (
        "ANCHOR: Good evening. Tonight the president spoke about the border crisis.\n\n"
        "SENATOR KLEIN: We are going to fix this, and we are going to do it fairly.\n\n"
        "ANCHOR: Our correspondent in the capital has more on the story tonight."
    )
    coded = _code(pipeline, text)
    labelled = _quote(coded, "going to fix this")
    assert _speaker(labelled) == "SENATOR KLEIN"
    anchor = _quote(coded, "has more on the story")
    assert _speaker(anchor) == "ANCHOR"
    assert anchor.speaker_actor_id is None  # not the president mentioned earlier


@pytest.mark.parametrize(
    "text",
    [
        "“The sanctions,” the Iranian president said, “are a crime against our people.”",
        "“Growth is slowing,” said Maria Ortiz, Mexico's finance minister. “We will act.”",
    ],
)
def test_quotation_split_by_its_cue_is_direct(pipeline: Any, text: str) -> None:
    coded = _code(pipeline, text)
    (quote,) = coded.quotes
    assert quote.kind == "direct"
    assert quote.cue is not None and quote.cue.text == "said"


# --- single quotation marks -------------------------------------------------------------


def test_british_single_marks_are_quotations(pipeline: Any) -> None:
    text = (
        "‘We were never told about the flooding risk,’ said Amira Khan, who lives on the "
        "estate.\n\n"
        "Residents say the council ignored repeated warnings. ‘They knew and did nothing,’ "
        "one neighbour said."
    )
    coded = _code(pipeline, text)
    first = _quote(coded, "flooding risk")
    assert first.kind == "direct"
    assert first.content.text == "‘We were never told about the flooding risk,’"
    assert _speaker(first) == "Amira Khan"
    second = _quote(coded, "did nothing")
    assert second.content.text == "‘They knew and did nothing,’"
    assert _speaker(second) == "one neighbour"
    assert second.speaker_actor_id is None  # nobody named: no actor is invented


def test_straight_single_marks_after_a_colon(pipeline: Any) -> None:
    text = (
        "Speaking to the radio station, the health secretary said: 'We are going to fix the "
        "hospitals, not sell them off.'\n\nHe added that waiting lists would fall by spring."
    )
    coded = _code(pipeline, text)
    quote = _quote(coded, "fix the hospitals")
    assert quote.kind == "direct"
    assert quote.content.text == "'We are going to fix the hospitals, not sell them off.'"


def test_quoted_subheading_is_not_a_continuation(pipeline: Any) -> None:
    text = (
        "“The plant will close in June,” the company's director, Lena Fischer, told workers "
        "in Leipzig on Monday.\n\n"
        "‘A Hard Winter Ahead.’\n\n"
        "The closure will cost about 400 jobs in the region, according to the union."
    )
    coded = _code(pipeline, text)
    assert not [q for q in coded.quotes if "Hard Winter" in q.content.text]


def test_quotation_split_by_cue_after_a_comma_is_one_quote(pipeline: Any) -> None:
    text = (
        "“We are ready,” President Cyril Ramaphosa told lawmakers in Cape Town, “but we will "
        "not be rushed into a bad deal.”"
    )
    coded = _code(pipeline, text)
    (quote,) = coded.quotes
    assert quote.kind == "direct"
    assert quote.content.text.endswith("into a bad deal.”")
    actor = _actor(coded, quote)
    assert actor is not None and "Ramaphosa" in actor.name


def test_speaking_on_condition_of_anonymity_is_no_content(pipeline: Any) -> None:
    text = (
        "Two senior officials told the agency that the deal had collapsed. They spoke on "
        "condition of anonymity. The envoy spoke on the sidelines of the summit in Doha."
    )
    coded = _code(pipeline, text)
    assert [q.content.text for q in coded.quotes] == ["that the deal had collapsed"]


def test_quotation_with_no_speaker_anywhere_says_so(pipeline: Any) -> None:
    text = (
        "Fighting resumed in the east of the country on Sunday after the ceasefire collapsed.\n\n"
        "“Nobody believes in peace any more. We just want to survive.”\n\n"
        "The United Nations has called for new talks between the two sides."
    )
    coded = _code(pipeline, text)
    quote = _quote(coded, "Nobody believes")
    assert quote.kind == "direct"
    assert quote.cue is None and quote.speaker is None and quote.speaker_actor_id is None
    assert quote.reason == "no cue or speaker for this quotation"


def test_pronouns_prefer_plural_subjects_and_named_appositions(pipeline: Any) -> None:
    text = (
        "Farmers blocked roads across France on Monday. The government promised new aid. "
        "They said the aid was not enough.\n\n"
        "The World Bank cut its growth forecast for Africa on Tuesday. Its chief economist, "
        "Indermit Gill, said that high debt was holding back investment. He said the bank "
        "would publish a new report in June."
    )
    coded = _code(pipeline, text)
    they = _actor(coded, _quote(coded, "not enough"))
    assert they is not None and "government" not in they.name.lower()
    he = _actor(coded, _quote(coded, "new report"))
    assert he is not None and he.name == "Indermit Gill"


def test_bare_plurals_and_other_roles_link_to_nobody_wrong(pipeline: Any) -> None:
    text = (
        "Kenyan President William Ruto met Vice President Kamala Harris in Washington. "
        "Experts say the visit will bring new investment. The vice president said trade would "
        "grow. The president said Kenya was ready."
    )
    coded = _code(pipeline, text)
    experts = _quote(coded, "new investment")
    assert _speaker(experts) == "Experts" and experts.speaker_actor_id is None
    vice = _actor(coded, _quote(coded, "trade would grow"))
    assert vice is not None and "Harris" in vice.name
    president = _actor(coded, _quote(coded, "Kenya was ready"))
    assert president is not None and "Ruto" in president.name


def test_quotation_after_a_colon_paragraph_and_headline_colon_quotes(pipeline: Any) -> None:
    text = (
        "Police chief: ‘No arrests yet’ after city shooting\n\n"
        "The statement from the foreign ministry was brief:\n\n"
        "“We will respond to any attack on our territory.”\n\n"
        "The capital did not say how."
    )
    quotes = find_quotes(pipeline.nlp(text))  # the headline stays in: no extraction
    headline = next(q for q in quotes if "No arrests" in q.content.text)
    assert _speaker(headline) == "Police chief"
    assert headline.content.text == "‘No arrests yet’ after city shooting"
    assert headline.kind == "mixed"
    statement = next(q for q in quotes if "respond to any attack" in q.content.text)
    assert _speaker(statement) == "The statement from the foreign ministry"


# --- a table of passages: what each quote's cue, speaker and kind come out as ------------

_TABLE = [
    # (passage, a piece of the content, cue, speaker, kind)
    (
        "Japanese Prime Minister Hiro Tanaka addressed parliament on Monday.\n\n"
        "Tanaka said: “Our country will not accept any change to the status quo by force.”\n\n"
        "Opposition lawmakers applauded the speech.",
        "status quo",
        "said",
        "Tanaka",
        "direct",
    ),
    (
        "The plan drew immediate fire from the unions. “This is a betrayal of our workers,” said "
        "Smith, who leads the largest union. Employers welcomed the plan.",
        "betrayal",
        "said",
        "Smith",
        "direct",
    ),
    (
        "Prime Minister Anna Berg spoke at length about the crisis.\n\n"
        "“We have made mistakes, and I take responsibility for them.\n\n"
        "“But we will not abandon the people who need us most.\n\n"
        "“Nobody will be left behind,” Berg said.\n\nThe opposition called the speech empty.",
        "made mistakes",
        "said",
        "Berg",
        "direct",
    ),
    (
        "China's commerce ministry said on Thursday that it would impose new tariffs on "
        "American soybeans. A ministry spokesman told reporters the measures would take effect "
        "in March.",
        "take effect",
        "told",
        "A ministry spokesman",
        "indirect",
    ),
    (
        "The United States urged Seoul to extend the intelligence-sharing pact. Washington also "
        "warned North Korea not to conduct another missile test.",
        "not to conduct",
        "warned",
        "Washington",
        "indirect",
    ),
    (
        "The United Nations Secretary-General called for an immediate ceasefire on Friday. "
        "Egypt called on both sides to show restraint.",
        "show restraint",
        "called on",
        "Egypt",
        "indirect",
    ),
    (
        "At least 12 people were killed in the blast, according to the Iraqi interior ministry. "
        "The bomb went off near a crowded market.",
        "12 people",
        "according to",
        "the Iraqi interior ministry",
        "indirect",
    ),
    (
        "Iran's oil minister told Reuters on Wednesday that output would rise by 200,000 "
        "barrels a day. He told reporters in Tehran that sanctions had failed.",
        "output would rise",
        "told",
        "Iran's oil minister",
        "indirect",
    ),
    (
        "Turkish President Recep Tayyip Erdogan said the operation would continue until the "
        "“last militant is neutralised” and that Ankara would not bow to pressure.",
        "operation would continue",
        "said",
        "Turkish President Recep Tayyip Erdogan",
        "mixed",
    ),
    (
        "“He told me, ‘We will never sign that deal,’ and then he walked out,” said the "
        "Canadian negotiator, Sarah Wong.",
        "never sign",
        "said",
        "the Canadian negotiator",
        "direct",
    ),
    (
        "French President Emmanuel Macron said: «Europe must learn to defend itself.» He spoke "
        "in Paris on Tuesday.",
        "defend itself",
        "said",
        "French President Emmanuel Macron",
        "direct",
    ),
    (
        "The senator said “we will fight this in court and walked out of the chamber.\n\n"
        "Reporters asked him about the vote. He said nothing more.",
        "fight this in court",
        "said",
        "The senator",
        "direct",
    ),
    (
        "NATO held an emergency meeting on Tuesday. It said the alliance would boost its "
        "presence on the eastern flank.",
        "eastern flank",
        "said",
        "It",
        "indirect",
    ),
    (
        "Two people were killed in the attack, officials said. The army said the attackers "
        "escaped across the border.",
        "Two people",
        "said",
        "officials",
        "indirect",
    ),
    (
        "The Kremlin denied that Russian troops were in Moldova. Dmitry Peskov, the Kremlin "
        "spokesman, said the reports were fabricated.",
        "fabricated",
        "said",
        "Dmitry Peskov",
        "indirect",
    ),
    (
        "China accused the Philippines of provoking a confrontation near the shoal. Manila "
        "rejected the accusation.",
        "provoking",
        "accused the Philippines of",
        "China",
        "indirect",
    ),
    (
        "The attack, according to local police, killed at least nine people in the market town.",
        "nine people",
        "according to",
        "local police",
        "indirect",
    ),
    (
        "Thai Prime Minister Srettha Thavisin called the flooding “a national emergency” and "
        "promised aid to the provinces.",
        "national emergency",
        "called",
        "Thai Prime Minister Srettha Thavisin",
        "mixed",
    ),
    (
        "“The situation is deteriorating by the hour,” said Martin Griffiths, the UN's "
        "humanitarian chief, at a briefing in Geneva.",
        "deteriorating",
        "said",
        "Martin Griffiths",
        "direct",
    ),
    (
        "Elon Musk wrote on his social network that the company would appeal the ruling. The "
        "European Commission said it would study the appeal.",
        "appeal the ruling",
        "wrote",
        "Elon Musk",
        "indirect",
    ),
    (
        "Hamas vowed to continue fighting. Israel's prime minister pledged to destroy the group.",
        "destroy the group",
        "pledged",
        "Israel's prime minister",
        "indirect",
    ),
    (
        "Zambian President Hakainde Hichilema addressed the nation on Sunday evening.\n\n"
        "“Our country is facing the worst drought in living memory.\n\n"
        "“I am therefore declaring a national disaster,” he said.",
        "worst drought",
        "said",
        "he",
        "direct",
    ),
    (
        "FOR IMMEDIATE RELEASE\n\nLONDON, 12 May 2026 - Acme Energy plc today reported record "
        "profits for the first quarter.\n\n“These results show the strength of our strategy,” "
        "said Jane Doe, Chief Executive of Acme Energy. “We expect another strong year.”",
        "strength of our strategy",
        "said",
        "Jane Doe",
        "direct",
    ),
    (
        "JOHNSON: Thank you. The prime minister told the house today that the tax would go.\n\n"
        "SMITH: And what did the opposition say about it tonight?\n\n"
        "JOHNSON: They said, and I quote, “this is far too little, far too late.”",
        "far too late",
        ":",
        "JOHNSON",
        "mixed",
    ),
]


@pytest.mark.parametrize(("text", "needle", "cue", "speaker", "kind"), _TABLE)
def test_passage_table(pipeline: Any, text: str, needle: str, cue: str, speaker: str, kind: str) -> None:
    coded = _code(pipeline, text)
    quote = _quote(coded, needle)
    assert (quote.cue.text if quote.cue else None, _speaker(quote), quote.kind) == (cue, speaker, kind)
    assert coded.article.text[quote.content.start : quote.content.end] == quote.content.text


def test_clause_hung_on_the_addressee_and_where_it_was_posted(pipeline: Any) -> None:
    text = (
        "Britain's foreign secretary told the BBC's morning programme that sanctions would stay. "
        "In a post on social media, the Brazilian president said the summit had been a success."
    )
    coded = _code(pipeline, text)
    told = _quote(coded, "sanctions would stay")
    assert told.content.text == "that sanctions would stay"
    assert _speaker(told) == "Britain's foreign secretary"
    assert not [q for q in coded.quotes if q.content.text == "social media"]


def test_inverted_cue_with_its_speaker_read_as_object(pipeline: Any) -> None:
    text = "“This is a good day,” said the mayor, Ana Silva. “A very bad day,” replied her rival, Joao Costa."
    coded = _code(pipeline, text)
    good, bad = _quote(coded, "good day"), _quote(coded, "bad day")
    assert _speaker(good) == "the mayor" and _speaker(bad) == "her rival"
    good_actor, bad_actor = _actor(coded, good), _actor(coded, bad)
    assert good_actor is not None and good_actor.name == "Ana Silva"
    assert bad_actor is not None and bad_actor.name == "Joao Costa"


def test_its_spokesman_and_the_company_speak_for_the_organisation(pipeline: Any) -> None:
    text = (
        "Toyota recalled one million cars in the United States on Monday. Its spokesman said a "
        "faulty sensor could cause the airbags to fail."
    )
    coded = _code(pipeline, text)
    spokesman = _actor(coded, _quote(coded, "faulty sensor"))
    assert spokesman is not None and spokesman.name == "Toyota"


def test_transcript_label_with_party_and_state(pipeline: Any) -> None:
    text = (
        "SEN. MARIA CANTWELL (D-WA): This is a question of fairness for working families.\n\n"
        "BLITZER: The senator spoke earlier today on the floor of the Senate."
    )
    quotes = find_quotes(pipeline.nlp(text))
    fairness = next(q for q in quotes if "fairness" in q.content.text)
    assert _speaker(fairness) == "SEN. MARIA CANTWELL"


def test_nationality_of_a_description_matches_the_actor_country(pipeline: Any) -> None:
    text = (
        "Indian Foreign Minister S. Jaishankar met his Chinese counterpart Wang Yi in Moscow. "
        "The Chinese minister said both sides should calm the situation."
    )
    coded = _code(pipeline, text)
    actor = _actor(coded, _quote(coded, "calm the situation"))
    assert actor is not None and actor.name == "Wang Yi"

"""Speaker links and quote finding on passages a reviewer found wrong (passages written
for these tests): a former office holder, a name in apposition to "its spokesman", plural
descriptions, and the like. Each goes through the whole pipeline as an article would.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from tests.quote_support import actor as _actor
from tests.quote_support import code as _code
from tests.quote_support import quote as _quote

from communique.models import CodedArticle, Quote
from communique.quotes import find_quotes


def _name(coded: CodedArticle, quote: Quote) -> str | None:
    actor = _actor(coded, quote)
    return actor.name if actor else None


def test_the_president_is_not_a_former_president(pipeline: Any) -> None:
    text = (
        "President Joe Biden vetoed the tariff bill on Tuesday. Former President Donald Trump "
        "called the veto a betrayal of workers.\n\n"
        "“This veto protects families from higher prices,” the president said."
    )
    coded = _code(pipeline, text)
    assert _name(coded, _quote(coded, "protects families")) == "Joe Biden"


def test_name_in_apposition_to_its_spokesman_speaks(pipeline: Any) -> None:
    text = (
        "Toyota recalled 40,000 vans over faulty brakes. Its spokesman, Kenji Sato, said no "
        "crashes had been reported."
    )
    coded = _code(pipeline, text)
    assert _name(coded, _quote(coded, "no crashes")) == "Kenji Sato"


def test_plural_description_names_no_single_person(pipeline: Any) -> None:
    text = (
        "The health minister, Ayesha Khan, said doctors had studied the figures for weeks.\n\n"
        "The doctors said more tests were needed before the drug could be approved."
    )
    coded = _code(pipeline, text)
    quote = _quote(coded, "more tests")
    assert quote.speaker is not None and quote.speaker.text == "The doctors"
    assert _name(coded, quote) != "Ayesha Khan"
    text = (
        "The unions and the employers met on Monday to discuss wages.\n\n"
        "The unions said the offer was too low."
    )
    coded = _code(pipeline, text)
    assert _quote(coded, "too low").speaker_actor_id is None  # not the employers


def test_a_subject_inside_reported_speech_is_no_antecedent(pipeline: Any) -> None:
    text = (
        "Germany expelled two Russian diplomats on Monday. Its foreign ministry spokeswoman, "
        "Anna Weber, said Moscow had to end its spying. Its spokeswoman said the decision was final."
    )
    coded = _code(pipeline, text)
    assert _name(coded, _quote(coded, "the decision was final")) == "Germany"


def test_the_company_is_not_an_older_company_past_a_newer_subject(pipeline: Any) -> None:
    text = (
        "Boeing said on Monday it had delivered 30 jets. Airbus said it had delivered 50. "
        "The company also said it expected deliveries to fall next year."
    )
    coded = _code(pipeline, text)
    assert _name(coded, _quote(coded, "deliveries to fall")) != "Boeing"


def test_a_pull_quote_repeating_an_attributed_quotation_is_left_out(pipeline: Any) -> None:
    text = (
        "Ferry pilots fear the drought\n\n"
        "“Nobody here has ever seen the water this low.”\n\n"
        "The lake has fallen to its lowest level in a century after the driest summer on record.\n\n"
        "Boats are stranded along the shore, and ferries have stopped running for the week.\n\n"
        "“Nobody here has ever seen the water this low,” said Marie Dupont, a ferry pilot."
    )
    coded = _code(pipeline, text)
    found = [q for q in coded.quotes if "the water this low" in q.content.text]
    assert len(found) == 1 and found[0].speaker is not None
    assert found[0].speaker.text.startswith("Marie Dupont")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a paragraph ending in a speech verb with no complement introduces the quotation
        ("Asked about the vote, Ruiz told reporters in Madrid\n\n“It was a fair result for all.”", "Ruiz"),
        # a colon introduces even a short quotation
        ("Tom Berg said on Friday:\n\n“Nobody was hurt.”", "Tom Berg"),
    ],
)
def test_quotation_introduced_by_the_paragraph_before(nlp: Language, text: str, speaker: str) -> None:
    quotes = [q for q in find_quotes(nlp(text)) if q.content.text.startswith("“")]
    assert len(quotes) == 1 and quotes[0].speaker is not None
    assert quotes[0].speaker.text == speaker

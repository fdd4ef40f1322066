"""Tests for the quotes stage: quotation marks, cues, kinds and speakers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from communique.models import Actor, Mention, Quote
from communique.quotes import _COLON_AFTER, _end_before, find_quotes
from communique.quotes.marks import quoted_spans
from communique.quotes.speakers import SpeakerResolver, resolve_speaker

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "hankyoreh-2019-09-09-editorial.txt"


def _actor(actor_id: str, name: str, text: str, kind: str = "person", *surfaces: str) -> Actor:
    mentions = []
    for surface in (name, *surfaces):
        start = text.find(surface)
        while start >= 0:
            mentions.append(Mention(start, start + len(surface), surface, actor_id, 0))
            start = text.find(surface, start + 1)
    return Actor(actor_id, name, None, None, tuple(mentions), kind=kind)


def _only(quotes: tuple[Quote, ...], needle: str) -> Quote:
    found = [q for q in quotes if needle in q.content.text]
    assert len(found) == 1, [q.content.text for q in quotes]
    return found[0]


# --- quotation marks -------------------------------------------------------------------


def test_marks_curly_and_straight() -> None:
    text = 'He said “we will win” and then "we will not lose" again.'
    assert [text[s:e] for s, e in quoted_spans(text)] == ["“we will win”", '"we will not lose"']


def test_marks_multi_paragraph_quotation() -> None:
    text = "“The first paragraph goes on,\n\n“and the second one closes,” she said.\n\nAfter."
    spans = quoted_spans(text)
    assert len(spans) == 1
    assert text[spans[0][0] : spans[0][1]].endswith("closes,”")


def test_marks_unclosed_quotation_ends_with_paragraph() -> None:
    text = "She said “this never closes\n\nA new paragraph with no marks."
    assert [text[s:e] for s, e in quoted_spans(text)] == ["“this never closes"]


def test_marks_nested_single_quotes_stay_inside() -> None:
    text = "“He told me ‘go home’ and left,” she said."
    assert [text[s:e] for s, e in quoted_spans(text)] == ["“He told me ‘go home’ and left,”"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "“”‘’\n,.')), max_size=60))
def test_marks_never_crash_and_stay_in_bounds(text: str) -> None:
    for start, end in quoted_spans(text):
        assert 0 <= start < end <= len(text)


# --- direct, indirect and mixed quotes -------------------------------------------------


def test_direct_quote_with_trailing_cue(nlp: Language) -> None:
    text = "“We will not give up on dialogue,” the minister said on Friday."
    (q,) = find_quotes(nlp(text))
    assert q.kind == "direct"
    assert q.content.text == "“We will not give up on dialogue,”"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "the minister"
    assert text[q.content.start : q.content.end] == q.content.text


def test_direct_quote_after_colon_spanning_sentences(nlp: Language) -> None:
    text = "Kim told reporters: “The talks are over. We will not return.”"
    (q,) = find_quotes(nlp(text))
    assert q.kind == "direct"
    assert q.content.text == "“The talks are over. We will not return.”"
    assert q.speaker is not None and q.speaker.text == "Kim"


def test_continued_quotation_is_one_quote(nlp: Language) -> None:
    text = "“The sanctions are not working,” said Ann Lee, a scholar at the institute. “Nothing has changed.”"
    (q,) = find_quotes(nlp(text))
    assert q.content.text.startswith("“The sanctions")
    assert q.content.text.endswith("changed.”")
    assert q.speaker is not None and "Ann Lee" in q.speaker.text


def test_indirect_speech_with_that_clause(nlp: Language) -> None:
    text = "The spokesman said that the government would review the agreement next year."
    (q,) = find_quotes(nlp(text))
    assert q.kind == "indirect"
    assert q.content.text == "that the government would review the agreement next year"
    assert q.speaker is not None and q.speaker.text == "The spokesman"


def test_fronted_indirect_speech(nlp: Language) -> None:
    text = "The talks will resume in October, officials said."
    (q,) = find_quotes(nlp(text))
    assert q.content.text == "The talks will resume in October"
    assert q.speaker is not None and q.speaker.text == "officials"


def test_warned_not_to_and_called_for(nlp: Language) -> None:
    text = "Moscow warned Kyiv not to cross the line. The envoy called for an immediate ceasefire."
    quotes = find_quotes(nlp(text))
    warned = _only(quotes, "not to cross")
    assert warned.cue is not None and warned.cue.text == "warned"
    assert warned.speaker is not None and warned.speaker.text == "Moscow"
    called = _only(quotes, "ceasefire")
    assert called.content.text == "an immediate ceasefire"
    assert called.speaker is not None and called.speaker.text == "The envoy"


def test_intention_and_attitude_are_attributions(nlp: Language) -> None:
    text = "The senator wants to raise the minimum wage. Most unions support the proposal."
    quotes = find_quotes(nlp(text))
    wants = _only(quotes, "raise the minimum wage")
    assert wants.content.text == "to raise the minimum wage"
    assert wants.kind == "indirect"
    assert wants.speaker is not None and wants.speaker.text == "The senator"
    backs = _only(quotes, "proposal")
    assert backs.cue is not None and backs.cue.text == "support"
    assert backs.speaker is not None and backs.speaker.text == "Most unions"


def test_evidence_from_a_poll(nlp: Language) -> None:
    text = "A new survey shows the governor ahead by six points."
    (q,) = find_quotes(nlp(text))
    assert q.content.text == "the governor ahead by six points"
    assert q.speaker is not None and q.speaker.text == "A new survey"


def test_noun_and_adjective_cues(nlp: Language) -> None:
    text = (
        "The mayor's criticism of the new budget surprised nobody. "
        "Local farmers are worried about the drought. "
        "The governor announced his plan to cut property taxes."
    )
    quotes = find_quotes(nlp(text))
    criticism = _only(quotes, "the new budget")
    assert criticism.content.text == "the new budget"
    assert criticism.cue is not None and criticism.cue.text == "criticism of"
    assert criticism.speaker is not None and criticism.speaker.text == "The mayor's"
    worried = _only(quotes, "the drought")
    assert worried.speaker is not None and worried.speaker.text == "Local farmers"
    # the plan sits inside what the governor announced: one attribution, not two
    announced = _only(quotes, "cut property taxes")
    assert announced.cue is not None and announced.cue.text == "announced"


def test_poll_as_evidence_source(nlp: Language) -> None:
    text = "In the latest survey, the senator leads her rival by four points."
    (q,) = find_quotes(nlp(text))
    assert q.cue is not None and q.cue.text == "In"
    assert q.content.text == "the senator leads her rival by four points"
    assert q.speaker is not None and q.speaker.text == "the latest survey"


def test_verb_with_preposition_and_framing(nlp: Language) -> None:
    text = "The rebels accused the army of shelling the town. The minister called him a coward."
    quotes = find_quotes(nlp(text))
    accused = _only(quotes, "shelling the town")
    assert accused.content.text == "shelling the town"
    assert accused.cue is not None and accused.cue.text == "accused the army of"
    called = _only(quotes, "coward")
    assert called.content.text == "him a coward"
    assert called.speaker is not None and called.speaker.text == "The minister"


def test_passive_and_impression_cues(nlp: Language) -> None:
    text = "The former mayor was accused of taking bribes. The race seems closer than ever."
    quotes = find_quotes(nlp(text))
    accused = _only(quotes, "taking bribes")
    assert accused.speaker is None and accused.reason
    seems = _only(quotes, "closer than ever")
    assert seems.content.text == "The race seems closer than ever"
    assert seems.speaker is None and seems.reason


def test_according_to(nlp: Language) -> None:
    text = "According to the ministry, three soldiers were wounded in the attack."
    (q,) = find_quotes(nlp(text))
    assert q.cue is not None and q.cue.text == "According to"
    assert q.speaker is not None and q.speaker.text == "the ministry"
    assert "three soldiers were wounded" in q.content.text


def test_dash_signed_quotation(nlp: Language) -> None:
    text = "“We just want the schools to stay open.” ― Maria Gomez, 41, Ohio"
    (q,) = find_quotes(nlp(text))
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == "Maria Gomez"
    text = (
        "“She never listens and thinks she knows best. How did it come to this?”\xa0―\xa0Dana Whitfield\xa0"
    )
    (q,) = find_quotes(nlp(text))
    assert q.speaker is not None and q.speaker.text == "Dana Whitfield"


def test_writers_own_framing_is_not_a_quote(nlp: Language) -> None:
    assert find_quotes(nlp("Considering that the talks failed, the government should change course.")) == ()
    assert find_quotes(nlp("It is clear that the talks failed.")) == ()
    (q,) = find_quotes(nlp("Diplomats are confident that the talks will resume."))
    assert q.content.text == "that the talks will resume"
    assert q.speaker is not None and q.speaker.text == "Diplomats"


def test_scare_quotes_alone_are_not_quotes(nlp: Language) -> None:
    assert find_quotes(nlp("The so-called “peace plan” was published on Monday.")) == ()


def test_transcript_lines_and_doubled_apostrophes(nlp: Language) -> None:
    text = "WALLACE: Will she be at the debate tomorrow?\n\nHe called the plan ''a disaster,'' aides said."
    quotes = find_quotes(nlp(text))
    transcript = _only(quotes, "Will she be at the debate")
    assert transcript.cue is not None and transcript.cue.text == ":"
    assert transcript.speaker is not None and transcript.speaker.text == "WALLACE"
    assert any("''a disaster,''" in q.content.text for q in quotes)


@pytest.mark.parametrize(
    "text",
    ["", "   ", '"', "“", "”He said.", "He said “", 'She said: "a\n\n"b\n\n"c', "said said said"],
)
def test_malformed_input_never_crashes(nlp: Language, text: str) -> None:
    for q in find_quotes(nlp(text)):
        assert text[q.content.start : q.content.end] == q.content.text


# --- speakers and actors ----------------------------------------------------------------


def test_speakers_of_statements_and_colon_introductions(nlp: Language) -> None:
    text = (
        "The mayor's campaign manager Paul Ortega says in a statement that the contest is now wide open.\n\n"
        "“We won,” Clinton said.\n\n"
        "She then turned to the crowd again: “This is what I would change about the long race.”"
    )
    quotes = find_quotes(nlp(text))
    statement = _only(quotes, "the contest is now wide open")
    assert statement.speaker is not None and "Paul Ortega" in statement.speaker.text
    regret = _only(quotes, "This is what I would change")
    assert regret.speaker is not None and regret.speaker.text == "She"


def test_continued_is_a_cue_only_beside_a_quotation(nlp: Language) -> None:
    quotes = find_quotes(nlp("He continued, “I think this is not about winning over rural voters.”"))
    assert len(quotes) == 1 and quotes[0].cue is not None and quotes[0].cue.text == "continued"
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "He"
    assert find_quotes(nlp("Talks continued on Monday. The war continued to spread.")) == ()


def test_possessive_pronoun_owner_yields_to_the_named_subject(nlp: Language) -> None:
    text = "Senator Alan Reyes is standing firm in his support for stricter border checks."
    quotes = find_quotes(nlp(text))
    support = _only(quotes, "stricter border checks")
    assert support.speaker is not None and "Alan Reyes" in support.speaker.text


def test_verb_read_as_a_noun_keeps_its_numeric_subject(nlp: Language) -> None:
    quotes = find_quotes(nlp("Roughly 6 in 10 say they expect the new council to raise local taxes."))
    say = [q for q in quotes if q.cue is not None and q.cue.text == "say"]
    assert say and say[0].speaker is not None and say[0].speaker.text == "Roughly 6 in 10"


def test_appeared_to_act_has_its_subject_as_source(nlp: Language) -> None:
    quotes = find_quotes(nlp("Last week Hadley appeared to blame junior staff for the losses."))
    blame = _only(quotes, "blame junior staff")
    assert blame.speaker is not None and blame.speaker.text == "Hadley"
    (race,) = find_quotes(nlp("The race seems closer than ever."))
    assert race.speaker is None


def test_finite_cue_without_a_parsed_subject_takes_the_names_before_it(nlp: Language) -> None:
    text = (
        "As more looters are identified as residents of the same district, "
        'Okoro and Hale call them "opportunists" and describe their raids as theft.'
    )
    # the parser gives "call" no subject: its conjunct cue takes the run of names before it
    cued = [q for q in find_quotes(nlp(text)) if q.cue is not None and q.cue.text == "describe"]
    assert cued and cued[0].speaker is not None and cued[0].speaker.text == "Okoro and Hale"


def test_coordinated_speakers_are_one_speaker(nlp: Language) -> None:
    text = 'Because looting keeps spreading to other districts, Okoro and Hale call the gangs "opportunists".'
    (quote,) = find_quotes(nlp(text))
    assert quote.speaker is not None and quote.speaker.text == "Okoro and Hale"
    (quote,) = find_quotes(nlp("Ruiz, Dlamini and Park said the levy would be scrapped."))
    assert quote.speaker is not None and quote.speaker.text == "Ruiz, Dlamini and Park"
    # a relative clause after the first name still ends the speaker
    (quote,) = find_quotes(nlp("Ruiz, who chairs the panel, said the levy would be scrapped."))
    assert quote.speaker is not None and quote.speaker.text == "Ruiz"


def test_reporting_aside_is_an_attribution_of_its_own(nlp: Language) -> None:
    text = "He noted that the penalty was imposed by the trade commission, "
    text += "which contended that the firm had hidden profits."
    quotes = find_quotes(nlp(text))
    noted = _only(quotes, "the penalty was imposed")
    assert noted.content.text == "that the penalty was imposed by the trade commission"
    contended = _only(quotes, "the firm had hidden profits")
    assert contended.speaker is not None and "the trade commission" in contended.speaker.text


def test_inverted_said_name_colon(nlp: Language) -> None:
    text = "Moreno disagreed. Said Moreno: “I have no sense that he cares at all about schools.”"
    quote = _only(find_quotes(nlp(text)), "cares at all about schools")
    assert quote.speaker is not None and quote.speaker.text == "Moreno"


def test_pronoun_speaker_resolves_to_earlier_actor(nlp: Language) -> None:
    text = "Foreign Minister Kang Kyung-wha met the envoy in Seoul. She said the meeting was useful."
    kang = _actor("A1", "Kang Kyung-wha", text, "person")
    seoul = _actor("A2", "Seoul", text, "country")
    (q,) = find_quotes(nlp(text), [kang, seoul])
    assert q.speaker is not None and q.speaker.text == "She"
    assert q.speaker_actor_id == "A1"


def test_description_speaker_resolves_to_most_recent_subject(nlp: Language) -> None:
    text = (
        "Prime Minister Abe visited Washington. Abe met President Trump on Monday. "
        "The prime minister said the alliance was strong."
    )
    abe = _actor("A1", "Prime Minister Abe", text, "person", "Abe")
    trump = _actor("A2", "President Trump", text, "person")
    (q,) = find_quotes(nlp(text), [abe, trump])
    assert q.speaker_actor_id == "A1"


def test_passive_cue_without_agent_has_reason(nlp: Language) -> None:
    text = "It was reported that the border had been closed."
    quotes = find_quotes(nlp(text))
    for q in quotes:
        if q.speaker is None:
            assert q.reason


# --- the seed article -------------------------------------------------------------------


def _seed_body() -> str:
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    # line 0: "Posted on …", line 1: photo caption, then the body up to the contact line
    end = next(i for i, line in enumerate(lines) if line.startswith("Please direct comments"))
    return "\n\n".join(lines[2:end])


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="../shared seed article not available")
def test_seed_editorial(nlp: Language) -> None:
    text = _seed_body()
    assert text.startswith("The US has made a series of appeals")
    choe = _actor("A1", "Choe Son-hui", text, "person")
    pompeo = _actor("A2", "Mike Pompeo", text, "person", "Pompeo")
    biegun = _actor("A3", "Stephen Biegun", text, "person", "Biegun")
    quotes = find_quotes(nlp(text), [choe, pompeo, biegun])

    choe_q = _only(quotes, "expectations of dialogue with the US are gradually disappearing")
    assert choe_q.kind == "mixed"
    assert choe_q.speaker is not None and "Choe Son-hui" in choe_q.speaker.text
    assert choe_q.speaker_actor_id == "A1"
    warned = _only(quotes, "not to test its patience")
    assert warned.speaker_actor_id == "A1"

    pompeo_q = _only(quotes, "every country has the right to self-defense")
    assert pompeo_q.kind == "indirect"
    assert pompeo_q.speaker_actor_id == "A2"
    biegun_q = _only(quotes, "Trump will be focusing on achieving major progress over the next year")
    assert biegun_q.kind == "indirect"
    assert biegun_q.speaker is not None and "Biegun" in biegun_q.speaker.text
    assert biegun_q.speaker_actor_id == "A3"
    for q in quotes:
        assert text[q.content.start : q.content.end] == q.content.text
    assert [q.id for q in quotes] == [f"Q{i}" for i in range(1, len(quotes) + 1)]


def test_one_resolver_for_many_speakers_answers_as_a_fresh_one(nlp: Language) -> None:
    text = (
        "Prime Minister Abe visited Washington. Abe met President Trump on Monday. "
        "The prime minister said the alliance was strong. They said it was. He agreed."
    )
    abe = _actor("A1", "Prime Minister Abe", text, "person", "Abe")
    trump = _actor("A2", "President Trump", text, "person", "Trump")
    us = _actor("A3", "Washington", text, "country")
    twin = _actor("A4", "Abe", text, "person")  # the same overlap as A1's "Abe": A1 comes first
    doc = nlp(text)
    resolver = SpeakerResolver(doc, [abe, trump, us, twin])
    answers = []
    for token in doc:
        for width in (1, 2, 3):
            end_token = doc[min(token.i + width, len(doc)) - 1]
            start, end = token.idx, end_token.idx + len(end_token.text)
            answer = resolver.resolve(start, end)
            assert answer == resolve_speaker(doc, start, end, [abe, trump, us, twin])
            answers.append(answer)
    assert {"A1", "A2", "A3"} <= set(answers) and "A4" not in answers


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \t\n\xa0:ab.", max_size=40), st.integers(min_value=0, max_value=40))
def test_prefix_end_and_colon_are_found_without_copying_the_text(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert _end_before(text, pos) == len(text[:pos].rstrip())
    assert (_COLON_AFTER.match(text, pos) is not None) == text[pos:].lstrip(" \t").startswith(":")

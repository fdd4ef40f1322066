"""What the coder leaves out of ordinary news (``communique.events.scope``).

Every sentence here is our own. The whole pipeline codes each page, so the actors are
what the actors stage finds.
"""

from __future__ import annotations

import pytest

from communique.events.scope import place_actors, political, reduced_relative, sports_page
from communique.models import Actor, CodedArticle, Document

FILLER = " This sentence is only here so that the page has enough running text to be read as an article."


def _code(pipeline, text: str) -> CodedArticle:  # type: ignore[no-untyped-def]
    return pipeline.code(Document.from_text(text + FILLER, published_hint="2024-05-06", content_type="text"))


def _types(pipeline, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.event_type for e in _code(pipeline, text).events if not e.negated]


def test_a_political_actor_is_a_political_code_an_igo_or_a_country() -> None:
    assert political(Actor("A", "Ministry of Defence", "GBR", "MIL", ()))
    assert political(Actor("B", "United Nations", "IGO", None, (), kind="igo"))
    assert political(Actor("C", "Peru", "PER", None, (), kind="country"))
    assert not political(Actor("C", "Peru", "PER", None, (), kind="country"), countries=False)
    assert not political(Actor("D", "Acme", "USA", "BUS", (), kind="organization"))
    assert not political(Actor("E", "A singer", "USA", None, (), kind="person"))
    assert not political(None)


@pytest.mark.parametrize(
    "text",
    [
        # business, software and entertainment: no political actor on either side
        "The streaming service will offer viewers a cheaper plan with advertising next month.",
        "Microsoft said its new console would support older games.",
        "The band's drummer broke his wrist before the tour and will miss three concerts.",
        # whoever dies is a victim, never the source of an attack
        "Three Bolivian miners and a Chilean engineer died in the town of Potosi on Monday.",
        # a dictionary verb with no recipient and a lone source
        "Canada still has plenty of room left in its budget, the economists wrote.",
        # a common verb in another sense is no act of a country or agency on its own
        "Peru will go further than its neighbours.",
        "NASA found water on the moon.",
    ],
)
def test_acts_outside_politics_are_not_events(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("The Peruvian government accused Chile of violating the fishing agreement.", "ACCUSE"),
        ("Police arrested the opposition leader in Lima on Tuesday.", "COERCE"),
        ("Iranian forces attacked two oil tankers in the Gulf of Oman on Thursday.", "ASSAULT"),
    ],
)
def test_political_acts_are_still_events(pipeline, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert etype in _types(pipeline, text)


def test_a_participle_describing_a_noun_is_not_an_act(pipeline, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The committee, chaired by a retired Chilean judge, hired two auditors.")
    chaired = next(t for t in doc if t.text == "chaired")
    assert reduced_relative(chaired)
    assert _types(pipeline, doc.text) == []


def test_a_place_of_talks_is_their_location_not_a_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    coded = _code(pipeline, "The Japanese and South Korean foreign ministers held talks in Hanoi on Monday.")
    (talks,) = [e for e in coded.events if e.event_type == "CONSULT"]
    codes = {coded.actor(a).code for a in talks.source_actor_ids}  # type: ignore[union-attr]
    assert codes == {"JPNGOV", "KORGOV"}
    assert talks.location is not None and talks.location.text == "Hanoi"


def test_the_place_of_a_meeting_is_not_its_recipient(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Chilean and Peruvian presidents will meet in Lima on Friday to talk about fishing."
    coded = _code(pipeline, text)
    meetings = [e for e in coded.events if e.event_type in {"CONSULT", "AGREE"}]
    assert meetings
    for event in meetings:
        assert all(coded.actor(a).sector != "CVL" for a in event.target_actor_ids)  # type: ignore[union-attr]
    # a visit is to its host: "arrived in X" keeps X (CAMEO 042)
    coded = _code(pipeline, "The Chilean foreign minister arrived in Peru on Friday for a three-day visit.")
    assert any(e.target_actor_ids for e in coded.events if e.event_type == "CONSULT")


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # a government, an IGO or NGO, a party or a country acts with no named recipient
        ("The Security Council condemned the bombing of the hospital.", "ACCUSE"),
        ("NATO condemned the rocket launch on Sunday.", "ACCUSE"),
        ("The United Nations welcomed the truce.", "SUPPORT"),
        ("Spain praised the new plan on Monday.", "SUPPORT"),
        ("Amnesty International demanded an inquiry into the shootings.", "REQUEST"),
        (
            "Kenya held a presidential election on Tuesday. Kenya's opposition conceded defeat on Friday.",
            "CONCEDE",
        ),
        # an accusation whose accused the actors stage cannot place is still an accusation
        (
            "Brazil's envoy to the United Nations voted against the motion and accused unnamed rich "
            "nations of bullying poorer members of the assembly.",
            "ACCUSE",
        ),
    ],
)
def test_a_political_actor_acts_without_a_recipient(pipeline, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert etype in _types(pipeline, text)


def test_a_meeting_in_a_place_keeps_its_political_source(pipeline) -> None:  # type: ignore[no-untyped-def]
    coded = _code(pipeline, "Tinubu met Ruto in Abuja on Friday.")
    (met,) = [e for e in coded.events if e.event_type == "CONSULT"]
    assert [coded.actor(a).code for a in met.source_actor_ids] == ["NGAGOV"]  # type: ignore[union-attr]
    assert all(coded.actor(a).sector != "CVL" for a in met.target_actor_ids)  # type: ignore[union-attr]
    assert met.location is not None and met.location.text == "Abuja"


class _Counted(dict[int, str]):
    """A token-to-actor map that counts the tokens looked up."""

    looked = 0

    def get(self, key, default=None):  # type: ignore[no-untyped-def,override]
        self.looked += 1
        return super().get(key, default)

    def items(self):  # type: ignore[no-untyped-def,override]
        raise AssertionError("the whole article's actors were scanned")


def test_places_are_looked_for_in_the_sentence_only(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Peru and Chile held talks in Lima. Bolivia sent aid to Peru.")
    first = next(iter(doc.sents))
    lima = next(t.i for t in doc if t.text == "Lima")
    actors = _Counted({0: "PER", 2: "CHL", lima: "LIMA", len(doc) - 2: "PER2"})
    assert place_actors(first, actors) == {"LIMA"}
    assert actors.looked == len(first)


SPORTS = (
    "Chile beat Peru 3-1 on Tuesday night to reach the quarterfinals. The midfielder scored a free "
    "kick before halftime, and the goalkeeper saved two shots in stoppage time. Peru's coach said "
    "his teammates had tired after the semifinal on Saturday, and the standings leave them a "
    "playoff against Bolivia. The Chilean footballers went north for the last group match."
)

ELECTION = (
    "Poland voted on Sunday in a parliamentary election. The governing party won the most seats "
    "but lost its majority, a heavy defeat after eight years in power. The opposition claimed "
    "victory once the final count was in, and its leader said the team of three parties would "
    "form a government within the first round of talks. Germany congratulated Poland on the "
    "result. Russia accused Poland of meddling in Belarus. The winners will need 231 points, "
    "one for each seat, to pass a budget."
)

FRONT = (
    "Russia shelled Kharkiv overnight. Ukrainian troops said they had won back a village, a rare "
    "victory after weeks of defeat, in the final push of the offensive. China urged Russia and "
    "Ukraine to return to talks. The second round of shelling hit the team of engineers."
)


def test_on_a_sports_page_a_country_is_a_team(pipeline, nlp, lexicon) -> None:  # type: ignore[no-untyped-def]
    assert sports_page(nlp(SPORTS), lexicon.words)
    assert not sports_page(nlp("Brazil and Argentina signed a trade agreement on Tuesday."), lexicon.words)
    assert _code(pipeline, SPORTS).events == ()


def test_election_and_war_reports_are_not_sports_pages(pipeline, nlp, lexicon) -> None:  # type: ignore[no-untyped-def]
    assert not sports_page(nlp(ELECTION), lexicon.words)
    assert not sports_page(nlp(FRONT), lexicon.words)
    election = {(e.event_type, e.trigger.text) for e in _code(pipeline, ELECTION).events}
    assert {("SUPPORT", "congratulated"), ("ACCUSE", "accused")} <= election
    front = {(e.event_type, e.trigger.text) for e in _code(pipeline, FRONT).events}
    assert {("ASSAULT", "shelled"), ("REQUEST", "urged")} <= front


def test_on_a_sports_page_an_attack_is_still_an_attack(pipeline, nlp, lexicon) -> None:  # type: ignore[no-untyped-def]
    text = SPORTS + " Elsewhere, Russian artillery shelled Kharkiv overnight."
    assert sports_page(nlp(text), lexicon.words)
    coded = {(e.event_type, e.trigger.text) for e in _code(pipeline, text).events}
    assert coded == {("ASSAULT", "shelled")}  # "Chile beat Peru" is a result, no attack

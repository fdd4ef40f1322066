"""Rules tightened after review: each must still code the sentence it was written for and
leave ordinary sentences that share its words alone.

The counter-examples are the reviewer's; every sentence here is our own. Actors are built
by hand from country names (the actors stage is tested on its own).
"""

from __future__ import annotations

import re

import pytest
import spacy

from communique.events import code_events
from communique.lexicon import Lexicon
from communique.models import Actor, Article, Event, Mention, Span

COUNTRIES = {"ESP": "Spain", "ITA": "Italy", "PRT": "Portugal", "GRC": "Greece"}


def _events(nlp: spacy.language.Language, lexicon: Lexicon, text: str) -> tuple[Event, ...]:
    actors = []
    for code, name in COUNTRIES.items():
        mentions = tuple(Mention(m.start(), m.end(), name, code, 0) for m in re.finditer(name, text))
        if mentions:
            actors.append(Actor(code, name, code, None, mentions, kind="country"))
    article = Article(id="t", text=text, paragraphs=(Span(0, len(text), text),), source="t", published=None)
    events: tuple[Event, ...] = code_events(nlp(text), article, actors, (), lexicon)
    return events


def _codes(nlp: spacy.language.Language, lexicon: Lexicon, text: str) -> set[tuple[str, str]]:
    return {(e.event_type, e.cameo) for e in _events(nlp, lexicon, text) if not e.negated}


@pytest.mark.parametrize(
    "text",
    [
        "Spain set up new offices in Italy.",
        "Spain set up a website for Italy's tourists.",
        "Spain set a deadline for Italy to respond on the pipeline.",
        "Spain hacked its way to a deal with Italy over the pipeline.",
        "Spain damaged its relations with Italy by building a pipeline.",
        "Spain blew past Italy's home team.",
    ],
)
def test_property_damage_needs_the_property_as_object(
    nlp: spacy.language.Language, lexicon: Lexicon, text: str
) -> None:
    assert not any(code == "1712" for _, code in _codes(nlp, lexicon, text))


@pytest.mark.parametrize(
    "text",
    [
        "Spain's police set fire to the offices of Italy's trade mission.",
        "Spain blew up two railway bridges leading into Portugal.",
        "Spain defaced dozens of websites run by Italy.",
        "Spain razed homes that belonged to Portugal near the border.",
    ],
)
def test_damage_to_property_is_coerce(nlp: spacy.language.Language, lexicon: Lexicon, text: str) -> None:
    assert ("COERCE", "1712") in _codes(nlp, lexicon, text)


def test_talks_on_charges_are_not_an_arrest(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    codes = _codes(nlp, lexicon, "Spain held talks with Italy on charges of dumping")
    assert not any(t == "ACCUSE" for t, _ in codes)
    assert any(t == "CONSULT" for t, _ in codes)


def test_an_arrest_on_charges_is_an_accusation(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    codes = _codes(nlp, lexicon, "Spain detained four Italian sailors on charges of smuggling fuel.")
    assert ("ACCUSE", "112") in codes


def test_charging_with_breaking_a_line_is_an_accusation(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    codes = _codes(nlp, lexicon, "Spain charged Italy with breaking the line")
    assert not any(code == "175" for _, code in codes)
    assert ("ACCUSE", "112") in codes


def test_force_to_disperse_a_crowd_is_repression(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    codes = _codes(
        nlp, lexicon, "Spain fired rubber bullets to scatter protesters from Italy outside its parliament."
    )
    assert ("COERCE", "175") in codes


def test_an_emergency_summit_is_not_an_emergency_lifted(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    codes = _codes(nlp, lexicon, "Spain ended its emergency summit with Italy")
    assert not any(t == "CONCEDE" for t, _ in codes)


@pytest.mark.parametrize(
    "text",
    [
        "Spain lifted the state of emergency it had declared along the border with Portugal.",
        "Spain relaxed emergency measures in the districts bordering Portugal.",
        "Spain ended the curfew it had imposed on Italian fishermen.",
    ],
)
def test_lifting_an_emergency_is_a_concession(
    nlp: spacy.language.Language, lexicon: Lexicon, text: str
) -> None:
    assert ("CONCEDE", "0814") in _codes(nlp, lexicon, text)


@pytest.mark.parametrize(
    "text", ["Spain said it is ready to attack Italy if provoked.", "Spain is ready to bomb Italy."]
)
def test_being_ready_to_attack_is_a_threat(nlp: spacy.language.Language, lexicon: Lexicon, text: str) -> None:
    types = {t for t, _ in _codes(nlp, lexicon, text)}
    assert "MOBILIZE" not in types
    assert "THREATEN" in types


def test_an_attack_made_ready_is_mobilization_with_no_invented_mode(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    events = _events(nlp, lexicon, "Spain prepared to bombard Italy's coastal batteries again.")
    mobilized = [e for e in events if e.event_type == "MOBILIZE"]
    assert mobilized and all(e.cameo == "152" and e.mode is None for e in mobilized)


# -- second review (2026-11-29): verbs of force in agentless passives, "take" a place -------


def _types(pipeline: object, text: str) -> list[tuple[str | None, str]]:
    from communique.models import Document

    coded = pipeline.code(Document.from_text(text, content_type="text", published_hint="2026-09-10"))  # type: ignore[attr-defined]
    return [(e.event_type, e.trigger.text) for e in coded.events]


@pytest.mark.parametrize(
    "text",
    [
        "Three Malian gendarmes were hacked to death near the border.",
        "Two Sudanese women were stoned to death on Monday.",
        "A Vietnamese fishing boat was rammed on Tuesday.",
        "Five Ugandan villagers were raped and killed.",
        "Lebanese soldiers were fired on near the border.",
        "North Korea fired three ballistic missiles into the sea on Monday.",
    ],
)
def test_an_agentless_passive_of_force_is_an_attack(pipeline: object, text: str) -> None:
    assert "ASSAULT" in {t for t, _ in _types(pipeline, text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "Two Nigerian ministers were fired on Monday.",
        "The Nigerian president fired two ministers on Monday.",
        "The new Kenyan airline was launched on Monday.",
    ],
)
def test_a_dismissal_or_a_launch_is_no_attack(pipeline: object, text: str) -> None:
    assert "ASSAULT" not in {t for t, _ in _types(pipeline, text)}


def test_forces_that_take_a_named_place_seize_it(pipeline: object) -> None:
    assert ("COERCE", "took") in _types(
        pipeline, "Syrian rebels took Aleppo in December after a rapid offensive."
    )
    assert _types(pipeline, "The Malian president took questions from reporters in Bamako.") == []


def test_the_lexicon_lists_each_verb_of_force_once(lexicon: Lexicon) -> None:
    import tomllib
    from pathlib import Path

    import communique

    toml = Path(communique.__file__).parent / "data" / "lexicon" / "plover.toml"
    listed = tomllib.loads(toml.read_text(encoding="utf-8"))["words"]["victim_verbs"]
    assert len(listed) == len(set(listed))
    assert all(" " not in w for w in listed)  # a lemma is one token
    assert "fire" not in lexicon.words["victim_verbs"]


def _parties(pipeline: object, text: str) -> dict[str, tuple[list[str], list[str]]]:
    from communique.models import Document

    coded = pipeline.code(Document.from_text(text, content_type="text", published_hint="2026-09-10"))  # type: ignore[attr-defined]
    names = {a.id: a.name for a in coded.actors}
    return {
        e.trigger.text: ([names[i] for i in e.source_actor_ids], [names[i] for i in e.target_actor_ids])
        for e in coded.events
    }


def test_a_later_conjunct_keeps_its_own_subject_joined_to_a_date(pipeline: object) -> None:
    text = "Ghana recalled its envoy from Togo on Monday and Togo expelled a Ghanaian diplomat on Friday."
    assert _parties(pipeline, text)["expelled"][0] == ["Togo"]


def test_a_dateline_agency_is_no_actor(pipeline: object) -> None:
    text = "BUSAN, May 4 (Yonhap) -- South Korea criticized Japan over the fishing quotas."
    assert _parties(pipeline, text)["criticized"][0] == ["South Korea"]


def test_the_side_of_a_border_is_no_attacker(pipeline: object) -> None:
    sources, targets = _parties(
        pipeline, "Malian soldiers were ambushed on Sunday near the Algerian border."
    )["ambushed"]
    assert sources == [] and targets

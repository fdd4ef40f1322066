"""PLOVER GSR conventions of the events stage (our own sentences)."""

from __future__ import annotations

import re

import spacy

from communique.events import code_events
from communique.lexicon import Lexicon
from communique.models import Actor, Article, Mention, Span

NAMES = (("ESP", "Spain"), ("ITA", "Italy"), ("FRA", "France"))

Triple = tuple[tuple[str, ...], tuple[str, ...], str | None]


def _code(nlp: spacy.language.Language, lexicon: Lexicon, text: str, **options: bool) -> set[Triple]:
    actors = [
        Actor(
            c,
            n,
            c,
            None,
            tuple(Mention(m.start(), m.end(), n, c, 0) for m in re.finditer(n, text)),
            kind="country",
        )
        for c, n in NAMES
        if n in text
    ]
    article = Article(id="c", text=text, paragraphs=(Span(0, len(text), text),), source="t")
    events = code_events(nlp(text), article, actors, (), lexicon, **options)
    return {(e.source_actor_ids, e.target_actor_ids, e.event_type) for e in events if not e.negated}


def test_a_consultation_between_equals_has_two_sources(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    got = _code(nlp, lexicon, "The president of Spain telephoned the prime minister of Italy on Tuesday.")
    assert got == {(("ESP", "ITA"), (), "CONSULT")}
    got = _code(nlp, lexicon, "Spain held talks with Italy on Tuesday.")
    assert got == {(("ESP", "ITA"), (), "CONSULT")}
    # hosting keeps its guest as the recipient
    got = _code(nlp, lexicon, "Spain hosted Italy on Tuesday.")
    assert got == {(("ESP",), ("ITA",), "CONSULT")}
    # PETRARCH's reciprocal convention keeps the direction
    got = _code(nlp, lexicon, "Spain held talks with Italy on Tuesday.", reciprocal=True)
    assert (("ESP",), ("ITA",), "CONSULT") in got


def test_lifting_a_state_of_emergency_is_a_concession(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    got = _code(nlp, lexicon, "Spain lifted a state of emergency in the north of Spain on Sunday.")
    assert {t for _, _, t in got} == {"CONCEDE"}
    got = _code(nlp, lexicon, "Italy eased emergency measures on Wednesday.")
    assert {t for _, _, t in got} == {"CONCEDE"}


def test_a_stative_participle_keeps_its_subject_as_the_source(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    got = _code(nlp, lexicon, "Spain is opposed to Italy's mediation in the talks with France.")
    assert {(s, t) for s, t, _ in got} == {(("ESP",), ("ITA",))}


def test_a_compound_source_is_not_its_own_recipient(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    got = _code(nlp, lexicon, "Spain and Italy failed to reach agreement on the fate of Italy's offices.")
    assert {(s, t) for s, t, _ in got} == {(("ESP", "ITA"), ())}


def test_subjects_behind_a_participle_or_a_possessive_pronoun(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    # the parser reads "operating" as the subject of "said", with "Cross" as its own subject
    got = _code(nlp, lexicon, "The Spain Red Cross operating in Italy said France must stop the shelling.")
    assert (("ESP",), ("FRA",), "REQUEST") in got
    text = "Spain said on Tuesday their forces had completed their withdrawal from the town."
    got = _code(nlp, lexicon, text)
    assert {(s, t) for s, t, _ in got} == {(("ESP",), ())}


def test_force_used_to_disperse_a_crowd_is_coercion(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    text = "Police in Spain opened fire to disperse demonstrators on Monday, killing one person."
    got = _code(nlp, lexicon, text)
    assert {t for _, _, t in got} == {"COERCE"}


def test_a_lawsuit_and_an_arrest_on_charges_are_accusations(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    got = _code(nlp, lexicon, "A businessman from Spain is suing Italy for damages to his plant.")
    assert {t for _, _, t in got} == {"ACCUSE"}
    got = _code(nlp, lexicon, "Italy jailed 52 members of a group on allegations of treason.")
    assert {t for _, _, t in got} == {"ACCUSE"}
    got = _code(nlp, lexicon, "Italy arrested 52 members of a group in a sweep of the north.")
    assert {t for _, _, t in got} == {"COERCE"}


def test_damage_to_property_is_coercion(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    got = _code(nlp, lexicon, "Bulldozers from Spain demolished homes in Italy on Sunday.")
    assert {t for _, _, t in got} == {"COERCE"}
    got = _code(nlp, lexicon, "The rebels in Italy blew up three power lines on Monday.")
    assert {t for _, _, t in got} == {"COERCE"}


def test_readying_an_attack_is_mobilization(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    got = _code(nlp, lexicon, "The army of Spain prepared to resume shelling Italy on Monday.")
    assert {t for _, _, t in got} == {"MOBILIZE"}
    got = _code(nlp, lexicon, "The army of Spain plans to resume shelling Italy on Monday.")
    assert {t for _, _, t in got} == {"THREATEN"}

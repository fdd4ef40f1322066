"""The events stage under PETRARCH dictionaries and conventions: pattern words, braces,
slots of a clause, passives with no agent, speakers.

Every sentence and dictionary line here is our own (written in the PETRARCH format).
"""

from __future__ import annotations

import re

import pytest
import spacy

from communique.events import code_events
from communique.events.view import stem_lemma as _stem_lemma
from communique.lexicon import Lexicon, load_lexicon, parse_petrarch_verbs
from communique.models import Actor, Article, Mention, Span

NAMES = (("ESP", "Spain"), ("ITA", "Italy"), ("FRA", "France"), ("KEN", "Kenya"), ("SOM", "Somalia"))

VERBS = """
&TIES
+MILITARY
+ECONOMIC

--- ALLOW [080] ---
ALLOW
- RECENTLY *  [025]
- * &NOSUCHSET  [0334]

--- ABANDON [1121] ---
ABANDON
- * {NEW &TIES RELATIONS} [1951]

--- NOTE [010] ---
NOTE

--- BOYCOTT [163] ---
BOYCOTT
- NEITHER * [057]

--- RISE [---] ---
RISE
- {DEATH TOLL} * [190]

--- CORDON [144] ---
+CORDON_OFF
"""

Triple = tuple[tuple[str, ...], tuple[str, ...], str | None]


@pytest.fixture(scope="module")
def base() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def own(base: Lexicon) -> Lexicon:
    lex = Lexicon(crosswalk=dict(base.crosswalk), word_sets=dict(base.word_sets))
    return lex.add(parse_petrarch_verbs(VERBS))


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
    article = Article(id="p", text=text, paragraphs=(Span(0, len(text), text),), source="t")
    events = code_events(nlp(text), article, actors, (), lexicon, **options)
    return {(e.source_actor_ids, e.target_actor_ids, e.cameo) for e in events if not e.negated}


PETRARCH = {"plover_only": False, "intent": False, "reciprocal": True, "dyadic": True}


def test_the_subject_of_a_copular_that_clause_is_the_target(
    nlp: spacy.language.Language, own: Lexicon
) -> None:
    assert _code(nlp, own, "Spain allowed that Italy is a safe place to visit.", **PETRARCH) == {
        (("ESP",), ("ITA",), "080")
    }


def test_an_adverb_before_the_verb_is_no_pattern_word(nlp: spacy.language.Language, own: Lexicon) -> None:
    got = _code(nlp, own, "Spain recently allowed that Italy is a safe place to visit.", **PETRARCH)
    assert got == {(("ESP",), ("ITA",), "080")}


def test_a_pattern_naming_an_undefined_synset_never_matches() -> None:
    patterns = parse_petrarch_verbs(VERBS)
    assert not [p for p in patterns if p.cameo == "0334"]
    assert [p.cameo for p in patterns if p.lemma == "allow"] == ["025", "080"]


def test_a_braced_phrase_ends_in_its_head_noun(nlp: spacy.language.Language, own: Lexicon) -> None:
    def code(text: str) -> set[Triple]:
        return _code(nlp, own, text, **PETRARCH)

    assert code("Spain will abandon new economic relations with Italy.") == {(("ESP",), ("ITA",), "1951")}
    # a gap before the last two words is allowed, not between them
    assert code("Spain will abandon new global economic relations with Italy.") == {
        (("ESP",), ("ITA",), "1951")
    }
    assert code("Spain will abandon new economic trade relations with Italy.") == {
        (("ESP",), ("ITA",), "1121")
    }
    # except a coordinated modifier: a "death and injury toll" is a death toll
    assert code("Spain's death and injury toll has risen in the war with Italy.") == {
        (("ESP",), ("ITA",), "190")
    }


def test_specificity_counts_the_words_of_an_element() -> None:
    one, two = parse_petrarch_verbs(
        "--- GIVE [070] ---\nGIVE\n- * INTELLIGENCE [010]\n- * {ARMY INTELLIGENCE} [072]\n"
    )[:2]
    assert (one.specificity, two.specificity) == (1, 2)


def test_an_agentless_passive_takes_its_source_from_its_clause(
    nlp: spacy.language.Language, base: Lexicon
) -> None:
    got = _code(nlp, base, "Italy was criticized over its long dispute with Spain.")
    assert (("ESP",), ("ITA",), "111") in got
    # the one acted upon is the target, not the place
    got = _code(nlp, base, "A Kenyan was shot dead in Somalia on Monday.")
    assert {(s, t) for s, t, _ in got} == {(("SOM",), ("KEN",))}


def test_a_verb_lemma_is_recovered_from_a_regular_inflection(own: Lexicon) -> None:
    assert _stem_lemma("cordoned", own) == "cordon"
    assert _stem_lemma("allowing", own) == "allow"
    assert _stem_lemma("unknowns", own) is None


def test_speaker_events_code_the_speaker_on_the_reported_subject(
    nlp: spacy.language.Language, own: Lexicon
) -> None:
    text = "Spain noted that Italy boycotted the summit."
    assert _code(nlp, own, text, speaker_events=True, **PETRARCH) == {(("ESP",), ("ITA",), "010")}
    assert _code(nlp, own, text, **PETRARCH) == set()  # "boycotted the summit": no one boycotted
    # a report written after its clause is no speaker's act
    text = "Italy boycotted France, Spain noted."
    assert _code(nlp, own, text, speaker_events=True, **PETRARCH) == {(("ITA",), ("FRA",), "163")}


def test_not_on_an_adverb_negates_the_verb(nlp: spacy.language.Language, base: Lexicon) -> None:
    text = "Spain did not even ever criticize Italy."
    article = Article(id="n", text=text, paragraphs=(Span(0, len(text), text),), source="t")
    actors = [Actor("ESP", "Spain", "ESP", None, (Mention(0, 5, "Spain", "ESP", 0),), kind="country")]
    i = text.index("Italy")
    actors.append(Actor("ITA", "Italy", "ITA", None, (Mention(i, i + 5, "Italy", "ITA", 0),), kind="country"))
    (event,) = code_events(nlp(text), article, actors, (), base)
    assert event.negated


def test_the_first_half_of_a_correlative_is_no_pattern_word(
    nlp: spacy.language.Language, own: Lexicon
) -> None:
    got = _code(nlp, own, "Neither Spain nor Italy boycotted the parade supporting France.", **PETRARCH)
    assert {c for _, _, c in got} == {"163"}


def test_among_equal_rules_the_one_covering_more_words_wins(base: Lexicon) -> None:
    text = (
        "&COIN\n+FLORIN\n&RARECOIN\n+GOLD FLORIN\n"
        "--- GIVE [070] ---\nGIVE\n- * &COIN [071]\n- * &RARECOIN [072]\n"
    )
    lex = Lexicon(crosswalk=dict(base.crosswalk)).add(parse_petrarch_verbs(text))
    match = lex.match("give", "verb", ["a|a", "gold|gold", "florin|florin"])
    assert match is not None and match.cameo == "072"
    match = lex.match("give", "verb", ["a|a", "florin|florin"])
    assert match is not None and match.cameo == "071"


def test_a_passive_subject_hung_off_its_auxiliary(nlp: spacy.language.Language) -> None:
    from communique.events.args import patients

    doc = nlp("The Netherlands was loudly and unfairly blamed for its fishing quarrel with Portugal.")
    verb = next(t for t in doc if t.lower_ == "blamed")
    assert [t.text for t in patients(verb)] == ["Netherlands"]


def test_a_prepositional_phrase_is_literal_in_petrarch_dictionaries(base: Lexicon) -> None:
    text = "--- BARGAIN [031] ---\nBARGAIN\n- * (FOR ASYLUM) [1032]\n- * ASYLUM [1033]\n"
    literal = Lexicon(crosswalk=dict(base.crosswalk)).add(parse_petrarch_verbs(text))
    loose = Lexicon(crosswalk=dict(base.crosswalk)).add(parse_petrarch_verbs(text, literal_phrases=False))

    def cameo(lex: Lexicon, words: str) -> str | None:
        match = lex.match("bargain", "verb", [f"{w}|{w}" for w in words.split()])
        return match.cameo if match else None

    assert cameo(literal, "for the asylum") == "1032"  # an article may come between
    assert cameo(literal, "for foreign asylum") == "1033"
    assert cameo(loose, "for foreign asylum") == "1032"

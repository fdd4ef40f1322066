"""The events stage on real parses: arguments, complements, negation, modality, dates.

Actors are built by hand from names in each sentence (the actors stage is tested on its
own); every sentence here is our own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy

from communique.events import CODER, code_events
from communique.lexicon import Lexicon, parse_petrarch_verbs, parse_pico_negations
from communique.models import Actor, Article, Event, Mention, Span, Timex

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

COUNTRIES = {
    "DEU": "Germany",
    "IRN": "Iran",
    "FRA": "France",
    "RUS": "Russia",
    "UKR": "Ukraine",
    "JPN": "Japan",
    "CHN": "China",
    "EGY": "Egypt",
    "ISR": "Israel",
    "SYR": "Syria",
    "TUR": "Turkey",
    "BRA": "Brazil",
    "PER": "Peru",
    "USA": "United States",
    "CUB": "Cuba",
    "ESP": "Spain",
    "ITA": "Italy",
    "PRT": "Portugal",
    "GRC": "Greece",
    "KEN": "Kenya",
    "SOM": "Somalia",
    "HUN": "Hungary",
    "ROU": "Romania",
    "SRB": "Serbia",
}


Code = Callable[..., tuple[tuple[Event, ...], dict[str, str]]]


@pytest.fixture(scope="module")
def code(nlp: spacy.language.Language, lexicon: Lexicon) -> Code:
    def run(
        text: str, *, published: str | None = "2021-03-03", timexes: tuple[Timex, ...] = (), **options: bool
    ) -> tuple[tuple[Event, ...], dict[str, str]]:
        actors = []
        for code_, name in COUNTRIES.items():
            mentions = tuple(
                Mention(m.start(), m.end(), m.group(0), code_, 0) for m in re.finditer(re.escape(name), text)
            )
            if mentions:
                actors.append(Actor(code_, name, code_, None, mentions, kind="country"))
        article = Article(
            id="t", text=text, paragraphs=(Span(0, len(text), text),), source="t", published=published
        )
        events = code_events(nlp(text), article, actors, timexes, lexicon, **options)
        return events, {a.id: a.id for a in actors}

    return run


def triples(events: tuple[Event, ...]) -> set[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return {(e.source_actor_ids, e.target_actor_ids, e.event_type) for e in events}


def test_request_with_object_control_and_a_dated_clause(code: Code) -> None:
    text = "Germany asked Iran to return to the negotiating table on Monday."
    start = text.index("Monday")
    tx = Timex("T1", start, start + 6, "Monday", "DATE", "2021-03-01")
    (event,), _ = code(text, timexes=(tx,))
    assert (event.source_actor_ids, event.target_actor_ids) == (("DEU",), ("IRN",))
    assert (event.event_type, event.mode, event.quad_class) == ("REQUEST", "meet", 3)
    assert (event.date, event.date_source, event.timex_id, event.date_granularity) == (
        "2021-03-01",
        "text",
        "T1",
        "day",
    )
    assert event.trigger.text == "asked" and text[event.trigger.start : event.trigger.end] == "asked"
    assert event.evidence.text == text and event.coder == CODER and 0 < event.confidence <= 1


def test_article_date_when_the_clause_has_none(code: Code) -> None:
    (event,), _ = code("Spain criticized Italy.")
    assert (event.date, event.date_source) == ("2021-03-03", "article")
    (event,), _ = code("Spain criticized Italy.", published=None)
    assert (event.date, event.date_source) == (None, "none")


def test_reported_speech_codes_the_reported_event_not_the_speaker(code: Code) -> None:
    events, _ = code("France said Russia attacked Ukraine.")
    assert triples(events) == {(("RUS",), ("UKR",), "ASSAULT")}


def test_accusation_consumes_its_complement(code: Code) -> None:
    events, _ = code("Japan accused China of attacking its fishing boats.")
    assert triples(events) == {(("JPN",), ("CHN",), "ACCUSE")}


def test_negation_is_marked(code: Code) -> None:
    (event,), _ = code("Egypt did not condemn Israel.")
    assert event.event_type == "ACCUSE" and event.negated


def test_refusal_is_a_reject(code: Code) -> None:
    (event,), _ = code("Syria refused to negotiate with Turkey.")
    assert (event.source_actor_ids, event.target_actor_ids, event.event_type, event.mode) == (
        ("SYR",),
        ("TUR",),
        "REJECT",
        "meet",
    )


def test_modal_and_conditional_are_hypothetical(code: Code) -> None:
    (event,), _ = code("Brazil could attack Peru.")
    assert event.hypothetical and event.modality == "could" and event.event_type == "ASSAULT"
    # PLOVER: a promised attack is a THREATEN, a promised cooperative act an AGREE
    (event,), _ = code("Brazil would attack Peru.")
    assert (event.event_type, event.cameo, event.modality) == ("THREATEN", "138", "would")
    (event,), _ = code("Brazil will praise Peru.")
    assert (event.event_type, event.hypothetical) == ("AGREE", True)


def test_event_noun_with_light_verb(code: Code) -> None:
    events, _ = code("The United States made appeals for Cuba to rejoin the talks.")
    assert (("USA",), ("CUB",), "REQUEST") in triples(events)


def test_never_joins_actors_across_clauses(code: Code) -> None:
    events, _ = code("Spain criticized Italy, and Portugal praised Greece.")
    assert triples(events) == {(("ESP",), ("ITA",), "ACCUSE"), (("PRT",), ("GRC",), "SUPPORT")}


def test_passive_agent_is_the_source(code: Code) -> None:
    events, _ = code("Kenya was attacked by Somalia.")
    assert triples(events) == {(("SOM",), ("KEN",), "ASSAULT")}


def test_conjoined_subjects_make_a_compound_source(code: Code) -> None:
    (event,), _ = code("Hungary and Romania condemned Serbia.")
    assert set(event.source_actor_ids) == {"HUN", "ROU"} and event.target_actor_ids == ("SRB",)


def test_no_actor_no_event(code: Code) -> None:
    events, _ = code("Officials condemned the decision.")
    assert events == ()


def test_ids_are_in_text_order(code: Code) -> None:
    events, _ = code("Spain criticized Italy. Portugal praised Greece.")
    assert [e.id for e in events] == ["E1", "E2"]
    assert events[0].evidence.text == "Spain criticized Italy."
    assert events[0].trigger.start < events[1].trigger.start


@pytest.mark.shared
def test_seed_editorial_with_the_real_actor_and_time_stages(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    path = SHARED / "seed" / "hankyoreh-2019-09-09-editorial.txt"
    if not path.exists():
        pytest.skip("shared seed absent")
    actors_mod = pytest.importorskip("communique.actors")
    kb_mod = pytest.importorskip("communique.kb")
    time_mod = pytest.importorskip("communique.time")
    raw = path.read_text(encoding="utf-8")
    body = raw[raw.index("The US has made") : raw.index("Please direct comments")].strip()
    published = "2019-09-09T17:32:00+09:00"
    article = Article(
        id="seed", text=body, paragraphs=(Span(0, len(body), body),), source="seed", published=published
    )
    doc = nlp(body)
    actors = actors_mod.code_actors(doc, article, kb_mod.load_kb())
    timexes = time_mod.find_timexes(body, anchor=published, doc=doc)
    events = code_events(doc, article, actors, timexes, lexicon)
    country = {a.id: a.country for a in actors}
    mentions = {a.id: a.mentions for a in actors}

    def coded(e: Event) -> tuple[str, tuple[str | None, ...], tuple[str | None, ...]]:
        return (
            e.event_type,
            tuple(country[a] for a in e.source_actor_ids),
            tuple(country[a] for a in e.target_actor_ids),
        )

    asked = next(e for e in events if e.trigger.text == "asked")
    assert coded(asked) == ("REQUEST", ("USA",), ("PRK",)) and asked.mode == "meet"
    if any(t.text.startswith("Sept. 6") for t in timexes):
        assert (asked.date, asked.date_source) == ("2019-09-06", "text")
    warned = next(e for e in events if e.trigger.text == "warned")
    assert coded(warned) == ("THREATEN", ("PRK",), ("USA",))
    appeals = next(e for e in events if e.trigger.text == "appeals")
    assert coded(appeals)[0] == "REQUEST" and coded(appeals)[1] == ("USA",)
    # never across sentences: every actor of an event has a mention inside its sentence
    for e in events:
        for actor_id in e.source_actor_ids + e.target_actor_ids:
            assert any(e.evidence.start <= m.start < e.evidence.end for m in mentions[actor_id])


def test_reported_obligation_is_a_request_from_the_speaker(code: Code) -> None:
    events, _ = code("France said on Monday that Russia must withdraw its troops from Ukraine.")
    assert (("FRA",), ("RUS",), "REQUEST") in triples(events)
    assert not any(e.source_actor_ids == ("RUS",) for e in events)  # the demanded act did not happen


def test_compound_source_without_target_and_petrarch_conventions(code: Code) -> None:
    text = "Spain and Italy will restore diplomatic ties."
    (event,), _ = code(text)
    assert (set(event.source_actor_ids), event.target_actor_ids, event.event_type) == (
        {"ESP", "ITA"},
        (),
        "AGREE",
    )
    events, _ = code(text, reciprocal=True, intent=False)
    assert triples(events) == {(("ESP",), ("ITA",), "SUPPORT"), (("ITA",), ("ESP",), "SUPPORT")}
    assert all(e.hypothetical and e.modality == "will" for e in events)


def test_purpose_and_participial_clauses_are_not_separate_events(code: Code) -> None:
    events, _ = code("Germany telephoned France on Tuesday to discuss a trade agreement.")
    assert [e.trigger.text for e in events] == ["telephoned"]
    events, _ = code("Turkey shelled Syria on Sunday, killing twelve soldiers.")
    assert [e.trigger.text for e in events] == ["shelled"]


def test_unreported_advice_and_descriptive_relative_clauses_are_not_events(code: Code) -> None:
    events, _ = code("Iran should return to the negotiating table.")
    assert events == ()
    events, _ = code("The treaty revision that Russia has long advocated was shelved.")
    assert events == ()
    events, _ = code("Egypt demanded that Israel withdraw its troops.")
    assert triples(events) == {(("EGY",), ("ISR",), "REQUEST")}


def test_host_and_visit_reverse_only_under_the_reciprocal_convention(code: Code) -> None:
    events, _ = code("Japan hosted China for talks on fishing rights.")
    assert {(e.source_actor_ids, e.target_actor_ids) for e in events} == {(("JPN",), ("CHN",))}
    events, _ = code("Japan hosted China for talks on fishing rights.", reciprocal=True, intent=False)
    assert {(e.source_actor_ids, e.target_actor_ids) for e in events} == {
        (("JPN",), ("CHN",)),
        (("CHN",), ("JPN",)),
    }


def test_actor_lists_parsed_as_appositions_make_a_compound_source(code: Code) -> None:
    (event,), _ = code("Spain, the United States, Italy and Greece welcomed the agreement with Egypt.")
    assert set(event.source_actor_ids) >= {"ESP", "USA"} and event.target_actor_ids == ("EGY",)


def test_generic_actors_and_recoded_negations(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    text = "The official has condemned Peru. Kenya did not condemn Somalia."
    official = text.index("official")
    actors = [
        Actor("G", "Official", None, "GOV", (Mention(official, official + 8, "official", "G", 0, "role"),)),
        *(
            Actor(c, c, c, None, (Mention(text.index(n), text.index(n) + len(n), n, c, 0),), kind="country")
            for c, n in (("PER", "Peru"), ("KEN", "Kenya"), ("SOM", "Somalia"))
        ),
    ]
    article = Article(id="t", text=text, paragraphs=(Span(0, len(text), text),), source="t")
    doc = nlp(text)
    # a country-less, nameless "official" is no actor of an event unless asked for
    assert [e.source_actor_ids for e in code_events(doc, article, actors, (), lexicon)] == [("KEN",)]
    events = code_events(doc, article, actors, (), lexicon, generic_actors=True)
    assert [e.source_actor_ids for e in events] == [("G",), ("KEN",)]
    # PETRARCH convention: a negated act is recoded as its opposite from a negation table
    negating = Lexicon(crosswalk=dict(lexicon.crosswalk), word_sets=dict(lexicon.word_sets))
    negating.extend(lexicon)
    negating.negations.update(parse_pico_negations("050:0x0080\n111:0x1007f"))
    (plain,) = code_events(doc, article, actors[1:], (), lexicon)
    assert plain.negated and (plain.cameo or "").startswith("11")
    (recoded,) = code_events(doc, article, actors[1:], (), negating, recode_negated=True)
    assert (recoded.cameo, recoded.event_type, recoded.negated) == ("050", "SUPPORT", False)


# -- conventions added with the third round of PLOVER GSR work --------------------------


def test_protest_source_from_a_place_phrase(code: Code) -> None:
    events, _ = code("Students from Kenya staged rallies against Somalia.")
    assert triples(events) == {(("KEN",), ("SOM",), "PROTEST")}


def test_noun_owner_from_its_modifier(code: Code) -> None:
    events, _ = code("Protests by Cuba against the United States continued on Friday.")
    assert (("CUB",), ("USA",), "PROTEST") in triples(events)


def test_conditions_are_not_acts(code: Code) -> None:
    events, _ = code("Turkey threatened to halt the talks unless Greece withdrew its troops.")
    assert {e.event_type for e in events} == {"THREATEN"}


def test_promised_withdrawal_of_observers_is_a_threat_and_of_troops_an_agreement(code: Code) -> None:
    (event,), _ = code("Russia said it will withdraw its observers from Ukraine.")
    assert (event.event_type, event.target_actor_ids) == ("THREATEN", ("UKR",))
    (event,), _ = code("Russia said it will withdraw its troops from Ukraine.")
    assert event.event_type == "AGREE"


def test_promised_resignation_stays_retreat(code: Code) -> None:
    events, _ = code("The president of Peru was indicted by Brazil and will resign.")
    assert (("PER",), (), "RETREAT") in triples(events) or any(
        e.event_type == "RETREAT" and e.source_actor_ids == ("PER",) for e in events
    )


def test_planned_restrictions_are_a_threat(code: Code) -> None:
    (event,), _ = code("Greece plans to impose restrictions on workers from Romania.")
    assert (event.event_type, event.source_actor_ids) == ("THREATEN", ("GRC",))


def test_complaint_targets_the_party_complained_about(code: Code) -> None:
    (event,), _ = code("Syria complained to Egypt over raids by Israel.")
    assert (event.event_type, event.target_actor_ids) == ("ACCUSE", ("ISR",))


def test_reported_obligation_is_not_the_act_even_without_a_known_reporter(code: Code) -> None:
    events, _ = code("A panel of experts concluded that Iran must allow inspections.")
    assert events == ()


def test_unattributed_attack_keeps_its_victim(code: Code) -> None:
    (event,), _ = code("Five soldiers of Somalia were killed in a bombing on Monday.")
    assert (event.source_actor_ids, event.target_actor_ids, event.event_type) == ((), ("SOM",), "ASSAULT")


def test_killed_and_wounded_is_one_attack(code: Code) -> None:
    events, _ = code("Troops from Syria killed two farmers from Turkey and wounded three others.")
    assert triples(events) == {(("SYR",), ("TUR",), "ASSAULT")}


def test_participle_describing_the_attacker_is_not_another_event(code: Code) -> None:
    events, _ = code("Aircraft from France using guided missiles killed ten fighters from Syria.")
    assert triples(events) == {(("FRA",), ("SYR",), "ASSAULT")}


def test_titles_in_apposition_are_not_a_compound_actor(code: Code) -> None:
    events, _ = code("Hungary, the current chair of the group, condemned Serbia.")
    assert triples(events) == {(("HUN",), ("SRB",), "ACCUSE")}


def test_calling_off_a_strike_is_a_concession(code: Code) -> None:
    events, _ = code("Unions in Kenya called off their strike on Sunday.")
    assert {(e.source_actor_ids, e.event_type) for e in events} == {(("KEN",), "CONCEDE")}


def test_event_noun_subject_of_a_light_verb_does_not_loop(code: Code) -> None:
    # the noun is the subject of a reported light verb: its owner is not that verb's subject
    events, _ = code("Kenya said that strikes continued.")
    assert events == ()


PETRARCH_VERBS = """
--- POSTPONE [161] ---
POSTPONE
- % * [120]
--- LEAVE [012] ---
LEAVE
--- LEFT [042:043] ---
LEFT [042:043]
"""


def test_petrarch_compound_marker_and_verb_forms_of_their_own(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    from communique.lexicon import parse_petrarch_verbs

    own = Lexicon(crosswalk=dict(lexicon.crosswalk), word_sets=dict(lexicon.word_sets))
    own.add(parse_petrarch_verbs(PETRARCH_VERBS))

    def cameo(text: str) -> set[tuple[tuple[str, ...], tuple[str, ...], str | None]]:
        actors = [
            Actor(
                c,
                n,
                c,
                None,
                tuple(Mention(m.start(), m.end(), n, c, 0) for m in re.finditer(n, text)),
                kind="country",
            )
            for c, n in (("ESP", "Spain"), ("ITA", "Italy"))
            if n in text
        ]
        article = Article(id="p", text=text, paragraphs=(Span(0, len(text), text),), source="t")
        events = code_events(nlp(text), article, actors, (), own, plover_only=False, reciprocal=True)
        return {(e.source_actor_ids, e.target_actor_ids, e.cameo) for e in events}

    # "%": the rule needs a compound subject; a single one takes the block's code
    assert cameo("Spain and Italy postponed their summit.") == {
        (("ESP",), ("ITA",), "120"),
        (("ITA",), ("ESP",), "120"),
    }
    assert cameo("Spain postponed its summit with Italy.") == {(("ESP",), ("ITA",), "161")}
    # "LEFT" is listed as a verb of its own (a visit), before the lemma "leave"
    assert cameo("Spain's foreign minister left for Italy on Monday for talks.") == {
        (("ESP",), ("ITA",), "042"),
        (("ITA",), ("ESP",), "043"),
    }
    assert cameo("Spain's foreign minister will leave Italy.") == {(("ESP",), ("ITA",), "012")}


def test_dyadic_keeps_only_events_with_source_and_target(code: Code) -> None:
    one_sided, _ = code("Spain praised the new plan on Monday.", plover_only=False)
    assert [e.source_actor_ids for e in one_sided] == [("ESP",)]
    assert code("Spain praised the new plan on Monday.", plover_only=False, dyadic=True)[0] == ()
    (event,), _ = code("Spain praised Italy on Monday.", plover_only=False, dyadic=True)
    assert (event.source_actor_ids, event.target_actor_ids) == (("ESP",), ("ITA",))


PETRARCH_MARKERS = """
--- FREE [080] ---
FREE
- + * (FROM $)  [080]
--- CELEBRATE [051] ---
CELEBRATE
- * HOLIDAY ^ $  [017]
- * FEAST (AT ^) (WITH +)  [017]
- * EASTER (WITH +)  [017]
"""


def test_petrarch_slot_markers_bind_source_and_target(nlp: spacy.language.Language, lexicon: Lexicon) -> None:
    own = Lexicon(crosswalk=dict(lexicon.crosswalk), word_sets=dict(lexicon.word_sets))
    own.add(parse_petrarch_verbs(PETRARCH_MARKERS))
    names = (("ESP", "Spain"), ("ITA", "Italy"), ("FRA", "France"), ("PRT", "Portugal"))

    def coded(text: str) -> set[tuple[tuple[str, ...], tuple[str, ...], str | None]]:
        actors = [
            Actor(
                c,
                n,
                c,
                None,
                tuple(Mention(m.start(), m.end(), n, c, 0) for m in re.finditer(n, text)),
                kind="country",
            )
            for c, n in names
            if n in text
        ]
        article = Article(id="m", text=text, paragraphs=(Span(0, len(text), text),), source="t")
        events = code_events(nlp(text), article, actors, (), own, plover_only=False)
        return {(e.source_actor_ids, e.target_actor_ids, e.cameo) for e in events}

    # "+ * (FROM $)": the passive subject is the target, the "from" phrase the source
    assert coded("Portugal was freed from Spain after the war.") == {(("ESP",), ("PRT",), "080")}
    # "$" only: the marked phrase acts, the subject is acted upon; "^" passes a phrase over
    assert coded("Spain celebrated the holiday with Italy at France.") == {(("FRA",), ("ESP",), "017")}
    # "+" only: the subject stays the source
    assert coded("Spain celebrated the feast at Italy with France.") == {(("ESP",), ("FRA",), "017")}
    # a day named as the object is a thing celebrated, not the date of the act
    assert coded("Spain celebrated Easter with Portugal.") == {(("ESP",), ("PRT",), "017")}
    # with no marked pattern the parse decides: the default object is the target
    assert coded("Spain freed Portugal.") == {(("ESP",), ("PRT",), "080")}


def test_an_actor_named_twice_may_be_its_own_recipient(code: Code) -> None:
    events, _ = code("Leaders of towns in Serbia demanded funds from the Serbia parliament.")
    assert triples(events) == {(("SRB",), ("SRB",), "REQUEST")}
    events, _ = code("Serbia demanded new funds.")  # named once: no recipient
    assert triples(events) == {(("SRB",), (), "REQUEST")}


def test_a_preposition_shared_by_conjoined_verbs_finds_its_object(code: Code) -> None:
    events, _ = code("Peru has restored diplomatic ties with and reopened an embassy in Cuba.")
    assert triples(events) == {(("PER",), ("CUB",), "SUPPORT")}


def test_an_act_not_done_gives_no_recipient(code: Code) -> None:
    events, _ = code("Peru agreed to resign its seat without returning to Cuba.")
    assert {(e.source_actor_ids, e.target_actor_ids) for e in events} == {(("PER",), ())}


def test_the_recipient_of_a_sanction_called_for(code: Code) -> None:
    events, _ = code("Kenya called for sanctions against Somalia in the wake of the killing of a priest.")
    assert {(e.source_actor_ids, e.target_actor_ids) for e in events} == {(("KEN",), ("SOM",))}


def test_a_repeated_act_without_recipient_is_folded_into_the_one_with(code: Code) -> None:
    events, _ = code("Kenya condemned the attack and also denounced Somalia for harbouring militants.")
    assert triples(events) == {(("KEN",), ("SOM",), "ACCUSE")} and len(events) == 1


def test_a_nationality_qualifying_a_named_group_is_a_recipient(
    nlp: spacy.language.Language, lexicon: Lexicon
) -> None:
    text = "Turkey will allow 500 Turkish Kurd refugees who fled the war to return home."

    def mention(word: str, actor: str, kind: str = "name") -> Mention:
        return Mention(text.index(word), text.index(word) + len(word), word, actor, 0, kind)

    actors = [
        Actor(
            "TUR",
            "Turkey",
            "TUR",
            None,
            (mention("Turkey", "TUR"), mention("Turkish", "TUR")),
            kind="country",
        ),
        Actor("K", "Kurd", None, None, (mention("Kurd", "K"),)),
    ]
    article = Article(id="t", text=text, paragraphs=(Span(0, len(text), text),), source="t")
    (event,) = code_events(nlp(text), article, actors, (), lexicon)
    assert (event.source_actor_ids, event.target_actor_ids) == (("TUR",), ("TUR", "K"))


def test_recipient_of_a_subjectless_purpose_clause(code: Code) -> None:
    events, _ = code("Germany signed an agreement on Tuesday to supply Ukraine with artillery shells.")
    assert {(e.source_actor_ids, e.target_actor_ids) for e in events} == {(("DEU",), ("UKR",))}

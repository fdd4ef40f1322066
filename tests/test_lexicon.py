"""The verb lexicon: PETRARCH dictionaries, our TOML rules, the CAMEO->PLOVER crosswalk."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import DictionaryError
from communique.lexicon import Lexicon, load_lexicon, parse_crosswalk, parse_petrarch_verbs
from communique.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

VERBS = """
####### VERB PATTERNS #######
---  HAIL   [051]  ---
HAIL
PRAISE {PRAISES PRAISED}
- * (FOR {PEACE EFFORTS})   [0512]  # our own
---  VISIT   [042:043]  ---
VISIT
+CALL_ON [042:043]
"""


@pytest.fixture(scope="module")
def shipped() -> Lexicon:
    return load_lexicon()


def test_petrarch_blocks_give_defaults_and_patterns() -> None:
    patterns = parse_petrarch_verbs(VERBS)
    by = {(p.lemma, p.cameo) for p in patterns}
    assert ("hail", "051") in by and ("praise", "0512") in by
    visit = next(p for p in patterns if p.lemma == "visit")
    assert visit.cameo == "042" and visit.reverse == "043"
    call_on = next(p for p in patterns if p.lemma == "call")
    assert call_on.after == ((("on",),),)


def test_most_specific_pattern_wins() -> None:
    lex = Lexicon().add(parse_petrarch_verbs(VERBS))
    assert lex.match("praise", "verb", ["the", "leaders"]) is not None
    assert lex.match("praise", "verb", ["the", "leaders"]).cameo == "051"  # type: ignore[union-attr]
    hit = lex.match("praise", "verb", ["them", "for", "their", "peace|peace", "efforts|effort"])
    assert hit is not None and hit.cameo == "0512"
    assert lex.match("call", "verb", ["them"]) is None  # needs its particle
    assert lex.match("call", "verb", ["on", "Paris"]).cameo == "042"  # type: ignore[union-attr]


def test_crosswalk_parse_and_parent_fallback() -> None:
    table = parse_crosswalk("10: REQUEST\n106: REQUEST, meet, diplomatic # Demand meeting\n")
    assert table["106"] == ("REQUEST", "meet", ("diplomatic",))
    lex = Lexicon(crosswalk=table)
    assert lex.plover("1061")[0] == "REQUEST"
    assert lex.plover("010") == (None, None, ())


def test_shipped_lexicon_maps_appeals_and_requests(shipped: Lexicon) -> None:
    assert len(shipped) > 40_000
    assert shipped.plover("026") == ("REQUEST", "meet", ("diplomatic",))
    assert shipped.plover("130")[0] == "THREATEN"
    assert shipped.plover("193") == ("ASSAULT", "firearms", ("military",))
    hit = shipped.match("ask", "verb", ["north", "korea", "to", "return"], xcomp="return")
    assert hit is not None and (hit.event_type, hit.mode) == ("REQUEST", "meet")
    assert "ask" in shipped.words["object_control"]


def test_toml_format_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[pattern]]\nlemma = ["snub", "ignore"]\ncameo = "120"\nafter = ["envoy"]\n')
    lex = Lexicon.from_toml(path)
    assert lex.match("ignore", "verb", ["the", "envoys"]).cameo == "120"  # type: ignore[union-attr]
    with pytest.raises(DictionaryError):
        Lexicon.from_toml_text("[[pattern]]\nlemma = 'x'\n")
    with pytest.raises(DictionaryError):
        Lexicon.from_toml_text("not toml [[")


def test_user_dictionaries_extend_or_replace(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(VERBS)
    extended = load_lexicon(Settings(dictionaries=(str(path),)))
    assert extended.match("hail", "verb", []).cameo == "051"  # type: ignore[union-attr]
    assert extended.has("threaten")
    replaced = load_lexicon(Settings(dictionaries=(str(path),), replace_dictionaries=True))
    assert replaced.has("hail") and not replaced.has("threaten")
    with pytest.raises(DictionaryError):
        load_lexicon(Settings(dictionaries=(str(tmp_path / "missing.txt"),)))


@pytest.mark.shared
def test_reads_the_petrarch_validation_verbs() -> None:
    path = SHARED / "eventdata" / "universalpetrarch" / "PETR_Validate_verbs_2_02.txt"
    if not path.exists():
        pytest.skip("shared data absent")
    lex = Lexicon.from_petrarch_verbs(path)
    assert len(lex) > 500
    assert lex.match("agree", "verb", ["to", "the", "proposal"]).cameo == "030"  # type: ignore[union-attr]


def test_compound_marker_is_parsed_and_survives_jsonl() -> None:
    text = "--- DELAY [120] ---\nDELAY\n- % *  [120]\n- * TALKS  [161]\n"
    patterns = parse_petrarch_verbs(text)
    assert {(p.cameo, p.compound) for p in patterns} == {("120", True), ("120", False), ("161", False)}
    lex = Lexicon().add(patterns)
    again = Lexicon.from_jsonl_text(lex.to_jsonl(), origin="t")
    assert {p.compound for p in again.patterns[("delay", "verb")]} == {True, False}
    # a compound rule fires only for a compound subject
    assert lex.match("delay", "verb", ["the|the", "vote|vote"], compound=True) is not None
    match = lex.match("delay", "verb", ["the|the", "vote|vote"])
    assert match is not None and not match.pattern.compound


def test_synsets_inside_synsets_and_bracketed_members() -> None:
    text = (
        "&KINDS\n+MILITARY\n+TRADE\n\n&NEARER\n+&KINDS\n+CLOSER\n\n&ENDS\n+(TO THE END)\n\n"
        "--- MOVE [040] ---\nMOVE\n- * &NEARER TIES  [051]\n- * &ENDS  [138]\n"
    )
    patterns = parse_petrarch_verbs(text)
    ties = next(p for p in patterns if p.cameo == "051")
    assert set(ties.after[0]) == {("military",), ("trade",), ("closer",)}
    ends = next(p for p in patterns if p.cameo == "138")
    assert ends.after == ((("to", "the", "end"),),)


def test_slot_markers_are_parsed_located_and_survive_jsonl() -> None:
    text = "--- FREE [080] ---\nFREE\n+LET_GO\n- + * (FROM $)  [080]\n- * FEAST ^ $  [017]\n"
    patterns = parse_petrarch_verbs(text)
    freed = next(p for p in patterns if p.lemma == "free" and p.markers and p.cameo == "080")
    assert freed.markers == (("before", "+", 0), ("after", "$", 1))
    # a multi-word verb's own words come first: the marker's place moves past them
    let = next(p for p in patterns if p.lemma == "let" and p.cameo == "080" and p.markers)
    assert let.markers == (("before", "+", 0), ("after", "$", 2))
    lex = Lexicon().add(patterns)
    again = Lexicon.from_jsonl_text(lex.to_jsonl(), origin="t")
    assert {p.markers for p in again.patterns[("free", "verb")]} == {
        p.markers for p in patterns if p.lemma == "free"
    }
    # where the markers lie among the clause words: "$" after "from", "^ $" after "feast"
    match = lex.match(
        "free", "verb", ["from|from", "the|the", "north|north"], before=["the|the", "town|town"]
    )
    assert match is not None and match.slots == (("before", "+", 0, 2), ("after", "$", 1, 3))
    match = lex.match("free", "verb", ["a|a", "feast|feast", "with|with", "x|x", "at|at", "y|y"])
    assert match is not None and match.slots == (("after", "^", 2, 6), ("after", "$", 2, 6))


def test_argument_conditions_are_parsed_matched_and_survive_jsonl() -> None:
    lex = Lexicon.from_toml_text(
        """
[[pattern]]
lemma = "knock"
particle = "down"
object = ["wall", "garden_wall"]
cameo = "1712"

[[pattern]]
lemma = "lock"
attached = [["on", "under"], ["suspicion"]]
cameo = "112"

[[pattern]]
lemma = "use"
xcomp = ["scatter"]
complement_object = "crowd"
cameo = "175"
""",
        origin="t",
    )
    knock = lex.patterns[("knock", "verb")][0]
    assert set(knock.args) == {frozenset({"prt:down"}), frozenset({"obj:wall", "obj:garden_wall"})}
    assert knock.specificity == 2  # a particle and a one-word object
    lock = lex.patterns[("lock", "verb")][0]
    assert lock.specificity == 2  # "on suspicion" is two words
    hit = lex.match("knock", "verb", ["down|down", "the|the", "wall|wall"], args={"prt:down", "obj:wall"})
    assert hit is not None and hit.cameo == "1712"
    # the words alone are not enough: the wall must be the object ("knocked down a bid on the wall")
    assert (
        lex.match("knock", "verb", ["down|down", "a|a", "bid|bid", "on|on", "the|the", "wall|wall"]) is None
    )
    assert lex.match("lock", "verb", [], args={"under:suspicion"}) is not None
    assert lex.match("use", "verb", [], xcomp="scatter", args={"xobj:crowd"}) is not None
    assert lex.match("use", "verb", [], xcomp="scatter", args={"obj:crowd"}) is None
    again = Lexicon.from_jsonl_text(lex.to_jsonl(), origin="t")
    assert again.patterns[("knock", "verb")][0].args == knock.args
    with pytest.raises(DictionaryError):
        Lexicon.from_toml_text('[[pattern]]\nlemma = "x"\ncameo = "1"\nattached = ["on"]\n', origin="t")

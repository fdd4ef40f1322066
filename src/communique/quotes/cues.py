"""Find reporting cues in a spaCy parse and read off their content and speaker.

A cue is a reporting verb (``said``, ``warned``, ``called for``), a reporting noun with a
``that`` clause (``his statement that …``), the phrase ``according to``, or the colon
of a ``NAME: text`` transcript line. Each cue yields a :class:`Candidate`: token ranges
for the cue, the reported content and the speaker, worked out from the dependency parse.
Quotation marks are handled later, by the assembler in :mod:`communique.quotes`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from communique.quotes.marks import Ranges, headline_lines, markup_spans

__all__ = [
    "NOUN_CUES",
    "VERB_CUES",
    "Candidate",
    "find_candidates",
    "lexicon",
    "noun_phrase",
    "speaker_of",
    "trim",
]


def lexicon(words: str) -> frozenset[str]:
    """A word list written as whitespace-separated words.

    >>> sorted(lexicon("say  tell\\nwarn"))
    ['say', 'tell', 'warn']
    """
    return frozenset(words.split())


# Reporting verbs (speech, writing, stance, cognition, evidence), as lemmas. Speech and
# writing verbs take content from a clause; the rest only from a finite ``that``/ccomp
# clause, so "wants to win" or "found the keys" do not count.
SPEECH_VERBS = lexicon(
    """say tell add note warn claim argue insist deny announce explain write state report ask
    suggest accuse acknowledge admit agree allege assert boast caution charge comment complain
    concede conclude confirm contend declare demand describe disclose emphasize emphasise
    indicate inform mention predict promise pledge propose reply respond recall
    reiterate remark repeat reveal signal speculate stress testify tweet urge vow counter
    observe proclaim tout underscore brag lament joke quip muse post retort recount concur
    plead insinuate imply estimate forecast threaten advise remind assure reassure assert
    vouch swear guarantee project question wonder hint complain grumble scoff lash rail
    criticize criticise praise blast slam attack condemn decry denounce dismiss reject
    recommend order instruct beg implore petition press echo chant cite predict
    support oppose endorse refuse decline express defend blame mock highlight quote shout email
    voice welcome unveil outline invoke reference portray challenge apologize apologise
    discuss advocate"""
)
STANCE_VERBS = lexicon(
    """believe think know find show feel fear hope expect doubt assume guess imagine consider
    worry learn hear read understand realize realise recognize recognise see estimate
    suspect presume anticipate figure reckon sense acknowledge prove demonstrate suggest
    indicate reveal confirm insist maintain"""
)
# Intention and desire verbs: content is the ``to`` clause ("wants to win", "plans to run").
INTENT_VERBS = lexicon(
    """want plan intend hope seek aim refuse decline decide agree vow promise pledge threaten
    expect prefer wish choose resolve vote strive desire"""
)
# Attitude, support, decree and evidence verbs whose object is the content ("backs the
# deal", "despises Washington", "the court struck down the law", "polls show Clinton ahead").
OBJECT_VERBS = lexicon(
    """support back endorse champion favor favour oppose like love hate dislike despise resent
    admire distrust trust want prefer reject veto approve ban impose lift appoint nominate rule
    overturn block show find document propose deny dismiss question doubt downplay tout
    welcome applaud decry lament bemoan regret fear recommend"""
)
# Verbs that frame their object ("called him a liar", "cast her rival as …", "sees Cruz as
# a uniter"): the object is content only together with its complement.
_FRAMING_VERBS = lexicon(
    """call see view regard cast describe portray paint characterize characterise label brand dub
    consider deem thank congratulate"""
)
VERB_CUES = SPEECH_VERBS | STANCE_VERBS | INTENT_VERBS | OBJECT_VERBS | _FRAMING_VERBS
# Verbs whose object or ``for``/``on`` phrase is the content ("called for dialogue").
_PREP_CUES: dict[str, set[str]] = {
    "call": {"for", "on"},
    "push": {"for"},
    "appeal": {"for", "to"},
    "argue": {"for", "against"},
    "plead": {"for"},
    "warn": {"of", "about", "against"},
    "speak": {"of", "about", "on", "against"},
    "talk": {"about", "of"},
    "complain": {"about", "of"},
    "ask": {"for", "about"},
    "urge": {"on"},
    "point": {"to"},
    "refer": {"to"},
    "compare": {"to", "with"},
    "comment": {"on", "about"},
    "write": {"about", "of", "on"},
    "worry": {"about", "over"},
    "think": {"about", "of"},
    "know": {"about", "of"},
    "care": {"about"},
    "learn": {"about", "of"},
    "read": {"about"},
    "campaign": {"for", "against", "on"},
    "advocate": {"for"},
    "vote": {"for", "against"},
    "cheer": {"for"},
    "rail": {"against"},
    "lash": {"at"},
    "rant": {"about", "against"},
    "testify": {"about", "on"},
    "joke": {"about"},
    "brag": {"about"},
    "boast": {"about", "of"},
    "tweet": {"about"},
    "reflect": {"on"},
    "insist": {"on"},
    "agree": {"on", "with"},
    "disagree": {"with", "on", "about"},
    "weigh": {"on"},
    "lobby": {"for", "against"},
    "pray": {"for"},
    "hope": {"for"},
    "wish": {"for"},
    "accuse": {"of"},
    "charge": {"with"},
    "credit": {"with", "for"},
    "liken": {"to"},
    "attribute": {"to"},
    "apologize": {"for"},
    "apologise": {"for"},
    "respond": {"to"},
    "reply": {"to"},
    "react": {"to"},
    "object": {"to"},
    "allude": {"to"},
    "rule": {"on", "against"},
    "protest": {"against", "over"},
    "vouch": {"for"},
    "side": {"with"},
    "believe": {"in"},
    "approve": {"of"},
    "disapprove": {"of"},
    "dream": {"of", "about"},
    "fret": {"about", "over"},
    "muse": {"about", "on"},
    "opine": {"on", "about"},
    "elaborate": {"on"},
    "preach": {"about"},
    "lecture": {"on", "about"},
    "debate": {"about", "over"},
    "question": {"about", "on"},
    "press": {"for", "on"},
}
# Verbs that report speech only right next to a quotation, with no object or clause of their
# own ("“…,” he continued.", "She went on: “…”"): bare cues for the quotation beside them.
_BARE_ONLY_VERBS = lexicon("continue")
_ALL_VERBS = VERB_CUES | frozenset(_PREP_CUES) | _BARE_ONLY_VERBS
# Reporting nouns that introduce a ``that`` clause ("Biegun's remark that …").
NOUN_CUES = lexicon(
    """statement remark claim assertion comment warning argument suggestion insistence belief
    view announcement admission allegation accusation promise pledge call demand message
    report contention charge complaint concern fear hope prediction denial assurance notion
    opinion position testimony acknowledgment acknowledgement insinuation declaration
    proposal threat vow speculation explanation conclusion finding confirmation reminder
    suspicion idea expectation estimate"""
)
# Speech verbs whose direct object is the addressee, not what was said.
_ADDRESSEE_VERBS = lexicon(
    """tell ask inform remind assure reassure urge advise instruct order beg implore petition push
    press warn add note write state reply respond answer explain post boast claim unveil tweet
    email shout"""
)
_WHEN = frozenset({"DATE", "TIME"})
# Nouns after "spoke on"/"talked about" that say how or where one spoke, not about what.
_CIRCUMSTANCES = lexicon(
    """condition anonymity behalf background record phone telephone television radio air camera
    sideline sidelines margin margins stage podium line"""
)
_OBJECT_TAIL = frozenset({"dobj", "oprd", "xcomp", "ccomp", "attr", "acomp"})
_NOUN_CUE_MARKS = frozenset({"that", "whether"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_NOUNISH_MODIFIERS = frozenset({"nummod", "compound", "amod", "det", "quantmod", "advmod", "poss"})
_SPEAKER_CUT = frozenset({"relcl", "acl", "appos", "punct", "cc", "advcl", "parataxis"})


@dataclass
class Candidate:
    """One cue with token ranges (``[start, end)`` token indices) into the doc.

    ``content`` may be ``None`` for a bare cue ("she told reporters") that the
    assembler can pair with an adjacent quotation.
    """

    cue: tuple[int, int]
    content: tuple[int, int] | None
    speaker: tuple[int, int] | None
    reason: str | None = None
    strength: int = 2  # 2: speech verb or noun cue, 1: stance verb (needs a clause)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop punctuation (except quotation marks) and spaces at both ends of a range."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and not doc[start].is_quote)):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not doc[end - 1].is_quote)):
        end -= 1
    return (start, end) if end > start else None


def _subtree(tok: Token, exclude: Token | None = None) -> tuple[int, int] | None:
    """Token range of ``tok``'s subtree, cut before or after ``exclude``'s subtree."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if exclude is not None:
        ex_start, ex_end = exclude.left_edge.i, exclude.right_edge.i + 1
        if ex_start > tok.i:
            end = min(end, ex_start)
        elif ex_end <= tok.i + 1:
            start = max(start, ex_end)
    return trim(tok.doc, start, end)


#: Heads of a coordinated speaker ("Okoro and Hale", "the union and its lawyers").
_NAMES = frozenset({"PROPN", "NOUN", "PRON"})


def noun_phrase(tok: Token) -> tuple[int, int]:
    """The speaker phrase headed by ``tok``: its subtree without clauses and appositions; a
    coordinated speaker keeps every conjunct ("Okoro and Hale")."""
    start = tok.left_edge.i
    end = tok.i + 1
    rights = list(tok.rights)
    for index, child in enumerate(rights):
        joins = child.dep_ == "cc" or (child.dep_ == "punct" and child.text == ",")
        if joins and any(r.dep_ == "conj" and r.pos_ in _NAMES for r in rights[index + 1 :]):
            continue  # "Okoro and Hale call ...", "Okoro, Hale and Kim say ...": all speak
        if child.dep_ == "conj" and child.pos_ in _NAMES:
            end = noun_phrase(child)[1]  # the next speaker, without its own clauses
            continue
        if child.dep_ in _SPEAKER_CUT:
            break
        end = child.right_edge.i + 1
    for child in tok.lefts:
        if child.dep_ in {"punct", "cc"} and child.i == start:
            start += 1
    return start, max(end, start + 1)


def speaker_of(
    verb: Token, content: tuple[int, int] | None = None
) -> tuple[tuple[int, int] | None, str | None]:
    """Find who is speaking for a verb cue: subject, passive agent or inherited subject.

    A subject inside the content is a misparse ("“…, it will,” said X") and is skipped.
    """
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.lemma_.lower() in VERB_CUES:
        # "said it was opposed and warned X": the conjunct belongs to the outer cue
        verb = verb.head.head
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        for child in tok.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return noun_phrase(objs[0]), None
        # The subject nearest the verb: a sentence the parser ran over a paragraph break can
        # give a verb two subjects ("Dr. Ben Carson: … \n\n GOP candidate Ben Carson says").
        at = tok.i
        subjects = sorted(
            (
                child
                for child in tok.children
                if child.dep_ in {"nsubj", "csubj", "nsubjpass"}
                and not (content is not None and content[0] <= child.i < content[1])
            ),
            key=lambda child: abs(child.i - at),
        )
        if subjects:
            child = subjects[0]
            if child.dep_ == "nsubjpass":
                return None, "passive cue without an agent"
            if child.lower_ in _RELATIVE and tok.dep_ == "relcl":
                # "Mr. Kamin, who said …": the antecedent through the relative pronoun
                start, end = noun_phrase(tok.head)
                return (start, max(end, child.i + 1)), None
            return noun_phrase(child), None
        if (
            tok.dep_ in {"conj", "xcomp", "advcl", "acl", "dobj", "pobj", "prep", "pcomp", "relcl", "acomp"}
            and tok.head.i != tok.i
        ):
            if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}:
                # "a message calling for dialogue": the noun's owner, else its verb's subject
                owner = [c for c in tok.head.children if c.dep_ == "poss"]
                if owner:
                    return noun_phrase(owner[0]), None
            tok = tok.head
            continue
        break
    # A finite verb the parser read as a noun takes its modifiers for the subject ("Roughly 6 in
    # 10 say …", where "10" hangs on "say" as a number): they are the speaker.
    lefts = [c for c in verb.lefts if c.dep_ != "punct"]
    if (
        verb.tag_ in {"VBP", "VBZ", "VBD"}
        and lefts
        and all(c.dep_ in _NOUNISH_MODIFIERS for c in lefts)
        and any(c.dep_ in {"nummod", "compound", "amod"} for c in lefts)
    ):
        span = trim(verb.doc, lefts[0].left_edge.i, verb.i)
        if span is not None:
            return span, None
    # A finite verb whose subject the parser hung elsewhere ("…, Ruiz and Chen call them",
    # also for a conjunct cue: "… call them X and describe …"): the run of names before it.
    doc = verb.doc
    for finite in (verb, tok) if tok is not None and tok is not verb else (verb,):
        start = finite.i
        while start > 0 and finite.i - start < 6 and doc[start - 1].pos_ in {"PROPN", "CCONJ"}:
            start -= 1
        if finite.tag_ in {"VBP", "VBZ", "VBD"} and start < finite.i and doc[start].pos_ == "PROPN":
            return (start, finite.i), None
    # An inverted cue after a quotation, its speaker parsed as an object ("“…,” replied her
    # rival, Joao Costa"): the noun phrase right after the verb.
    if verb.i > 0 and verb.tag_ == "VBD" and (doc[verb.i - 1].is_quote or doc[verb.i - 1].text == ","):
        after = [c for c in verb.rights if not c.is_punct]
        if after and after[0].dep_ in {"dobj", "attr"} and after[0].pos_ in {"NOUN", "PROPN"}:
            return noun_phrase(after[0]), None
    # Inversion at the start of a sentence: "Said Moreno: “…”"
    end = verb.i + 1
    while end < len(doc) and end - verb.i <= 4 and doc[end].pos_ == "PROPN":
        end += 1
    if _starts_sentence(verb) and end > verb.i + 1 and end < len(doc) and doc[end].text in {":", ","}:
        return (verb.i + 1, end), None
    return None, "no subject for the cue"


def named_subject_above(noun: Token) -> tuple[int, int] | None:
    """The named subject of the verb a noun is the object of ("the senator is standing firm in
    his support for …": the senator, whom PolNeAR marks rather than "his"), if there is one."""
    tok = noun
    while tok.dep_ in {"dobj", "attr", "pobj", "prep", "conj"} and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
            return noun_phrase(subjects[0]) if subjects else None
    return None


def _without_reporting_aside(doc: Doc, content: tuple[int, int], asides: list[int]) -> tuple[int, int]:
    """Cut a trailing ", which/who <reporting verb> …" clause from the content: it is an
    attribution of its own ("… fined by the regulator, which argued that …"). ``asides``
    holds the places of ", which"/", who" in the doc, in order."""
    start, end = content
    for i in reversed(asides[bisect.bisect_left(asides, start + 2) : bisect.bisect_right(asides, end - 1)]):
        tok = doc[i]
        if tok.head.dep_ != "relcl":
            continue
        verb = tok.head
        if verb.right_edge.i + 1 >= end and verb.lemma_.lower() in VERB_CUES:
            cut = trim(doc, start, i - 1)
            return cut if cut else content
    return content


def _starts_sentence(tok: Token) -> bool:
    """``tok.i == tok.sent.start`` without walking the sentence (long in a run-on text)."""
    return tok.i == 0 or bool(tok.is_sent_start)


def _object_content(verb: Token, lemma: str) -> tuple[int, int] | None:
    """Content carried by the object: "condemned the test as …", "called Trump a liar"."""
    if lemma in _ADDRESSEE_VERBS:
        return None
    rights = list(verb.rights)
    objs = [c for c in rights if c.dep_ == "dobj"]
    if not objs:
        return None
    tail = [
        c
        for c in rights
        if c.dep_ in _OBJECT_TAIL
        or (c.dep_ == "prep" and c.i > objs[0].i and not any(o.ent_type_ in _WHEN for o in c.subtree))
    ]
    framed = [c for c in tail if c.dep_ in {"oprd", "xcomp", "ccomp"} or c.lower_ in {"as", "for", "of"}]
    if (lemma in _FRAMING_VERBS or (objs[0].pos_ == "PRON" and objs[0].lower_ not in {"what", "much"})) and (
        not framed
    ):
        # "called him a liar", "sees Cruz as a uniter", "thanked them for coming"; not "called him"
        return None
    end = max(c.right_edge.i for c in [objs[0], *tail]) + 1
    return trim(verb.doc, objs[0].left_edge.i, end)


def _passive_content(verb: Token) -> tuple[int, int] | None:
    """Content of a passive cue: its subject with the complement ("X was accused of Y",
    "X is expected to win", "X has been endorsed by Y"); an empty "it" is left out."""
    subjects = [c for c in verb.lefts if c.dep_ == "nsubjpass"]
    if not subjects:
        return None
    tail = [
        c
        for c in verb.rights
        if c.dep_ in {"xcomp", "oprd", "ccomp", "attr", "acomp"}
        or (c.dep_ == "prep" and not any(o.ent_type_ in _WHEN for o in c.subtree))
    ]
    subject = subjects[0]
    if subject.lower_ in {"it", "there"}:
        if not tail:
            return None
        start = tail[0].left_edge.i
    else:
        start = subject.left_edge.i
    end = max([subject.right_edge.i] + [c.right_edge.i for c in tail]) + 1
    return trim(verb.doc, start, end)


def _verb_candidates(tok: Token, asides: list[int]) -> list[Candidate]:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in {"VERB", "AUX"} or lemma not in _ALL_VERBS:
        return []
    doc = tok.doc
    if lemma in _BARE_ONLY_VERBS and any(
        c.dep_ in {"xcomp", "dobj", "prep", "advcl", "nsubjpass", "acomp", "attr"} for c in tok.children
    ):
        return []  # "talks continued to stall", "he continued his speech"
    strength = 2 if lemma in SPEECH_VERBS or lemma in _BARE_ONLY_VERBS else 1
    cue_end = tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == cue_end:
            cue_end += 1
    content: tuple[int, int] | None = None
    children = list(tok.children)
    ccomps = [
        c
        for c in children
        if (c.dep_ in {"ccomp", "csubj"} and c.i != tok.i)
        or (c.dep_ == "advcl" and c.i > tok.i and any(m.lower_ in _NOUN_CUE_MARKS | {"if"} for m in c.lefts))
    ]
    if not ccomps and lemma in _ADDRESSEE_VERBS:
        # "told the BBC's Today programme that …": the clause the parser hung on the addressee
        ccomps = [
            a
            for c in children
            if c.dep_ in {"dobj", "dative"}
            for a in c.rights
            if a.dep_ in {"acl", "relcl"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.lefts)
        ][:1]
    # content on both sides ("“A,” she wrote, “B.”") is one report around its cue
    both_sides = bool(ccomps) and ccomps[0].i < tok.i < ccomps[-1].i
    if ccomps:
        first, last = ccomps[0], ccomps[-1]
        end = last.right_edge.i + 1
        for conj in last.rights:
            if conj.dep_ == "conj" and conj.lemma_.lower() in SPEECH_VERBS:
                cc = [c for c in last.rights if c.dep_ == "cc" and c.i < conj.i]
                end = cc[0].i if cc else conj.left_edge.i
                break
        content = trim(doc, first.left_edge.i, end)
    elif lemma in _PREP_CUES:
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in _PREP_CUES[lemma]:
                objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if objs and objs[0].lemma_.lower() in _CIRCUMSTANCES:
                    continue  # "spoke on condition of anonymity", "on the sidelines of"
                if objs:
                    end = max(o.right_edge.i for o in objs) + 1
                    xcomps = [c for c in children if c.dep_ == "xcomp" and c.i > child.i]
                    if xcomps:
                        end = xcomps[-1].right_edge.i + 1
                    content = trim(doc, child.i + 1, end)
                    cue_end = child.i + 1
                    break
    if content is None and (strength == 2 or lemma in INTENT_VERBS):
        xcomps = [c for c in children if c.dep_ == "xcomp" and c.i > tok.i]
        if xcomps and any(a.dep_ == "aux" and a.lower_ == "to" for a in xcomps[0].children):
            objs = [c for c in children if c.dep_ in {"dobj", "dative"} and c.i < xcomps[0].i]
            start = objs[0].left_edge.i if objs else xcomps[0].left_edge.i
            content = trim(doc, start, xcomps[0].right_edge.i + 1)
    if content is None and (strength == 2 or lemma in OBJECT_VERBS or lemma in _FRAMING_VERBS):
        content = _object_content(tok, lemma)
    if content is None:
        content = _passive_content(tok)
    if content is None and tok.dep_ == "parataxis":
        # "Y, he said." or "Acts of protest, he said, are acts of patriotism."
        head = tok.head
        if tok.right_edge.i + 1 < head.right_edge.i and tok.left_edge.i > head.left_edge.i:
            speaker, reason = speaker_of(tok)
            span = trim(doc, head.left_edge.i, head.right_edge.i + 1)
            return [Candidate((tok.i, cue_end), span, speaker, reason, strength)] if span else []
        content = _subtree(head, exclude=tok)
    speaker, reason = speaker_of(tok, None if both_sides else content)
    if content is not None:
        content = _without_reporting_aside(doc, content, asides)
    if content is None and strength == 1:
        return []
    opener = _starts_sentence(tok) and tok.dep_ in {"advcl", "prep", "csubj"}
    if strength == 1 and tok.tag_ in {"VB", "VBG"} and (speaker is None or opener):
        # "Considering that …, North Korea should …": the writer's framing, not a report
        return []
    return [Candidate((tok.i, cue_end), content, speaker, reason, strength)]


def _noun_candidate(tok: Token) -> Candidate | None:
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in NOUN_CUES:
        return None
    for child in tok.rights:
        if child.dep_ not in {"acl", "ccomp", "relcl", "appos"}:
            continue
        marks = [m for m in child.children if m.dep_ == "mark" and m.lower_ in _NOUN_CUE_MARKS]
        if not marks or marks[0].i < tok.i:
            continue
        content = trim(tok.doc, marks[0].i, child.right_edge.i + 1)
        if content is None:
            return None
        speaker: tuple[int, int] | None = None
        reason: str | None = None
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}):
                speaker = noun_phrase(c)
                break
            if c.dep_ == "prep" and c.lower_ in {"by", "from"}:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    speaker = noun_phrase(objs[0])
                    break
        if speaker is None:
            # "X repeated accusations that", "X says in a statement that": the verb's subject
            up = tok
            while up.dep_ in {"dobj", "attr", "pobj", "prep"} and up.head.i != up.i:
                up = up.head
                if up.pos_ in {"VERB", "AUX"}:
                    speaker, reason = speaker_of(up)
                    break
            else:
                reason = "reporting noun without an owner"
        return Candidate((tok.i, tok.i + 1), content, speaker, reason)
    return None


def _according_candidate(tok: Token) -> Candidate | None:
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
        return None
    to = tok.doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    speaker = noun_phrase(objs[0]) if objs else None
    head = tok.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    content = _subtree(head, exclude=tok) if head.i != tok.i else None
    if content is None:
        return None
    return Candidate(
        (tok.i, tok.i + 2), content, speaker, None if speaker else "no source after according to"
    )


# String ids (hashes, the same in every vocabulary) of the lemmas a cue can have.
_CUE_LEMMA_IDS = frozenset(get_string_id(w) for w in _ALL_VERBS | NOUN_CUES | {"accord", "according"})
_CUE_LEMMA_ARRAY = np.array(sorted(_CUE_LEMMA_IDS), dtype=np.uint64)
_ACCORDING_ID = np.uint64(get_string_id("according"))
_ASIDE_ARRAY = np.array(sorted(get_string_id(w) for w in ("which", "who")), dtype=np.uint64)
_COMMA_ID = np.uint64(get_string_id(","))


def find_candidates(doc: Doc, text: str | None = None) -> list[Candidate]:
    """Every cue in ``doc`` with its content and speaker ranges, in text order (``NAME:``
    lines are found by :func:`communique.quotes.labels.colon_candidates`).

    On headline lines only speech-verb cues are read ("Obama Says …"), not stance verbs.
    """
    text = doc.text if text is None else text
    found: list[Candidate] = []
    headlines = Ranges(headline_lines(text))
    markup = Ranges(markup_spans(text))
    # Pick the possible cues from arrays of lemmas and lower-case forms: creating a Token for
    # every word is the slow part.
    attrs = doc.to_array([LEMMA, LOWER])
    wanted = np.isin(attrs[:, 0], _CUE_LEMMA_ARRAY) | (attrs[:, 1] == _ACCORDING_ID)
    relative = np.flatnonzero(np.isin(attrs[1:, 1], _ASIDE_ARRAY) & (attrs[:-1, 1] == _COMMA_ID)) + 1
    asides: list[int] = relative.tolist()
    for i in np.flatnonzero(wanted).tolist():
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if lemma not in SPEECH_VERBS and headlines.holds(tok.idx):
            continue
        if markup.holds(tok.idx):
            continue
        verbs = _verb_candidates(tok, asides)
        if verbs:
            found.extend(verbs)
            continue
        cand = _noun_candidate(tok) or _according_candidate(tok)
        if cand is not None:
            found.append(cand)
    found.sort(key=lambda c: c.cue)
    return found

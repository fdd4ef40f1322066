"""Attributions carried by a noun or an adjective and a preposition.

PolNeAR counts as attribution any attitude, statement or belief the text gives a source,
not only speech verbs: "Trump's criticism *of* the deal", "calls *for* a ceasefire",
"Republicans are worried *about* turnout", "she is confident *that* …", "his plan *to*
cut taxes", and evidence frames such as "*in* the latest poll, Clinton leads". Each rule
here reads a cue word from a small lexicon, takes the content from the preposition's
object (or the clause it governs) and the source from the parse: the possessor ("his
criticism"), a ``by``/``from``/``among`` phrase, or the subject of the verb or copula the
cue word hangs from.

>>> sorted(PREP_NOUNS["support"]), sorted(ADJECTIVE_CUES["critical"])
(['for', 'of'], ['of'])

DOCS: docs/quotes.md
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from communique.quotes.cues import Candidate, lexicon, named_subject_above, noun_phrase, speaker_of, trim

__all__ = ["ADJECTIVE_CUES", "PREP_NOUNS", "find_phrase_candidates"]

# Prepositions that introduce content after an attitude or speech noun/adjective.
_TOPIC = frozenset({"about", "on", "over", "regarding", "concerning"})
# Reporting nouns with the prepositions whose object is the content.
PREP_NOUNS: dict[str, frozenset[str]] = {}
for _preps, _words in (
    (
        _TOPIC,
        """question concern comment remark statement debate discussion story article book
        talk conversation testimony view position stance opinion thought worry fear doubt complaint
        warning claim allegation argument message tweet post memo letter ad briefing
        speculation rumor rumour lecture assessment criticism attack tirade rant joke
        skepticism scepticism report question answer remarks insistence focus
        disagreement debate hearing testimony poll survey study""",
    ),
    (
        {"of"},
        """criticism condemnation defense defence rejection denial allegation accusation claim report
        fear hope praise admiration assessment definition understanding
        knowledge idea notion vision theory announcement approval abandonment mention chant warning
        promise embrace disapproval dismissal acknowledgment acknowledgement recognition perception
        endorsement support supporter opponent proponent advocate defender champion fan
        admirer backer skeptic sceptic""",
    ),
    (
        {"for"},
        """support call plan demand appeal praise proposal case argument preference enthusiasm
        disdain contempt admiration respect love sympathy hope vote advocacy plea request
        affinity desire passion ire blueprint agenda""",
    ),
    (
        {"against"},
        """case argument tirade attack allegation accusation charge complaint warning vote
        protest lawsuit suit rant criticism""",
    ),
    ({"to"}, """opposition commitment objection reply answer reference allusion resistance"""),
    ({"at"}, """swipe jab shot dig anger outrage"""),
    ({"with"}, """disagreement frustration dissatisfaction agreement satisfaction"""),
    ({"in"}, """belief interest confidence trust"""),
):
    for _word in _words.split():
        PREP_NOUNS[_word] = PREP_NOUNS.get(_word, frozenset()) | frozenset(_preps)

# Nouns whose ``to`` clause is the content ("his plan to cut taxes", "the decision to run").
TO_NOUNS = lexicon(
    """plan decision promise pledge call refusal vow agreement proposal threat offer desire
    determination intention intent bid demand request commitment
    reluctance"""
)

# Attitude adjectives with the prepositions that introduce their content; every one of
# them also takes a ``that`` clause or a ``to`` infinitive ("confident that", "willing to").
ADJECTIVE_CUES: dict[str, frozenset[str]] = {}
for _preps, _words in (
    ({"of"}, "critical supportive skeptical sceptical wary dismissive proud fond aware confident sure"),
    ({"of"}, "certain convinced afraid fearful ashamed doubtful suspicious mindful cognizant hopeful"),
    ({"about"}, "skeptical sceptical confident sure certain concerned worried optimistic pessimistic"),
    ({"about"}, "hopeful happy unhappy angry upset furious enthusiastic excited passionate nervous"),
    ({"about"}, "anxious vocal outspoken shy unclear clear confused curious sorry embarrassed adamant"),
    ({"about"}, "bullish bearish doubtful"),
    ({"over"}, "concerned worried angry upset furious"),
    ({"on"}, "keen intent bullish bearish vocal outspoken clear unclear insistent"),
    ({"with"}, "happy unhappy pleased angry upset furious frustrated disappointed comfortable satisfied"),
    ({"with"}, "uncomfortable dissatisfied"),
    ({"by"}, "concerned worried pleased upset frustrated disappointed excited confused embarrassed"),
    ({"in"}, "confident disappointed interested"),
    ({"at"}, "angry furious"),
    ({"for"}, "grateful thankful sorry"),
    ({"to"}, "opposed committed indifferent sympathetic hostile"),
):
    for _word in _words.split():
        ADJECTIVE_CUES[_word] = ADJECTIVE_CUES.get(_word, frozenset()) | frozenset(_preps)
for _word in lexicon("determined willing unwilling reluctant"):
    ADJECTIVE_CUES.setdefault(_word, frozenset())

# Nouns that, as the object of "in"/"by", make the clause a report of their findings.
EVIDENCE_NOUNS = lexicon("poll polls survey surveys study studies estimate estimates view eyes opinion")
_IMPRESSION_VERBS = lexicon("seem appear")
_OWNER_DEPS = frozenset({"poss"})
_SOURCE_PREPS = frozenset({"by", "from", "among"})
_SOURCE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


# Where something was said, not what about: "a post on social media", "a message on Telegram".
_MEDIA = lexicon("media medium website site platform account page channel app feed")


def _pobj_content(prep: Token) -> tuple[int, int] | None:
    objs = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
    if not objs:
        return None
    if prep.lower_ == "on" and objs[0].lemma_.lower() in _MEDIA:
        return None
    return trim(prep.doc, prep.i + 1, max(o.right_edge.i for o in objs) + 1)


def _noun_source(noun: Token, skip: Token | None) -> tuple[tuple[int, int] | None, str | None]:
    """The owner of a reporting noun: possessor, named modifier, ``by`` phrase or verb subject."""
    for c in noun.children:
        if c.dep_ in _OWNER_DEPS or (c.dep_ in {"compound", "amod"} and c.ent_type_ in _SOURCE_ENTS):
            if c.pos_ == "PRON":
                named = named_subject_above(noun)
                if named is not None:
                    return named, None  # "the senator is standing firm in his support for": the senator
            return noun_phrase(c), None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in _SOURCE_PREPS and c is not skip:
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs:
                return noun_phrase(objs[0]), None
    tok = noun
    # "X voiced support for", "X came out in support of": the subject of the verb above
    while tok.dep_ in {"dobj", "attr", "pobj", "prep"} and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return speaker_of(tok)
    return None, "reporting noun without an owner"


def _noun_candidate(tok: Token) -> Candidate | None:
    lemma = tok.lemma_.lower()
    preps = PREP_NOUNS.get(lemma)
    if preps:
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in preps:
                content = _pobj_content(child)
                if content is None:
                    continue
                speaker, reason = _noun_source(tok, child)
                cue_end = child.i + 1 if child.i == tok.i + 1 else tok.i + 1
                return Candidate((tok.i, cue_end), content, speaker, reason, 1)
    if lemma in TO_NOUNS:
        for child in tok.rights:
            if child.dep_ in {"acl", "relcl"} and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in child.lefts
            ):
                content = trim(tok.doc, child.left_edge.i, child.right_edge.i + 1)
                if content is None:
                    return None
                speaker, reason = _noun_source(tok, None)
                return Candidate((tok.i, tok.i + 1), content, speaker, reason, 1)
    return None


def _adjective_candidate(tok: Token) -> Candidate | None:
    preps = ADJECTIVE_CUES.get(tok.lemma_.lower())
    if preps is None or tok.dep_ not in {"acomp", "oprd", "amod", "appos", "advcl", "conj"}:
        return None
    content: tuple[int, int] | None = None
    cue_end = tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            content = _pobj_content(child)
            cue_end = child.i + 1 if child.i == tok.i + 1 else cue_end
        elif child.dep_ in {"ccomp", "xcomp"}:
            content = trim(tok.doc, child.left_edge.i, child.right_edge.i + 1)
        if content is not None:
            break
    if content is None:
        return None
    if any(c.dep_ in {"nsubj", "expl"} and c.lower_ in {"it", "there"} for c in tok.head.lefts):
        return None  # "it is clear that …": the writer's own judgement
    if tok.dep_ == "amod" and tok.head.pos_ in {"NOUN", "PROPN"}:
        speaker: tuple[int, int] | None = noun_phrase(tok.head)
        reason = None
    else:
        head = tok.head if tok.head.i != tok.i else tok
        speaker, reason = speaker_of(head)
    return Candidate((tok.i, cue_end), content, speaker, reason, 1)


def _evidence_candidate(tok: Token) -> Candidate | None:
    """ "In the latest poll, Clinton leads by five points"; "in his view, …"."""
    if tok.lower_ not in {"in", "by"} or tok.dep_ != "prep":
        return None
    objs = [c for c in tok.children if c.dep_ == "pobj" and c.lower_ in EVIDENCE_NOUNS]
    head = tok.head
    if not objs or head.pos_ not in {"VERB", "AUX"}:
        return None
    obj = objs[0]
    if obj.lower_ in {"view", "eyes", "opinion"}:
        owners = [c for c in obj.children if c.dep_ == "poss"]
        owners += [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        if not owners:
            return None
        speaker = noun_phrase(owners[0])
    else:
        speaker = noun_phrase(obj)
    start, end = head.left_edge.i, head.right_edge.i + 1
    p_start, p_end = tok.left_edge.i, tok.right_edge.i + 1
    if p_start == start:
        start = p_end
    elif p_end == end:
        end = p_start
    else:
        return None
    content = trim(tok.doc, start, end)
    if content is None or content[1] - content[0] < 3:
        return None
    return Candidate((tok.i, tok.i + 1), content, speaker, None, 1)


def _impression_candidate(tok: Token) -> Candidate | None:
    """ "The race seems closer than ever", "he appeared to concede": an impression, often
    without a source ("to voters" names one)."""
    comps = [c for c in tok.rights if c.dep_ in {"xcomp", "acomp", "attr", "ccomp", "oprd"}]
    if not comps:
        return None
    subjects = [c for c in tok.lefts if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in {"it", "there"}]
    start = subjects[0].left_edge.i if subjects else comps[0].left_edge.i
    content = trim(tok.doc, start, max(c.right_edge.i for c in comps) + 1)
    if content is None:
        return None
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "to":
            objs = [o for o in child.children if o.dep_ == "pobj"]
            if objs:
                return Candidate((tok.i, tok.i + 1), content, noun_phrase(objs[0]), None, 1)
    acting = [
        c for c in comps if c.dep_ == "xcomp" and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.lefts)
    ]
    if acting and subjects and subjects[0].pos_ in {"PROPN", "PRON", "NOUN"}:
        # "Hadley appeared to blame …", "he appeared to suggest …": the subject's own act
        return Candidate((tok.i, tok.i + 1), content, noun_phrase(subjects[0]), None, 1)
    return Candidate((tok.i, tok.i + 1), content, None, "an impression without a source", 1)


_EVIDENCE_PREP_IDS = np.array([get_string_id(w) for w in ("in", "by")], dtype=np.uint64)


def find_phrase_candidates(doc: Doc) -> list[Candidate]:
    """Noun, adjective and evidence-phrase cues in ``doc``, in text order."""
    found: list[Candidate] = []
    if not len(doc):
        return found
    # Skip, from arrays, the words that no branch below can take: creating a Token for every
    # word is the slow part. A lemma can be a cue (lower-cased) or an impression verb (as is).
    strings = doc.vocab.strings
    attrs = doc.to_array([LEMMA, LOWER])
    lemma_ids = np.unique(attrs[:, 0])
    cue_ids = [
        lemma_id
        for lemma_id, lemma in ((int(i), strings[int(i)]) for i in lemma_ids)
        if lemma.lower() in PREP_NOUNS
        or lemma.lower() in TO_NOUNS
        or lemma.lower() in ADJECTIVE_CUES
        or lemma in _IMPRESSION_VERBS
    ]
    possible = np.isin(attrs[:, 0], np.array(cue_ids, dtype=np.uint64)) | np.isin(
        attrs[:, 1], _EVIDENCE_PREP_IDS
    )
    for i in np.flatnonzero(possible).tolist():
        tok = doc[i]
        cand: Candidate | None = None
        if tok.pos_ in {"NOUN", "PROPN"}:
            cand = _noun_candidate(tok)
        elif tok.pos_ == "ADJ" or (tok.pos_ == "VERB" and tok.tag_ == "VBN" and tok.dep_ == "acomp"):
            cand = _adjective_candidate(tok)
        elif tok.pos_ == "ADP":
            cand = _evidence_candidate(tok)
        elif tok.lemma_ in _IMPRESSION_VERBS and tok.pos_ in {"VERB", "AUX"}:
            cand = _impression_candidate(tok)
        if cand is not None:
            found.append(cand)
    return found

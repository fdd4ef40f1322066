"""The tense around a temporal expression: is "Friday" the last one or the next one?

With a spaCy parse the verbs' tags decide; without one a small word list does (modal
"will", past-tense auxiliaries, common irregular pasts and ``-ed`` forms). In both cases
the tensed word closest to the expression, within its sentence, wins.

>>> text = "He said on Friday that talks will resume on Monday."
>>> tense_at(text, text.index("Friday"), text.index("Friday") + 6)
'past'
>>> tense_at(text, text.index("Monday"), text.index("Monday") + 6)
'future'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from communique.time.calendar import Tense
from communique.time.lexicon import MONTH_NAMES, WEEKDAY_NAMES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["looks_ahead", "tense_at", "tense_from_doc"]

#: A full stop ends a sentence unless it ends a title or abbreviation ("Mr.", "Gen.", "vs.") or
#: a clock time followed by its zone, day or month ("at 4 a.m. EDT Thursday", "5 p.m. Friday").
_NO_END_AFTER = [
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "Gen",
    "Sen",
    "Rep",
    "Gov",
    "Lt",
    "Col",
    "Sgt",
    "Capt",
    "Adm",
    "Rev",
    "Prof",
    "vs",
    "Jr",
    "Sr",
    "Mt",
]
_SENTENCE_END = re.compile(
    # the punctuation first, then what it may not close (cheap: checked at full stops only)
    r"(?:[.!?]" + "".join(rf"(?<!\b{word}\.)" for word in _NO_END_AFTER) + r"(?<![ap]\.m\.)"
    r"|(?<=[ap]\.m)\.(?!\s+(?:[ECMP][SD]T|GMT|UTC|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b))[\"'”’)]*\s+(?=[A-Z\"“‘'(`])|\n\s*\n"
)
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")

_FUTURE = {
    "will",
    "'ll",
    "shall",
    "won't",
    "wo",
    "tomorrow",
    "next",
    "upcoming",
    "coming",
    "scheduled",
    "plans",
    "planned",
    "planning",
    "expected",
    "expects",
    "due",
    "set",
}
_PAST = {
    "was",
    "were",
    "had",
    "did",
    "said",
    "ago",
    "yesterday",
    "last",
    "earlier",
    "went",
    "came",
    "told",
    "took",
    "made",
    "met",
    "saw",
    "gave",
    "began",
    "held",
    "left",
    "found",
    "fell",
    "rose",
    "won",
    "lost",
    "sent",
    "spent",
    "sold",
    "bought",
    "paid",
    "led",
    "became",
    "brought",
    "thought",
    "knew",
    "wrote",
    "spoke",
    "broke",
    "struck",
    "hit",
    "shot",
    "killed",
    "got",
    "ran",
    "stood",
    "put",
    "set",
}
#: Present-tense verbs of schedules, which news uses for what is coming ("the leaders meet
#: Monday", "the court convenes Tuesday"), in both present forms.
_SCHEDULED = {
    form
    for verb in ("meet", "visit", "begin", "open", "resume", "start", "travel", "arrive", "convene", "depart")
    for form in (verb, verb + "s")
}
#: More verbs of fixed events, also common as nouns ("Friday's close", "head of", "which holds
#: a stake"): they look ahead only before the day they govern ("the summit ends on Friday",
#: "the law takes effect Monday").
_SCHEDULED_BEFORE = {
    form
    for verb in [
        "end",
        "expire",
        "close",
        "host",
        "face",
        "play",
        "sign",
        "head",
        "return",
        "launch",
        "conclude",
        "reconvene",
        "take",
        "hold",
        "kick",
        "lapse",
    ]
    for form in (verb, verb + "s")
}
#: Words that make a schedule verb a noun ("his visit on Monday", "the open on Sunday").
_DETERMINERS = {"a", "an", "the", "his", "her", "its", "their", "our", "this", "that", "state", "official"}
#: Bare forms that are as often a noun or an adjective ("a brief visit Monday", "the shop was
#: open Monday", "a strong start Monday"): a verb only after a plural subject, a pronoun or a name.
_NOUN_ALIKE = {
    "visit",
    "open",
    "start",
    "travel",
    "meet",
    *(verb for verb in _SCHEDULED_BEFORE if not verb.endswith("s")),
}
_PRONOUNS = {"they", "we", "you", "i"}
_NOT_PLURAL = {"is", "was", "has", "does", "his", "its", "this", "as", "us", "thus", "plus", "less", "across"}
#: Conjunctions that open a time or condition clause, where the present tense is no schedule:
#: "when the market opens on Monday, shares fell" takes its tense from the main clause.
_SUBORDINATORS = {"when", "whenever", "after", "as", "once", "before", "until", "till", "if", "while"}
_PRESENT = {"is", "are", "am", "says", "say", "has", "have", "does", "do"}
_NOT_PAST_ED = {"need", "speed", "seed", "feed", "red", "bed", "shed", "proceed", "indeed", "hundred", "led"}
_MAX_DISTANCE = 12


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    # no sentence end within 400 characters: the clause starts there, not at the text's start
    # (a long run without full stops would otherwise be rescanned from 0 for every timex)
    left = max(0, start - 400)
    for match in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    right = right_match.start() + 1 if right_match else min(len(text), end + 400)
    return left, right


def _word_tense(word: str, *, intent: bool = True) -> Tense | None:
    lower = word.lower()
    if lower.endswith("'ll") or lower in ("will", "shall", "won't", "would"):
        return "future"
    if intent and lower in _INTENT:
        return "future"
    if lower in _PAST or (intent and lower == "since"):
        return "past"
    if lower in _PRESENT:
        return "present"
    if lower.endswith("ed") and len(lower) > 4 and lower not in _NOT_PAST_ED and word[0].islower():
        return "past"
    if lower in _FUTURE or lower in _SCHEDULED or (intent and lower in _SCHEDULED_BEFORE):
        return "future"
    return None


#: Words that put what follows in the future whatever their own tense ("was scheduled to
#: open Monday", "a dividend payable Dec. 15", "put off until Tuesday").
_INTENT = {
    "scheduled",
    "planned",
    "planning",
    "plans",
    "slated",
    "expected",
    "expects",
    "due",
    "payable",
    "effective",
    "supposed",
    "intends",
    "intended",
    "expect",
    "anticipate",
    "anticipates",
}
_TO_BE = {"will", "to", "shall", "'ll", "would"}
#: Words after "to" that are no verb ("from 5 to 7 in March", "to the polls").
_NOT_A_VERB = {
    "in",
    "on",
    "at",
    "by",
    "the",
    "a",
    "an",
    "be",
    "of",
    "for",
    "from",
    "with",
    "its",
    "his",
    "her",
}
#: Modals before a bare verb look ahead ("may attack", "should vote"); not before "have"
#: ("may have left") or "be" (left to the participle after it).
_MODALS = {"may", "might", "can", "should", "must"}

#: Heads whose ``to``-infinitive points forward whatever their own tense: intentions,
#: plans, offers and obligations ("accepted an invitation to visit Pyongyang in the
#: autumn", "set to resume Monday", "is to resume trading Tuesday", "an agreement to
#: acquire the bank in January"). Read leftward, ``head to verb`` before the timex makes
#: it future, nearer than any tensed word further left.
_TO_INTENT = {
    "invitation",
    "invitations",
    "invited",
    "invite",
    "plan",
    "plans",
    "planned",
    "planning",
    "agree",
    "agreed",
    "agrees",
    "agreement",
    "decided",
    "decides",
    "decision",
    "promise",
    "promised",
    "promises",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "pledge",
    "hope",
    "hopes",
    "hoped",
    "want",
    "wants",
    "wanted",
    "intend",
    "intends",
    "intended",
    "intention",
    "aim",
    "aims",
    "aimed",
    "expected",
    "expects",
    "scheduled",
    "slated",
    "set",
    "due",
    "offer",
    "offered",
    "offers",
    "threatened",
    "threatens",
    "prepared",
    "prepares",
    "preparing",
    "proposal",
    "proposed",
    "proposes",
    "ready",
    "going",
    "seeks",
    "sought",
    "is",
    "are",
    "was",
    "were",
}
#: Present verbs that take a ``to``-infinitive of what was done, not of what is planned: a
#: headline "Parliament votes to reject the bill Tuesday" reports the act, like "votes".
_CATENATIVE = {
    *("votes", "moves", "fails", "refuses", "tries", "chooses"),
    *("opts", "attempts", "manages", "asks", "urges"),
}
_PLUPERFECT = {"had", "previously", "originally"}


def _verb_lemmas() -> frozenset[str]:
    """Bare verbs: after a headline's "to" only these make an infinitive ("PM to visit", not "back to")."""
    from communique.lexicon import shipped_verb_lemmas

    return shipped_verb_lemmas()


#: Past forms that are also the infinitive, and the words that make them one.
_BARE_ALIKE = {"set", "put", "hit", "cut", "let", "shut", "cost", "spread", "quit", "hurt", "beat", "read"}
_BEFORE_INFINITIVE = {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "to", "'ll"}
#: Words after which an ``-ed`` form is an adjective or a participle, not a past tense.
_ADJECTIVAL = {"a", "an", "the", "still", "very", "newly", "recently", "already", "not", "un", "long", "much"}
#: What "next" and "last" must precede to say anything about time.
_TIME_UNITS = {
    "week",
    "weekend",
    "month",
    "year",
    "quarter",
    "season",
    "day",
    "night",
    "time",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    *WEEKDAY_NAMES,
    *MONTH_NAMES,
}
#: A deadline ahead of the timex points forward unless the sentence is told in the
#: pluperfect ("had filed reports by Wednesday", "until Thursday they had not").
_DEADLINE = re.compile(
    r"\b(?:until|till|by)\s+(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?\s?m\b\.?\s+(?:[ECMP][SD]T\s+)?)?$",
    re.IGNORECASE,
)
_HAD = re.compile(r"\bhad\b|\b[Ii]t\s+was\s+not\b", re.IGNORECASE)
_AS_SOON_AS = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$", re.IGNORECASE)
#: A day a present "is/are" states as the date of something: "the deadline is Friday", "the
#: vote is on Sunday" (a schedule; what already happened takes "was").
_IS_ON = re.compile(r"\b(?:is|are)\s+(?:(?:now|still|also)\s+)?(?:on\s+|for\s+)?$", re.IGNORECASE)


def _tense_among(words: list[str], index: int, *, leftward: bool) -> Tense | None:
    """Tense of ``words[index]`` given its neighbours; ``leftward`` lists run back from the timex."""
    word = words[index].lower()
    if (
        leftward
        and word == "to"
        and index >= 1
        and words[index - 1].isalpha()
        and words[index - 1].islower()
        and index + 1 < len(words)
        and words[index + 1].lower() in _TO_INTENT
    ):
        if _PLUPERFECT & {w.lower() for w in words[index + 2 : index + 4]}:
            return "past"  # "had been due to lapse on Friday"
        return "future"  # "an invitation to visit Pyongyang in the autumn"
    if (
        leftward
        and word == "to"
        and index >= 1
        and words[index - 1].isalpha()
        and (words[index - 1].islower() or words[index] == "To")  # Title Case: "PM To Visit"
        and words[index - 1].lower() not in _NOT_A_VERB
        and 1 <= len(words) - index - 1 <= 3
        and words[-1][0].isupper()
        and not any(_word_tense(w) for w in words[index + 1 :])
        and words[index - 1].lower() in _verb_lemmas()
        and words[index + 1].lower() not in _CATENATIVE
    ):
        return "future"  # a headline's subject + "to" + verb: "PM to visit Delhi in March"
    tense = _word_tense(words[index], intent=leftward)
    if tense is None and word in _MODALS and words[index].islower():
        after = (
            [words[i] for i in (index - 1, index - 2) if i >= 0] if leftward else words[index + 1 : index + 3]
        )
        if after and after[0].lower() not in ("have", "not", "be", "well") and after[0].islower():
            return "future"  # "rebels may attack Sunday", "the vote could slip to March"
    if tense is None:
        return None
    if leftward and word in _INTENT and _PLUPERFECT & {w.lower() for w in words[index + 1 : index + 3]}:
        return "past"  # "had been due to lapse on Friday"
    if leftward:
        group = [w.lower() for w in words[index + 1 : index + 4]]
        following = words[index - 1].lower() if index >= 1 else ""
    else:
        group = [w.lower() for w in words[max(0, index - 3) : index][::-1]]
        following = words[index + 1].lower() if index + 1 < len(words) else ""
    if word in ("next", "last") and following not in _TIME_UNITS:
        return None  # "next to the station", "at last": not about time
    if word == "set" and leftward and following == "for" and not _PLUPERFECT & set(group):
        return "future"  # "talks set for May 5", "the vote is set for Sunday"
    if (
        word in _SCHEDULED | _SCHEDULED_BEFORE
        and group[:1]
        and group[0] in (_BEFORE_INFINITIVE | _DETERMINERS | {"did", "does", "do", "not"})
    ):
        return None  # "to meet demand", "his visit": an infinitive or a noun, not a schedule
    if word in _NOUN_ALIKE and leftward and index + 1 == len(words) and words[index][0].isupper():
        return "future"  # a bare verb opening its sentence is an imperative: "Meet the team on Friday"
    if leftward:
        subject = words[index + 1] if index + 1 < len(words) else ""
    else:
        subject = words[index - 1] if index else ""
    if word in _NOUN_ALIKE and not _plural_subject(subject):
        return None  # "a brief visit Monday", "was open Monday": not a verb of schedules
    if word in _SCHEDULED | _SCHEDULED_BEFORE and leftward and _SUBORDINATORS & set(group):
        return None  # "when the market opens on Monday, ...": the main clause says the tense
    if word in _BARE_ALIKE and group[:1] and group[0] in _BEFORE_INFINITIVE:
        return None  # "will set off", "to put": an infinitive; the modal says the tense
    adjectival = bool(group) and group[0] in _ADJECTIVAL
    if tense == "past" and word.endswith("ed") and word not in _PAST and adjectival:
        return None  # "a still unspecified date", "the newly elected": adjectives, not verbs
    if not leftward and word in ("was", "were", "is", "are") and following in _INTENT:
        return "future"  # "rally on Sunday and were expected to block a bridge"
    if tense == "past" and group[:1] == ["be"] and (_TO_BE | _MODALS) & set(group[1:]):
        return "future"  # "will be paid on Dec. 3", "would still be held on April 24", "may be held"
    return tense


def _plural_subject(word: str) -> bool:
    """Whether ``word`` can be the subject of a bare present verb: a pronoun, a plural, a name."""
    lower = word.lower()
    if not word or lower in _DETERMINERS:
        return False
    plural = lower.endswith("s") and "'" not in lower and lower not in _NOT_PLURAL
    return plural or lower in _PRONOUNS or word[0].isupper()


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """Return the tense of the clause around ``text[start:end]`` from its words alone.

    Returns ``None`` when no tensed word is near (a caption, a headline).
    """
    if _AS_SOON_AS.search(text, max(0, start - 16), start) or _IS_ON.search(text, max(0, start - 20), start):
        return "future"
    left, right = _sentence_bounds(text, start, end)
    if _DEADLINE.search(text, max(0, start - 24), start) and not _HAD.search(text, left, right):
        return "future"  # "put off until Tuesday morning", "double its flights by August"
    before = [m.group() for m in _WORD.finditer(text, max(left, start - 200), start)][::-1]
    after_end = min(right, end + 200)
    comma = text.find(",", end, after_end)
    if comma >= 0 and any(
        _tense_among(before, i, leftward=True) for i in range(min(len(before), _MAX_DISTANCE + 1))
    ):
        after_end = comma  # the timex's own clause has a verb: what follows a comma is another clause
    after = [m.group() for m in _WORD.finditer(text, end, after_end)]
    best: tuple[int, Tense] | None = None
    for words, leftward in ((before, True), (after, False)):
        for distance in range(min(len(words), _MAX_DISTANCE + 1)):
            tense = _tense_among(words, distance, leftward=leftward)
            if tense is not None:
                if best is None or distance < best[0]:
                    best = (distance, tense)
                break
    if best is None:
        # Nothing near: a fronted adverbial ("In May, two days after the ..., a storm flooded")
        # takes the tense of the sentence's first tensed word further on.
        for words, leftward in ((after, False), (before, True)):
            for distance in range(_MAX_DISTANCE + 1, min(len(words), 60)):
                tense = _tense_among(words, distance, leftward=leftward)
                if tense is not None:
                    return tense
    return best[1] if best else None


def looks_ahead(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` looks ahead by a word other than "would".

    Any future cue counts wherever it stands in the sentence ("will", "is expected to",
    "plans to", "is due to", "scheduled", "hope to"); "would" alone does not, since news uses
    it for the future of a reported past ("said it would look into Monday's ruling").

    >>> text = "Monday's vote will settle it."
    >>> looks_ahead(text, 0, 6), looks_ahead("He said they would study Monday's ruling.", 25, 31)
    (True, False)
    """
    left, right = _sentence_bounds(text, start, end)
    before = [m.group() for m in _WORD.finditer(text, left, start)][::-1]
    after = [m.group() for m in _WORD.finditer(text, end, right)]
    for words, leftward in ((before, True), (after, False)):
        for index, word in enumerate(words):
            if word.lower() != "would" and _tense_among(words, index, leftward=leftward) == "future":
                return True
    return False


def tense_from_doc(doc: Doc, start: int, end: int) -> Tense | None:
    """Return the tense of the clause around a character span, from spaCy's tags.

    Looks at the verbs of the sentence containing the span: a future modal (``will``,
    ``shall``, ``'ll``) wins if present, otherwise the closest verb's tag (``VBD``/``VBN``
    past, ``VBZ``/``VBP`` present).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if _governed_by_intent(span.root):
        return "future"
    sentence = span[0].sent
    best: tuple[int, Tense] | None = None
    for token in sentence:
        if span.start <= token.i < span.end:
            continue
        tense: Tense | None = None
        lower = token.lower_
        if token.tag_ == "MD" and lower in ("will", "'ll", "shall", "wo", "would"):
            tense = "future"
        elif token.tag_ == "VBD" or (token.tag_ == "VBN" and token.dep_ not in ("amod", "acl")):
            tense = "past"
        elif token.tag_ in ("VBZ", "VBP"):
            tense = "present"
        if tense is None:
            continue
        distance = min(abs(token.i - span.start), abs(token.i - (span.end - 1)))
        if tense == "future":
            distance -= 3
        if best is None or distance < best[0]:
            best = (distance, tense)
    return best[1] if best else None


def _governed_by_intent(token: Token) -> bool:
    """Whether the timex hangs on a ``to``-infinitive of intent ("an invitation to visit X in
    the autumn", "agreed to meet on Friday"): the first verb up its head chain is a bare
    infinitive with ``to`` whose own head is a word of :data:`_TO_INTENT`.
    """
    verb = token
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.tag_ != "VB" or not any(child.tag_ == "TO" for child in verb.children):
        return False
    head = verb.head
    if head is verb or head.lower_ not in _TO_INTENT:
        return False
    return not any(child.lower_ in _PLUPERFECT for child in head.children)  # "had been scheduled to"

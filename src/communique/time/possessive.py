"""Which way a possessive weekday points: "ahead of Sunday's vote" or "after Monday's attack".

A weekday with "'s" and no "last" or "next" names an event by its day. Whether the event is
the coming one or the one gone by depends on what the sentence says about it: waiting for
it, tickets for it, a verb of getting ready, an event nobody schedules, or a future cue.
"""

from __future__ import annotations

import re

from communique.time.calendar import Tense
from communique.time.tense import looks_ahead

__all__ = ["possessive_tense"]


def possessive_tense(text: str, start: int, end: int, tense: Tense | None) -> Tense:
    """Direction of a possessive weekday with no "last/next" ("Sunday's vote") at ``text[start:end]``,
    given the clause's ``tense``.

    The story waiting for it ("ahead of Sunday's vote", "in time for Friday's deadline") looks
    ahead whatever the verb, and so does one naming what exists only before it (a sale, a
    preview, a build-up or countdown: "on sale for Friday's concert", "a preview of Friday's
    show"); tickets, seats, queues and odds look ahead unless the clause is past ("fans who
    bought tickets for Saturday's concert demanded refunds"). Otherwise a clause in the past
    (or with no tense, or only the reported-past "would": "would look for ways around
    Wednesday's ruling") names an event already over, and so does
    an unforeseen event ("will appeal Wednesday's ruling", "after Monday's attack", "searching
    for Monday's gunmen") unless a verb of getting ready for it comes right before ("bracing
    for Friday's storm", "training hard for Saturday's final"); a sentence with a future cue
    anywhere ("is expected to win Sunday's election", "Sunday's vote will decide") looks ahead.
    """
    if _AWAITING.search(text, max(0, start - 24), start):
        return "future"
    if _ANTICIPATING.search(text, max(0, start - 40), start) and (
        tense != "past" or _BEFORE_ONLY.search(text, max(0, start - 40), min(len(text), end + 40))
    ):
        return "future"  # but a past clause wins: "fans who bought tickets for Saturday's concert"
    if tense == "past":
        return "past"
    if _PREPARING.search(text, max(0, start - 48), start):
        return "future"  # a clause not in the past: "the team is preparing for Saturday's final"
    if _AFTER_THE_FACT.match(text, end):
        return "past"
    return "future" if looks_ahead(text, start, end) else "past"


_AWAITING = re.compile(
    r"\b(?:ahead\s+of|until|till|awaiting|await|in\s+time\s+for|in\s+the\s+run[\s-]+up\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: What exists only before an event, naming it as still to come whatever the verb: tickets
#: and seats for it, its sale, preview, build-up or countdown ("Tickets for Saturday's final
#: sold out", "a preview of Friday's show", "on sale for Friday's concert").
_ANTICIPATING = re.compile(
    r"\b(?:(?:on|for)\s+sale\s+for|tickets?\s+(?:\w+\s+)?(?:for|to)|seats?\s+(?:for|at)|"
    r"previews?\s+(?:of|for)|preview(?:s|ed|ing)?|(?:build|lead|run)[\s-]*ups?\s+to|countdowns?\s+to|count(?:s|ed|ing)?\s+down\s+to|"
    r"(?:book|register|queu|queue|lin|line)(?:s|d|ed|ing)?(?:\s+up)?\s+for|"
    r"favou?rites?\s+(?:for|to\s+win)|odds\s+(?:for|on))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: What a past clause can tell of an event still to come: its sale, preview, build-up or
#: countdown ("tickets for Saturday's final sold out"); seats and tickets alone may be the
#: past event's ("seats at Sunday's game were empty").
_BEFORE_ONLY = re.compile(
    r"\b(?:on\s+sale|sold\s+out|sell(?:s|ing)?[\s-]+outs?|previews?|build[\s-]*ups?|countdowns?|"
    r"count(?:s|ed|ing)?\s+down)\b",
    re.IGNORECASE,
)
#: Getting ready for an event ("is training hard for", "are bracing for", "gears up for"); a
#: bare "for" may look back as well ("searching for Monday's attackers").
_PREPARING = re.compile(
    r"\b(?:prepar(?:e|es|ed|ing|ations?)|train(?:s|ed|ing)?|ready|readies|readied|readying|"
    r"brac(?:e|es|ed|ing)|practi[cs](?:e|es|ed|ing)|(?:gear|warm)(?:s|ed|ing)?\s+up|"
    r"(?:get|gets|getting|got)\s+ready)\s+(?:\w+ly\s+|hard\s+)?for\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Events nobody schedules, which a story can only name by their day once they happened.
_AFTER_THE_FACT = re.compile(
    r"\s+(?:\w+\s+)?(?:ruling|verdict|decision|attacks?|bombings?|blasts?|explosions?|crash|"
    r"shootings?|killings?|murders?|assault|raids?|clashes|riots?|fire|earthquake|quake|storm|flood|"
    r"accident|collapse|massacre|ambush|arrests?|remarks|comments|announcement|resignation|death|"
    r"attackers|assailants|gunm[ae]n|bombers|suspects?|victims|killers|dead|wounded)\b",
    re.IGNORECASE,
)

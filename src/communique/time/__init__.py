"""The time stage: temporal expressions found and normalised to TIMEX3 values.

A rule grammar in pure Python (HeidelTime's approach): regular patterns find the
expressions, normalisation functions turn each into a TIMEX3 type and value,
resolving relative ones ("last month", "on Tuesday") against the publication date and
the tense of their clause. Nothing is ever read from the clock: without a publication
date, relative expressions are left unresolved with a reason.

Conventions (TimeML/TempEval-3):

* extents leave out prepositions ("on Tuesday" -> "Tuesday", "over three years" -> "three
  years"), possessives ("Sunday's" -> "Sunday") and the article of a hyphenated modifier
  ("the eight-year plan" -> "eight-year"), but keep modifiers ("early next month", "about two
  years ago", "the past three months");
* "the next year" is a DURATION ``P1Y`` after "over", "during", "in", "within", "for"
  ("progress over the next year") and otherwise the DATE of the year after the anchor;
* "the past year", "the last year" are the DATE of the previous year (TimeBank's usual
  reading); "the past week", "the last decade" and numbered spans stay DURATIONs;
* "the coming weeks" is ``FUTURE_REF``, "recently" ``PAST_REF``, "now" ``PRESENT_REF``;
* a range "Feb. 27-28" gives two timexes, "Feb. 27" and "28"; so do "9-10 September",
  "2010-14" and "the 2011-12 season" (not "H.R. 2010-14"); a weekday range never ends before
  it starts;
* "on the 6th" is that day of the month the story last named when that lies on the side of
  the publication date the clause's tense allows, else of the publication month (the nearest
  month before or after with that day when the clause's tense points past the publication day);
* a two-digit year ("'56") is the latest such year at most ten years after the publication
  year (no later than it in a past clause); "N years later" counts from the year the story
  last named;
* "next Tuesday" is never tomorrow (then it is next week's); "this week" written on a weekend
  with a future verb is the week ahead; "overnight" is the night before the publication date;
* decades are three digits (``199``), centuries two (``19``), fiscal years the year;
* "year end", "the end of the year" are the year with ``mod="END"``; "Easter week", "the week
  of June 12" the ISO week holding the day; "the day before <date>" the day next to it, "the
  night before <date>" a TIME with that part of the day before;
* a possessive weekday ("Wednesday's ruling") is the last one before the publication date
  when its clause is past, untensed or reported with "would", or the event unforeseen, and
  the coming one when the story waits for it ("ahead of Sunday's vote", "tickets for
  Friday's concert", "a preview of Saturday's show") or the sentence looks
  ahead ("is expected to win Sunday's election"); "the previous Friday" is counted from the
  day the story last named;
* "Election Day" is the US date only for a US election, "Independence Day" July 4 only when
  no other country is named nearer it than a US cue; otherwise they are tagged without a value.

>>> [(t.text, t.value) for t in find_timexes("Talks resume early next month.", anchor="2019-09-09")]
[('early next month', '2019-10')]

DOCS: docs/quality.md#time-expressions-issue-5
"""

from __future__ import annotations

from communique.time.calendar import Anchor, parse_anchor
from communique.time.tagger import find_timexes, normalise

__all__ = ["Anchor", "find_timexes", "normalise", "parse_anchor"]

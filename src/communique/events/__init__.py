"""The events stage: PLOVER/CAMEO events read off the dependency parse.

For every predicate of a sentence — a verb, or an event noun such as "appeals for" or
"a call for dialogue" — the coder finds its arguments in the same clause (subject; the
agent of a passive; object, dative and prepositional objects; the controller of an
``xcomp``), looks the predicate up in the :class:`~communique.lexicon.Lexicon` with the
words of its clause, and turns the match into an :class:`~communique.models.Event` whose
source and target are the actors (from the actors stage) that the arguments refer to.

Rules that shape the output (see ``docs/coding.md``):

* Actors are never joined across sentences or unrelated clauses: an argument is an
  actor only when a token of its noun phrase lies inside one of the actor's mentions.
* A coded predicate "consumes" its complements ("asked North Korea *to return* to
  talks" is one REQUEST, mode *meet*; "accused Y *of attacking* Z" is one ACCUSE).
  Statement verbs (CAMEO 01, dropped by PLOVER) do not: "X said Y attacked Z" codes
  only Y→Z ASSAULT.
* Negation (``neg``, "denied", "failed to") sets ``negated``; "refused to", "rejected"
  are REJECT through the lexicon. Modal verbs, "if"-clauses and intention verbs
  ("plans to") set ``hypothetical`` and ``modality``.
* The date comes from a DATE timex the parse attaches to the predicate itself, not to
  another predicate, another noun or a bound such as "since" or "by" (a reported act
  with none takes its report's date; :mod:`communique.events.dates`), with
  ``date_source="text"``, else the article's publication date (``"article"``).
"""

from communique.events.coder import CODER, code_events

__all__ = ["CODER", "code_events"]

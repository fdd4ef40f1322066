"""The events coder: predicates, their lexicon match, modality, dates and the Event records.

The rules that shape the output are described in the package docstring
(:mod:`communique.events`) and in ``docs/coding.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from communique.events.args import (
    COMPLEMENT,
    SUBJ,
    SUBJ_PASS,
    Token,
    children,
    clause_target,
    dangling_target,
    np_actors,
    owner,
    patients,
    verb_subjects,
    verb_targets,
)
from communique.events.clauses import (
    accused,
    addressee,
    adjunct,
    advice,
    blast_site,
    complement_subject,
    condition,
    defers,
    describes_agent,
    describes_noun,
    infinitive_target,
    purpose_target,
    unattributed,
    unrepeated,
)
from communique.events.dates import attached_timex, dateline
from communique.events.frames import Frame as _Frame
from communique.events.frames import mutual as _mutual
from communique.events.frames import recode as _recode
from communique.events.frames import reported_demand as _reported_demand
from communique.events.markers import bind_slots
from communique.events.modality import intent as promised_type
from communique.events.modality import read_modality, readying, reverse_type
from communique.events.scope import (
    armed_force,
    bare_one_sided,
    force_on_things,
    in_scope,
    meeting,
    place_actors,
    reduced_relative,
    sports_page,
    stands_alone,
)
from communique.events.scope import political as political_actor
from communique.events.tokens import article_date as published_day
from communique.events.tokens import generic, named_again, token_actors, token_timexes
from communique.events.view import View, arguments, clause_words, depths, stem_lemma
from communique.lexicon import PLOVER_QUAD, Lexicon
from communique.models import Actor, Article, Event, Span, Timex, granularity_of

__all__ = ["CODER", "code_events"]

CODER = "code.plover_dep.v1"

Doc = Any  # spacy.tokens.Doc


def code_events(
    doc: Doc,
    article: Article,
    actors: Sequence[Actor],
    timexes: Sequence[Timex],
    lexicon: Lexicon,
    *,
    plover_only: bool = True,
    intent: bool = True,
    reciprocal: bool = False,
    generic_actors: bool = False,
    recode_negated: bool = False,
    dyadic: bool = False,
    speaker_events: bool = False,
    political: bool = True,
) -> tuple[Event, ...]:
    """Code the events of an article from its parse.

    Args:
        doc: the spaCy ``Doc`` of ``article.text``.
        article: the article (for its publication date).
        actors: actors of the article; a token refers to an actor when it lies inside one
            of the actor's mentions.
        timexes: temporal expressions of the article (character offsets).
        lexicon: the verb lexicon (:func:`communique.lexicon.load_lexicon`).
        plover_only: drop events whose CAMEO code has no PLOVER type (public
            statements, CAMEO 01). Set ``False`` to keep them (``event_type``
            ``"STATEMENT"`` or ``"OTHER"``), as when scoring against CAMEO suites.
        intent: code promised cooperation as AGREE and promised force as THREATEN, as
            the PLOVER manual asks ("will support" is AGREE). ``False`` keeps the verb's
            own code with ``hypothetical=True``, as PETRARCH does.
        reciprocal: code a compound source with no target as each member acting on the
            others ("Gondor and Osgiliath renewed ties"), PETRARCH's convention. PLOVER
            keeps the compound actor with no recipient (the default).
        generic_actors: let actors with neither a country nor a knowledge-base entry
            (generic groups such as "officials", "the police", "refugees") be sources and
            targets. By default they are not arguments: "its troops" or "refugees" then
            do not hide the real recipient of an act, and an event needs an actor that
            says whose act it was.
        recode_negated: code a negated act as the act the lexicon's negation table
            (:attr:`~communique.lexicon.Lexicon.negations`, e.g. PETRARCH's PICO ontology)
            names as its opposite ("did not clash" -> 050), PETRARCH's convention. By
            default a negated event keeps its code with ``negated=True``.
        dyadic: keep only events with both a source and a target, PETRARCH's convention
            (its validation suite expects no one-sided events: "an official said" is no
            event there). PLOVER keeps events with no recipient (the default).
        speaker_events: code a statement verb written before its complement clause as
            the speaker's act on that clause's subject, the clause itself not coded ("X
            noted that Y regretted ..." is X -> Y, CAMEO 010), PETRARCH's convention. By
            default (PLOVER) the reported act is the event ("X said Y attacked Z" is Y -> Z).
        political: keep only events with a political actor on either side (a government,
            military, rebel, party, legislature, court, police or intelligence actor, an
            IGO, or a country named as such; on a sports page not a country, which there
            names a team), as an analyst of political news would (:mod:`communique.events.scope`).
            ``False`` codes every actor the knowledge base gives, as PETRARCH does with
            its own (political) actor dictionaries.

    Returns:
        The events in text order, with ids ``E1``, ``E2`` …
    """
    if not generic_actors:
        actors = [a for a in actors if not generic(a)]
    token_actor = token_actors(doc, actors)
    named_places = {a.id for a in actors if a.kind == "country" and a.sector is None}  # "Goma", "Iraq"
    place_tokens = frozenset(i for i, a in token_actor.items() if a in named_places)
    politic = frozenset(a.id for a in actors if political_actor(a))
    token_timex = token_timexes(doc, timexes)
    filed = dateline(article.text, article.paragraphs, timexes)  # "SEOUL, Sept. 9 (Agency) --"
    if filed is not None:
        token_timex = {i: t for i, t in token_timex.items() if t is not filed[0]}
    words = lexicon.words
    article_date = published_day(article.published)
    events: list[Event] = []
    for sent in doc.sents:
        para = filed[1] if filed else None
        by_line = filed[0] if filed and para and para.start <= sent.start_char < para.end else None
        frames = _sentence_frames(
            sent, token_actor, lexicon, words, speaker_events, not reciprocal, place_tokens
        )
        found: list[Event] = []
        for frame in frames:
            if recode_negated and lexicon.negations:
                frame = _recode(frame, lexicon, words)
            if not reciprocal:
                frame = _mutual(frame, words)
            split = [frame]
            if reciprocal and len(frame.sources) > 1 and not frame.targets:
                split = [
                    _Frame(
                        frame.token,
                        frame.pos,
                        frame.match,
                        (s,),
                        tuple(t for t in frame.sources if t != s),
                        (),
                    )
                    for s in frame.sources
                ]
            for part in split:
                if dyadic and not (part.sources and part.targets):
                    continue
                found.extend(
                    _events_of(
                        part,
                        sent,
                        token_timex,
                        article_date,
                        words,
                        plover_only,
                        intent,
                        reciprocal,
                        politic,
                        by_line,
                    )
                )
        events.extend(unrepeated(found))
    if political:
        by_id = {a.id: a for a in actors}
        sports = sports_page(doc, words)
        kept = []
        for e in events:
            force = not sports or armed_force(_trigger_token(doc, e), words)  # "shelled", not "beat"
            if in_scope(e, by_id, sports=sports, force=force):
                kept.append(e)
        events = kept
    return tuple(
        Event(**{**_fields(e), "id": f"E{i}"})  # renumber in text order
        for i, e in enumerate(sorted(events, key=lambda e: (e.trigger.start, e.id)), 1)
    )


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return None if span is None or not len(span) else span[0]


def _fields(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in event.__dataclass_fields__}


# ----------------------------------------------------------------------------------
# predicates


def _complement_lemma(pred: Token) -> str | None:
    comp = _complement(pred)
    return None if comp is None else str(comp.lemma_.lower())


def _complement(pred: Token) -> Token | None:
    """The verb a predicate's ``xcomp`` rules look at ("asked X *to return*")."""
    for child in pred.children:
        if child.dep_ not in {"xcomp", "ccomp", "acl", "advcl"} or child.pos_ not in {"VERB", "AUX"}:
            continue
        if child.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child
    for prep in children(pred, {"prep"}):
        for pobj in prep.children:
            for child in pobj.children:
                if child.pos_ == "VERB" and any(c.lower_ == "to" for c in child.children):
                    return child
            if pobj.dep_ == "pcomp" and pobj.pos_ == "VERB":
                return pobj
    return None


def _complements(pred: Token) -> list[Token]:
    """Predicates inside the argument structure of ``pred`` (consumed when it is coded)."""
    out: list[Token] = []
    stack = [pred]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            inner = tok is not pred and child.dep_ in {"conj", "advcl"} and child.pos_ in {"VERB", "AUX"}
            if inner or child.dep_ in COMPLEMENT or child.dep_ in {"prep", "pobj", "acl", "dobj"}:
                # "promised to democratize X *and establish* Y", "an offer to host *to hammer out* ..."
                out.append(child)
                stack.append(child)
    return out


def _noun_region(noun: Token) -> list[Token]:
    """The words a noun's pattern may use: its own phrase, and a container's ("a series of appeals")."""
    region = list(noun.subtree)
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        container = head.head
        for child in container.children:
            if child.i > noun.i:
                region.extend(child.subtree)
    return sorted(set(region), key=lambda t: t.i)


def _noun_targets(noun: Token, region: Sequence[Token], token_actor: dict[int, str]) -> list[str]:
    for tok in region:
        if tok.i <= noun.i or tok.dep_ not in {"pobj", "nsubj", "dobj"}:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ not in {"for", "to", "on", "with", "against", "from"}:
            continue
        hit = np_actors(tok, token_actor)
        if hit:
            return hit
    return []


def _sentence_frames(
    sent: Any,
    token_actor: dict[int, str],
    lexicon: Lexicon,
    words: dict[str, frozenset[str]],
    speaker_events: bool = False,
    meeting_places: bool = True,
    place_tokens: frozenset[int] = frozenset(),
) -> list[_Frame]:
    frames: list[_Frame] = []
    consumed: set[int] = set()
    statement = words.get("statement_codes", frozenset({"01"}))
    view = View(sent)
    depth = depths(view.heads)
    ordered = sorted(sent, key=lambda t: depth[t.i - sent.start])
    coded: set[int] = set()  # predicates that gave an event with a source
    by_token: dict[int, _Frame] = {}
    deferred: set[int] = set()  # light verbs that left the event to their noun
    places: set[str] | None = None  # actors named only as places (computed at the first meeting)
    for tok in ordered:
        if tok.i in consumed or tok.i in token_actor:
            continue
        if (tok.head.i in coded and adjunct(tok)) or condition(tok):
            consumed.update(t.i for t in _complements(tok))
            continue  # "telephoned X to discuss ...", "killed 23, wounding 40": the main act is the event;
            # "... unless Y arranged a ceasefire": a condition is not an act
        if advice(tok) or describes_noun(tok, token_actor) or describes_agent(tok, coded):
            continue
        if reduced_relative(tok):
            continue  # "a committee chaired by X": what a thing is, not an act
        lemma = tok.lemma_.lower()
        agentless = False
        demand = _reported_demand(tok, token_actor, words)
        if demand is not None:
            frames.append(demand)
            consumed.update(t.i for t in demand.consumed)
            continue
        if tok.pos_ == "VERB" and not lexicon.has(lemma):
            lemma = stem_lemma(tok.lower_, lexicon) or lemma  # spaCy's "cordone" for "cordoned"
        form = tok.lower_ if tok.lower_ != lemma and lexicon.has(tok.lower_) else None
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ != "aux" and lexicon.has(lemma)):
            if not (form or lexicon.has(lemma)):
                continue
            xcomps = children(tok, {"xcomp"})
            if xcomps and lemma in words.get("modal_verbs", frozenset()):
                continue  # "needs to", "has to": the complement is the act
            if lemma in words.get("intent_verbs", frozenset()) and any(
                lexicon.has(c.lemma_.lower()) for c in xcomps
            ):
                continue  # "plans to impose": the complement is the act, under the plan's modality
            after, before, after_at, before_at = clause_words(tok, view)
            comp = _complement(tok)
            xc = None if comp is None else str(comp.lemma_.lower())
            keys = arguments(tok, comp, place_tokens)
            sources = verb_subjects(tok, token_actor, words)
            many = len(sources) > 1
            # a form the dictionary lists as a verb of its own ("LEFT" for a visit) comes first
            match = (
                lexicon.match(form, "verb", after, before=before, xcomp=xc, compound=many, args=keys)
                if form
                else None
            )
            match = match or lexicon.match(
                lemma, "verb", after, before=before, xcomp=xc, compound=many, args=keys
            )
            if match is None:
                continue
            if defers(tok, match, lexicon, words):
                deferred.add(tok.i)
                continue
            agentless = not sources and match.event_type == "ASSAULT" and unattributed(tok, words)
            if agentless:
                sources = blast_site(tok, token_actor)
            targets = verb_targets(tok, token_actor)
            if not sources and _agentless_passive(tok) and lemma in words.get("stative_participles", ()):
                # "Israel is opposed to French mediation": the subject holds the attitude
                sources = targets
                targets = clause_target(tok, token_actor, set(sources))
            elif not sources and targets and _agentless_passive(tok):
                # "Portugal was blamed for its fishing quarrel with Spain": the other
                # party the clause names; "was shot dead in Osgiliath": the place
                sources = clause_target(tok, token_actor, set(targets))
            if not targets:
                for comp in children(tok, {"xcomp"}):
                    targets = verb_targets(comp, token_actor)
                    if targets:
                        break
            if not targets and match.event_type == "REQUEST":
                targets = addressee(tok, token_actor)
            if not targets:
                own = {s for s in sources if not named_again(s, sent, token_actor)}
                targets = dangling_target(tok, token_actor, own) or clause_target(tok, token_actor, own)
            if not targets and sources:
                targets = infinitive_target(tok, token_actor, set(sources))
            if not targets and sources and not any(match.cameo.startswith(s) for s in statement):
                targets = complement_subject(tok, token_actor, set(sources))
            if match.event_type == "ACCUSE":
                targets = accused(tok, token_actor) or targets
            if match.slots:  # PETRARCH's $ and + say where the source and target are
                sources, targets = bind_slots(tok, match, after_at, before_at, token_actor, sources, targets)
            pos: Literal["verb", "noun"] = "verb"
        elif tok.pos_ == "NOUN" and lexicon.has(lemma, "noun"):
            region = _noun_region(tok)
            rel = [t.i - view.start for t in region if t.i > tok.i]
            after = [view.words[i] for i in rel if not view.temporal[i]]
            before = [view.words[t.i - view.start] for t in tok.lefts]
            match = lexicon.match(lemma, "noun", after, before=before, xcomp=_complement_lemma(tok))
            if match is None:
                continue
            sources = owner(tok, token_actor, words)
            targets = _noun_targets(tok, region, token_actor)
            pos = "noun"
        else:
            continue
        targets = [t for t in targets if t not in sources or named_again(t, sent, token_actor)]
        if meeting_places and meeting(match) and targets:  # "met Y in Moscow": the place is the location
            if places is None:
                places = place_actors(sent, token_actor)
            targets = [t for t in targets if t not in places]
        if len(sources) > 1 and set(targets) <= set(sources):
            targets = []  # "Palestinians and Israelis failed to reach agreement on Palestinian offices"
        is_statement = match.event_type is None and any(match.cameo.startswith(s) for s in statement)
        spoken = (
            _spoken_to(tok, token_actor, set(sources)) if speaker_events and is_statement and sources else []
        )
        if spoken and not targets:
            targets, is_statement = spoken, False  # "X noted that Y regretted ...": X -> Y, and no more
        eaten: list[Token] = [] if is_statement else _complements(tok)
        if pos == "noun" and not is_statement and tok.dep_ in {"dobj", "nsubj"} and tok.head.i in deferred:
            eaten += [t for t in _complements(tok.head) if t.i != tok.i]  # "renewed talks on a pullback"
        consumed.update(t.i for t in eaten)
        if not targets and match.event_type == "PROTEST":
            targets = purpose_target(tok, token_actor, set(sources))
        agentless = pos == "verb" and agentless and bool(targets)
        frame = _Frame(tok, pos, match, tuple(sources), tuple(targets), tuple(eaten), agentless=agentless)
        if _repeats(frame, by_token.get(tok.head.i)):
            continue  # "killed one soldier and wounded two others": one attack
        by_token[tok.i] = frame
        frames.append(frame)
        if sources and (match.event_type is not None or not is_statement):
            coded.add(tok.i)
            if pos == "noun" and tok.dep_ in {"dobj", "nsubj"}:
                coded.add(tok.head.i)  # "staged rallies to demand ...": the light verb's clauses
    return frames


def _spoken_to(verb: Token, token_actor: dict[int, str], exclude: set[str]) -> list[str]:
    """The subject of a statement verb's complement clause written after it (PETRARCH's target)."""
    for comp in children(verb, {"ccomp"}):
        if comp.i < verb.i:
            continue  # "..., a senior official said": the report, not the speaker, is the event
        for subj in children(comp, SUBJ | SUBJ_PASS):
            hit = [a for a in np_actors(subj, token_actor) if a not in exclude]
            if hit:
                return hit
    return []


def _agentless_passive(verb: Token) -> bool:
    """A passive predicate with no "by" agent ("was criticized over ...")."""
    return bool(patients(verb)) and not any(c.dep_ == "agent" for c in verb.children)


def _repeats(frame: _Frame, head: _Frame | None) -> bool:
    """A conjoined predicate that adds nothing to its head's event: same type, same actors."""
    if head is None or frame.token.dep_ != "conj" or (frame.targets and frame.targets != head.targets):
        return False
    return frame.match.event_type == head.match.event_type and frame.sources == head.sources


# ----------------------------------------------------------------------------------
# negation, modality, dates


def _events_of(
    frame: _Frame,
    sent: Any,
    token_timex: dict[int, Timex],
    article_date: str | None,
    words: dict[str, frozenset[str]],
    plover_only: bool,
    intent: bool = True,
    reciprocal: bool = False,
    politic: frozenset[str] = frozenset(),
    by_line: Timex | None = None,
) -> list[Event]:
    if not frame.sources and not frame.agentless:  # an actor is needed, or at least a victim of an attack
        return []
    if bare_one_sided(frame.match, frame.sources, frame.targets) and not (
        stands_alone(frame.token, frame.sources, politic, words)
        or force_on_things(frame.match, frame.token, frame.sources, politic, words)
    ):
        return []  # "the firm will review every claim": a bare verb needs a recipient
    match = frame.match
    etype = match.event_type
    if etype is None:
        if plover_only:
            return []
        etype = "STATEMENT" if match.cameo.startswith("01") else "OTHER"
    negated, modality, hypothetical = read_modality(frame.token, words)
    negated = negated and not frame.recoded
    if intent:
        readied = etype == "ASSAULT" and readying(frame.token, words)
        etype, cameo, mode, context = promised_type(etype, match, modality, words, readied)
    else:
        cameo, mode, context = match.cameo, match.mode, match.context
    tx = attached_timex(frame.token, frame.consumed, token_timex, words) or by_line  # the dateline's day
    date, date_source, gran, timex_id = None, "none", None, None
    if tx is not None and tx.value:
        date, date_source, gran, timex_id = tx.value[:10], "text", granularity_of(tx.value[:10]), tx.id
    elif article_date:
        date, date_source, gran = article_date, "article", granularity_of(article_date)
    tok = frame.token
    evidence = Span(sent.start_char, sent.end_char, sent.text)
    trigger = Span(tok.idx, tok.idx + len(tok.text), tok.text)
    confidence = 0.35 + 0.2 * bool(frame.sources) + 0.2 * bool(frame.targets)
    confidence += 0.1 * (match.pattern.specificity > 0) + 0.1 * (match.pattern.rank >= 2)
    confidence -= 0.1 * negated + 0.05 * hypothetical
    base: dict[str, Any] = {
        "evidence": evidence,
        "trigger": trigger,
        "negated": negated,
        "modality": modality,
        "hypothetical": hypothetical,
        "date": date,
        "date_source": date_source,
        "date_granularity": gran,
        "timex_id": timex_id,
        "confidence": round(max(0.05, min(1.0, confidence)), 2),
        "coder": CODER,
    }
    out = [
        Event(
            id="E0",
            event_type=etype,
            source_actor_ids=frame.sources,
            target_actor_ids=frame.targets,
            mode=mode,
            context=context,
            cameo=cameo,
            quad_class=PLOVER_QUAD.get(etype),
            **base,
        )
    ]
    lexicon_rev = match.reverse
    if reciprocal and lexicon_rev and frame.sources and frame.targets:
        rtype = reverse_type(lexicon_rev, match, etype)
        if rtype is not None or not plover_only:
            rt = rtype or "OTHER"
            out.append(
                Event(
                    id="E0",
                    event_type=rt,
                    source_actor_ids=frame.targets,
                    target_actor_ids=frame.sources,
                    mode=match.mode if rt == etype else None,
                    context=match.context,
                    cameo=lexicon_rev,
                    quad_class=PLOVER_QUAD.get(rt),
                    **base,
                )
            )
    return out

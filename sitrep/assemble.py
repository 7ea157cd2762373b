"""Assemble candidates into events by ACLED's unit of analysis: one day, one place, one dyad.

Rules applied (coding-rules.md):
- negated, hypothetical and undated background candidates are dropped (and noted why);
- candidates on the same day at the same place with compatible actors form one event;
- an explosion inside an ongoing battle (same day, place) is merged into the Armed clash;
- civilians killed during a battle or explosion count in that event, not a separate Attack;
- the headline's toll is the article's check: the events of one story count no more deaths than
  its headline reports (:func:`check_headline_toll`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .config import Settings
from .geo.match import name_key
from .registry import stage
from .resources import Resources
from .schema import Actor, Claim, DateInfo, Doc, Event, EventCandidate, Evidence, Place, PlaceMention
from .taxonomy import disorder_type, interaction, type_of_violence

__all__ = ["Assembler", "check_headline_toll", "event_from_group", "group_candidates", "headline_indexes",
           "headline_toll"]

_SUB_RANK = {  # which sub-type wins when candidates merge into one event
    "Non-state actor overtakes territory": 0, "Government regains territory": 0,
    "Armed clash": 1, "Suicide bomb": 2, "Air/drone strike": 3, "Chemical weapon": 3,
    "Shelling/artillery/missile attack": 4, "Remote explosive/landmine/IED": 5, "Grenade": 6,
    # one demonstration met by force is one event of its gravest kind
    "Excessive force against protesters": 0, "Protest with intervention": 1, "Peaceful protest": 2,
}  # fmt: skip
_VIOLENT = ("Battles", "Explosions/Remote violence")


class _Undated:
    """The date of an event from a document with no publication date and no date in its text:
    none, at ACLED's lowest time precision (3) and UCDP's (5)."""

    event_date = None
    time_precision = 3
    date_prec = 5
    date_start = None
    date_end = None


_UNDATED = _Undated()


def _place_key(c: EventCandidate) -> str:
    if c.place is None or c.place.place is None:
        return "?"
    return c.place.place.place_id or c.place.place.name


def _fallback_name(c: EventCandidate) -> str:
    """The name of a place the gazetteer did not know and placed at a coarser one ("" if none)."""
    if c.place is None or c.place.place is None or c.place.geo_precision < 2 or not c.place.span:
        return ""
    key = name_key(c.place.span.text)
    return "" if key == name_key(c.place.place.name) else key


def _dyad_key(c: EventCandidate) -> frozenset[str]:
    return frozenset(a.name for a in (c.actor1, c.actor2) if a is not None)


def _family(c: EventCandidate) -> str:
    if c.event_type in _VIOLENT:
        return "violence"
    return "protest" if c.event_type == "Protests" else c.sub_event_type


def _day(c: EventCandidate) -> object:
    return c.date.event_date if c.date is not None else None  # None: an undated document


def group_candidates(cands: Iterable[EventCandidate]) -> list[list[EventCandidate]]:
    """Group kept candidates by the happening ``discourse.v1`` found for them, else by (day, place,
    family) with compatible dyads."""
    groups: list[list[EventCandidate]] = []
    by_happening: dict[int, list[EventCandidate]] = {}
    for cand in cands:
        number = cand.extra.get("happening")
        if isinstance(number, int):
            if number not in by_happening:
                by_happening[number] = []
                groups.append(by_happening[number])
            by_happening[number].append(cand)
            continue
        key = (_day(cand), _place_key(cand), _family(cand))
        for group in groups:
            head = group[0]
            if (_day(head), _place_key(head), _family(head)) != key:
                continue
            d1, d2 = _dyad_key(head), _dyad_key(cand)
            if d1 and d2 and not (d1 & d2):
                continue
            # an unknown place placed at a city ("Dahiyat al-Assad" at Aleppo) is the same place
            # as the city or another unknown one only for the same two sides: fighting with its
            # car bombs, not a battle and an air strike on a neighbourhood elsewhere
            f1, f2 = _fallback_name(head), _fallback_name(cand)
            if f1 != f2 and d1 != d2:
                continue
            group.append(cand)
            break
        else:
            groups.append([cand])
    return groups


#: A mention typed with less than this share of the surest mention's score does not decide the
#: event's type ("the attack" read as a clash at 0.18 beside "a suicide bomber" at 0.67).
WEAK_TYPING = 0.5


def _ranked(group: list[EventCandidate], *, typing: bool = False) -> EventCandidate:
    """The mention that decides the event (its date, place, identity): a body mention before the
    headline, one of its own before an anaphoric one, then the gravest sub-type (``_SUB_RANK``: a
    bombing inside a battle is the battle), then the score. ``typing``: the mention that decides
    the sub-type, where a surely typed mention also goes before a weakly typed one (rule
    ``weak-typing``: a generic word such as "the attack" does not retype a happening a specific
    mention typed)."""
    surest = max(c.score for c in group)
    return min(group, key=lambda c: (bool(c.extra.get("headline_member")), bool(c.extra.get("anaphoric")),
                                     typing and c.score < WEAK_TYPING * surest,
                                     _SUB_RANK.get(c.sub_event_type, 10), -c.score))


_COARSE_KINDS = {"country": 2, "admin1": 1}


def _event_place(head: EventCandidate, group: list[EventCandidate]) -> PlaceMention | None:
    """The deciding mention's place; when that is only a country or a province, the finest
    place inside it that another mention of the event names (ACLED's location is the most
    specific place the report gives; "Syria" is no location when the story says "in Idlib")."""
    located = [c.place for c in [head, *group] if c.place is not None and c.place.place is not None]
    if not located:
        return None
    first = located[0]
    assert first.place is not None
    if not _COARSE_KINDS.get(first.place.kind or "", 0):
        return first
    inside = [pm for pm in located[1:] if _finer_inside(first.place, pm)]
    return min(inside, key=lambda pm: _COARSE_KINDS.get(pm.place.kind or "", 0) if pm.place else 0, default=first)


def _finer_inside(coarse: Place, pm: PlaceMention) -> bool:
    """Is ``pm`` a finer place than the country or province ``coarse``, inside it?"""
    p = pm.place
    level = _COARSE_KINDS.get(coarse.kind or "", 0)
    if p is None or _COARSE_KINDS.get(p.kind or "", 0) >= level or p.country != coarse.country:
        return False
    return level != 1 or name_key(p.admin1 or "") == name_key(coarse.admin1 or coarse.name)


def _deaths_place(doc: Doc, group: list[EventCandidate], coarse: PlaceMention) -> PlaceMention | None:
    """Rule ``deaths-place``: an event located only at a country or province whose counted deaths
    are told in a sentence naming one finer place inside it ("At least 72 people died in the town
    of Khan Sheikhoun") happened there: ACLED's location is the most specific place the report
    gives. None when no such sentence names exactly one such place."""
    assert coarse.place is not None
    starts = {e.start for c in group if c.fatalities for e in c.evidence if e.field == "fatalities"}
    sentences = {s.index for s in doc.sentences for x in starts if s.start <= x < s.end}
    if not sentences:
        return None
    found = [pm for pm in doc.places if pm.sentence_index in sentences and pm.role == "event"
             and pm.place is not None and pm.span.text.strip() and _finer_inside(coarse.place, pm)]
    distinct = {(pm.place.place_id or name_key(pm.place.name)) for pm in found if pm.place is not None}
    return found[0] if len(distinct) == 1 else None


def _unique_claims(group: list[EventCandidate]) -> list[Claim]:
    seen: set[tuple[int | None, int | None, str]] = set()
    claims: list[Claim] = []
    for cand in group:
        for claim in cand.claims:
            key = (claim.start, claim.end, claim.quantity)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
    return claims


#: Most days a happening's mentions may lie apart and still date it by the earliest (a shooting on
#: Friday afternoon, a victim who "died early Saturday").
ONSET_DAYS = 1


#: How a mention dated by another sentence's words is marked (``extra["date_rule"]``): the
#: sentences before it or the lede (normalise.dates), the body's day lent to a lede (discourse)
_INHERITED = (":context", ":lede", "lede:body")


def _onset(head: EventCandidate, group: list[EventCandidate]) -> DateInfo | None:
    """Rule ``onset-date``: a happening is dated by the day it began (ACLED codes the attack's day,
    not the day a victim died of it or the day it was reported). When another mention of the group
    gives, in words of its own, an earlier day at least as precise as the head's, up to
    ONSET_DAYS before it, that day is the event's; a day it took from another sentence is not its
    own ("protesters marched on Wednesday. The shooting ..." is no Wednesday shooting). None when
    the head's own date stands."""
    own = head.date
    if own is None:
        return None
    earlier = [c.date for c in group if c is not head and c.date is not None and c.date.expression
               and not str(c.extra.get("date_rule", "")).endswith(_INHERITED)
               and c.date.time_precision <= own.time_precision
               and 0 < (own.event_date - c.date.event_date).days <= ONSET_DAYS]
    return min(earlier, key=lambda d: d.event_date) if earlier else None


#: The rule below reads stories, not notes (as the discourse models do): a note of a few sentences
#: told by its coder names its sides first ("pro-Hadi forces' incursion, backed by coalition airstrikes")
STORY_SENTENCES = 6


def _names_foreign_flier(doc: Doc, typed: EventCandidate) -> bool:
    """Rule ``strike-keeps-its-flier``: in a story, an air strike that decides the happening's
    sub-type and was flown by a foreign air force (one coded only when the text names it: the
    default flier is the country's own) gives the event its sides: the strikes are not the rebels'
    or the Islamic State's because a "battle" mention of the same happening names them first."""
    return typed.sub_event_type == "Air/drone strike" and typed.actor1 is not None \
        and typed.actor1.inter == 8 and len(doc.sentences) >= STORY_SENTENCES


def _territory_consistent(sub: str, a1: Actor | None) -> str:
    """Who took the place decides the sub-type: state forces regain, others overtake."""
    if a1 is None:
        return sub
    if sub == "Government regains territory" and a1.inter not in (1, 8):
        return "Non-state actor overtakes territory"
    if sub == "Non-state actor overtakes territory" and a1.inter == 1:
        return "Government regains territory"
    return sub


def event_from_group(doc: Doc, group: list[EventCandidate]) -> Event:
    head = _ranked(group)
    typed = _ranked(group, typing=True)
    onset = _onset(head, group)
    date = onset or head.date or _UNDATED
    # a headline kept in the group lends its figures; the body names the sides and the place
    body = [c for c in group if not c.extra.get("headline_member")] or group
    actors: list[Actor] = []
    first = typed if _names_foreign_flier(doc, typed) else head
    for cand in sorted(body, key=lambda c: (c is not first, c is not head)):
        for actor in (cand.actor1, cand.actor2):
            if actor is not None and actor.name not in {a.name for a in actors}:
                actors.append(actor)
    a1 = actors[0] if actors else None
    a2 = actors[1] if len(actors) > 1 else None
    sub_event_type = _territory_consistent(typed.sub_event_type, a1)
    place_mention = _event_place(head, body)
    deaths_place_note = None
    if place_mention is not None and place_mention.place is not None and not place_mention.fallback_from \
            and _COARSE_KINDS.get(place_mention.place.kind or "", 0):
        finer = _deaths_place(doc, group, place_mention)
        if finer is not None:
            deaths_place_note = (f"location: {finer.span.text!r}, where the sentence telling its deaths "
                                 f"places them, inside {place_mention.place.name!r} (rule deaths-place)")
            place_mention = finer
    place = place_mention.place if place_mention else None
    fat_values = [c.fatalities for c in group if c.fatalities is not None]
    lows = [c.fatalities_low for c in group if c.fatalities_low is not None]
    bests = [c.fatalities_best for c in group if c.fatalities_best is not None]
    highs = [c.fatalities_high for c in group if c.fatalities_high is not None]
    civ = [c.deaths_civilians for c in group if c.deaths_civilians is not None]
    evidence: list[Evidence] = []
    for cand in group:
        evidence.append(Evidence(doc_id=doc.document.id, field="trigger", start=cand.trigger.start,
                                 end=cand.trigger.end, text=cand.trigger.text))
        evidence.extend(cand.evidence)
    located = [place_mention] if place_mention is not None else []
    located += [c.place for c in group if c.place is not None and c.place.place is not None]
    seen_spans: set[tuple[int, int]] = set()
    for pm in located:  # every named place of the group (unknown ones stand in for their city)
        if (pm.span.start, pm.span.end) in seen_spans or not pm.span.text.strip():
            continue  # a place not named in the text (e.g. the document's country) has no span
        seen_spans.add((pm.span.start, pm.span.end))
        evidence.append(Evidence(doc_id=doc.document.id, field="location",
                                 start=pm.span.start, end=pm.span.end, text=pm.span.text))
    sent = doc.sentences[head.sentence_index].text if doc.sentences else ""
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else None)
    fatalities = max(fat_values) if fat_values else 0
    country = place.country if place else None
    ident = hashlib.sha1(
        f"{doc.document.id}|{date.event_date}|{_place_key(head)}|{head.sub_event_type}|"
        f"{sorted(_dyad_key(head))}|{head.sentence_index}|{head.trigger.start}".encode()
    ).hexdigest()[:10]
    prefix = (place.iso3 if place and place.iso3 else "XXX").upper()
    return Event(
        event_id_cnty=f"{prefix}-{ident}",
        event_date=date.event_date,
        year=date.event_date.year if date.event_date else None,
        time_precision=date.time_precision,
        disorder_type=disorder_type(typed.event_type, sub_event_type),
        event_type=typed.event_type,
        sub_event_type=sub_event_type,
        actor1=a1.name if a1 else None,
        assoc_actor_1="; ".join(a1.assoc) if a1 and a1.assoc else None,
        inter1=inter1,
        actor2=a2.name if a2 else None,
        assoc_actor_2="; ".join(a2.assoc) if a2 and a2.assoc else None,
        inter2=inter2,
        interaction=interaction(inter1, inter2),
        civilian_targeting="Civilian targeting" if any(c.civilian_targeting for c in group) else None,
        iso=place.iso if place else None,
        region=place.region if place else None,
        country=country,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        admin3=place.admin3 if place else None,
        location=(place_mention.fallback_from or place.name) if place and place_mention else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place_mention.geo_precision if place_mention else None,
        source=doc.document.source,
        source_scale=None,
        notes=sent[:1000],
        fatalities=fatalities,
        tags=None,
        timestamp=None,
        type_of_violence=type_of_violence(typed.event_type, inter1, inter2),
        fatalities_low=min(lows) if lows else fatalities,
        fatalities_best=max(bests) if bests else fatalities,
        fatalities_high=max(highs) if highs else fatalities,
        deaths_civilians=max(civ) if civ else None,
        where_prec=place_mention.where_prec if place_mention else None,
        geo_fallback=place.name if place and place_mention and place_mention.fallback_from else None,
        date_prec=date.date_prec,
        date_start=date.date_start or date.event_date,
        date_end=date.date_end or date.event_date,  # all None when undated
        doc_id=doc.document.id,
        doc_ids=[doc.document.id],
        evidence=evidence,
        claims=_unique_claims(group),
        framing=list(doc.framing),
        confidence=round(sum(c.score for c in group) / len(group), 3),
        why=_why(group, head, typed) + (["undated: no publication date and no date in the text"]
                                 if head.date is None else [])
        + ([f"date: {onset.event_date.isoformat()} from {onset.expression!r}, the earliest day the "
            f"mentions of this happening give (rule onset-date)"] if onset is not None else [])
        + ([deaths_place_note] if deaths_place_note else [])
        + _fatalities_why(doc, group, fatalities),
    )


def _fatalities_why(doc: Doc, group: list[EventCandidate], fatalities: int) -> list[str]:
    """Where the event's ``fatalities`` come from: the mention that gives them, the figures it read
    with each one's claimant chain, and the fatalities rule that chose them."""
    if not fatalities:
        return []
    cand = next((c for c in group if c.fatalities == fatalities), None)
    if cand is None:
        return []
    told = [f"{doc.text[c.start:c.end]!r} ({' <- '.join(c.claimant_chain) or 'no claimant'})"
            for c in cand.toll_claims() if c.start is not None and c.end is not None]
    rule = cand.extra.get("fatalities_rule") or "none"
    return [f"fatalities: {fatalities} at {cand.trigger.text!r} from {'; '.join(told) or 'no stated figure'} "
            f"(fatalities rule {rule}; the most conservative credible figure, coding rules)"]


def _why(group: list[EventCandidate], head: EventCandidate, typed: EventCandidate | None = None) -> list[str]:
    """The reasons recorded on the group's mentions, the deciding (head) mention first; the
    sub-type from ``typed`` (the mention that decides it, :func:`_ranked`), the head when None."""
    typed = typed or head
    out: list[str] = [f"sub_event_type: {typed.sub_event_type} from {typed.trigger.text!r} "
                      f"(score {typed.score:.2f})"]
    if typed is not head and typed.sub_event_type != head.sub_event_type:
        out.append(f"sub_event_type: not {head.sub_event_type} from {head.trigger.text!r} (score "
                   f"{head.score:.2f}, under {WEAK_TYPING:.0%} of the surest mention's: rule weak-typing)")
    typing = typed.extra.get("typing")  # the rules and model scores that typed it (nlp/classify.py)
    if isinstance(typing, dict) and typing.get("why"):
        out.append(str(typing["why"]))
    for cand in sorted(group, key=lambda c: c is not head):
        for reason in cand.extra.get("why", []):
            line = f"{cand.trigger.text!r}: {reason}"
            if line not in out:
                out.append(line)
    return out


def headline_indexes(doc: Doc) -> set[int]:
    """Sentences that are headlines: the title, or a first line without final punctuation."""
    found: set[int] = set()
    title = (doc.document.title or "").strip()
    for sent in doc.sentences[:3]:
        text = sent.text.strip()
        line_alone = doc.text[sent.end:sent.end + 2].startswith("\n") or sent.end >= len(doc.text)
        if (title and text == title) or (sent.index == 0 and line_alone and text[-1:] not in ".!?\"'”"):
            found.add(sent.index)
    return found


def _headline_text(doc: Doc) -> tuple[str, int | None]:
    """The story's headline and its offset in the text (None when the text does not hold it): the
    document's title, else the headline sentences."""
    title = " ".join((doc.document.title or "").split())
    if title:
        at = doc.text.find(title, 0, len(title) + 400)
        return title, (at if at >= 0 else None)
    heads = sorted(headline_indexes(doc))
    if not heads:
        return "", None
    first = doc.sentences[heads[0]]
    return doc.text[first.start:doc.sentences[heads[-1]].end], first.start


def _headline_figures(doc: Doc) -> tuple[int, int, int, int] | None:
    """(deaths, start, end, figures used) the headline reports (see :func:`headline_toll`)."""
    if doc.language != "en":
        return None
    from .discourse.cues import aggregate_cue  # lazy: the discourse package imports this module
    from .normalise.casualties import OWN_DEATH, find_figures
    from .normalise.date_rules import NUMERIC_RULES, find_dates
    from .normalise.fatalities import tally

    text, at = _headline_text(doc)
    if not text or aggregate_cue(text):
        return None
    skip = [(d.start, d.end) for d in find_dates(text, doc.pub_date, only=NUMERIC_RULES)]
    figs = [f for f in find_figures(text, skip=skip) if f.quantity == "killed"]
    if not figs:
        return None
    result = tally([(f, 0, []) for f in figs], significant=False)
    used = [f for f, _ in result.used]
    if not used or result.fatalities <= 0 or any(f.rule not in ("number", "single", "named") or f.earlier
                                                  for f in used):
        return None
    if all(f.what == OWN_DEATH for f in used):
        return None  # "children shot, father committed suicide": no count of the story's dead
    if at is None:
        return result.fatalities, -1, -1, len(used)
    return result.fatalities, at + min(f.start for f in used), at + max(f.end for f in used), len(used)


def headline_toll(doc: Doc) -> tuple[int, int, int] | None:
    """(deaths, start, end) the headline reports with a stated number ("Air strikes kill 22",
    "2 medics among 31 dead": 31), the span in the text's offsets (start = end = -1 when the text
    does not hold the title); one victim named without a number is a count of one ("Bomb kills
    woman wounds 25": 1); None when the headline states no count of deaths (no figure, a vague
    one like "dozens", or only a running toll)."""
    found = _headline_figures(doc)
    return None if found is None else found[:3]


def _holds_headline_figure(event: Event, start: int, end: int) -> bool:
    """Whether the event's deaths were read from the headline's own figure (``start``-``end``)."""
    return any(x.field == "fatalities" and start <= x.start < end for x in event.evidence)


def _raise_to_headline(doc: Doc, events: list[Event], toll: int, start: int, end: int, total: int) -> None:
    """The headline's toll is the story's: when the events coded from the body count fewer deaths
    (the body names them only in words the reader does not count, or leaves the number to the
    headline), the headline's own event, else the event counting the most deaths, else the first,
    gets the deaths the others do not count."""
    target = next((e for e in events if _holds_headline_figure(e, start, end)), None) \
        or max(events, key=lambda e: (e.fatalities or 0, -events.index(e)))
    before = target.fatalities or 0
    target.fatalities = before + toll - total
    target.fatalities_best = max(target.fatalities_best or 0, target.fatalities)
    target.fatalities_high = max(target.fatalities_high or 0, target.fatalities)
    note = (f"fatalities: {before} raised to {target.fatalities}: the headline reports {toll} deaths "
            f"and the story's events count {total}")
    doc.notes.append(note)
    target.why.append(note)


def check_headline_toll(doc: Doc, events: list[Event]) -> None:
    """The headline states the story's news and its toll; the events coded from the story count
    no more deaths than that (coding rules, "Whole articles": a death is counted once, a total is
    a check on its details, recalled happenings and running tolls are no new deaths). When the
    events add up to more, the headline's own event keeps its deaths first (the event holding the
    headline's figure, else one with the headline's toll), then the others in the order the story
    tells them, until the headline's toll is spent; the rest count 0, each with its reason."""
    found = _headline_figures(doc)
    if found is None or len(doc.sentences) < 2:
        return
    toll, start, end, figures = found
    total = sum(e.fatalities or 0 for e in events)
    if total == 0 and events:
        # the body counts no death: the headline's one plain count is the story's toll
        if figures == 1:
            _raise_to_headline(doc, events, toll, start, end, total)
        return
    if total <= toll:
        return

    def first_figure(e: Event) -> int:
        return min((x.start for x in e.evidence if x.field == "fatalities"), default=len(doc.text))

    def rank(e: Event) -> tuple[bool, bool, int]:
        return (not _holds_headline_figure(e, start, end), e.fatalities != toll, first_figure(e))

    left = toll
    for event in sorted((e for e in events if e.fatalities), key=rank):
        counted = toll - left
        kept = min(event.fatalities or 0, left)
        left -= kept
        if kept == event.fatalities:
            continue
        note = (f"fatalities: {event.fatalities} lowered to {kept}: the headline reports {toll} deaths "
                f"and the story's other events count {counted} of them")
        doc.notes.append(note)
        event.why.append(note)
        event.fatalities = kept
        if event.fatalities_low is not None:
            event.fatalities_low = min(event.fatalities_low, kept)


def drop_headline_restatements(doc: Doc, kept: list[EventCandidate]) -> list[EventCandidate]:
    """A headline summarises the body: its candidate is dropped when the body codes the same kind.
    A headline the discourse stage placed in a happening of the body stays in it as one more
    telling of that happening (its toll is a claim about it: "Death toll ... rises to 70"), never
    as the mention that decides the event's type, date or place (:func:`_ranked`)."""
    heads = headline_indexes(doc)
    body_families = {_family(c) for c in kept if c.sentence_index not in heads}
    body_happenings = {c.extra.get("happening") for c in kept if c.sentence_index not in heads}
    out = []
    for cand in kept:
        number = cand.extra.get("happening")
        if cand.sentence_index in heads and _family(cand) in body_families:
            if isinstance(number, int) and number in body_happenings:
                cand.extra["headline_member"] = True
                out.append(cand)
                continue
            doc.notes.append(f"dropped {cand.sub_event_type!r} at {cand.trigger.text!r}: "
                             "headline restates an event of the body")
            continue
        out.append(cand)
    return out


class Assembler:
    """Stage ``assemble.v1``: ``doc.candidates`` -> ``doc.events``."""

    def __call__(self, doc: Doc) -> Doc:
        kept: list[EventCandidate] = []
        for cand in doc.candidates:
            reason = None
            status = cand.extra.get("status")
            # no publication date and no date in the text: coded undated, not dropped (the
            # discourse stage gives such mentions the status "new", rule reported.undated)
            undated = cand.date is None and doc.pub_date is None
            if status is not None and status != "new":
                reason = "; ".join(str(w) for w in cand.extra.get("why", [])) or str(status)
            elif cand.negated:
                reason = "negated"
            elif cand.hypothetical:
                reason = "hypothetical"
            elif cand.background:
                reason = "background"
            elif cand.date is None and not undated:
                reason = "no date"
            if reason:
                doc.notes.append(f"dropped {cand.sub_event_type!r} at {cand.trigger.text!r}: {reason}")
                continue
            kept.append(cand)
        kept = drop_headline_restatements(doc, kept)
        doc.events = [event_from_group(doc, g) for g in group_candidates(kept)]
        check_headline_toll(doc, doc.events)
        return doc


@stage("assemble.v1")
def make_assembler(settings: Settings, resources: Resources) -> Assembler:
    return Assembler()

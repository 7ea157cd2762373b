"""Resolve mentions to neutral actors and pick actor1/actor2 per candidate by event type."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..schema import Actor
from .kb import ActorEntry, KnowledgeBase
from .recognise import Hit, infer_inter

__all__ = ["Context", "Participant", "air_antecedent", "choose_actors", "resolve"]

_BY = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|some\s+)?$", re.IGNORECASE)
_THE = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)


@dataclass
class Context:
    """What resolution needs to know about the event: its country, year and the document."""

    kb: KnowledgeBase
    country: str | None
    year: int | None
    main_rebel: str | None = None  # the document's named rebel group, if any
    main_opposition: str | None = None  # the group "rebels" stands for (defaults ``not_rebels`` left out)
    cache: dict[tuple[int, str | None], Actor] = field(default_factory=dict)


@dataclass
class Participant:
    actor: Actor
    side: str
    pos: int
    agent: bool  # written as the doer ("by X", or the subject)
    assoc_only: bool = False
    civilian: bool = False
    generic: bool = False  # named by a description ("gunmen"), not by its own name
    air: bool = False  # an unattributed air word ("air strikes", "warplanes": the country's default air force)
    flies: bool = False  # a named force that can own an air strike ("US-led air strikes", foreign forces)
    anaphoric: bool = False  # a definite air word ("the air strikes"): the strikes named before


def _named(ctx: Context, name: str) -> Actor:
    if name == "military":
        return _state(ctx, "Military", ctx.country)
    entry = ctx.kb.named().get(name)
    inter = entry.inter if entry else (1 if "Forces of" in name else 3 if "Unidentified" in name else infer_inter(name))
    return _with_country(ctx, Actor(name=name, inter=inter, country=entry.country if entry else ctx.country))


def _with_country(ctx: Context, actor: Actor) -> Actor:
    """State forces outside their own country are external forces (inter 8)."""
    if actor.inter == 1 and actor.country and ctx.country and actor.country != ctx.country:
        return actor.model_copy(update={"inter": 8})
    return actor


def _state(ctx: Context, kind: str, country: str | None) -> Actor:
    c = ctx.kb.countries.get(country or "")
    if c is None:
        return Actor(name=f"Unidentified {kind} Forces" if kind == "Military" else "Unidentified Police Forces",
                     inter=8 if kind == "Military" else 1, country=country)
    return _with_country(ctx, Actor(name=c.forces(kind, ctx.year), inter=1, country=c.name))


def _default(ctx: Context, key: str) -> str | None:
    value = ctx.kb.defaults.get(ctx.country or "", {}).get(key)
    return value if isinstance(value, str) else None


def _pick_entry(entries: tuple[ActorEntry, ...], country: str | None) -> ActorEntry | None:
    usable = [e for e in entries if not e.countries or country in e.countries]
    if not usable:
        return None
    scoped = [e for e in usable if e.scoped and e.country == country]
    if scoped:
        return scoped[0]
    free = [e for e in usable if not e.scoped]
    return free[0] if free else None


def _unidentified(country: str | None) -> Actor:
    """ACLED's actor for armed men no one names or claims."""
    return Actor(name=f"Unidentified Armed Group ({country or 'International'})", inter=3, country=country)


def resolve(entry: ActorEntry, ctx: Context) -> Actor:
    """The neutral actor an entry names in this context."""
    c = ctx.country
    if entry.name is not None:
        name = entry.name.replace("{c}", c or "International")
        return _with_country(ctx, Actor(name=name, inter=entry.inter, country=entry.country or c))
    ref = entry.ref or ""
    if ref in ("military", "police"):
        return _state(ctx, ref.title(), c)
    if ref.startswith("foreign:"):
        _, country, kind = ref.split(":")
        return _state(ctx, kind, country)
    if ref == "air":
        air = _default(ctx, "air")
        return _named(ctx, air) if air else _state(ctx, "Military", c)
    if ref in ("rebels", "opposition"):
        rebel = (ctx.main_opposition if ref == "opposition" else ctx.main_rebel) or _default(ctx, "rebels")
        if rebel:
            return _named(ctx, rebel)
        if entry.partisan and c == "Syria":
            return Actor(name="Opposition Rebels (Syria)", inter=2, country=c)
        return _unidentified(c)
    if ref == "gang":
        gang = _default(ctx, "gang")
        return _named(ctx, gang) if gang else _unidentified(c)
    return _unidentified(c)


#: "..., the Iraqi army said", "police said on Monday": the one telling the news
_SAYS = re.compile(r"['’]?s?(?:\s+in\s+(?:suburban\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s+(?:said|says|say|told|reported|announced|stated|"
                   r"added|confirmed|reports|(?:are|is|were|was)\s+investigating|investigat(?:e|es|ed)|"
                   r"found|discovered|recovered|identif(?:y|ies|ied)|(?:are|is|were|was)\s+(?:still\s+)?"
                   r"(?:looking|searching|asking|seeking)|(?:believe|believes|believed|suspect|suspects|"
                   r"suspected)(?!\s+(?:was|were|is|are|has|had|fired|shot|killed))|responded|arrived|"
                   r"(?:were|was)\s+(?:called|dispatched|alerted|notified))\b")
#: "The army said it killed ...": the speaker tells of its own act
_OWN_ACT = re.compile(r"\s*(?:on \w+\s+|in a statement\s+|late \w+\s+)?(?:that\s+)?"
                      r"(?:(?:its|their|our)\b|(?:it|they|we)\s+(?:(?:had|has|have|would|will|was|were|is|are)\s+)?"
                      # a deed of theirs, not what "they" are ("police said they include three adults")
                      r"(?:\w+ed|\w+ing|shot|hit|struck|took|fought|won|seized|downed|behind|responsible)\b)",
                      re.IGNORECASE)
_ACCORDING = re.compile(r"\b(?:according to|quoted|citing|told|reported by|said by)\s+(?:the\s+|a\s+)?$", re.IGNORECASE)


def is_source(hit_start: int, hit_end: int, text: str) -> bool:
    """Rule ``source-not-actor``: the one who tells of an event is not, by telling, one of its
    sides ("a roadside bomb killed two civilians, the Iraqi army said"; "according to police";
    "police said a man was shot"; "police in Chicago are investigating a shooting"; "police found
    two men dead": who found the dead did not kill them; "police identified the victim", "police
    are looking for the gunman", "police believe", "officers responded to a call": who
    identifies, searches, infers or answers the call did not shoot). ACLED codes
    who did what to whom, not who reported or investigated it. The
    speaker stays a side when it tells of its own act ("the army said it killed ten militants")."""
    if _ACCORDING.search(text[max(0, hit_start - 20):hit_start]):
        return True
    says = _SAYS.match(text, hit_end)
    if says is None:
        return False
    return not _OWN_ACT.match(text, says.end())


def _foreign_initials(text: str, entry: ActorEntry, ctx: Context) -> bool:
    """Rule ``foreign-initials``: two capital letters are too short to name a group of another
    country than the document's ("Birmingham, AL" names no Bangladesh Awami League)."""
    word = text.strip(" .,;:()")
    return (len(word) <= 2 and word.isupper() and bool(entry.country) and bool(ctx.country)
            and entry.country != ctx.country)


def participant(hit: Hit, ctx: Context, text: str) -> Participant | None:
    if is_source(hit.start, hit.end, text):
        return None
    agent = bool(_BY.search(text[max(0, hit.start - 12):hit.start]))
    if hit.unknown:
        name = hit.unknown_name.replace("{c}", ctx.country or "International") if hit.unknown_name else hit.text
        actor = Actor(name=name, inter=hit.unknown_inter, country=ctx.country, review=True)
        return Participant(actor=actor, side=name, pos=hit.start, agent=agent,
                           assoc_only=hit.unknown_inter == 6)
    entry = _pick_entry(hit.entries, ctx.country)
    if entry is None or _foreign_initials(hit.text, entry, ctx):
        return None
    actor = resolve(entry, ctx)
    side = entry.side or ("government" if actor.inter == 1 else actor.name)
    if actor.inter == 8 and entry.ref and entry.ref.startswith("foreign:"):
        side = actor.name
    air = entry.ref == "air"
    anaphoric = air and bool(_THE.search(text[max(0, hit.start - 12):hit.start]))
    flies = not air and not entry.assoc_only and (actor.inter == 8 or _air_words(hit.text))
    agent = agent or (flies and _air_words(hit.text))  # "Russian air strikes killed": the strikes' owner acts
    return Participant(actor=actor, side=side, pos=hit.start, agent=agent, assoc_only=entry.assoc_only,
                       civilian=actor.inter == 7, generic=entry.name is None or "{" in entry.name,
                       air=air, flies=flies, anaphoric=anaphoric)


_AIR_TAIL = re.compile(r"\b(?:air\s*strikes?|air\s*raids?|strikes?|raids?|warplanes?|war\s+planes|jets?|aircraft|"
                       r"planes?|bombers?|helicopters?|drones?|air\s+force|bombing)$", re.IGNORECASE)


def _air_words(text: str) -> bool:
    """Is the mention written as an air weapon ("US-led air strikes", "Russian jets")?"""
    return bool(_AIR_TAIL.search(text.removesuffix("'s").removesuffix("’s")))


def air_antecedent(sent: list[Participant], earlier: list[list[Participant]]) -> list[Participant]:
    """"The air strikes" refer back: when a sentence's only air word is definite and the nearest
    earlier sentence that names air strikes (``earlier``: nearest first) says whose they were, the
    strikes are that force's (ACLED: the air force that flew them), else the country's default."""
    if not any(p.air and p.anaphoric for p in sent) or any(p.flies for p in sent):
        return sent
    for prior in earlier:
        fliers = [p for p in prior if p.flies]
        if fliers:
            head = fliers[0]
            return [p if not (p.air and p.anaphoric) else
                    Participant(actor=head.actor, side=head.side, pos=p.pos, agent=p.agent, flies=True)
                    for p in sent]
        if any(p.air and not p.anaphoric for p in prior):
            break
    return sent


def _own_air(parts: list[Participant]) -> list[Participant]:
    """ACLED codes an air strike to the air force that flew it: bare "air strikes" in a sentence
    that names whose strikes they were ("air strikes ... US-led air strikes killed", "raids by
    the coalition") are that force's, not the country's default air force."""
    if any(p.air for p in parts) and any(p.flies for p in parts):
        return [p for p in parts if not p.air]
    return parts


def _armed(p: Participant) -> bool:
    return not p.assoc_only and p.actor.inter in (1, 2, 3, 4, 8)


def _sides(parts: list[Participant], ctx: Context) -> list[Actor]:
    """Group armed participants by side; the first side to act comes first; allies go to assoc."""
    order: list[str] = []
    members: dict[str, list[Participant]] = {}
    side_of: dict[str, str] = {}  # one actor, one side, whatever description named it
    for p in sorted(parts, key=lambda p: (not p.agent, p.pos)):
        side = side_of.setdefault(p.actor.name, p.side)
        if side not in members:
            order.append(side)
            members[side] = []
        members[side].append(p)
    out: list[Actor] = []
    for side in order:
        group = members[side]

        def rank(p: Participant) -> tuple[int, int]:
            home_state = p.actor.inter == 1 and p.actor.country == ctx.country
            main = p.actor.name == ctx.main_rebel
            return (0 if home_state or main else 3 if p.actor.review else 2 if p.generic else 1, p.pos)

        head = min(group, key=rank)
        assoc = list(dict.fromkeys(p.actor.name for p in group if p.actor.name != head.actor.name))
        out.append(head.actor.model_copy(update={"assoc": assoc}))
    return out


def _opponent(first: Actor, ctx: Context, pools: list[list[Participant]], key: str) -> Actor | None:
    for pool in pools:
        for other in _sides([p for p in pool if _armed(p)], ctx):
            if other.name != first.name and other.name not in first.assoc:
                return other.model_copy(update={"assoc": []})
    pair = ctx.kb.defaults.get(ctx.country or "", {}).get(key)
    if isinstance(pair, list) and len(pair) == 2:
        a, b = (_named(ctx, n) for n in pair)
        if a.name == first.name:
            return b
        if b.name == first.name:
            return a
    if first.inter == 1 and ctx.country:
        name = ctx.main_rebel or _default(ctx, "rebels")
        return _named(ctx, name) if name else None
    if first.inter in (2, 3) and ctx.country in ctx.kb.defaults:
        return _state(ctx, "Military", ctx.country)
    return None


def _class(ctx: Context, template: str, inter: int, parts: list[Participant]) -> Actor:
    name = template.format(c=ctx.country or "International")
    assoc = [p.actor.name for p in parts if p.actor.name != name and (p.assoc_only or p.actor.inter in (3, 6))
             and not p.civilian and (p.assoc_only or p.actor.inter != 1)]
    return Actor(name=name, inter=inter, country=ctx.country, assoc=list(dict.fromkeys(assoc)))


_PLANTED = frozenset(("Remote explosive/landmine/IED", "Suicide bomb"))


def _planter(para: list[Participant], ctx: Context, *, states: tuple[int, ...]) -> Actor:
    """Who planted an unclaimed bomb: the paragraph's first armed group that is none of the
    ``states`` (inter codes), else ACLED's unidentified armed group."""
    groups = _sides([p for p in para if _armed(p) and p.actor.inter not in states], ctx)
    return groups[0] if groups else _unidentified(ctx.country)


def choose_actors(event_type: str, sub_event_type: str, sent: list[Participant], para: list[Participant],
                  doc: list[Participant], ctx: Context, *, drone: bool = False) -> tuple[Actor | None, Actor | None]:
    """actor1/actor2 for one candidate from the participants of its sentence, paragraph and document;
    ``drone``: the sentence names a drone (armed groups fly those too)."""
    state_in = [p for p in sent if p.actor.inter == 1 and not p.assoc_only]
    if event_type == "Protests":
        a1 = _class(ctx, "Protesters ({c})", 6, sent)
        a2 = None
        if sub_event_type != "Peaceful protest":
            a2 = state_in[0].actor if state_in else _state(ctx, "Police", ctx.country)
        return a1, a2
    if event_type == "Riots":
        a1 = _class(ctx, "Rioters ({c})", 5, [p for p in sent if p.actor.inter != 5])
        if sub_event_type == "Mob violence":
            return a1, _class(ctx, "Civilians ({c})", 7, [p for p in sent if p.civilian])
        return a1, (state_in[0].actor if state_in else None)
    sent = _own_air(sent)
    armed = [p for p in sent if _armed(p)]
    civilians = [p for p in sent if p.civilian or (p.assoc_only and p.actor.inter == 7)]
    if event_type == "Violence against civilians":
        # rule state-needs-its-act: state forces named elsewhere in the paragraph (at the scene,
        # looking for the gunman) did not, by that, attack the civilians of this sentence
        sides = _sides(armed, ctx) or _sides([p for p in para if _armed(p) and (p.agent or p.actor.inter != 1)], ctx)
        fallback = _default(ctx, "unidentified")
        a1 = sides[0] if sides else _named(ctx, fallback) if fallback else _unidentified(ctx.country)
        return a1, _class(ctx, "Civilians ({c})", 7, [p for p in sent if p.assoc_only and p.actor.inter == 7])
    if event_type == "Strategic developments":
        if sub_event_type == "Arrests":
            a1 = state_in[0].actor if state_in else _state(ctx, "Police", ctx.country)
            others = [p.actor for p in sent if p.actor.inter != 1 and not p.assoc_only]
            return a1, others[0] if others else None
        sides = _sides([p for p in sent if not p.assoc_only], ctx)
        if not sides:
            sides = _sides([p for p in para if _armed(p)], ctx)[:1]
        return (sides[0] if sides else None), (sides[1] if len(sides) > 1 else None)
    # Battles and Explosions/Remote violence: two armed sides
    sides = _sides(armed, ctx)
    if sub_event_type in _PLANTED and sides and all(s.inter in (1, 8) for s in sides) \
            and not any(p.agent for p in armed):
        # rule planted-bomb-target: state forces named only as the target of a bomb ("a car bomb
        # hit an army checkpoint") did not plant it; ACLED's actor1 is who did: a non-state group
        # of the paragraph, else the unidentified armed group; the forces are actor2
        return _planter(para, ctx, states=(1, 8)), sides[0]
    if sub_event_type == "Air/drone strike" and sides:
        return _air_pair(sides, armed, civilians, para, doc, ctx, drone=drone)
    if not sides:
        air = sub_event_type == "Air/drone strike"
        pair = ctx.kb.defaults.get(ctx.country or "", {}).get(sub_event_type) or \
            ctx.kb.defaults.get(ctx.country or "", {}).get(event_type)
        if air:
            sides = [_country_air(ctx)]
        elif isinstance(pair, list) and len(pair) == 2 and not civilians:
            # the country's usual two sides; not when the sentence says civilians were hit (a
            # suicide bombing at a wedding is no battle between the Taliban and the army)
            sides = [_named(ctx, n) for n in pair]
        elif sub_event_type in _PLANTED:
            # an unclaimed bomb is not the state's because the army is named nearby: a non-state
            # group of the paragraph, else ACLED's unidentified armed group
            sides = [_planter(para, ctx, states=(1,))]
        else:
            sides = _sides([p for p in para if _armed(p)], ctx) or _sides([p for p in doc if _armed(p)], ctx)[:1]
    if not sides and civilians and event_type == "Explosions/Remote violence":
        sides = [_unidentified(ctx.country)]  # shells that hit civilians were fired by somebody
    if not sides:
        return None, None
    a1 = sides[0]
    if len(sides) > 1:
        return _ordered(ctx, a1, sides[1])
    if civilians:
        return a1, _class(ctx, "Civilians ({c})", 7, [])
    if event_type == "Battles":
        return _ordered(ctx, a1, _opponent(a1, ctx, [para, doc], sub_event_type)
                        or _opponent(a1, ctx, [], event_type))
    return _ordered(ctx, a1, _opponent(a1, ctx, [para], event_type))


#: inter codes of forces that fly: state forces and foreign state forces
_FLYING = (1, 8)


def _air_pair(sides: list[Actor], armed: list[Participant], civilians: list[Participant],
              para: list[Participant], doc: list[Participant], ctx: Context, *,
              drone: bool) -> tuple[Actor, Actor | None]:
    """actor1/actor2 of an air strike whose sentence names armed sides. ACLED codes an air strike to
    the force that flew it. Rule air-strike-needs-an-air-force: groups named beside the strikes
    that have no aircraft ("air strikes on Daesh-held villages as US-backed fighters advanced")
    are what was hit, and the flier is the paragraph's or document's force named as flying, else
    the country's air force; not when the sentence names a drone, which armed groups fly too
    (ACLED codes their drone strikes to them). Rule fliers-strike-together: two forces named as flying ("Syrian and
    Russian jets") are not each other's target; the target is a side that does not fly."""
    fliers = {p.actor.name for p in armed if p.flies}
    able = [s for s in sides if s.name in fliers] or [s for s in sides if s.inter in _FLYING]
    a1 = able[0] if able else sides[0] if drone else _flier(para, doc, ctx)
    targets = [s for s in sides if s.name != a1.name and s.name not in fliers and s.name not in a1.assoc]
    if targets:
        return _ordered(ctx, a1, targets[0].model_copy(update={"assoc": []}))
    if civilians:
        return a1, _class(ctx, "Civilians ({c})", 7, [])
    return _ordered(ctx, a1, _opponent(a1, ctx, [para], "Explosions/Remote violence"))


def _flier(para: list[Participant], doc: list[Participant], ctx: Context) -> Actor:
    """The force a paragraph, else the document, names as flying the strikes, else the country's air force."""
    for pool in (para, doc):
        for p in sorted(pool, key=lambda p: p.pos):
            if p.flies and not p.assoc_only:
                return p.actor
    return _country_air(ctx)


def _country_air(ctx: Context) -> Actor:
    """The country's air force (defaults ``air``), for strikes nobody is named as flying."""
    return resolve(ActorEntry(name=None, inter=1, ref="air"), ctx)


def _ordered(ctx: Context, a1: Actor, a2: Actor | None) -> tuple[Actor, Actor | None]:
    """ACLED lists some actors first in their country (defaults ``first``: e.g. the Taliban)."""
    first = ctx.kb.defaults.get(ctx.country or "", {}).get("first") or []
    if a2 is not None and a2.name in first and (a1.name not in first or first.index(a2.name) < first.index(a1.name)):
        return a2, a1
    return a1, a2


def main_rebel(hits: list[Hit], country: str | None, kb: KnowledgeBase | None = None, *,
               opposition: bool = False) -> str | None:
    """The document's most-named rebel group (inter 2), used for "the Resistance", "factions".

    ``opposition``: the group the opposition's own words ("rebels", "opposition fighters") stand
    for. A group the country's defaults list under ``not_rebels`` is never that (in Syria: al-Qaeda's
    affiliates and the Kurdish-led forces, which copy names as themselves and sets apart from "the
    rebels": "rebel forces including fighters from the Nusra Front").
    """
    excluded = set((kb.defaults.get(country or "", {}).get("not_rebels") or [])
                   if kb is not None and opposition else [])
    counts: Counter[str] = Counter()
    for hit in hits:
        for entry in hit.entries:
            if entry.name and "{" not in entry.name and entry.inter == 2 and entry.side not in ("is",) \
                    and entry.name not in excluded \
                    and (entry.country in (None, country) or country is None) and not entry.scoped:
                counts[entry.name] += 1
                break
    return counts.most_common(1)[0][0] if counts else None

"""Do two reports describe the same event? Hard gates, then a score, with the features that matched.

Gates (all must pass):

- type: same sub-event type, same event type, or a compatible pair of families (a battle reported
  as shelling by another outlet; a territory capture reported as a clash); a battle and an attack
  on civilians only with strong place agreement (``type_rule``, :func:`match_events`);
- date: the date windows overlap (each widened by its time precision, see ``block.date_window``),
  or lie on consecutive days when both reports tell the day without its number ("late Tuesday",
  "early Wednesday": ``night_slack``, :func:`told_by_weekday`);
- place: distance within the radius of the less precise of the two (geo_precision 1: 5 km,
  2: 25 km, 3: 75 km); two places more than ``same_place_km`` apart must also have similar names
  unless one is the other's admin1-3 (neighbouring districts are different events); without
  coordinates, names must agree; an unknown place that fell back to a city (``geo_fallback``, or a
  place the sentence names inside the coded one, :mod:`.particulars`: "Kinda in Idleb" coded at
  Idlib) matches only its own name or a district- or region-level report of that city (its
  distance to anything else is unknown);
- actors: each actor slot compatible (same or similar name; a generic actor such as "Unidentified
  Armed Group (Syria)" fits any actor of the same inter code; a missing actor fits anything).
  A different named perpetrator is accepted as an *attribution conflict* only for one-sided
  violence against civilians/protesters or between two state/external forces (who bombed?).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz

from ..actors.kb import distinctive_words
from ..geo.context import great_circle_km as distance_km
from ..schema import Event
from .block import date_window, region_only
from .features import LAG_DAYS, DocContext, pair_features
from .particulars import named_place, other_places, similar_names

__all__ = ["DEFAULT_MATCH_CONFIG", "LAG_DAYS", "Match", "MatchConfig", "distance_km", "is_generic_actor",
           "learned_match", "match_events", "place_similarity", "told_by_weekday", "type_compatibility"]

_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory",
              "Non-violent transfer of territory"}
_FAMILY_PAIRS: dict[frozenset[str], float] = {
    frozenset({"Battles", "Explosions/Remote violence"}): 0.6,
    frozenset({"Explosions/Remote violence", "Violence against civilians"}): 0.5,
    frozenset({"Protests", "Riots"}): 0.7,
}
#: Violent event types one incident is coded as by different outlets' copy: the same shooting is an
#: attack on a civilian in one report and a clash between the police and a gunman in another. Their
#: type score when the rest of the evidence is strong (:func:`match_events`, ``type_rule``).
_CROSS_FAMILY: dict[frozenset[str], float] = {
    frozenset({"Battles", "Violence against civilians"}): 0.4,
}
_GENERIC = re.compile(r"^(unidentified|unknown)|\(unknown\)|forces of unknown|^rebel group|"
                      r"^(civilians|protesters|rioters) \(", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class MatchConfig:
    """Thresholds of the matcher.

    radius_km: match radius by geo_precision (the larger of the two events' radii is used).
    same_place_km: two precise (geo_precision 1) places closer than this are the same place
        whatever their names; farther apart (within the radius) their names must be similar.
    name_threshold: rapidfuzz ratio (0-100) for place names to count as the same.
    actor_threshold: rapidfuzz token_sort_ratio (0-100) for actor names to count as the same.
    date_slack_days: widen every date window by this many days at both ends.
    min_score: weakest score accepted once all gates pass.
    learned: when both reports come with their document (:class:`.features.DocContext`), decide
        with the learned pair model (:mod:`.pairmodel`) instead of the gates above. Off by default:
        cross-validated on the GVA dev part (``benchmarks/train_merge.py``, session 9) it reaches
        recall 0.70 at precision 0.96 with one confuser pair merged, against the gates' 0.60 at
        1.0 with none; switched on with a model refitted that way, ACLED notes, which all come with
        their documents, were joined to a note of another place or date in 53 % of cases (issue 23).
    """

    radius_km: dict[int, float] = field(default_factory=lambda: {1: 5.0, 2: 25.0, 3: 75.0})
    same_place_km: float = 1.0
    name_threshold: float = 75.0
    actor_threshold: float = 85.0
    date_slack_days: int = 0
    min_score: float = 0.5
    learned: bool = False


DEFAULT_MATCH_CONFIG = MatchConfig()


@dataclass(frozen=True)
class Match:
    """Outcome of comparing two events: ``ok`` when they are the same event."""

    ok: bool
    score: float
    features: dict[str, Any]
    reason: str | None = None  # the gate that failed


def type_compatibility(a: Event, b: Event) -> float:
    """1 same sub-type, 0.8 same type, 0.5-0.7 compatible families, 0 otherwise."""
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return 1.0
    if {a.sub_event_type, b.sub_event_type} <= _TERRITORY:
        return 0.8
    if a.event_type and a.event_type == b.event_type:
        return 0.8 if a.event_type != "Strategic developments" else 0.0
    subs = {a.sub_event_type, b.sub_event_type}
    if subs & _TERRITORY and "Armed clash" in subs:
        return 0.8
    return _FAMILY_PAIRS.get(frozenset({a.event_type or "", b.event_type or ""}), 0.0)


def _cross_family(a: Event, b: Event) -> float:
    """Type score of two violent types one incident may be coded as (``_CROSS_FAMILY``), or 0.
    Violence against civilians counts only as an *attack* (a shooting): an abduction or a sexual
    assault is another act than the clash reported beside it."""
    if any(e.event_type == "Violence against civilians" and e.sub_event_type != "Attack" for e in (a, b)):
        return 0.0
    return _CROSS_FAMILY.get(frozenset({a.event_type or "", b.event_type or ""}), 0.0)


#: An armed actor no report named: "Unidentified Armed Group (X)", "Unknown", "forces of unknown"
_UNNAMED = re.compile(r"^(unidentified|unknown)|\(unknown\)|forces of unknown", re.IGNORECASE)


def is_generic_actor(name: str | None) -> bool:
    """True for placeholders that fit any actor of their inter code."""
    return name is None or bool(_GENERIC.search(name))


def _norm(name: str) -> str:
    return re.sub(r"[^\w ]+", " ", name.casefold()).strip()


def _distinctive(name: str) -> str:
    """The words that tell two actors apart ("Military Forces of Syria (2000-)" -> "syria")."""
    return " ".join(distinctive_words(name)) or _norm(name)


def _actor_pair(a: tuple[str | None, int | None], b: tuple[str | None, int | None],
                threshold: float) -> tuple[float, str]:
    """Similarity of two actor slots and how they matched: same | similar | generic | open | conflict."""
    (na, ia), (nb, ib) = a, b
    if na is None or nb is None:
        return 0.5, "open"
    if _norm(na) == _norm(nb):
        return 1.0, "same"
    if is_generic_actor(na) or is_generic_actor(nb):
        if ia is None or ib is None or ia == ib:
            return 0.7, "generic"
        return 0.0, "conflict"
    if fuzz.token_sort_ratio(_norm(na), _norm(nb)) >= threshold and \
            fuzz.token_sort_ratio(_distinctive(na), _distinctive(nb)) >= threshold:
        return 0.9, "similar"
    return 0.0, "conflict"


def _actors(a: Event, b: Event, config: MatchConfig, *, cross_family: bool = False
            ) -> tuple[bool, float, dict[str, Any]]:
    """Whether the actor slots are compatible, their similarity, and how they matched.

    cross_family: the two reports code the incident as different violent types (an attack and a
    clash); then the party one report does not share with the other (the civilian victim of the
    attack, the police of the clash) is a different *role*, not a different event: one conflicting
    slot is accepted when the other slot names the same or a similar actor (``role_conflict``).
    """
    sa = [(a.actor1, a.inter1), (a.actor2, a.inter2)]
    sb = [(b.actor1, b.inter1), (b.actor2, b.inter2)]
    best: tuple[int, float, list[str], list[tuple[int, int]]] | None = None
    for order in ((0, 1), (1, 0)):
        pairs = [_actor_pair(sa[i], sb[order[i]], config.actor_threshold) for i in (0, 1)]
        conflicts = [(i, order[i]) for i, (_, how) in enumerate(pairs) if how == "conflict"]
        sim = sum(s for s, _ in pairs) / 2
        cand = (len(conflicts), -sim, [how for _, how in pairs], conflicts)
        if best is None or cand[:2] < best[:2]:
            best = cand
    assert best is not None
    n_conf, neg_sim, hows, conflicts = best
    feats: dict[str, Any] = {"actors": hows, "actor_similarity": round(-neg_sim, 3)}
    if n_conf == 0:
        return True, -neg_sim, feats
    if n_conf == 1 and cross_family and any(h in ("open", "generic") for h in hows):
        (i, j), = conflicts
        if _UNNAMED.search(sa[i][0] or "") or _UNNAMED.search(sb[j][0] or ""):
            # one outlet's unidentified gunman is the other's police shooter (rule
            # unnamed-shooter-fits-the-named): no side named twice, none contradicted by name
            feats["role_conflict"] = True
            return True, -neg_sim, feats
    if n_conf == 1 and any(h in ("same", "similar") for h in hows):
        if cross_family:
            feats["role_conflict"] = True
            return True, -neg_sim, feats
        i, j = conflicts[0]
        other_i, other_j = 1 - i, 1 - j
        one_sided = sa[other_i][1] in (6, 7) or sb[other_j][1] in (6, 7)
        state_pair = sa[i][1] in (1, 8) and sb[j][1] in (1, 8)
        if one_sided or (state_pair and a.event_type == "Explosions/Remote violence"):
            refused = _attribution_refused(a, b)
            if refused is None:
                feats["attribution_conflict"] = True
                return True, -neg_sim, feats
            feats["attribution_refused"] = refused
    return False, -neg_sim, feats


def _attribution_refused(a: Event, b: Event) -> str | None:
    """Why two reports that name different perpetrators are not one disputed incident, or None.

    A dispute over *who* did it is only a dispute when the reports agree on *what* happened and
    *where*: the same sub-event type (an abduction and a shooting by different actors are two
    acts), at a place finer than a province (two one-sided attacks with different perpetrators,
    both only placed at a province's or a country's point, are not shown to be one)."""
    if a.sub_event_type != b.sub_event_type:
        return "sub_event_type"
    if max(a.geo_precision or 3, b.geo_precision or 3) >= 3:
        return "geo_precision"
    return None


_NEAR = re.compile(r"^(near|outskirts of|around|north|south|east|west|of|the|in)\s+", re.IGNORECASE)
_GENERIC_PLACE = re.compile(r"\b(city|town|village|district|neighbou?rhood|suburb|camp)\b")
_SKELETON = str.maketrans({"q": "k", "g": "k", "c": "k", "o": "", "a": "", "e": "", "i": "",
                           "u": "", "y": "", "w": "", "h": "", "'": "", " ": ""})


def place_similarity(x: str, y: str) -> float:
    """0-100: the better of the plain ratio and the ratio of consonant skeletons (transliterations)."""
    nx, ny = _norm(x), _norm(y)
    while _NEAR.match(nx):
        nx = _NEAR.sub("", nx, count=1)
    while _NEAR.match(ny):
        ny = _NEAR.sub("", ny, count=1)
    nx, ny = _GENERIC_PLACE.sub(" ", nx).strip() or nx, _GENERIC_PLACE.sub(" ", ny).strip() or ny
    plain = fuzz.ratio(nx, ny)
    sx, sy = nx.translate(_SKELETON), ny.translate(_SKELETON)
    return max(plain, fuzz.ratio(sx, sy) if len(sx) >= 3 and len(sy) >= 3 else 0.0)


def _contains(outer: Event, inner: Event) -> bool:
    """Whether ``outer``'s place is one of ``inner``'s containers (its admin1-3)."""
    if not outer.location:
        return False
    return any(x and place_similarity(outer.location, x) >= 90 for x in (inner.admin1, inner.admin2, inner.admin3))


def _same_unresolved(a: tuple[str | None, str | None], b: tuple[str | None, str | None],
                     config: MatchConfig, ev: tuple[Event, Event]) -> str | None:
    """Why a place the gazetteer did not resolve (it sits at the city or province it fell back
    to: ``geo_fallback``, or a particular the sentence names beside the coded location, see
    :mod:`.particulars`) cannot be the other report's place, or None when it may be: the same name,
    or the other report is a vaguer account of the same event ("in Idleb province"). A vaguer
    report stands for a district or region, never a city against a place named inside it ("in
    Kandahar city", "in Mogadishu" beside a neighbourhood of Mogadishu: ``vaguer_is_a_city``; a
    street is no place of its own, ``_STREET``), and
    names no particular place of its own ("in Kalancheki and Sara Baghal of Maywand" is no vaguer
    account of Maywand: ``vaguer_names_another_place``). Two different unknown villages that fell
    back to one city are not 0 km apart (``unresolved_apart``). ``a``, ``b``: (name, fallback);
    ``ev``: the two events. The name is all that is known of an unresolved place, so two of them
    must be spellings of one name (:func:`.particulars.similar_names`), not merely share a consonant
    skeleton ("Charbolak" and "Balkh" do)."""
    (na, fa), (nb, fb) = a, b
    if na and nb and similar_names(na, nb):
        return None
    reason = "unresolved_apart"
    for (nx, fx), (ny, fy), y in ((a, b, ev[1]), (b, a, ev[0])):
        if fx and not fy and ny and _norm(ny) == _norm(fx):
            if not _region_level(y) and not (nx and _STREET.search(nx)):
                reason = "vaguer_is_a_city"
            elif any(not (nx and similar_names(o, nx)) for o in other_places(y)):
                reason = "vaguer_names_another_place"
            else:
                return None
    return reason


#: A street or road: no place of its own in ACLED's unit of analysis (an address is coded at its
#: town or neighbourhood), so a report of the town may stand for it.
_STREET = re.compile(r"\b(street|st|avenue|ave|road|rd|boulevard|blvd|drive|lane|highway|hwy|parkway|"
                     r"block)\.?$", re.IGNORECASE)


def _region_level(event: Event) -> bool:
    """Whether the report is placed at a district or region (geo_precision 3, or 2 at a location
    that is one of its own administrative units: "Idlib" in Idlib governorate), not at a town's
    point (geo_precision 1, or 2 at a city: "Mogadishu" in Banaadir)."""
    precision = event.geo_precision or 3
    if precision != 2:
        return precision >= 3
    loc = event.location
    if not loc:
        return False
    return any(x and similar_names(loc, x) for x in (event.admin1, event.admin2, event.admin3))


def _in_region(a: Event, b: Event) -> bool:
    """Rule ``region-holds-its-places``: a report placed only at its state or province lies
    anywhere in it, so its distance from the province's seat says nothing: another report inside
    that province (the same admin1 and country) passes the place gate whatever the kilometres (the
    names and the other gates still decide)."""
    for outer, inner in ((a, b), (b, a)):
        if region_only(outer) and inner.admin1 and (outer.country or "") == (inner.country or "") \
                and _norm(outer.admin1 or "") == _norm(inner.admin1):
            return True
    return False


def _place(a: Event, b: Event, config: MatchConfig) -> tuple[bool, float, dict[str, Any]]:
    ra = config.radius_km.get(a.geo_precision or 3, max(config.radius_km.values()))
    rb = config.radius_km.get(b.geo_precision or 3, max(config.radius_km.values()))
    radius = max(ra, rb)
    feats: dict[str, Any] = {"radius_km": radius, "geo_precision": [a.geo_precision, b.geo_precision]}
    coords = None not in (a.latitude, a.longitude, b.latitude, b.longitude)
    d = (distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
         if coords else None)
    if d is not None:
        feats["distance_km"] = round(d, 2)
        if d > radius and not _in_region(a, b):
            return False, 0.0, feats  # most candidates stop here, before comparing names
    name_sim = place_similarity(a.location, b.location) if a.location and b.location else None
    if name_sim is not None:
        feats["place_name_similarity"] = round(name_sim, 1)
    named_a, named_b = named_place(a), named_place(b)
    apart = _same_unresolved(named_a, named_b, config, (a, b)) if (named_a[1] or named_b[1]) else None
    if apart is not None:
        feats["geo_fallback"] = [named_a[1], named_b[1]]
        feats["place_refused"] = apart
        feats["unresolved"] = [named_a[0], named_b[0]]
        feats.pop("distance_km", None)  # one point stands for two places: distance unknown
        return False, 0.0, feats
    if d is None:
        same_admin = not (a.admin1 and b.admin1) or _norm(a.admin1) == _norm(b.admin1)
        ok = bool(name_sim is not None and name_sim >= config.name_threshold and same_admin
                  and (a.country or "") == (b.country or ""))
        return ok, (name_sim or 0.0) / 100 if ok else 0.0, feats
    if d > config.same_place_km and (name_sim is None or name_sim < config.name_threshold) \
            and not (_contains(a, b) or _contains(b, a)):
        return False, 0.0, feats  # two named places at two points: neighbouring districts are two events
    if d > radius:  # inside the one report's province (_in_region): near, not at, the other
        feats["place_rule"] = "region_holds_its_places"
        return True, 0.25, feats
    closeness = 1.0 - d / radius
    return True, closeness if name_sim is None else 0.5 * closeness + 0.5 * name_sim / 100, feats


def learned_match(a: Event, b: Event, ctx_a: DocContext, ctx_b: DocContext) -> Match:
    """The learned decision for two reports whose documents are known (real copy).

    Two vetoes stay hard whatever the text says: two different unresolved names at one point
    (``geo_fallback``), and dates that cannot meet even allowing LAG_DAYS of reporting delay.
    """
    from .pairmodel import default_pair_model

    f = pair_features(a, b, ctx_a, ctx_b)
    feats: dict[str, Any] = {k: round(v, 3) for k, v in f.items()}
    if not f["no_coords"]:
        feats["distance_km"] = round(math.expm1(f["log_km"]), 2)
    if f["fallback_clash"]:
        feats["geo_fallback"] = [a.geo_fallback, b.geo_fallback]
        return Match(False, 0.0, feats, "place")
    if f["date_gap_lag"] > math.log1p(2):
        return Match(False, 0.0, feats, "date")
    model = default_pair_model()
    p = model.probability(f)
    feats["score"] = round(p, 3)
    feats["decision"] = "learned"
    feats["reasons"] = model.reasons(f)
    return Match(p >= model.threshold, p, feats, None if p >= model.threshold else "score")


def _reported_lag(event: Event, window: tuple[date, date]) -> tuple[date, date]:
    """Rule ``undated-report-lags``: a report whose text gives no date was dated by its
    publication, which may come up to LAG_DAYS after the incident (local news reports a shooting
    days or weeks later): its window reaches back that far."""
    if any(ev.field == "event_date" for ev in event.evidence or ()):
        return window
    return window[0] - timedelta(days=LAG_DAYS), window[1]


def told_by_weekday(event: Event) -> bool:
    """Whether the event's date was read from words without a day number ("Tuesday night",
    "yesterday", "last night"): such a date is a day off as often as a shooting after midnight is
    told as "late Tuesday" by one outlet and "early Wednesday" by another. A date given with its
    day number ("on 5 May"), or with no words at all (a structured record's own date; a report
    dated by its publication day has a week's precision already), is the event's own (rule
    ``night_slack`` of :func:`match_events`)."""
    if event.event_date is None or (event.time_precision or 1) != 1:
        return False
    told = [ev.text for ev in event.evidence or () if ev.field == "event_date"]
    return bool(told) and not any(c.isdigit() for text in told for c in text)


def _strong_place(feats: dict[str, Any], config: MatchConfig) -> str | None:
    """How two reports that passed the place gate agree on the place beyond it, or None: the same
    place name within the match radius (``same_name``), or two precise points (geo_precision 1)
    within the precise radius (``precise_radius``). Weaker evidence (a district's point, a county
    that contains the town) does not let the type gate bend."""
    if feats.get("place_name_similarity", 0.0) >= STRONG_NAME_SIMILARITY:
        return "same_name"
    d = feats.get("distance_km")
    if d is not None and feats.get("geo_precision") == [1, 1] and d <= config.radius_km.get(1, 5.0):
        return "precise_radius"
    return None


#: Place-name similarity (0-100) that counts as the same name for the violent_cross_family rule.
STRONG_NAME_SIMILARITY = 90.0


def match_events(a: Event, b: Event, *, config: MatchConfig = DEFAULT_MATCH_CONFIG,
                 contexts: tuple[DocContext | None, DocContext | None] = (None, None)) -> Match:
    """Compare two events; ``features`` says what matched (kept in the merge log).

    contexts: the two reports' documents; with both (and ``config.learned``) the learned model
    decides (:func:`learned_match`), otherwise the gates and score of this module.

    A battle and violence against civilians (one shooting coded as a clash with the police by one
    outlet and as an attack by another) pass the type gate only when the rest of the evidence is
    strong: their date windows overlap and they agree on the place beyond the place gate (the same
    place name, or two precise points within the precise radius: :func:`_strong_place`). The
    features then name the rule (``type_rule: violent_cross_family``, ``strong_place``), the type
    scores 0.4 (below any compatible pair), and one actor slot may differ in role (:func:`_actors`).
    """
    if config.learned and contexts[0] is not None and contexts[1] is not None:
        return learned_match(a, b, contexts[0], contexts[1])
    feats: dict[str, Any] = {}
    t = type_compatibility(a, b)
    cross = False
    if t == 0.0:
        t = _cross_family(a, b)
        cross = t > 0.0
    feats["type"] = round(t, 2)
    if t == 0.0:
        return Match(False, 0.0, feats, "type")
    if cross:
        feats["type_rule"] = "violent_cross_family"
    slack = config.date_slack_days
    wa, wb = date_window(a, slack_days=slack), date_window(b, slack_days=slack)
    if wa is None or wb is None:
        return Match(False, 0.0, feats, "date")
    la, lb = _reported_lag(a, wa), _reported_lag(b, wb)
    if (la, lb) != (wa, wb):
        feats["date_rule"] = "undated_report_lags"
        wa, wb = la, lb
    overlap = (min(wa[1], wb[1]) - max(wa[0], wb[0])).days + 1
    feats["date_overlap_days"] = overlap
    feats["time_precision"] = [a.time_precision, b.time_precision]
    if overlap == 0 and slack == 0 and told_by_weekday(a) and told_by_weekday(b):
        feats["date_rule"] = "night_slack"  # "late Tuesday" and "early Wednesday": one night
        overlap = 1
    if overlap <= 0:
        return Match(False, 0.0, feats, "date")
    date_score = overlap / min((wa[1] - wa[0]).days + 1, (wb[1] - wb[0]).days + 1)
    ok, place_score, pf = _place(a, b, config)
    feats.update(pf)
    if not ok:
        return Match(False, 0.0, feats, "place")
    if cross:
        strong = _strong_place(feats, config)
        if strong is None:
            return Match(False, 0.0, feats, "type")
        feats["strong_place"] = strong
    ok, actor_score, af = _actors(a, b, config, cross_family=cross)
    feats.update(af)
    if not ok:
        return Match(False, 0.0, feats, "actors")
    score = 0.35 * t + 0.2 * date_score + 0.25 * place_score + 0.2 * actor_score
    feats["score"] = round(score, 3)
    if score < config.min_score:
        return Match(False, score, feats, "score")
    return Match(True, score, feats)

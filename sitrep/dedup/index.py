"""In-memory incremental merging: the same blocking/matching/merging the store uses, without a database.

Useful for a batch of reports (``sitrep extract`` without ``--db``), for evaluation and for the
benchmark. Each incoming report is compared with the merged events sharing a blocking key and
joins the best compatible one, or starts a new event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..schema import Event
from .block import GEOHASH_PRECISION, KEY_CHARS, index_keys, query_keys
from .features import LAG_DAYS, DocContext, lagged_gap
from .match import (DEFAULT_MATCH_CONFIG, Match, MatchConfig, distance_km, match_events, told_by_weekday,
                    type_compatibility)
from .particulars import named_place, particular_places, similar_names
from .merge import merge_cluster

__all__ = ["COMMON_PERSON_DAYS", "Cluster", "MergeIndex", "MergeStep", "best_match", "people_key",
           "same_people", "same_street", "street_key", "streets_apart"]


def people_key(person: str) -> str:
    """The blocking key of a person's name (cut to the stored key column's length)."""
    return ("p:" + person)[:KEY_CHARS]


def street_key(street: str) -> str:
    """The blocking key of a street a report gives as its address."""
    return ("s:" + street)[:KEY_CHARS]


@dataclass
class Cluster:
    """A merged event and the reports it was built from (first report leads)."""

    id: int
    reports: list[Event]
    merged: Event
    features: list[dict[str, object]] = field(default_factory=list)


@dataclass(frozen=True)
class MergeStep:
    """One merge done by ``MergeIndex.add``: what the target was before, and why it matched."""

    target: int
    before: Event
    incoming: Event
    after: Event
    match: Match


ContextOf = Callable[[Event], "DocContext | None"]


def _no_context(_: Event) -> DocContext | None:
    return None


def _learned_group(event: Event, reports: Sequence[Event], context: ContextOf,
                   config: MatchConfig) -> Match | None:
    """With documents known: the mean probability over the cluster's reports (average linkage, as
    each outlet's coding is noisy), refused if any report is vetoed (unresolved place, dates)."""
    ctx = context(event)
    each = [match_events(event, r, config=config, contexts=(ctx, context(r))) for r in reports]
    if any(m.reason in ("place", "date") for m in each):
        return None
    first = each[0]
    if first.features.get("decision") != "learned":
        return None
    from .pairmodel import default_pair_model

    score = sum(m.score for m in each) / len(each)
    if score < default_pair_model().threshold:
        return None
    return Match(True, score, {**first.features, "reports_matched": len(each), "score": round(score, 3)})


#: A person named in reports of incidents further apart than this (days) is no particular of one
#: incident (a spokesman, a victim of an earlier case everybody recalls, an outlet's columnist).
COMMON_PERSON_DAYS = 2 * LAG_DAYS

#: Event types of violence: one incident may be coded as any of them by different outlets (a
#: police shooting as an armed clash or an attack); a person named in both links them.
_VIOLENT = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"})


def _no_commons(_: str) -> bool:
    return False


def _coded_names(event: Event, reports: Sequence[Event]) -> set[str]:
    """Names the events code as places or actors ("Al Shabaab", "Addis Ababa"): not people."""
    out: set[str] = set()
    for e in (event, *reports):
        for v in (e.location, e.admin1, e.admin2, e.admin3, e.country, e.actor1, e.actor2,
                  e.assoc_actor_1, e.assoc_actor_2, e.geo_fallback):
            if v:
                words = [w for w in re.sub(r"[^\w' -]+", " ", v.casefold()).split()]
                out.update(f"{a} {b}" for i, a in enumerate(words) for b in words[i + 1:])
    return out


def _sentence_places(event: Event, reports: Sequence[Event]) -> set[str]:
    """The places the events' sentences name (:func:`.particulars.particular_places`, lists
    included), casefolded as people's names are: "Dire Dawa" in "around Harar and Dire Dawa"."""
    return {" ".join(p.casefold().split()) for e in (event, *reports) if e.notes
            for p in particular_places(e.notes)}


def _named_apart(a: Event, b: Event) -> bool:
    """Whether the two sentences name two different particular places (:mod:`.particulars`):
    people in common do not join "clashes in Nahri Saraj" and "clashes in Sangin". Two resolved
    places do not count against: outlets name one shooting by its neighbourhood or its city, and
    a geocoder slips (on the GVA development part, vetoing them lost a third of the merges). A
    report the geocoder gave no point at all is as unresolved as one that fell back to a city: no
    slip can explain its name, so a different name is a different place."""
    (na, fa), (nb, fb) = named_place(a), named_place(b)
    if not (fa or fb or _unplaced(a) or _unplaced(b)) or not na or not nb:
        return False
    return not similar_names(na, nb)


def _parts_of_one_town(a: Event, b: Event) -> bool:
    """Both reports name a part of one town the gazetteer does not know, each standing in for
    that town's point (precision 2): outlets name one shooting's neighbourhood differently ("South
    Side", "Park Manor"), so the names alone do not set the same people apart."""
    (_, fa), (_, fb) = named_place(a), named_place(b)
    return bool(fa) and fa == fb and a.geo_precision == 2 and b.geo_precision == 2


def _unplaced(event: Event) -> bool:
    return event.latitude is None or event.longitude is None


@lru_cache(maxsize=1)
def _group_names() -> frozenset[str]:
    """Names and aliases of the shipped actor knowledge base (normalised): "Boko Haram", "Al
    Shabaab". Two capitalised words the knowledge base knows name a group, and a group is named in
    every incident it takes part in: no particular of one."""
    from ..actors.kb import load_kb, normalise_alias

    kb = load_kb()
    return frozenset(normalise_alias(x) for e in kb.entries for x in (*e.aliases, e.name or "") if x)


def _is_group(name: str) -> bool:
    from ..actors.kb import normalise_alias

    return normalise_alias(name) in _group_names()


def same_people(event: Event, reports: Sequence[Event], context: ContextOf,
                common: Callable[[str], bool] = _no_commons) -> Match | None:
    """Two outlets' reports of one incident name the same people; two incidents in one city on one
    day do not. When the event's document and a report's both name a person in their ledes (not a
    common one: a report names other incidents' victims further down; not a group the actor
    knowledge base knows, as "Boko Haram" is named in all its attacks), the event joins the cluster
    whatever point each geocoder chose, provided every report's dates can meet (allowing LAG_DAYS
    of reporting delay), the countries agree, the types are compatible (a shooting and its
    aftermath's arrest are two events) and the sentences do not name two places (:func:`_named_apart`).
    A name the sentences give as a place ("around Harar and Dire Dawa") is no person: when only
    such names are shared, the refusal says so (``people_refused: named_as_place``, ``ok`` False)."""
    ctx = context(event)
    if ctx is None or not ctx.people:
        return None
    shared: set[str] = set()
    for r in reports:
        cr = context(r)
        if cr is not None:  # named in both ledes: what both reports are about
            shared |= {p for p in ctx.lede_people & cr.lede_people if not common(p)}
    shared -= _coded_names(event, reports)
    shared = {p for p in shared if not _is_group(p)}
    if not shared:
        return None
    places = shared & _sentence_places(event, reports)
    if places == shared:  # "around Harar and Dire Dawa": a place, not a person
        return Match(False, 0.0, {"decision": "same people", "people_refused": "named_as_place",
                                  "places": sorted(places)[:5]}, "people")
    shared -= places
    if not all(_compatible(event, r, ctx, context(r), places_named=not _parts_of_one_town(event, r))
               for r in reports):
        return None
    return Match(True, 0.9, {"decision": "same people", "people": sorted(shared)[:5],
                             "reports_matched": len(reports), "score": 0.9})


def _streets(event: Event, reports: Sequence[Event], context: ContextOf
             ) -> tuple[frozenset[str], frozenset[str]] | None:
    """The streets the event's document gives in its lede, and those every report's lede gives
    (None when a side names none)."""
    ctx = context(event)
    if ctx is None or not ctx.lede_streets:
        return None
    theirs: set[str] = set()
    for r in reports:
        cr = context(r)
        if cr is None or not cr.lede_streets:
            return None
        theirs |= cr.lede_streets
    return ctx.lede_streets, frozenset(theirs)


def streets_apart(event: Event, reports: Sequence[Event], context: ContextOf) -> bool:
    """Rule ``streets-apart``: two reports whose ledes each give an address and share no street
    of it ("the 3900 block of West Polk Street", "the 6800 block of South Calumet Avenue") tell
    two shootings, however near the points the geocoder gave them (two incidents in one city on
    one day: the place gate cannot tell them apart)."""
    found = _streets(event, reports, context)
    return found is not None and not found[0] & found[1]


#: How far apart two reports naming one street may be geocoded (km) and still be one place: an
#: outlet codes the neighbourhood, another the city or its county.
STREET_KM = 75.0


def same_street(event: Event, reports: Sequence[Event], context: ContextOf) -> Match | None:
    """Rule ``same-street``: two reports whose ledes give the same street of an address, within
    STREET_KM of each other or in one state or province, on dates that can meet (allowing LAG_DAYS
    of reporting delay), of compatible types, tell one incident."""
    found = _streets(event, reports, context)
    if found is None or not found[0] & found[1]:
        return None
    ctx = context(event)
    for r in reports:
        if not _compatible(event, r, ctx, context(r), places_named=False):
            return None
        near = (event.geo_precision or 3) <= 2 and (r.geo_precision or 3) <= 2 \
            and None not in (event.latitude, event.longitude, r.latitude, r.longitude) and distance_km(
            event.latitude, event.longitude, r.latitude, r.longitude) <= STREET_KM  # type: ignore[arg-type]
        same_region = bool(event.admin1) and event.admin1 == r.admin1
        if not (near or same_region):
            return None
    return Match(True, 0.85, {"decision": "same street", "streets": sorted(found[0] & found[1])[:5],
                              "reports_matched": len(reports), "score": 0.85})


def _compatible(event: Event, r: Event, ctx: DocContext | None, cr: DocContext | None, *,
                places_named: bool = True) -> bool:
    """Dates that can meet (LAG_DAYS of reporting delay allowed), one country, types one
    incident may be coded as, and (``places_named``) sentences that do not name two places: a
    street both give is finer than the neighbourhood names outlets choose ("South Side", "Park
    Manor")."""
    gap = lagged_gap(event, r, ctx, cr)
    if gap is None or gap > 0:
        return False
    if event.country and r.country and event.country != r.country:
        return False
    if type_compatibility(event, r) == 0.0 and not {event.event_type, r.event_type} <= _VIOLENT:
        return False
    return not (places_named and _named_apart(event, r))


def best_match(event: Event, candidates: Iterable[tuple[int, Event, Sequence[Event]]], *,
               config: MatchConfig = DEFAULT_MATCH_CONFIG, context: ContextOf = _no_context,
               common: Callable[[str], bool] = _no_commons) -> tuple[int, Match] | None:
    """The highest-scoring compatible candidate ``(id, match)``, if any.

    candidates: ``(id, merged event, its reports)``. The event must match the merged event *and*
    every report of it (complete linkage: a generic "unidentified gunmen" report cannot chain two
    differently attributed events together). Candidates that already hold one of the event's
    documents are skipped: events coded from one report are distinct by construction.
    context: a report's document (:class:`DocContext`), when known: then the learned decision
    compares the event with each report (:func:`_learned_group`), or, by the gates, reports naming
    the same people match whatever their geocoded points (:func:`same_people`).
    common: whether a person's name is too common to tell incidents apart.
    """
    docs = set(event.doc_ids or [event.doc_id or ""])
    best: tuple[int, Match] | None = None
    learned = config.learned and context(event) is not None
    for cid, cand, reports in candidates:
        if docs & set(cand.doc_ids or [cand.doc_id or ""]) - {""}:
            continue
        if learned and all(context(r) is not None for r in reports):
            hit = _learned_group(event, reports, context, config)
            if hit is not None and (best is None or hit.score > best[1].score
                                    or (hit.score == best[1].score and cid < best[0])):
                best = (cid, hit)
            continue
        if streets_apart(event, reports, context):
            continue  # two addresses: two shootings, whatever else they share
        m = match_events(event, cand, config=config)
        if m.ok and len(reports) > 1:
            each = [match_events(event, r, config=config) for r in reports]
            if all(x.ok for x in each):
                score = (m.score + min(x.score for x in each)) / 2
                m = Match(True, score, {**m.features, "reports_matched": len(each), "score": round(score, 3)})
            else:
                m = Match(False, 0.0, m.features, "reports")
        if not m.ok:
            people = same_people(event, reports, context, common)
            if people is None or not people.ok:
                people = same_street(event, reports, context)
            if people is None or not people.ok:
                continue
            m = Match(True, people.score, {**m.features, **people.features})
        if best is None or m.score > best[1].score or (m.score == best[1].score and cid < best[0]):
            best = (cid, m)
    return best


class MergeIndex:
    """Blocking index over merged events, kept in memory.

    config: matcher thresholds.
    precision: geohash length of the blocking cells.
    first_id: id given to the first new cluster (stored events preloaded with ``preload`` keep theirs).
    contexts: documents of the reports by doc id (:func:`.features.doc_context`); a report whose
        document is known is matched by the learned decision and looked up LAG_DAYS around its date.
    """

    def __init__(self, *, config: MatchConfig = DEFAULT_MATCH_CONFIG, precision: int = GEOHASH_PRECISION,
                 first_id: int = 0, contexts: dict[str, DocContext] | None = None) -> None:
        self.config = config
        self.contexts: dict[str, DocContext] = dict(contexts or {})
        self.precision = precision
        self.clusters: dict[int, Cluster] = {}
        self.steps: list[MergeStep] = []
        self.changed: set[int] = set()  # clusters created or merged into since construction
        self.comparisons = 0
        self._next = first_id
        self._blocks: dict[str, list[int]] = defaultdict(list)
        self._keys: dict[int, list[str]] = {}
        self._radius = max(config.radius_km.values())

    def _file(self, cid: int, keys: list[str] | None = None) -> None:
        for key in self._keys.pop(cid, []):
            bucket = self._blocks.get(key)
            if bucket and cid in bucket:
                bucket.remove(cid)
        if keys is None:
            keys = list(dict.fromkeys(index_keys(self.clusters[cid].merged, precision=self.precision)
                                      + self._people_keys(self.clusters[cid].reports)))
        for key in keys:
            self._blocks[key].append(cid)
        self._keys[cid] = keys

    def keys_of(self, cid: int) -> list[str]:
        return self._keys.get(cid, [])

    def preload(self, cid: int, merged: Event, reports: list[Event], *,
                keys: list[str] | None = None) -> None:
        """Add an already stored merged event (with its reports) under its own id."""
        if cid in self.clusters:
            return
        self.clusters[cid] = Cluster(cid, reports, merged)
        self._file(cid, keys)

    def context(self, event: Event) -> DocContext | None:
        """The document of a report, when known."""
        return self.contexts.get(event.doc_id or "")

    def _people_keys(self, reports: Sequence[Event]) -> list[str]:
        """Blocking keys of the people the reports' documents name (``p:<name>``): a later report
        naming them meets the cluster whatever its date key or geocoded cell."""
        out: dict[str, None] = {}
        for r in reports:
            ctx = self.context(r)
            if ctx is not None:
                out.update((people_key(p), None) for p in sorted(ctx.people))
                out.update((street_key(p), None) for p in sorted(ctx.lede_streets))
        return list(out)

    def common(self, person: str) -> bool:
        """A person named in incidents months apart: clusters naming them whose dates lie more
        than COMMON_PERSON_DAYS apart (a spokesman, an activist, a victim everybody recalls). The
        reports of one incident that did not merge name its victim within weeks of each other."""
        days = [self.clusters[c].merged.event_date for c in self._blocks.get(people_key(person), ())
                if c in self.clusters]
        known = [d for d in days if d is not None]
        return len(known) > 1 and (max(known) - min(known)).days > COMMON_PERSON_DAYS

    def query(self, event: Event) -> list[str]:
        slack, wide = self.config.date_slack_days, False
        if told_by_weekday(event):
            slack = max(slack, 1)  # the rule night_slack of match_events: the day before or after
        if self.config.learned and self.context(event) is not None:
            slack, wide = max(slack, LAG_DAYS), True  # reports come weeks later; geocoders slip
        keys = query_keys(event, precision=self.precision, radius_km=self._radius, slack_days=slack,
                          whole_country=wide)
        return keys + self._people_keys([event])

    def candidates(self, event: Event, *, keys: list[str] | None = None) -> list[int]:
        found: dict[int, None] = {}
        for key in self.query(event) if keys is None else keys:
            for cid in self._blocks.get(key, ()):
                found[cid] = None
        return sorted(found)

    def add(self, event: Event, *, keys: list[str] | None = None) -> tuple[int, Match | None]:
        """File one report; returns (cluster id, the match that merged it or None).

        keys: the event's query keys when already computed (``query``).
        """
        cids = self.candidates(event, keys=keys)
        self.comparisons += len(cids)
        hit = best_match(event, ((c, self.clusters[c].merged, self.clusters[c].reports) for c in cids),
                         config=self.config, context=self.context, common=self.common)
        if hit is None:
            cid = self._next
            self._next += 1
            self.clusters[cid] = Cluster(cid, [event], event)
            self.changed.add(cid)
            self._file(cid)
            return cid, None
        cid, m = hit
        cluster = self.clusters[cid]
        before = cluster.merged
        cluster.reports = [*cluster.reports, event]
        cluster.features.append(m.features)
        cluster.merged = merge_cluster(cluster.reports)
        self.steps.append(MergeStep(cid, before, event, cluster.merged, m))
        self.changed.add(cid)
        self._file(cid)
        return cid, m

    def add_document(self, events: Sequence[Event], *, keys: Sequence[list[str]] | None = None
                     ) -> list[tuple[int, Match | None]]:
        """File the events of one document, the surest match first: a document's secondary event
        (a past shooting it recalls) must not take the cluster its main event belongs to, as one
        cluster holds one event of each document. Results in the order of ``events``."""
        keys = list(keys) if keys is not None else [self.query(e) for e in events]
        todo = list(range(len(events)))
        out: dict[int, tuple[int, Match | None]] = {}
        while todo:
            def surest(i: int) -> float:
                cids = self.candidates(events[i], keys=keys[i])
                hit = best_match(events[i], ((c, self.clusters[c].merged, self.clusters[c].reports)
                                             for c in cids), config=self.config, context=self.context,
                                 common=self.common)
                return hit[1].score if hit is not None else -1.0
            i = max(todo, key=lambda j: (surest(j), -j)) if len(todo) > 1 else todo[0]
            todo.remove(i)
            out[i] = self.add(events[i], keys=keys[i])
        return [out[i] for i in range(len(events))]

    def events(self) -> list[Event]:
        return [c.merged for c in self.clusters.values()]

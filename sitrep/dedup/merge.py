"""Fold several reports of one event into one merged event, losing no document, span or claim.

``merge_cluster(reports)`` is a pure function of the *constituent reports* (each as its own
document coded it), so a merged event can always be recomputed after a merge is undone, and the
result does not depend on how merges were grouped. Rules:

- provenance: ``doc_ids``, ``evidence``, ``claims`` and ``framing`` are the ordered union of all
  reports' (claims without a claimant get the report's source);
- place and date come from the most precise report (lowest geo_precision / time_precision; the
  first report on ties of place; for the date, a day number given before a weekday, then the
  earliest date: :func:`_date_rank`); the sub-event type is the most frequent one (first on ties); actors come
  from the report naming the most non-generic actors;
- a report naming a different actor (attribution conflict) becomes an ``attribution`` claim with
  its source, and so does a report whose fatality figure disagrees with the reconciled one;
- fatalities (``reconcile_fatalities``, over the reports coded as the merged event's kind of
  happening: :func:`_telling_its_deaths`): ACLED ``fatalities`` is the most conservative credible
  figure (the smallest positive report; 0 only when every report says 0); ``fatalities_low`` the
  lowest and ``fatalities_high`` the highest figure of any report or killed-claim;
  ``fatalities_best`` the median of the reports' best figures, kept within [low, high].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..schema import Claim, Event
from .match import distance_km, is_generic_actor, told_by_weekday

__all__ = ["Fatalities", "merge_cluster", "reconcile_fatalities"]


@dataclass(frozen=True)
class Fatalities:
    fatalities: int | None
    low: int | None
    best: int | None
    high: int | None
    deaths_civilians: int | None


def _median_low(values: list[int]) -> int:
    values = sorted(values)
    return values[(len(values) - 1) // 2]


def reconcile_fatalities(reports: Sequence[Event]) -> Fatalities:
    """Reconcile the figures of several reports of one event (see the module docstring)."""
    acled = [r.fatalities for r in reports if r.fatalities is not None]
    positive = [f for f in acled if f > 0]
    fatalities = min(positive) if positive else (0 if acled else None)
    lows: list[int] = []
    highs: list[int] = []
    bests: list[int] = []
    for r in reports:
        lo = r.fatalities_low if r.fatalities_low is not None else r.fatalities
        hi = r.fatalities_high if r.fatalities_high is not None else r.fatalities
        best = r.fatalities_best if r.fatalities_best is not None else r.fatalities
        for v in (lo, r.fatalities):
            if v is not None and v > 0:
                lows.append(v)
        if hi is not None:
            highs.append(hi)
        if best is not None and best > 0:
            bests.append(best)
        for c in r.claims:
            if c.quantity == "killed" and not c.civilian:
                if c.low is not None and c.low > 0:
                    lows.append(c.low)
                if c.high is not None or c.low is not None:
                    highs.append(c.high if c.high is not None else c.low)  # type: ignore[arg-type]
    low = min(lows) if lows else fatalities
    high = max(highs) if highs else fatalities
    if high is not None and low is not None and high < low:
        high = low
    best = _median_low(bests) if bests else fatalities
    if best is not None:
        if low is not None:
            best = max(best, low)
        if high is not None:
            best = min(best, high)
    civ = [r.deaths_civilians for r in reports if r.deaths_civilians]
    return Fatalities(fatalities, low, best, high, min(civ) if civ else
                      (0 if any(r.deaths_civilians == 0 for r in reports) else None))


#: The event types whose reports tell one happening's deaths: one shooting is a clash for one
#: outlet and an attack for another; civilians killed by a bomb count in the explosion's event.
_SAME_DEATHS: dict[str, frozenset[str]] = {
    "Battles": frozenset({"Battles", "Violence against civilians"}),
    "Violence against civilians": frozenset({"Violence against civilians", "Battles"}),
    "Explosions/Remote violence": frozenset({"Explosions/Remote violence", "Violence against civilians"}),
}


def _telling_its_deaths(event_type: str | None, reports: Sequence[Event]) -> list[Event]:
    """Rule ``deaths-of-its-own-kind``: the reports whose figures are claims about the merged
    event's deaths: those coded as its kind of happening. A report of the same incident coded as
    another kind (the bomb that killed the gunman, beside the shooting that killed five officers;
    the killer's own death coded as mob violence) tells other deaths: its figure is no conservative
    bound on this event's. All reports when none is of its kind."""
    kinds = _SAME_DEATHS.get(event_type or "", frozenset({event_type}))
    own = [r for r in reports if r.event_type in kinds]
    return own or list(reports)


def _named(e: Event) -> int:
    return sum(1 for a in (e.actor1, e.actor2) if a and not is_generic_actor(a))


def _source_of(e: Event) -> str:
    return e.source or (e.doc_id or "unknown source")


def _unique(items: list, key) -> list:  # type: ignore[no-untyped-def, type-arg]
    seen: dict[object, None] = {}
    out = []
    for it in items:
        k = key(it)
        if k not in seen:
            seen[k] = None
            out.append(it)
    return out


def _conflict_claims(merged: Event, reports: Sequence[Event]) -> list[Claim]:
    out: list[Claim] = []
    chosen = {a for a in (merged.actor1, merged.actor2) if a}
    for r in reports:
        for actor in (r.actor1, r.actor2):
            if actor and actor not in chosen and not is_generic_actor(actor):
                out.append(Claim(quantity="attribution", what=actor, claimant_chain=[_source_of(r)],
                                 sentence=r.notes or "", doc_id=r.doc_id))
        if r.fatalities is not None and merged.fatalities is not None and r.fatalities != merged.fatalities \
                and not any(c.quantity == "killed" for c in r.claims):
            out.append(Claim(quantity="killed", what="fatalities as reported", low=r.fatalities,
                             high=r.fatalities, claimant_chain=[_source_of(r)],
                             sentence=r.notes or "", doc_id=r.doc_id))
    return out


def _date_rank(report: Event) -> tuple[int, bool, str]:
    """Most precise date first; on a tie a date given with its day number ("on 5 May") before one
    told by weekday or the report's own date, then the earliest: a report can tell an incident
    late (a report of the morning after dated by its own day), never before it happened."""
    return (report.time_precision or 9, told_by_weekday(report),
            report.event_date.isoformat() if report.event_date else "9999")


#: Two reports' points this close (km) corroborate each other's place.
CORROBORATE_KM = 25.0


def _support(report: Event, reports: Sequence[Event]) -> int:
    """How many reports place the event within CORROBORATE_KM of this report's point."""
    if report.latitude is None or report.longitude is None:
        return 0
    return sum(1 for r in reports if r.latitude is not None and r.longitude is not None
               and distance_km(report.latitude, report.longitude, r.latitude, r.longitude) <= CORROBORATE_KM)


def _best_supported_place(reports: Sequence[Event]) -> Event:
    """The report whose place the most reports corroborate, the most precise among those, the
    first on ties: one outlet's precise but wrong town does not outvote two outlets that agree
    on the city (rule ``place-most-reports-agree-on``)."""
    return min(reports, key=lambda r: (-_support(r, reports), r.geo_precision or 9))


def merge_cluster(reports: Sequence[Event]) -> Event:
    """One event from several reports of it (the first report's id and document lead).

    A single report is returned unchanged (a copy), so undoing every merge restores it exactly.
    """
    if not reports:
        raise ValueError("merge_cluster needs at least one report")
    first = reports[0]
    if len(reports) == 1:
        return first.model_copy(deep=True)
    where = _best_supported_place(reports)
    when = min(reports, key=_date_rank)
    who = max(reports, key=_named)
    counts = Counter(r.sub_event_type for r in reports)
    top = max(counts.values())
    typed = next(r for r in reports if counts[r.sub_event_type] == top)
    data = first.model_dump()
    for name in ("location", "latitude", "longitude", "geo_precision", "where_prec", "admin1", "admin2",
                 "admin3", "country", "iso", "region", "geo_fallback"):
        data[name] = getattr(where, name)
    for name in ("event_date", "year", "time_precision", "date_prec", "date_start", "date_end"):
        data[name] = getattr(when, name)
    for name in ("event_type", "sub_event_type", "disorder_type", "type_of_violence"):
        data[name] = getattr(typed, name)
    for name in ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
                 "civilian_targeting"):
        data[name] = getattr(who, name)
    fat = reconcile_fatalities(_telling_its_deaths(typed.event_type, reports))
    data.update(fatalities=fat.fatalities, fatalities_low=fat.low, fatalities_best=fat.best,
                fatalities_high=fat.high, deaths_civilians=fat.deaths_civilians)
    data["doc_ids"] = list(dict.fromkeys(d for r in reports for d in (r.doc_ids or [r.doc_id or ""]) if d))
    data["source"] = "; ".join(dict.fromkeys(_source_of(r) for r in reports))
    data["confidence"] = max((r.confidence for r in reports if r.confidence is not None), default=None)
    merged = Event.model_validate(data)
    merged.evidence = _unique([e.model_copy() for r in reports for e in r.evidence],
                              key=lambda e: (e.doc_id, e.field, e.start, e.end, e.text))
    claims = [c.model_copy(update={"claimant_chain": c.claimant_chain or [_source_of(r)],
                                   "doc_id": c.doc_id or r.doc_id})
              for r in reports for c in r.claims]
    claims += _conflict_claims(merged, reports)
    merged.claims = _unique(claims, key=lambda c: (c.doc_id, c.quantity, c.what, c.low, c.high, c.start,
                                                   c.end, c.sentence, tuple(c.claimant_chain)))
    merged.framing = _unique([f.model_copy() for r in reports for f in r.framing],
                             key=lambda f: (f.term.casefold(), f.normalised, f.kind))
    return merged

"""Territorial-control timeline: who held a place, since when, until when, on what evidence.

Built from territory events: "Non-state actor overtakes territory", "Government regains
territory", "Non-violent transfer of territory" (a withdrawal is a transfer whose notes say the
actor withdrew or pulled out: the place passes to the other actor, or to nobody known).

The taker is the side of the event that matches the sub-type (non-state for "overtakes", state
forces for "regains"; actor1 otherwise). The loser is recorded as the *inferred* holder before the
first known change. An imprecise date (a capture "a few days ago") keeps its window: ``since`` is
the first possible day and ``since_end`` the last. Consecutive events with the same holder extend
one spell; a change of holder closes the previous spell (``until``).
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

from ..schema import Event, Evidence

__all__ = ["CONTROL_COLUMNS", "TERRITORY_SUB_EVENTS", "ControlSpell", "build_control", "find_place", "stored_timeline",
           "holder_on", "place_key", "places_taken", "state_on", "write_control"]

TERRITORY_SUB_EVENTS = ("Non-state actor overtakes territory", "Government regains territory",
                        "Non-violent transfer of territory")
CONTROL_COLUMNS = ("place", "holder", "since", "since_end", "until", "inferred", "country", "admin1",
                   "latitude", "longitude", "event_ids", "doc_ids")
_WITHDRAW = re.compile(r"\b(withdr[ae]w\w*|withdrawal|pull(ed|s|ing)? out|retreat\w*|evacuat\w+)\b", re.IGNORECASE)


@dataclass
class ControlSpell:
    """One holder of one place over a span of days (``until`` None = still holding)."""

    place: str
    holder: str | None  # None: vacated, holder unknown
    since: date | None  # None: held before the first known change (inferred)
    since_end: date | None = None  # last possible start day when the change date is imprecise
    until: date | None = None
    inferred: bool = False
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    admin1: str | None = None
    event_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        """Flat record for CSV/GeoJSON export."""
        return {"place": self.place, "holder": self.holder, "since": _iso(self.since),
                "since_end": _iso(self.since_end), "until": _iso(self.until), "inferred": self.inferred,
                "country": self.country, "admin1": self.admin1, "latitude": self.latitude,
                "longitude": self.longitude, "event_ids": ";".join(self.event_ids),
                "doc_ids": ";".join(self.doc_ids)}

    def holds_on(self, day: date) -> bool:
        after_start = self.since is None or (self.since_end or self.since) <= day
        return after_start and (self.until is None or day < self.until)


def place_key(name: str) -> str:
    """Normalised place name used to group a place's events ("Dahyat al-Assad" == "dahyat al assad")."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def _taker_loser(e: Event) -> tuple[str | None, str | None]:
    a1, a2 = e.actor1, e.actor2
    if e.sub_event_type == "Non-state actor overtakes territory":
        if e.inter1 in (1, 8) and a2 and e.inter2 not in (1, 8):
            return a2, a1
        return a1, a2
    if e.sub_event_type == "Government regains territory":
        if e.inter1 != 1 and e.inter2 == 1:
            return a2, a1
        return a1, a2
    if _WITHDRAW.search(e.notes or ""):
        return a2, a1  # actor1 withdrew; the place passes to actor2 (or to nobody known)
    return a1, a2


def _span(e: Event) -> tuple[date | None, date | None]:
    start = e.date_start or e.event_date
    end = e.date_end or e.event_date
    return start, (end if end and end != start else None)


def places_taken(e: Event) -> list[str]:
    """The places a territory event changed hands: its location, or, when that location only
    stands in for places no gazetteer knew (geo_precision >= 2), the places the text named."""
    if e.location is None:
        return []
    if (e.geo_precision or 1) < 2:
        return [e.location]
    named = [ev.text.strip(" “”\"'") for ev in e.evidence if ev.field == "location"]
    named = [n for n in dict.fromkeys(named) if n and place_key(n) != place_key(e.location)]
    return named or [e.location]


def build_control(events: Iterable[Event]) -> dict[str, list[ControlSpell]]:
    """Per place key, the spells in date order (an inferred earlier holder first when known)."""
    by_place: dict[str, list[Event]] = defaultdict(list)
    names: dict[str, str] = {}
    for e in events:
        if e.sub_event_type in TERRITORY_SUB_EVENTS and e.location and (e.date_start or e.event_date):
            for name in places_taken(e):
                by_place[place_key(name)].append(e)
                names.setdefault(place_key(name), name)
    out: dict[str, list[ControlSpell]] = {}
    for key, evs in by_place.items():
        evs.sort(key=lambda e: (_span(e)[0], e.event_id_cnty or ""))
        spells: list[ControlSpell] = []
        for e in evs:
            e = e.model_copy(update={"location": names[key]})
            taker, loser = _taker_loser(e)
            since, since_end = _span(e)
            if not spells and loser:
                spells.append(ControlSpell(place=e.location or key, holder=loser, since=None,
                                           until=since, inferred=True, latitude=e.latitude,
                                           longitude=e.longitude, country=e.country, admin1=e.admin1))
            last = spells[-1] if spells else None
            ids = [e.event_id_cnty] if e.event_id_cnty else []
            docs = list(e.doc_ids or ([e.doc_id] if e.doc_id else []))
            if last is not None and not last.inferred and last.holder == taker:
                last.event_ids += ids
                last.doc_ids = list(dict.fromkeys(last.doc_ids + docs))
                last.evidence += e.evidence
                continue
            if last is not None and (last.until is None or last.until > since):  # type: ignore[operator]
                last.until = since
            spells.append(ControlSpell(place=e.location or key, holder=taker, since=since,
                                       since_end=since_end, latitude=e.latitude, longitude=e.longitude,
                                       country=e.country, admin1=e.admin1, event_ids=ids, doc_ids=docs,
                                       evidence=list(e.evidence)))
        out[key] = spells
    return out


def stored_timeline(store: Any) -> dict[str, list[ControlSpell]]:
    """The control timeline of a store's territory events (one reader for the CLI and the API)."""
    from ..store import EventFilter  # the store imports dedup: keep this import lazy

    return build_control(chain.from_iterable(store.iter_events(EventFilter(sub_event_type=s))
                                             for s in TERRITORY_SUB_EVENTS))


def holder_on(spells: list[ControlSpell], day: date) -> ControlSpell | None:
    """The spell covering ``day`` (None before any knowledge or inside an imprecise change window)."""
    for spell in reversed(spells):
        if spell.holds_on(day):
            return spell
    return None


def state_on(timeline: dict[str, list[ControlSpell]], day: date) -> list[ControlSpell]:
    """The control state of every place on ``day`` (places with a known holder only)."""
    found = (holder_on(spells, day) for spells in timeline.values())
    return sorted((s for s in found if s is not None), key=lambda s: place_key(s.place))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def find_place(timeline: dict[str, list[ControlSpell]], name: str) -> str | None:
    """The timeline key for a place name: exact (normalised), else the closest spelling (>= 75)."""
    from .match import place_similarity

    key = place_key(name)
    if key in timeline:
        return key
    scored = sorted(((place_similarity(name, k), k) for k in timeline), reverse=True)
    return scored[0][1] if scored and scored[0][0] >= 75 else None


def write_control(spells: list[ControlSpell], out: Path | TextIO, *, fmt: str) -> int:
    """Write spells as ``csv`` or ``geojson`` (points; spells without coordinates get null geometry)."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_control(spells, fh, fmt=fmt)
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(CONTROL_COLUMNS))
        writer.writeheader()
        for s in spells:
            writer.writerow(s.row())
    elif fmt == "geojson":
        features = [{"type": "Feature", "properties": s.row(),
                     "geometry": None if s.latitude is None or s.longitude is None else
                     {"type": "Point", "coordinates": [s.longitude, s.latitude]}} for s in spells]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    else:
        raise ValueError(f"unknown control export format {fmt!r} (csv or geojson)")
    return len(spells)

"""/api/control: territorial-control timeline of a place (from stored territory events)."""

from __future__ import annotations

from itertools import chain
from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...dedup.control import TERRITORY_SUB_EVENTS, build_control, find_place, holder_on
from ...store import EventFilter
from ..deps import StateDep
from ..models import IsoDate

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["control"])


@router.get("/control", summary="Who held a place, since when, until when (with evidence)")
def control(
    state: StateDep,
    place: Annotated[str, Query(min_length=1, max_length=300, description="Place name")],
    on: Annotated[IsoDate | None, Query(description="Only the holder on this day")] = None,
) -> dict[str, Any]:
    events = chain.from_iterable(state.store.iter_events(EventFilter(sub_event_type=s))
                                 for s in TERRITORY_SUB_EVENTS)
    timeline = build_control(events)
    key = find_place(timeline, place)
    spells = timeline.get(key, []) if key else []
    if on is not None:
        one = holder_on(spells, on) if spells else None
        spells = [one] if one else []
    items = [
        {"place": s.place, "holder": s.holder, "since": s.since, "since_end": s.since_end,
         "until": s.until, "inferred": s.inferred, "events": s.event_ids, "documents": s.doc_ids,
         "evidence": [e.text for e in s.evidence][:5]}
        for s in spells
    ]
    return {"place": spells[0].place if spells else place, "items": items}

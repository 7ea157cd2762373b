"""/api/control: territorial-control timeline of a place (from stored territory events).

The timeline is keyed by the places an event *took* (``places_taken``): a capture coded at its
city because the neighbourhoods it names are in no gazetteer ("Aleppo", geo precision 2) changes
hands at "Menyan" and "Dahyat al-Assad", which is what ``sitrep control`` lists. So the event
page asks by event (``?event=ID``: the timelines of the places that event took) rather than by
the event's location, whose name has no timeline of its own.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...dedup.control import (
    TERRITORY_SUB_EVENTS,
    ControlSpell,
    stored_timeline,
    find_place,
    holder_on,
    place_key,
    places_taken,
)  # fmt: skip
from ...store.review import get_event
from ..deps import StateDep, safe_id
from ..errors import ApiError
from ..models import IsoDate

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["control"])


def _item(s: ControlSpell) -> dict[str, Any]:
    return {"place": s.place, "holder": s.holder, "since": s.since, "since_end": s.since_end,
            "until": s.until, "inferred": s.inferred, "events": s.event_ids, "documents": s.doc_ids,
            "evidence": [e.text for e in s.evidence][:5]}


@router.get("/control", summary="Who held a place, since when, until when (with evidence)",
            description="By `place` (any spelling close to the coded one, as `sitrep control PLACE`), "
                        "or by `event`: the timelines of the places that territory event took "
                        "(`places`: their names, for one link each).")
def control(
    state: StateDep,
    place: Annotated[str | None, Query(min_length=1, max_length=300, description="Place name")] = None,
    event: Annotated[str | None, Query(min_length=1, max_length=300,
                                       description="Event id: the places it took")] = None,
    on: Annotated[IsoDate | None, Query(description="Only the holder on this day")] = None,
) -> dict[str, Any]:
    if (place is None) == (event is None):
        raise ApiError(422, "validation_error", "give one of place or event")
    timeline = stored_timeline(state.store)
    if event is not None:
        record = get_event(state.store, safe_id(event, "event"))
        if record is None:
            raise ApiError(404, "not_found", f"no event {event!r}")
        e = record.stored.event
        names = places_taken(e) if e.sub_event_type in TERRITORY_SUB_EVENTS else []
        keys = [k for k in dict.fromkeys(place_key(n) for n in names) if k in timeline]
    else:
        assert place is not None
        key = find_place(timeline, place)
        keys = [key] if key else []
    spells: list[ControlSpell] = []
    for key in keys:
        found = timeline[key]
        if on is not None:
            one = holder_on(found, on)
            found = [one] if one else []
        spells += found
    label = place if place is not None else ", ".join(timeline[k][0].place for k in keys) or event
    return {"place": spells[0].place if len(keys) == 1 and spells else label,
            "places": [timeline[k][0].place for k in keys], "items": [_item(s) for s in spells]}

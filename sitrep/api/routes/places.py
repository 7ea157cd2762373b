"""/api/places/shapes and /api/events/{id}/place: neighbourhood outlines kept by gazetteer imports.

The gazetteer is opened read-mostly on first use and never built here (building takes about a
minute): while no gazetteer file exists the answers are simply empty.
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from ...errors import ResourceError
from ...geo.build import default_gazetteer_path
from ...geo.match import name_key
from ...geo.store import SQLiteGazetteer
from ...schema import Event
from ...store.review import get_event
from ..deps import BBOX_PATTERN, ApiState, StateDep, StoreDep, parse_bbox, safe_id
from ..errors import ApiError
from ..models import EventPlace, PlaceShapes

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["places"])
_log = logging.getLogger("sitrep.api")
_NEAR_DEG = 0.2  # an event's place is looked for among outlines centred this close

Row = tuple[str, str, str, float, float, str]


def _gazetteer(state: ApiState) -> SQLiteGazetteer | None:
    lock = state.extra.setdefault("gazetteer_lock", threading.Lock())
    with lock:
        gaz = state.extra.get("gazetteer")
        if gaz is None:
            path = default_gazetteer_path(state.settings)
            if not path.is_file():
                return None
            gaz = state.extra["gazetteer"] = SQLiteGazetteer(path)
        return gaz


def _shapes_in(state: ApiState, box: tuple[float, float, float, float], limit: int) -> list[Row]:
    gaz = _gazetteer(state)
    if gaz is None:
        return []
    try:
        return gaz.shapes_in(*box, limit=limit)
    except (ResourceError, sqlite3.Error) as exc:  # an optional layer: log, answer empty
        _log.warning("gazetteer outlines unavailable: %s", exc)
        return []


def _feature(row: Row) -> dict[str, Any]:
    uid, name, kind, lat, lon, shape = row
    return {"type": "Feature", "id": uid, "geometry": json.loads(shape),
            "properties": {"uid": uid, "name": name, "kind": kind, "lat": lat, "lon": lon}}


def _event_place(state: ApiState, event: Event) -> Row | None:
    """The outline of the event's place: a place of its location's name nearest to it, else the
    smallest outline covering its coordinates."""
    lat, lon = event.latitude, event.longitude
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    rows = _shapes_in(state, (lon - _NEAR_DEG, lat - _NEAR_DEG, lon + _NEAR_DEG, lat + _NEAR_DEG), 500)
    if not rows:
        return None
    gaz = _gazetteer(state)
    named: set[str] = set()
    if gaz is not None and event.location:
        named = {p.uid for p in gaz.lookup(name_key(event.location))}
    near = sorted((r for r in rows if r[0] in named),
                  key=lambda r: (r[3] - lat) ** 2 + (r[4] - lon) ** 2)
    if near:
        return near[0]
    from shapely.geometry import Point, shape

    point = Point(lon, lat)
    covering = [(shape(json.loads(r[5])), r) for r in rows]
    inside = [(g.area, r) for g, r in covering if g.covers(point)]
    return min(inside, key=lambda x: x[0])[1] if inside else None


@router.get("/places/shapes", response_model=PlaceShapes,
            summary="Outlines (GeoJSON) of gazetteer places centred in a box, for the map")
def place_shapes(
    state: StateDep,
    bbox: Annotated[str, Query(max_length=200, pattern=BBOX_PATTERN,
                               description="minlon,minlat,maxlon,maxlat")],
    limit: Annotated[int, Query(ge=1, le=2000, description="at most this many outlines")] = 500,
) -> Response:
    box = parse_bbox(bbox)
    assert box is not None
    rows = _shapes_in(state, box, limit + 1)
    body = {"type": "FeatureCollection", "features": [_feature(r) for r in rows[:limit]],
            "truncated": len(rows) > limit}
    # up to 2,000 outlines: skip response-model validation, the shape is PlaceShapes
    return Response(json.dumps(body, separators=(",", ":"), allow_nan=False),
                    media_type="application/json")


@router.get("/events/{event_id}/place", response_model=EventPlace,
            summary="The outline of an event's place, when the gazetteer has one (else null)")
def event_place(state: StateDep, store: StoreDep, event_id: str) -> EventPlace:
    record = get_event(store, safe_id(event_id, "event"))
    if record is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    row = _event_place(state, record.stored.event)
    return EventPlace.model_validate({"event": event_id,
                                      "place": _feature(row) if row is not None else None})

"""/api/events: list and filter, compact points, one event, review (PATCH), split."""

from __future__ import annotations

import json
import math

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from ...store.listing import distinct_values
from ...store.review import EventRecord, event_points, get_event, list_events, review_event
from ...store.split import split_event
from ...taxonomy import DISORDER_BY_SUB, EVENT_TYPES, INTER_NAMES
from .review import router as many_router
from ..deps import FilterDep, PageDep, SortDep, StoreDep, WriterDep, safe_id
from ..errors import ApiError
from ..models import (
    AuditPublic,
    DocumentPublic,
    EventDetail,
    EventPage,
    EventPatch,
    EventPublic,
    EventSplit,
    EventSplitResult,
    PointsPublic,
    TaxonomyPublic,
    ValueCount,
    ValuesPublic,
)  # fmt: skip

__all__ = ["router"]

router = APIRouter(prefix="/api/events", tags=["events"])
router.include_router(many_router)  # /stats and /review, ahead of /{event_id}

_POINT_COLUMNS = ["id", "date", "event_type", "latitude", "longitude", "fatalities", "status"]
_MAX_POINTS = 50_000


def _finite(value: float | None) -> float | None:
    return value if value is None or math.isfinite(value) else None


@router.get("", response_model=EventPage, summary="List events (filtered, sorted, paginated)")
def events_list(store: StoreDep, flt: FilterDep, page: PageDep, sort: SortDep) -> EventPage:
    items, total = list_events(store, flt, limit=page.limit, offset=page.offset, sort=sort)
    return EventPage(items=[EventPublic.of(s) for s in items], total=total, limit=page.limit,
                     offset=page.offset)


@router.get("/values", response_model=ValuesPublic,
            summary="Distinct values of a field with their event counts (for the pickers)")
def events_values(store: StoreDep,
                  field: Annotated[Literal["event_type", "sub_event_type", "actor", "country",
                                           "admin1", "location"], Query(description=(
                      "actor: actor1 and actor2 together"))],
                  limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> ValuesPublic:
    values = distinct_values(store, field, limit=limit)
    return ValuesPublic(field=field, values=[ValueCount(value=v, count=n) for v, n in values])


@router.get("/taxonomy", response_model=TaxonomyPublic,
            summary="ACLED's event types, sub-event types and inter codes (what review accepts)")
def events_taxonomy() -> TaxonomyPublic:
    return TaxonomyPublic(event_types={k: list(v) for k, v in EVENT_TYPES.items()},
                          inter={str(k): v for k, v in INTER_NAMES.items()},
                          disorder_types=dict(DISORDER_BY_SUB))


@router.get("/points", response_model=PointsPublic,
            summary="Compact rows of all matching events, for the map and timeline")
def events_points(store: StoreDep, flt: FilterDep) -> Response:
    rows = event_points(store, flt, max_points=_MAX_POINTS + 1)
    truncated = len(rows) > _MAX_POINTS
    out = [[r[0], r[1].isoformat() if r[1] else None, r[2], _finite(r[3]), _finite(r[4]), r[5],
            r[6]] for r in rows[:_MAX_POINTS]]
    # thousands of rows: skip response-model validation, the shape is PointsPublic
    body = {"columns": _POINT_COLUMNS, "rows": out, "total": len(out), "truncated": truncated}
    return Response(json.dumps(body, separators=(",", ":"), allow_nan=False),
                    media_type="application/json")


def _public(record: EventRecord) -> EventDetail:
    return EventDetail(
        event=EventPublic.of(record.stored),
        documents=[DocumentPublic.of_record(d, with_events=False) for d in record.documents],
        merged_from=record.merged_from, audit=[AuditPublic.of(a) for a in record.audit])


def _detail(store: StoreDep, event_id: str) -> EventDetail:
    record = get_event(store, event_id)
    if record is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return _public(record)


@router.get("/{event_id}", response_model=EventDetail,
            summary="One event with evidence, claims, framing, documents, merges and audit trail")
def events_get(store: StoreDep, event_id: str) -> EventDetail:
    return _detail(store, safe_id(event_id, "event"))


@router.patch("/{event_id}", response_model=EventDetail,
              summary="Review an event: accept, reject, or edit fields (token needed; audited)")
def events_patch(store: StoreDep, writer: WriterDep, event_id: str, body: EventPatch) -> EventDetail:
    event_id = safe_id(event_id, "event")
    if body.action != "edit" and body.fields:
        raise ApiError(422, "validation_error", "fields are only allowed with action 'edit'")
    # the audit names the token's owner; a ``reviewer`` in the body is not trusted (ignored)
    review_event(store, event_id, action=body.action, who=writer,
                 fields=body.fields, note=body.note)
    return _detail(store, event_id)


@router.post("/{event_id}/split", response_model=EventSplitResult, status_code=201,
             summary="Split an event in two (token needed; both events audited)",
             description="With `documents`: the reports of those documents move out of a merged "
                         "event into a new one, and both are recomputed from their reports (the "
                         "merge log records the split). With `fields` alone: a second event is "
                         "made from a single-report event with those fields changed; the original "
                         "keeps its evidence. Unknown or all documents, unknown fields: 422.")
def events_split(store: StoreDep, writer: WriterDep, event_id: str,
                 body: EventSplit) -> EventSplitResult:
    event_id = safe_id(event_id, "event")
    result = split_event(store, event_id, who=writer,
                         documents=body.documents or (), fields=body.fields, note=body.note)
    return EventSplitResult(original=_public(result.original), created=_public(result.created))

"""/api/events/stats (the charts' top actors and regions) and /api/events/review (bulk review).

Why apart from ``events.py``: these act on many events at once, the list's filters in, one
aggregate or one all-or-nothing change out. The router is included by ``events.router`` ahead of
its ``/{event_id}`` routes, so ``stats`` and ``review`` are never read as event ids.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from ...store.review import MAX_BULK, EventNotFoundError, review_events
from ...store.stats import GROUPABLE, top_values
from ..deps import FilterDep, StoreDep, WriterDep
from ..errors import ApiError
from ..models import SafeStr

__all__ = ["BulkReview", "BulkReviewResult", "StatsPublic", "TopPublic", "router"]

router = APIRouter()


class TopPublic(BaseModel):
    value: str
    events: int
    fatalities: int


class StatsPublic(BaseModel):
    """The most frequent values of ``by`` among the matching events (what the bar lists draw)."""

    by: str
    total: int = Field(description="events matching the filters")
    values: list[TopPublic]


@router.get("/stats", response_model=StatsPublic,
            summary="Top actors, admin1 regions, countries or types of the matching events")
def events_stats(store: StoreDep, flt: FilterDep,
                 by: Annotated[Literal[GROUPABLE], Query(  # type: ignore[valid-type]
                     description="actor: actor1 and actor2 (an event counts once per actor)")],
                 limit: Annotated[int, Query(ge=1, le=100)] = 10) -> StatsPublic:
    top, total = top_values(store, flt, by, limit=limit)
    return StatsPublic(by=by, total=total, values=[
        TopPublic(value=t.value, events=t.events, fatalities=t.fatalities) for t in top])


class BulkReview(BaseModel):
    """Accept or reject the listed events, all or none."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["accept", "reject"]
    ids: list[Annotated[SafeStr, Field(min_length=1, max_length=255)]] = Field(
        min_length=1, max_length=MAX_BULK, description="event ids (event_id_cnty)")
    note: Annotated[SafeStr, Field(max_length=2000)] | None = None


class BulkReviewResult(BaseModel):
    action: str
    by: str = Field(description="the name of the token that made the change (the audit's who)")
    changed: int
    events: dict[str, str] = Field(description="event id -> its status now")


@router.post("/review", response_model=BulkReviewResult,
             summary="Accept or reject many events at once (token needed; each change audited)",
             description="Every id is checked before anything changes: one unknown id answers 404 "
                         "naming it, and no event changes. Otherwise each event gets its new "
                         "status and its own audit row, in one transaction.")
def events_bulk_review(store: StoreDep, writer: WriterDep, body: BulkReview) -> BulkReviewResult:
    try:
        changed = review_events(store, body.ids, action=body.action, who=writer, note=body.note)
    except EventNotFoundError as exc:
        raise ApiError(404, "not_found", exc.message, detail=exc.detail) from None
    return BulkReviewResult(action=body.action, by=writer, changed=len(changed),
                            events={k: after for k, (_before, after) in changed.items()})

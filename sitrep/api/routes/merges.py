"""/api/events/{id}/merges, /api/merges/{id}/undo, /api/watch: merge history, undo, watch status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from sqlalchemy.exc import SQLAlchemyError

from ...errors import StoreError
from ...store.merges import framing_for_event, merge_log, unmerge
from ...store.review import get_event
from ..deps import StoreDep, WriterDep, safe_id
from ..errors import ApiError

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["merges"])


@router.get("/events/{event_id}/merges",
            summary="Why reports were merged into this event (features, score), and each outlet's framing")
def event_merges(store: StoreDep, event_id: str) -> dict[str, Any]:
    record = get_event(store, safe_id(event_id, "event"))
    if record is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    pk = record.stored.pk
    try:
        log = merge_log(store, event_pk=pk)
        framing = framing_for_event(store, pk)
    except (SQLAlchemyError, StoreError) as exc:
        raise ApiError(503, "unavailable", "the merge log cannot be read") from exc
    return {
        "event": event_id,
        "merges": [{"id": m.id, "doc_id": m.doc_id, "features": m.features, "score": m.score,
                    "created_at": m.created_at, "undone_at": m.undone_at,
                    "restored_event_pk": m.restored_event_pk, "kind": m.kind} for m in log],
        "framing": [{"source": f.source, "events": f.events,
                     "terms": [{"term": t, "normalised": n, "count": c} for t, n, c in f.top()]}
                    for f in framing],
    }


@router.post("/merges/{merge_id}/undo", summary="Undo a merge: the report becomes its own event again")
def merge_undo(store: StoreDep, writer: WriterDep,
               merge_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> dict[str, Any]:
    try:
        pk = unmerge(store, merge_id, who=writer)
    except StoreError as exc:
        if exc.code == "E421":
            raise ApiError(404, "not_found", f"no merge {merge_id}") from exc
        raise ApiError(503, "unavailable", "the merge cannot be undone now") from exc
    return {"merge": merge_id, "restored_event_pk": pk, "by": writer}


@router.get("/watch", summary="Live-monitoring status: sources, articles, alerts fired")
def watch_status(store: StoreDep) -> dict[str, Any]:
    from ...watch.status import status_snapshot

    try:
        return status_snapshot(store.engine)
    except SQLAlchemyError as exc:
        raise ApiError(503, "unavailable", "the watch status cannot be read") from exc

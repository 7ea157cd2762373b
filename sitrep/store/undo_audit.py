"""Audit rows for undoing a merge, written in the undo's own transaction.

Why: accept, reject, edit and split each leave an ``audit_log`` row, but undoing a merge changed
two events (the target loses a report, a new event gets it back) without a trace. These helpers
record both sides, as ``undo-merge``, in the shape of the other review actions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from . import tables as t
from .review import audit_log

__all__ = ["UNDO_ACTION", "audit_undo", "undo_state"]

UNDO_ACTION = "undo-merge"


def undo_state(conn: Any, pk: int) -> dict[str, Any]:
    """The part of an event an undo changes: its reports (document ids) and fatalities."""
    row = conn.execute(select(t.events.c.event_id_cnty, t.events.c.data)
                       .where(t.events.c.id == pk)).first()
    if row is None:
        return {}
    data = dict(row.data)
    return {"event_id_cnty": row.event_id_cnty, "doc_ids": list(data.get("doc_ids") or []),
            "fatalities": data.get("fatalities")}


def audit_undo(conn: Any, *, merge_id: int, target_pk: int, restored_pk: int,
               before: dict[str, Any], who: str, now: datetime, note: str | None = None) -> None:
    """One row on the target (reports before and after) and one on the restored event."""
    after = undo_state(conn, target_pk)
    restored = undo_state(conn, restored_pk)
    target_id = str(after.get("event_id_cnty") or before.get("event_id_cnty") or "")
    restored_id = str(restored.get("event_id_cnty") or "")
    rows = [
        {"event_pk": target_pk, "event_id_cnty": target_id,
         "before": {k: before.get(k) for k in ("doc_ids", "fatalities")},
         "after": {"doc_ids": after.get("doc_ids"), "fatalities": after.get("fatalities"),
                   "merge": merge_id, "restored_event": restored_id}},
        {"event_pk": restored_pk, "event_id_cnty": restored_id,
         "before": {"merged_into": target_id, "merge": merge_id},
         "after": {"doc_ids": restored.get("doc_ids"), "status": "new"}},
    ]
    for r in rows:
        conn.execute(insert(audit_log).values(**r, action=UNDO_ACTION, who=who[:200], at=now,
                                              note=note))

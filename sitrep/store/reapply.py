"""Reviewer edits re-applied after a merge rebuilds an event from its reports.

Why: a merge (and the undo of one) recomputes an event as ``merge_cluster`` of its reports, which
knows nothing of review: a reviewer's corrected fatalities or notes were silently replaced by the
coded values of the next report that matched. The audit log holds every edit (``action="edit"``,
the changed fields in ``after``), so the writer that rebuilds an event replays them on top, in
audit order, in its own write transaction, through the same validation a review uses
(``review._edited``: editable fields, the event schema, ranges, ACLED's codebook, derived fields
recomputed).

An edit that no longer fits the rebuilt event (say its sub-event type belongs to another event
type now that most reports say otherwise) is not dropped silently: an ``edit-dropped`` audit row
names the edit, the fields it set and why; later rebuilds do not try it again. Edits made before
the event's last split are not replayed (a split rebuilds both parts from reports on purpose).
:func:`expected_edits` gives the values that must hold, for :mod:`sitrep.store.invariants`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from ..dedup.index import MergeIndex
from ..schema import Event
from .edit_rules import DERIVED_FIELDS
from .review import EDITABLE_FIELDS, InvalidEditError, _edited, audit_log

__all__ = ["EDIT_DROPPED", "LiveEdit", "expected_edits", "live_edits", "merged_with_edits", "reapply_edits",
           "with_edits"]

#: ``audit_log.action`` of the row recording an edit that a rebuild could not re-apply.
EDIT_DROPPED = "edit-dropped"

_SPLIT = "split"


@dataclass(frozen=True)
class LiveEdit:
    """One audited reviewer edit still to be held by its event: audit row id, who, the fields."""

    id: int
    who: str
    fields: dict[str, Any]


def _fields(after: dict[str, Any]) -> dict[str, Any]:
    """What the reviewer set: the audited changes minus status and the derived fields (those are
    recomputed from the others, and an edit naming them would be refused)."""
    return {k: v for k, v in after.items() if k in EDITABLE_FIELDS and k not in DERIVED_FIELDS}


def _live(rows: Iterable[Any]) -> list[LiveEdit]:
    """Edits (in audit order) after the last split, minus those already recorded as dropped."""
    edits: list[LiveEdit] = []
    dropped: set[int] = set()
    for r in rows:
        if r.action == _SPLIT:
            edits = []
        elif r.action == "edit":
            fields = _fields(dict(r.after or {}))
            if fields:
                edits.append(LiveEdit(int(r.id), str(r.who), fields))
        elif r.action == EDIT_DROPPED:
            dropped.add(int((r.after or {}).get("dropped_edit", -1)))
    return [e for e in edits if e.id not in dropped]


def live_edits(conn: Any, pks: Sequence[int]) -> dict[int, list[LiveEdit]]:
    """event pk -> the reviewer edits it must still hold, oldest first (events without any are
    left out)."""
    if not pks:
        return {}
    a = audit_log.c
    out: dict[int, list[Any]] = {}
    for start in range(0, len(pks), 400):
        q = select(a.id, a.event_pk, a.action, a.who, a.after) \
            .where(a.event_pk.in_(list(pks[start:start + 400])),
                   a.action.in_(("edit", _SPLIT, EDIT_DROPPED))).order_by(a.id)
        for r in conn.execute(q):
            out.setdefault(int(r.event_pk), []).append(r)
    live = {pk: _live(rows) for pk, rows in out.items()}
    return {pk: edits for pk, edits in live.items() if edits}


def expected_edits(edits: Sequence[LiveEdit]) -> dict[str, Any]:
    """Field -> the value the event must hold after its edits (the last edit of a field wins)."""
    expected: dict[str, Any] = {}
    for edit in edits:
        expected.update(edit.fields)
    return expected


def reapply_edits(conn: Any, pk: int, event: Event, edits: Sequence[LiveEdit], *, who: str,
                  now: datetime, why: str) -> Event:
    """``event`` (just rebuilt from its reports) with ``edits`` re-applied in order.

    Each edit goes through the review's validation; one that fails is skipped and recorded as an
    ``edit-dropped`` audit row (``why`` says which rebuild dropped it). Runs in the caller's
    transaction, so the rebuilt event and the record land together.
    """
    for edit in edits:
        data = event.model_dump(mode="json")
        try:
            event = _edited(data, edit.fields)
        except InvalidEditError as exc:
            reasons = exc.detail if isinstance(exc.detail, list) else [{"reason": exc.message}]
            conn.execute(insert(audit_log).values(
                event_pk=pk, event_id_cnty=event.event_id_cnty, action=EDIT_DROPPED, who=who[:200],
                at=now, before=dict(edit.fields),
                after={"dropped_edit": edit.id, "values": {k: data.get(k) for k in edit.fields},
                       "problems": reasons},
                note=f"edit {edit.id} by {edit.who} no longer applies after {why}: {exc.message}"[:2000]))
    return event


def with_edits(conn: Any, rebuilt: Mapping[int, Event], *, who: str, now: datetime,
               why: Callable[[int], str]) -> dict[int, Event]:
    """Events just rebuilt from their reports (pk -> event), each with its live edits re-applied
    (:func:`reapply_edits`; ``why(pk)`` names the rebuild in a drop record)."""
    out = dict(rebuilt)
    for pk, edits in live_edits(conn, list(rebuilt)).items():
        out[pk] = reapply_edits(conn, pk, out[pk], edits, who=who, now=now, why=why(pk))
    return out


def merged_with_edits(conn: Any, index: MergeIndex, pks: Sequence[int], *, now: datetime) -> dict[int, Event]:
    """The stored events ``pks`` as a merge batch rebuilt them (``index``), with their edits
    re-applied; a drop record names the documents merged in."""
    def why(pk: int) -> str:
        return "merging " + ", ".join(repr(s.incoming.doc_id) for s in index.steps if s.target == pk)

    return with_edits(conn, {pk: index.clusters[pk].merged for pk in pks}, who="merge", now=now, why=why)

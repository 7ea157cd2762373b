"""Split an event in review: one stored event becomes two, both audited.

- **By documents** (a merged event): the reports of the chosen documents move out into a new
  event; both events are recomputed with ``merge_cluster`` from their own reports. The merge log
  stays the source of truth: the live merges of the event are marked ``split-undone``, and each
  side gets a ``split-base`` row (its first report) and one ``split-keep`` row per other report,
  so ``reports_of`` and a later ``unmerge`` see exactly the reports each side holds.
- **By fields** (a single-report event, e.g. a second place or date the coder collapsed): a second
  event is made from the same report with the edited fields; the original keeps its evidence, the
  new one cites the same document but drops the evidence spans of the fields that changed.

Either way both events get an ``audit_log`` row (action ``split``: who, when, before, after), in
the same transaction as the change. Bad requests raise :class:`InvalidSplitError` (E424).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..dedup.block import GEOHASH_PRECISION
from ..dedup.merge import merge_cluster
from ..schema import Event
from . import tables as t
from .merges import (
    SPLIT_BASE,
    _dump,
    _insert_events,
    _keys,
    _logged,
    _reports_from,
    _update_events,
    _write_children,
    merges,
)  # fmt: skip
from .repository import Store
from .txn import MERGE_LOCK, retrying, write_transaction
from .review import (
    EDITABLE_FIELDS,
    EventNotFoundError,
    EventRecord,
    InvalidEditError,
    _edited,
    _load,
    _now,
    _wrap,
    audit_log,
    get_event,
)  # fmt: skip

__all__ = ["InvalidSplitError", "SplitResult", "split_event"]

#: Evidence span fields that stop applying when a reviewer changes these event fields.
_SPAN_FIELDS: dict[str, tuple[str, ...]] = {
    "location": ("location",), "latitude": ("location",), "longitude": ("location",),
    "admin1": ("location",), "admin2": ("location",), "admin3": ("location",),
    "event_date": ("event_date", "date"), "date_start": ("event_date", "date"),
    "date_end": ("event_date", "date"), "fatalities": ("fatalities",),
    "fatalities_best": ("fatalities",), "actor1": ("actor1",), "actor2": ("actor2",),
}  # fmt: skip
_MAX_ID = 64


class InvalidSplitError(InvalidEditError):
    """The split asked for cannot be made (``detail`` says which documents or fields)."""

    code = "E424"


@dataclass(frozen=True)
class SplitResult:
    original: EventRecord
    created: EventRecord


def _free_id(conn: Any, wanted: str | None, base: str) -> str:
    """``wanted`` if no event has it, else ``BASE-s1``, ``BASE-s2``, ... (at most 64 characters)."""
    c = t.events.c

    def free(candidate: str) -> bool:
        return conn.execute(select(c.id).where(c.event_id_cnty == candidate)).first() is None

    if wanted and len(wanted) <= _MAX_ID and free(wanted):
        return wanted
    stem = base[:_MAX_ID - 8]
    n = 1
    while not free(f"{stem}-s{n}"):
        n += 1
    return f"{stem}-s{n}"


def _derived(event: Event, fields: Mapping[str, Any], new_id: str) -> Event:
    """A second event from the same report: ``fields`` changed, their evidence spans dropped."""
    edited = _edited(event.model_dump(mode="json"), fields)
    stale = {s for f in fields for s in (*_SPAN_FIELDS.get(f, ()), f)}
    return edited.model_copy(update={
        "event_id_cnty": new_id,
        "evidence": [e for e in edited.evidence if e.field not in stale]})


def _diff(before: Event, after: Event) -> tuple[dict[str, Any], dict[str, Any]]:
    b, a = before.model_dump(mode="json"), after.model_dump(mode="json")
    keys = sorted(k for k in EDITABLE_FIELDS | {"doc_ids"} if b.get(k) != a.get(k))
    return {k: b.get(k) for k in keys}, {k: a.get(k) for k in keys}


def _log_side(conn: Any, pk: int, reports: Sequence[Event], *, origin: str, who: str,
              now: Any) -> None:
    """Merge-log rows making ``reports`` the reports of event ``pk`` (see the module docstring)."""
    why = {"split": {"from": origin, "by": who}}
    base = reports[0]
    rows = [{"target_event_pk": pk, "doc_id": base.doc_id or "", "incoming": _dump(base),
             "target_before": _dump(base), "merged": _dump(merge_cluster(reports)),
             "features": why, "score": 1.0, "created_at": now, "undone_at": now,
             "restored_event_pk": pk, "kind": SPLIT_BASE}]
    for i in range(1, len(reports)):
        rows.append({"target_event_pk": pk, "doc_id": reports[i].doc_id or "",
                     "incoming": _dump(reports[i]),
                     "target_before": _dump(merge_cluster(reports[:i])),
                     "merged": _dump(merge_cluster(reports[:i + 1])),
                     "features": {**why, "kept_with": base.doc_id}, "score": 1.0,
                     "created_at": now, "undone_at": None, "restored_event_pk": None,
                     "kind": "split-keep"})
    conn.execute(insert(merges), rows)


def _audit(conn: Any, pk: int, event_id: str, who: str, now: Any, before: dict[str, Any],
           after: dict[str, Any], note: str | None) -> None:
    conn.execute(insert(audit_log).values(
        event_pk=pk, event_id_cnty=event_id, action="split", who=who[:200], at=now,
        before=before, after=after, note=note))


def _check_documents(chosen: list[str], report_docs: list[str], doc_ids: list[str]) -> None:
    unknown = [d for d in chosen if d not in report_docs and d not in doc_ids]
    if unknown:
        raise InvalidSplitError(
            f"the event has no report from {', '.join(map(repr, unknown))}",
            detail=[{"field": "documents", "document": d, "reason": "not a document of this event"}
                    for d in unknown])
    if len(set(report_docs)) < 2:
        raise InvalidSplitError(
            "this event has a single report: split it with fields for the new event",
            detail=[{"field": "documents", "reason": "the event was not merged from several "
                     "reports in the store, so its documents cannot be separated"}])
    if set(report_docs) <= set(chosen):
        raise InvalidSplitError(
            "a split must leave at least one document in the event",
            detail=[{"field": "documents", "reason": "every document of the event was chosen"}])


def split_event(store: Store, event_id: str, *, who: str, documents: Sequence[str] = (),
                fields: Mapping[str, Any] | None = None, note: str | None = None,
                precision: int = GEOHASH_PRECISION) -> SplitResult:
    """Split one event into two (see the module docstring); returns both, as stored.

    - ``documents``: ids of the documents whose reports move to the new event (merged events).
    - ``fields``: field values of the new event (single-report events; with ``documents``, they
      are applied to the new event after it is recomputed).
    """
    chosen = list(dict.fromkeys(documents))
    if not chosen and not fields:
        raise InvalidSplitError("a split needs documents to move out, fields for the new event, "
                                "or both")
    def split() -> str:
        now = _now()
        with write_transaction(store.engine, lock=MERGE_LOCK) as conn:
            row = _load(conn, event_id, lock=True)
            if row is None:
                raise EventNotFoundError(f"no event {event_id!r}")
            pk = int(row.id)
            current = Event.model_validate(row.data)
            logged = _logged(conn, [pk]).get(pk, [])
            reports = _reports_from(logged) if logged else [current]
            report_docs = [r.doc_id or "" for r in reports]
            if chosen:
                _check_documents(chosen, report_docs, current.doc_ids)
                moved = [r for r in reports if (r.doc_id or "") in chosen]
                kept = [r for r in reports if (r.doc_id or "") not in chosen]
                kept[0] = kept[0].model_copy(update={"event_id_cnty": event_id})
                new_id = _free_id(conn, moved[0].event_id_cnty, event_id)
                moved[0] = moved[0].model_copy(update={"event_id_cnty": new_id})
                original = merge_cluster(kept)
                created = merge_cluster(moved)
                if fields:
                    created = _edited(created.model_dump(mode="json"), fields)
            else:
                if len(set(report_docs)) > 1:
                    raise InvalidSplitError(
                        f"this event merges {len(reports)} reports: choose the documents to move out",
                        detail=[{"field": "documents", "reason": "required for a merged event"}])
                new_id = _free_id(conn, None, event_id)
                original, created = current, _derived(current, fields or {}, new_id)
                if not _diff(current, created)[1]:
                    raise InvalidSplitError(
                        "the new event would be the same as this one: change at least one field",
                        detail=[{"field": "fields", "reason": "no value differs from the event"}])
            (new_pk,) = _insert_events(conn, [created], now)
            conn.execute(update(t.events).where(t.events.c.id == new_pk).values(status="edited"))
            _write_children(conn, [(new_pk, created, _keys(created, precision))], replace=False)
            if chosen:
                live = [r for r in logged if r.undone_at is None]
                for r in live:
                    conn.execute(update(merges).where(merges.c.id == r.id).values(
                        undone_at=now, kind="split-undone",
                        restored_event_pk=new_pk if r.doc_id in chosen else pk))
                _log_side(conn, pk, kept, origin=event_id, who=who, now=now)
                _log_side(conn, new_pk, moved, origin=event_id, who=who, now=now)
                _update_events(conn, [(pk, original)], now)
                conn.execute(update(t.events).where(t.events.c.id == pk).values(status="edited"))
                _write_children(conn, [(pk, original, _keys(original, precision))], replace=True)
            before_o, after_o = _diff(current, original)
            status_o = "edited" if chosen else row.status
            _audit(conn, pk, event_id, who, now, {"status": row.status, **before_o},
                   {"status": status_o, **after_o, "split_into": new_id}, note)
            before_n, after_n = _diff(current, created)
            _audit(conn, new_pk, new_id, who, now, {"split_from": event_id, **before_n},
                   {"status": "edited", **after_n}, note)
        return new_id

    try:
        new_id = retrying(split)
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc
    first, second = get_event(store, event_id), get_event(store, new_id)
    if first is None or second is None:  # deleted between the two transactions
        raise EventNotFoundError(f"no event {event_id!r}")
    return SplitResult(original=first, created=second)

"""Review and audit on top of :class:`~sitrep.store.Store`.

Read events and documents the way a reviewer needs them (one event with its evidence, claims,
documents and audit trail; one document with its coded events), and change an event's review
state: ``accept``, ``reject`` or ``edit`` fields. Every change writes one ``audit_log`` row
(who, when, before, after) in the same transaction as the change itself.

Review states: ``new`` (as coded), ``accepted``, ``edited`` (a reviewer changed fields),
``rejected`` (kept for the record, left out of exports unless asked for).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    or_,
    select,
    update,
)  # fmt: skip
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..schema import ACLED_COLUMNS, UCDP_COLUMNS, Event
from . import tables as t
from .edit_rules import derive, derived_problems, edit_problems
from .listing import StoredEvent, event_points, iter_export, list_events
from .repository import Store
from .search import document_ids_matching
from .txn import retrying, write_transaction

__all__ = [
    "EDITABLE_FIELDS",
    "STATUSES",
    "AuditEntry",
    "DocumentRecord",
    "DocumentSummary",
    "EventNotFoundError",
    "EventRecord",
    "InvalidEditError",
    "ReviewError",
    "StoredEvent",
    "audit_log",
    "event_points",
    "get_document",
    "get_event",
    "iter_export",
    "list_documents",
    "list_events",
    "review_event",
    "review_events",
]

STATUSES: tuple[str, ...] = ("new", "accepted", "edited", "rejected")
Action = Literal["accept", "reject", "edit"]
_ACTION_STATUS: dict[str, str] = {"accept": "accepted", "reject": "rejected", "edit": "edited"}

#: Fields a reviewer may change: the ACLED and UCDP columns except the event's own id.
EDITABLE_FIELDS: frozenset[str] = frozenset(
    (set(ACLED_COLUMNS) | set(UCDP_COLUMNS) | {"confidence"}) - {"event_id_cnty"})

#: Event fields mirrored in indexed columns of ``events`` (kept in step on edit).
_INDEXED = ("event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "inter1",
            "inter2", "country", "admin1", "location", "latitude", "longitude", "fatalities",
            "confidence")  # fmt: skip

_meta = MetaData()
audit_log = Table(
    "audit_log", _meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_pk", Integer, nullable=False),
    Column("event_id_cnty", String(64), nullable=False),
    Column("action", String(16), nullable=False),
    Column("who", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("before", JSON, nullable=False),
    Column("after", JSON, nullable=False),
    Column("note", Text),
)  # fmt: skip


class ReviewError(StoreError):
    """A review request that cannot be carried out."""

    code = "E420"


class EventNotFoundError(ReviewError):
    code = "E421"

    def __init__(self, message: str, *, detail: Any = None) -> None:
        super().__init__(message)
        self.detail = detail


class InvalidEditError(ReviewError):
    """The edited event would not be a valid event; ``detail`` says which fields and why."""

    code = "E422"

    def __init__(self, message: str, *, detail: Any = None) -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class AuditEntry:
    id: int
    action: str
    who: str
    at: datetime
    before: dict[str, Any]
    after: dict[str, Any]
    note: str | None


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    date: date | None
    source: str | None
    title: str | None
    url: str | None
    language: str | None
    n_events: int
    ingested_at: datetime


@dataclass(frozen=True)
class DocumentRecord:
    summary: DocumentSummary
    text: str
    events: list[StoredEvent] = field(default_factory=list)


@dataclass(frozen=True)
class EventRecord:
    stored: StoredEvent
    documents: list[DocumentRecord]
    audit: list[AuditEntry]
    merged_from: list[str]


def _now() -> datetime:
    return datetime.now(UTC)


def _latest_today() -> date:
    """Today where it is latest (UTC+14): an event dated today anywhere is not in the future."""
    return datetime.now(timezone(timedelta(hours=14))).date()


def _wrap(exc: SQLAlchemyError) -> StoreError:
    return StoreError(f"database error: {type(exc).__name__}", code="E413")


def _summary(row: Any) -> DocumentSummary:
    return DocumentSummary(id=row.id, date=row.date, source=row.source, title=row.title,
                           url=row.url, language=row.language, n_events=row.n_events or 0,
                           ingested_at=row.ingested_at)


_DOC_COLS = (t.documents.c.id, t.documents.c.date, t.documents.c.source, t.documents.c.title,
             t.documents.c.url, t.documents.c.language, t.documents.c.n_events,
             t.documents.c.ingested_at)  # fmt: skip


def list_documents(store: Store, *, limit: int = 50, offset: int = 0,
                   q: str | None = None) -> tuple[list[DocumentSummary], int]:
    """Documents, newest first, optionally those whose id, title or source contains ``q`` or
    whose text holds its words (full text, :mod:`sitrep.store.search`)."""
    d = t.documents.c
    query = select(*_DOC_COLS)
    if q:
        like = f"%{q.lower()}%"
        conds = [func.lower(d.id).like(like), func.lower(d.title).like(like),
                 func.lower(d.source).like(like)]
        words = document_ids_matching(store.engine.dialect.name, q)
        query = query.where(or_(*conds, *([] if words is None else [d.id.in_(words)])))
    count_q = select(func.count()).select_from(query.subquery())
    try:
        with store.engine.connect() as conn:
            total = int(conn.execute(count_q).scalar_one())
            rows = conn.execute(query.order_by(d.ingested_at.desc(), d.id)
                                .limit(limit).offset(offset)).all()
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc
    return [_summary(r) for r in rows], total


def _doc_events(conn: Any, doc_id: str) -> list[StoredEvent]:
    c = t.events.c
    linked = select(t.event_documents.c.event_pk).where(t.event_documents.c.doc_id == doc_id)
    rows = conn.execute(select(c.id, c.status, c.data)
                        .where(or_(c.doc_id == doc_id, c.id.in_(linked)))
                        .order_by(c.event_date, c.id)).all()
    return [StoredEvent(pk=r.id, status=r.status, event=Event.model_validate(r.data)) for r in rows]


def get_document(store: Store, doc_id: str) -> DocumentRecord | None:
    """One document with its text and every event coded from it (merged ones included)."""
    try:
        with store.engine.connect() as conn:
            row = conn.execute(select(*_DOC_COLS, t.documents.c.text)
                               .where(t.documents.c.id == doc_id)).first()
            if row is None:
                return None
            return DocumentRecord(summary=_summary(row), text=row.text,
                                  events=_doc_events(conn, doc_id))
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc


def _audit(conn: Any, pk: int) -> list[AuditEntry]:
    a = audit_log.c
    rows = conn.execute(select(audit_log).where(a.event_pk == pk).order_by(a.id)).all()
    return [AuditEntry(id=r.id, action=r.action, who=r.who, at=r.at, before=r.before,
                       after=r.after, note=r.note) for r in rows]


def _load(conn: Any, event_id: str, *, lock: bool = False) -> Any:
    c = t.events.c
    q = select(c.id, c.status, c.data, c.doc_id).where(c.event_id_cnty == event_id)
    if lock:
        q = q.with_for_update()
    return conn.execute(q).first()


def get_event(store: Store, event_id: str) -> EventRecord | None:
    """One event with its documents (text for the evidence spans) and its audit trail."""
    try:
        with store.engine.connect() as conn:
            row = _load(conn, event_id)
            if row is None:
                return None
            stored = StoredEvent(pk=row.id, status=row.status, event=Event.model_validate(row.data))
            linked = [r[0] for r in conn.execute(
                select(t.event_documents.c.doc_id).where(t.event_documents.c.event_pk == row.id))]
            doc_ids = list(dict.fromkeys([row.doc_id, *stored.event.doc_ids, *linked]))
            docs = conn.execute(select(*_DOC_COLS, t.documents.c.text)
                                .where(t.documents.c.id.in_(doc_ids))).all()
            by_id = {d.id: DocumentRecord(summary=_summary(d), text=d.text) for d in docs}
            return EventRecord(stored=stored, documents=[by_id[i] for i in doc_ids if i in by_id],
                               audit=_audit(conn, row.id),
                               merged_from=doc_ids if len(doc_ids) > 1 else [])
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc


_MAX_INT = 2**31 - 1  # the integer columns of PostgreSQL
_RANGES = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}


def _out_of_range(name: str, value: Any) -> str | None:
    """Why a value cannot be stored (None when it can)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if isinstance(value, int) and abs(value) > _MAX_INT:
        return f"must be between {-_MAX_INT} and {_MAX_INT}"
    bounds = _RANGES.get(name)
    if bounds is not None and isinstance(value, (int, float)) and not bounds[0] <= value <= bounds[1]:
        return f"must be between {bounds[0]:g} and {bounds[1]:g}"
    return None


def _edited(before: dict[str, Any], fields: Mapping[str, Any]) -> Event:
    unknown = sorted(set(fields) - EDITABLE_FIELDS)
    if unknown:
        raise InvalidEditError(f"fields cannot be edited: {', '.join(unknown)}",
                               detail=[{"field": k, "reason": "not editable"} for k in unknown])
    derived = derived_problems(fields)
    if derived:
        raise InvalidEditError("derived fields are computed, not edited", detail=derived)
    data = {**before, **fields}
    try:
        event = Event.model_validate(data)
    except ValidationError as exc:
        detail = [{"field": ".".join(str(p) for p in e["loc"]), "reason": e["msg"]}
                  for e in exc.errors()]
        raise InvalidEditError("the edited event is not valid", detail=detail) from None
    bad = [(k, why) for k in sorted(fields) if (why := _out_of_range(k, getattr(event, k)))]
    if bad:
        raise InvalidEditError("the edited event is not valid",
                               detail=[{"field": k, "reason": why} for k, why in bad])
    rules = edit_problems(event, fields, today=_latest_today())
    if rules:
        raise InvalidEditError("the edited event breaks ACLED's codebook", detail=rules)
    return derive(event, fields)


def review_event(store: Store, event_id: str, *, action: Action, who: str,
                 fields: Mapping[str, Any] | None = None, note: str | None = None) -> EventRecord:
    """Accept, reject or edit one event and write the audit row, in one transaction."""
    if action not in _ACTION_STATUS:
        raise InvalidEditError(f"unknown action {action!r}")
    if action == "edit" and not fields:
        raise InvalidEditError("an edit needs at least one field")
    status = _ACTION_STATUS[action]

    def change() -> None:  # one write transaction; the event row locked as merging locks it
        with write_transaction(store.engine) as conn:
            row = _load(conn, event_id, lock=True)
            if row is None:
                raise EventNotFoundError(f"no event {event_id!r}")
            before_data: dict[str, Any] = dict(row.data)
            values: dict[str, Any] = {"status": status, "updated_at": _now()}
            before: dict[str, Any] = {"status": row.status}
            after: dict[str, Any] = {"status": status}
            if action == "edit":
                new = _edited(before_data, fields or {})
                new_data = new.model_dump(mode="json")
                changed = [k for k in new_data if new_data[k] != before_data.get(k)]
                before.update({k: before_data.get(k) for k in changed})
                after.update({k: new_data[k] for k in changed})
                values["data"] = new_data
                values.update({k: getattr(new, k) for k in _INDEXED})
            conn.execute(update(t.events).where(t.events.c.id == row.id).values(**values))
            conn.execute(insert(audit_log).values(
                event_pk=row.id, event_id_cnty=event_id, action=action, who=who[:200],
                at=_now(), before=before, after=after, note=note))

    try:
        retrying(change)
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc
    record = get_event(store, event_id)
    if record is None:  # deleted between the two transactions
        raise EventNotFoundError(f"no event {event_id!r}")
    return record


#: Most events one bulk review may change (one transaction holds all their row locks).
MAX_BULK = 1000


def review_events(store: Store, event_ids: list[str], *, action: Literal["accept", "reject"],
                  who: str, note: str | None = None) -> dict[str, tuple[str, str]]:
    """Accept or reject many events at once: all or nothing. Every id is checked first (an
    unknown one changes nothing and is named in the error's ``detail``); then each event's status
    changes and gets its own audit row, in one transaction. Returns id -> (before, after)."""
    if action not in ("accept", "reject"):
        raise InvalidEditError(f"bulk review accepts or rejects, not {action!r}")
    ids = list(dict.fromkeys(event_ids))
    if not ids or len(ids) > MAX_BULK:
        raise InvalidEditError(f"give between 1 and {MAX_BULK} event ids")
    status = _ACTION_STATUS[action]
    changed: dict[str, tuple[str, str]] = {}

    def change() -> None:
        changed.clear()
        c = t.events.c
        with write_transaction(store.engine) as conn:
            rows = conn.execute(select(c.id, c.event_id_cnty, c.status)
                                .where(c.event_id_cnty.in_(ids)).order_by(c.id)
                                .with_for_update()).all()
            found = {r.event_id_cnty: r for r in rows}
            missing = [i for i in ids if i not in found]
            if missing:
                raise EventNotFoundError(f"no event {missing[0]!r}" if len(missing) == 1 else
                                         f"{len(missing)} of the {len(ids)} events do not exist",
                                         detail=[{"field": i, "reason": "no such event"}
                                                 for i in missing[:100]])
            at = _now()
            conn.execute(update(t.events).where(c.id.in_([r.id for r in rows]))
                         .values(status=status, updated_at=at))
            conn.execute(insert(audit_log), [
                {"event_pk": found[i].id, "event_id_cnty": i, "action": action, "who": who[:200],
                 "at": at, "before": {"status": found[i].status}, "after": {"status": status},
                 "note": note} for i in ids])
            changed.update({i: (found[i].status, status) for i in ids})

    try:
        retrying(change)
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc
    return changed

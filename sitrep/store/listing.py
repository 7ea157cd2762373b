"""Listing events for the API, the map and the exports: filtered, sorted, paged.

Why its own module: the list, the map points and the exports must apply one filter the same way
(rejected events left out of exports unless asked for), and sorting is checked here against an
allow-list of indexed columns, so a request can never order by an arbitrary expression.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..schema import Event
from . import tables as t
from .repository import EventFilter, Store

__all__ = ["PICKABLE", "QUEUE", "SORTABLE", "StoredEvent", "distinct_values", "event_points", "iter_export",
           "list_events"]

#: Columns a list may be sorted by (``-name`` for descending).
SORTABLE: tuple[str, ...] = ("event_date", "event_type", "sub_event_type", "actor1", "actor2",
                             "location", "country", "admin1", "fatalities", "confidence", "status")
#: The review queue's order: events not yet reviewed first, then the least confident (unknown
#: confidence first), then by date; what a reviewer should look at next comes first.
QUEUE = "queue"


@dataclass(frozen=True)
class StoredEvent:
    pk: int
    status: str
    event: Event


def _wrap(exc: SQLAlchemyError) -> StoreError:
    return StoreError(f"database error: {type(exc).__name__}", code="E413")


def _query(store: Store, f: EventFilter, exclude_rejected: bool) -> Any:
    q = store.event_query(f)
    if exclude_rejected and not f.status:
        q = q.where(t.events.c.status != "rejected")
    return q


def _ordered(q: Any, sort: str | None) -> Any:
    """``q`` ordered by ``sort`` (a name of :data:`SORTABLE`, ``-`` first for descending, or
    :data:`QUEUE`), ties and empty values last, then by id; a name outside the allow-list is a
    :class:`StoreError`."""
    if not sort:
        return q
    c = t.events.c
    if sort == QUEUE:
        return q.order_by(None).order_by(case((c.status == "new", 0), else_=1),
                                         c.confidence.is_not(None), c.confidence.asc(),
                                         c.event_date.is_(None), c.event_date, c.id)
    name = sort.removeprefix("-")
    if name not in SORTABLE:
        raise StoreError(f"cannot sort by {name!r}; one of: {', '.join(SORTABLE)}", code="E415")
    col = t.events.c[name]
    key = col.desc() if sort.startswith("-") else col.asc()
    return q.order_by(None).order_by(col.is_(None), key, t.events.c.id)


def list_events(store: Store, f: EventFilter, *, limit: int = 50, offset: int = 0,
                exclude_rejected: bool = False,
                sort: str | None = None) -> tuple[list[StoredEvent], int]:
    """One page of events matching ``f`` and the number of all that match, in ``sort`` order
    (default: date, then id)."""
    q = _ordered(_query(store, f, exclude_rejected), sort)
    c = t.events.c
    count_q = select(func.count()).select_from(q.order_by(None).with_only_columns(c.id).subquery())
    page_q = q.with_only_columns(c.id).limit(limit).offset(offset)  # narrow rows to sort and skip
    try:
        with store.engine.connect() as conn:
            if f.text or f.actor:
                # substring filters scan every row: count in the same scan (window) instead of twice
                page = conn.execute(page_q.add_columns(func.count().over().label("n"))).all()
                ids = [r[0] for r in page]
                total = int(page[0].n) if page else (int(conn.execute(count_q).scalar_one()) if offset else 0)
            else:
                total = int(conn.execute(count_q).scalar_one())
                ids = [r[0] for r in conn.execute(page_q)]
            rows = conn.execute(select(c.id, c.status, c.data).where(c.id.in_(ids))).all() if ids else []
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc
    by_id = {r.id: r for r in rows}
    return [StoredEvent(pk=i, status=by_id[i].status, event=Event.model_validate(by_id[i].data))
            for i in ids if i in by_id], total


def event_points(store: Store, f: EventFilter, *, max_points: int = 50_000,
                 exclude_rejected: bool = False) -> list[tuple[Any, ...]]:
    """Compact rows for the map and timeline: id, date, type, lat, lon, fatalities, status."""
    c = t.events.c
    q = _query(store, f, exclude_rejected).with_only_columns(
        c.event_id_cnty, c.event_date, c.event_type, c.latitude, c.longitude, c.fatalities,
        c.status).limit(max_points)
    try:
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(q)]
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc


def iter_export(store: Store, f: EventFilter, *, exclude_rejected: bool = True) -> Iterator[Event]:
    """Events to export: rejected ones are left out unless ``f.status`` asks for them."""
    with store.engine.connect() as conn:
        for row in conn.execute(_query(store, f, exclude_rejected)):
            yield Event.model_validate(row.data)


#: Fields whose distinct values fill the pickers; ``actor`` is actor1 and actor2 together.
PICKABLE: tuple[str, ...] = ("event_type", "sub_event_type", "actor", "country", "admin1",
                             "location")


def distinct_values(store: Store, name: str, *, limit: int = 500) -> list[tuple[str, int]]:
    """The values of ``name`` in stored events with how many events have each, most frequent
    first (ties by value): what the filter form offers to pick from."""
    if name not in PICKABLE:
        raise StoreError(f"no values for {name!r}; one of: {', '.join(PICKABLE)}", code="E415")
    c = t.events.c
    cols = [c.actor1, c.actor2] if name == "actor" else [c[name]]
    parts = [select(col.label("v")).where(col.is_not(None), col != "") for col in cols]
    values = (parts[0] if len(parts) == 1 else parts[0].union_all(parts[1])).subquery()
    n = func.count().label("n")
    q = select(values.c.v, n).group_by(values.c.v).order_by(n.desc(), values.c.v).limit(limit)
    try:
        with store.engine.connect() as conn:
            return [(str(r.v), int(r.n)) for r in conn.execute(q)]
    except SQLAlchemyError as exc:
        raise _wrap(exc) from exc

"""Aggregates for the analyst's charts: the top actors, admin1 regions, countries or types of the
events matching a filter, with their event and fatality counts.

Why in SQL: at tens of thousands of events the browser should not receive every row to count
them; one GROUP BY over the same filtered query the list uses (so the charts agree with the table
and the map) answers in one round trip, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, literal, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from . import tables as t
from .repository import EventFilter, Store

__all__ = ["GROUPABLE", "Top", "top_values"]

#: What the events may be grouped by; ``actor`` counts actor1 and actor2 (an event once per actor).
GROUPABLE: tuple[str, ...] = ("actor", "admin1", "country", "event_type", "sub_event_type",
                              "location")


@dataclass(frozen=True)
class Top:
    """One bar of a chart: a value, how many matching events have it, and their fatalities."""

    value: str
    events: int
    fatalities: int


def top_values(store: Store, f: EventFilter, by: str, *, limit: int = 10) -> tuple[list[Top], int]:
    """The ``limit`` most frequent values of ``by`` among events matching ``f`` (most events first,
    then most fatalities, then by value), and the number of matching events."""
    if by not in GROUPABLE:
        raise StoreError(f"cannot group by {by!r}; one of: {', '.join(GROUPABLE)}", code="E416")
    c = t.events.c
    matching = store.event_query(f).order_by(None).with_only_columns(c.id).subquery()
    ev = t.events.alias("ev")
    cols = [ev.c.actor1, ev.c.actor2] if by == "actor" else [ev.c[by]]
    parts = [select(col.label("v"), func.coalesce(ev.c.fatalities, literal(0)).label("f"),
                    ev.c.id.label("pk"))
             .where(ev.c.id.in_(select(matching.c.id)), col.is_not(None), col != "")
             for col in cols]
    rows = (parts[0] if len(parts) == 1 else parts[0].union(parts[1])).subquery()
    n, dead = func.count().label("n"), func.sum(rows.c.f).label("dead")
    q = (select(rows.c.v, n, dead).group_by(rows.c.v)
         .order_by(n.desc(), dead.desc(), rows.c.v).limit(limit))
    total_q = select(func.count()).select_from(matching)
    try:
        with store.engine.connect() as conn:
            top = [Top(value=str(r.v), events=int(r.n), fatalities=int(r.dead or 0))
                   for r in conn.execute(q)]
            total = int(conn.execute(total_q).scalar_one())
    except SQLAlchemyError as exc:
        raise StoreError(f"database error: {type(exc).__name__}", code="E413") from exc
    return top, total

"""check_invariants: a consistent store has no violation; each kind of damage is reported."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import delete, select, update

from sitrep.store import Store, open_store
from sitrep.store import tables as t
from sitrep.store.invariants import check_invariants
from sitrep.store.merges import merge_documents, merge_log, unmerge
from sitrep.store.split import split_event
from tests.hardening.racers import incident_doc


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    merge_documents(s, [incident_doc("a", 0, 1, source="One"), incident_doc("b", 0, source="Two"),
                        incident_doc("c", 0, 1, source="Three"), incident_doc("d", 2, source="Four")])
    yield s
    s.dispose()


def _merged_pk(store: Store, doc_id: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(t.events.c.id).where(t.events.c.doc_id == doc_id)
                                .order_by(t.events.c.id)).scalars().first())


def _kinds(store: Store) -> list[str]:
    return sorted({v.kind for v in check_invariants(store)})


def test_invariants_consistent_after_merge_undo_and_split(store: Store) -> None:
    assert check_invariants(store) == []
    unmerge(store, merge_log(store)[0].id)
    assert check_invariants(store) == []
    with store.engine.connect() as conn:
        event_id = conn.execute(select(t.events.c.event_id_cnty).where(t.events.c.id == _merged_pk(store, "a"))
                                ).scalar_one()
    split_event(store, event_id, who="t", documents=["c"])
    assert check_invariants(store) == []


def test_invariants_lost_report_is_found(store: Store) -> None:
    # what a concurrent writer did: rewrite the merged event from before the last merge into it
    pk = _merged_pk(store, "a")
    last = [m for m in merge_log(store, event_pk=pk)][-1]
    with store.engine.begin() as conn:
        before = conn.execute(select(t.events.c.data).where(t.events.c.id == pk)).scalar_one()
        stale = {**before, "doc_ids": [d for d in before["doc_ids"] if d != last.doc_id]}
        conn.execute(update(t.events).where(t.events.c.id == pk).values(data=stale))
        conn.execute(delete(t.event_documents).where(t.event_documents.c.event_pk == pk,
                                                     t.event_documents.c.doc_id == last.doc_id))
    found = check_invariants(store)
    assert {v.kind for v in found} >= {"reports", "documents"}
    assert any(v.subject == last.doc_id for v in found if v.kind == "documents")


@pytest.mark.parametrize(("damage", "kind"), [
    ("link", "links"), ("evidence", "rows"), ("event", "orphans"), ("data", "reports")])
def test_invariants_each_damage_is_reported(store: Store, damage: str, kind: str) -> None:
    pk = _merged_pk(store, "a")
    with store.engine.begin() as conn:
        if damage == "link":
            conn.execute(delete(t.event_documents).where(t.event_documents.c.event_pk == pk,
                                                         t.event_documents.c.doc_id == "b"))
        elif damage == "evidence":
            conn.execute(delete(t.evidence).where(t.evidence.c.event_pk == pk, t.evidence.c.doc_id == "b"))
        elif damage == "event":
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # leave the children behind
            else:
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            conn.execute(delete(t.events).where(t.events.c.id == pk))
        else:
            data = conn.execute(select(t.events.c.data).where(t.events.c.id == pk)).scalar_one()
            conn.execute(update(t.events).where(t.events.c.id == pk).values(data={**data, "fatalities": 999}))
    assert kind in _kinds(store)

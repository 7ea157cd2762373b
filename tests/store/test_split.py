"""split_event at the store level: after any split, every event is merge_cluster of the reports
its merge log gives it, new reports still merge, and a database from before migration 0006 is
upgraded in place."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sitrep.dedup.merge import merge_cluster
from sitrep.schema import Event
from sitrep.store import Store, open_store
from sitrep.store import tables as t
from sitrep.store.merges import merge_into_store, reports_of
from sitrep.store.review import get_event
from sitrep.store.split import InvalidSplitError, split_event
from tests.api.seed import seed_merged
from tests.helpers import make_doc, make_event


def _events(store: Store) -> dict[str, tuple[int, Event]]:
    with store.engine.connect() as conn:
        rows = conn.execute(t.events.select()).all()
    return {r.event_id_cnty: (int(r.id), Event.model_validate(r.data)) for r in rows}


def _assert_consistent(store: Store) -> None:
    for event_id, (pk, event) in _events(store).items():
        assert merge_cluster(reports_of(store, pk)) == event, event_id


@pytest.mark.parametrize("moved", [["m2"], ["m1"], ["m1", "m3"], ["m3", "m2"]])
def test_split_every_side_is_its_reports(db_url: str, moved: list[str]) -> None:
    store = open_store(db_url)
    try:
        seed_merged(store)
        [event_id] = _events(store)
        result = split_event(store, event_id, who="t", documents=moved)
        assert result.original.stored.event.event_id_cnty == event_id
        assert sorted(result.created.stored.event.doc_ids) == sorted(moved)
        assert sorted(result.original.stored.event.doc_ids) == sorted({"m1", "m2", "m3"} - set(moved))
        _assert_consistent(store)
        # a fourth outlet's report of the clash still merges into one of the two events
        doc = make_doc("m4", n_events=0)
        doc.events = [make_event(event_id_cnty="E-m4", doc_id="m4", doc_ids=["m4"], claims=[])]
        assert merge_into_store(store, doc).merged == 1
        assert len(_events(store)) == 2
        _assert_consistent(store)
        # and splitting again works on the result
        record = get_event(store, event_id)
        assert record is not None
        if len(record.stored.event.doc_ids) > 1:
            split_event(store, event_id, who="t", documents=[record.stored.event.doc_ids[-1]])
            assert len(_events(store)) == 3
            _assert_consistent(store)
    finally:
        store.dispose()


def test_split_refusals_leave_the_store_unchanged(db_url: str) -> None:
    store = open_store(db_url)
    try:
        seed_merged(store)
        before = _events(store)
        [event_id] = before
        for kwargs in ({"documents": ["m1", "m2", "m3"]}, {"documents": ["zz"]}, {},
                       {"fields": {"location": "X"}}):
            with pytest.raises(InvalidSplitError):
                split_event(store, event_id, who="t", **kwargs)  # type: ignore[arg-type]
        assert _events(store) == before
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 0
    finally:
        store.dispose()


def test_split_migration_upgrades_an_older_database(db_url: str) -> None:
    store = open_store(db_url)
    seed_merged(store)
    with store.engine.begin() as conn:  # as if made before 0006: no merges.kind, 0002 the head
        conn.execute(text("ALTER TABLE merges DROP COLUMN kind"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0002_merges' "
                          "WHERE version_num IN ('0006_split', '0007_search')"))
    store.dispose()
    store = open_store(db_url)  # migrates
    try:
        [event_id] = _events(store)
        result = split_event(store, event_id, who="t", documents=["m3"])
        assert result.created.stored.event.doc_ids == ["m3"]
        _assert_consistent(store)
    finally:
        store.dispose()

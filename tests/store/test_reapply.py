"""Reviewer edits survive a later merge or undo: re-applied in the same transaction; an edit that
no longer fits the rebuilt event is recorded as dropped; the invariant check finds a lost edit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select, update

from sitrep.schema import Doc
from sitrep.store import Store, open_store
from sitrep.store import tables as t
from sitrep.store.invariants import check_invariants
from sitrep.store.merges import merge_documents, merge_into_store, merge_log, unmerge
from sitrep.store.reapply import EDIT_DROPPED
from sitrep.store.review import get_event, review_event
from sitrep.store.split import split_event
from tests.hardening.racers import incident_doc

EDIT = {"notes": "Checked by hand: 40 killed.", "fatalities": 40, "tags": "checked"}


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    merge_documents(s, [incident_doc("a", 0, source="One"), incident_doc("b", 0, source="Two")])
    yield s
    s.dispose()


def _event_id(store: Store) -> str:
    with store.engine.connect() as conn:
        (event_id,) = conn.execute(select(t.events.c.event_id_cnty)).scalars().all()
    return str(event_id)


def _typed(doc_id: str, event_type: str, sub_event_type: str) -> Doc:
    doc = incident_doc(doc_id, 0, source=f"Desk {doc_id}")
    doc.events = [e.model_copy(update={"event_type": event_type, "sub_event_type": sub_event_type})
                  for e in doc.events]
    return doc


@pytest.mark.parametrize("later", ["one merge", "two merges", "merge then undo"])
def test_reapply_edit_survives_later_merges_and_undo(store: Store, later: str) -> None:
    event_id = _event_id(store)
    review_event(store, event_id, action="edit", who="reviewer", fields=EDIT)
    merge_into_store(store, incident_doc("c", 0, source="Three"))
    if later == "two merges":
        merge_into_store(store, incident_doc("d", 0, source="Four"))
    if later == "merge then undo":
        unmerge(store, merge_log(store)[-1].id, who="undoer")
    record = get_event(store, event_id)
    assert record is not None
    event = record.stored.event
    expected = {"one merge": "abc", "two merges": "abcd", "merge then undo": "ab"}[later]
    assert sorted(event.doc_ids) == list(expected)  # the merge (or undo) happened ...
    assert {k: getattr(event, k) for k in EDIT} == EDIT  # ... and the reviewer's fields held
    assert record.stored.status == "edited"
    assert [a.action for a in record.audit if a.action == EDIT_DROPPED] == []
    assert [str(v) for v in check_invariants(store)] == []


def test_reapply_edits_replayed_in_audit_order(store: Store) -> None:
    event_id = _event_id(store)
    review_event(store, event_id, action="edit", who="first", fields={"notes": "First.", "fatalities": 9})
    review_event(store, event_id, action="edit", who="second", fields={"notes": "Second."})
    merge_into_store(store, incident_doc("c", 0, source="Three"))
    record = get_event(store, event_id)
    assert record is not None
    assert (record.stored.event.notes, record.stored.event.fatalities) == ("Second.", 9)
    assert check_invariants(store) == []


def test_reapply_edit_that_no_longer_applies_is_recorded(db_url: str) -> None:
    store = open_store(db_url)
    try:
        shelling = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
        merge_documents(store, [_typed("a", *shelling), _typed("b", *shelling)])
        event_id = _event_id(store)
        review_event(store, event_id, action="edit", who="reviewer",
                     fields={"sub_event_type": "Air/drone strike"})
        for doc_id in "cde":  # most reports now say Battles: the edited sub-type cannot stay
            merge_into_store(store, _typed(doc_id, "Battles", "Armed clash"))
        record = get_event(store, event_id)
        assert record is not None
        event = record.stored.event
        assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
        dropped = [a for a in record.audit if a.action == EDIT_DROPPED]
        edit = next(a for a in record.audit if a.action == "edit")
        assert len(dropped) == 1  # recorded once, not again by every later rebuild
        assert dropped[0].before == {"sub_event_type": "Air/drone strike"}
        assert dropped[0].after["dropped_edit"] == edit.id
        assert dropped[0].after["problems"][0]["field"] == "sub_event_type"
        assert "no longer applies after merging 'e'" in (dropped[0].note or "")
        merge_into_store(store, _typed("f", "Battles", "Armed clash"))
        record = get_event(store, event_id)
        assert record is not None and [a.action for a in record.audit].count(EDIT_DROPPED) == 1
        assert check_invariants(store) == []  # a dropped edit is accounted for
    finally:
        store.dispose()


def test_reapply_invariants_find_a_lost_edit(store: Store) -> None:
    event_id = _event_id(store)
    with store.engine.connect() as conn:
        coded = conn.execute(select(t.events.c.data)).scalar_one()
    review_event(store, event_id, action="edit", who="reviewer", fields={"notes": "Checked by hand."})
    assert check_invariants(store) == []
    with store.engine.begin() as conn:  # what a rebuild that ignores review did before
        conn.execute(update(t.events).values(data=coded))
    found = [v for v in check_invariants(store) if v.kind == "edits"]
    assert len(found) == 1 and "notes" in found[0].detail and "Checked by hand." in found[0].detail


def test_reapply_edits_before_a_split_are_not_replayed(store: Store) -> None:
    event_id = _event_id(store)
    review_event(store, event_id, action="edit", who="reviewer", fields={"notes": "Before the split."})
    split_event(store, event_id, who="reviewer", documents=["b"])
    merge_into_store(store, incident_doc("c", 0, source="Three"))
    assert check_invariants(store) == []

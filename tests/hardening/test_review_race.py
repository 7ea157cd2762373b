"""A review edit and a merge touching one event at the same time, or a merge after an edit:
neither the merge nor the edit is lost (issue 20), and the invariant check says so."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import select

from sitrep.schema import Event
from sitrep.store import open_store
from sitrep.store import merges as merges_module
from sitrep.store import review as review_module
from sitrep.store import tables as t
from sitrep.store.invariants import check_invariants
from sitrep.store.merges import merge_documents, merge_into_store
from sitrep.store.review import review_event
from tests.hardening.racers import incident_doc


def test_review_race_edit_during_merge_keeps_both(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(db_url)
    try:
        merge_documents(store, [incident_doc("a", 0, source="One"), incident_doc("b", 0, source="Two")])
        with store.engine.connect() as conn:
            (event_id,) = conn.execute(select(t.events.c.event_id_cnty)).scalars().all()
        candidates_read, review_started = threading.Event(), threading.Event()
        preload = merges_module._preload

        def paused_preload(*args: Any, **kwargs: Any) -> None:
            preload(*args, **kwargs)  # the merge has read the event it will rewrite ...
            candidates_read.set()
            review_started.wait(timeout=30)
            time.sleep(0.3)  # ... and the review runs before it writes

        monkeypatch.setattr(merges_module, "_preload", paused_preload)
        errors: list[BaseException] = []

        def merge() -> None:
            try:
                merge_into_store(store, incident_doc("c", 0, source="Three"))
            except BaseException as exc:  # noqa: BLE001 - re-raised by the test below
                errors.append(exc)

        worker = threading.Thread(target=merge)
        worker.start()
        assert candidates_read.wait(timeout=30)
        review_started.set()
        review_event(store, event_id, action="edit", who="reviewer", fields={"notes": "Checked by hand."})
        worker.join(timeout=60)
        assert errors == []
        with store.engine.connect() as conn:
            (data,) = conn.execute(select(t.events.c.data)).scalars().all()
        event = Event.model_validate(data)
        assert sorted(event.doc_ids) == ["a", "b", "c"]  # the merge is kept ...
        assert event.notes == "Checked by hand."  # ... and so is the edit
        assert [str(v) for v in check_invariants(store)] == []
        monkeypatch.setattr(merges_module, "_preload", preload)
        merge_into_store(store, incident_doc("d", 0, source="Four"))  # a merge after the edit
        assert _event(store).notes == "Checked by hand."
        assert [str(v) for v in check_invariants(store)] == []  # edited events hold their edits
    finally:
        store.dispose()


def _event(store: Any) -> Event:
    with store.engine.connect() as conn:
        (data,) = conn.execute(select(t.events.c.data)).scalars().all()
    return Event.model_validate(data)


def test_review_race_merge_waiting_on_an_edit_keeps_the_edit(db_url: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The edit holds the event when the merge starts: the merge waits, rebuilds, re-applies."""
    store = open_store(db_url)
    try:
        merge_documents(store, [incident_doc("a", 0, source="One"), incident_doc("b", 0, source="Two")])
        with store.engine.connect() as conn:
            (event_id,) = conn.execute(select(t.events.c.event_id_cnty)).scalars().all()
        editing, merge_started = threading.Event(), threading.Event()
        edited = review_module._edited

        def paused_edit(*args: Any, **kwargs: Any) -> Event:
            editing.set()  # the review holds the event (its write transaction is open) ...
            merge_started.wait(timeout=30)
            time.sleep(0.3)  # ... while the merge tries to read it
            return edited(*args, **kwargs)

        monkeypatch.setattr(review_module, "_edited", paused_edit)
        errors: list[BaseException] = []

        def review() -> None:
            try:
                review_event(store, event_id, action="edit", who="reviewer",
                             fields={"notes": "Checked by hand.", "fatalities": 40})
            except BaseException as exc:  # noqa: BLE001 - re-raised by the test below
                errors.append(exc)

        worker = threading.Thread(target=review)
        worker.start()
        assert editing.wait(timeout=30)
        merge_started.set()
        merge_into_store(store, incident_doc("c", 0, source="Three"))
        worker.join(timeout=60)
        assert errors == []
        event = _event(store)
        assert sorted(event.doc_ids) == ["a", "b", "c"]
        assert (event.notes, event.fatalities) == ("Checked by hand.", 40)
        assert [str(v) for v in check_invariants(store)] == []
    finally:
        store.dispose()

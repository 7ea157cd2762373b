from __future__ import annotations

from datetime import date

from sitrep.schema import QuarantineItem
from sitrep.store import EventFilter, open_store
from tests.helpers import make_doc, make_event


def test_repository_add_is_idempotent(db_url: str) -> None:
    store = open_store(db_url)
    doc = make_doc("d1", n_events=2)
    assert store.add(doc) is True
    assert store.add(doc) is False
    assert store.count("documents") == 1
    assert store.count("events") == 2
    assert store.count("evidence") == 2
    assert store.count("claims") == 2
    store.dispose()


def test_repository_migrate_twice_is_harmless(db_url: str) -> None:
    open_store(db_url).dispose()
    store = open_store(db_url)
    assert store.count("events") == 0
    store.dispose()


def test_repository_roundtrip_keeps_every_field(db_url: str) -> None:
    store = open_store(db_url)
    doc = make_doc("d2")
    store.add(doc)
    (back,) = list(store.iter_events())
    assert back == doc.events[0]
    store.dispose()


def test_repository_quarantine_once_per_reason(db_url: str) -> None:
    store = open_store(db_url)
    item = QuarantineItem(origin="x.jsonl", line=3, reason="malformed JSON", raw="{")
    assert store.quarantine(item) is True
    assert store.quarantine(item) is False
    assert store.quarantined() == [item]
    store.dispose()


def test_repository_filters(db_url: str) -> None:
    store = open_store(db_url)
    doc = make_doc("d3", n_events=0)
    doc.events = [
        make_event(event_id_cnty="A", doc_id="d3", doc_ids=["d3"], event_date=date(2020, 5, 1), country="Yemen",
                   latitude=15.0, longitude=44.0, actor1="Houthis"),
        make_event(event_id_cnty="B", doc_id="d3", doc_ids=["d3"], event_date=date(2020, 5, 9), country="Syria",
                   sub_event_type="Air/drone strike", event_type="Explosions/Remote violence"),
    ]
    store.add(doc)
    ids = lambda f: [e.event_id_cnty for e in store.iter_events(f)]
    assert ids(EventFilter(country="Yemen")) == ["A"]
    assert ids(EventFilter(date_from=date(2020, 5, 5))) == ["B"]
    assert ids(EventFilter(event_type="Explosions/Remote violence")) == ["B"]
    assert ids(EventFilter(actor="houthi")) == ["A"]
    assert ids(EventFilter(bbox=(43.0, 14.0, 45.0, 16.0))) == ["A"]
    assert ids(EventFilter(text="'; DROP TABLE events; --")) == []
    assert store.count("events") == 2
    store.dispose()


def test_repository_bad_event_is_an_error_not_a_silent_skip(db_url: str) -> None:
    import pytest

    from sitrep.errors import StoreError

    store = open_store(db_url)
    doc = make_doc("d4", n_events=0)
    doc.events = [make_event(event_id_cnty="Z", doc_id="d4", doc_ids=["not-stored"])]
    with pytest.raises(StoreError):
        store.add(doc)
    assert store.count("documents") == 0  # nothing half-written
    store.dispose()


def test_repository_like_wildcards_are_literal(db_url: str) -> None:
    store = open_store(db_url)
    doc = make_doc("d5", n_events=0)
    doc.events = [make_event(event_id_cnty="P", doc_id="d5", doc_ids=["d5"], actor1="Houthis")]
    store.add(doc)
    assert list(store.iter_events(EventFilter(actor="%"))) == []
    assert list(store.iter_events(EventFilter(actor="_outhis"))) == []
    assert [e.event_id_cnty for e in store.iter_events(EventFilter(actor="outhi"))] == ["P"]
    store.dispose()


def test_list_events_totals_with_substring_filters(db_url: str) -> None:
    """Text and actor filters count matches in the page query; totals must not depend on the page."""
    from sitrep.store.review import list_events

    store = open_store(db_url)
    doc = make_doc("d9", n_events=0)
    doc.events = [make_event(event_id_cnty=f"E{i}", doc_id="d9", doc_ids=["d9"], event_date=date(2021, 1, 1 + i),
                             location="Kafr Nabl" if i % 3 else "Maarat al-Numan",
                             actor1="Hay'at Tahrir al-Sham" if i % 2 else "Military Forces of Syria")
                  for i in range(9)]
    store.add(doc)
    for flt, want in ((EventFilter(text="KAFR"), 6), (EventFilter(actor="tahrir"), 4),
                      (EventFilter(text="numan", actor="military"), 2), (EventFilter(text="nowhere"), 0)):
        pages = [list_events(store, flt, limit=4, offset=o) for o in (0, 4, 8, 40)]
        assert {total for _, total in pages} == {want}, flt
        assert sum(len(items) for items, _ in pages) == want
    store.dispose()

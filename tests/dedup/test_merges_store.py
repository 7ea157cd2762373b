from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from sitrep.schema import Claim, Doc, Document, Event, Evidence, FramingFlag
from sitrep.store import Store, open_store
from sitrep.store import tables as t
from sitrep.store.merges import (
    framing_for_event,
    index_stored_events,
    merge_documents,
    merge_into_store,
    merge_log,
    reports_of,
    unmerge,
)  # fmt: skip
from tests.helpers import make_event


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.dispose()


def _doc(doc_id: str, *events: Event, source: str = "Demo") -> Doc:
    doc = Doc(document=Document(id=doc_id, text="Fighting in Menyan.", date=date(2016, 11, 4), source=source))
    doc.events = list(events)
    return doc


def _report(doc: str, fat: int, *, source: str, term: str = "regime", **over: object) -> Event:
    fields: dict[str, object] = dict(
        event_id_cnty=f"SYR-{doc}", doc_id=doc, doc_ids=[doc], source=source, location="Menyan",
        latitude=36.2167, longitude=37.0833, fatalities=fat, fatalities_low=fat, fatalities_best=fat,
        fatalities_high=fat, evidence=[Evidence(doc_id=doc, field="trigger", start=0, end=8, text="Fighting")],
        claims=[Claim(quantity="killed", low=fat, high=fat, claimant_chain=[source], sentence="x", doc_id=doc)],
        framing=[FramingFlag(term=term, normalised="government")] if term else [])
    return make_event(**{**fields, **over})


def _clash_reports() -> list[Doc]:
    # one clash, three outlets: 5 / 7 / "dozens"; exact date, "a few days ago", "near Menyan"
    return [
        _doc("a", _report("a", 5, source="ElDorar"), source="ElDorar"),
        _doc("b", _report("b", 7, source="SANA", term="terrorists", location="Minyan", latitude=36.219,
                          longitude=37.09, date_start=date(2016, 10, 31), date_end=date(2016, 11, 4),
                          event_date=date(2016, 11, 2), time_precision=2), source="SANA"),
        _doc("c", _report("c", 12, source="Reuters", term="", geo_precision=2, latitude=36.25,
                          actor2="Unidentified Armed Group (Syria)"), source="Reuters"),
    ]


def _stored(store: Store) -> dict[int, Event]:
    with store.engine.connect() as conn:
        return {int(r.id): Event.model_validate(r.data) for r in conn.execute(select(t.events.c.id, t.events.c.data))}


def test_merges_three_reports_become_one_event(store: Store) -> None:
    report = merge_documents(store, _clash_reports())
    assert (report.inserted, report.merged) == (1, 2)
    ((pk, event),) = _stored(store).items()
    assert event.doc_ids == ["a", "b", "c"]
    assert (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high) == (5, 5, 7, 12)
    assert event.time_precision == 1 and event.geo_precision == 1
    assert store.count("documents") == 3 and store.count("event_documents") == 3
    assert store.count("claims") == 3 and store.count("evidence") == 3
    assert [len(r.doc_ids) for r in reports_of(store, pk)] == [1, 1, 1]
    log = merge_log(store, event_pk=pk)
    assert [m.doc_id for m in log] == ["b", "c"]
    assert all(m.features["type"] == 1.0 and "distance_km" in m.features for m in log)
    assert {o.source: [t for t, _, _ in o.top()] for o in framing_for_event(store, pk)} == {
        "ElDorar": ["regime"], "SANA": ["terrorists"], "Reuters": []}


@pytest.mark.parametrize("distinct", [
    {"event_date": date(2016, 11, 4), "date_start": date(2016, 11, 4), "date_end": date(2016, 11, 4)},
    {"location": "Kafr Naha", "latitude": 36.2167 + 0.03},
    {"actor2": "Islamic State (Syria)"},
])
def test_merges_distinct_similar_events_stay_apart(store: Store, distinct: dict[str, object]) -> None:
    merge_documents(store, [_doc("a", _report("a", 5, source="A")),
                            _doc("z", _report("z", 5, source="Z", **distinct))])
    assert store.count("events") == 2 and merge_log(store) == []


@pytest.mark.parametrize("n_runs", [2, 3])
def test_merges_rerun_changes_nothing(store: Store, n_runs: int) -> None:
    merge_documents(store, _clash_reports())
    before = (_stored(store), [store.count(x) for x in ("events", "claims", "evidence", "event_documents")])
    for _ in range(n_runs - 1):
        for doc in _clash_reports():
            assert merge_into_store(store, doc).skipped_existing == 1
    after = (_stored(store), [store.count(x) for x in ("events", "claims", "evidence", "event_documents")])
    assert after == before
    assert len(merge_log(store)) == 2


@pytest.mark.parametrize("undo", ["last", "first", "both"])
def test_merges_undo_restores_exactly(store: Store, undo: str) -> None:
    docs = _clash_reports()
    merge_into_store(store, docs[0])
    (target_pk, original), = _stored(store).items()
    states = [original]
    for d in docs[1:]:
        merge_into_store(store, d)
        states.append(_stored(store)[target_pk])
    first, last = merge_log(store)
    chosen = {"last": [last], "first": [first], "both": [last, first]}[undo]
    restored = [unmerge(store, m.id) for m in chosen]
    events = _stored(store)
    for m, pk in zip(chosen, restored):
        incoming = docs[1 if m.id == first.id else 2].events[0]
        assert events[pk] == incoming  # the report is its own event again, as its document coded it
    if undo == "last":
        assert events[target_pk] == states[1]
    elif undo == "both":
        assert events[target_pk] == original
    else:
        assert events[target_pk].doc_ids == ["a", "c"]
    assert unmerge(store, chosen[0].id) == restored[0]  # undoing twice is harmless
    assert len(_stored(store)) == 1 + len(chosen)
    with store.engine.connect() as conn:
        linked = {r.doc_id for r in conn.execute(select(t.event_documents.c.doc_id))}
    assert linked == {"a", "b", "c"}  # no document lost


def test_merges_undone_report_can_be_found_again(store: Store) -> None:
    docs = _clash_reports()
    merge_documents(store, docs[:2])
    pk = unmerge(store, merge_log(store)[0].id)
    # a fourth report now has two candidates and picks one; nothing is lost either way
    merge_into_store(store, _doc("d", _report("d", 6, source="AFP"), source="AFP"))
    doc_ids = sorted(d for e in _stored(store).values() for d in e.doc_ids)
    assert doc_ids == ["a", "b", "d"] and pk in _stored(store)


def test_merges_unknown_merge_id_is_a_store_error(store: Store) -> None:
    from sitrep.errors import StoreError

    with pytest.raises(StoreError):
        unmerge(store, 999)


@pytest.mark.parametrize("indexed", [True, False])
def test_merges_events_stored_without_merging_are_found_once_indexed(store: Store, indexed: bool) -> None:
    store.add(_doc("a", _report("a", 5, source="A")))
    if indexed:
        assert index_stored_events(store) == 1
        assert index_stored_events(store) == 0  # already filed
    merge_into_store(store, _doc("b", _report("b", 7, source="B")))
    assert store.count("events") == (1 if indexed else 2)


def test_merges_store_context_of_a_stored_report_in_capitals_is_its_incoming_one() -> None:
    # a report stored by an earlier batch or run is read again from its stored text; a wire story
    # in capitals must give the names, people and streets its ordinary-case reading gave when it came in
    import textwrap

    from sitrep.dedup.features import doc_context
    from sitrep.nlp.segment import Segmenter
    from sitrep.resources import Resources
    from sitrep.store.merge_context import _reading, incoming_contexts

    story = ("Police said Marcus Holloway, 24, was shot several times in the 1500 block of Harwood "
             "Street in Dallas late on Friday and died at Baylor University Medical Center. Officers "
             "detained two men near the scene, and the police department asked witnesses to call.")
    text = textwrap.fill(story, 64).upper()
    doc = Segmenter(Resources())(Doc(document=Document(id="cap", text=text, date=date(2016, 11, 4))))
    came_in = incoming_contexts([doc])["cap"]
    assert "holloway" in {n.lower() for n in came_in.names}
    assert came_in == doc_context(_reading(text), published=date(2016, 11, 4))
    assert came_in != doc_context(text, published=date(2016, 11, 4))  # the stored capitals alone lose them


def test_merges_store_context_of_a_stored_report_in_lower_case_is_its_incoming_one() -> None:
    # a one-line report that lost its capitals is truecased when it comes in; read again from the
    # store, it must give the same names (the store's shortcut for one-line reports skipped it)
    from sitrep.dedup.features import doc_context
    from sitrep.nlp.segment import Segmenter
    from sitrep.resources import Resources
    from sitrep.store.merge_context import _reading, incoming_contexts

    text = ("police said marcus holloway, 24, was shot several times in the 1500 block of harwood street "
            "in dallas late on friday and died at baylor university medical center. officers detained "
            "two men near the scene, and the police department asked witnesses to call.")
    doc = Segmenter(Resources())(Doc(document=Document(id="low", text=text, date=date(2016, 11, 4))))
    came_in = incoming_contexts([doc])["low"]
    assert "holloway" in {n.lower() for n in came_in.names}
    assert came_in == doc_context(_reading(text), published=date(2016, 11, 4))

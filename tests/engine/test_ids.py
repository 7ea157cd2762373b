"""Issue 23: two documents with one id and different texts are both kept (the second under a new
id derived from its text, with a note), and running the same input again changes nothing, on
SQLite and PostgreSQL, with or without a store, in one process or several."""

from __future__ import annotations

import hashlib
import json
from itertools import islice
from pathlib import Path

import pytest
from sqlalchemy import select

from sitrep.config import Settings
from sitrep.engine import run_local, run_with
from sitrep.engine.core import consume, in_process, plan_jobs
from sitrep.engine.ids import DocumentIds, candidate_ids
from sitrep.schema import Document, Event
from sitrep.store import Store, open_store
from sitrep.store import tables as t
from tests.engine.fakes import FakePipeline

A = "A clash at dawn.\nA clash at dusk.\n"
B = "Another report under the same id: a clash at noon.\n"


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _new_id(doc_id: str, text: str) -> str:
    return f"{doc_id}~{hashlib.sha1(text.encode()).hexdigest()[:8]}"


def _notes(store: Store, doc_id: str) -> list[str]:
    with store.engine.connect() as conn:
        notes = conn.execute(select(t.documents.c.notes).where(t.documents.c.id == doc_id)).scalar_one()
    return list(notes or [])


def _rows(store: Store) -> dict[str, int]:
    return {name: store.count(name) for name in ("documents", "events", "quarantine")}


@pytest.mark.parametrize("length", [1, 200, 246, 247, 255])
def test_ids_candidates_stay_within_the_id_column(length: int) -> None:
    doc_id = "x" * length
    digest = hashlib.sha1(b"text").hexdigest()
    ids = list(islice(candidate_ids(doc_id, digest), 7))
    assert ids[0] == doc_id and len(set(ids)) == len(ids)
    assert all(len(c) <= 255 for c in ids)
    assert ids[1].endswith("~" + digest[:8]) and ids[1].startswith(doc_id[:246])
    assert ids[4].endswith(f"~{digest[:8]}-2")


def test_ids_same_id_is_kept_same_text_is_not_renamed() -> None:
    ids = DocumentIds()
    first, _ = ids.assign(0, Document(id="d", text=A))
    again, _ = ids.assign(1, Document(id="d", text=A))
    other, stored = ids.assign(2, Document(id="d", text=B))
    assert (first.id, again.id, other.id, stored) == ("d", "d", _new_id("d", B), False)
    # a third text, and a document that names itself like the renamed one: each keeps its own text
    third, _ = ids.assign(3, Document(id="d", text="A third clash.\n"))
    squatter, _ = ids.assign(4, Document(id=_new_id("d", B), text="Not B.\n"))
    assert third.id == _new_id("d", "A third clash.\n")
    assert squatter.id.startswith(_new_id("d", B) + "~")
    assert ids.take(0) is None and ids.take(1) is None
    rename = ids.take(2)
    assert rename is not None and rename.note == (
        f"id 'd' was already used by a different text; kept as '{_new_id('d', B)}'")
    assert ids.take(2) is None  # taken once


def test_ids_in_run_duplicate_without_store_gets_its_own_doc_id(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "in.jsonl", [{"id": "d", "text": A}, {"id": "d", "text": B}])
    out: list[Event] = []
    report = run_local([path], FakePipeline(Settings()), on_events=out.extend)
    assert [e.doc_id for e in out] == ["d", "d", _new_id("d", B)]
    assert report.renamed == 1 and report.renames == [("d", _new_id("d", B))]
    assert report.quarantined == [] and report.outcomes == {"events": 2}


def test_ids_stored_id_with_another_text_is_kept_and_rerun_changes_nothing(tmp_path: Path,
                                                                          db_url: str) -> None:
    first = _jsonl(tmp_path / "a.jsonl", [{"id": "d1", "text": A}])
    same = _jsonl(tmp_path / "b.jsonl", [{"id": "d1", "text": A}])
    other = _jsonl(tmp_path / "c.jsonl", [{"id": "d1", "text": B}])
    new = _new_id("d1", B)
    store = open_store(db_url)
    try:
        run_local([first], FakePipeline(Settings()), store=store)
        again = run_local([same], FakePipeline(Settings()), store=store)
        assert again.quarantined == [] and again.skipped_existing == 1 and again.renamed == 0
        out: list[Event] = []
        kept = run_local([other], FakePipeline(Settings()), store=store, on_events=out.extend)
        assert kept.quarantined == [] and kept.outcomes == {"events": 1}
        assert kept.renamed == 1 and kept.renames == [("d1", new)]
        assert sorted(store.document_ids()) == ["d1", new]
        assert store.stored_text("d1") == A and store.stored_text(new) == B
        assert _notes(store, new)[0] == f"id 'd1' was already used by a different text; kept as '{new}'"
        assert _notes(store, "d1") == []
        assert [e.doc_id for e in out] == [new]
        before = _rows(store)
        assert before == {"documents": 2, "events": 3, "quarantine": 0}
        out2: list[Event] = []
        rerun = run_local([other], FakePipeline(Settings()), store=store, on_events=out2.extend)
        assert rerun.outcomes == {"skipped": 1} and rerun.skipped_existing == 1
        assert rerun.renamed == 1  # the summary still says why its events carry another id
        assert _rows(store) == before
        assert [e.doc_id for e in out2] == [new]
    finally:
        store.dispose()


def test_ids_same_run_duplicates_are_both_kept_and_rerun_changes_nothing(tmp_path: Path,
                                                                        db_url: str) -> None:
    path = _jsonl(tmp_path / "d.jsonl", [{"id": "d2", "text": A}, {"id": "d2", "text": B}])
    twice = _jsonl(tmp_path / "e.jsonl", [{"id": "d2", "text": A}, {"id": "d2", "text": B}] * 2)
    new = _new_id("d2", B)
    store = open_store(db_url)
    try:
        # planned ahead of the writes (as with workers): the rename is decided when planning
        ids = DocumentIds(store)
        jobs = list(plan_jobs([path], settings=Settings(), store=store, ids=ids))
        report = consume(in_process(FakePipeline(Settings()))(jobs), store=store, ids=ids)
        assert report.quarantined == [] and report.renamed == 1
        assert report.outcomes == {"events": 2}
        assert store.stored_text("d2") == A and store.stored_text(new) == B
        assert _notes(store, new)[0].endswith(f"kept as '{new}'")
        before = _rows(store)
        assert before == {"documents": 2, "events": 3, "quarantine": 0}
        rerun = run_with([twice], FakePipeline(Settings()), in_process(FakePipeline(Settings())),
                         store=store)
        assert rerun.outcomes == {"skipped": 4} and rerun.quarantined == []
        assert rerun.renamed == 2
        assert _rows(store) == before
    finally:
        store.dispose()


def test_ids_resume_after_an_interruption_keeps_the_renamed_document(tmp_path: Path,
                                                                    db_url: str) -> None:
    rows = [{"id": "a", "text": A}, {"id": "b", "text": "A clash in town.\n"},
            {"id": "a", "text": B}, {"id": "c", "text": "Nothing happened.\n"}]
    path = _jsonl(tmp_path / "in.jsonl", rows)
    new = _new_id("a", B)
    store = open_store(db_url)

    class Stop(Exception):
        pass

    def stop_after_three(n: int) -> None:
        if n == 3:
            raise Stop

    try:
        first: list[Event] = []
        with pytest.raises(Stop):
            run_local([path], FakePipeline(Settings()), store=store, resume=True,
                      on_events=first.extend, on_progress=stop_after_three)
        assert [e.doc_id for e in first] == ["a", "a", "b", new]
        before = _rows(store)
        for attempt in range(2):  # the resumed run, then a resume of the finished run
            seen: list[Event] = []
            report = run_local([path], FakePipeline(Settings()), store=store, resume=True,
                               on_events=seen.extend)
            assert [e.event_id_cnty for e in seen] == [e.event_id_cnty for e in first]
            assert report.quarantined == [] and report.renamed == 1
            assert report.resumed == (3 if attempt == 0 else 4)
        assert sorted(store.document_ids()) == ["a", new, "b", "c"]
        assert _rows(store) == {**before, "documents": 4}
    finally:
        store.dispose()


def test_ids_with_workers_the_rename_is_the_planners(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "in.jsonl", [{"id": "w", "text": A}, {"id": "w", "text": B},
                                           {"id": "x", "text": "A clash in town.\n"}])
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        out: list[Event] = []
        report = run_local([path], FakePipeline(Settings()), store=store, workers=2,
                           on_events=out.extend)
        assert report.renamed == 1 and report.quarantined == []
        assert [e.doc_id for e in out] == ["w", "w", _new_id("w", B), "x"]
        assert _notes(store, _new_id("w", B))[0].endswith(f"kept as '{_new_id('w', B)}'")
    finally:
        store.dispose()

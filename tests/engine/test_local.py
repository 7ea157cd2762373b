from __future__ import annotations

from pathlib import Path

from sitrep.config import Settings
from sitrep.engine import run_local
from sitrep.schema import Event
from sitrep.store import open_store
from tests.engine.fakes import FakePipeline, write_corpus


def test_local_codes_in_input_order_and_quarantines_a_poisoned_document(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 8, extra={3: "POISON clash here\n"})
    events: list[Event] = []
    report = run_local([corpus], FakePipeline(Settings()), on_events=events.extend)
    assert report.documents == 8
    assert [q.origin for q in report.quarantined] == [str(corpus / "r003.txt")]
    assert "poisoned document" in report.quarantined[0].reason
    assert [e.notes for e in events] == [f"A clash in town {i}-{k}." for i in range(8) if i != 3
                                         for k in range(i % 3)]


def test_local_skips_stored_documents_but_still_emits_their_events(tmp_path: Path,
                                                                   db_url: str) -> None:
    corpus = write_corpus(tmp_path / "in", 6)
    store = open_store(db_url)
    first: list[Event] = []
    again: list[Event] = []
    try:
        one = run_local([corpus], FakePipeline(Settings()), store=store, on_events=first.extend)
        two = run_local([corpus], FakePipeline(Settings()), store=store, on_events=again.extend)
        assert (one.stored, one.skipped_existing) == (6, 0)
        assert (two.stored, two.skipped_existing) == (0, 6)
        assert sorted(e.event_id_cnty or "" for e in again) == sorted(e.event_id_cnty or "" for e in first)
        assert store.count("events") == len(first) == 6
    finally:
        store.dispose()


def test_local_progress_counts_every_item_including_unreadable_ones(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 4)
    (corpus / "z-empty.txt").write_bytes(b"")
    seen: list[int] = []
    report = run_local([corpus], FakePipeline(Settings()), on_progress=seen.append)
    assert seen == [1, 2, 3, 4, 5]
    assert report.documents == 4 and len(report.quarantined) == 1

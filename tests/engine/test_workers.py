from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.engine import run_local
from sitrep.engine.core import Job, plan_jobs
from sitrep.engine.workers import WorkerPool
from sitrep.errors import ResourceError
from sitrep.schema import Document, Event
from tests.engine.fakes import BrokenPipeline, FakePipeline, write_corpus


def test_workers_two_processes_give_the_single_process_output(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 24, extra={5: "POISON\n"})
    (corpus / "r010.txt").write_bytes(b"")  # unreadable: passes through in order
    one: list[Event] = []
    two: list[Event] = []
    r1 = run_local([corpus], FakePipeline(Settings()), on_events=one.extend)
    r2 = run_local([corpus], FakePipeline(Settings()), on_events=two.extend, workers=2,
                   factory=FakePipeline, batch_size=3)
    assert [e.event_id_cnty for e in two] == [e.event_id_cnty for e in one] != []
    assert [q.origin for q in r2.quarantined] == [q.origin for q in r1.quarantined]
    assert r2.documents == r1.documents == 23


def test_workers_crashed_process_quarantines_only_its_document(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 12, extra={4: "CRASH clash\n"})
    events: list[Event] = []
    report = run_local([corpus], FakePipeline(Settings()), on_events=events.extend, workers=2,
                       factory=FakePipeline, batch_size=4)
    assert [q.origin for q in report.quarantined] == [str(corpus / "r004.txt")]
    assert "worker process died (exit code 3)" in report.quarantined[0].reason
    assert report.documents == 12
    expected = sum(i % 3 for i in range(12) if i != 4)
    assert len(events) == expected


def test_workers_keep_a_bounded_window_of_jobs_in_flight(tmp_path: Path) -> None:
    pulled = 0

    def jobs() -> Iterator[tuple[int, Job]]:
        nonlocal pulled
        for i in range(60):
            pulled += 1
            yield i, Document(id=f"d{i}", text=f"clash {i}")

    pool = WorkerPool(Settings(), workers=2, factory=FakePipeline, batch_size=2, max_in_flight=6)
    seen = []
    for ordinal, _result in pool.map(jobs()):
        assert pulled - len(seen) <= 6
        seen.append(ordinal)
    assert seen == list(range(60))


def test_workers_pipeline_that_cannot_load_raises_a_resource_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 3)
    pool = WorkerPool(Settings(), workers=2, factory=BrokenPipeline)
    with pytest.raises(ResourceError, match="model files missing"):
        list(pool.map(plan_jobs([corpus], settings=Settings())))

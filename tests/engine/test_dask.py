from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.config import Settings
from sitrep.engine import run_local
from sitrep.engine.dask import run_dask
from sitrep.schema import Event
from sitrep.store import open_store
from tests.engine.fakes import FakePipeline, write_corpus


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_local_cluster_gives_the_local_runner_output(tmp_path: Path, client: object) -> None:
    corpus = write_corpus(tmp_path / "in", 30, extra={11: "POISON clash\n"})
    (corpus / "r020.txt").write_bytes(b"")
    local: list[Event] = []
    on_dask: list[Event] = []
    expected = run_local([corpus], FakePipeline(Settings()), on_events=local.extend)
    report = run_dask([corpus], FakePipeline(Settings()), client=client, batch_size=4,
                      on_events=on_dask.extend, parquet_dir=tmp_path / "parts")
    assert [e.event_id_cnty for e in on_dask] == [e.event_id_cnty for e in local] != []
    assert [q.origin for q in report.quarantined] == [q.origin for q in expected.quarantined]
    assert (report.documents, report.events) == (expected.documents, expected.events)

    import pyarrow.parquet as pq

    parts = sorted((tmp_path / "parts").glob("part-*.parquet"))
    assert len(parts) > 1
    assert sum(pq.read_metadata(p).num_rows for p in parts) == len(local)


def test_dask_resumed_run_stores_each_document_once(tmp_path: Path, client: object,
                                                     db_url: str) -> None:
    corpus = write_corpus(tmp_path / "in", 12)
    store = open_store(db_url)
    try:
        first = run_dask([corpus], FakePipeline(Settings()), client=client, store=store,
                         resume=True, batch_size=5)
        again = run_dask([corpus], FakePipeline(Settings()), client=client, store=store,
                         resume=True, batch_size=5)
        assert (first.stored, again.stored, again.resumed) == (12, 0, 12)
        assert store.count("events") == first.events == sum(i % 3 for i in range(12))
    finally:
        store.dispose()

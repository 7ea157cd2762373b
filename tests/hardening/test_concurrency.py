"""8 clients reading and writing for 5 s against uvicorn on 127.0.0.1 (SQLite WAL, PostgreSQL).

The 60 s version is ``benchmarks/bench_hardening.py``.
"""

from __future__ import annotations

from tests.api.seed import SEED
from tests.hardening.concurrency import run_load


def test_concurrency_eight_clients_no_errors_no_lost_writes(db_url: str) -> None:
    report = run_load(db_url, seconds=5, clients=8)
    assert report.errors == []
    assert len(report.posted) >= 8, "the clients must have written"
    assert report.lost == [] and report.wrong_events == []
    assert report.stored_documents == len(report.posted) + len(SEED)  # each stored exactly once
    assert report.problems == []
    assert report.summary()["p95_ms"] is not None

"""Plain `extract --db` and `extract --merge` writers on one database at once lose nothing.

A plain write of a document takes part in the store's concurrency model (the write lock on
SQLite, the merge lock shared on PostgreSQL), so whichever run stores a document first, the other
finds it stored: no run stops, no document is quarantined as a storage failure, every document is
stored once, and the invariant check finds nothing (issue 20).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.store import open_store
from sitrep.store.invariants import check_invariants
from tests.hardening.mixed import mixed_writers


@pytest.mark.parametrize(("plain", "merging"), [(1, 1), (2, 2)])
def test_mixed_writers_plain_and_merge_runs_at_once_lose_nothing(
        db_url: str, tmp_path: Path, plain: int, merging: int) -> None:
    outcomes = mixed_writers(db_url, tmp_path, plain=plain, merging=merging)
    assert len(outcomes) == plain + merging
    assert all(o.startswith("ok ") for o in outcomes.values()), outcomes
    store = open_store(db_url)
    try:
        assert check_invariants(store) == []
        assert store.count("documents") == 12 * 8
        assert store.count("quarantine") == 0
    finally:
        store.dispose()

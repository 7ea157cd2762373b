"""Several processes opening one fresh database at the same moment all succeed (issue 20)."""

from __future__ import annotations

from sqlalchemy import inspect

from sitrep.store import open_store
from tests.hardening.racers import race, run_open_store


def test_migrate_race_fresh_database_opened_by_four_processes(db_url: str) -> None:
    outcomes = race(run_open_store, 4, db_url)
    assert sorted(outcomes) == ["p0", "p1", "p2", "p3"]
    failed = {name: why.strip().splitlines()[-1] for name, why in outcomes.items() if why != "ok"}
    assert failed == {}
    store = open_store(db_url)
    try:
        tables = set(inspect(store.engine).get_table_names())
        assert {"documents", "events", "event_documents", "merges", "audit_log"} <= tables
        assert store.count("documents") == 0
    finally:
        store.dispose()

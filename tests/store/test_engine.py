"""Engine helpers: planner statistics are refreshed for stale tables on PostgreSQL, a no-op on SQLite."""

from __future__ import annotations

import time

from datetime import UTC, datetime

from sqlalchemy import insert, text

from sitrep.store import open_store
from sitrep.store import tables as t
from sitrep.store.engine import refresh_planner_stats


def _analysed(conn, name: str) -> bool:  # type: ignore[no-untyped-def]
    # last_analyze is set by ANALYZE only (autovacuum sets last_autoanalyze)
    return conn.execute(text("SELECT last_analyze IS NOT NULL "
                             "FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = :n"),
                        {"n": name}).scalar_one()


def test_refresh_planner_stats_analyses_only_stale_tables(db_url: str) -> None:
    store = open_store(db_url)
    with store.engine.begin() as conn:
        now = datetime.now(UTC)
        conn.execute(insert(t.documents), [{"id": f"d{i}", "text": "x", "n_events": 0, "ingested_at": now}
                                          for i in range(5000)])
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_stat_force_next_flush()"))
    with store.engine.begin() as conn:
        if conn.dialect.name != "postgresql":
            refresh_planner_stats(conn, ["documents"])  # nothing to do, nothing raised
            store.dispose()
            return
        assert not _analysed(conn, "documents")
    deadline = time.monotonic() + 10
    while True:  # the statistics collector may lag a little behind the commit
        with store.engine.begin() as conn:
            refresh_planner_stats(conn, ["documents", "claims"])
        with store.engine.connect() as conn:
            conn.execute(text("SELECT pg_stat_clear_snapshot()"))
            if _analysed(conn, "documents"):
                assert not _analysed(conn, "claims")  # empty and unchanged: left alone
                break
        assert time.monotonic() < deadline, "documents was never analysed"
        time.sleep(0.2)
    store.dispose()

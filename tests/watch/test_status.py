from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rich.console import Console

from sitrep.store import open_store
from sitrep.watch.state import WatchState
from sitrep.watch.status import (
    SourceOutcome,
    read_status,
    record_outcomes,
    render_table,
    status_snapshot,
)


def test_status_folds_outcomes_and_reads_back(db_url: str) -> None:
    store = open_store(db_url)
    t0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    try:
        assert [s.state for s in read_status(store.engine, names=["A"])] == ["waiting"]
        assert status_snapshot(store.engine) == {"active": False, "last_poll": None, "sources": [],
                                                 "articles": {}, "alerts_fired": 0, "alerts_failed": 0,
                                                 "alert_failures": []}
        record_outcomes(store.engine, [
            SourceOutcome(name="A", new_articles=3, fetched_ok=True),
            SourceOutcome(name="B", errors=1, error="HTTP 500 (after 3 attempts)")], now=t0)
        record_outcomes(store.engine, [
            SourceOutcome(name="A", new_articles=1, errors=1, error="too large", fetched_ok=True),
            SourceOutcome(name="B", errors=1, error="timed out")], now=t0 + timedelta(minutes=10))
        status = {s.name: s for s in read_status(store.engine, names=["A", "B", "C"])}
        state = WatchState(store.engine)
        state.mark_seen("http://a.invalid/1", source="A", status="stored", content_hash="h1", doc_id="d1")
        state.mark_seen("http://a.invalid/2", source="A", status="skipped", reason="too large")
        snap = status_snapshot(store.engine)
    finally:
        store.dispose()
    a, b, c = status["A"], status["B"], status["C"]
    assert (a.total_articles, a.new_articles, a.polls, a.state) == (4, 1, 2, "degraded")
    assert a.last_success == t0 + timedelta(minutes=10)
    assert (b.consecutive_failures, b.total_errors, b.last_error, b.state) == (2, 2, "timed out", "down")
    assert b.last_success is None and c.state == "waiting"
    assert snap["active"] and snap["articles"] == {"stored": 1, "skipped": 1} and snap["alerts_fired"] == 0
    assert snap["last_poll"].startswith("2026-01-01T12:10") and len(snap["sources"]) == 2
    assert b.as_dict()["last_attempt"].startswith("2026-01-01T12:10") and b.as_dict()["state"] == "down"


def test_status_table_renders_every_source() -> None:
    from sitrep.watch.status import SourceStatus

    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    rows = [SourceStatus(name="Wire [E601]", polls=3, last_success=now - timedelta(seconds=95),
                         new_articles=2, total_articles=9),
            SourceStatus(name="Down", polls=3, consecutive_failures=3, errors=1, total_errors=3,
                         last_error="[E601] HTTP 500")]
    console = Console(record=True, width=160)
    console.print(render_table(rows, now=now, title="watch"))
    text = console.export_text()
    assert "Wire [E601]" in text and "1m ago" in text and "never" in text
    assert "[E601] HTTP 500" in text and "down" in text and "1/3" in text

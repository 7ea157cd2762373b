"""Fault injection: kill -9, a database connection lost mid-run, disk full (SQLite and PostgreSQL).

After each fault the store must be consistent, and a resumed run must end with exactly the
documents and per-document event counts of an uninterrupted run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from sitrep.api import create_app
from sitrep.config import Settings
from sitrep.engine import run_local
from sitrep.errors import StoreError
from sitrep.store import Store, open_store
from tests.api.seed import AUTH, TOKEN
from tests.engine.fakes import write_corpus
from tests.hardening.fakes import RichFakePipeline, check_store
from tests.hardening.killcycles import reference_counts, run_kill_cycles


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "in", 40)


@contextmanager
def failing(store: Store, *, when: Any, message: str) -> Iterator[dict[str, int]]:
    """Make every statement for which ``when(statement, parameters)`` holds raise OperationalError."""
    seen = {"statements": 0, "raised": 0}

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        seen["statements"] += 1
        if when(statement, parameters):
            seen["raised"] += 1
            raise OperationalError(statement, None, sqlite3.OperationalError(message))

    event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", before)


def _assert_complete(store: Store, reference: dict[str, int]) -> None:
    state = check_store(store)
    assert state.problems == []
    assert state.per_document == reference  # nothing lost, nothing duplicated


def test_faults_kill9_cycles_lose_and_duplicate_nothing(tmp_path: Path, db_url: str) -> None:
    corpus = write_corpus(tmp_path / "in", 400)
    reference = reference_counts(corpus, tmp_path)
    report = run_kill_cycles(corpus, db_url, reference, cycles=3, max_delay=0.4)
    assert report.kills_landed >= 2, "the kills must land while the run is going"
    assert report.problems == []
    assert report.orphans == 0, "worker processes must exit when their parent is killed"
    assert report.lost == [] and report.mismatched == []
    assert report.final_documents == len(reference)


def test_faults_connection_lost_midrun_is_reported_and_resume_completes(
        tmp_path: Path, db_url: str, corpus: Path) -> None:
    reference = reference_counts(corpus, tmp_path)
    store = open_store(db_url)
    broken = {"on": False}

    def cut_after_ten(n: int) -> None:
        broken["on"] = broken["on"] or n >= 10

    try:
        with failing(store, when=lambda _s, _p: broken["on"],
                     message="server closed the connection unexpectedly") as seen, \
                pytest.raises(StoreError) as info:
            run_local([corpus], RichFakePipeline(Settings()), store=store, resume=True,
                      on_progress=cut_after_ten)
        assert seen["raised"] >= 1
        assert info.value.code in ("E410", "E413")  # the cause, not the failed checkpoint after it
        assert "server closed the connection" in str(info.value)
        assert 10 <= check_store(store).documents < 40
        assert check_store(store).problems == []
        again = run_local([corpus], RichFakePipeline(Settings()), store=store, resume=True)
        assert again.documents == 40
        _assert_complete(store, reference)
    finally:
        store.dispose()


def test_faults_disk_full_writes_nothing_half_and_loses_nothing(
        tmp_path: Path, db_url: str, corpus: Path) -> None:
    reference = reference_counts(corpus, tmp_path)
    victim = sorted(d for d, n in reference.items() if n >= 2)[3]
    store = open_store(db_url)
    try:
        # the disk fills while the victim's claims are written: its events are already inserted
        def full(statement: str, parameters: Any) -> bool:
            return statement.lstrip().upper().startswith("INSERT INTO CLAIMS") and \
                victim in repr(parameters)

        with failing(store, when=full, message="database or disk is full"), \
                pytest.raises(StoreError, match="disk is full"):
            run_local([corpus], RichFakePipeline(Settings()), store=store, resume=True)
        state = check_store(store)
        assert state.problems == []  # the victim's transaction rolled back whole
        assert victim not in state.per_document
        assert 0 < state.documents < 40
        run_local([corpus], RichFakePipeline(Settings()), store=store, resume=True)
        _assert_complete(store, reference)
    finally:
        store.dispose()


def test_faults_api_answers_503_while_the_database_is_unreachable(db_url: str) -> None:
    app = create_app(db_url=db_url, token=TOKEN, pipeline=RichFakePipeline(Settings()))
    store = app.state.sitrep.store
    with TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        with failing(store, when=lambda _s, _p: True, message="could not connect to server"):
            answers = [client.post("/api/documents", json={"text": "A clash.", "id": "down-1"},
                                   headers=AUTH),
                       client.get("/api/health"), client.get("/api/events"),
                       client.get("/api/documents/down-1")]
            for r in answers:
                assert r.status_code == 503, (r.request.url, r.status_code, r.text)
                assert set(r.json()) == {"error"}
        r = client.post("/api/documents", json={"text": "A clash.", "id": "down-1"}, headers=AUTH)
        assert r.status_code == 201  # the same report, accepted once the database is back
    assert check_store(store).problems == []

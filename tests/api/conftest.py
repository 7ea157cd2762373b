"""An app over a fresh database (SQLite and PostgreSQL), seeded with hand-built events."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitrep.api import create_app
from tests.api.seed import AUTH, TOKEN, seed_docs
from tests.conftest import PG_BASE, _pg_available

__all__ = ["AUTH", "TOKEN", "Api"]

_PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


@dataclass
class Api:
    app: FastAPI
    client: TestClient

    def table_count(self, table: str) -> int:
        return int(self.app.state.sitrep.store.count(table))


def _seeded(db_url: str) -> Iterator[Api]:
    app = create_app(db_url=db_url, token=TOKEN)
    store = app.state.sitrep.store
    for doc in seed_docs():
        assert store.add(doc)
    with TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        yield Api(app=app, client=client)


@pytest.fixture
def api(db_url: str) -> Iterator[Api]:
    """A seeded app of its own, for tests that write."""
    yield from _seeded(db_url)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def read_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """A seeded app shared by a module's read-only tests (same databases as ``db_url``)."""
    if request.param == "sqlite":
        yield from _seeded(f"sqlite:///{tmp_path_factory.mktemp('api') / 'read.db'}")
        return
    reason = _pg_available()
    if reason:
        pytest.skip(reason)
    import psycopg

    schema = f"sitrep_r_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_PG_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield from _seeded(f"{PG_BASE}?options=-csearch_path%3D{schema}")
    finally:
        with psycopg.connect(_PG_DSN, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

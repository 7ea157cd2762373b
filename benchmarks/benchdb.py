"""A fresh, empty database for a benchmark run, removed afterwards."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine

__all__ = ["fresh_db"]


@contextmanager
def fresh_db(url: str | None) -> Iterator[str]:
    """A temporary SQLite file (``url`` None or SQLite), or a private schema of the PostgreSQL
    database ``url`` that is dropped afterwards (so benchmarks never fill the public schema)."""
    if not url or not url.startswith("postgresql"):
        with tempfile.TemporaryDirectory() as tmp:
            yield url or f"sqlite:///{tmp}/bench.db"
        return
    schema = f"sitrep_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()

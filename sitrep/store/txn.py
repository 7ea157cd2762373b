"""The store's concurrency model: exclusive write transactions, advisory locks, bounded retry.

Every read-then-write in the store (migrating, merging, undoing a merge, splitting, reviewing)
runs in :func:`write_transaction`, so what it read cannot change before it writes:

- **SQLite**: ``BEGIN IMMEDIATE`` takes the database's single write lock *before* the first read
  (the driver's default ``BEGIN`` is deferred and issued only before the first write, which lets a
  second process commit in between). Waiting for the lock is bounded by the busy timeout (30 s).
- **PostgreSQL** (READ COMMITTED): ``lock=`` takes a transaction-level advisory lock
  (``pg_advisory_xact_lock``) with a fixed key, released at commit or rollback. Migrations take
  :data:`MIGRATE_LOCK`; merge writers (merging, unmerge, split) take :data:`MERGE_LOCK`, so their
  read-candidates-then-write steps run one at a time; they also lock the candidate event rows
  (``SELECT ... FOR UPDATE`` in primary-key order), which is what a review edit locks too. Plain
  document writes (``extract --db`` without ``--merge``, the API) hold :data:`MERGE_LOCK` shared:
  side by side with each other, never inside a merge batch.

:func:`retrying` re-runs a whole transaction when the database gives up on it anyway: a PostgreSQL
serialization failure (40001), deadlock (40P01) or lock timeout (55P03), or SQLite's "database is
locked" after the busy timeout. At most ``attempts`` tries, with exponential back-off and full
jitter; the last error is raised as it is.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

__all__ = ["MERGE_LOCK", "MIGRATE_LOCK", "RETRY_ATTEMPTS", "is_retryable", "retrying",
           "write_transaction"]

#: Advisory lock key held while the schema is created or upgraded (PostgreSQL).
MIGRATE_LOCK = 0x5174_7265_7001
#: Advisory lock key held by merge writers: merging, unmerge, split (PostgreSQL).
MERGE_LOCK = 0x5174_7265_7002
#: Tries of one transaction before its error is raised.
RETRY_ATTEMPTS = 6

_RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
_T = TypeVar("_T")


@contextmanager
def write_transaction(engine: Engine, *, lock: int | None = None,
                      shared: bool = False) -> Iterator[Connection]:
    """A transaction that holds the write lock (SQLite) or the advisory ``lock`` (PostgreSQL)
    from its first statement; committed on success, rolled back on error.

    ``shared`` takes the advisory lock in shared mode: shared holders run side by side and
    exclude only the exclusive holders. Plain document writes (``Store.add``) hold
    :data:`MERGE_LOCK` shared, so a merge batch, which holds it exclusively between reading
    "which documents are stored" and inserting them, never meets a plain run's row half-way.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif lock is not None and conn.dialect.name == "postgresql":
            how = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
            conn.execute(text(f"SELECT {how}(:key)"), {"key": lock})
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


def is_retryable(exc: BaseException) -> bool:
    """Whether re-running the whole transaction may succeed (a conflict, not a bad statement)."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state in _RETRY_SQLSTATES:
        return True
    message = str(orig).lower()
    return "database is locked" in message or "database table is locked" in message


def retrying(work: Callable[[], _T], *, attempts: int = RETRY_ATTEMPTS, base_delay: float = 0.05,
             max_delay: float = 2.0, sleep: Callable[[float], None] = time.sleep) -> _T:
    """``work()``, re-run after a retryable error (see the module docstring) at most ``attempts``
    times in all. ``work`` must be a whole transaction: nothing it did survives a failed try."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DBAPIError as exc:
            if attempt == attempts or not is_retryable(exc):
                raise
            sleep(random.uniform(0, min(max_delay, base_delay * 2 ** attempt)))  # noqa: S311 - jitter
    raise AssertionError("unreachable")  # pragma: no cover

"""Engine creation and migrations: one SQLAlchemy path for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from .search import fold
from .txn import MIGRATE_LOCK, retrying, write_transaction

__all__ = ["make_engine", "migrate", "normalise_url", "refresh_planner_stats"]

_MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Accept plain paths and ``postgresql://`` (psycopg 3 driver)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection, connection_record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    # the name filters' folding (sitrep.store.search), the same in SQL as in Python
    dbapi_connection.create_function("sitrep_fold", 1, fold, deterministic=True)


def _pg_connect_args(url: str) -> dict[str, object]:
    return {"prepare_threshold": None} if url.startswith("postgresql+psycopg:") else {}


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        if url.startswith("sqlite"):
            path = url.split("sqlite:///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            # No server-side prepared statements: PostgreSQL would keep a generic plan made while the
            # tables were small (sequential scans) for the whole session, and bulk merging a large
            # corpus then slows down batch after batch. Planning each query afresh is cheap here.
            engine = create_engine(url, pool_pre_ping=True, connect_args=_pg_connect_args(url))
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot open database {url!r}: {exc}", code="E401") from exc
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision.

    Under a lock, so that processes opening one fresh database at once do not both create it: the
    advisory lock ``MIGRATE_LOCK`` on PostgreSQL, the write lock (``BEGIN IMMEDIATE``) on SQLite.
    The second process waits, then finds the schema current and does nothing.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))

    def upgrade() -> None:
        with write_transaction(engine, lock=MIGRATE_LOCK) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")  # each capability may add its own branch off 0001

    try:
        retrying(upgrade)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate database {engine.url!r}: {exc}", code="E402") from exc


def refresh_planner_stats(conn: Connection, tables: Sequence[str]) -> None:
    """PostgreSQL only: ANALYZE those of ``tables`` whose statistics are stale (no-op elsewhere).

    Without statistics the planner assumes a 400-value ``IN`` list matches the whole table and scans
    it, so each batch costs more than the last; autovacuum may not get there during a bulk load. A
    table is re-analysed once it has changed by more than half its size (a geometric schedule:
    about log2(N) ANALYZE runs over a load of N rows).
    """
    if conn.dialect.name != "postgresql":
        return
    stale = conn.execute(text(
        "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
        "AND relname = ANY(:names) AND n_mod_since_analyze > GREATEST(1000, n_live_tup / 2)"),
        {"names": list(tables)}).scalars().all()
    for name in stale:
        conn.execute(text(f'ANALYZE "{name}"'))

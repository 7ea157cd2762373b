"""The database an export reads: it must already exist and answer.

Why: opening a store creates and migrates it, so ``sitrep export --db sqlite:///typo/x.db`` used to
make an empty database (and its folders) and report "0 events exported" with exit 0, and a
mistyped PostgreSQL address surfaced as a migration failure. An export never creates anything.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from ..errors import StoreError
from ..store import Store, normalise_url, open_store

__all__ = ["open_existing_store"]

CONNECT_TIMEOUT = 10  # seconds to wait for a PostgreSQL server before calling it unreachable


def _sqlite_path(url: str) -> str:
    return url.split(":///", 1)[-1].split("?", 1)[0]


def open_existing_store(url: str) -> Store:
    """Open the database at ``url`` for reading events; :class:`StoreError` when it is not there.

    SQLite: the file must exist (E404). Other databases: the server must answer (E403).
    """
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = _sqlite_path(url)
        if not path or path == ":memory:" or not Path(path).is_file():
            raise StoreError(f"no database at {path or url!r}: nothing to export (check --db)", code="E404")
        return open_store(url)
    try:
        args = {"connect_timeout": CONNECT_TIMEOUT} if url.startswith("postgresql") else {}
        probe = create_engine(url, poolclass=NullPool, connect_args=args)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot open database {url!r}: {exc}", code="E401") from exc
    shown = probe.url.render_as_string(hide_password=True)
    try:
        with probe.connect():
            pass
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
        raise StoreError(f"cannot reach database {shown}: {reason}", code="E403") from exc
    finally:
        probe.dispose()
    return open_store(url)

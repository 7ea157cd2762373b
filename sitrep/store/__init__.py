"""Store: SQLAlchemy 2 + Alembic, SQLite by default, PostgreSQL through the same code."""

from .engine import make_engine, migrate, normalise_url
from .repository import EventFilter, Store, open_store

__all__ = ["EventFilter", "Store", "make_engine", "migrate", "normalise_url", "open_store"]

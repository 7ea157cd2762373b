"""Alembic environment: the connection is handed in by sitrep.store.migrate()."""

from __future__ import annotations

from alembic import context

from sitrep.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - sitrep always passes a connection
    raise RuntimeError("run migrations through sitrep.store.migrate()")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""Resumable runs: a run is keyed by its inputs and settings; finished items are checkpointed.

Killed at any point and started again with the same inputs and settings, a run skips the items
its earlier attempts finished and codes the rest. Storing a document is idempotent (one
transaction per document, keyed by its id), so an item coded but not yet checkpointed when the
process died is simply found in the store the next time: no duplicates, no gaps.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
    update,
)  # fmt: skip
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..config import Settings
from ..errors import ConfigError, StoreError
from .inputs import input_identity

__all__ = ["RunLedger", "run_items", "run_key", "runs"]

_meta = MetaData()

runs = Table(
    "runs", _meta,
    Column("id", String(64), primary_key=True),
    Column("inputs", JSON, nullable=False),
    Column("settings", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("total", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)  # fmt: skip

run_items = Table(
    "run_items", _meta,
    Column("run_id", String(64), ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("doc_id", String(255)),
    Column("status", String(16), nullable=False),
    Column("n_events", Integer, nullable=False),
)  # fmt: skip


def _now() -> datetime:
    return datetime.now(UTC)


def run_key(identity: list[list[object]], settings: Settings) -> str:
    """sha256 over the inputs' identities (path, size, mtime) and every setting."""
    payload = json.dumps({"inputs": identity, "settings": settings.model_dump(mode="json")},
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


class RunLedger:
    """Progress of one run in the store: which input ordinals are finished.

    Checkpoints are written in batches (every ``flush_every`` items or ``flush_seconds``), in
    their own transactions; losing the last batch to a kill only means recoding those items,
    which the store then recognises by document id.
    """

    def __init__(self, engine: Engine, run_id: str, *, done: dict[int, str | None] | None = None,
                 quarantined: set[int] | None = None, flush_every: int = 32,
                 flush_seconds: float = 2.0) -> None:
        self.engine = engine
        self.run_id = run_id
        self.done: dict[int, str | None] = dict(done or {})
        #: finished items whose outcome was quarantine (e.g. refused by the store): nothing to re-emit
        self.quarantined: set[int] = set(quarantined or ())
        self.flush_every = flush_every
        self.flush_seconds = flush_seconds
        self._pending: list[dict[str, object]] = []
        self._last_flush = time.monotonic()

    @classmethod
    def open(cls, engine: Engine, inputs: Iterable[str | Path], settings: Settings, *,
             total: int | None = None, flush_every: int = 32,
             flush_seconds: float = 2.0) -> RunLedger:
        """Find the run for these inputs and settings (or start it) and load its progress."""
        inputs = list(inputs)
        if any(str(i) == "-" for i in inputs):
            raise ConfigError("--resume cannot read stdin: pass files or directories", code="E150")
        identity = input_identity(inputs)
        key = run_key(identity, settings)
        try:
            with engine.begin() as conn:
                row = conn.execute(select(runs.c.id).where(runs.c.id == key)).first()
                if row is None:
                    now = _now()
                    conn.execute(insert(runs).values(
                        id=key, inputs=identity[:1000], settings=settings.model_dump(mode="json"),
                        status="running", total=total, created_at=now, updated_at=now))
                    done: dict[int, str | None] = {}
                    quarantined: set[int] = set()
                else:
                    conn.execute(update(runs).where(runs.c.id == key)
                                 .values(status="running", updated_at=_now()))
                    rows = conn.execute(select(run_items.c.ordinal, run_items.c.doc_id,
                                               run_items.c.status)
                                        .where(run_items.c.run_id == key)).all()
                    done = {int(r.ordinal): r.doc_id for r in rows}
                    quarantined = {int(r.ordinal) for r in rows if r.status == "quarantined"}
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open run {key[:12]}: {exc}", code="E420") from exc
        return cls(engine, key, done=done, quarantined=quarantined, flush_every=flush_every,
                   flush_seconds=flush_seconds)

    def is_done(self, ordinal: int, doc_id: str | None = None) -> bool:
        """True when an earlier attempt finished this item (and it is still the same document)."""
        if ordinal not in self.done:
            return False
        recorded = self.done[ordinal]
        return doc_id is None or recorded is None or recorded == doc_id

    def mark(self, ordinal: int, *, doc_id: str | None, status: str, n_events: int) -> None:
        if ordinal in self.done:
            return
        self.done[ordinal] = doc_id
        if status == "quarantined":
            self.quarantined.add(ordinal)
        self._pending.append({"run_id": self.run_id, "ordinal": ordinal, "doc_id": doc_id,
                              "status": status, "n_events": n_events})
        if (len(self._pending) >= self.flush_every
                or time.monotonic() - self._last_flush >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        rows, self._pending = self._pending, []
        self._last_flush = time.monotonic()
        if not rows:
            return
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(run_items), rows)
        except IntegrityError:
            self._insert_one_by_one(rows)  # some were written by a concurrent attempt
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot checkpoint run {self.run_id[:12]}: {exc}", code="E421") from exc

    def _insert_one_by_one(self, rows: list[dict[str, object]]) -> None:
        for row in rows:
            try:
                with self.engine.begin() as conn:
                    conn.execute(insert(run_items).values(**row))
            except IntegrityError:
                continue

    def finish(self) -> None:
        self.flush()
        try:
            with self.engine.begin() as conn:
                conn.execute(update(runs).where(runs.c.id == self.run_id)
                             .values(status="done", updated_at=_now()))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot close run {self.run_id[:12]}: {exc}", code="E421") from exc

    def status(self) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(runs.c.status).where(runs.c.id == self.run_id)).first()
        return None if row is None else str(row.status)

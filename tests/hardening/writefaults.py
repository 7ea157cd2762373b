"""Disk-full and I/O-error injection at a chosen write of a run (tests and ``make stress``).

Why at the DBAPI level: the failure must look to sitrep exactly like a real one (the driver's own
``sqlite3.OperationalError("database or disk is full")`` or ``psycopg.errors.DiskFull``, wrapped by
SQLAlchemy as it wraps a real one), at any write statement of any engine the run opens, so the
whole path from the failing statement to the message and the exit code is the real path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event

__all__ = ["WriteFault", "inject_write_fault", "write_kind"]

_WRITES = ("INSERT", "UPDATE", "DELETE")
#: What the injected error says, per kind (the driver's wording for a full disk / an I/O error).
MESSAGES = {"disk-full": ("database or disk is full", "could not extend file: No space left on device"),
            "io-error": ("disk I/O error", "could not write to file: Input/output error")}


def write_kind(statement: str) -> str | None:
    """``"INSERT INTO documents"``-style label of a write statement, None for a read."""
    words = statement.split()
    if not words or words[0].upper() not in _WRITES:
        return None
    table = words[2] if words[0].upper() in ("INSERT", "DELETE") and len(words) > 2 else words[1]
    name = table.strip('"').lower()
    return f"{words[0].upper()} {name}"


@dataclass(eq=False)  # hashable by identity: SQLAlchemy keeps listeners in weak mappings
class WriteFault:
    """Counts writes; raises at the ``at``-th one (or the ``at``-th of ``kind``) when ``at`` > 0."""

    at: int = 0
    kind: str | None = None
    error: str = "disk-full"
    writes: list[str] = field(default_factory=list)
    raised: int = 0

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> Any:
        label = write_kind(statement)
        if label is None:
            return statement, parameters
        self.writes.append(label)
        nth = len(self.writes) if self.kind is None else self.writes.count(self.kind)
        if self.at and nth == self.at and (self.kind is None or label == self.kind):
            self.raised += 1
            lite, pg = MESSAGES[self.error]
            if conn.dialect.name == "postgresql":
                import psycopg

                raise psycopg.errors.DiskFull(pg) if self.error == "disk-full" else psycopg.OperationalError(pg)
            raise sqlite3.OperationalError(lite)
        return statement, parameters


@contextmanager
def inject_write_fault(fault: WriteFault) -> Iterator[WriteFault]:
    """Apply ``fault`` to every engine (those the run under test opens included) while inside."""
    event.listen(Engine, "before_cursor_execute", fault, retval=True)
    try:
        yield fault
    finally:
        event.remove(Engine, "before_cursor_execute", fault)

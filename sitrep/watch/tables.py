"""Tables of the watcher (their own MetaData; created by migration 0005_watch).

- ``watch_seen``: every article URL met, once, with its content hash and what became of it.
- ``watch_fetch_state``: validators (ETag / Last-Modified) and last outcome per fetched URL.
- ``watch_alerts``: alerts fired, once per (rule, event); the sizes at firing tell growth.
- ``watch_sources``: per-source status, read by the CLI table and the API.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["metadata", "watch_alerts", "watch_fetch_state", "watch_seen", "watch_sources"]

metadata = MetaData()
_TZ = DateTime(timezone=True)

watch_seen = Table(
    "watch_seen", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url_hash", String(64), nullable=False),
    Column("url", Text, nullable=False),
    Column("content_hash", String(64)),
    Column("source", String(500), nullable=False),
    Column("doc_id", String(255)),
    Column("status", String(16), nullable=False),  # stored | duplicate | skipped | quarantined
    Column("reason", Text),
    Column("first_seen", _TZ, nullable=False),
    UniqueConstraint("url_hash", name="uq_watch_seen_url"),
    Index("ix_watch_seen_content", "content_hash"),
)  # fmt: skip

watch_fetch_state = Table(
    "watch_fetch_state", metadata,
    Column("url_hash", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("content_hash", String(64)),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("fetched_at", _TZ),
)  # fmt: skip

watch_alerts = Table(
    "watch_alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule", String(200), nullable=False),
    Column("event_key", String(255), nullable=False),
    Column("fatalities", Integer),
    Column("n_sources", Integer, nullable=False),
    Column("times", Integer, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("delivery", Text),  # "ok" or the failures, sink by sink
    Column("failed_sinks", JSON),  # indexes into the rule's sinks still to deliver to
    Column("attempts", Integer, nullable=False, default=0),  # deliveries tried
    Column("fired_at", _TZ, nullable=False),
    UniqueConstraint("rule", "event_key", name="uq_watch_alerts_rule_event"),
)  # fmt: skip

watch_sources = Table(
    "watch_sources", metadata,
    Column("name", String(500), primary_key=True),
    Column("last_attempt", _TZ),
    Column("last_success", _TZ),
    Column("last_error", Text),
    Column("last_error_at", _TZ),
    Column("new_articles", Integer, nullable=False),  # in the last poll
    Column("total_articles", Integer, nullable=False),
    Column("errors", Integer, nullable=False),  # in the last poll
    Column("total_errors", Integer, nullable=False),
    Column("consecutive_failures", Integer, nullable=False),
    Column("polls", Integer, nullable=False),
    Column("last_duration", JSON),  # seconds, as a float
)  # fmt: skip

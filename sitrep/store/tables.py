"""Table definitions (SQLAlchemy Core): one schema for SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)  # fmt: skip

__all__ = ["claims", "documents", "event_documents", "events", "evidence", "metadata", "quarantine"]

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(255), primary_key=True),
    Column("text", Text, nullable=False),
    Column("date", Date),
    Column("source", String(500)),
    Column("url", Text),
    Column("title", Text),
    Column("language", String(16)),
    Column("country", String(120)),
    Column("origin", Text),
    Column("n_events", Integer, nullable=False, default=0),
    Column("notes", JSON),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)  # fmt: skip

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id_cnty", String(64), nullable=False, unique=True),
    Column("doc_id", String(255), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("event_date", Date),
    Column("year", Integer),
    Column("event_type", String(64)),
    Column("sub_event_type", String(64)),
    Column("actor1", String(300)),
    Column("actor2", String(300)),
    Column("inter1", Integer),
    Column("inter2", Integer),
    Column("country", String(120)),
    Column("admin1", String(200)),
    Column("location", String(300)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("fatalities", Integer),
    Column("confidence", Float),
    Column("status", String(16), nullable=False, default="new"),
    Column("data", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_events_date", "event_date"),
    Index("ix_events_country_admin1", "country", "admin1"),
    Index("ix_events_type", "event_type", "sub_event_type"),
    Index("ix_events_doc", "doc_id"),
)  # fmt: skip

event_documents = Table(
    "event_documents", metadata,
    Column("event_pk", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", String(255), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)  # fmt: skip

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_pk", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(255), nullable=False),
    Column("field", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_evidence_event", "event_pk"),
)  # fmt: skip

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_pk", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(255)),
    Column("quantity", String(32), nullable=False),
    Column("what", Text),
    Column("low", Integer),
    Column("high", Integer),
    Column("claimant_chain", JSON, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Index("ix_claims_event", "event_pk"),
)  # fmt: skip

quarantine = Table(
    "quarantine", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    Column("raw", Text),
    Column("fingerprint", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("fingerprint", name="uq_quarantine_fingerprint"),
)  # fmt: skip

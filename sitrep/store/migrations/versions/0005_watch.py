"""Watcher state: seen articles, fetch validators, fired alerts, source status.

Revision ID: 0005_watch
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_watch"
down_revision = "0001"
branch_labels = ("watch",)
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "watch_seen",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url_hash", sa.String(64), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("doc_id", sa.String(255)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("first_seen", _TZ, nullable=False),
        sa.UniqueConstraint("url_hash", name="uq_watch_seen_url"),
    )
    op.create_index("ix_watch_seen_content", "watch_seen", ["content_hash"])
    op.create_table(
        "watch_fetch_state",
        sa.Column("url_hash", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("fetched_at", _TZ),
    )
    op.create_table(
        "watch_alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("event_key", sa.String(255), nullable=False),
        sa.Column("fatalities", sa.Integer),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("times", sa.Integer, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("delivery", sa.Text),
        sa.Column("failed_sinks", sa.JSON),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("fired_at", _TZ, nullable=False),
        sa.UniqueConstraint("rule", "event_key", name="uq_watch_alerts_rule_event"),
    )
    op.create_table(
        "watch_sources",
        sa.Column("name", sa.String(500), primary_key=True),
        sa.Column("last_attempt", _TZ),
        sa.Column("last_success", _TZ),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", _TZ),
        sa.Column("new_articles", sa.Integer, nullable=False),
        sa.Column("total_articles", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("total_errors", sa.Integer, nullable=False),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.Column("polls", sa.Integer, nullable=False),
        sa.Column("last_duration", sa.JSON),
    )


def downgrade() -> None:
    op.drop_table("watch_sources")
    op.drop_table("watch_alerts")
    op.drop_table("watch_fetch_state")
    op.drop_index("ix_watch_seen_content", table_name="watch_seen")
    op.drop_table("watch_seen")

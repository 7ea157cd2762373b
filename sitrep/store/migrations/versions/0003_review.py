"""Review workflow: an audit log row for every accept, reject or edit of an event.

Revision ID: 0003_review
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_review"
down_revision = "0001"
branch_labels = ("review",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_pk", sa.Integer, nullable=False),  # no FK: the trail outlives the event
        sa.Column("event_id_cnty", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.JSON, nullable=False),
        sa.Column("after", sa.JSON, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_audit_log_event", "audit_log", ["event_pk"])
    op.create_index("ix_events_status", "events", ["status"])
    op.create_index("ix_events_date_id", "events", ["event_date", "id"])  # list order


def downgrade() -> None:
    op.drop_index("ix_events_date_id", table_name="events")
    op.drop_index("ix_events_status", table_name="events")
    op.drop_index("ix_audit_log_event", table_name="audit_log")
    op.drop_table("audit_log")

"""Cross-report merging: blocking keys per event and an undoable merge log.

Revision ID: 0002_merges
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_merges"
down_revision = "0001"
branch_labels = ("merges",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_blocks",
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("key", sa.String(80), primary_key=True),
    )
    op.create_index("ix_event_blocks_key", "event_blocks", ["key"])
    op.create_table(
        "merges",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target_event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("doc_id", sa.String(255), nullable=False),
        sa.Column("incoming", sa.JSON, nullable=False),  # the report as its document coded it
        sa.Column("target_before", sa.JSON, nullable=False),  # the stored event before this merge
        sa.Column("merged", sa.JSON, nullable=False),  # the stored event after this merge
        sa.Column("features", sa.JSON, nullable=False),  # why: what matched
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True)),
        sa.Column("restored_event_pk", sa.Integer),
    )
    op.create_index("ix_merges_target", "merges", ["target_event_pk"])


def downgrade() -> None:
    op.drop_table("merges")
    op.drop_table("event_blocks")

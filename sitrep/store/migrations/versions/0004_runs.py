"""Resumable runs: one row per run (keyed by inputs + settings) and one per finished input item.

Revision ID: 0004_runs
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_runs"
down_revision = "0001"
branch_labels = ("runs",)
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
    )
    op.create_table(
        "run_items",
        sa.Column("run_id", sa.String(64), sa.ForeignKey("runs.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("ordinal", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(255)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("n_events", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("run_items")
    op.drop_table("runs")

"""Review splits: merge-log rows say whether a merge, or a reviewer's split, wrote them.

``merges.kind``: NULL for a merge made by the matcher; ``split-base`` for the row that records an
event's first report after a split (never a live merge); ``split-keep`` for a report a split kept
together with that first report (undoable like a merge); ``split-undone`` for a merge a split
superseded (its report now lives in the event named by ``restored_event_pk``).

Revision ID: 0006_split
Revises: 0002_merges
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_split"
down_revision = "0002_merges"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("merges") as batch:
        batch.add_column(sa.Column("kind", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("merges") as batch:
        batch.drop_column("kind")

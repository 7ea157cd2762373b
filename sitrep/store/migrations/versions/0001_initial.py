"""Initial schema: documents, events, event_documents, evidence, claims, quarantine.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("source", sa.String(500)),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("country", sa.String(120)),
        sa.Column("origin", sa.Text),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("notes", sa.JSON),
        sa.Column("ingested_at", _TZ, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id_cnty", sa.String(64), nullable=False, unique=True),
        sa.Column("doc_id", sa.String(255), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("event_date", sa.Date),
        sa.Column("year", sa.Integer),
        sa.Column("event_type", sa.String(64)),
        sa.Column("sub_event_type", sa.String(64)),
        sa.Column("actor1", sa.String(300)),
        sa.Column("actor2", sa.String(300)),
        sa.Column("inter1", sa.Integer),
        sa.Column("inter2", sa.Integer),
        sa.Column("country", sa.String(120)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("location", sa.String(300)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("fatalities", sa.Integer),
        sa.Column("confidence", sa.Float),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
    )
    op.create_index("ix_events_date", "events", ["event_date"])
    op.create_index("ix_events_country_admin1", "events", ["country", "admin1"])
    op.create_index("ix_events_type", "events", ["event_type", "sub_event_type"])
    op.create_index("ix_events_doc", "events", ["doc_id"])
    op.create_table(
        "event_documents",
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("doc_id", sa.String(255), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    for name, cols in (
        ("evidence", [sa.Column("field", sa.String(64), nullable=False),
                      sa.Column("start", sa.Integer, nullable=False),
                      sa.Column("end", sa.Integer, nullable=False),
                      sa.Column("text", sa.Text, nullable=False)]),
        ("claims", [sa.Column("quantity", sa.String(32), nullable=False),
                    sa.Column("what", sa.Text), sa.Column("low", sa.Integer),
                    sa.Column("high", sa.Integer),
                    sa.Column("claimant_chain", sa.JSON, nullable=False),
                    sa.Column("sentence", sa.Text, nullable=False),
                    sa.Column("start", sa.Integer), sa.Column("end", sa.Integer)]),
    ):
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                      nullable=False),
            sa.Column("doc_id", sa.String(255), nullable=name == "claims"),
            *cols,  # type: ignore[arg-type]  # a list of Columns, typed list[object] by the loop
        )
        op.create_index(f"ix_{name}_event", name, ["event_pk"])
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("raw", sa.Text),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.UniqueConstraint("fingerprint", name="uq_quarantine_fingerprint"),
    )


def downgrade() -> None:
    for name in ("quarantine", "claims", "evidence", "event_documents", "events", "documents"):
        op.drop_table(name)

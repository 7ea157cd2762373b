"""Full-text search over documents (title and text).

SQLite: an FTS5 table ``documents_fts`` (document id, title, text; unicode61 tokenizer, diacritics
removed) holding its own copy of the first ``FTS_CHARS`` characters (a table without an integer
primary key may renumber its rowids, so an external-content index could drift), kept in step with
``documents`` by three triggers, and filled from the documents already stored. PostgreSQL: a GIN
index on the tsvector expression of :func:`sitrep.store.search.pg_document_vector_sql`.

A later migration that rebuilds ``documents`` in batch mode on SQLite must recreate the triggers.

Revision ID: 0007_search
Revises: 0006_split
"""

from alembic import op

from sitrep.store.search import FTS_CHARS, pg_document_vector_sql

revision = "0007_search"
down_revision = "0006_split"
branch_labels = None
depends_on = None

_BODY = f"substr(coalesce(NEW.title, ''), 1, {FTS_CHARS}), substr(NEW.text, 1, {FTS_CHARS})"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING gin "
                   f"(({pg_document_vector_sql()}))")
        return
    op.execute("CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
               "doc_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')")
    op.execute("DELETE FROM documents_fts")
    op.execute(f"INSERT INTO documents_fts (doc_id, title, text) SELECT id, "
               f"{_BODY.replace('NEW.', '')} FROM documents")
    op.execute(f"CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN "
               f"INSERT INTO documents_fts (doc_id, title, text) VALUES (NEW.id, {_BODY}); END")
    op.execute("CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN "
               "DELETE FROM documents_fts WHERE doc_id = OLD.id; END")
    op.execute(f"CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF id, title, text "
               f"ON documents BEGIN DELETE FROM documents_fts WHERE doc_id = OLD.id; "
               f"INSERT INTO documents_fts (doc_id, title, text) VALUES (NEW.id, {_BODY}); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fts")
        return
    for name in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{name}")
    op.execute("DROP TABLE IF EXISTS documents_fts")

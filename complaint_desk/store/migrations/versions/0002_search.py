"""search: FTS5 trigram index over the case text (pg_trgm GIN indexes on PostgreSQL); list indexes

Revision ID: 0002_search
Revises: 0001

The index is an external-content FTS5 table over ``complaints`` (it stores only the index,
not a second copy of the text). Triggers keep it in step with every insert, delete and
update of the indexed columns, whoever writes the row (the ORM, the demo's executemany, an
import). A later migration that rebuilds ``complaints`` in batch mode drops these triggers
with the old table: it must run ``SEARCH_DDL`` again (and ``rebuild``).

On PostgreSQL the index is two GIN trigram indexes (pg_trgm): one over the public text of a
case as one expression, one over the complainant's name (searched only by roles that may see
it). store/search.py writes the same expressions, so the planner uses them.
"""
from alembic import op

revision = '0002_search'
down_revision = '0001'
branch_labels = None
depends_on = None

FTS_COLUMNS = ("reference", "subject", "description", "project", "building", "unit",
               "complainant_name")
_COLS = ", ".join(FTS_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in FTS_COLUMNS)

SEARCH_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS complaints_fts USING fts5({_COLS}, "
    "content='complaints', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS complaints_fts_insert AFTER INSERT ON complaints BEGIN "
    f"INSERT INTO complaints_fts(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS complaints_fts_delete AFTER DELETE ON complaints BEGIN "
    f"INSERT INTO complaints_fts(complaints_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); "
    "END",
    f"CREATE TRIGGER IF NOT EXISTS complaints_fts_update AFTER UPDATE OF {_COLS} ON complaints "
    f"BEGIN INSERT INTO complaints_fts(complaints_fts, rowid, {_COLS}) "
    f"VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO complaints_fts(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
)

# Indexes the case list sorts and filters by (docs/gui.md has the measured times).
LIST_INDEXES = {
    "ix_complaints_status_received": ["status", "received_at"],
    "ix_complaints_reference": ["reference"],
    "ix_complaints_channel_received": ["channel", "received_at"],
    "ix_complaints_responsible_unit": ["responsible_unit", "received_at"],
    "ix_complaints_level_received": ["level", "received_at"],
    "ix_complaints_subject": ["subject"],
}


# Keep in step with store/search.py (PUBLIC_TEXT_SQL).
PG_PUBLIC_TEXT = ("(coalesce(reference, '') || ' ' || coalesce(subject, '') || ' ' || "
                  "coalesce(description, '') || ' ' || coalesce(project, '') || ' ' || "
                  "coalesce(building, '') || ' ' || coalesce(unit, ''))")
PG_SEARCH_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX ix_complaints_text_trgm ON complaints USING gin ({PG_PUBLIC_TEXT} gin_trgm_ops)",
    "CREATE INDEX ix_complaints_name_trgm ON complaints USING gin (complainant_name gin_trgm_ops)",
)


def upgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name, columns in LIST_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for statement in PG_SEARCH_DDL:
            op.execute(statement)
    if dialect != "sqlite":
        return
    for statement in SEARCH_DDL:
        op.execute(statement)
    op.execute("INSERT INTO complaints_fts(complaints_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_complaints_text_trgm")
        op.execute("DROP INDEX IF EXISTS ix_complaints_name_trgm")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS complaints_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS complaints_fts")
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name in LIST_INDEXES:
            batch_op.drop_index(name)

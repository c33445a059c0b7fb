"""Alembic environment: always run programmatically with a connection (store/database.py)."""

from alembic import context

from complaint_desk.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the command-line alembic tool is not used
    raise RuntimeError("Run migrations through complaint_desk.store.database.open_database")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    transaction_per_migration=False,
)
context.run_migrations()

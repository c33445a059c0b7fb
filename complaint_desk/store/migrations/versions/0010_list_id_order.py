"""list id order: the list's sort indexes end with id on every engine

Revision ID: 0010_list_id_order
Revises: 0009_kpi_cover

The list orders by its sort key and then by id (store/case_list.py: the order must be total).
SQLite's indexes end with the rowid (= id) by themselves, so ``(due_on)`` and ``(subject)``
give that whole order there; PostgreSQL's do not, and it sorted every tie by id before the
first row: the NULL due dates first in "due date, latest first" (7 % of the cases) and the
39 demo subjects' thousands of cases each (at 100,000 cases 22 ms and 11 ms against 0.2-0.8 ms
for every other column; at 1,000,000 ten times that). With id in the index both sorts, and
the list's keyset pages from a boundary row (WHERE (key, id) after the boundary's), are index
range reads on both engines. On SQLite the order is the same as before (the id is the rowid).
"""
from alembic import op

revision = '0010_list_id_order'
down_revision = '0009_kpi_cover'
branch_labels = None
depends_on = None

WITH_ID = {"ix_complaints_due": "due_on", "ix_complaints_subject": "subject"}


def upgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name, column in WITH_ID.items():
            batch_op.drop_index(name)
            batch_op.create_index(name, [column, "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name, column in WITH_ID.items():
            batch_op.drop_index(name)
            batch_op.create_index(name, [column], unique=False)

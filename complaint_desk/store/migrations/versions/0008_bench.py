"""bench: indexes the benchmark showed were missing at a million cases

Revision ID: 0008_bench
Revises: 0007_exchange

``ix_complaints_open_span`` covers "open at a moment, and overdue then" (store/queries.py
open_at, overdue_on): the range ``closed_at IS NULL OR closed_at >= moment`` is read from the
index alone, with received_at, due_on and office_code beside it, instead of looking up every
case received before the moment (4.7 s → 0.1 s for the monthly report's 13 months at 100,000
cases; bench/results). With satisfaction and level it also covers the facts of the cases
closed in a period (store/queries.py closed_facts, queries_analysis.closed_facts_by_level).

``ix_complaints_received_facts`` covers the facts of the cases received in a period
(queries.received_facts): a year of them for the dashboard, 13 months for the report. A case
row holds kilobytes of Thai text; reading 400,000 of them to get six short columns was the
cost, not the arithmetic.
"""
from alembic import op

revision = '0008_bench'
down_revision = '0007_exchange'
branch_labels = None
depends_on = None

BENCH_INDEXES = {
    "ix_complaints_open_span": ["closed_at", "received_at", "due_on", "office_code",
                                "satisfaction", "level"],
    "ix_complaints_received_facts": ["received_at", "office_code", "acknowledged_at",
                                     "ack_due_on", "channel", "category_code", "level"],
}


def upgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name, columns in BENCH_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name in BENCH_INDEXES:
            batch_op.drop_index(name)

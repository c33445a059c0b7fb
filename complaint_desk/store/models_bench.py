"""Indexes added for speed at national scale (migration 0008_bench; bench/ measures them).

Declared here too so the schema in Python matches the migrated database.
"""

from __future__ import annotations

from sqlalchemy import Index

from complaint_desk.store.models import ComplaintRow as C

BENCH_INDEXES = (
    # open at a moment / overdue then (store/queries.py open_at, overdue_on), from the index
    Index("ix_complaints_open_span", C.closed_at, C.received_at, C.due_on, C.office_code,
          C.satisfaction, C.level),
    # the facts of the cases received in a period (queries.received_facts), from the index
    Index("ix_complaints_received_facts", C.received_at, C.office_code, C.acknowledged_at,
          C.ack_due_on, C.channel, C.category_code, C.level),
)

"""Indexes added for speed at national scale (migrations 0008_bench, 0009_kpi_cover; bench/
measures them).

Declared here too so the schema in Python matches the migrated database.
"""

from __future__ import annotations

from sqlalchemy import Index

from complaint_desk.store.models import ComplaintRow as C

BENCH_INDEXES = (
    # open at a moment / overdue then (store/queries.py open_at, overdue_on), also by
    # responsible unit, and the tallies of the cases closed in a period, from the index
    Index("ix_complaints_open_span", C.closed_at, C.received_at, C.due_on, C.office_code,
          C.satisfaction, C.level, C.responsible_unit),
    # the facts of the cases received in a period (queries.received_facts), from the index
    Index("ix_complaints_received_facts", C.received_at, C.office_code, C.acknowledged_at,
          C.ack_due_on, C.channel, C.category_code, C.level),
    # the cases received in a period by location and by complainant key (the dashboard)
    Index("ix_complaints_received_places", C.received_at, C.office_code, C.project, C.building,
          C.complainant_key),
)

"""Indexes for the case list and search (migration 0002_search; 0010_list_id_order).

The FTS5 table ``complaints_fts`` and its triggers are SQLite objects the ORM never maps:
``store/search.py`` queries them. The indexes are declared here too so the schema in Python
matches the migrated database.
"""

from __future__ import annotations

from sqlalchemy import Index

from complaint_desk.store.models import ComplaintRow as C

LIST_INDEXES = (
    Index("ix_complaints_status_received", C.status, C.received_at),
    Index("ix_complaints_reference", C.reference),
    Index("ix_complaints_channel_received", C.channel, C.received_at),
    Index("ix_complaints_responsible_unit", C.responsible_unit, C.received_at),
    Index("ix_complaints_level_received", C.level, C.received_at),
    Index("ix_complaints_subject", C.subject, C.id),  # 0010_list_id_order
)

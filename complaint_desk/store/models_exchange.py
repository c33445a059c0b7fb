"""Tables of the exchange with headquarters (docs/package-format.md).

- ``exchange_office_keys``: Ed25519 keys. The home office's own pair (private key kept here, so
  a backup of the database carries it) and the public keys this database trusts: at
  headquarters, every office's; at an office, headquarters' (to check acknowledgements).
- ``exchange_exports``: what this office sent (the event range of each package) and whether
  headquarters acknowledged it; the next incremental package starts after the last
  acknowledged one.
- ``exchange_imports``: at headquarters, every package imported, with its counts and report.
- ``exchange_event_origins``: for an imported event, the office it came from and its hash-chain
  fields there, so the office's chain stays verifiable while the local chain runs over it.
- ``exchange_case_states``: at headquarters, which office's state a case shows (the state after
  its latest event by time, ties by office code, then by the office's own event order) and
  which offices sent events for it (two or more means a conflict).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from complaint_desk.store.models import Base


class OfficeKey(Base):
    __tablename__ = "exchange_office_keys"
    office_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # 32 bytes, hex
    private_key: Mapped[str | None] = mapped_column(String(64))  # only the home office's own
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    registered_by: Mapped[str] = mapped_column(String(200))


class PackageExport(Base):
    __tablename__ = "exchange_exports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # full, incremental, since
    since: Mapped[date | None] = mapped_column(Date)
    after_event_id: Mapped[int] = mapped_column(Integer)  # events with id > this ...
    last_event_id: Mapped[int] = mapped_column(Integer)  # ... and <= this
    last_event_hash: Mapped[str | None] = mapped_column(String(64))
    complaints: Mapped[int] = mapped_column(Integer)
    events: Mapped[int] = mapped_column(Integer)
    personal_included: Mapped[bool] = mapped_column(Boolean, default=False)
    file_name: Mapped[str] = mapped_column(String(500))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)


class PackageImport(Base):
    __tablename__ = "exchange_imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    office_code: Mapped[str] = mapped_column(String(16))
    package_created_at: Mapped[datetime] = mapped_column(DateTime)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    format_version: Mapped[int] = mapped_column(Integer)
    complaints_new: Mapped[int] = mapped_column(Integer, default=0)
    complaints_updated: Mapped[int] = mapped_column(Integer, default=0)
    complaints_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    events_new: Mapped[int] = mapped_column(Integer, default=0)
    events_known: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    personal_included: Mapped[bool] = mapped_column(Boolean, default=False)
    report: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (Index("ix_exchange_imports_office", "office_code", "package_created_at"),)


class EventOrigin(Base):
    __tablename__ = "exchange_event_origins"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True,
                                          autoincrement=False)
    office_code: Mapped[str] = mapped_column(String(16))
    import_id: Mapped[int] = mapped_column(ForeignKey("exchange_imports.id"))
    origin_prev_hash: Mapped[str] = mapped_column(String(64))
    origin_hash: Mapped[str] = mapped_column(String(64))
    origin_seq: Mapped[int] = mapped_column(Integer)  # the event's id at its office
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_exchange_event_origins_hash", "origin_hash"),)


class CaseState(Base):
    __tablename__ = "exchange_case_states"
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), primary_key=True,
                                              autoincrement=False)
    state_at: Mapped[datetime] = mapped_column(DateTime)
    state_office: Mapped[str] = mapped_column(String(16))
    state_seq: Mapped[int] = mapped_column(Integer)  # the event's id at its office
    state_event_uuid: Mapped[str] = mapped_column(String(36))
    offices: Mapped[str] = mapped_column(String(200))  # sorted, comma-separated

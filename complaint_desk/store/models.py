"""The schema. Alembic migrations (store/migrations) create and change it; never create_all.

Complaints are one wide row each (the list and the KPIs read them without joins); their
history is the append-only ``events`` table, a hash chain (``hash`` covers the event's
content and the previous event's hash).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Office(Base):
    __tablename__ = "offices"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(100))
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))
    unit_code: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Category(Base):
    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Level(Base):
    __tablename__ = "levels"
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    handled_by: Mapped[str] = mapped_column(String(200))
    typical_cases: Mapped[str] = mapped_column(Text)
    target_working_days: Mapped[int] = mapped_column(Integer)
    owner_role: Mapped[str] = mapped_column(String(16))


class Unit(Base):
    """A responsible unit (กอง / ฝ่าย / สำนักงานภาค)."""

    __tablename__ = "units"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))


class Holiday(Base):
    __tablename__ = "holidays"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(32), default="official")


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ReferenceCounter(Base):
    __tablename__ = "reference_counters"
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"), primary_key=True)
    be_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class ComplaintRow(Base):
    __tablename__ = "complaints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    reference: Mapped[str] = mapped_column(String(32))
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    channel: Mapped[str] = mapped_column(String(24))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    complainant_anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    complainant_name: Mapped[str | None] = mapped_column(String(200))
    complainant_national_id: Mapped[str | None] = mapped_column(String(13))
    complainant_phone: Mapped[str | None] = mapped_column(String(20))
    complainant_email: Mapped[str | None] = mapped_column(String(200))
    complainant_address: Mapped[str | None] = mapped_column(Text)
    complainant_key: Mapped[str | None] = mapped_column(String(64))
    project: Mapped[str | None] = mapped_column(String(200))
    building: Mapped[str | None] = mapped_column(String(100))
    unit: Mapped[str | None] = mapped_column(String(100))
    request: Mapped[str | None] = mapped_column(Text)
    category_code: Mapped[str | None] = mapped_column(ForeignKey("categories.code"))
    severity: Mapped[str | None] = mapped_column(String(16))
    significant: Mapped[bool] = mapped_column(Boolean, default=False)
    about_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    level: Mapped[int | None] = mapped_column(ForeignKey("levels.number"))
    responsible_unit: Mapped[str | None] = mapped_column(String(200))
    responsible_person: Mapped[str | None] = mapped_column(String(200))
    ack_due_on: Mapped[date | None] = mapped_column(Date)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    notice_due_on: Mapped[date | None] = mapped_column(Date)
    assessed_at: Mapped[datetime | None] = mapped_column(DateTime)
    not_accepted_reason: Mapped[str | None] = mapped_column(String(32))
    not_accepted_note: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(String(32))
    due_on: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(Text)
    reasons: Mapped[str | None] = mapped_column(Text)
    redress: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column(DateTime)
    communicated_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closure: Mapped[str | None] = mapped_column(String(16))
    complainant_accepts: Mapped[bool | None] = mapped_column(Boolean)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    root_cause: Mapped[str | None] = mapped_column(Text)
    corrective_action: Mapped[str | None] = mapped_column(Text)
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    review_route: Mapped[str | None] = mapped_column(String(16))
    review_body: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    review_outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        UniqueConstraint("office_code", "reference"),
        Index("ix_complaints_status_due", "status", "due_on"),
        Index("ix_complaints_office_received", "office_code", "received_at"),
        Index("ix_complaints_received", "received_at"),
        Index("ix_complaints_closed", "closed_at"),
        Index("ix_complaints_due", "due_on", "id"),  # 0010: id, as SQLite has by itself
        Index("ix_complaints_level_status", "level", "status"),
        Index("ix_complaints_category", "category_code", "received_at"),
        Index("ix_complaints_reviewed", "reviewed_at"),
        Index("ix_complaints_complainant_key", "complainant_key"),
    )


class EventRow(Base):
    """Append-only: who did what, when, with each changed field's value before and after."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_events_complaint", "complaint_id", "id"),)


class Attachment(Base):
    """A file on a case: stored once by content (sha256) in the data directory."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class AuditRow(Base):
    """Things done that are not changes to a case: views of personal data, exports, logins."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    data: Mapped[str] = mapped_column(Text, default="{}")


# Each area's tables live in their own module; importing them here registers them on Base.
from complaint_desk.store import (  # noqa: E402
    models_aar,  # noqa: F401  (the AAR record table)
    models_bench,  # noqa: F401  (indexes for speed at scale)
    models_exchange,  # noqa: F401  (exchange tables)
    models_policy,  # noqa: F401  (policy and improvement tables)
    models_search,  # noqa: F401  (list indexes, FTS)
    models_trust,  # noqa: F401  (the trust area's tables)
)

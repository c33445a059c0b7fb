"""The complaint-management system's own records: policy versions and their elements, the
publication plan, indicator targets, the KPI cascade, root causes and corrective actions.

Created by migration 0006_policy. Codes (element, channel, tier, status) are the stable codes
of domain/policy.py and domain/improvement.py.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from complaint_desk.store.models import Base, ComplaintRow


class PolicyVersion(Base):
    """One approved (or draft) version of the complaint-handling policy and procedures. The
    document is stored once by content (sha256) in the data directory, like attachments."""

    __tablename__ = "policy_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    version: Mapped[str] = mapped_column(String(32))
    approved_by: Mapped[str | None] = mapped_column(String(200))
    approved_on: Mapped[date | None] = mapped_column(Date)
    effective_from: Mapped[date | None] = mapped_column(Date)
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    document_filename: Mapped[str | None] = mapped_column(String(300))
    document_size: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("version"),
                      Index("ix_policy_versions_approved", "approved_on"))


class PolicyElementRow(Base):
    """A required element the version contains (present when the row exists), and where."""

    __tablename__ = "policy_elements"
    policy_version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="CASCADE"), primary_key=True)
    element: Mapped[str] = mapped_column(String(40), primary_key=True)
    section: Mapped[str | None] = mapped_column(String(200))


class PublicationRow(Base):
    __tablename__ = "policy_publications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_version_id: Mapped[int | None] = mapped_column(ForeignKey("policy_versions.id"))
    channel: Mapped[str] = mapped_column(String(24))
    audience: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(String(300))
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))
    planned_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_policy_publications_planned", "planned_on"),)


class IndicatorTarget(Base):
    """A target for an indicator (domain/indicators.py code) in a Gregorian year, for the
    organisation (office_code null) or one office, for all levels (level null) or one handling
    level. ``due_on`` is a deadline where the indicator has one (the policy review)."""

    __tablename__ = "indicator_targets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))
    level: Mapped[int | None] = mapped_column(ForeignKey("levels.number"))
    target: Mapped[float | None] = mapped_column(Float)
    due_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (UniqueConstraint("indicator", "year", "office_code", "level"),)


class CascadeRow(Base):
    """An indicator and its target cascaded to an office, a division or a named person."""

    __tablename__ = "kpi_cascades"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    tier: Mapped[str] = mapped_column(String(16))
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))
    unit: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    target_text: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    status_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_kpi_cascades_year", "year", "office_code"),)


class RootCause(Base):
    """A managed root cause. A closed case's ``root_cause`` text names one of these."""

    __tablename__ = "root_causes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CorrectiveActionRow(Base):
    __tablename__ = "corrective_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    root_cause_id: Mapped[int | None] = mapped_column(ForeignKey("root_causes.id"))
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))
    owner: Mapped[str] = mapped_column(String(200))
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    planned_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    done_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_corrective_actions_status_due", "status", "due_on"),)


class CorrectiveActionLink(Base):
    """A complaint that led to (or is covered by) a corrective action."""

    __tablename__ = "corrective_action_complaints"
    action_id: Mapped[int] = mapped_column(
        ForeignKey("corrective_actions.id", ondelete="CASCADE"), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), primary_key=True)

    __table_args__ = (Index("ix_corrective_action_complaints_complaint", "complaint_id"),)


# The effectiveness check counts a cause's complaints by month received (services/improvement).
Index("ix_complaints_root_cause", ComplaintRow.root_cause, ComplaintRow.received_at)

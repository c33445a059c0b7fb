"""Tables of the trust area: sign-in state, the staff a complaint is about, event redactions.

Kept apart from models.py so the areas merge without conflicts (imported at its bottom).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from complaint_desk.store.models import Base


class UserSignIn(Base):
    """A user's failed sign-ins and lockout; one row per user that ever tried to sign in."""

    __tablename__ = "user_sign_in"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True,
                                         autoincrement=False)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when an admin resets the password: the user must choose their own at next sign-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)


class ConcernedStaff(Base):
    """A member of staff a complaint is about: the complainant is hidden from them."""

    __tablename__ = "concerned_staff"
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)

    __table_args__ = (Index("ix_concerned_staff_user", "user_id"),)


class EventRedaction(Base):
    """An event whose personal values were erased. Its stored hash still chains the record;
    its new content is vouched for by the erasure event ``sealed_by`` (which lists this event
    with ``content_sha256``), see docs/security.md."""

    __tablename__ = "event_redactions"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True,
                                          autoincrement=False)
    sealed_by: Mapped[int] = mapped_column(ForeignKey("events.id"))
    content_sha256: Mapped[str] = mapped_column(String(64))

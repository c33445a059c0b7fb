"""The AAR record table: one row per office and year; draft, then final.

``content`` is the record's JSON (domain/aar.py ``AarRecord.content``). A final row also keeps
the form exactly as it was printed: ``final_pdf`` (the PDF bytes), ``final_content`` (a frozen
JSON of everything printed, database figures included) and ``final_sha256`` of the PDF.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from complaint_desk.store.models import Base


class AarRecordRow(Base):
    __tablename__ = "aar_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    year: Mapped[int] = mapped_column(Integer)  # Gregorian
    status: Mapped[str] = mapped_column(String(8))
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime)
    finalised_by: Mapped[str | None] = mapped_column(String(64))
    final_content: Mapped[str | None] = mapped_column(Text)
    final_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    final_sha256: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (UniqueConstraint("office_code", "year"),)

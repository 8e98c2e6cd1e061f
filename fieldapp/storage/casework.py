"""Case records: the case, its parties, and the field tasks (assignments) made for it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, Float, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.domain.enums import (
    AssignmentStatus,
    CaseTrack,
    Matter,
    PartyKind,
    PartyRole,
    Priority,
)
from fieldapp.storage.base import ID, RecordBase, SyncedRecord
from fieldapp.storage.types import TextEnum, UTCDateTime


class Case(SyncedRecord, RecordBase):
    __tablename__ = "case"
    __entity__ = "case"

    case_number: Mapped[str] = mapped_column(String(64), unique=True)
    track: Mapped[CaseTrack] = mapped_column(TextEnum(CaseTrack), default=CaseTrack.ORDINARY)
    enforcement_basis: Mapped[str] = mapped_column(Text, default="")
    # Money in fen (分): exact, and portable where SQLite has no decimal type.
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    judge_name: Mapped[str] = mapped_column(String(64), default="")
    team: Mapped[str] = mapped_column(String(64), default="")
    filed_on: Mapped[date | None] = mapped_column(Date)
    legal_due_on: Mapped[date | None] = mapped_column(Date)
    closed_for_now_on: Mapped[date | None] = mapped_column(Date)


class Party(SyncedRecord, RecordBase):
    __tablename__ = "party"
    __entity__ = "party"

    case_id: Mapped[str] = mapped_column(ID, index=True)
    role: Mapped[PartyRole] = mapped_column(TextEnum(PartyRole))
    kind: Mapped[PartyKind] = mapped_column(TextEnum(PartyKind))
    name: Mapped[str] = mapped_column(String(128))
    id_number: Mapped[str | None] = mapped_column(String(32))
    addresses: Mapped[list[str]] = mapped_column(JSON, default=list)
    phones: Mapped[list[str]] = mapped_column(JSON, default=list)
    legal_representative: Mapped[str] = mapped_column(String(64), default="")


class Assignment(SyncedRecord, RecordBase):
    """A field task (外勤任务). Lead-owned and officer-owned fields merge separately in sync."""

    __tablename__ = "assignment"
    __entity__ = "assignment"
    __table_args__ = (
        Index(None, "squad_code", "region_code", "matter"),
        Index(None, "status", "due_on"),
        Index(None, "officer_id", "status"),
    )

    registration_no: Mapped[str] = mapped_column(String(16), unique=True)
    # Identifies the request a case team sent, so registering it again is recognised.
    request_key: Mapped[str] = mapped_column(String(64), unique=True)
    case_id: Mapped[str] = mapped_column(ID, index=True)
    matter: Mapped[Matter] = mapped_column(TextEnum(Matter))
    party_id: Mapped[str | None] = mapped_column(ID, index=True)
    address: Mapped[str] = mapped_column(String(256))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    region_code: Mapped[str | None] = mapped_column(String(16))
    squad_code: Mapped[str | None] = mapped_column(String(16))
    officer_id: Mapped[str | None] = mapped_column(ID)
    second_officer_id: Mapped[str | None] = mapped_column(ID)
    priority: Mapped[Priority] = mapped_column(TextEnum(Priority), default=Priority.NORMAL)
    requested_by: Mapped[str] = mapped_column(String(64), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[AssignmentStatus] = mapped_column(
        TextEnum(AssignmentStatus), default=AssignmentStatus.REGISTERED
    )
    result: Mapped[str] = mapped_column(Text, default="")
    return_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Periods the deadline clock stands still (public notice, stay of execution), as
    # [{"start": "2026-03-05", "end": "2026-03-12" or null, "reason": "…"}]; `due_on` is
    # counted without them and the supervision pushes it on (domain.deadlines.paused_due_date).
    clock_pauses: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

"""Records the central store raises for people to act on: sync conflicts and escalations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.storage.base import ID, RecordBase, SyncedRecord
from fieldapp.storage.types import UTCDateTime


class Conflict(SyncedRecord, RecordBase):
    __tablename__ = "conflict"
    __entity__ = "conflict"

    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID, index=True)
    field: Mapped[str] = mapped_column(String(64))
    device_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    server_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(ID)
    note: Mapped[str] = mapped_column(Text, default="")


class Escalation(SyncedRecord, RecordBase):
    __tablename__ = "escalation"
    __entity__ = "escalation"
    # One record per item and level, whichever server process runs the pass (NULLs differ,
    # so task and asset escalations do not collide).
    __table_args__ = (
        UniqueConstraint("assignment_id", "level"),
        UniqueConstraint("asset_control_id", "level"),
    )

    # Looked up through the unique (item, level) indexes below, which lead with these.
    assignment_id: Mapped[str | None] = mapped_column(ID)
    asset_control_id: Mapped[str | None] = mapped_column(ID)
    level: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime)
    raised_to: Mapped[str | None] = mapped_column(ID, index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(ID)

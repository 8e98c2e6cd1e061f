"""Declarative bases, the constraint naming convention and the columns every synced record has.

Synced records reference each other by id without database foreign keys: a laptop receives
records page by page in server order and only within its scope, so a party may arrive before
its case or without it. The server's services check references when they accept a change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fieldapp.storage.types import UTCDateTime, new_id, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(36)


class RecordBase(DeclarativeBase):
    """Records that sync between laptops and the central store (DESIGN §3)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class LocalBase(DeclarativeBase):
    """Tables only the laptop keeps: outbox, sync state, blob transfers."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CentralBase(DeclarativeBase):
    """Tables only the central store keeps."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedRecord:
    """Columns of every synced record: device-made id, server version, UTC times, tombstone."""

    __entity__: str

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id, sort_order=-1)
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_by: Mapped[str | None] = mapped_column(ID)
    device_id: Mapped[str | None] = mapped_column(ID)
    deleted: Mapped[bool] = mapped_column(default=False)

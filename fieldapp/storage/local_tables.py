"""Tables only the laptop keeps: the outbox of unsent changes, the sync cursor, blob uploads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.domain.enums import OpKind, OutboxState
from fieldapp.storage.base import ID, LocalBase
from fieldapp.storage.types import TextEnum, UTCDateTime, new_id, utcnow


class OutboxOp(LocalBase):
    """A change made on this laptop, written in the same transaction as the change itself."""

    __tablename__ = "outbox"

    op_id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    seq: Mapped[int] = mapped_column(unique=True)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID, index=True)
    kind: Mapped[OpKind] = mapped_column(TextEnum(OpKind))
    base_version: Mapped[int] = mapped_column(default=0)
    # JSON text of the changed fields. An insert leaves it empty: its payload is the record as
    # stored when it is pushed, so a bulk import does not write every record twice.
    payload: Mapped[str | None] = mapped_column(Text)
    state: Mapped[OutboxState] = mapped_column(
        TextEnum(OutboxState), default=OutboxState.PENDING, index=True
    )
    result_version: Mapped[int | None] = mapped_column()
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SyncState(LocalBase):
    """One row: where the last pull stopped and when sync last succeeded."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")


class BlobUpload(LocalBase):
    """How far the upload of a file has been confirmed by the server, to resume from there."""

    __tablename__ = "blob_uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    confirmed_offset: Mapped[int] = mapped_column(BigInteger, default=0)
    done: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Profile(LocalBase):
    """One row: the enrolment of this laptop with a central store, and who signed in."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    server_url: Mapped[str] = mapped_column(String(512))
    device_id: Mapped[str] = mapped_column(ID)
    device_name: Mapped[str] = mapped_column(String(128))
    token: Mapped[str] = mapped_column(String(128))
    user_id: Mapped[str] = mapped_column(ID)
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(16))
    squad_code: Mapped[str | None] = mapped_column(String(16))
    # An Argon2 hash of the password, so the officer can unlock the laptop offline.
    password_verifier: Mapped[str] = mapped_column(String(256), default="")
    # Server time minus laptop time at the last contact, in seconds.
    clock_offset_s: Mapped[float] = mapped_column(default=0.0)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NoticeNumberBlock(LocalBase):
    """A block of document-number suffixes the central store leased to this laptop for one
    case (之一 … 之十), and the next one not yet issued."""

    __tablename__ = "notice_number_block"

    id: Mapped[str] = mapped_column(ID, primary_key=True)  # the server's grant id
    series: Mapped[str] = mapped_column(String(64), index=True)  # the case number
    first_number: Mapped[int] = mapped_column()
    last_number: Mapped[int] = mapped_column()
    next_number: Mapped[int] = mapped_column()
    leased_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

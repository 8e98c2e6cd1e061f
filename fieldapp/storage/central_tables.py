"""Tables only the central store keeps: accounts, devices, the change log, applied ops, blobs,
field versions for merging, and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.domain.enums import Role
from fieldapp.storage.base import ID, CentralBase
from fieldapp.storage.types import TextEnum, UTCDateTime, utcnow


class User(CentralBase):
    """Credentials of a staff member; their public part is the synced StaffMember (same id)."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(TextEnum(Role))
    squad_code: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Device(CentralBase):
    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, index=True)
    name: Mapped[str] = mapped_column(String(128))
    # Only a hash of the token is kept: a stolen database yields no usable tokens.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    public_key: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Counter(CentralBase):
    """Named counters. Taking the next change-log numbers locks the row until commit, so
    numbers are committed in order and a pull never skips a change still being written."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class ChangeLogEntry(CentralBase):
    """The latest change of each record, numbered; older entries of a record are removed."""

    __tablename__ = "change_log"
    __table_args__ = (UniqueConstraint("entity", "record_id"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID)
    version: Mapped[int] = mapped_column()
    deleted: Mapped[bool] = mapped_column(default=False)
    # Who may see it: "*" for everyone, else ",S1,S3," — the squads it belongs to.
    scope: Mapped[str] = mapped_column(String(256))
    # The record as JSON text, spliced into pull answers as it is.
    payload: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ScopeExit(CentralBase):
    """A record left a squad's scope: that squad's laptops remove it on their next pull."""

    __tablename__ = "scope_exits"
    __table_args__ = (Index(None, "squad_code", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID)
    squad_code: Mapped[str] = mapped_column(String(16))


class AppliedOp(CentralBase):
    """Each op a device pushed and its answer, so a re-sent op gets the same answer."""

    __tablename__ = "applied_ops"

    device_id: Mapped[str] = mapped_column(ID, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    op_id: Mapped[str] = mapped_column(ID)
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int | None] = mapped_column()
    reason: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FieldVersion(CentralBase):
    """The version at which a field of a mutable record last changed: the basis of merging."""

    __tablename__ = "field_versions"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(ID, primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column()


class Blob(CentralBase):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    uploaded_by: Mapped[str | None] = mapped_column(ID)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(CentralBase):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    event: Mapped[str] = mapped_column(String(32))
    username: Mapped[str | None] = mapped_column(String(64))
    device_id: Mapped[str | None] = mapped_column(String(64))
    client: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")

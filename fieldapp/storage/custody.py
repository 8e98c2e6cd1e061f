"""Tables of the chain of custody: the laptop's chain, key and receipts; the central store's
received entries, issued receipts and signing key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.storage.base import ID, CentralBase, LocalBase
from fieldapp.storage.types import UTCDateTime, utcnow

SHA256 = String(64)


class ChainLink(LocalBase):
    """One entry of this laptop's chain: every append-only record it made, in order."""

    __tablename__ = "custody_chain"
    __table_args__ = (Index(None, "entity", "record_id", unique=True),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID)
    prev_hash: Mapped[str] = mapped_column(SHA256)
    entry_hash: Mapped[str] = mapped_column(SHA256, unique=True)
    signature: Mapped[str] = mapped_column(String(128))
    # The exact bytes the entry hash covers (UTF-8 JSON), kept for export bundles.
    canonical: Mapped[str] = mapped_column(Text)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SigningKeyRow(LocalBase):
    """This laptop's Ed25519 key (one row). The database file is kept mode 0600."""

    __tablename__ = "signing_key"

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    public_key: Mapped[str] = mapped_column(String(64))
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HeldReceipt(LocalBase):
    """A receipt the central store signed for entries of this laptop's chain."""

    __tablename__ = "custody_receipt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    first_seq: Mapped[int] = mapped_column(BigInteger)
    last_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    # The receipt as the server sent it (JSON text, signature included).
    body: Mapped[str] = mapped_column(Text)


class ReceivedEntry(CentralBase):
    """A chain entry the central store checked and took, per device."""

    __tablename__ = "custody_entries"
    __table_args__ = (Index(None, "entity", "record_id"),)

    device_id: Mapped[str] = mapped_column(ID, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID)
    prev_hash: Mapped[str] = mapped_column(SHA256)
    entry_hash: Mapped[str] = mapped_column(SHA256)
    signature: Mapped[str] = mapped_column(String(128))
    canonical: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IssuedReceipt(CentralBase):
    __tablename__ = "custody_receipts"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    device_id: Mapped[str] = mapped_column(ID, index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    body: Mapped[str] = mapped_column(Text)


class ServerKey(CentralBase):
    """The central store's receipt key (one row), shared by every server process."""

    __tablename__ = "server_key"

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    public_key: Mapped[str] = mapped_column(String(64))
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

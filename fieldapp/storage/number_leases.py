"""The central store's record of the document-number blocks it leased to laptops."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.storage.base import ID, CentralBase
from fieldapp.storage.types import UTCDateTime, utcnow


class NoticeNumberGrant(CentralBase):
    """One block of a case's suffixes granted to one device.

    (series, first_number) is unique: two server instances that read the same highest
    number and grant the same block make the second insert fail, and it retries.
    """

    __tablename__ = "notice_number_grant"
    __table_args__ = (UniqueConstraint("series", "first_number"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    series: Mapped[str] = mapped_column(String(64), index=True)
    device_id: Mapped[str] = mapped_column(ID, index=True)
    first_number: Mapped[int] = mapped_column()
    last_number: Mapped[int] = mapped_column()
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

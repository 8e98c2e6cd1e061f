"""Reference records an admin keeps: regions, matter types, squads, staff and routing rules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.domain.enums import Role
from fieldapp.storage.base import RecordBase, SyncedRecord
from fieldapp.storage.types import TextEnum


class Region(SyncedRecord, RecordBase):
    __tablename__ = "region"
    __entity__ = "region"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64), default="")
    parent_code: Mapped[str | None] = mapped_column(String(16))
    centroid_lat: Mapped[float] = mapped_column(Float)
    centroid_lon: Mapped[float] = mapped_column(Float)
    boundary: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class MatterType(SyncedRecord, RecordBase):
    __tablename__ = "matter_type"
    __entity__ = "matter_type"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    min_officers: Mapped[int] = mapped_column(default=1)
    must_record_video: Mapped[bool] = mapped_column(default=False)
    legal_basis: Mapped[str] = mapped_column(Text, default="")


class Squad(SyncedRecord, RecordBase):
    __tablename__ = "squad"
    __entity__ = "squad"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    lead_id: Mapped[str | None] = mapped_column(String(36))
    member_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    region_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    matter_codes: Mapped[list[str]] = mapped_column(JSON, default=list)


class StaffMember(SyncedRecord, RecordBase):
    """The public part of a user: who can be assigned, and how they are shown.

    Credentials stay on the central store; laptops only need names, roles and squads.
    """

    __tablename__ = "staff_member"
    __entity__ = "staff_member"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(TextEnum(Role))
    squad_code: Mapped[str | None] = mapped_column(String(16), index=True)
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(default=True)


class RoutingRule(SyncedRecord, RecordBase):
    __tablename__ = "routing_rule"
    __entity__ = "routing_rule"

    priority: Mapped[int] = mapped_column(default=100)
    matter_code: Mapped[str] = mapped_column(String(32), default="*")
    region_code: Mapped[str] = mapped_column(String(16), default="*")
    squad_code: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")

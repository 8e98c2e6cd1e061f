"""Append-only records of what officers did in the field: visits, evidence, asset control,
notices and their service."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.domain.enums import (
    AssetKind,
    ControlMeasure,
    EvidenceKind,
    LocationSource,
    ServiceMethod,
    VisitOutcome,
)
from fieldapp.storage.base import ID, RecordBase, SyncedRecord
from fieldapp.storage.types import TextEnum, UTCDateTime

SHA256 = String(64)


class VisitAttempt(SyncedRecord, RecordBase):
    __tablename__ = "visit_attempt"
    __entity__ = "visit_attempt"

    assignment_id: Mapped[str] = mapped_column(ID, index=True)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    location_source: Mapped[LocationSource | None] = mapped_column(TextEnum(LocationSource))
    outcome: Mapped[VisitOutcome] = mapped_column(TextEnum(VisitOutcome))
    officer_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    persons_present: Mapped[list[str]] = mapped_column(JSON, default=list)
    witnesses: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    # A search (搜查) is recorded with the number of its warrant (搜查令).
    warrant_no: Mapped[str] = mapped_column(String(64), default="")
    # Photos/videos that prove what the visit found (e.g. a refused service).
    media_evidence_ids: Mapped[list[str]] = mapped_column(JSON, default=list)


class EvidenceItem(SyncedRecord, RecordBase):
    """Immutable once made; a correction is a new item whose ``corrects_id`` names the old one."""

    __tablename__ = "evidence_item"
    __entity__ = "evidence_item"

    assignment_id: Mapped[str] = mapped_column(ID, index=True)
    visit_id: Mapped[str | None] = mapped_column(ID)
    kind: Mapped[EvidenceKind] = mapped_column(TextEnum(EvidenceKind))
    sha256: Mapped[str | None] = mapped_column(SHA256, index=True)
    size: Mapped[int | None] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(128), default="")
    original_name: Mapped[str] = mapped_column(String(256), default="")
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime)
    captured_by: Mapped[str | None] = mapped_column(ID)
    exif_taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    clock_offset_s: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[str | None] = mapped_column(ID)
    prev_hash: Mapped[str | None] = mapped_column(SHA256)
    entry_hash: Mapped[str | None] = mapped_column(SHA256)
    signature: Mapped[str | None] = mapped_column(String(128))


class AssetControl(SyncedRecord, RecordBase):
    """One control event on an asset; the asset's current state is derived from its events."""

    __tablename__ = "asset_control"
    __entity__ = "asset_control"

    case_id: Mapped[str] = mapped_column(ID, index=True)
    assignment_id: Mapped[str | None] = mapped_column(ID, index=True)
    asset_kind: Mapped[AssetKind] = mapped_column(TextEnum(AssetKind))
    asset_description: Mapped[str] = mapped_column(Text, default="")
    identifiers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    location: Mapped[str] = mapped_column(String(256), default="")
    measure: Mapped[ControlMeasure] = mapped_column(TextEnum(ControlMeasure))
    ruling_no: Mapped[str] = mapped_column(String(64), default="")
    assisting_body: Mapped[str] = mapped_column(String(128), default="")
    effective_on: Mapped[date] = mapped_column(Date)
    period_months: Mapped[int | None] = mapped_column()
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    # The event this renews or releases; indexed for the asset watch, which finds set-wise
    # the controls that nothing renews or releases.
    renews_id: Mapped[str | None] = mapped_column(ID, index=True)
    custodian: Mapped[str] = mapped_column(String(128), default="")
    seal_numbers: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Who carried the measure out on site, and who was present to sign its list (清单).
    officer_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    persons_present: Mapped[list[str]] = mapped_column(JSON, default=list)


class Notice(SyncedRecord, RecordBase):
    __tablename__ = "notice"
    __entity__ = "notice"

    case_id: Mapped[str] = mapped_column(ID, index=True)
    assignment_id: Mapped[str | None] = mapped_column(ID, index=True)
    template_code: Mapped[str] = mapped_column(String(64))
    template_version: Mapped[int] = mapped_column()
    document_number: Mapped[str] = mapped_column(String(64), unique=True)
    field_values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    pdf_sha256: Mapped[str | None] = mapped_column(SHA256)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str | None] = mapped_column(ID)


class ServiceRecord(SyncedRecord, RecordBase):
    """Service of a notice (送达)."""

    __tablename__ = "service_record"
    __entity__ = "service_record"

    notice_id: Mapped[str] = mapped_column(ID, index=True)
    method: Mapped[ServiceMethod] = mapped_column(TextEnum(ServiceMethod))
    served_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(256), default="")
    recipient: Mapped[str] = mapped_column(String(128), default="")
    relation: Mapped[str] = mapped_column(String(64), default="")
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    witness: Mapped[str] = mapped_column(String(128), default="")
    media_evidence_ids: Mapped[list[str]] = mapped_column(JSON, default=list)

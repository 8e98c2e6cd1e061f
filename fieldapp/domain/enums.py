"""The closed vocabularies of the domain: roles, statuses, matters, kinds and measures."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"
    LEAD = "lead"
    REGISTRAR = "registrar"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class AssignmentStatus(StrEnum):
    REGISTERED = "registered"
    ROUTED = "routed"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    RETURNED = "returned"
    CANCELLED = "cancelled"


class Priority(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"


PRIORITY_NAMES_ZH: dict[Priority, str] = {
    Priority.NORMAL: "普通",
    Priority.URGENT: "紧急",
}


class Matter(StrEnum):
    """Types of field task (事项)."""

    SERVICE = "service"  # 送达
    INVESTIGATION = "investigation"  # 调查取证
    LOCATE = "locate"  # 查人找物
    SEAL = "seal"  # 查封
    SEIZE = "seize"  # 扣押
    FREEZE = "freeze"  # 冻结
    POSTING = "posting"  # 张贴公告
    SEARCH = "search"  # 搜查
    EVICTION = "eviction"  # 强制迁出
    RE_INSPECTION = "re_inspection"  # 复查


MATTER_NAMES_ZH: dict[Matter, str] = {
    Matter.SERVICE: "送达",
    Matter.INVESTIGATION: "调查取证",
    Matter.LOCATE: "查人找物",
    Matter.SEAL: "查封",
    Matter.SEIZE: "扣押",
    Matter.FREEZE: "冻结",
    Matter.POSTING: "张贴公告",
    Matter.SEARCH: "搜查",
    Matter.EVICTION: "强制迁出",
    Matter.RE_INSPECTION: "复查",
}


class CaseTrack(StrEnum):
    FAST = "fast"  # 快执
    ORDINARY = "ordinary"  # 普执


class PartyRole(StrEnum):
    APPLICANT = "applicant"
    RESPONDENT = "respondent"


class PartyKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class VisitOutcome(StrEnum):
    MET = "met"
    NOT_AT_HOME = "not_at_home"
    REFUSED = "refused"
    MOVED_AWAY = "moved_away"
    ADDRESS_INVALID = "address_invalid"
    DONE = "done"


class LocationSource(StrEnum):
    GPS = "gps"
    EXIF = "exif"
    GEOCODED = "geocoded"
    MANUAL = "manual"


class EvidenceKind(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"
    NOTE = "note"
    SIGNATURE = "signature"


class AssetKind(StrEnum):
    REAL_ESTATE = "real_estate"
    VEHICLE = "vehicle"
    MOVABLE = "movable"
    BANK_DEPOSIT = "bank_deposit"
    EQUITY = "equity"
    OTHER = "other"


class ControlMeasure(StrEnum):
    SEAL = "seal"  # 查封
    SEIZE = "seize"  # 扣押
    FREEZE = "freeze"  # 冻结
    RENEW = "renew"  # 续行查封
    RELEASE = "release"  # 解除


class ServiceMethod(StrEnum):
    PERSONAL = "personal"
    LEFT_WITH_WITNESS = "left_with_witness"  # 留置送达
    POSTED = "posted"  # 张贴公告
    MAIL = "mail"


class OpKind(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


class OutboxState(StrEnum):
    PENDING = "pending"
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    # A rejected op the officer gave up: kept for the record, never sent again.
    DISCARDED = "discarded"

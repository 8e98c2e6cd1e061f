"""Recording the service of an issued notice (送达), with the checks the law asks of each
method: a refusal needs a witness or a photo/video, a posting needs a photo/video."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select

from fieldapp.domain.enums import EvidenceKind, ServiceMethod
from fieldapp.domain.errors import DomainError
from fieldapp.domain.statutory_checks import refusal_unproven
from fieldapp.services.actor import Actor
from fieldapp.services.changes import ChangeSink
from fieldapp.storage.fieldwork import EvidenceItem, Notice, ServiceRecord
from fieldapp.storage.types import new_id

# A laptop's clock may run a little ahead of the officer's watch; more than this is a typo.
CLOCK_SLACK = timedelta(minutes=10)


class ServiceRefused(DomainError):
    base_code = "service_refused"


@dataclass(frozen=True, slots=True)
class ServiceDetails:
    method: ServiceMethod
    served_at: datetime
    recipient: str = ""
    relation: str = ""
    place: str = ""
    refusal_reason: str = ""
    witness: str = ""
    media_evidence_ids: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class ServedNotice:
    id: str
    notice_id: str
    document_number: str
    method: ServiceMethod
    served_at: datetime


def _check(details: ServiceDetails, issued_at: datetime, now: datetime) -> None:
    if details.served_at.tzinfo is None:
        raise ServiceRefused("the time of service must carry a zone", reason="naive_time")
    if details.served_at < issued_at:
        raise ServiceRefused(
            "a notice cannot be served before it was issued", reason="before_issue"
        )
    if details.served_at > now + CLOCK_SLACK:
        raise ServiceRefused("the time of service is in the future", reason="future")
    media = [m for m in details.media_evidence_ids if m.strip()]
    method = details.method
    if method in (ServiceMethod.PERSONAL, ServiceMethod.LEFT_WITH_WITNESS) and not (
        details.recipient.strip()
    ):
        raise ServiceRefused("name the person the notice was served on", reason="recipient")
    if method is ServiceMethod.LEFT_WITH_WITNESS:
        if not details.refusal_reason.strip():
            raise ServiceRefused(
                "service left with a witness records why the recipient refused (民诉法 第89条)",
                reason="refusal_reason",
            )
        if refusal_unproven(witnesses=[details.witness], media_count=len(media)):
            raise ServiceRefused(
                "service left with a witness needs the witness's name or a photo/video of "
                "the service (民诉法 第89条)",
                reason="witness",
            )
    if method is ServiceMethod.POSTED and not media:
        raise ServiceRefused(
            "a notice posted at a home is photographed or filmed: attach the photo or "
            "video (民诉法解释 第138条)",
            reason="media",
        )


def record_service(
    connection: Connection,
    notice_id: str,
    details: ServiceDetails,
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
) -> ServedNotice:
    """Record the service in the caller's transaction; ServiceRefused says what is missing."""
    notice = connection.execute(
        select(Notice.id, Notice.document_number, Notice.issued_at).where(
            Notice.id == notice_id, Notice.deleted.is_(False)
        )
    ).first()
    if notice is None:
        raise ServiceRefused(f"no issued notice {notice_id}", reason="unknown_notice")
    _check(details, notice.issued_at, now)
    service_id = new_id()
    row = {
        "id": service_id,
        "version": 0,
        "created_at": now,
        "updated_at": now,
        "created_by": actor.user_id,
        "device_id": actor.device_id,
        "deleted": False,
        "notice_id": notice_id,
        "method": details.method,
        "served_at": details.served_at,
        "place": details.place.strip(),
        "recipient": details.recipient.strip(),
        "relation": details.relation.strip(),
        "refusal_reason": details.refusal_reason.strip(),
        "witness": details.witness.strip(),
        "media_evidence_ids": [m for m in details.media_evidence_ids if m.strip()],
    }
    connection.execute(insert(ServiceRecord).values(**row))
    changes.inserted(connection, ServiceRecord, [row])
    return ServedNotice(
        service_id, notice_id, notice.document_number, details.method, details.served_at
    )


def serve(
    engine: Engine,
    notice_id: str,
    details: ServiceDetails,
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
) -> ServedNotice:
    """Record the service in a transaction of its own."""
    with engine.begin() as connection:
        return record_service(connection, notice_id, details, actor=actor, now=now, changes=changes)


@dataclass(frozen=True, slots=True)
class MediaChoice:
    """A photo or video of the notice's task that can prove its service."""

    id: str
    kind: str
    name: str
    captured_at: datetime


def service_media(engine: Engine, notice_id: str) -> list[MediaChoice]:
    with engine.connect() as connection:
        assignment_id = connection.execute(
            select(Notice.assignment_id).where(Notice.id == notice_id)
        ).scalar()
        if assignment_id is None:
            return []
        rows = connection.execute(
            select(
                EvidenceItem.id,
                EvidenceItem.kind,
                EvidenceItem.original_name,
                EvidenceItem.captured_at,
            )
            .where(
                EvidenceItem.assignment_id == assignment_id,
                EvidenceItem.kind.in_([EvidenceKind.PHOTO, EvidenceKind.VIDEO]),
                EvidenceItem.deleted.is_(False),
            )
            .order_by(EvidenceItem.captured_at)
        )
        return [MediaChoice(i, k.value, n, at) for i, k, n, at in rows]

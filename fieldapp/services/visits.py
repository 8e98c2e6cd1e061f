"""Recording a visit (外勤走访): its times, outcome, people, place and the checks the law asks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select

from fieldapp.domain.enums import (
    AssignmentStatus,
    EvidenceKind,
    LocationSource,
    Matter,
    VisitOutcome,
)
from fieldapp.domain.errors import DomainError
from fieldapp.domain.field_records import (
    LINE_LIMIT,
    NOTES_LIMIT,
    InvalidRecordField,
    check_position,
    check_visit_times,
    clean_names,
    clean_text,
)
from fieldapp.domain.status import check_move
from fieldapp.domain.statutory_checks import require, visit_violations
from fieldapp.services.actor import Actor
from fieldapp.services.changes import ChangeSink
from fieldapp.services.record_changes import change_record_in
from fieldapp.storage.casework import Assignment
from fieldapp.storage.engine import writing
from fieldapp.storage.fieldwork import EvidenceItem, VisitAttempt
from fieldapp.storage.types import new_id


class VisitRefused(DomainError):
    base_code = "visit_refused"


@dataclass(frozen=True, slots=True)
class VisitInput:
    """What the officer entered; nothing is checked until :func:`visit_problems`."""

    arrived_at: datetime
    outcome: VisitOutcome
    left_at: datetime | None = None
    officer_ids: Sequence[str] = ()
    persons_present: Sequence[str] = ()
    witnesses: Sequence[str] = ()
    notes: str = ""
    lat: float | None = None
    lon: float | None = None
    accuracy_m: float | None = None
    location_source: LocationSource | None = None
    warrant_no: str = ""
    media_evidence_ids: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class RecordedVisit:
    id: str
    assignment_id: str
    outcome: VisitOutcome
    arrived_at: datetime


def _cleaned(visit: VisitInput, *, matter: Matter, now: datetime) -> dict[str, object]:
    """The row values of a valid visit; raises the first problem found."""
    check_visit_times(visit.arrived_at, visit.left_at, now)
    check_position(visit.lat, visit.lon, visit.location_source)
    if visit.accuracy_m is not None and not (0 <= visit.accuracy_m <= 100_000):
        raise InvalidRecordField(
            "location: the accuracy is 0 to 100,000 metres", field="location", reason="accuracy"
        )
    officers = clean_names(visit.officer_ids, field="officer_ids")
    present = clean_names(visit.persons_present, field="persons_present")
    witnesses = clean_names(visit.witnesses, field="witnesses")
    media = [m.strip() for m in visit.media_evidence_ids if m.strip()]
    notes = clean_text(visit.notes, field="notes", limit=NOTES_LIMIT, multiline=True)
    warrant = clean_text(visit.warrant_no, field="warrant_no", limit=LINE_LIMIT // 2)
    require(
        visit_violations(
            matter=matter,
            outcome=visit.outcome,
            officer_ids=officers,
            witnesses=witnesses,
            media_count=len(media),
            warrant_no=warrant,
            persons_present=present,
        )
    )
    has_place = visit.lat is not None
    return {
        "arrived_at": visit.arrived_at,
        "left_at": visit.left_at,
        "outcome": VisitOutcome(visit.outcome),
        "officer_ids": officers,
        "persons_present": present,
        "witnesses": witnesses,
        "notes": notes,
        "lat": visit.lat,
        "lon": visit.lon,
        "accuracy_m": visit.accuracy_m if has_place else None,
        "location_source": visit.location_source if has_place else None,
        "warrant_no": warrant,
        "media_evidence_ids": media,
    }


def visit_problems(visit: VisitInput, *, matter: Matter, now: datetime) -> list[DomainError]:
    """What stops the visit from being recorded (empty: nothing). Pure: for checking as typed."""
    try:
        _cleaned(visit, matter=matter, now=now)
    except DomainError as error:
        return [error]
    return []


def record_visit_in(
    connection: Connection,
    assignment_id: str,
    visit: VisitInput,
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
) -> RecordedVisit:
    """Record the visit in the caller's transaction, or raise what refuses it."""
    task = connection.execute(
        select(Assignment.matter, Assignment.status).where(
            Assignment.id == assignment_id, Assignment.deleted.is_(False)
        )
    ).first()
    if task is None:
        raise VisitRefused(f"no field task {assignment_id}", reason="unknown_assignment")
    matter = task.matter
    values = _cleaned(visit, matter=matter, now=now)
    media = list(values["media_evidence_ids"])  # type: ignore[call-overload]
    if media:
        found = set(
            connection.execute(
                select(EvidenceItem.id).where(
                    EvidenceItem.id.in_(media),
                    EvidenceItem.assignment_id == assignment_id,
                    EvidenceItem.kind.in_([EvidenceKind.PHOTO, EvidenceKind.VIDEO]),
                    EvidenceItem.deleted.is_(False),
                )
            ).scalars()
        )
        if set(media) - found:
            raise VisitRefused(
                "the proof must be photos or videos of this task", reason="unknown_media"
            )
    row: dict[str, object] = {
        "id": new_id(),
        "version": 0,
        "created_at": now,
        "updated_at": now,
        "created_by": actor.user_id,
        "device_id": actor.device_id,
        "deleted": False,
        "assignment_id": assignment_id,
        **values,
    }
    connection.execute(insert(VisitAttempt).values(**row))
    changes.inserted(connection, VisitAttempt, [row])
    if task.status == AssignmentStatus.ASSIGNED:
        # The first visit starts the work: the task is in progress from now on.
        check_move(task.status, AssignmentStatus.IN_PROGRESS)
        change_record_in(
            connection, "assignment", assignment_id, {"status": AssignmentStatus.IN_PROGRESS}
        )
    return RecordedVisit(
        str(row["id"]), assignment_id, VisitOutcome(visit.outcome), visit.arrived_at
    )


def record_visit(
    engine: Engine,
    assignment_id: str,
    visit: VisitInput,
    *,
    actor: Actor,
    now: datetime,
    changes: ChangeSink,
) -> RecordedVisit:
    """Record the visit and its outbox op in one transaction of its own."""
    with writing(engine).begin() as connection:
        return record_visit_in(
            connection, assignment_id, visit, actor=actor, now=now, changes=changes
        )

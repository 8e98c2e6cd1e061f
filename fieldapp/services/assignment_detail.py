"""Everything the assignment page shows of one field task, read in one short transaction as
plain frozen rows: the task, its visits, evidence, asset control, notices and their service,
and the history of every change."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select

from fieldapp.domain.enums import (
    AssetKind,
    AssignmentStatus,
    ControlMeasure,
    EvidenceKind,
    LocationSource,
    Matter,
    OpKind,
    OutboxState,
    Priority,
    Role,
    ServiceMethod,
    VisitOutcome,
)
from fieldapp.domain.legal_periods import days_left
from fieldapp.domain.statutory_checks import TWO_OFFICER_MATTERS
from fieldapp.services.asset_controls import PreviousControl, open_controls_in
from fieldapp.services.clock_pauses import ClockView, clock_view
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.fieldwork import (
    AssetControl,
    EvidenceItem,
    Notice,
    ServiceRecord,
    VisitAttempt,
)
from fieldapp.storage.local_tables import OutboxOp
from fieldapp.storage.oversight import Conflict, Escalation
from fieldapp.storage.reference import MatterType, Region, Squad, StaffMember
from fieldapp.storage.schema import TABLES


class AssignmentNotFound(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Overview:
    id: str
    registration_no: str
    case_id: str
    case_number: str
    judge: str
    team: str
    matter: Matter
    min_officers: int
    party_name: str
    party_id_number: str
    party_phones: tuple[str, ...]
    address: str
    lat: float | None
    lon: float | None
    region_name: str
    squad_name: str
    officers: tuple[Person, ...]
    priority: Priority
    requested_by: str
    received_at: datetime
    due_on: date | None
    days_left: int | None
    status: AssignmentStatus
    result: str
    return_reason: str
    notes: str
    # The deadline clock: `due_on` and `days_left` above count its pauses (clock_pauses).
    clock: ClockView | None = None


@dataclass(frozen=True, slots=True)
class VisitRow:
    id: str
    arrived_at: datetime
    left_at: datetime | None
    outcome: VisitOutcome
    officers: tuple[str, ...]
    persons_present: tuple[str, ...]
    witnesses: tuple[str, ...]
    notes: str
    lat: float | None
    lon: float | None
    location_source: LocationSource | None
    warrant_no: str


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    id: str
    kind: EvidenceKind
    original_name: str
    mime: str
    size: int | None
    sha256: str | None
    captured_at: datetime
    captured_by: str
    description: str
    corrects_id: str | None
    corrected_by: tuple[str, ...]  # ids of the items that correct this one


@dataclass(frozen=True, slots=True)
class ControlRow:
    id: str
    asset_kind: AssetKind
    measure: ControlMeasure
    asset_description: str
    identifiers: dict[str, str]
    ruling_no: str
    assisting_body: str
    custodian: str
    seal_numbers: tuple[str, ...]
    effective_on: date
    expires_on: date | None
    days_left: int | None
    renews_id: str | None
    followed: bool
    assignment_id: str | None  # None: made elsewhere for the same case (e.g. online freeze)


@dataclass(frozen=True, slots=True)
class ServiceRow:
    method: ServiceMethod
    served_at: datetime
    recipient: str
    witness: str


@dataclass(frozen=True, slots=True)
class NoticeRow:
    id: str
    template_code: str
    document_number: str
    issued_at: datetime
    services: tuple[ServiceRow, ...]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change of the task or a record made for it.

    `kind` is what happened (created, changed, recorded, conflict, escalated); `entity` the
    record's wire name; `fields` the changed fields and their new values (for changes);
    `state` where the change stands in sync: pending, applied, rejected… or "central" for a
    change that came from the central store.
    """

    at: datetime
    kind: str
    entity: str
    record_id: str
    who: str
    fields: tuple[tuple[str, str], ...]
    state: str
    error: str = ""


@dataclass(frozen=True, slots=True)
class AssignmentPage:
    overview: Overview
    visits: tuple[VisitRow, ...]
    evidence: tuple[EvidenceRow, ...]
    controls: tuple[ControlRow, ...]
    notices: tuple[NoticeRow, ...]
    history: tuple[HistoryEntry, ...]
    squad_officers: tuple[Person, ...]  # whom a visit or a measure may name
    open_controls: tuple[PreviousControl, ...]  # what may be renewed or released


def load_page(engine: Engine, assignment_id: str, *, today: date) -> AssignmentPage:
    """The whole page; AssignmentNotFound when this laptop has no such task."""
    with engine.connect() as connection:
        return _page(connection, assignment_id, today)


def _names(connection: Connection) -> dict[str, str]:
    return {i: n for i, n in connection.execute(select(StaffMember.id, StaffMember.display_name))}


def _page(connection: Connection, assignment_id: str, today: date) -> AssignmentPage:
    row = connection.execute(
        select(Assignment.__table__).where(Assignment.id == assignment_id)
    ).first()
    if row is None or row.deleted:
        raise AssignmentNotFound(assignment_id)
    task = row._mapping
    names = _names(connection)
    overview = _overview(connection, task, names, today)
    visits = _visits(connection, assignment_id, names)
    evidence = _evidence(connection, assignment_id, names)
    controls = _controls(connection, task["case_id"], assignment_id, today)
    notices = _notices(connection, assignment_id)
    history = _history(connection, task, names, visits, evidence, controls, notices)
    # The task's officers first, then its squad's, then every other officer and lead.
    staff = connection.execute(
        select(StaffMember.id, StaffMember.display_name, StaffMember.squad_code)
        .where(
            StaffMember.deleted.is_(False),
            StaffMember.active.is_(True),
            StaffMember.role.in_([Role.OFFICER, Role.LEAD]),
        )
        .order_by(StaffMember.display_name)
    ).all()
    officers = {o.id: o for o in overview.officers}
    # sorted() is stable: by name within the squad and within everyone else.
    others = [
        Person(i, n)
        for i, n, _ in sorted(staff, key=lambda s: s.squad_code != task["squad_code"])
        if i not in officers
    ]
    open_ = tuple(open_controls_in(connection, task["case_id"]))
    return AssignmentPage(
        overview,
        visits,
        evidence,
        controls,
        notices,
        history,
        (*officers.values(), *others),
        open_,
    )


def _overview(connection: Connection, task: Any, names: dict[str, str], today: date) -> Overview:
    case = connection.execute(
        select(Case.case_number, Case.judge_name, Case.team).where(Case.id == task["case_id"])
    ).first()
    party = (
        connection.execute(
            select(Party.name, Party.id_number, Party.phones).where(Party.id == task["party_id"])
        ).first()
        if task["party_id"]
        else None
    )
    region = connection.execute(
        select(Region.name).where(Region.code == task["region_code"])
    ).scalar()
    squad = connection.execute(select(Squad.name).where(Squad.code == task["squad_code"])).scalar()
    min_officers = connection.execute(
        select(MatterType.min_officers).where(MatterType.code == str(task["matter"]))
    ).scalar()
    officers = tuple(
        Person(i, names.get(i, i)) for i in (task["officer_id"], task["second_officer_id"]) if i
    )
    clock = clock_view(task, today)
    due = clock.due_on
    return Overview(
        id=task["id"],
        registration_no=task["registration_no"],
        case_id=task["case_id"],
        case_number=case.case_number if case else "",
        judge=case.judge_name if case else "",
        team=case.team if case else "",
        matter=task["matter"],
        # The matter table may say less than the law: a coercive measure takes two (民诉法).
        min_officers=max(min_officers or 1, 2 if task["matter"] in TWO_OFFICER_MATTERS else 1),
        party_name=party.name if party else "",
        party_id_number=(party.id_number or "") if party else "",
        party_phones=tuple(party.phones or ()) if party else (),
        address=task["address"],
        lat=task["lat"],
        lon=task["lon"],
        region_name=region or task["region_code"] or "",
        squad_name=squad or task["squad_code"] or "",
        officers=officers,
        priority=task["priority"],
        requested_by=task["requested_by"],
        received_at=task["received_at"],
        due_on=due,
        days_left=days_left(due, today) if due else None,
        status=task["status"],
        result=task["result"],
        return_reason=task["return_reason"],
        notes=task["notes"],
        clock=clock,
    )


def _visits(
    connection: Connection, assignment_id: str, names: dict[str, str]
) -> tuple[VisitRow, ...]:
    table = VisitAttempt.__table__
    rows = connection.execute(
        select(table)
        .where(table.c.assignment_id == assignment_id, table.c.deleted.is_(False))
        .order_by(table.c.arrived_at.desc())
    )
    return tuple(
        VisitRow(
            id=v.id,
            arrived_at=v.arrived_at,
            left_at=v.left_at,
            outcome=v.outcome,
            officers=tuple(names.get(i, i) for i in v.officer_ids or ()),
            persons_present=tuple(v.persons_present or ()),
            witnesses=tuple(v.witnesses or ()),
            notes=v.notes,
            lat=v.lat,
            lon=v.lon,
            location_source=v.location_source,
            warrant_no=v.warrant_no,
        )
        for v in rows
    )


def _evidence(
    connection: Connection, assignment_id: str, names: dict[str, str]
) -> tuple[EvidenceRow, ...]:
    table = EvidenceItem.__table__
    rows = list(
        connection.execute(
            select(table)
            .where(table.c.assignment_id == assignment_id, table.c.deleted.is_(False))
            .order_by(table.c.captured_at.desc())
        )
    )
    corrections: dict[str, list[str]] = {}
    for e in rows:
        if e.corrects_id:
            corrections.setdefault(e.corrects_id, []).append(e.id)
    return tuple(
        EvidenceRow(
            id=e.id,
            kind=e.kind,
            original_name=e.original_name,
            mime=e.mime,
            size=e.size,
            sha256=e.sha256,
            captured_at=e.captured_at,
            captured_by=names.get(e.captured_by or "", e.captured_by or ""),
            description=e.description,
            corrects_id=e.corrects_id,
            corrected_by=tuple(corrections.get(e.id, ())),
        )
        for e in rows
    )


def _controls(
    connection: Connection, case_id: str, assignment_id: str, today: date
) -> tuple[ControlRow, ...]:
    table = AssetControl.__table__
    rows = list(
        connection.execute(
            select(table)
            .where(table.c.case_id == case_id, table.c.deleted.is_(False))
            .order_by(table.c.effective_on.desc(), table.c.created_at.desc())
        )
    )
    followed = {c.renews_id for c in rows if c.renews_id}
    return tuple(
        ControlRow(
            id=c.id,
            asset_kind=c.asset_kind,
            measure=c.measure,
            asset_description=c.asset_description,
            identifiers=dict(c.identifiers or {}),
            ruling_no=c.ruling_no,
            assisting_body=c.assisting_body,
            custodian=c.custodian,
            seal_numbers=tuple(c.seal_numbers or ()),
            effective_on=c.effective_on,
            expires_on=c.expires_on,
            days_left=days_left(c.expires_on, today) if c.expires_on else None,
            renews_id=c.renews_id,
            followed=c.id in followed,
            assignment_id=c.assignment_id,
        )
        for c in rows
    )


def _notices(connection: Connection, assignment_id: str) -> tuple[NoticeRow, ...]:
    notices = list(
        connection.execute(
            select(Notice.id, Notice.template_code, Notice.document_number, Notice.issued_at)
            .where(Notice.assignment_id == assignment_id, Notice.deleted.is_(False))
            .order_by(Notice.issued_at.desc())
        )
    )
    services: dict[str, list[ServiceRow]] = {}
    if notices:
        for s in connection.execute(
            select(
                ServiceRecord.notice_id,
                ServiceRecord.method,
                ServiceRecord.served_at,
                ServiceRecord.recipient,
                ServiceRecord.witness,
            )
            .where(
                ServiceRecord.notice_id.in_([n.id for n in notices]),
                ServiceRecord.deleted.is_(False),
            )
            .order_by(ServiceRecord.served_at)
        ):
            services.setdefault(s.notice_id, []).append(
                ServiceRow(s.method, s.served_at, s.recipient, s.witness)
            )
    return tuple(
        NoticeRow(
            n.id, n.template_code, n.document_number, n.issued_at, tuple(services.get(n.id, ()))
        )
        for n in notices
    )


def _field_values(payload: str | None) -> tuple[tuple[str, str], ...]:
    if not payload:
        return ()
    try:
        data = json.loads(payload)
    except ValueError:
        return (("payload", payload[:200]),)
    if not isinstance(data, dict):
        return ()
    return tuple(
        (str(name), "" if value is None else str(value))
        for name, value in data.items()
        if name != "updated_at"
    )


def _history(
    connection: Connection,
    task: Any,
    names: dict[str, str],
    visits: Iterable[VisitRow],
    evidence: Iterable[EvidenceRow],
    controls: Iterable[ControlRow],
    notices: Iterable[NoticeRow],
) -> tuple[HistoryEntry, ...]:
    assignment_id = task["id"]
    related: dict[str, str] = {assignment_id: "assignment"}
    related.update({v.id: "visit_attempt" for v in visits})
    related.update({e.id: "evidence_item" for e in evidence})
    related.update({c.id: "asset_control" for c in controls if c.assignment_id == assignment_id})
    related.update({n.id: "notice" for n in notices})
    services = connection.execute(
        select(ServiceRecord.id).where(ServiceRecord.notice_id.in_([n.id for n in notices]))
    ).scalars()
    related.update({s: "service_record" for s in services})

    ops = list(
        connection.execute(
            select(
                OutboxOp.record_id,
                OutboxOp.entity,
                OutboxOp.kind,
                OutboxOp.payload,
                OutboxOp.state,
                OutboxOp.last_error,
                OutboxOp.created_at,
            ).where(OutboxOp.record_id.in_(list(related)))
        )
    )
    entries: list[HistoryEntry] = []
    inserted_here = {op.record_id: op for op in ops if op.kind is OpKind.INSERT}
    creators = _creators(connection, related)
    for record_id, entity in related.items():
        created_at, created_by = creators.get(record_id, (None, None))
        if created_at is None:
            continue
        op = inserted_here.get(record_id)
        entries.append(
            HistoryEntry(
                at=created_at,
                kind="created" if entity == "assignment" else "recorded",
                entity=entity,
                record_id=record_id,
                who=names.get(created_by or "", created_by or ""),
                fields=(),
                state=str(op.state) if op else "central",
                error=op.last_error if op else "",
            )
        )
    for op in ops:
        if op.kind is OpKind.INSERT:
            continue
        entries.append(
            HistoryEntry(
                at=op.created_at,
                kind="deleted" if op.kind is OpKind.DELETE else "changed",
                entity=op.entity,
                record_id=op.record_id,
                who="",
                fields=_field_values(op.payload),
                state=str(op.state),
                error=op.last_error,
            )
        )
    if task["updated_at"] - task["created_at"] > timedelta(seconds=1) and not any(
        op.record_id == assignment_id
        and op.kind is OpKind.UPDATE
        and op.state is OutboxState.PENDING
        for op in ops
    ):
        # Changes that came from the central store carry only their latest time here.
        latest = task["updated_at"]
        if not any(e.at == latest for e in entries):
            entries.append(
                HistoryEntry(latest, "synced", "assignment", assignment_id, "", (), "central")
            )
    for c in connection.execute(
        select(
            Conflict.raised_at,
            Conflict.field,
            Conflict.device_value,
            Conflict.server_value,
            Conflict.resolution,
        ).where(Conflict.record_id == assignment_id)
    ):
        entries.append(
            HistoryEntry(
                c.raised_at,
                "conflict",
                "assignment",
                assignment_id,
                "",
                ((c.field, f"{c.device_value} / {c.server_value}"),),
                c.resolution or "open",
            )
        )
    for e in connection.execute(
        select(Escalation.raised_at, Escalation.level, Escalation.reason).where(
            Escalation.assignment_id == assignment_id
        )
    ):
        entries.append(
            HistoryEntry(
                e.raised_at,
                "escalated",
                "escalation",
                assignment_id,
                "",
                (("level", str(e.level)), ("reason", e.reason)),
                "central",
            )
        )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return tuple(entries)


def _creators(
    connection: Connection, related: dict[str, str]
) -> dict[str, tuple[datetime | None, str | None]]:
    found: dict[str, tuple[datetime | None, str | None]] = {}
    for entity in (
        "assignment",
        "visit_attempt",
        "evidence_item",
        "asset_control",
        "notice",
        "service_record",
    ):
        ids = [i for i, e in related.items() if e == entity]
        if not ids:
            continue
        table = TABLES[entity]
        for i, at, by in connection.execute(
            select(table.c.id, table.c.created_at, table.c.created_by).where(table.c.id.in_(ids))
        ):
            found[i] = (at, by)
    return found

"""Reading assignments for lists and groups, as plain rows (never live ORM objects)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, case, func, select
from sqlalchemy.orm import aliased

from fieldapp.domain.enums import AssignmentStatus, Matter, Priority
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.reference import Region, StaffMember

OPEN_STATUSES = (
    AssignmentStatus.REGISTERED,
    AssignmentStatus.ROUTED,
    AssignmentStatus.ASSIGNED,
    AssignmentStatus.IN_PROGRESS,
)


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    id: str
    registration_no: str
    case_number: str
    matter: Matter
    party_name: str
    address: str
    region_code: str | None
    region_name: str
    squad_code: str | None
    status: AssignmentStatus
    priority: Priority
    due_on: date | None
    officers: tuple[str, ...]

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today and self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class GroupCount:
    """Assignments of one squad, region and matter: how many, how many open and overdue."""

    squad_code: str | None
    region_code: str | None
    matter: Matter
    total: int
    open: int
    overdue: int


def group_counts(connection: Connection, today: date) -> list[GroupCount]:
    is_open = Assignment.status.in_([status.value for status in OPEN_STATUSES])
    overdue = is_open & (Assignment.due_on < today)
    query = (
        select(
            Assignment.squad_code,
            Assignment.region_code,
            Assignment.matter,
            func.count(),
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((overdue, 1), else_=0)),
        )
        .where(Assignment.deleted.is_(False))
        .group_by(Assignment.squad_code, Assignment.region_code, Assignment.matter)
        .order_by(Assignment.squad_code, Assignment.region_code, Assignment.matter)
    )
    return [
        GroupCount(squad, region, matter, total, open_ or 0, late or 0)
        for squad, region, matter, total, open_, late in connection.execute(query)
    ]


def list_assignments(
    connection: Connection,
    *,
    squad_code: str | None = None,
    region_code: str | None = None,
    matter: Matter | None = None,
    ids: Sequence[str] | None = None,
) -> list[AssignmentRow]:
    """Assignments with their case number, party, region name and officers' names."""
    officer = aliased(StaffMember)
    second = aliased(StaffMember)
    query = (
        select(
            Assignment.id,
            Assignment.registration_no,
            Case.case_number,
            Assignment.matter,
            Party.name,
            Assignment.address,
            Assignment.region_code,
            Region.name,
            Assignment.squad_code,
            Assignment.status,
            Assignment.priority,
            Assignment.due_on,
            officer.display_name,
            second.display_name,
        )
        .outerjoin(Case, Case.id == Assignment.case_id)
        .outerjoin(Party, Party.id == Assignment.party_id)
        .outerjoin(Region, Region.code == Assignment.region_code)
        .outerjoin(officer, officer.id == Assignment.officer_id)
        .outerjoin(second, second.id == Assignment.second_officer_id)
        .where(Assignment.deleted.is_(False))
        .order_by(Assignment.registration_no)
    )
    if squad_code is not None:
        query = query.where(Assignment.squad_code == squad_code)
    if region_code is not None:
        query = query.where(Assignment.region_code == region_code)
    if matter is not None:
        query = query.where(Assignment.matter == matter)
    if ids is not None:
        query = query.where(Assignment.id.in_(ids))
    return [
        AssignmentRow(
            id=row[0],
            registration_no=row[1],
            case_number=row[2] or "",
            matter=row[3],
            party_name=row[4] or "",
            address=row[5],
            region_code=row[6],
            region_name=row[7] or "",
            squad_code=row[8],
            status=row[9],
            priority=row[10],
            due_on=row[11],
            officers=tuple(name for name in (row[12], row[13]) if name),
        )
        for row in connection.execute(query)
    ]

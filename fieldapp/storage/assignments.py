"""Reading assignments for lists and groups, as plain rows (never live ORM objects)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Text,
    case,
    cast,
    func,
    select,
    type_coerce,
)
from sqlalchemy.orm import aliased

from fieldapp.domain.enums import AssignmentStatus, Matter, Priority
from fieldapp.storage.casework import Assignment, Case, Party
from fieldapp.storage.reference import Region, StaffMember

# SQLite refuses statements with more than 32,766 parameters: look ids up in pieces.
_ID_CHUNK = 10_000

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
    # `due_on` as `list_assignments` reads it is the stored one, counted without the deadline
    # clock's pauses; `services.paused_due` pushes it on for the rows that have pauses, sets
    # `has_pauses`, and `clock_stopped` with `due_on` None while an open pause stops the clock.
    has_pauses: bool = False
    clock_stopped: bool = False

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
    paused_late_ids: tuple[str, ...] = ()
    """The rows counted in `overdue` that have clock pauses: late by the stored due date, they
    may not be by the paused one. `services.paused_due` counts their pauses (and empties this)."""


def has_clock_pauses(dialect: str) -> ColumnElement[bool]:
    """SQL: whether the row stores any deadline clock pause (false or NULL when it has none).

    A test of the stored text, so the many rows without pauses stay on the plain path; a row
    it lets through wrongly (say "[ ]" or "null") is only read in full and counts the same.
    """
    if dialect == "sqlite":
        # The JSON text as stored, no function per row: this runs inside 100,000-row scans.
        return type_coerce(Assignment.clock_pauses, Text) != "[]"
    return func.coalesce(cast(Assignment.clock_pauses, Text), "[]").not_in(("[]", "null"))


def ids_with_pauses(connection: Connection) -> set[str]:
    """The ids of the rows that store clock pauses (one scan of the table, no joins)."""
    query = select(Assignment.id).where(
        Assignment.deleted.is_(False), has_clock_pauses(connection.dialect.name)
    )
    return set(connection.execute(query).scalars())


def group_counts(connection: Connection, today: date) -> list[GroupCount]:
    """Counts per squad, region and matter, in one pass over the table.

    `overdue` goes by the stored due date, counted without the clock's pauses; the rows with
    pauses among them are named in `paused_late_ids`. Pauses only push a due date on, so no
    other row with pauses can be late.
    """
    is_open = Assignment.status.in_([status.value for status in OPEN_STATUSES])
    late = is_open & (Assignment.due_on < today)
    paused = has_clock_pauses(connection.dialect.name)
    query = (
        select(
            Assignment.squad_code,
            Assignment.region_code,
            Assignment.matter,
            func.count(),
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((late, 1), else_=0)),
            # The cheap test of the stored text first: nearly every row stops there.
            func.aggregate_strings(case((paused, case((late, Assignment.id)))), ","),
        )
        .where(Assignment.deleted.is_(False))
        .group_by(Assignment.squad_code, Assignment.region_code, Assignment.matter)
        .order_by(Assignment.squad_code, Assignment.region_code, Assignment.matter)
    )
    return [
        GroupCount(
            squad,
            region,
            matter,
            total,
            open_ or 0,
            overdue or 0,
            tuple(ids.split(",")) if ids else (),
        )
        for squad, region, matter, total, open_, overdue, ids in connection.execute(query)
    ]


@dataclass(frozen=True, slots=True)
class PauseFacts:
    """What counting a row's clock pauses needs: when it was received, its due date without
    pauses and the stored pauses (as stored; the domain reads them)."""

    id: str
    received_at: datetime
    due_on: date | None
    clock_pauses: Any


def _pause_facts_query(dialect: str) -> Any:
    return select(
        Assignment.id,
        Assignment.received_at,
        Assignment.due_on,
        Assignment.clock_pauses,
    ).where(Assignment.deleted.is_(False), has_clock_pauses(dialect))


def _facts(rows: Any) -> list[PauseFacts]:
    return [PauseFacts(*row) for row in rows]


def pause_facts(connection: Connection, ids: Sequence[str]) -> dict[str, PauseFacts]:
    """The pause facts of those of `ids` that have pauses (ask only for rows that have)."""
    found: dict[str, PauseFacts] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        query = _pause_facts_query(connection.dialect.name).where(Assignment.id.in_(chunk))
        found.update((facts.id, facts) for facts in _facts(connection.execute(query)))
    return found


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
